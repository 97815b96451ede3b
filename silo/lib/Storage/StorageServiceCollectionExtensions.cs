using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace OrleansStreams.Storage;

internal static class StorageServiceCollectionExtensions
{
    /// <summary>Makes the host apply <paramref name="target"/> when it is starting, before the silo starts.</summary>
    public static IServiceCollection AddStorageSchema(this IServiceCollection services, SchemaTarget target)
    {
        services.AddSingleton(target);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StorageSchemaInstaller>());
        return services;
    }
}
