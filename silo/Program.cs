using Microsoft.Extensions.Hosting;
using OrleansStreams.Configuration;

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
    await host.RunAsync();
    return 0;
}
catch (InvalidSettingException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}
