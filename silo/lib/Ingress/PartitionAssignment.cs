using System.Text;

namespace OrleansStreams.Ingress;

/// <summary>
/// Decides which silo owns which (pipeline, partition), from nothing but the list of active silos:
/// every silo computes the same answer from the same membership view. Each partition ranks the
/// silos by a stable hash of (partition, silo) and goes to the best-ranked silo that still has room
/// in an equal share. So the load is balanced to within one partition, and when a silo joins or
/// leaves only a few partitions move.
/// </summary>
internal static class PartitionAssignment
{
    public static Dictionary<PartitionId, string> Assign(IReadOnlyCollection<string> silos, IReadOnlyCollection<PartitionId> partitions)
    {
        var result = new Dictionary<PartitionId, string>();
        if (silos.Count == 0)
        {
            return result;
        }

        // Every silo gets floor(N/n) partitions and N mod n of them one more: load within one.
        var ordered = silos.Order(StringComparer.Ordinal).ToArray();
        var share = partitions.Count / ordered.Length;
        var extras = partitions.Count % ordered.Length;
        var load = ordered.ToDictionary(s => s, _ => 0, StringComparer.Ordinal);
        foreach (var partition in partitions.OrderBy(p => p.Pipeline, StringComparer.Ordinal).ThenBy(p => p.Partition))
        {
            var silo = ordered
                .OrderByDescending(s => Hash($"{partition.Pipeline}/{partition.Partition}@{s}"))
                .ThenBy(s => s, StringComparer.Ordinal)
                .First(s => load[s] < share || (load[s] == share && extras > 0));
            if (load[silo] == share)
            {
                extras--;
            }

            load[silo]++;
            result[partition] = silo;
        }

        return result;
    }

    /// <summary>FNV-1a with a 64-bit finalizer: stable across processes and machines, unlike string.GetHashCode.</summary>
    private static ulong Hash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        hash *= 0xc4ceb9fe1a85ec53UL;
        return hash ^ (hash >> 33);
    }
}

/// <summary>One input partition of one pipeline.</summary>
internal readonly record struct PartitionId(string Pipeline, int Partition)
{
    public override string ToString() => $"{Pipeline}/{Partition}";
}
