namespace OrleansStreams.Grains.Committer;

/// <summary>The keys of a partition with work due, and when, as of an epoch.</summary>
[GenerateSerializer, Immutable, Alias("OrleansStreams.DueSnapshot")]
internal sealed class DueSnapshot
{
    public static DueSnapshot Empty { get; } = new() { Epoch = 0, Keys = [], DueTimes = [] };

    [Id(0)]
    public required long Epoch { get; init; }

    [Id(1)]
    public required string[] Keys { get; init; }

    [Id(2)]
    public required long[] DueTimes { get; init; }
}
