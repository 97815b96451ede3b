using OrleansStreams.Generation;

namespace OrleansStreams.Client.Cli;

/// <summary><c>produce</c>: the sensor-reading load generator.</summary>
internal static class ProduceCommand
{
    public static async Task<int> RunAsync(CommandLine args, CancellationToken cancellationToken)
    {
        var bootstrap = args.String("bootstrap", "127.0.0.1:9092");
        var options = new GeneratorOptions
        {
            Topic = args.String("topic", "sensor-readings"),
            Rate = args.Double("rate", 1_000, 0, 10_000_000),
            Total = args.Long("total", 0, 0, long.MaxValue),
            Keys = (int)args.Long("keys", 1_000, 1, 10_000_000),
            Skew = args.Double("skew", 1.0, 0, 10),
            EventTimeSpeed = args.Double("event-time-speed", 1, 0.001, 1_000_000),
            OutOfOrderShare = args.Double("out-of-order-share", 0.05, 0, 1),
            LateShare = args.Double("late-share", 0.005, 0, 1),
            UnreadableShare = args.Double("unreadable-share", 0.0005, 0, 1),
            Seed = (int)args.Long("seed", 7, int.MinValue, int.MaxValue),
        };
        var client = ClientPropertiesArgument.Read(args);
        args.RejectUnknown();
        var generator = new SensorReadingGenerator(
            bootstrap,
            options,
            TimeProvider.System,
            p => Console.Error.WriteLine(p.Target > 0
                ? $"produced {p.Produced:N0} ({p.InTopic:N0} of {p.Target:N0} in {options.Topic}), {p.RecordsPerSecond:N0}/s"
                : $"produced {p.Produced:N0} ({p.InTopic:N0} in {options.Topic}), {p.RecordsPerSecond:N0}/s"),
            client);
        var produced = await generator.RunAsync(cancellationToken);
        Console.WriteLine($"produced={produced}");
        return 0;
    }
}
