using Microsoft.Extensions.Configuration;
using OrleansStreams.Pipelines;

namespace OrleansStreams.Configuration;

/// <summary>The <c>Processing</c> section: how and how often epochs commit.</summary>
public sealed class ProcessingSettings
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Processing";

    /// <summary>Default target time between epoch ends.</summary>
    public static readonly TimeSpan DefaultCommitInterval = TimeSpan.FromSeconds(1);

    /// <summary>Default target time between checkpoints of a windowed pipeline's partition state.</summary>
    public static readonly TimeSpan DefaultCheckpointInterval = TimeSpan.FromSeconds(10);

    /// <summary>Default records after which an epoch ends early.</summary>
    public const int DefaultCommitMaxRecords = 200_000;

    /// <summary>Exactly-once (transactions) or at-least-once (lower latency).</summary>
    /// <value>Defaults to <see cref="ProcessingGuarantee.ExactlyOnce"/>.</value>
    public ProcessingGuarantee Guarantee { get; set; } = ProcessingGuarantee.ExactlyOnce;

    /// <summary>Target time between epoch ends. When an epoch takes longer, the next one starts right after it.</summary>
    /// <value>Defaults to <see cref="DefaultCommitInterval"/>.</value>
    public TimeSpan CommitInterval { get; set; } = DefaultCommitInterval;

    /// <summary>
    /// Windowed pipelines: target time between checkpoints of a partition's window state. Outputs and
    /// offsets commit every epoch; the state of the keys changed since the last checkpoint is written
    /// at the first epoch end after this interval, in one batch. A recovery replays the input from the
    /// last checkpoint, so it also bounds how much input a recovery reads again. Zero checkpoints every epoch.
    /// </summary>
    /// <value>Defaults to <see cref="DefaultCheckpointInterval"/>.</value>
    public TimeSpan CheckpointInterval { get; set; } = DefaultCheckpointInterval;

    /// <summary>An epoch also ends after this many records.</summary>
    /// <value>Defaults to <see cref="DefaultCommitMaxRecords"/>.</value>
    public int CommitMaxRecords { get; set; } = DefaultCommitMaxRecords;

    /// <summary>Kafka <c>transaction.timeout.ms</c> of the committers' producers.</summary>
    public TimeSpan TransactionTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Key-grain flushes in flight per committer.</summary>
    public int FlushConcurrency { get; set; } = 64;

    /// <summary>Wait before a failed partition generation restarts.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Every setting of the section: how it is read and what is allowed.</summary>
    internal static SettingTable<ProcessingSettings> Table { get; } = new SettingTable<ProcessingSettings>()
        .Enum(o => o.Guarantee)
        .Duration(o => o.CommitInterval, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(10))
        .Duration(o => o.CheckpointInterval, TimeSpan.Zero, TimeSpan.FromHours(1))
        .Int(o => o.CommitMaxRecords, 1, 100_000_000)
        .Duration(o => o.TransactionTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(15))
        .Int(o => o.FlushConcurrency, 1, 10_000)
        .Duration(o => o.RetryBackoff, TimeSpan.Zero, TimeSpan.FromMinutes(5));

    /// <summary>Reads and validates the section (<c>OrleansStreams:Processing</c>, or the top-level <c>Processing</c> of earlier releases).</summary>
    /// <param name="configuration">The root configuration.</param>
    /// <returns>The validated settings.</returns>
    /// <exception cref="InvalidSettingException">A value cannot be used.</exception>
    public static ProcessingSettings Read(IConfiguration configuration)
    {
        var settings = new ProcessingSettings();
        Table.Bind(new SettingSections(configuration).Get(SectionName), settings);
        return settings;
    }
}
