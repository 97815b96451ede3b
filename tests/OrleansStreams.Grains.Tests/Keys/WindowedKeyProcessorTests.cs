using System.Text;
using OrleansStreams.Keys;
using OrleansStreams.Windows;
using static OrleansStreams.Grains.Tests.Keys.KeyProcessorFixtures;

namespace OrleansStreams.Grains.Tests.Keys;

public sealed class WindowedKeyProcessorTests
{
    [Fact]
    public void Create_NewKey_HasAppliedNothingAndHasNothingDue()
    {
        var processor = Processor(Demo());

        Assert.Equal(-1, processor.LastApplied);
        Assert.Equal(long.MaxValue, processor.NextDueTime);
        Assert.Empty(processor.Windows());
        Assert.Empty(Flush(processor, T0 + 3_600_000, long.MaxValue));
    }

    [Fact]
    public void Apply_RecordsInOffsetOrder_AggregatesEachIntoItsWindow()
    {
        var processor = Processor(Demo());

        processor.Apply([
            Reading(0, T0 + 1_000, T0 + 1_000, 2),
            Reading(1, T0 + 61_000, T0 + 61_000, 10),
            Reading(2, T0 + 30_000, T0 + 61_000, 4),
            Reading(3, T0 + 59_999, T0 + 61_000, 9),
        ]);

        Assert.Equal(3, processor.LastApplied);
        Assert.Equal(T0 + 70_000, processor.NextDueTime);
        Assert.Equal(
            [
                new WindowState(T0, T0 + 60_000, false, Stats(T0, T0 + 60_000, 3, 15, 2, 9, 5)),
                new WindowState(T0 + 60_000, T0 + 120_000, false, Stats(T0 + 60_000, T0 + 120_000, 1, 10, 10, 10, 10)),
            ],
            processor.Windows());
    }

    [Fact]
    public void Flush_WindowReachesEndPlusGrace_EmitsOneResultKeyedByKeyAndWindowStart()
    {
        var processor = Processor(Demo());
        processor.Apply([
            Reading(0, T0 + 1_000, T0 + 1_000, 2),
            Reading(1, T0 + 30_000, T0 + 30_000, 4),
            Reading(2, T0 + 59_999, T0 + 59_999, 9),
        ]);

        var beforeClose = Flush(processor, T0 + 69_999, 3);
        var atClose = Flush(processor, T0 + 70_000, 3);
        var afterClose = Flush(processor, T0 + 200_000, 3);

        Assert.Empty(beforeClose);
        var result = Assert.Single(atClose);
        Assert.Equal(OutputKind.Result, result.Kind);
        Assert.Equal($"sensor-1@{T0}", Encoding.UTF8.GetString(result.Key!));
        Assert.Equal(
            $$"""{"key":"sensor-1","start":{{T0}},"end":{{T0 + 60_000}},"count":3,"sum":15,"min":2,"max":9,"avg":5}""",
            Encoding.UTF8.GetString(result.Value!));
        Assert.Equal((-1L, T0 + 70_000, T0 + 59_999), (result.CausingOffset, result.CloseTime, result.Timestamp));
        Assert.Null(result.Headers);
        Assert.Empty(afterClose);
        Assert.Empty(processor.Windows());
        Assert.Equal(long.MaxValue, processor.NextDueTime);
    }

    [Fact]
    public void Flush_SeveralWindowsDue_EmitsThemInCloseOrderWithFractionalStats()
    {
        var processor = Processor(Demo());
        processor.Apply([
            Reading(0, T0 + 5_000, T0 + 5_000, 1.5),
            Reading(1, T0 + 6_000, T0 + 6_000, -0.25),
            Reading(2, T0 + 65_000, T0 + 65_000, 3.5),
            Reading(3, T0 + 185_000, T0 + 185_000, 7),
        ]);

        var outputs = Flush(processor, T0 + 185_000, 4);

        Assert.Equal(
            [
                $"Result causing=-1 close={T0 + 70_000} ts={T0 + 59_999} key='sensor-1@{T0}' value='{Stats(T0, T0 + 60_000, 2, 1.25, -0.25, 1.5, 0.625)}' headers=null",
                $"Result causing=-1 close={T0 + 130_000} ts={T0 + 119_999} key='sensor-1@{T0 + 60_000}' value='{Stats(T0 + 60_000, T0 + 120_000, 1, 3.5, 3.5, 3.5, 3.5)}' headers=null",
            ],
            Describe(outputs));
        Assert.Equal(T0 + 250_000, processor.NextDueTime);
    }

