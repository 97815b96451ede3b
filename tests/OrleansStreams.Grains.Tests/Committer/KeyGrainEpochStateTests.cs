using OrleansStreams.Grains.Committer;
using OrleansStreams.Pipelines;

namespace OrleansStreams.Grains.Tests.Committer;

/// <summary>The due index of a pipeline with its own key grain across generations: only an index whose epoch committed survives.</summary>
public sealed class KeyGrainEpochStateTests
{
    private static readonly PipelineDefinition Pipeline = OrleansStreams.Pipelines.Pipeline.Create("custom").From("in").ProcessWith<OrleansStreams.Keys.IKeyGrain>();

    [Fact]
    public async Task Begin_PendingIndexOfTheCommittedEpoch_BecomesTheCommittedOne()
    {
        var stored = new StoredState { PendingDue = Due(epoch: 5, "a"), CommittedDue = Due(epoch: 4, "old") };

        var start = await new KeyGrainEpochState(Pipeline, 0, null!, stored, 1).BeginAsync(2, 700, new EpochMetadata(5, 1_000));

        Assert.Equal(["a"], start.Due.Keys);
        Assert.Equal((700L, 1_000L), (start.ReplayFrom, start.ReplayStreamTime));
        Assert.Null(stored.State.PendingDue);
        Assert.Equal(1, stored.Writes);
    }

    [Fact]
    public async Task Begin_PendingIndexOfAnEpochThatNeverCommitted_Discarded()
    {
        var stored = new StoredState { PendingDue = Due(epoch: 6, "never"), CommittedDue = Due(epoch: 4, "kept") };

        var start = await new KeyGrainEpochState(Pipeline, 0, null!, stored, 1).BeginAsync(2, 700, new EpochMetadata(5, 1_000));

        Assert.Equal(["kept"], start.Due.Keys);
        Assert.Null(stored.State.PendingDue);
    }

    [Fact]
    public async Task Begin_CommittedIndexNewerThanTheCommittedOffset_NotUsed()
    {
        // Offsets reset by another tool: the stored index belongs to epochs the committed metadata does not know.
        var stored = new StoredState { CommittedDue = Due(epoch: 9, "ahead") };

        var start = await new KeyGrainEpochState(Pipeline, 0, null!, stored, 1).BeginAsync(2, -1, EpochMetadata.None);

        Assert.Empty(start.Due.Keys);
        Assert.Equal(0, stored.Writes);
    }

    private static DueSnapshot Due(long epoch, string key) => new() { Epoch = epoch, Keys = [key], DueTimes = [1] };

    private sealed class StoredState : IPersistentState<CommitterState>
    {
        public CommitterState State { get; set; } = new();

        public DueSnapshot? PendingDue { init => State.PendingDue = value; }

        public DueSnapshot? CommittedDue { init => State.CommittedDue = value; }

        public int Writes { get; private set; }

        public string? Etag => null;

        public bool RecordExists => true;

        public Task ClearStateAsync() => throw new NotSupportedException();

        public Task ReadStateAsync() => Task.CompletedTask;

        public Task WriteStateAsync()
        {
            Writes++;
            return Task.CompletedTask;
        }
    }
}
