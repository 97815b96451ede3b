using System.Collections.Concurrent;
using Confluent.Kafka;
using OrleansStreams.TestKit;

namespace OrleansStreams.DevBroker.Tests.Durability;

public sealed class KillTests
{
    internal static readonly string BrokerAssembly = Path.Combine(AppContext.BaseDirectory, "OrleansStreams.DevBroker.dll");

    [Fact]
    public async Task Kill_DuringAcksAllProduce_EveryAcknowledgedRecordSurvivesRestart()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "devbroker-tests", Guid.NewGuid().ToString("N"));
        var address = $"127.0.0.1:{FreePorts.Next()}";
        var acknowledged = new ConcurrentBag<(int Partition, long Offset, string Value)>();
        try
        {
            await using (var first = await StartCliAsync(address, dataDirectory))
            {
                using var producer = new ProducerBuilder<Null, string>(new ProducerConfig
                {
                    BootstrapServers = address,
                    Acks = Acks.All,
                    LingerMs = 1,
                    MessageTimeoutMs = 3000,
                    EnableIdempotence = true,
                }).Build();
                var sent = 0;
                while (acknowledged.Count < 2000)
                {
                    var value = $"record-{sent++}";
                    producer.Produce("killed", new Message<Null, string> { Value = value }, report =>
                    {
                        if (report.Error.Code == ErrorCode.NoError)
                        {
                            acknowledged.Add((report.Partition.Value, report.Offset.Value, value));
                        }
                    });
                    if (sent % 100 == 0)
                    {
                        producer.Poll(TimeSpan.FromMilliseconds(1));
                    }
                }

                first.Kill();
                Assert.True(await first.WaitForExitAsync(TimeSpan.FromSeconds(10)));
                producer.Flush(TimeSpan.FromSeconds(10));
            }

            var survived = acknowledged.ToList();
            await using var second = await StartCliAsync(address, dataDirectory);
            using var consumer = new ConsumerBuilder<Ignore, string>(new ConsumerConfig
            {
                BootstrapServers = address,
                GroupId = "verifier",
                EnablePartitionEof = true,
                EnableAutoCommit = false,
            }).Build();
            consumer.Assign(new TopicPartitionOffset("killed", 0, Offset.Beginning));
            var stored = new Dictionary<long, string>();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline)
            {
                var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
                if (result is { IsPartitionEOF: true })
                {
                    break;
                }

                if (result is not null)
                {
                    stored[result.Offset.Value] = result.Message.Value;
                }
            }

            Assert.True(survived.Count >= 2000);
            Assert.All(survived, a => Assert.Equal(a.Value, stored.GetValueOrDefault(a.Offset)));
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    internal static async Task<ManagedProcess> StartCliAsync(string address, string dataDirectory, params string[] extra)
    {
        var process = ManagedProcess.StartDotnet("devbroker", BrokerAssembly, ["--listen", address, "--data-dir", dataDirectory, .. extra]);
        await process.WaitForLineAsync(l => l == $"devbroker listening on {address}", TimeSpan.FromSeconds(30));
        return process;
    }
}
