using System.Globalization;

namespace OrleansStreams.DevBroker;

/// <summary>Settings of a <see cref="DevBroker"/>. Checked by <see cref="DevBroker.StartAsync"/>.</summary>
public sealed class DevBrokerOptions
{
    /// <summary>Default of <see cref="ListenHost"/>.</summary>
    public const string DefaultListenHost = "127.0.0.1";

    /// <summary>Default of <see cref="MaxRequestBytes"/>: 100 MiB, as Kafka's socket.request.max.bytes.</summary>
    public const int DefaultMaxRequestBytes = 100 * 1024 * 1024;

    /// <summary>Default of <see cref="TransactionTimeoutMax"/>: 15 minutes, as Kafka's transaction.max.timeout.ms.</summary>
    public static readonly TimeSpan DefaultTransactionTimeoutMax = TimeSpan.FromMinutes(15);

    /// <summary>Default of <see cref="GroupInitialRebalanceDelay"/>: short, so tests do not wait Kafka's 3 s.</summary>
    public static readonly TimeSpan DefaultGroupInitialRebalanceDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>Default of <see cref="GroupMaxSessionTimeout"/>: 30 minutes, as Kafka's group.max.session.timeout.ms.</summary>
    public static readonly TimeSpan DefaultGroupMaxSessionTimeout = TimeSpan.FromMinutes(30);

    /// <summary>Default of <see cref="TransactionTimeoutCheckInterval"/>.</summary>
    public static readonly TimeSpan DefaultTransactionTimeoutCheckInterval = TimeSpan.FromSeconds(1);

    /// <summary>Address to listen on.</summary>
    /// <value>An IP address or host name; default <c>127.0.0.1</c>.</value>
    public string ListenHost { get; set; } = DefaultListenHost;

    /// <summary>Port to listen on.</summary>
    /// <value>0 (default) picks a free ephemeral port; see <see cref="DevBroker.BootstrapServers"/> for the one chosen.</value>
    public int Port { get; set; }

    /// <summary>Host name clients are told to connect to (Metadata, FindCoordinator).</summary>
    /// <value>Default null: <see cref="ListenHost"/>, or 127.0.0.1 when listening on a wildcard address.</value>
    public string? AdvertisedHost { get; set; }

    /// <summary>Directory holding logs, offsets and transaction state; created if missing. Required.</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>Partitions of auto-created topics and of CreateTopics with -1 (Kafka's num.partitions).</summary>
    /// <value>Default 1.</value>
    public int DefaultPartitions { get; set; } = 1;

    /// <summary>Whether Metadata requests create unknown topics (Kafka's auto.create.topics.enable).</summary>
    /// <value>Default true.</value>
    public bool AutoCreateTopics { get; set; } = true;

    /// <summary>Largest transaction.timeout.ms a producer may ask for (Kafka's transaction.max.timeout.ms).</summary>
    /// <value>Default 15 minutes.</value>
    public TimeSpan TransactionTimeoutMax { get; set; } = DefaultTransactionTimeoutMax;

    /// <summary>Whether writes are flushed to disk (fsync) before they are acknowledged.</summary>
    /// <value>Default false: acknowledged writes are in the operating system, so they survive the broker being killed, not a power loss.</value>
    public bool Fsync { get; set; }

    /// <summary>Largest request accepted; a larger size prefix closes the connection (Kafka's socket.request.max.bytes).</summary>
    /// <value>Default 100 MiB.</value>
    public int MaxRequestBytes { get; set; } = DefaultMaxRequestBytes;

    /// <summary>How long the first rebalance of an empty group waits for more members (Kafka's group.initial.rebalance.delay.ms).</summary>
    /// <value>Default 100 ms.</value>
    public TimeSpan GroupInitialRebalanceDelay { get; set; } = DefaultGroupInitialRebalanceDelay;

    /// <summary>Largest session timeout a group member may ask for (Kafka's group.max.session.timeout.ms).</summary>
    /// <value>Default 30 minutes.</value>
    public TimeSpan GroupMaxSessionTimeout { get; set; } = DefaultGroupMaxSessionTimeout;

    /// <summary>How often transactions are checked against their timeout.</summary>
    /// <value>Default 1 s.</value>
    public TimeSpan TransactionTimeoutCheckInterval { get; set; } = DefaultTransactionTimeoutCheckInterval;

    /// <summary>Journal size at which it is compacted while the broker runs (tests make it small).</summary>
    internal long JournalCompactionBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>How often the journal size is checked.</summary>
    internal TimeSpan JournalCompactionCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting, its value and what is allowed.</summary>
    public void Validate()
    {
        Check(nameof(ListenHost), ListenHost, !string.IsNullOrWhiteSpace(ListenHost), "an IP address or host name");
        Check(nameof(Port), Port, Port is >= 0 and <= 65535, "an integer from 0 to 65535");
        Check(nameof(DataDirectory), DataDirectory, !string.IsNullOrWhiteSpace(DataDirectory), "a directory path");
        Check(nameof(DefaultPartitions), DefaultPartitions, DefaultPartitions is >= 1 and <= 10000, "an integer from 1 to 10000");
        Check(nameof(TransactionTimeoutMax), TransactionTimeoutMax, InMilliseconds(TransactionTimeoutMax, 1, int.MaxValue), "a duration from 1 ms to 24.20:31:23.647");
        Check(nameof(MaxRequestBytes), MaxRequestBytes, MaxRequestBytes is >= 1024 and <= 1 << 30, "an integer from 1024 to 1073741824");
        Check(nameof(GroupInitialRebalanceDelay), GroupInitialRebalanceDelay, InMilliseconds(GroupInitialRebalanceDelay, 0, 300_000), "a duration from 0 to 5 minutes");
        Check(nameof(GroupMaxSessionTimeout), GroupMaxSessionTimeout, InMilliseconds(GroupMaxSessionTimeout, 1, int.MaxValue), "a duration from 1 ms to 24.20:31:23.647");
        Check(nameof(TransactionTimeoutCheckInterval), TransactionTimeoutCheckInterval, InMilliseconds(TransactionTimeoutCheckInterval, 10, 3_600_000), "a duration from 10 ms to 1 hour");
    }

    private static bool InMilliseconds(TimeSpan value, long min, long max) =>
        value.TotalMilliseconds >= min && value.TotalMilliseconds <= max;

    private static void Check(string name, object? value, bool valid, string allowed)
    {
        if (!valid)
        {
            throw new InvalidOptionException(name, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", allowed);
        }
    }
}
