using System.Data.Common;

namespace OrleansStreams.Client.Hosting;

/// <summary>Makes connection strings safe to log and to print in error messages, in silos, clients and the CLI.</summary>
internal static class ConnectionStrings
{
    private const string Mask = "***";

    /// <summary>
    /// Keywords whose values are shown (compared without spaces and case). Every other value is
    /// masked, so a password under a misspelt or unknown keyword never reaches a log or an error.
    /// </summary>
    private static readonly HashSet<string> Shown = new(StringComparer.OrdinalIgnoreCase)
    {
        "host", "server", "port", "database", "username", "userid", "user", "uid",
        "datasource", "filename", "mode", "cache", "pooling", "foreignkeys", "recursivetriggers",
        "maximumpoolsize", "maxpoolsize", "minimumpoolsize", "minpoolsize",
        "timeout", "commandtimeout", "defaulttimeout", "connectionidlelifetime", "connectionlifetime",
        "sslmode", "trustservercertificate", "applicationname", "searchpath", "includeerrordetail",
        "keepalive", "multiplexing", "targetsessionattributes", "loadbalancehosts", "maxautoprepare", "autoprepareminusages",
    };

    /// <summary>
    /// Returns <paramref name="connectionString"/> with every value masked (<c>***</c>) except those
    /// of well-known harmless keywords; a string that cannot be parsed is not shown at all.
    /// </summary>
    public static string Redact(string? connectionString)
    {
        if (string.IsNullOrEmpty(connectionString))
        {
            return string.Empty;
        }

        DbConnectionStringBuilder builder;
        try
        {
            builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        }
        catch (ArgumentException)
        {
            return "(unreadable connection string, not shown)";
        }

        foreach (var key in builder.Keys.Cast<string>().ToList())
        {
            if (!Shown.Contains(key.Replace(" ", string.Empty, StringComparison.Ordinal)))
            {
                builder[key] = Mask;
            }
        }

        return builder.ConnectionString;
    }
}
