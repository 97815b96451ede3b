using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansStreams.DevBroker.Api;
using OrleansStreams.DevBroker.Diagnostics;
using OrleansStreams.DevBroker.Groups;
using OrleansStreams.DevBroker.Hosting;
using OrleansStreams.DevBroker.Log;
using OrleansStreams.DevBroker.Network;
using OrleansStreams.DevBroker.State;
using OrleansStreams.DevBroker.Transactions;

namespace OrleansStreams.DevBroker;

/// <summary>
/// A single-node Kafka-protocol broker for development and tests: produce/fetch, consumer groups,
/// idempotent producers and transactions, durable in a data directory across restarts. Start one with
/// <see cref="StartAsync"/> and point Kafka clients at <see cref="BootstrapServers"/>.
/// </summary>
public sealed class DevBroker : IAsyncDisposable
{
    private readonly BrokerContext _context;
    private readonly BrokerListener _listener;
    private readonly DataDirectoryLock _lock;
    private readonly Lock _stopLock = new();
    private Task? _stopped;

    private readonly JournalCompactor _compactor;

    private DevBroker(BrokerContext context, BrokerListener listener, JournalCompactor compactor, DataDirectoryLock directoryLock)
    {
        _context = context;
        _listener = listener;
        _compactor = compactor;
        _lock = directoryLock;
    }

    /// <summary>The address clients bootstrap from, e.g. <c>127.0.0.1:9092</c>.</summary>
    public string BootstrapServers => _context.Node.Address;

    /// <summary>The port the broker listens on (the one picked when <see cref="DevBrokerOptions.Port"/> was 0).</summary>
    public int Port => _context.Node.Port;

    /// <summary>The data directory in use.</summary>
    public string DataDirectory => _context.Options.DataDirectory;

    /// <summary>
    /// Recovers the state in <see cref="DevBrokerOptions.DataDirectory"/> (cutting off a torn tail a crash
    /// may have left) and starts listening.
    /// </summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <exception cref="IOException">The data directory is in use by another broker or cannot be read.</exception>
    /// <exception cref="System.Net.Sockets.SocketException">The address cannot be bound.</exception>
    public static Task<DevBroker> StartAsync(DevBrokerOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? time = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return Task.Run(() => Start(options, loggerFactory ?? NullLoggerFactory.Instance, time ?? TimeProvider.System), ct);
    }

    /// <summary>Stops listening, closes every connection and flushes all state to disk. Safe to call more than once.</summary>
    public Task StopAsync(CancellationToken ct = default)
    {
        lock (_stopLock)
        {
            _stopped ??= StopCoreAsync();
        }

        return _stopped.WaitAsync(ct);
    }

    /// <summary>Same as <see cref="StopAsync"/>.</summary>
    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task StopCoreAsync()
    {
        await _listener.StopAsync();
        await _compactor.DisposeAsync();
        await _context.Groups.StopAsync();
        await _context.Transactions.StopAsync();
        _context.Topics.Flush();
        _context.Journal.Flush();
        _context.Topics.Dispose();
        _context.Journal.Dispose();
        _lock.Dispose();
        BrokerLog.LogStopped(_context.Logger, BootstrapServers);
    }

    private static DevBroker Start(DevBrokerOptions options, ILoggerFactory loggerFactory, TimeProvider time)
    {
        var logger = loggerFactory.CreateLogger("OrleansStreams.DevBroker");
        var dataDirectory = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(dataDirectory);
        var directoryLock = DataDirectoryLock.Acquire(dataDirectory);
        var disposables = new List<IDisposable> { directoryLock };
        try
        {
            var listener = BrokerListener.Bind(options.ListenHost, options.Port, logger);
            disposables.Add(listener);
            var stopwatch = Stopwatch.StartNew();
            var clusterId = ClusterIdentity.LoadOrCreate(dataDirectory);
            var journalPath = Path.Combine(dataDirectory, "broker.journal");
            var state = new RecoveredState();
            Journal.Replay(journalPath, state.Apply, logger);
            var journal = Journal.Open(journalPath, options.Fsync);
            disposables.Add(journal);
            journal.Compact(state.WriteSnapshot);

            var topics = new TopicRegistry(Path.Combine(dataDirectory, "logs"), journal, options, logger);
            disposables.Add(topics);
            topics.Restore(state);
            var groups = new GroupCoordinator(journal, topics, time, options, logger);
            disposables.Add(groups);
            groups.Restore(state);
            var transactions = new TransactionCoordinator(journal, topics, groups, time, options, logger);
            disposables.Add(transactions);
            transactions.Restore(state);
            transactions.CompleteInterruptedTransactions();
            BrokerLog.LogRecovered(logger, topics.All.Count, topics.All.Sum(t => t.Partitions.Length), state.Offsets.Count,
                transactions.TransactionalIdCount, stopwatch.ElapsedMilliseconds);

            var node = new BrokerNode(BrokerNode.DefaultNodeId, AdvertisedHost(options), listener.LocalEndPoint.Port, clusterId);
            var context = new BrokerContext
            {
                Options = options,
                Time = time,
                Logger = logger,
                Node = node,
                Journal = journal,
                Topics = topics,
                Groups = groups,
                Transactions = transactions,
            };
            var compactor = new JournalCompactor(journal, j =>
            {
                transactions.WriteSnapshot(j);
                topics.WriteSnapshot(j);
                groups.WriteSnapshot(j);
            }, options.JournalCompactionBytes, time, logger);
            listener.Start(ApiHandlerCatalog.Create(context), options.MaxRequestBytes);
            groups.Start();
            transactions.Start();
            compactor.Start(options.JournalCompactionCheckInterval);
            BrokerLog.LogStarted(logger, node.Address, dataDirectory);
            return new DevBroker(context, listener, compactor, directoryLock);
        }
        catch
        {
            for (var i = disposables.Count - 1; i >= 0; i--)
            {
                disposables[i].Dispose();
            }

            throw;
        }
    }

    private static string AdvertisedHost(DevBrokerOptions options)
    {
        if (!string.IsNullOrEmpty(options.AdvertisedHost))
        {
            return options.AdvertisedHost;
        }

        return IPAddress.TryParse(options.ListenHost, out var address) && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
            ? "127.0.0.1"
            : options.ListenHost;
    }
}
