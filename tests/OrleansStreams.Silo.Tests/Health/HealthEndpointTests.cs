using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using OrleansStreams.Aggregation;
using OrleansStreams.Configuration;
using OrleansStreams.TestKit;
using OrleansStreams.Windows;

namespace OrleansStreams.Silo.Tests.Health;

/// <summary><c>/health/live</c> and <c>/health/ready</c> of a running silo, over HTTP, while Kafka goes away and comes back.</summary>
public sealed class HealthEndpointTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Ready_KafkaStoppedThenStarted_503NamingKafkaThen200_LiveStays200()
    {
        await using var broker = await TestBroker.StartAsync(defaultPartitions: 2);
        var pipeline = DemoPipeline.Windows("health", "health-in", "health-out").Aggregate(Aggregators.Count).Emit(EmitMode.Final).Build();
        await broker.CreateTopicAsync(pipeline.InputTopic, 2);
        var queryPort = FreePorts.Next();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OrleansStreams:Kafka:BootstrapServers"] = broker.BootstrapServers,
            ["OrleansStreams:Kafka:GroupId"] = $"health-{Guid.NewGuid():N}",
            ["OrleansStreams:Storage:Provider"] = "Memory",
            ["OrleansStreams:Metrics:Enabled"] = "false",
            ["OrleansStreams:Query:Listen"] = $"127.0.0.1:{queryPort}",
            ["OrleansStreams:Health:CheckTimeout"] = "1s",
        });
        var (siloPort, gatewayPort) = (FreePorts.Next(), FreePorts.Next());
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort, gatewayPort, serviceId: $"health-{Guid.NewGuid():N}")
            .AddOrleansStreams(o => o.Pipelines.Add(pipeline)));
        using var host = builder.Build();
        await host.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{queryPort}") };
        try
        {
            var ready = await WaitForAsync(http, "/health/ready", HttpStatusCode.OK);
            Assert.Equal(["host", "kafka", "partitions", "silo", "storage"], Checks(ready).Select(c => c.Name));
            Assert.All(Checks(ready), c => Assert.Equal("Healthy", c.Status));

            await broker.StopAsync();
            var notReady = await WaitForAsync(http, "/health/ready", HttpStatusCode.ServiceUnavailable);
            var kafka = Checks(notReady).Single(c => c.Name == "kafka");
            Assert.Equal("Unhealthy", kafka.Status);
            Assert.StartsWith("Kafka unreachable", kafka.Description, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);

            await broker.StartAgainAsync();
            await WaitForAsync(http, "/health/ready", HttpStatusCode.OK);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task<JsonElement> WaitForAsync(HttpClient http, string path, HttpStatusCode wanted)
    {
        var deadline = DateTime.UtcNow + Within;
        var last = "(no answer)";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
            if (response.StatusCode == wanted)
            {
                return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            }

            await Task.Delay(250);
        }

        Assert.Fail($"{path} did not answer {(int)wanted} within {Within}; last: {last}");
        return default;
    }

    private static List<(string Name, string Status, string Description)> Checks(JsonElement report) =>
        [.. report.GetProperty("checks").EnumerateArray().Select(c => (c.GetProperty("name").GetString()!, c.GetProperty("status").GetString()!, c.GetProperty("description").GetString()!))];
}
