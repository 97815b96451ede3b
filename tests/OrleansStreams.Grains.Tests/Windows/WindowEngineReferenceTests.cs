using OrleansStreams.Grains.Windows;
using OrleansStreams.Windows;

namespace OrleansStreams.Grains.Tests.Windows;

/// <summary>
/// Randomized comparison of the engine with <see cref="ReferenceWindowModel"/> for every window
/// kind and emit mode: apply outcomes and missed windows, outputs per epoch, queryable windows
/// and due times, with epochs ending at random safe offsets behind the records applied.
/// </summary>
public sealed class WindowEngineReferenceTests
{
    private const int Seeds = 120;

    public static TheoryData<WindowKind, EmitMode> Configurations()
    {
        var data = new TheoryData<WindowKind, EmitMode>();
        foreach (var kind in Enum.GetValues<WindowKind>())
        {
            data.Add(kind, EmitMode.Final);
            data.Add(kind, EmitMode.OnUpdate);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Apply_RandomPartitions_MatchesBruteForceReference(WindowKind kind, EmitMode emitMode)
    {
        for (var seed = 0; seed < Seeds; seed++)
        {
            var random = new Random((seed * 131) + ((int)kind * 17) + (int)emitMode);
            var partition = RandomPartition.Create(random, kind);
            try
            {
                Run(partition, emitMode, random);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"Seed {seed}, {partition.Spec}: {e.Message}", e);
            }
        }
    }

    private static void Run(RandomPartition partition, EmitMode emitMode, Random random)
    {
        var spec = partition.Spec;
        var engine = new WindowEngine<long, long[], string>(spec, emitMode, OffsetSetAggregator.Instance);
        var model = new ReferenceWindowModel(spec, emitMode);
        long bound = 0;
        for (var i = 0; i < partition.Length; i++)
        {
            if (partition.Ours[i])
            {
                var outcome = engine.Apply(partition.EventTimes[i], partition.StreamTimes[i], i, i);
                var (status, missed) = model.Apply(partition.EventTimes[i], partition.StreamTimes[i], i);
                Assert.Equal(status, outcome.Status);
                Assert.Equal(missed, outcome.MissedWindows.ToArray());
            }

            if (random.Next(10) == 0 && engine.LastOffset >= 0)
            {
                // A replay of the last record applied is skipped.
                var replayed = engine.LastOffset;
                Assert.Equal(RecordApplyStatus.Duplicate, engine.Apply(partition.EventTimes[replayed], partition.StreamTimes[i], replayed, replayed).Status);
                Assert.Equal(RecordApplyStatus.Duplicate, model.Apply(partition.EventTimes[replayed], partition.StreamTimes[i], replayed).Status);
            }

            if (random.Next(5) == 0)
            {
                // The safe offset may lag behind the records the grain already applied.
                bound = random.NextInt64(bound, i + 2);
                if (bound > 0)
                {
                    EndEpoch(engine, model, bound, partition.StreamTimes[bound - 1], spec.Kind);
                }
            }
        }

        var end = partition.StreamTimes[^1];
        EndEpoch(engine, model, partition.Length, end, spec.Kind);
        EndEpoch(engine, model, partition.Length, end + 1_000, spec.Kind);
        Assert.Equal(0, engine.WindowCount);
        Assert.Equal(long.MaxValue, engine.NextDueTime);
    }

    private static void EndEpoch(
        WindowEngine<long, long[], string> engine, ReferenceWindowModel model, long bound, long streamTime, WindowKind kind)
    {
        engine.CloseDue(streamTime);
        model.CloseDue(streamTime);
        var outputs = new List<WindowOutput<string>>();
        engine.TakeOutputs(bound, outputs);
        Assert.Equal(model.TakeOutputs(bound), outputs.Select(RefOutput.From).ToList());

        var windows = new List<WindowResult<string>>();
        engine.GetWindows(windows);
        Assert.Equal(model.Windows(), windows.Select(w => (w.Window, w.Result, w.IsClosed)).ToList());

        // Sliding windows also fall due for dropping panes, which the model does not have.
        if (kind == WindowKind.Sliding)
        {
            Assert.True(engine.NextDueTime <= model.NextDueTime());
        }
        else
        {
            Assert.Equal(model.NextDueTime(), engine.NextDueTime);
        }
    }
}
