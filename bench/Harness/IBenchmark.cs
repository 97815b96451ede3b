namespace OrleansStreams.Bench.Harness;

/// <summary>
/// One benchmark, run by name: <c>dotnet run --project bench -c Release -- &lt;name&gt; [options]</c>.
/// Implementations are found by reflection, so adding a benchmark is adding a class.
/// </summary>
internal interface IBenchmark
{
    /// <summary>The name used on the command line.</summary>
    string Name { get; }

    /// <summary>One line shown by <c>--list</c>.</summary>
    string Description { get; }

    /// <summary>Runs the benchmark; prints progress to stderr and the result table to stdout.</summary>
    Task<int> RunAsync(string[] args, CancellationToken cancellationToken);
}
