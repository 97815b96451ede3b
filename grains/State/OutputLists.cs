using OrleansStreams.Keys;

namespace OrleansStreams.Grains.State;

/// <summary>
/// The lists that carry an epoch's outputs from a partition state grain to its committer and back, so
/// that they are neither copied nor allocated anew each epoch: when a million keys' windows close at once,
/// a fresh array per epoch is tens of megabytes on the large-object heap, and those pile up between full
/// collections. The state grain rents one per flush and hands it over in <see cref="StateFlushResult.Outputs"/>;
/// the committer returns it once the epoch committed, never after a failure (an abandoned Kafka call may
/// still be reading it). A list from another silo (a remote call delivers a copy) is as good as any.
/// </summary>
internal static class OutputLists
{
    private static readonly ReusePool<List<OutputRecord>> Pool = new(16, list => list.Clear());

    public static List<OutputRecord> Rent() => Pool.Rent();

    /// <summary>Empties the list (it holds no outputs while kept) and keeps it, unless enough are kept already.</summary>
    public static void Return(List<OutputRecord> list) => Pool.Return(list);
}
