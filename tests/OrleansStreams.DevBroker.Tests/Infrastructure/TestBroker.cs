using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace OrleansStreams.DevBroker.Tests.Infrastructure;

/// <summary>
/// An in-process dev broker on an ephemeral port with its own temporary data directory, plus Kafka
/// clients configured for fast tests. Restartable on the same port and directory.
/// </summary>
public sealed class TestBroker : IAsyncDisposable
{
    private readonly Action<DevBrokerOptions>? _configure;
    private readonly ILoggerFactory _loggerFactory;
    private readonly bool _ownsDirectory;

    private TestBroker(DevBroker broker, string dataDirectory, Action<DevBrokerOptions>? configure, ILoggerFactory loggerFactory, bool ownsDirectory)
    {
        Broker = broker;
        DataDirectory = dataDirectory;
        _configure = configure;
        _loggerFactory = loggerFactory;
        _ownsDirectory = ownsDirectory;
    }

    public DevBroker Broker { get; private set; }

    public string DataDirectory { get; }

    public string BootstrapServers => Broker.BootstrapServers;

    public static async Task<TestBroker> StartAsync(ITestOutputHelper? output = null, Action<DevBrokerOptions>? configure = null, string? dataDirectory = null)
    {
        var ownsDirectory = dataDirectory is null;
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "devbroker-tests", Guid.NewGuid().ToString("N"));
        var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(new TestOutputLoggerProvider(output)));
        var broker = await DevBroker.StartAsync(Options(dataDirectory, 0, configure), loggerFactory);
        return new TestBroker(broker, dataDirectory, configure, loggerFactory, ownsDirectory);
    }

    /// <summary>Stops the broker and starts a new one on the same port and data directory.</summary>
    public async Task RestartAsync()
    {
        var port = Broker.Port;
        await Broker.StopAsync();
        Broker = await DevBroker.StartAsync(Options(DataDirectory, port, _configure), _loggerFactory);
    }

    public IProducer<string?, string?> CreateProducer(Action<ProducerConfig>? configure = null)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = BootstrapServers,
            LingerMs = 2,
            SocketNagleDisable = true,
            MessageTimeoutMs = 30_000,
        };
        configure?.Invoke(config);
        return new ProducerBuilder<string?, string?>(config).Build();
    }

    public IConsumer<string?, string?> CreateConsumer(string groupId, Action<ConsumerConfig>? configure = null)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = BootstrapServers,
            GroupId = groupId,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
            SessionTimeoutMs = 6_000,
            HeartbeatIntervalMs = 200,
            FetchWaitMaxMs = 100,
            SocketNagleDisable = true,
        };
        configure?.Invoke(config);
        return new ConsumerBuilder<string?, string?>(config).Build();
    }

    public IAdminClient CreateAdmin() =>
        new AdminClientBuilder(new AdminClientConfig { BootstrapServers = BootstrapServers }).Build();

    public async ValueTask DisposeAsync()
    {
        await Broker.DisposeAsync();
        _loggerFactory.Dispose();
        if (_ownsDirectory)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: temp files.
            }
        }
    }

    private static DevBrokerOptions Options(string dataDirectory, int port, Action<DevBrokerOptions>? configure)
    {
        var options = new DevBrokerOptions
        {
            DataDirectory = dataDirectory,
            Port = port,
            GroupInitialRebalanceDelay = TimeSpan.FromMilliseconds(50),
            TransactionTimeoutCheckInterval = TimeSpan.FromMilliseconds(200),
        };
        configure?.Invoke(options);
        return options;
    }
}
