using System.Globalization;
using System.Text;
using Confluent.Kafka;
using OrleansStreams.Bench.Harness;
using DevBrokerOptions = OrleansStreams.DevBroker.DevBrokerOptions;

namespace OrleansStreams.Bench.Broker;

/// <summary>
/// Produce then consume N records of a fixed size over P partitions through the dev broker and,
/// in the same run, through librdkafka's in-process mock cluster as the baseline. Rounds alternate
/// between the two; the table shows the median rate of each and the ratio dev broker / mock.
/// </summary>
internal sealed class BrokerThroughputBenchmark : IBenchmark
{
    public string Name => "broker";

    public string Description => "dev broker vs librdkafka mock cluster: produce and consume rates";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var settings = BenchSettings.Parse(args);
        if (settings is null)
        {
            await Console.Error.WriteLineAsync(BenchSettings.Usage);
            return 2;
        }

        var dataDirectory = Path.Combine(Path.GetTempPath(), $"devbroker-bench-{Guid.NewGuid():N}");
        var devRuns = new List<(double Produce, double Consume)>();
        var mockRuns = new List<(double Produce, double Consume)>();
        await using var devBroker = await OrleansStreams.DevBroker.DevBroker.StartAsync(new DevBrokerOptions { DataDirectory = dataDirectory }, ct: cancellationToken);
        using var mock = LibrdkafkaMockCluster.Start();
        await Console.Error.WriteLineAsync($"librdkafka {Library.VersionString} from {mock.LibraryPath}; dev broker {devBroker.BootstrapServers}; mock {mock.BootstrapServers}");
        try
        {
            for (var round = 0; round < settings.Rounds && !cancellationToken.IsCancellationRequested; round++)
            {
                var topic = $"bench-{round}";
                using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = devBroker.BootstrapServers }).Build())
                {
                    await admin.CreateTopicsAsync([new Confluent.Kafka.Admin.TopicSpecification { Name = topic, NumPartitions = settings.Partitions }]);
                }

                mock.CreateTopic(topic, settings.Partitions);
                devRuns.Add(Measure("dev broker", devBroker.BootstrapServers, topic, settings, round));
                mockRuns.Add(Measure("mock", mock.BootstrapServers, topic, settings, round));
            }
        }
        finally
        {
            await devBroker.StopAsync(cancellationToken);
            Directory.Delete(dataDirectory, recursive: true);
        }

        PrintTable(settings, devRuns, mockRuns);
        return 0;
    }

    private static (double Produce, double Consume) Measure(string target, string bootstrap, string topic, BenchSettings settings, int round)
    {
        var produce = ThroughputClients.Produce(bootstrap, topic, settings);
        var consume = ThroughputClients.Consume(bootstrap, topic, settings);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"round {round + 1} {target,-10}: produce {produce:N0} records/s, consume {consume:N0} records/s"));
        return (produce, consume);
    }

    private static void PrintTable(BenchSettings settings, List<(double Produce, double Consume)> dev, List<(double Produce, double Consume)> mock)
    {
        var devProduce = Median(dev.Select(r => r.Produce));
        var devConsume = Median(dev.Select(r => r.Consume));
        var mockProduce = Median(mock.Select(r => r.Produce));
        var mockConsume = Median(mock.Select(r => r.Consume));
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{settings.Records:N0} records of {settings.RecordSize} bytes, {settings.Partitions} partitions, {settings.Compression}, median of {settings.Rounds} rounds");
        table.AppendLine();
        table.AppendLine("| phase | dev broker (records/s) | librdkafka mock (records/s) | dev broker / mock |");
        table.AppendLine("| --- | ---: | ---: | ---: |");
        table.AppendLine(CultureInfo.InvariantCulture, $"| produce | {devProduce:N0} | {mockProduce:N0} | {devProduce / mockProduce:F2} |");
        table.AppendLine(CultureInfo.InvariantCulture, $"| consume | {devConsume:N0} | {mockConsume:N0} | {devConsume / mockConsume:F2} |");
        Console.Write(table.ToString());
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
    }
}