    [Fact]
    public void Flush_FinalResult_IsReturnedWhateverTheEndOffset()
    {
        var processor = Processor(Demo());
        processor.Apply([Reading(7, T0 + 1_000, T0 + 1_000, 2)]);

        var outputs = Flush(processor, T0 + 70_000, endOffset: 0);

        var result = Assert.Single(outputs);
        Assert.Equal((OutputKind.Result, -1L, T0 + 70_000), (result.Kind, result.CausingOffset, result.CloseTime));
    }

    [Fact]
    public void Apply_ReplayedOffsets_AreSkipped()
    {
        var processor = Processor(Demo());
        processor.Apply([
            Reading(0, T0 + 1_000, T0 + 1_000, 1),
            Reading(1, T0 + 2_000, T0 + 2_000, 2),
            Reading(2, T0 + 3_000, T0 + 3_000, 3),
        ]);

        processor.Apply([
            Reading(1, T0 + 2_000, T0 + 2_000, 200),
            Reading(2, T0 + 3_000, T0 + 3_000, 300),
            Reading(3, T0 + 4_000, T0 + 4_000, 4),
        ]);
        processor.Apply([Reading(0, T0 + 1_000, T0 + 1_000, 100), Reading(3, T0 + 4_000, T0 + 4_000, 400)]);

        Assert.Equal(3, processor.LastApplied);
        Assert.Equal(
            Stats(T0, T0 + 60_000, 4, 10, 1, 4, 2.5),
            Encoding.UTF8.GetString(Assert.Single(Flush(processor, T0 + 70_000, 4)).Value!));
    }

    [Fact]
    public void Apply_OffsetsWithGapsThenAnOlderOne_SkipsTheOlderOne()
    {
        var processor = Processor(Demo());

        processor.Apply([Reading(10, T0 + 1_000, T0 + 1_000, 1), Reading(15, T0 + 2_000, T0 + 2_000, 2), Reading(40, T0 + 3_000, T0 + 3_000, 3)]);
        processor.Apply([Reading(12, T0 + 4_000, T0 + 4_000, 1_000), Reading(40, T0 + 5_000, T0 + 5_000, 1_000)]);

        Assert.Equal(40, processor.LastApplied);
        Assert.Equal(Stats(T0, T0 + 60_000, 3, 6, 1, 3, 2), Assert.Single(processor.Windows()).Result);
    }

    [Fact]
    public void Flush_OnUpdateResultsCausedAtOrAfterEndOffset_StayBuffered()
    {
        var processor = Processor(Hopping(EmitMode.OnUpdate));
        processor.Apply([
            Reading(0, T0 + 1_000, T0 + 1_000, 2),
            Reading(1, T0 + 2_000, T0 + 2_000, 4),
        ]);

        var firstEpoch = Flush(processor, T0 + 2_000, endOffset: 1);
        var secondEpoch = Flush(processor, T0 + 2_000, endOffset: 2);
        var thirdEpoch = Flush(processor, T0 + 2_000, endOffset: 3);

        Assert.Equal(
            [
                $"Result causing=0 close=-1 ts={T0 + 59_999} key='sensor-1@{T0 - 60_000}' value='{Stats(T0 - 60_000, T0 + 60_000, 1, 2, 2, 2, 2)}' headers=null",
                $"Result causing=0 close=-1 ts={T0 + 119_999} key='sensor-1@{T0}' value='{Stats(T0, T0 + 120_000, 1, 2, 2, 2, 2)}' headers=null",
            ],
            Describe(firstEpoch));
        Assert.Equal(
            [
                $"Result causing=1 close=-1 ts={T0 + 59_999} key='sensor-1@{T0 - 60_000}' value='{Stats(T0 - 60_000, T0 + 60_000, 2, 6, 2, 4, 3)}' headers=null",
                $"Result causing=1 close=-1 ts={T0 + 119_999} key='sensor-1@{T0}' value='{Stats(T0, T0 + 120_000, 2, 6, 2, 4, 3)}' headers=null",
            ],
            Describe(secondEpoch));
        Assert.Empty(thirdEpoch);
    }

    [Fact]
    public void Flush_OnUpdateSeveralChangesInOneEpoch_EmitsTheLatestPerWindow()
    {
        var processor = Processor(Sensors(WindowSpec.Tumbling(TimeSpan.FromMinutes(1)), EmitMode.OnUpdate));
        processor.Apply([
            Reading(0, T0 + 1_000, T0 + 1_000, 2),
            Reading(1, T0 + 2_000, T0 + 2_000, 4),
            Reading(2, T0 + 3_000, T0 + 3_000, 6),
        ]);

        var outputs = Flush(processor, T0 + 3_000, endOffset: 3);

        Assert.Equal(
            [$"Result causing=2 close=-1 ts={T0 + 59_999} key='sensor-1@{T0}' value='{Stats(T0, T0 + 60_000, 3, 12, 2, 6, 4)}' headers=null"],
            Describe(outputs));
    }
}
