using OrleansStreams.Aggregation;
using OrleansStreams.Pipelines;
using OrleansStreams.Windows;

namespace OrleansStreams.Silo.Tests.Hosting;

/// <summary>The pipeline of README's "Pipelines in C#" section, kept compiling and meaning what the README says.</summary>
public sealed class ReadmePipelineExampleTests
{
    [Fact]
    public void Build_ReadmeExample_HasTheTopicsAndHoppingWindowItNames()
    {
        var pipeline = Pipeline.Create("payments")
            .From("payments").To("payment-totals")
            .DeadLettersTo("payments-dlq").LateRecordsTo("payments-late")
            .KeyBy(KeySelectors.JsonProperty("account"))
            .EventTime(EventTimes.JsonProperty("at"))
            .Values(ValueReaders.JsonNumber("amount"))
            .Window(WindowSpec.Hopping(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1)).WithGrace(TimeSpan.FromSeconds(30)))
            .Aggregate(Aggregators.Stats)
            .Emit(EmitMode.Final)
            .Build();

        Assert.Equal("payments", pipeline.InputTopic);
        Assert.Equal("payment-totals", pipeline.OutputTopic);
        Assert.Equal("payments-dlq", pipeline.DeadLetterTopic);
        Assert.Equal("payments-late", pipeline.LateTopic);
        Assert.Equal(WindowKind.Hopping, pipeline.Window.Kind);
        Assert.Equal(TimeSpan.FromMinutes(5), pipeline.Window.Size);
        Assert.Equal(TimeSpan.FromMinutes(1), pipeline.Window.Advance);
        Assert.Equal(TimeSpan.FromSeconds(30), pipeline.Window.Grace);
    }
}
