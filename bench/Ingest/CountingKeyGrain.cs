using OrleansStreams.Keys;
using OrleansStreams.Records;

namespace OrleansStreams.Bench.Ingest;

/// <summary>
/// A key grain that does almost nothing: it adds the batch size to a process-wide counter and
/// acknowledges. What the ingest benchmark measures is therefore the ingress itself — consumer,
/// intake, per-key batching, grain calls and safe-offset bookkeeping.
/// </summary>
internal sealed class CountingKeyGrain : Grain, ICountingKeyGrain
{
    private static long s_applied;

    /// <summary>Records applied by every counting grain of this process.</summary>
    public static long Applied => Interlocked.Read(ref s_applied);

    public static void Reset() => Interlocked.Exchange(ref s_applied, 0);

    public ValueTask<ApplyResult> Apply(KeyBatch batch)
    {
        Interlocked.Add(ref s_applied, batch.Records.Length);
        return ValueTask.FromResult(ApplyResult.Done);
    }

    public ValueTask<FlushResult> Flush(FlushRequest request) => ValueTask.FromResult(FlushResult.Empty);
}
