using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansStreams.Aggregation;
using OrleansStreams.Client.Verification;
using OrleansStreams.Configuration;
using OrleansStreams.TestKit;
using OrleansStreams.Windows;
using Xunit.Abstractions;

namespace OrleansStreams.Silo.Tests.Hosting;

/// <summary>
/// OrleansStreams as a library inside an application's own Orleans silo: its own clustering and grain
/// storage, <c>AddOrleansStreams</c> with a pipeline in code and settings from <c>OrleansStreams:</c>.
/// </summary>
public sealed class LibraryHostingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AddOrleansStreams_InsideTheApplicationsOwnSilo_RunsItsPipelineEndToEnd()
    {
        await using var broker = await TestBroker.StartAsync(defaultPartitions: 2);
        using var state = SqliteTestFile.Create("library-hosting");
        var pipeline = DemoPipeline.Windows("library", "library-in", "library-out").Aggregate(Aggregators.Stats).Emit(EmitMode.Final).Build();
        await broker.CreateTopicAsync(pipeline.InputTopic, 2);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OrleansStreams:Processing:CommitInterval"] = "200ms",
            ["OrleansStreams:Kafka:GroupId"] = $"library-{Guid.NewGuid():N}",
            ["OrleansStreams:Storage:Provider"] = "Sqlite",
            ["OrleansStreams:Storage:ConnectionString"] = state.ConnectionString,
        });
        var (siloPort, gatewayPort) = (FreePorts.Next(), FreePorts.Next());
        builder.UseOrleans(silo =>
        {
            // The application's own silo: its clustering, its own storage for its own grains.
            silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: $"library-{Guid.NewGuid():N}", clusterId: "library");
            silo.AddMemoryGrainStorage("application-store");
            silo.AddOrleansStreams(o =>
            {
                o.Kafka.BootstrapServers = broker.BootstrapServers;
                o.Metrics.Enabled = false;
                o.Query.Listen = new DnsEndPoint("127.0.0.1", 0);
                o.Pipelines.Add(pipeline);
            });
        });

        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var options = host.Services.GetRequiredService<IOptions<OrleansStreamsOptions>>().Value;
            Assert.Equal(TimeSpan.FromMilliseconds(200), options.Processing.CommitInterval);
            Assert.Equal(StorageProvider.Sqlite, options.Storage.Provider);

            var start = new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
            await broker.ProduceAsync(pipeline.InputTopic, Enumerable.Range(0, 3_000).Select(i =>
                ((string?)$"sensor-{i % 7}", string.Create(CultureInfo.InvariantCulture, $"{{\"value\":{i % 13}}}"), start + (i * 100L))));

            var result = await OutputVerifier.VerifyAsync(broker.BootstrapServers, pipeline.InputTopic, pipeline.OutputTopic!, WindowRule.Demo, TimeSpan.FromSeconds(90));
            output.WriteLine(result.ToString());
            Assert.True(result.Passed, string.Join(Environment.NewLine, result.Examples));
            Assert.True(result.Expected >= 7 * 3, $"the input closed only {result.Expected} windows");
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public void AddOrleansStreams_SettingsFromBothPlaces_NewKeysWinOldKeysFillInAndErrorsNameWhereTheValueWas()
    {
        var options = Bind(new Dictionary<string, string?>
        {
            ["OrleansStreams:Kafka:BootstrapServers"] = "kafka-1:9092",
            ["OrleansStreams:Kafka:MaxInFlight"] = "32",
            ["Kafka:MaxInFlight"] = "64",
            ["Kafka:GroupId"] = "from-the-old-place",
            ["Processing:CommitInterval"] = "250ms",
        });

        Assert.Equal("kafka-1:9092", options.Kafka.BootstrapServers);
        Assert.Equal(32, options.Kafka.MaxInFlight);
        Assert.Equal("from-the-old-place", options.Kafka.GroupId);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.Processing.CommitInterval);

        var old = Assert.Throws<InvalidSettingException>(() => Bind(new() { ["OrleansStreams:Kafka:BootstrapServers"] = "k:9092", ["Kafka:MaxBatchRecords"] = "lots" }));
        Assert.Equal("Invalid setting Kafka:MaxBatchRecords = 'lots': allowed is an integer from 1 to 100000.", old.Message);
        var current = Assert.Throws<InvalidSettingException>(() => Bind(new() { ["OrleansStreams:Kafka:BootstrapServers"] = "k:9092", ["OrleansStreams:Processing:CommitInterval"] = "1 sec" }));
        Assert.StartsWith("Invalid setting OrleansStreams:Processing:CommitInterval = '1 sec': allowed is a duration from 10ms to 10m", current.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddOrleansStreams_ValueSetInCodeOutsideWhatIsAllowed_StopsWithTheSameOneLineAsInConfiguration()
    {
        var error = Assert.Throws<InvalidSettingException>(() => Bind(
            new() { ["OrleansStreams:Kafka:BootstrapServers"] = "k:9092" },
            o => o.Processing.CommitMaxRecords = 0));
        Assert.Equal("Invalid setting OrleansStreams:Processing:CommitMaxRecords = '0': allowed is an integer from 1 to 100000000.", error.Message);

        var endpoint = Assert.Throws<InvalidSettingException>(() => Bind(
            new() { ["OrleansStreams:Kafka:BootstrapServers"] = "k:9092" },
            o => o.Kafka.Client["enable.idempotence"] = "false"));
        Assert.StartsWith("Invalid setting OrleansStreams:Kafka:Client:enable.idempotence = 'false': allowed is any librdkafka property except", endpoint.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddOrleansStreams_NoBootstrapServers_NamesTheKeyInsteadOfStartingTheDevBroker()
    {
        var error = Assert.Throws<InvalidSettingException>(() => Bind([]));
        Assert.Equal("Invalid setting OrleansStreams:Kafka:BootstrapServers = (missing): allowed is host:port[,host:port...] of the Kafka brokers.", error.Message);
    }

    [Fact]
    public async Task AddOrleansStreams_NoPipelineAnywhere_StopsAtStartNamingThePipelinesSectionRatherThanRunningTheDemo()
    {
        using var host = UnreachableKafkaSilo(o =>
        {
            o.Metrics.Enabled = false;
            o.Query.Enabled = false;
        });

        var error = await Assert.ThrowsAsync<InvalidSettingException>(() => host.StartAsync());
        Assert.StartsWith("Invalid setting OrleansStreams:Pipelines = (missing): allowed is at least one pipeline", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddOrleansStreams_HttpPortsClaimedAsTheHostStartsNotWhileRegistering_ATakenPortFailsTheStartNamingTheKey()
    {
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var host = UnreachableKafkaSilo(o => // registering and building bind nothing: the taken port does not matter yet
        {
            o.Metrics.Listen = new DnsEndPoint("127.0.0.1", port);
            o.Query.Listen = new DnsEndPoint("127.0.0.1", port);
            o.Pipelines.Add(DemoPipeline.Create());
        });

        var error = await Assert.ThrowsAsync<InvalidSettingException>(() => host.StartAsync());
        Assert.StartsWith($"Invalid setting OrleansStreams:Metrics:Listen = '127.0.0.1:{port}': allowed is host:port where no other process listens", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SiloLibrary_ReferencesNeitherTheDevBrokerNorTheLoadGenerator()
    {
        var references = typeof(SiloBuilderOrleansStreamsExtensions).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Contains("OrleansStreams.Grains", references);
        Assert.DoesNotContain("OrleansStreams.DevBroker", references);
        Assert.DoesNotContain("OrleansStreams.Generator", references);
    }

    /// <summary>A built, not started, application silo with OrleansStreams on memory storage and a Kafka nobody listens at.</summary>
    private static IHost UnreachableKafkaSilo(Action<OrleansStreamsOptions> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var (siloPort, gatewayPort) = (FreePorts.Next(), FreePorts.Next());
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort, gatewayPort, serviceId: $"library-{Guid.NewGuid():N}")
            .AddOrleansStreams(o =>
            {
                o.Kafka.BootstrapServers = "127.0.0.1:9";
                o.Storage.Provider = StorageProvider.Memory;
                configure(o);
            }));
        return builder.Build();
    }

    private static OrleansStreamsOptions Bind(Dictionary<string, string?> values, Action<OrleansStreamsOptions>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(values);
        builder.UseOrleans(silo => silo.AddOrleansStreams(o =>
        {
            o.Storage.Provider = StorageProvider.Memory;
            o.Metrics.Enabled = false;
            o.Query.Enabled = false;
            configure?.Invoke(o);
        }));
        return builder.Services.BuildServiceProvider().GetRequiredService<IOptions<OrleansStreamsOptions>>().Value;
    }
}
