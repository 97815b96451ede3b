using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansStreams.Configuration;
using OrleansStreams.Hosting;

// appsettings.json ships beside the binary; relative data paths stay relative to the working directory.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});
try
{
    builder.AddOrleansStreamsSilo();
    using var host = builder.Build();

    // The silo claims its HTTP ports as it starts; claimed here first, a port in use is the only line printed.
    EndpointClaims.ClaimAll(host.Services.GetServices<ClaimedEndpoint>());

    await host.RunAsync();
    return 0;
}
catch (InvalidSettingException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}
