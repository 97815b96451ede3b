namespace OrleansStreams.Storage;

/// <summary>The <c>Invariant</c> values Orleans' ADO.NET providers 10.4.2 map to our drivers.</summary>
internal static class OrleansAdoNetInvariants
{
    /// <summary>Npgsql.</summary>
    public const string PostgreSql = "Npgsql";

    /// <summary>
    /// Microsoft.Data.Sqlite. Orleans loads <c>Microsoft.Data.Sqlite.SqliteFactory</c> for this name;
    /// the name <c>Microsoft.Data.Sqlite</c> itself is unknown to Orleans and fails at provider start.
    /// </summary>
    public const string Sqlite = "System.Data.SQLite";
}
