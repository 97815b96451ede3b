namespace OrleansStreams.Silo.Tests.EndToEnd;

/// <summary>
/// Tests that run several silo processes and a broker under load. They run one at a time, after
/// the parallel tests, so that timing on a small machine stays comparable from run to run.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndCollection
{
    public const string Name = "end-to-end";
}
