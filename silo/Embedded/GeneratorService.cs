using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansStreams.Generation;
using OrleansStreams.Grains.Kafka;

namespace OrleansStreams.Embedded;

/// <summary>Runs the sensor-reading load generator inside the silo (<c>Generator:Enabled</c>).</summary>
internal sealed class GeneratorService(EmbeddedSettings settings, KafkaConnection kafka, TimeProvider time, ILogger<GeneratorService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = settings.Generator;
        var generator = new SensorReadingGenerator(
            kafka.BootstrapServers,
            options,
            time,
            p =>
            {
                if (p.Target > 0)
                {
                    EmbeddedLog.GeneratorProgress(logger, p.Produced, p.InTopic, p.Target, p.RecordsPerSecond);
                }
            },
            kafka.ClientProperties);
        EmbeddedLog.GeneratorStarted(logger, options.Topic, options.Rate, options.Total, options.Keys);
        try
        {
            var produced = await generator.RunAsync(stoppingToken);
            EmbeddedLog.GeneratorDone(logger, produced);
        }
        catch (Confluent.Kafka.KafkaException e)
        {
            EmbeddedLog.GeneratorFailed(logger, e);
        }
    }
}
