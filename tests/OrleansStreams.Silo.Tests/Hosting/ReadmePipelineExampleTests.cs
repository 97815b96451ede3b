using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansStreams.Aggregation;
using OrleansStreams.Configuration;
using OrleansStreams.Pipelines;
using OrleansStreams.Windows;

namespace OrleansStreams.Silo.Tests.Hosting;

/// <summary>The pipeline of README's "Pipelines in C#" section, kept compiling and meaning what the README says.</summary>
public sealed class ReadmePipelineExampleTests
{
    [Fact]
    public void Build_ReadmeExample_HasTheTopicsAndHoppingWindowItNames()
    {
        var pipeline = Payments();

        Assert.Equal("payments", pipeline.InputTopic);
        Assert.Equal("payment-totals", pipeline.OutputTopic);
        Assert.Equal("payments-dlq", pipeline.DeadLetterTopic);
        Assert.Equal("payments-late", pipeline.LateTopic);
        Assert.Equal(WindowKind.Hopping, pipeline.Window.Kind);
        Assert.Equal(TimeSpan.FromMinutes(5), pipeline.Window.Size);
        Assert.Equal(TimeSpan.FromMinutes(1), pipeline.Window.Advance);
        Assert.Equal(TimeSpan.FromSeconds(30), pipeline.Window.Grace);
    }

    [Fact]
    public void Host_ReadmeExample_AddsOrleansStreamsToTheApplicationsOwnSiloWithItsPipeline()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering()
            .AddOrleansStreams(o =>
            {
                o.Kafka.BootstrapServers = "kafka-1:9092,kafka-2:9092";
                o.Pipelines.Add(Payments()); // the README's pipeline, as the first test builds it
                o.Metrics.Enabled = false; // not in the README: keeps this test off the default ports
                o.Query.Enabled = false;
            }));

        using var services = builder.Services.BuildServiceProvider();
        var options = services.GetRequiredService<IOptions<OrleansStreamsOptions>>().Value;
        Assert.Equal("kafka-1:9092,kafka-2:9092", options.Kafka.BootstrapServers);
        Assert.Equal(["payments"], options.Pipelines.Select(p => p.Name));
        Assert.Contains(services.GetServices<PipelineDefinition>(), p => p.Name == "payments");
    }

    /// <summary>The pipeline exactly as the README writes it.</summary>
    private static WindowedPipelineDefinition Payments() =>
        Pipeline.Create("payments")
            .From("payments").To("payment-totals")
            .DeadLettersTo("payments-dlq").LateRecordsTo("payments-late")
            .KeyBy(KeySelectors.JsonProperty("account"))
            .EventTime(EventTimes.JsonProperty("at"))
            .Values(ValueReaders.JsonNumber("amount"))
            .Window(WindowSpec.Hopping(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1)).WithGrace(TimeSpan.FromSeconds(30)))
            .Aggregate(Aggregators.Stats)
            .Emit(EmitMode.Final)
            .Build();
}
