using Orleans.Serialization;
using Orleans.Storage;
using OrleansStreams.Configuration;
using OrleansStreams.Storage;
using OrleansStreams.Storage.KeyState;

namespace Orleans.Hosting;

/// <summary>Applies the <c>Storage</c> settings to an Orleans silo.</summary>
public static class SiloBuilderStorageExtensions
{
    /// <summary>
    /// Registers the grain storage named <see cref="StorageNames.State"/> (and the same as Orleans'
    /// stream pub-sub store, which holds live-result subscriptions): Orleans' ADO.NET grain
    /// storage on SQLite or PostgreSQL with the OrleansStreams schema (applied when the host is
    /// starting, before the silo), or in-memory storage. State is stored with Orleans' binary
    /// serializer (state types need <c>[GenerateSerializer]</c>), not JSON: key-grain snapshots are
    /// compact binary and the storage write is the throughput bound. Also registers the key state
    /// store of windowed pipelines on the same database (<c>IKeyStateStore</c>, its schema applied
    /// the same way), or in silo memory for <see cref="StorageProvider.Memory"/>.
    /// </summary>
    /// <param name="silo">The silo builder.</param>
    /// <param name="settings">Validated storage settings (<see cref="StorageSettings.Read"/>).</param>
    /// <returns>The silo builder.</returns>
    public static ISiloBuilder AddOrleansStreamsStorage(this ISiloBuilder silo, StorageSettings settings)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Provider is StorageProvider.Sqlite or StorageProvider.PostgreSql)
        {
            var dialect = settings.Provider == StorageProvider.Sqlite ? SqlDialect.Sqlite : SqlDialect.PostgreSql;
            silo.Services.AddStorageSchema(new SchemaTarget(dialect, SchemaPart.Persistence, Required(settings)));
        }

        // The pub-sub store keeps live-result subscriptions where committer state is kept, so they survive a silo.
        foreach (var name in new[] { StorageNames.State, Orleans.Providers.ProviderConstants.DEFAULT_PUBSUB_PROVIDER_NAME })
        {
            AddGrainStorage(silo, settings, name);
        }

        silo.Services.AddKeyStateStore(settings);
        return silo;
    }

    private static void AddGrainStorage(ISiloBuilder silo, StorageSettings settings, string name)
    {
        switch (settings.Provider)
        {
            case StorageProvider.Sqlite:
                var sqlite = Required(settings);
                silo.AddAdoNetGrainStorage(name, options => options.Configure<Serializer>((o, serializer) =>
                {
                    o.Invariant = OrleansAdoNetInvariants.Sqlite;
                    o.DataSource = new SqliteStateDataSource(sqlite);
                    o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
                }));
                break;
            case StorageProvider.PostgreSql:
                var postgres = Required(settings);
                silo.AddAdoNetGrainStorage(name, options => options.Configure<Serializer>((o, serializer) =>
                {
                    o.Invariant = OrleansAdoNetInvariants.PostgreSql;
                    o.ConnectionString = postgres;
                    o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
                }));
                break;
            case StorageProvider.Memory:
                silo.AddMemoryGrainStorage(name);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(settings), settings.Provider, "unknown storage provider");
        }
    }

    private static string Required(StorageSettings settings) =>
        settings.ConnectionString
        ?? throw new ArgumentException($"Storage:Provider {settings.Provider} needs a connection string; read the settings with StorageSettings.Read", nameof(settings));
}
