namespace OrleansStreams.Logging;

/// <summary>
/// Event ids of every log message the silo writes, one range per area, so an operator can
/// filter by id and a new message never reuses an old id.
/// </summary>
internal static class LogEventIds
{
    // 1000-1099 hosting and configuration
    public const int SiloReady = 1000;
    public const int SiloStopping = 1001;
    public const int SettingsLoaded = 1002;
    public const int SchemaApplied = 1003;
    public const int Progress = 1004;
    public const int StateNotDurable = 1005;
    public const int TopLevelSection = 1006;

    // 1100-1299 ingress: partition agents, consumers, dispatch (see Ingress/IngressLog.cs)
    // 1300-1499 committer and epochs
    // 1500-1599 storage (see Storage/StorageLog.cs)
    public const int SqliteSchemaApplied = 1500;
    public const int PostgreSqlSchemaApplied = 1501;
    public const int SqliteNotInWalMode = 1502;
    public const int StoragePoolReachesServerLimit = 1503;
    public const int SchemaNotApplied = 1504;
    public const int KeyStateGenerationBegun = 1505;
    public const int KeyStateCheckpointWritten = 1506;
    public const int KeyStateRolledBack = 1507;
    // 1600-1699 telemetry
    // 1700-1799 embedded default and load generator
    // 1800-1899 queries and status (see Queries/QueryLog.cs)
}
