using System.Data.Common;

namespace OrleansStreams.Storage;

/// <summary>Makes connection strings safe to log and to print in error messages.</summary>
internal static class ConnectionStrings
{
    private const string Mask = "***";

    /// <summary>
    /// Returns <paramref name="connectionString"/> with every password-like value replaced by
    /// <c>***</c>; a string that cannot be parsed is not shown at all.
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
            if (IsSecret(key))
            {
                builder[key] = Mask;
            }
        }

        return builder.ConnectionString;
    }

    private static bool IsSecret(string key)
    {
        var k = key.Replace(" ", string.Empty, StringComparison.Ordinal);
        return k.Contains("password", StringComparison.OrdinalIgnoreCase)
            || k.Equals("pwd", StringComparison.OrdinalIgnoreCase)
            || k.Contains("secret", StringComparison.OrdinalIgnoreCase)
            || k.Contains("token", StringComparison.OrdinalIgnoreCase)
            || k.Equals("sslkey", StringComparison.OrdinalIgnoreCase);
    }
}
