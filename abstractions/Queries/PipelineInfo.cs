namespace OrleansStreams.Queries;

/// <summary>A pipeline the cluster runs, as the silos define it.</summary>
/// <param name="Name">The pipeline's name: what queries and status calls take.</param>
/// <param name="InputTopic">The topic it reads.</param>
/// <param name="OutputTopic">The topic its results go to.</param>
/// <param name="Windowed">Whether it keeps window state that point queries can read.</param>
/// <param name="Window">The window, as text (for example <c>tumbling 1m grace 10s retention 130s</c>, durations as settings take them); empty when not windowed.</param>
/// <param name="Emit">When it emits results: <c>Final</c> or <c>OnUpdate</c>; empty when not windowed.</param>
/// <param name="PublishesResults">Whether its committed results are published on its results streams (see <see cref="ResultStreams"/>).</param>
[GenerateSerializer, Immutable, Alias("OrleansStreams.Queries.PipelineInfo")]
public sealed record PipelineInfo(
    [property: Id(0)] string Name,
    [property: Id(1)] string InputTopic,
    [property: Id(2)] string OutputTopic,
    [property: Id(3)] bool Windowed,
    [property: Id(4)] string Window,
    [property: Id(5)] string Emit,
    [property: Id(6)] bool PublishesResults = false);

/// <summary>Lists the pipelines the silos define. Any silo answers. Part of the wire contract between silos and the client SDK.</summary>
public interface IPipelineCatalogGrain : IGrainWithIntegerKey
{
    /// <summary>The pipelines, by name.</summary>
    /// <returns>The pipelines.</returns>
    Task<PipelineInfo[]> GetPipelines();
}
