using System.Text.Json;
using OrleansStreams.Grains.State;
using OrleansStreams.Queries;
using OrleansStreams.Records;
using OrleansStreams.Windows;
using static OrleansStreams.Grains.Tests.State.PartitionStateFixtures;

namespace OrleansStreams.Grains.Tests.State;

public sealed class PartitionStateQueryTests
{
    private const long Minute = 60_000;

    [Fact]
    public void Query_RecordsOfAnUncommittedEpoch_AreInLatestButNotInCommitted()
    {
        var state = NewState(Demo());
        state.Committed(0);
        ApplyInEpoch(state, 1, Reading(0, T0 + 1_000, T0 + 1_000, 2), Reading(1, T0 + 2_000, T0 + 2_000, 3));

        var committed = Query(state, QueryConsistency.Committed);
        var latest = Query(state, QueryConsistency.Latest);
        state.Committed(1);
        var afterCommit = Query(state, QueryConsistency.Committed);

        Assert.False(committed.Found);
        Assert.Equal([(T0, T0 + Minute, 2L)], Counts(latest));
        Assert.Equal([(T0, T0 + Minute, 2L)], Counts(afterCommit));
    }

    [Fact]
    public void Query_CommitsLaggingTwoEpochs_CommittedShowsExactlyTheCommittedEpochs()
    {
        var state = NewState(Demo());
        state.Committed(0);
        ApplyInEpoch(state, 1, Reading(0, T0 + 1_000, T0 + 1_000, 1));
        ApplyInEpoch(state, 2, Reading(1, T0 + 2_000, T0 + 2_000, 1), Reading(2, T0 + 3_000, T0 + 3_000, 1));
        ApplyInEpoch(state, 3, Reading(3, T0 + Minute + 1, T0 + Minute + 1, 1));

        var atZero = Query(state, QueryConsistency.Committed);
        state.Committed(1);
        var atOne = Counts(Query(state, QueryConsistency.Committed));
        state.Committed(2);
        var atTwo = Counts(Query(state, QueryConsistency.Committed));
        state.Committed(3);
        var atThree = Counts(Query(state, QueryConsistency.Committed));

        Assert.False(atZero.Found);
        Assert.Equal([(T0, T0 + Minute, 1L)], atOne);
        Assert.Equal([(T0, T0 + Minute, 3L)], atTwo);
        Assert.Equal([(T0, T0 + Minute, 3L), (T0 + Minute, T0 + (2 * Minute), 1L)], atThree);
    }

    [Fact]
    public void Query_RecordsBelowTheImageOffset_CountAsCommittedReplay()
    {
        var state = NewState(Demo());
        state.Committed(4);
        state.Apply([Reading(0, T0 + 1_000, T0 + 1_000, 1), Reading(1, T0 + 2_000, T0 + 2_000, 1), Reading(2, T0 + 3_000, T0 + 3_000, 1)], [Key, Key, Key], NoForeignKeys, epoch: 5, imageFrom: 2);

        // Offsets 0 and 1 are replays of committed epochs; offset 2 is new in epoch 5.
        Assert.Equal([(T0, T0 + Minute, 2L)], Counts(Query(state, QueryConsistency.Committed)));
        Assert.Equal([(T0, T0 + Minute, 3L)], Counts(Query(state, QueryConsistency.Latest)));
    }

    [Fact]
    public void Query_Final_FollowsTheCommittedStreamTimeForCommittedAndTheCloseForLatest()
    {
        var state = NewState(Sensors(WindowSpec.Tumbling(TimeSpan.FromMinutes(1)).WithGrace(TimeSpan.FromSeconds(10)).WithRetention(TimeSpan.FromMinutes(5)), EmitMode.Final));
        state.Committed(0);
        ApplyInEpoch(state, 1, Reading(0, T0 + 1_000, T0 + 1_000, 1), Reading(1, T0 + Minute + 20_000, T0 + Minute + 20_000, 1));
        Flush(state, T0 + Minute + 20_000, 2);

        var uncommitted = Query(state, QueryConsistency.Latest, committedStreamTime: T0 + 1_000);
        var stillOpen = Query(state, QueryConsistency.Committed, committedStreamTime: T0 + Minute + 9_999);
        state.Committed(1);
        var closed = Query(state, QueryConsistency.Committed, committedStreamTime: T0 + Minute + 10_000);

        Assert.Equal([true, false], uncommitted.Windows.Select(w => w.Final));
        Assert.Empty(stillOpen.Windows); // nothing of epoch 1 is committed yet
        Assert.Equal([true, false], closed.Windows.Select(w => w.Final));
    }

    [Fact]
    public void Query_TimeRange_ReturnsTheWindowsOverlappingIt()
    {
        var state = NewState(Sensors(WindowSpec.Tumbling(TimeSpan.FromMinutes(1)).WithGrace(TimeSpan.FromSeconds(10)).WithRetention(TimeSpan.FromMinutes(10)), EmitMode.Final));
        state.Committed(1);
        ApplyInEpoch(state, 1, Reading(0, T0 + 1, T0 + 1, 1), Reading(1, T0 + Minute + 1, T0 + Minute + 1, 1), Reading(2, T0 + (2 * Minute) + 1, T0 + (2 * Minute) + 1, 1));

        var answer = state.Query([Key, "unknown"], QueryConsistency.Latest, T0 + Minute, T0 + (2 * Minute), long.MinValue);

        Assert.Equal([T0 + Minute], answer[0].Windows.Select(w => w.Start));
        Assert.Same(StoredKeyWindows.NotFound, answer[1]);
    }

