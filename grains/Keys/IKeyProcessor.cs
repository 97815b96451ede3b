using System.Buffers;
using OrleansStreams.Keys;
using OrleansStreams.Records;

namespace OrleansStreams.Grains.Keys;

/// <summary>
/// The per-key logic of a windowed pipeline, typed inside, plain outside: reads values, runs the
/// window engine, buffers outputs with their causing offsets and snapshots all of it.
/// </summary>
internal interface IKeyProcessor
{
    /// <summary>The last input offset this key processed (applied, late or dead-lettered), or -1.</summary>
    long LastApplied { get; }

    /// <summary>The stream time of the key's next close or eviction, or <see cref="long.MaxValue"/>.</summary>
    long NextDueTime { get; }

    /// <summary>Processes the records above <see cref="LastApplied"/>; replays are skipped.</summary>
    void Apply(ReadOnlySpan<StreamRecord> records);

    /// <summary>Closes what is due by <paramref name="streamTime"/> and adds the outputs caused below <paramref name="endOffset"/>.</summary>
    void Flush(long streamTime, long endOffset, List<OutputRecord> into);

    void WriteSnapshot(IBufferWriter<byte> output);

    /// <summary>Replaces the state with a snapshot; an empty one is the fresh state.</summary>
    void Restore(ReadOnlySpan<byte> snapshot);

    WindowState[] Windows();
}
