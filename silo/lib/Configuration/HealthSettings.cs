
namespace OrleansStreams.Configuration;

/// <summary>The <c>Health</c> section: what the readiness check at <c>/health/ready</c> tolerates.</summary>
public sealed class HealthSettings
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Health";

    /// <summary>
    /// How long a partition this silo owns may be recovering (starting a generation, replaying to its
    /// committed offset, or waiting to retry after a failure) before the silo reports itself not ready.
    /// </summary>
    /// <value>Defaults to 2 minutes.</value>
    public TimeSpan MaxRecoveryTime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long one readiness probe of storage or Kafka may take before it counts as unreachable.</summary>
    /// <value>Defaults to 5 s.</value>
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Every setting of the section: how it is read and what is allowed.</summary>
    internal static SettingTable<HealthSettings> Table { get; } = new SettingTable<HealthSettings>()
        .Duration(o => o.MaxRecoveryTime, TimeSpan.FromSeconds(1), TimeSpan.FromHours(24))
        .Duration(o => o.CheckTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1));
}