    [Fact]
    public void Query_Result_IsTheDocumentTheOutputTopicGets()
    {
        var state = NewState(Demo());
        state.Committed(1);
        ApplyInEpoch(state, 1, Reading(0, T0 + 1_000, T0 + 1_000, 2), Reading(1, T0 + 2_000, T0 + 2_000, 4));

        var window = Assert.Single(Query(state, QueryConsistency.Committed).Windows);

        using var json = JsonDocument.Parse(window.Result);
        Assert.Equal((Key, T0, T0 + Minute, 2L, 6.0, 3.0), (
            json.RootElement.GetProperty("key").GetString(), json.RootElement.GetProperty("start").GetInt64(), json.RootElement.GetProperty("end").GetInt64(),
            json.RootElement.GetProperty("count").GetInt64(), json.RootElement.GetProperty("sum").GetDouble(), json.RootElement.GetProperty("avg").GetDouble()));
    }

    /// <summary>
    /// Random records over a few keys, applied in batches tagged with their epoch, commits lagging up to
    /// two epochs behind, flushes between: at every step the committed view of every key equals a state
    /// that was given only the records of committed epochs.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Query_RandomEpochsAndCommits_CommittedEqualsAStateOfTheCommittedRecordsOnly(int seed)
    {
        var pipeline = Named("retained-final");
        var random = new Random(seed);
        string[] keys = ["a", "b", "c", "d", "e"];
        var state = NewState(pipeline);
        var committedRecords = new List<StreamRecord>();
        var epochs = new List<List<StreamRecord>>();
        var (offset, streamTime, committed) = (0L, T0, 0L);
        state.Committed(0);
        for (var epoch = 1; epoch <= 30; epoch++)
        {
            var records = new List<StreamRecord>();
            for (var batch = random.Next(0, 3); batch >= 0; batch--)
            {
                var batchRecords = new List<StreamRecord>();
                for (var n = random.Next(1, 6); n > 0; n--)
                {
                    var eventTime = streamTime - random.Next(0, 5_000) + random.Next(0, 6_000);
                    streamTime = Math.Max(streamTime, eventTime);
                    batchRecords.Add(Reading(keys[random.Next(keys.Length)], offset++, eventTime, streamTime, random.Next(1, 10)));
                }

                ApplyInEpoch(state, epoch, [.. batchRecords]);
                records.AddRange(batchRecords);
                if (random.Next(3) == 0 && committed < epoch - 1)
                {
                    committed = Commit(state, epochs, committedRecords, committed);
                }

                AssertCommittedView(pipeline, state, committedRecords, keys);
            }

            epochs.Add(records);
            Flush(state, streamTime - 300_000, offset); // closes nothing the reference keeps: retention is 5 minutes
            while (committed < epoch - 2 || (committed < epoch && random.Next(2) == 0))
            {
                committed = Commit(state, epochs, committedRecords, committed);
                AssertCommittedView(pipeline, state, committedRecords, keys);
            }
        }
    }

    private static long Commit(IPartitionState state, List<List<StreamRecord>> epochs, List<StreamRecord> committedRecords, long committed)
    {
        committed++;
        committedRecords.AddRange(epochs[(int)committed - 1]);
        state.Committed(committed);
        return committed;
    }

    private static void AssertCommittedView(OrleansStreams.Pipelines.WindowedPipelineDefinition pipeline, IPartitionState state, List<StreamRecord> committedRecords, string[] keys)
    {
        var reference = NewState(pipeline);
        reference.Committed(0);
        if (committedRecords.Count > 0)
        {
            Apply(reference, [.. committedRecords]);
        }

        var expected = reference.Query(keys, QueryConsistency.Latest, long.MinValue, long.MaxValue, long.MinValue);
        var actual = state.Query(keys, QueryConsistency.Committed, long.MinValue, long.MaxValue, long.MinValue);
        for (var k = 0; k < keys.Length; k++)
        {
            Assert.Equal(
                expected[k].Windows.Select(w => (w.Start, w.End, w.Result)),
                actual[k].Windows.Select(w => (w.Start, w.End, w.Result)));
        }
    }

    private static void ApplyInEpoch(IPartitionState state, long epoch, params StreamRecord[] records) =>
        state.Apply(records, [.. records.Select(r => System.Text.Encoding.UTF8.GetString(r.Key!))], NoForeignKeys, epoch, imageFrom: 0);

    private static StoredKeyWindows Query(IPartitionState state, QueryConsistency consistency, long committedStreamTime = long.MinValue) =>
        state.Query([Key], consistency, long.MinValue, long.MaxValue, committedStreamTime)[0];

    private static (long Start, long End, long Count)[] Counts(StoredKeyWindows key) =>
        [.. key.Windows.Select(w =>
        {
            using var json = JsonDocument.Parse(w.Result);
            return (w.Start, w.End, json.RootElement.GetProperty("count").GetInt64());
        })];
}
