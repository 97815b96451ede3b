using System.Text.Json.Serialization;

namespace OrleansStreams.Client.Querying;

/// <summary>Source-generated JSON metadata for the few values the SDK serializes.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class WindowStateJson : JsonSerializerContext;
