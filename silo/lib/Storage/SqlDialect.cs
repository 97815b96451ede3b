namespace OrleansStreams.Storage;

/// <summary>The SQL dialect a schema script is written in.</summary>
internal enum SqlDialect
{
    PostgreSql,
    Sqlite,
}
