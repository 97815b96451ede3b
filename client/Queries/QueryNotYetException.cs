using OrleansStreams.Text;

namespace OrleansStreams.Client;

/// <summary>
/// A query could not be answered within its wait: a partition that may hold a key was not running,
/// still replaying, behind the required position or unreachable. No older state is returned instead;
/// asking again later may succeed.
/// </summary>
public sealed class QueryNotYetException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="pipeline">The pipeline asked.</param>
    /// <param name="partitions">The partitions that could not answer at the last try.</param>
    /// <param name="problem">A problem of the whole pipeline, e.g. that no partition has reported yet; <see langword="null"/> when none.</param>
    /// <param name="waited">How long the query waited.</param>
    public QueryNotYetException(string pipeline, IReadOnlyList<UnavailablePartition> partitions, string? problem, TimeSpan waited)
        : base(Describe(pipeline, partitions, problem, waited))
    {
        Pipeline = pipeline;
        Partitions = partitions;
        Problem = problem;
        Waited = waited;
    }

    /// <summary>The pipeline asked.</summary>
    public string Pipeline { get; }

    /// <summary>The partitions that could not answer at the last try, in partition order.</summary>
    public IReadOnlyList<UnavailablePartition> Partitions { get; }

    /// <summary>A problem of the whole pipeline, e.g. that no partition has reported yet; <see langword="null"/> when none.</summary>
    public string? Problem { get; }

    /// <summary>How long the query waited.</summary>
    public TimeSpan Waited { get; }

    private static string Describe(string pipeline, IReadOnlyList<UnavailablePartition> partitions, string? problem, TimeSpan waited)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        var reasons = (problem is null ? [] : new[] { problem }).Concat(partitions.Select(p => p.ToString()));
        return $"pipeline '{pipeline}' could not answer within {Durations.Format(waited)}: {string.Join("; ", reasons)}";
    }
}
