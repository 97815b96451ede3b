using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;
using OrleansStreams.Bench.Harness;
using OrleansStreams.Bench.Windowed;
using OrleansStreams.Client;
using OrleansStreams.Client.Querying;
using OrleansStreams.Queries;

namespace OrleansStreams.Bench.Peer;

/// <summary>
/// OrleansStreams: the real silo host (<see cref="InProcessSilo"/>) running the windowed-count pipeline
/// (<see cref="WindowedCountPipeline"/>, the worker's emit mode and output topic), exactly-once, commit
/// interval 1 s, then the storage settings and every <c>--silo</c> setting the parent passed (later wins).
/// The silo is started before the clock (as in <c>windowed</c>): its agents start reading right after.
/// Watched: the pipeline publishes its results, and a watch of every key (the SDK's, over the silo's
/// own stream provider) counts them as they arrive.
/// </summary>
internal sealed class OrleansSystem(WorkerSpec spec) : IPeerSystem
{
    private readonly StateBytesListener _stateBytes = new();
    private InProcessSilo? _silo;
    private long _stateBytesAtBegin;
    private IResultWatch? _watch;
    private Task? _watching;
    private long _watched;

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        string[] settings =
        [
            $"--OrleansStreams:Kafka:BootstrapServers={spec.Bootstrap}",
            $"--OrleansStreams:Kafka:GroupId={spec.Group}",
            "--OrleansStreams:Processing:Guarantee=ExactlyOnce",
            "--OrleansStreams:Processing:CommitInterval=1s",
            "--OrleansStreams:Metrics:Listen=127.0.0.1:0",
            .. spec.Settings,
        ];
        _silo = await InProcessSilo.StartAsync(settings, services => services.AddOrleansStreamsPipeline(WindowedCountPipeline.Create(spec.Mode, spec.Output, spec.Watched)), cancellationToken);
        if (spec.Watched)
        {
            var services = _silo.Services;
            // Subscribed with the known partition count: the SDK's WatchAsync would first wait for a status
            // report, while the agents, already started, read ahead of the clock.
            var transport = new OrleansQueryTransport(services.GetRequiredService<IGrainFactory>(), () => services.GetRequiredKeyedService<IStreamProvider>(ResultStreams.ProviderName));
            _watch = await ResultWatch.StartAsync(transport, WindowedCountPipeline.Name, key: null, spec.Partitions, cancellationToken);
            _watching = Task.Run(async () =>
            {
                await foreach (var _ in _watch)
                {
                    Interlocked.Increment(ref _watched);
                }
            }, CancellationToken.None);
        }
    }

    public Task BeginAsync(CancellationToken cancellationToken)
    {
        _stateBytesAtBegin = _stateBytes.Bytes;
        return Task.CompletedTask;
    }

    public long? StateBytesWritten => _stateBytes.Bytes - _stateBytesAtBegin;

    public string Summary()
    {
        var (recordsIn, results, dead, generations) = _silo!.Totals();
        var watched = _watch is null ? string.Empty : $", {Interlocked.Read(ref _watched):N0} results watched";
        return $"{recordsIn:N0} records read, {results:N0} results, {dead:N0} dead-lettered, {generations} generations{watched}";
    }

    public async ValueTask DisposeAsync()
    {
        if (_watch is not null)
        {
            await _watch.DisposeAsync();
            await _watching!;
        }

        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        _stateBytes.Dispose();
    }
}
