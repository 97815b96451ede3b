using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using OrleansStreams.Configuration;
using OrleansStreams.Grains.State;

namespace OrleansStreams.Storage.KeyState;

/// <summary>Registers the <see cref="IKeyStateStore"/> that <see cref="StorageSettings.Provider"/> names.</summary>
internal static class KeyStateServiceCollectionExtensions
{
    /// <summary>
    /// Registers the key state store as a singleton: <see cref="SqliteKeyStateStore"/> or
    /// <see cref="PostgreSqlKeyStateStore"/> on the storage database, its schema
    /// (<see cref="SchemaPart.KeyState"/>) applied when the host is starting, or
    /// <see cref="MemoryKeyStateStore"/> over the silo's grains.
    /// </summary>
    /// <param name="services">The silo's services.</param>
    /// <param name="settings">Validated storage settings.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddKeyStateStore(this IServiceCollection services, StorageSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.TryAddSingleton(TimeProvider.System);
        switch (settings.Provider)
        {
            case StorageProvider.Sqlite:
                var sqlite = Required(settings);
                services.AddStorageSchema(new SchemaTarget(SqlDialect.Sqlite, SchemaPart.KeyState, sqlite));
                services.AddSingleton<IKeyStateStore>(sp => new SqliteKeyStateStore(
                    sqlite, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SqliteKeyStateStore>>()));
                break;
            case StorageProvider.PostgreSql:
                var postgres = Required(settings);
                services.AddStorageSchema(new SchemaTarget(SqlDialect.PostgreSql, SchemaPart.KeyState, postgres));
                services.AddSingleton<IKeyStateStore>(sp => new PostgreSqlKeyStateStore(
                    postgres, settings.MaxPoolSize, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<PostgreSqlKeyStateStore>>()));
                break;
            case StorageProvider.Memory:
                services.AddSingleton<IKeyStateStore>(sp => new MemoryKeyStateStore(sp.GetRequiredService<IGrainFactory>()));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(settings), settings.Provider, "unknown storage provider");
        }

        return services;
    }

    private static string Required(StorageSettings settings) =>
        settings.ConnectionString
        ?? throw new ArgumentException($"Storage:Provider {settings.Provider} needs a connection string; read the settings with StorageSettings.Read", nameof(settings));
}
