using OrleansStreams.Windows;

namespace OrleansStreams.Grains.Tests.Windows;

/// <summary>
/// A random partition for randomized tests: offsets 0..n-1 with event times that move forward
/// with out-of-order and very late records, the stream time stamped on each offset, and which
/// offsets belong to the key under test. Small sizes make boundaries common.
/// </summary>
internal sealed class RandomPartition
{
    private RandomPartition(WindowSpec spec, long[] eventTimes, long[] streamTimes, bool[] ours)
    {
        Spec = spec;
        EventTimes = eventTimes;
        StreamTimes = streamTimes;
        Ours = ours;
    }

    public WindowSpec Spec { get; }

    public long[] EventTimes { get; }

    public long[] StreamTimes { get; }

    public bool[] Ours { get; }

    public int Length => EventTimes.Length;

    public static RandomPartition Create(Random random, WindowKind kind, int length = 80)
    {
        var size = random.Next(2, 12);
        var spec = kind switch
        {
            WindowKind.Tumbling => WindowSpec.Tumbling(Ms(size)),
            WindowKind.Hopping => WindowSpec.Hopping(Ms(size), Ms(random.Next(1, size + 1))),
            WindowKind.Sliding => WindowSpec.Sliding(Ms(size)),
            _ => WindowSpec.Session(Ms(random.Next(1, 7))),
        };
        spec = spec.WithGrace(Ms(random.Next(0, 3) == 0 ? 0 : random.Next(1, 6)));
        if (random.Next(3) == 0)
        {
            spec = spec.WithRetention(spec.Retention + Ms(random.Next(1, 12)));
        }

        var spread = 3 * (size + (long)spec.Grace.TotalMilliseconds + (long)spec.Gap.TotalMilliseconds);
        var eventTimes = new long[length];
        var streamTimes = new long[length];
        var ours = new bool[length];
        var head = (long)random.Next(-40, 10);
        var streamTime = long.MinValue;
        for (var i = 0; i < length; i++)
        {
            head += random.Next(4) == 0 ? random.Next(0, 2 * size) : random.Next(0, 2);
            eventTimes[i] = random.Next(10) switch
            {
                < 6 => head,
                < 9 => head - random.Next(0, size + 6),
                _ => head - random.Next(0, (int)spread),
            };
            streamTime = Math.Max(streamTime, eventTimes[i]);
            streamTimes[i] = streamTime;
            ours[i] = random.Next(3) != 0;
        }

        return new RandomPartition(spec, eventTimes, streamTimes, ours);
    }

    private static TimeSpan Ms(long value) => TimeSpan.FromMilliseconds(value);
}
