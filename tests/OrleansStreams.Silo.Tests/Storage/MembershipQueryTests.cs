using System.Data;
using Npgsql;
using OrleansStreams.Storage;
using OrleansStreams.TestKit;

namespace OrleansStreams.Silo.Tests.Storage;

/// <summary>
/// The membership queries of our PostgreSQL clustering script against the provider's contract,
/// called with the parameters Orleans 10.4.2 binds (Address as AnsiString, UTC DateTimes).
/// </summary>
public sealed class MembershipQueryTests(MembershipQueryTests.Database database) : IClassFixture<MembershipQueryTests.Database>
{
    private const int Joining = 2;
    private const int Active = 3;
    private const int Dead = 6;
    private static readonly DateTime Start = new(2026, 11, 24, 10, 0, 0, 123, DateTimeKind.Utc);
    private readonly string _deployment = $"cluster-{Guid.NewGuid():N}";
    private readonly string _connectionString = database.ConnectionString;
    private readonly Dictionary<string, string> _queries = database.Queries;

    /// <summary>One scratch database with the clustering schema; every test uses its own deployment id.</summary>
    public sealed class Database : IAsyncLifetime
    {
        public string ConnectionString { get; private set; } = null!;

        public Dictionary<string, string> Queries { get; } = [];

        public async Task InitializeAsync()
        {
            ConnectionString = await PostgresTestDatabase.CreateScratchDatabaseAsync("membership");
            var installer = new StorageSchemaInstaller([], TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<StorageSchemaInstaller>.Instance);
            await installer.ApplyAsync(new SchemaTarget(SqlDialect.PostgreSql, SchemaPart.Clustering, ConnectionString));
            await using var connection = await PostgresTestDatabase.OpenAsync(ConnectionString);
            await using var command = new NpgsqlCommand("SELECT QueryKey, QueryText FROM OrleansQuery", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                Queries[reader.GetString(0)] = reader.GetString(1);
            }
        }

        public Task DisposeAsync() => Task.CompletedTask;
    }

    [Fact]
    public void Catalogue_AfterInstall_HoldsAllNineRequiredKeysAndTheOptionalOne()
    {
        string[] keys =
        [
            "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipVersionKey",
            "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey", "DeleteMembershipTableEntriesKey",
            "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",
        ];

        Assert.All(keys, k => Assert.Contains(k, _queries.Keys));
    }

    [Fact]
    public async Task InsertMembershipVersion_Twice_ReportsCreatedThenNotCreatedWithoutError()
    {
        Assert.True(await BooleanAsync("InsertMembershipVersionKey", Deployment()));
        Assert.False(await BooleanAsync("InsertMembershipVersionKey", Deployment()));

        var rows = await RowsAsync("MembershipReadAllKey", Deployment());
        var row = Assert.Single(rows);
        Assert.Equal(0, row["version"]);
        Assert.Null(row["starttime"]);
    }

    [Fact]
    public async Task InsertMembership_CurrentVersion_InsertsMemberAndBumpsVersion()
    {
        await BooleanAsync("InsertMembershipVersionKey", Deployment());

        Assert.True(await BooleanAsync("InsertMembershipKey", Member(11111, version: 0)));

        var row = Assert.Single(await RowsAsync("MembershipReadRowKey", Row(11111)));
        Assert.Equal((1, Joining, "10.0.0.1", Start), (row["version"], row["status"], row["address"], row["starttime"]));
    }

    [Fact]
    public async Task InsertMembership_StaleVersionOrDuplicateMember_ReportsFalseAndChangesNothing()
    {
        await BooleanAsync("InsertMembershipVersionKey", Deployment());
        await BooleanAsync("InsertMembershipKey", Member(11111, version: 0));

        Assert.False(await BooleanAsync("InsertMembershipKey", Member(22222, version: 0)));
        Assert.False(await BooleanAsync("InsertMembershipKey", Member(11111, version: 1)));

        var rows = await RowsAsync("MembershipReadAllKey", Deployment());
        Assert.Equal((1, 1), (rows.Count, rows[0]["version"]));
    }

    [Fact]
    public async Task UpdateMembership_StaleVersionOrMissingMember_ReportsFalseAndVersionStays()
    {
        await BooleanAsync("InsertMembershipVersionKey", Deployment());
        await BooleanAsync("InsertMembershipKey", Member(11111, version: 0));

        Assert.False(await BooleanAsync("UpdateMembershipKey", Update(11111, Active, version: 0)));
        Assert.False(await BooleanAsync("UpdateMembershipKey", Update(33333, Active, version: 1)));
        Assert.Equal(1, (await RowsAsync("MembershipReadAllKey", Deployment()))[0]["version"]);

        Assert.True(await BooleanAsync("UpdateMembershipKey", Update(11111, Active, version: 1)));
        var row = Assert.Single(await RowsAsync("MembershipReadRowKey", Row(11111)));
        Assert.Equal((2, Active, "127.0.0.1:22222@1,2026-11-24 10:00:05.000 GMT"), (row["version"], row["status"], row["suspecttimes"]));
    }

