using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace OrleansStreams.Storage;

/// <summary>
/// Hands Orleans' ADO.NET grain storage plain <see cref="SqliteConnection"/>s that get
/// <see cref="SqlitePragmas.ConnectionSettings"/> each time they open. Orleans opens a pooled
/// connection per operation, and per-connection pragmas cannot go into the query texts
/// (<c>PRAGMA busy_timeout = n</c> returns a row, and Orleans accepts at most one row per operation).
/// </summary>
internal sealed class SqliteStateDataSource(string connectionString) : DbDataSource
{
    public override string ConnectionString => connectionString;

    protected override DbConnection CreateDbConnection()
    {
        var connection = new SqliteConnection(connectionString);
        connection.StateChange += OnStateChange;
        return connection;
    }

    private static void OnStateChange(object sender, StateChangeEventArgs e)
    {
        if (e.CurrentState == ConnectionState.Open && e.OriginalState != ConnectionState.Open)
        {
            SqlitePragmas.Apply((SqliteConnection)sender);
        }
    }
}
