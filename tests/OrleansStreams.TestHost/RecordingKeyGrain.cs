using OrleansStreams.Keys;
using OrleansStreams.Records;

namespace OrleansStreams.TestHost;

/// <summary>
/// Writes (key, partition, offset, generation, the sending agent's silo) of every applied record to
/// PostgreSQL before acknowledging, in the order it applied them — an independent witness of what
/// the partition agents delivered. Skips nothing: at-least-once replays show up as duplicates.
/// </summary>
internal sealed class RecordingKeyGrain(AppliedRecordSink sink) : Grain, IRecordingKeyGrain
{
    public async ValueTask<ApplyResult> Apply(KeyBatch batch)
    {
        var key = this.GetPrimaryKeyString();
        await sink.WriteAsync(key[(key.IndexOf('/', StringComparison.Ordinal) + 1)..], batch, batch.AgentSilo ?? "unknown");
        return ApplyResult.Done;
    }

    public ValueTask<FlushResult> Flush(FlushRequest request) => ValueTask.FromResult(FlushResult.Empty);
}
