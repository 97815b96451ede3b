using OrleansStreams.Windows;

namespace OrleansStreams.Bench.Peer;

/// <summary>One configuration of the peer benchmark: <c>raw</c> (the pipe, no mode), <c>streamiz</c> with a mode, or <c>orleans</c> with a mode and a storage.</summary>
internal sealed record PeerConfig(string System, EmitMode Mode, string Storage, int QueryCallers = 0, bool Watched = false)
{
    public const string Raw = "raw";
    public const string Streamiz = "streamiz";
    public const string Orleans = "orleans";

    public string SystemName => System switch
    {
        Raw => "raw pipe",
        Streamiz => "Streamiz",
        _ => QueryCallers > 0 ? "OrleansStreams + queries" : Watched ? "OrleansStreams + live results" : "OrleansStreams",
    };

    public string ModeName => System == Raw ? "—" : Mode.ToString();

    public string Label => System switch { Raw => "raw pipe", Streamiz => $"Streamiz {Mode}", _ => $"{SystemName} {Mode} {Storage}" };

    /// <summary>
    /// Every configuration the options ask for, in the order of round 1: raw, then per mode Streamiz and
    /// OrleansStreams per storage.
    /// </summary>
    public static List<PeerConfig> All(IReadOnlyList<string> systems, IReadOnlyList<string> modes, IReadOnlyList<string> storages, int queryCallers = 0, bool watched = false)
    {
        var configs = new List<PeerConfig>();
        if (systems.Contains(Raw))
        {
            configs.Add(new PeerConfig(Raw, EmitMode.Final, "—"));
        }

        foreach (var mode in modes.Select(Enum.Parse<EmitMode>))
        {
            if (systems.Contains(Streamiz))
            {
                configs.Add(new PeerConfig(Streamiz, mode, "RocksDB"));
            }

            if (systems.Contains(Orleans))
            {
                configs.AddRange(storages.Select(s => new PeerConfig(Orleans, mode, s)));
                if (queryCallers > 0)
                {
                    configs.AddRange(storages.Select(s => new PeerConfig(Orleans, mode, s, queryCallers)));
                }

                if (watched)
                {
                    configs.AddRange(storages.Select(s => new PeerConfig(Orleans, mode, s, Watched: true)));
                }
            }
        }

        return configs;
    }

    /// <summary>Round <paramref name="round"/> (0-based) of <paramref name="rounds"/> starts ⌊round·n/rounds⌋ into the list and wraps around.</summary>
    public static List<PeerConfig> Rotated(List<PeerConfig> configs, int round, int rounds)
    {
        var start = round * configs.Count / Math.Max(1, rounds);
        return [.. configs.Skip(start), .. configs.Take(start)];
    }
}
