using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansStreams.Configuration;

namespace OrleansStreams.Hosting;

/// <summary>Warns at start about settings sections still given at the top level, where earlier releases read them.</summary>
internal sealed class SettingsReport(IConfiguration configuration, ILogger<SettingsReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var name in SettingSections.TopLevel(configuration))
        {
            HostingLog.TopLevelSection(logger, name, $"{SettingSections.RootName}:{name}");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
