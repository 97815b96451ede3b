using System.Collections.Concurrent;
using OrleansStreams.Queries;

namespace OrleansStreams.Client.Querying;

/// <summary>
/// The highest position this client returned per pipeline, consistency and partition: later queries
/// must reach it, so one caller never sees state go back (e.g. a <see cref="QueryConsistency.Latest"/>
/// answer after a failover that lost records not committed yet).
/// </summary>
internal sealed class PositionFloors
{
    private readonly ConcurrentDictionary<(string Pipeline, QueryConsistency Consistency, int Partition), long> _offsets = new();

    public long Get(string pipeline, QueryConsistency consistency, int partition) =>
        _offsets.TryGetValue((pipeline, consistency, partition), out var offset) ? offset : long.MinValue;

    public void Raise(string pipeline, QueryConsistency consistency, IEnumerable<QueryPosition> positions)
    {
        foreach (var position in positions)
        {
            _offsets.AddOrUpdate((pipeline, consistency, position.Partition), position.Offset, (_, held) => Math.Max(held, position.Offset));
        }
    }
}
