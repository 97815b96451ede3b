namespace OrleansStreams.Silo.Tests.Ingress;

/// <summary>
/// What the recorded applications say about delivery: distinct records, duplicates (replays after a
/// failover), and records applied before an earlier record of the same key (order violations;
/// a replay that starts again from an earlier offset is not a violation).
/// </summary>
internal sealed record DeliveryReport(long Rows, long Distinct, long Duplicates, long OutOfOrder, IReadOnlyDictionary<string, int> RowsPerSilo)
{
    public static DeliveryReport Of(IReadOnlyList<(string Key, int Partition, long Offset, string Silo)> rows)
    {
        var seen = new HashSet<(int, long)>();
        var highest = new Dictionary<string, long>(StringComparer.Ordinal);
        long duplicates = 0, outOfOrder = 0;
        foreach (var (key, partition, offset, _) in rows)
        {
            if (!seen.Add((partition, offset)))
            {
                duplicates++;
                continue;
            }

            // A first application below the key's highest applied offset means an earlier record came late.
            if (highest.TryGetValue(key, out var high) && offset < high)
            {
                outOfOrder++;
            }

            highest[key] = Math.Max(high, offset);
        }

        var perSilo = rows.GroupBy(r => r.Silo).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new DeliveryReport(rows.Count, seen.Count, duplicates, outOfOrder, perSilo);
    }

    public override string ToString() =>
        $"rows={Rows} distinct={Distinct} duplicates={Duplicates} outOfOrder={OutOfOrder} perSilo=[{string.Join(", ", RowsPerSilo.OrderBy(s => s.Key).Select(s => $"{s.Key}:{s.Value}"))}]";
}
