using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansStreams.Client.Hosting;
using OrleansStreams.DevBroker;
using OrleansStreams.Grains.Pipelines;
using OrleansStreams.Ingress;

namespace OrleansStreams.Embedded;

/// <summary>
/// Runs the dev broker inside the silo for the embedded default, and creates the pipelines' input
/// topics. Registered before the Orleans silo, so it starts before it and stops after it.
/// </summary>
internal sealed class EmbeddedBrokerService(EmbeddedSettings settings, PipelineRegistry pipelines, TopicAdmin topics, ILoggerFactory loggers, ILogger<EmbeddedBrokerService> logger) : IHostedService
{
    private DevBroker.DevBroker? _broker;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!HostPort.TryParse(settings.Listen, out var listen))
        {
            throw new InvalidOperationException($"the dev broker's listen endpoint '{settings.Listen}' is not host:port");
        }

        _broker = await DevBroker.DevBroker.StartAsync(
            new DevBrokerOptions
            {
                ListenHost = listen.Host,
                Port = listen.Port,
                DataDirectory = settings.DataDirectory,
                DefaultPartitions = settings.Partitions,
            },
            loggers,
            ct: cancellationToken);
        EmbeddedLog.BrokerStarted(logger, _broker.BootstrapServers, settings.DataDirectory);

        foreach (var pipeline in pipelines.All)
        {
            await topics.EnsureTopicAsync(pipeline.InputTopic, settings.Partitions);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_broker is not null)
        {
            await _broker.StopAsync(cancellationToken);
            await _broker.DisposeAsync();
        }
    }
}
