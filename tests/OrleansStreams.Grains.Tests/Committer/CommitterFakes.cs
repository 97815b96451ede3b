using System.Diagnostics.Metrics;
using OrleansStreams.Grains.Committer;
using OrleansStreams.Grains.State;
using OrleansStreams.Keys;
using OrleansStreams.Pipelines;

namespace OrleansStreams.Grains.Tests.Committer;

/// <summary>An epoch sink that records what it is asked to do; it can fail or block any call.</summary>
internal sealed class FakeSink(List<string> journal, int number) : IEpochSink
{
    private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public (long Offset, EpochMetadata Metadata) CommittedPosition { get; set; } = (-1, EpochMetadata.None);

    public List<(long Epoch, OutputRecord[] Outputs, long EndOffset, EpochMetadata Metadata)> Commits { get; } = [];

    /// <summary>Thrown by the next commit, when set.</summary>
    public Exception? FailCommit { get; set; }

    /// <summary>When set, <see cref="Fence"/> or <see cref="Commit"/> blocks until it is set.</summary>
    public ManualResetEventSlim? Hold { get; set; }

    /// <summary>Completes once a held call has started.</summary>
    public Task Entered => _entered.Task;

    public Task Disposed => _disposed.Task;

    public bool IsDisposed => _disposed.Task.IsCompleted;

    public void Fence()
    {
        journal.Add($"fence {number}");
        Block();
    }

    public (long Offset, EpochMetadata Metadata) ReadCommitted() => CommittedPosition;

    public void Commit(long epoch, IReadOnlyList<OutputRecord> outputs, long endOffset, EpochMetadata metadata)
    {
        Block();
        if (FailCommit is { } failure)
        {
            FailCommit = null;
            throw failure;
        }

        Commits.Add((epoch, [.. outputs], endOffset, metadata));
        journal.Add($"commit {number} epoch {epoch}");
    }

    public void Dispose()
    {
        journal.Add($"dispose {number}");
        _disposed.TrySetResult();
    }

    private void Block()
    {
        if (Hold is { } hold)
        {
            _entered.TrySetResult();
            hold.Wait();
        }
    }
}

/// <summary>Opens <see cref="FakeSink"/>s, numbered from 1, each configured by <see cref="Configure"/>.</summary>
internal sealed class FakeSinkFactory : IEpochSinkFactory
{
    public List<string> Journal { get; } = [];

    public List<FakeSink> Opened { get; } = [];

    public Action<FakeSink> Configure { get; set; } = _ => { };

    public FakeSink Last => Opened[^1];

    public IEpochSink Open(PipelineDefinition pipeline, int partition)
    {
        var sink = new FakeSink(Journal, Opened.Count + 1);
        Configure(sink);
        Opened.Add(sink);
        Journal.Add($"open {Opened.Count}");
        return sink;
    }
}

/// <summary>A state side whose flushes release the outputs a test queues.</summary>
internal sealed class FakeEpochState : IEpochState
{
    public long ReplayFrom { get; set; } = -2;

    public Queue<OutputRecord[]> Releases { get; } = new();

    public EpochMetadata? MetadataToCommit { get; set; }

    public List<long> Begun { get; } = [];

    public List<FlushedEpoch> CommittedEpochs { get; } = [];

    public List<long> Released { get; } = [];

    public Task<EpochStateStart> BeginAsync(long generation, long committedOffset, EpochMetadata committed)
    {
        Begun.Add(generation);
        return Task.FromResult(new EpochStateStart(ReplayFrom == -2 ? committedOffset : ReplayFrom, committed.StreamTime, DueSnapshot.Empty));
    }

    public Task<FlushedEpoch> FlushAsync(EpochPlan plan)
    {
        var outputs = OutputLists.Rent();
        outputs.AddRange(Releases.TryDequeue(out var released) ? released : []);
        return Task.FromResult(new FlushedEpoch(outputs, [], 0, 0, MetadataToCommit ?? new EpochMetadata(plan.Epoch, plan.StreamTime)));
    }

    public void Committed(FlushedEpoch flushed) => CommittedEpochs.Add(flushed);

    public Task ReleaseAsync(long generation)
    {
        Released.Add(generation);
        return Task.CompletedTask;
    }
}

/// <summary>Counts generations as the key state store does; nothing else of the store is used by the committer.</summary>
internal sealed class FakeGenerations : IKeyStateStore
{
    public long Current { get; private set; }

    public Task<long> BeginGenerationAsync(string pipeline, int partition, CancellationToken cancellationToken = default) => Task.FromResult(++Current);

    public Task RollBackAsync(string pipeline, int partition, long generation, long checkpoint, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public IAsyncEnumerable<KeyStateRow> LoadAsync(string pipeline, int partition, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<CheckpointWriteResult> WriteCheckpointAsync(string pipeline, int partition, long generation, long checkpoint, IReadOnlyList<KeyStateRow> rows, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<IReadOnlyDictionary<string, int>> FindOwnersAsync(string pipeline, IReadOnlyList<string> keys, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}

internal sealed class TestMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options);
        _meters.Add(meter);
        return meter;
    }

    public void Dispose() => _meters.ForEach(m => m.Dispose());
}
