namespace OrleansStreams.Configuration;

/// <summary>Where grain state (key grain snapshots, committer bookkeeping) is stored.</summary>
public enum StorageProvider
{
    /// <summary>A SQLite file on this machine, in WAL mode: the embedded default, for one host.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database shared by every silo of the cluster.</summary>
    PostgreSql,

    /// <summary>In-memory only: state is lost when the silo stops. For tests and experiments.</summary>
    Memory,
}
