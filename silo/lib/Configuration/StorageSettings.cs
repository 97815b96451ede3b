using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;
using OrleansStreams.Client.Hosting;

namespace OrleansStreams.Configuration;

/// <summary>The <c>Storage</c> section: where grain state lives.</summary>
public sealed class StorageSettings
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Storage";

    /// <summary>The SQLite file used when no connection string is given, relative to the working directory.</summary>
    public const string DefaultSqliteFile = "data/state.db";

    /// <summary>
    /// Default upper bound of the PostgreSQL connection pool of one silo's grain storage. Orleans opens
    /// a connection per storage operation, so a burst of concurrent writes fills the pool; the bound
    /// keeps several silos below the server's <c>max_connections</c> (100 by default).
    /// </summary>
    public const int DefaultMaxPoolSize = 50;

    /// <summary>
    /// PostgreSQL <c>Max Auto Prepare</c> used unless the connection string sets it: Orleans runs the
    /// same few query texts over and over, and prepared statements skip their parse and plan.
    /// </summary>
    public const int DefaultMaxAutoPrepare = 20;

    private int? maxPoolSize;

    /// <summary>Where grain state is stored.</summary>
    /// <value>Defaults to <see cref="StorageProvider.Sqlite"/>.</value>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// The connection string the storage provider uses: for SQLite with an absolute file path, for
    /// PostgreSQL with <c>Maximum Pool Size</c> and <c>Max Auto Prepare</c> set; <see langword="null"/> for <see cref="StorageProvider.Memory"/>.
    /// It may hold a password: log it only through <see cref="RedactedConnectionString"/>.
    /// </summary>
    /// <value>Defaults to <c>Data Source=&lt;working directory&gt;/data/state.db</c> for SQLite; required for PostgreSQL.</value>
    public string? ConnectionString { get; set; }

    /// <summary>PostgreSQL only: the most connections one silo's grain storage opens at once.</summary>
    /// <value>
    /// <c>Storage:MaxPoolSize</c> when set, else the connection string's <c>Maximum Pool Size</c>, else
    /// <see cref="DefaultMaxPoolSize"/>.
    /// </value>
    public int MaxPoolSize
    {
        get => maxPoolSize ?? DefaultMaxPoolSize;
        set => maxPoolSize = value;
    }

    /// <summary>The connection string with passwords masked, safe to log.</summary>
    public string RedactedConnectionString => ConnectionStrings.Redact(ConnectionString);

    /// <summary>Every setting of the section: how it is read and what is allowed.</summary>
    internal static SettingTable<StorageSettings> Table { get; } = new SettingTable<StorageSettings>()
        .Enum(o => o.Provider)
        .String(o => o.ConnectionString, _ => true, "a connection string")
        .Int(o => o.MaxPoolSize, 1, 1000);

    /// <summary>Reads and validates the section (<c>OrleansStreams:Storage</c>, or the top-level <c>Storage</c> of earlier releases).</summary>
    /// <param name="configuration">The root configuration.</param>
    /// <returns>The validated settings.</returns>
    /// <exception cref="InvalidSettingException">A value cannot be used.</exception>
    public static StorageSettings Read(IConfiguration configuration)
    {
        var section = new SettingSections(configuration).Get(SectionName);
        var settings = new StorageSettings();
        Table.Bind(section, settings);
        settings.Complete(section);
        return settings;
    }

    /// <summary>
    /// Checks the settings and completes the connection string: a SQLite file path made absolute
    /// (relative to the working directory, fixed now so every later reader agrees), PostgreSQL's pool
    /// size and statement preparation set. Nothing for <see cref="StorageProvider.Memory"/>.
    /// </summary>
    /// <param name="section">The section the settings were read from, for the keys in errors.</param>
    /// <exception cref="InvalidSettingException">A value cannot be used.</exception>
    internal void Complete(IConfiguration section)
    {
        if (Table.Check(section, this) is { } invalid)
        {
            throw invalid;
        }

        switch (Provider)
        {
            case StorageProvider.Sqlite:
                ConnectionString = ReadSqlite(section, string.IsNullOrWhiteSpace(ConnectionString) ? $"Data Source={DefaultSqliteFile}" : ConnectionString);
                break;
            case StorageProvider.PostgreSql:
                var (connectionString, poolSize) = ReadPostgreSql(section, string.IsNullOrWhiteSpace(ConnectionString) ? null : ConnectionString, maxPoolSize);
                ConnectionString = connectionString;
                maxPoolSize = poolSize;
                break;
            default:
                ConnectionString = null;
                break;
        }
    }

    private static string ReadSqlite(IConfiguration section, string raw)
    {
        const string allowed = "a SQLite connection string naming a file, e.g. Data Source=data/state.db";
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(raw);
        }
        catch (ArgumentException)
        {
            throw new InvalidSettingException(section.Key("ConnectionString"), ConnectionStrings.Redact(raw), allowed);
        }

        if (string.IsNullOrWhiteSpace(builder.DataSource)
            || builder.DataSource.Trim() == ":memory:"
            || builder.Mode == SqliteOpenMode.Memory
            || builder.Mode == SqliteOpenMode.ReadOnly)
        {
            throw new InvalidSettingException(section.Key("ConnectionString"), ConnectionStrings.Redact(raw), allowed);
        }

        // Relative paths are relative to the working directory, fixed now so every later reader agrees.
        builder.DataSource = Path.GetFullPath(builder.DataSource);
        return builder.ConnectionString;
    }

    private static (string ConnectionString, int MaxPoolSize) ReadPostgreSql(IConfiguration section, string? raw, int? maxPoolSize)
    {
        const string allowed = "a PostgreSQL connection string (Npgsql keywords, e.g. Host=db;Database=orleansstreams;Username=silo;Password=...)";
        if (raw is null)
        {
            throw new InvalidSettingException(section.Key("ConnectionString"), null, $"{allowed} when {section.Key("Provider")} is PostgreSql");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(raw);
        }
        catch (ArgumentException)
        {
            throw new InvalidSettingException(section.Key("ConnectionString"), ConnectionStrings.Redact(raw), allowed);
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new InvalidSettingException(section.Key("ConnectionString"), ConnectionStrings.Redact(raw), allowed);
        }

        var given = builder.Keys.Cast<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        builder.MaxPoolSize = maxPoolSize ?? (given.Contains("Maximum Pool Size") ? builder.MaxPoolSize : DefaultMaxPoolSize);
        if (!given.Contains("Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        if (builder.MinPoolSize > builder.MaxPoolSize)
        {
            throw new InvalidSettingException(
                section.Key("MaxPoolSize"),
                builder.MaxPoolSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"at least the connection string's Minimum Pool Size ({builder.MinPoolSize})");
        }

        return (builder.ConnectionString, builder.MaxPoolSize);
    }
}
