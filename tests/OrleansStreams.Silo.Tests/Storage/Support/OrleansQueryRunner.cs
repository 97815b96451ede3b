using System.Data;
using System.Data.Common;

namespace OrleansStreams.Silo.Tests.Storage.Support;

/// <summary>
/// Runs the catalogue's grain storage queries the way Orleans' ADO.NET provider 10.4.2 does: the
/// text read from <c>OrleansQuery</c>, one command per call on a fresh pooled connection, no
/// transaction, unprefixed parameter names with the provider's DbTypes, rows of every result set.
/// </summary>
public sealed class OrleansQueryRunner(Func<DbConnection> open)
{
    private Dictionary<string, string>? _queries;

    public async Task<IReadOnlyList<object?[]>> RunAsync(
        string queryKey, GrainIdentity id, int? version = null, byte[]? payload = null)
    {
        var text = (await QueriesAsync())[queryKey];
        await using var connection = open();
        await using var command = connection.CreateCommand();
        command.CommandText = text;
        Add(command, "GrainIdHash", DbType.Int32, id.Hash);
        Add(command, "GrainIdN0", DbType.Int64, id.N0);
        Add(command, "GrainIdN1", DbType.Int64, id.N1);
        Add(command, "GrainTypeHash", DbType.Int32, id.TypeHash);
        Add(command, "GrainTypeString", DbType.String, id.Type);
        Add(command, "GrainIdExtensionString", DbType.String, id.Extension);
        Add(command, "ServiceId", DbType.String, id.ServiceId);
        if (queryKey != "ReadFromStorageKey")
        {
            Add(command, "GrainStateVersion", DbType.Int32, version);
        }

        if (queryKey == "WriteToStorageKey")
        {
            Add(command, "PayloadBinary", DbType.Binary, payload);
        }

        var rows = new List<object?[]>();
        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync())
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                rows.Add(row);
            }
        }
        while (await reader.NextResultAsync());

        Assert.True(rows.Count <= 1, $"{queryKey} returned {rows.Count} rows; Orleans accepts at most one");
        return rows;
    }

    /// <summary>The payload and version Orleans would read, or null when there is no row.</summary>
    public async Task<(byte[]? Payload, int Version)?> ReadAsync(GrainIdentity id)
    {
        var rows = await RunAsync("ReadFromStorageKey", id);
        return rows.Count == 0 ? null : ((byte[]?)rows[0][0], Convert.ToInt32(rows[0][1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The new version a write reports, or null for no row / NULL (both mean a conflict).</summary>
    public async Task<int?> WriteAsync(GrainIdentity id, int? version, byte[] payload) =>
        Scalar(await RunAsync("WriteToStorageKey", id, version, payload));

    public async Task<int?> ClearAsync(GrainIdentity id, int? version) =>
        Scalar(await RunAsync("ClearStorageKey", id, version));

    public async Task<int?> DeleteAsync(GrainIdentity id, int? version) =>
        Scalar(await RunAsync("DeleteStorageKey", id, version));

    private static int? Scalar(IReadOnlyList<object?[]> rows) =>
        rows.Count == 0 || rows[0][0] is null ? null : Convert.ToInt32(rows[0][0], System.Globalization.CultureInfo.InvariantCulture);

    private async Task<Dictionary<string, string>> QueriesAsync()
    {
        if (_queries is null)
        {
            await using var connection = open();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT QueryKey, QueryText FROM OrleansQuery";
            var queries = new Dictionary<string, string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                queries[(string)reader["QueryKey"]] = (string)reader["QueryText"];
            }

            _queries = queries;
        }

        return _queries;
    }

    private static void Add(DbCommand command, string name, DbType type, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
