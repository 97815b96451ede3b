namespace OrleansStreams.Ingress;

/// <summary>The current generation of a partition cannot continue; the agent starts a new one.</summary>
internal sealed class GenerationFailedException(string message, Exception? inner = null) : Exception(message, inner);
