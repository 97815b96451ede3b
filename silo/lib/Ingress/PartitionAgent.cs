using Microsoft.Extensions.Logging;
using OrleansStreams.Grains.Committer;
using OrleansStreams.Grains.Telemetry;
using OrleansStreams.Pipelines;

namespace OrleansStreams.Ingress;

/// <summary>
/// The pulling agent of one (pipeline, input partition), running on the silo that owns the
/// partition. It runs generations one after another: each starts at the committed offset, and any
/// failure ends it and starts the next — the partition resumes with no operator action.
/// </summary>
internal sealed class PartitionAgent(
    PipelineDefinition pipeline,
    int partition,
    IPartitionSourceFactory sources,
    IPartitionCommitter committer,
    Func<GenerationStart, AsyncSignal, IRecordRouter> routers,
    AgentLimits limits,
    string groupId,
    TimeProvider time,
    RecordTraces traces,
    ILogger logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _running;

    public PipelineDefinition Pipeline => pipeline;

    public int Partition => partition;

    public PartitionCounters Counters { get; } = new();

    public void Start() => _running = Task.Run(() => RunAsync(_stop.Token));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_running is not null)
        {
            await _running;
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var generation = -1L;
        while (!cancellationToken.IsCancellationRequested)
        {
            Counters.Recovering(time.GetUtcNow());
            try
            {
                var start = await committer.BeginGenerationAsync(cancellationToken);
                generation = start.Generation;
                Counters.AddGeneration();
                IngressLog.GenerationStarted(logger, pipeline.Name, partition, start.Generation, start.CommittedEpoch, start.StartOffset, start.ReplayFrom);
                await using var source = sources.Open(pipeline.InputTopic, partition, start.ReplayFrom, groupId);
                var signal = new AsyncSignal();
                var run = new GenerationRun(pipeline, partition, start, source, committer, routers(start, signal), signal, limits, Counters, time, traces);
                await run.RunAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                IngressLog.GenerationFailed(logger, pipeline.Name, partition, generation, e);
                try
                {
                    await Task.Delay(limits.RetryBackoff, time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        if (generation >= 0)
        {
            try
            {
                await committer.ReleaseAsync(generation);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                IngressLog.ReleaseFailed(logger, pipeline.Name, partition, e);
            }
        }

        IngressLog.AgentStopped(logger, pipeline.Name, partition);
    }
}