    [Fact]
    public async Task UpdateIAmAlive_OlderTime_KeepsNewerTimeAndNeverTouchesVersion()
    {
        await BooleanAsync("InsertMembershipVersionKey", Deployment());
        await BooleanAsync("InsertMembershipKey", Member(11111, version: 0));

        await RowsAsync("UpdateIAmAlivetimeKey", Alive(11111, Start.AddSeconds(30)));
        await RowsAsync("UpdateIAmAlivetimeKey", Alive(11111, Start.AddSeconds(10)));

        var row = Assert.Single(await RowsAsync("MembershipReadRowKey", Row(11111)));
        Assert.Equal((1, Start.AddSeconds(30)), (row["version"], row["iamalivetime"]));
    }

    [Fact]
    public async Task Gateways_ActiveMembers_ListsOnlyActiveRowsWithAProxyPort()
    {
        await BooleanAsync("InsertMembershipVersionKey", Deployment());
        await BooleanAsync("InsertMembershipKey", Member(11111, version: 0));
        await BooleanAsync("InsertMembershipKey", Member(22222, version: 1));
        await BooleanAsync("UpdateMembershipKey", Update(11111, Active, version: 2));

        var rows = await RowsAsync("GatewaysQueryKey", [.. Deployment(), ("Status", DbType.Int32, Active)]);

        var gateway = Assert.Single(rows);
        Assert.Equal(("10.0.0.1", 30000), (gateway["address"], gateway["proxyport"]));
    }

    [Fact]
    public async Task CleanupDefunctSiloEntry_CapturedValues_DeletesOnlyAnUnchangedDeadRow()
    {
        await BooleanAsync("InsertMembershipVersionKey", Deployment());
        await BooleanAsync("InsertMembershipKey", Member(11111, version: 0));
        await BooleanAsync("UpdateMembershipKey", Update(11111, Dead, version: 1));
        var read = Assert.Single(await RowsAsync("MembershipReadRowKey", Row(11111)));
        (string, DbType, object?)[] Cleanup(object? suspectTimes) =>
        [
            .. Row(11111),
            ("SuspectTimes", DbType.String, suspectTimes),
            ("StartTime", DbType.DateTime, read["starttime"]),
            ("IAmAliveTime", DbType.DateTime, read["iamalivetime"]),
        ];

        await RowsAsync("CleanupDefunctSiloEntryKey", Cleanup(null));
        Assert.Single(await RowsAsync("MembershipReadAllKey", Deployment()), r => r["starttime"] is not null);

        await RowsAsync("CleanupDefunctSiloEntryKey", Cleanup(read["suspecttimes"]));
        Assert.DoesNotContain(await RowsAsync("MembershipReadAllKey", Deployment()), r => r["starttime"] is not null);
    }

    [Fact]
    public async Task DeleteMembershipTableEntries_Deployment_RemovesMembersAndVersion()
    {
        await BooleanAsync("InsertMembershipVersionKey", Deployment());
        await BooleanAsync("InsertMembershipKey", Member(11111, version: 0));

        await RowsAsync("DeleteMembershipTableEntriesKey", Deployment());

        Assert.Empty(await RowsAsync("MembershipReadAllKey", Deployment()));
        Assert.True(await BooleanAsync("InsertMembershipVersionKey", Deployment()));
    }

    private (string, DbType, object?)[] Deployment() => [("DeploymentId", DbType.String, _deployment)];

    private (string, DbType, object?)[] Row(int port) =>
    [
        .. Deployment(),
        ("Address", DbType.AnsiString, "10.0.0.1"),
        ("Port", DbType.Int32, port),
        ("Generation", DbType.Int32, 1),
    ];

    private (string, DbType, object?)[] Member(int port, int version) =>
    [
        .. Row(port),
        ("SiloName", DbType.String, $"silo-{port}"),
        ("HostName", DbType.String, "host"),
        ("Status", DbType.Int32, Joining),
        ("ProxyPort", DbType.Int32, 30000),
        ("StartTime", DbType.DateTime, Start),
        ("IAmAliveTime", DbType.DateTime, Start),
        ("Version", DbType.Int32, version),
    ];

    private (string, DbType, object?)[] Update(int port, int status, int version) =>
    [
        .. Row(port),
        ("Status", DbType.Int32, status),
        ("SuspectTimes", DbType.String, "127.0.0.1:22222@1,2026-11-24 10:00:05.000 GMT"),
        ("IAmAliveTime", DbType.DateTime, Start.AddSeconds(5)),
        ("Version", DbType.Int32, version),
    ];

    private (string, DbType, object?)[] Alive(int port, DateTime time) => [.. Row(port), ("IAmAliveTime", DbType.DateTime, time)];

    /// <summary>Orleans' reading of a boolean result: column 0 of the first row of a one-column result.</summary>
    private async Task<bool> BooleanAsync(string key, (string Name, DbType Type, object? Value)[] parameters)
    {
        var rows = await RowsAsync(key, parameters);
        Assert.Single(rows[0]);
        return Convert.ToBoolean(rows[0].Values.Single(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<List<Dictionary<string, object?>>> RowsAsync(string key, (string Name, DbType Type, object? Value)[] parameters)
    {
        await using var connection = await PostgresTestDatabase.OpenAsync(_connectionString);
        await using var command = new NpgsqlCommand(_queries[key], connection);
        foreach (var (name, type, value) in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { ParameterName = name, DbType = type, Value = value ?? DBNull.Value });
        }

        var rows = new List<Dictionary<string, object?>>();
        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync())
            {
                var row = new Dictionary<string, object?>();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    row[reader.GetName(i).ToLowerInvariant()] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                rows.Add(row);
            }
        }
        while (await reader.NextResultAsync());

        return rows;
    }
}
