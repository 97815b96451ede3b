namespace OrleansStreams.Grains.Committer;

/// <summary>The result of a committed epoch, as the agent needs it.</summary>
[GenerateSerializer, Immutable, Alias("OrleansStreams.EpochOutcome")]
internal sealed class EpochOutcome
{
    /// <summary>The flushed keys, aligned with <see cref="NextDueTimes"/>.</summary>
    [Id(0)]
    public required string[] FlushedKeys { get; init; }

    /// <summary>Each flushed key's next due time (<see cref="long.MaxValue"/> for none).</summary>
    [Id(1)]
    public required long[] NextDueTimes { get; init; }

    /// <summary>Records produced by the epoch, per output kind: results, late records, dead letters.</summary>
    [Id(2)]
    public required int[] OutputsByKind { get; init; }

    /// <summary>Bytes of key-grain state written by the epoch.</summary>
    [Id(3)]
    public long StateBytesWritten { get; init; }
}
