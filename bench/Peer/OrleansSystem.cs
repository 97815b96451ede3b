using Microsoft.Extensions.DependencyInjection;
using OrleansStreams.Bench.Harness;
using OrleansStreams.Bench.Windowed;

namespace OrleansStreams.Bench.Peer;

/// <summary>
/// OrleansStreams: the real silo host (<see cref="InProcessSilo"/>) running the windowed-count pipeline
/// (<see cref="WindowedCountPipeline"/>, the worker's emit mode and output topic), exactly-once, commit
/// interval 1 s, then the storage settings and every <c>--silo</c> setting the parent passed (later wins).
/// The silo is started before the clock (as in <c>windowed</c>): its agents start reading right after.
/// </summary>
internal sealed class OrleansSystem(WorkerSpec spec) : IPeerSystem
{
    private readonly StateBytesListener _stateBytes = new();
    private InProcessSilo? _silo;
    private long _stateBytesAtBegin;

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        string[] settings =
        [
            $"--Kafka:BootstrapServers={spec.Bootstrap}",
            $"--Kafka:GroupId={spec.Group}",
            "--Processing:Guarantee=ExactlyOnce",
            "--Processing:CommitInterval=1s",
            "--Metrics:Listen=127.0.0.1:0",
            .. spec.Settings,
        ];
        _silo = await InProcessSilo.StartAsync(settings, services => services.AddOrleansStreamsPipeline(WindowedCountPipeline.Create(spec.Mode, spec.Output)), cancellationToken);
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
        return $"{recordsIn:N0} records read, {results:N0} results, {dead:N0} dead-lettered, {generations} generations";
    }

    public async ValueTask DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        _stateBytes.Dispose();
    }
}
