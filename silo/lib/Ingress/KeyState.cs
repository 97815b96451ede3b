using OrleansStreams.Keys;
using OrleansStreams.Records;

namespace OrleansStreams.Ingress;

/// <summary>The agent's view of one key of its partition.</summary>
internal sealed class KeyState(string key, IKeyGrain grain)
{
    public string Key { get; } = key;

    public IKeyGrain Grain { get; } = grain;

    /// <summary>Records waiting for the key's next call, in offset order, with their tracker sequence numbers.</summary>
    public List<(long Sequence, StreamRecord Record)> Pending { get; } = [];

    /// <summary>The records of the call in flight, or <see langword="null"/>.</summary>
    public (long Sequence, StreamRecord Record)[]? InFlight { get; set; }

    /// <summary>Whether the key is waiting in the dispatcher's ready queue.</summary>
    public bool Queued { get; set; }

    /// <summary>The lowest offset applied since the key's last flush, or <see cref="long.MaxValue"/>: the key is dirty below it.</summary>
    public long MinUnflushedOffset { get; set; } = long.MaxValue;

    /// <summary>The last offset the grain acknowledged in this generation, or -1.</summary>
    public long LastAcknowledged { get; set; } = -1;

    public bool IsIdle => Pending.Count == 0 && InFlight is null;
}
