using OrleansStreams.Keys;

namespace OrleansStreams.Ingress;

/// <summary>A finished key-grain call, handed back to the agent loop.</summary>
internal readonly record struct ApplyCompletion(KeyState Key, ApplyResult Result, Exception? Error);
