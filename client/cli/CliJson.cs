using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansStreams.Client.Cli;

/// <summary>Source-generated JSON metadata for what the tool serializes whole.</summary>
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class CliJson : JsonSerializerContext;
