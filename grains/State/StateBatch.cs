using OrleansStreams.Records;

namespace OrleansStreams.Grains.State;

/// <summary>Records of one partition for its state grain, in offset order, with the key the pipeline chose for each.</summary>
[GenerateSerializer, Immutable, Alias("OrleansStreams.StateBatch")]
internal sealed class StateBatch
{
    [Id(0)]
    public required long Generation { get; init; }

    [Id(1)]
    public required StreamRecord[] Records { get; init; }

    /// <summary>Aligned with <see cref="Records"/>.</summary>
    [Id(2)]
    public required string[] Keys { get; init; }

    /// <summary>
    /// The epoch the records belong to: the agent ends epochs only between batches, so every record
    /// of a batch falls in one epoch, and no earlier epoch's record comes after it.
    /// </summary>
    [Id(3)]
    public required long Epoch { get; init; }
}
