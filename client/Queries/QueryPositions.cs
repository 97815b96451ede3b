using System.Collections;

namespace OrleansStreams.Client;

/// <summary>At most one position per partition: what an answer reflects, or what a later query must reflect at least.</summary>
public sealed class QueryPositions : IReadOnlyCollection<QueryPosition>
{
    private readonly SortedDictionary<int, QueryPosition> _byPartition = [];

    /// <summary>Collects positions; of several for one partition the one with the highest offset is kept.</summary>
    /// <param name="positions">The positions.</param>
    public QueryPositions(IEnumerable<QueryPosition> positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        foreach (var position in positions)
        {
            ArgumentNullException.ThrowIfNull(position, nameof(positions));
            if (!_byPartition.TryGetValue(position.Partition, out var held) || position.Offset > held.Offset)
            {
                _byPartition[position.Partition] = position;
            }
        }
    }

    /// <summary>No position.</summary>
    public static QueryPositions Empty { get; } = new([]);

    /// <inheritdoc/>
    public int Count => _byPartition.Count;

    /// <summary>The position of <paramref name="partition"/>, if there is one.</summary>
    /// <param name="partition">The partition.</param>
    /// <param name="position">Its position.</param>
    /// <returns>Whether there is one.</returns>
    public bool TryGetPosition(int partition, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out QueryPosition? position) =>
        _byPartition.TryGetValue(partition, out position);

    /// <summary>The positions of both, the higher one where both have a partition: a bound that covers two answers.</summary>
    /// <param name="other">The other positions.</param>
    /// <returns>The union.</returns>
    public QueryPositions Union(QueryPositions other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new QueryPositions(this.Concat(other));
    }

    /// <summary>The positions in partition order.</summary>
    /// <returns>The enumerator.</returns>
    public IEnumerator<QueryPosition> GetEnumerator() => _byPartition.Values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>E.g. <c>0@1200 3@877</c>: partition and offset.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Join(' ', _byPartition.Values.Select(p => FormattableString.Invariant($"{p.Partition}@{p.Offset}")));
}
