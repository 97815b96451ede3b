using OrleansStreams.Aggregation;
using OrleansStreams.Grains.Windows;
using OrleansStreams.Windows;
using static OrleansStreams.Grains.Tests.Windows.TestEngine;

namespace OrleansStreams.Grains.Tests.Windows;

public sealed class WindowEngineAllocationTests
{
    public static TheoryData<WindowKind, EmitMode> Configurations() => WindowEngineReferenceTests.Configurations();

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Apply_OnTimeRecordsInSteadyState_AllocateNothing(WindowKind kind, EmitMode emitMode)
    {
        var spec = kind switch
        {
            WindowKind.Tumbling => WindowSpec.Tumbling(Ms(1_000)),
            WindowKind.Hopping => WindowSpec.Hopping(Ms(1_000), Ms(250)),
            WindowKind.Sliding => WindowSpec.Sliding(Ms(100)),
            _ => WindowSpec.Session(Ms(100)),
        };
        var engine = new WindowEngine<double, StatsAccumulator, WindowStats>(spec.WithGrace(Ms(50)), emitMode, Aggregators.Stats);
        var outputs = new List<WindowOutput<WindowStats>>(64);

        void Run(long from)
        {
            var shift = 0L;
            var streamTime = long.MinValue;
            for (var i = 0L; i < 5_000; i++)
            {
                // 15 ms out of order every other record (within the grace); a session break every 40.
                shift += i % 40 == 0 ? 200 : 0;
                var time = from + shift + (i * 10) - (i % 2 * 15);
                streamTime = Math.Max(streamTime, time);
                Assert.True(engine.Apply(time, streamTime, from + i, i % 7).IsApplied);
                if (i % 20 == 0)
                {
                    engine.CloseDue(streamTime);
                    outputs.Clear();
                    engine.TakeOutputs(from + i, outputs);
                }
            }
        }

        // Two warm-up runs: the jump from one run's times to the next holds the old run's retained windows
        // beside the new run's first ones for a moment, and that peak must have sized the lists too.
        Run(0);
        Run(5_000_000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(10_000_000);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
