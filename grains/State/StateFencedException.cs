namespace OrleansStreams.Grains.State;

/// <summary>A write of a partition's state carried a generation older than the partition's current one.</summary>
[GenerateSerializer, Alias("OrleansStreams.StateFencedException")]
internal sealed class StateFencedException : Exception
{
    public StateFencedException()
    {
    }

    public StateFencedException(string message)
        : base(message)
    {
    }

    public StateFencedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StateFencedException(string pipeline, int partition, long generation, long current)
        : base($"state of {pipeline}/{partition} is fenced: generation {generation} is older than the current generation {current}")
    {
    }
}
