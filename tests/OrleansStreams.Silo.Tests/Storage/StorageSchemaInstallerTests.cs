using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;
using OrleansStreams.Silo.Tests.Storage.Support;
using OrleansStreams.Storage;
using OrleansStreams.TestKit;

namespace OrleansStreams.Silo.Tests.Storage;

/// <summary>The schema installer on each database: idempotent, safe under concurrency, one log line.</summary>
public abstract class StorageSchemaInstallerTests
{
    private readonly ListLogger<StorageSchemaInstaller> _log = new();

    [Fact]
    public async Task ApplyAsync_AppliedAgainOverData_ChangesNothing()
    {
        var target = await FreshDatabaseAsync(SchemaPart.Persistence);
        await Installer().ApplyAsync(target);
        var queries = new OrleansQueryRunner(() => Open(target));
        var grain = GrainIdentity.ForStringKey("pipeline/kept");
        await queries.WriteAsync(grain, null, [1, 2, 3]);
        var before = await SnapshotAsync(target);

        await Installer().ApplyAsync(target);

        Assert.Equal(before, await SnapshotAsync(target));
        Assert.Equal(1, (await queries.ReadAsync(grain))!.Value.Version);
    }

    [Fact]
    public async Task ApplyAsync_InstallersRacingOnFreshDatabase_AllSucceed()
    {
        var target = await FreshDatabaseAsync(SchemaPart.Persistence);
        var targets = Enumerable.Range(0, 4).Select(i => i % 2 == 0 || !HasClustering ? target : target with { Part = SchemaPart.Clustering });

        await Task.WhenAll(targets.Select(t => Task.Run(() => Installer().ApplyAsync(t))));

        Assert.Equal(1, await new OrleansQueryRunner(() => Open(target)).WriteAsync(GrainIdentity.ForStringKey("after race"), null, [1]));
    }

    [Fact]
    public async Task ApplyAsync_Schema_LogsOneInformationLineNamingTheDatabaseWithoutPassword()
    {
        var target = await FreshDatabaseAsync(SchemaPart.Persistence);

        await Installer().ApplyAsync(target);

        var entry = Assert.Single(_log.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.StartsWith("Applied ", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Password=orleansstreams", entry.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(ExpectedDatabaseName(target), entry.Message, StringComparison.Ordinal);
    }

    protected virtual bool HasClustering => false;

    internal abstract Task<SchemaTarget> FreshDatabaseAsync(SchemaPart part);

    internal abstract System.Data.Common.DbConnection Open(SchemaTarget target);

    internal abstract string ExpectedDatabaseName(SchemaTarget target);

    /// <summary>Every schema object, catalogue row and state row, with what shows a rewrite.</summary>
    internal abstract Task<string> SnapshotAsync(SchemaTarget target);

    private protected StorageSchemaInstaller Installer() => new([], TimeProvider.System, _log);
}

public sealed class SqliteStorageSchemaInstallerTests : StorageSchemaInstallerTests, IDisposable
{
    private readonly List<SqliteTestFile> _files = [];

    [Fact]
    public async Task ApplyAsync_FileInMissingDirectory_CreatesDirectoryAndStoresWalMode()
    {
        var target = await FreshDatabaseAsync(SchemaPart.Persistence);

        await Installer().ApplyAsync(target);

        // A plain connection, without our pragmas, sees WAL: the mode is stored in the file.
        await using var plain = new SqliteConnection(target.ConnectionString + ";Pooling=False");
        await plain.OpenAsync();
        await using var command = plain.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task OpenConnection_StateDataSource_SetsBusyTimeoutAndNormalSynchronous()
    {
        var target = await FreshDatabaseAsync(SchemaPart.Persistence);
        await Installer().ApplyAsync(target);

        await using var connection = Open(target);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout";
        Assert.Equal((long)SqlitePragmas.BusyTimeoutMilliseconds, await command.ExecuteScalarAsync());
        command.CommandText = "PRAGMA synchronous";
        Assert.Equal(1L, await command.ExecuteScalarAsync()); // NORMAL
    }

    public void Dispose()
    {
        foreach (var file in _files)
        {
            file.Dispose();
        }
    }

    internal override Task<SchemaTarget> FreshDatabaseAsync(SchemaPart part)
    {
        var file = SqliteTestFile.Create("orleansstreams-schema", "data");
        _files.Add(file);
        return Task.FromResult(new SchemaTarget(SqlDialect.Sqlite, part, file.ConnectionString));
    }

    internal override System.Data.Common.DbConnection Open(SchemaTarget target)
    {
        using var source = new SqliteStateDataSource(target.ConnectionString);
        return source.OpenConnection();
    }

    internal override string ExpectedDatabaseName(SchemaTarget target) => new SqliteConnectionStringBuilder(target.ConnectionString).DataSource;

    internal override async Task<string> SnapshotAsync(SchemaTarget target)
    {
        await using var connection = Open(target);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT group_concat(x, char(10)) FROM (
                SELECT type || ' ' || name || ' ' || ifnull(sql, '') AS x FROM sqlite_master
                UNION ALL SELECT 'query ' || rowid || ' ' || QueryKey || ' ' || QueryText FROM OrleansQuery
                UNION ALL SELECT 'state ' || rowid || ' ' || GrainIdExtensionString || ' v' || Version FROM OrleansStreamsGrainState
                ORDER BY 1)
            """;
        return (string)(await command.ExecuteScalarAsync())!;
    }
}

public sealed class PostgreSqlStorageSchemaInstallerTests : StorageSchemaInstallerTests
{
    [Fact]
    public async Task ApplyAsync_Clustering_CreatesEmptyMembershipTables()
    {
        var target = await FreshDatabaseAsync(SchemaPart.Clustering);

        await Installer().ApplyAsync(target);

        await using var connection = Open(target);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM OrleansStreamsMembershipVersion";
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    protected override bool HasClustering => true;

    internal override async Task<SchemaTarget> FreshDatabaseAsync(SchemaPart part) =>
        new(SqlDialect.PostgreSql, part, await PostgresTestDatabase.CreateScratchDatabaseAsync("schema"));

    internal override System.Data.Common.DbConnection Open(SchemaTarget target)
    {
        var connection = new NpgsqlConnection(target.ConnectionString);
        connection.Open();
        return connection;
    }

    internal override string ExpectedDatabaseName(SchemaTarget target) => new NpgsqlConnectionStringBuilder(target.ConnectionString).Database!;

    internal override async Task<string> SnapshotAsync(SchemaTarget target)
    {
        await using var connection = Open(target);
        await using var command = connection.CreateCommand();
        // xmin changes whenever a row is rewritten, even with identical values.
        command.CommandText = """
            SELECT string_agg(x, E'\n' ORDER BY x) FROM (
                SELECT 'table ' || table_name FROM information_schema.tables WHERE table_schema = 'public'
                UNION ALL SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
                UNION ALL SELECT 'query ' || QueryKey || ' ' || xmin::text || ' ' || md5(QueryText) FROM OrleansQuery
                UNION ALL SELECT 'state ' || GrainIdExtensionString || ' v' || Version || ' ' || xmin::text FROM OrleansStreamsGrainState
            ) s(x)
            """;
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
