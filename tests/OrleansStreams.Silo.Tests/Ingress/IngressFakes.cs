using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;
using OrleansStreams.Grains.Committer;
using OrleansStreams.Ingress;
using OrleansStreams.Keys;
using OrleansStreams.Pipelines;
using OrleansStreams.Records;

namespace OrleansStreams.Silo.Tests.Ingress;

public interface ITestKeyGrain : IKeyGrain;

/// <summary>A partition source fed by the test.</summary>
internal sealed class FakeSource : IPartitionSource
{
    private readonly Channel<ConsumedRecord[]> _channel = Channel.CreateUnbounded<ConsumedRecord[]>();
    private int _written;

    public ChannelReader<ConsumedRecord[]> Records => _channel.Reader;

    public long HighWatermark => -1;

    public int Unread => _written - ReadSoFar;

    public int ReadSoFar { get; private set; }

    public static ConsumedRecord Record(long offset, string? key, long timestamp = 1_000, string value = "{}") =>
        new(offset, timestamp, key is null ? null : Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(value), null);

    public void Write(params ConsumedRecord[] chunk)
    {
        _written += chunk.Length;
        _channel.Writer.TryWrite(chunk);
    }

    public void Fail(Exception e) => _channel.Writer.TryComplete(e);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    internal void CountRead(int n) => ReadSoFar += n;
}

/// <summary>A committer that records plans and answers like a successful commit.</summary>
internal sealed class FakeCommitter : IPartitionCommitter
{
    public ConcurrentQueue<EpochPlan> Plans { get; } = new();

    public Func<EpochPlan, Exception?> Fail { get; set; } = _ => null;

    public Task<GenerationStart> BeginGenerationAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    /// <summary>Runs before a plan's commit is answered; the answer waits for it.</summary>
    public Func<EpochPlan, Task> BeforeAnswer { get; set; } = _ => Task.CompletedTask;

    public async Task<EpochOutcome> CommitEpochAsync(EpochPlan plan, CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (Fail(plan) is { } error)
        {
            throw error;
        }

        Plans.Enqueue(plan);
        await BeforeAnswer(plan);
        return new EpochOutcome
        {
            FlushedKeys = plan.FlushKeys,
            NextDueTimes = [.. plan.FlushKeys.Select(_ => long.MaxValue)],
            OutputsByKind = [0, 0, plan.AgentOutputs.Length],
        };
    }

    public Task ReleaseAsync(long generation) => Task.CompletedTask;
}

/// <summary>Key grains as plain objects: they record what they are given and check the agent's promises.</summary>
internal sealed class FakeGrains
{
    private readonly ConcurrentDictionary<string, FakeKeyGrain> _grains = new();

    public Func<string, KeyBatch, Task<ApplyResult>>? Behaviour { get; set; }

    public TaskCompletionSource? Gate { get; set; }

    public int ConcurrentViolations;

    public int MaxInFlight;

    private int _inFlight;

    public IReadOnlyDictionary<string, FakeKeyGrain> Grains => _grains;

    public long Applied => _grains.Values.Sum(g => g.Offsets.Count);

    public IKeyGrain Get(string key) => _grains.GetOrAdd(key, k => new FakeKeyGrain(k, this));

    internal sealed class FakeKeyGrain(string key, FakeGrains owner) : ITestKeyGrain
    {
        private int _busy;

        public List<long> Offsets { get; } = [];

        public List<long> PreviousOffsets { get; } = [];

        public async ValueTask<ApplyResult> Apply(KeyBatch batch)
        {
            if (Interlocked.Exchange(ref _busy, 1) == 1)
            {
                Interlocked.Increment(ref owner.ConcurrentViolations);
            }

            var now = Interlocked.Increment(ref owner._inFlight);
            InterlockedMax(ref owner.MaxInFlight, now);
            try
            {
                if (owner.Gate is { } gate)
                {
                    await gate.Task;
                }

                await Task.Yield();
                var result = owner.Behaviour is null ? ApplyResult.Done : await owner.Behaviour(key, batch);
                if (result.Status == ApplyStatus.Applied)
                {
                    lock (Offsets)
                    {
                        PreviousOffsets.Add(batch.PreviousOffset);
                        Offsets.AddRange(batch.Records.Select(r => r.Offset));
                    }
                }

                return result;
            }
            finally
            {
                Interlocked.Decrement(ref owner._inFlight);
                Volatile.Write(ref _busy, 0);
            }
        }

        public ValueTask<FlushResult> Flush(FlushRequest request) => ValueTask.FromResult(FlushResult.Empty);

        private static void InterlockedMax(ref int target, int value)
        {
            int current;
            while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
            {
            }
        }
    }
}

/// <summary>Runs one generation against the fakes.</summary>
internal sealed class GenerationHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();

    public GenerationHarness(AgentLimits? limits = null, long startOffset = 0)
    {
        Pipeline = OrleansStreams.Pipelines.Pipeline.Create("test").From("input").ProcessWith<ITestKeyGrain>();
        var start = new GenerationStart
        {
            Generation = 7, CommittedEpoch = 3, StartOffset = startOffset, StreamTime = long.MinValue, Due = DueSnapshot.Empty, ReplayFrom = startOffset, ReplayStreamTime = long.MinValue,
        };
        Limits = limits ?? new AgentLimits(16, 50, 10_000, TimeSpan.FromMilliseconds(20), 100_000, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        var signal = new AsyncSignal();
        var router = new KeyGrainRouter(Pipeline, 2, start, Grains.Get, Limits, signal, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var run = new GenerationRun(Pipeline, 2, start, new CountingSource(Source), Committer, router, signal, Limits, Counters, TimeProvider.System);
        Running = Task.Run(() => run.RunAsync(_stop.Token));
    }

    public PipelineDefinition Pipeline { get; }

    public AgentLimits Limits { get; }

    public FakeSource Source { get; } = new();

    public FakeCommitter Committer { get; } = new();

    public FakeGrains Grains { get; } = new();

    public PartitionCounters Counters { get; } = new();

    public Task Running { get; }

    public async Task WaitUntil(Func<bool> condition, string what)
    {
        var deadline = Task.Delay(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (Running.IsFaulted)
            {
                await Running;
            }

            if (deadline.IsCompleted)
            {
                throw new TimeoutException($"not reached within 30 s: {what}");
            }

            await Task.Delay(5);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Running.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is OperationCanceledException or GenerationFailedException)
        {
        }

        _stop.Dispose();
    }

    /// <summary>Counts what the run takes out of the source.</summary>
    private sealed class CountingSource(FakeSource inner) : IPartitionSource
    {
        private readonly CountingReader _reader = new(inner);

        public ChannelReader<ConsumedRecord[]> Records => _reader;

        public long HighWatermark => inner.HighWatermark;

        public ValueTask DisposeAsync() => inner.DisposeAsync();

        private sealed class CountingReader(FakeSource source) : ChannelReader<ConsumedRecord[]>
        {
            public override Task Completion => source.Records.Completion;

            public override bool TryRead(out ConsumedRecord[] item)
            {
                if (source.Records.TryRead(out item!))
                {
                    source.CountRead(item.Length);
                    return true;
                }

                return false;
            }

            public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) => source.Records.WaitToReadAsync(cancellationToken);
        }
    }
}
