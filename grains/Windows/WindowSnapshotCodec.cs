using System.Buffers;
using OrleansStreams.Serialization;
using OrleansStreams.Windows;

namespace OrleansStreams.Grains.Windows;

/// <summary>
/// The binary snapshot of a <see cref="WindowEngineState{TAccumulator}"/>. Version 1, in order
/// (varint = unsigned LEB128, zigzag = signed zigzag varint):
/// <code>
/// u8      version (1)
/// u32 LE  fingerprint of spec, emit mode and accumulator size (FNV-1a); a mismatch is refused
/// u8      flags: 1 = stream time present, 2 = session horizon present
/// varint  last offset + 1
/// zigzag  stream time                       (if flag 1; the anchor A, else A = 0)
/// zigzag  session horizon - A               (if flag 2)
/// varint  window count, then per window in start order:
///           varint  zigzag(start - previous start) &lt;&lt; 1 | closed   (first: relative to A)
///           varint  end - start                                 (sessions; others: the size)
///           accumulator
/// varint  pane count, then per pane: zigzag(time - previous time), accumulator   (sliding only)
/// varint  buffered output count, then per output:
///           u8      kind (0 update, 1 retraction, 2 final)
///           zigzag  start - previous start      (first: relative to A)
///           varint  end - start                 (sessions)
///           varint  last offset - causing offset   (update, retraction)
///           accumulator                         (update, final)
/// </code>
/// An accumulator is the serde's bytes: exactly <see cref="IFixedSizeSerde{T}.Size"/> of them for
/// a fixed-size serde, otherwise preceded by a varint length.
/// </summary>
/// <typeparam name="TAccumulator">The aggregator's accumulator type.</typeparam>
internal sealed class WindowSnapshotCodec<TAccumulator>
{
    /// <summary>The format version written.</summary>
    public const byte Version = 1;

    private const byte HasStreamTime = 1;
    private const byte HasSessionHorizon = 2;

    private readonly AccumulatorFraming<TAccumulator> _accumulators;
    private readonly bool _sessions;
    private readonly bool _sliding;
    private readonly long _size;
    private readonly uint _fingerprint;

    public WindowSnapshotCodec(WindowSpec spec, EmitMode emitMode, ISerde<TAccumulator> serde)
    {
        ArgumentNullException.ThrowIfNull(serde);
        _accumulators = new AccumulatorFraming<TAccumulator>(serde);
        _sessions = spec.Kind == WindowKind.Session;
        _sliding = spec.Kind == WindowKind.Sliding;
        _size = spec.Size.Ticks / TimeSpan.TicksPerMillisecond;
        _fingerprint = Fingerprint(
            (long)spec.Kind, (long)emitMode, spec.Size.Ticks, spec.Advance.Ticks, spec.Gap.Ticks,
            spec.Grace.Ticks, spec.Retention.Ticks, _accumulators.FixedSize);
    }

    public void Write(WindowEngineState<TAccumulator> state, IBufferWriter<byte> output)
    {
        var writer = new SnapshotWriter(output);
        writer.WriteByte(Version);
        writer.WriteUInt32(_fingerprint);
        var hasStreamTime = state.StreamTime != long.MinValue;
        var hasHorizon = state.SessionHorizon != long.MinValue;
        writer.WriteByte((byte)((hasStreamTime ? HasStreamTime : 0) | (hasHorizon ? HasSessionHorizon : 0)));
        writer.WriteVarUInt64((ulong)(state.LastOffset + 1));
        var anchor = hasStreamTime ? state.StreamTime : 0;
        if (hasStreamTime)
        {
            writer.WriteVarInt64(state.StreamTime);
        }

        if (hasHorizon)
        {
            writer.WriteVarInt64(state.SessionHorizon - anchor);
        }

        ref var windows = ref state.Windows;
        writer.WriteVarUInt64((ulong)windows.Count);
        var previous = anchor;
        for (var i = 0; i < windows.Count; i++)
        {
            ref var slot = ref windows[i];
            writer.WriteVarUInt64((SnapshotWriter.ZigZag(slot.Start - previous) << 1) | (slot.Closed ? 1UL : 0UL));
            previous = slot.Start;
            if (_sessions)
            {
                writer.WriteVarUInt64((ulong)(slot.End - slot.Start));
            }

            _accumulators.Write(ref writer, slot.Accumulator);
        }

        if (_sliding)
        {
            ref var panes = ref state.Panes;
            writer.WriteVarUInt64((ulong)panes.Count);
            previous = anchor;
            for (var i = 0; i < panes.Count; i++)
            {
                ref var pane = ref panes[i];
                writer.WriteVarInt64(pane.Time - previous);
                previous = pane.Time;
                _accumulators.Write(ref writer, pane.Accumulator);
            }
        }

        ref var pending = ref state.Pending;
        writer.WriteVarUInt64((ulong)pending.Count);
        previous = anchor;
        for (var i = 0; i < pending.Count; i++)
        {
            ref var buffered = ref pending[i];
            writer.WriteByte((byte)buffered.Kind);
            writer.WriteVarInt64(buffered.Start - previous);
            previous = buffered.Start;
            if (_sessions)
            {
                writer.WriteVarUInt64((ulong)(buffered.End - buffered.Start));
            }

            if (buffered.Kind != WindowOutputKind.Final)
            {
                writer.WriteVarUInt64((ulong)(state.LastOffset - buffered.CausingOffset));
            }

            if (buffered.Kind != WindowOutputKind.Retraction)
            {
                _accumulators.Write(ref writer, buffered.Accumulator);
            }
        }

        writer.Flush();
    }

    public WindowEngineState<TAccumulator> Read(ReadOnlySpan<byte> data)
    {
        var reader = new SnapshotReader(data);
        var version = reader.ReadByte();
        if (version != Version)
        {
            throw new InvalidDataException($"Window snapshot version {version} is not supported; this engine reads version {Version}.");
        }

        if (reader.ReadUInt32() != _fingerprint)
        {
            throw new InvalidDataException(
                "Window snapshot was written for another window spec, emit mode or accumulator encoding; it cannot be restored by this engine.");
        }

        var state = new WindowEngineState<TAccumulator>();
        var flags = reader.ReadByte();
        state.LastOffset = checked((long)reader.ReadVarUInt64() - 1);
        var anchor = 0L;
        if ((flags & HasStreamTime) != 0)
        {
            state.StreamTime = anchor = reader.ReadVarInt64();
        }

        if ((flags & HasSessionHorizon) != 0)
        {
            state.SessionHorizon = anchor + reader.ReadVarInt64();
        }

        var count = reader.ReadCount();
        var previous = anchor;
        for (var i = 0; i < count; i++)
        {
            var packed = reader.ReadVarUInt64();
            var start = previous + Unzig(packed >> 1);
            if (i > 0 && start <= previous)
            {
                throw new InvalidDataException("Window snapshot holds windows out of order.");
            }

            previous = start;
            var end = start + (_sessions ? ReadLength(ref reader) : _size);
            var slot = new WindowSlot<TAccumulator>(start, end, _accumulators.Read(ref reader)) { Closed = (packed & 1) != 0 };
            state.Windows.Add(slot);
        }

        if (_sliding)
        {
            count = reader.ReadCount();
            previous = anchor;
            for (var i = 0; i < count; i++)
            {
                var time = previous + reader.ReadVarInt64();
                if (i > 0 && time <= previous)
                {
                    throw new InvalidDataException("Window snapshot holds panes out of order.");
                }

                previous = time;
                state.Panes.Add(new Pane<TAccumulator>(time, _accumulators.Read(ref reader)));
            }
        }

        count = reader.ReadCount();
        previous = anchor;
        for (var i = 0; i < count; i++)
        {
            var kind = (WindowOutputKind)reader.ReadByte();
            if (kind is not (WindowOutputKind.Update or WindowOutputKind.Retraction or WindowOutputKind.Final))
            {
                throw new InvalidDataException($"Window snapshot holds an output of unknown kind {(byte)kind}.");
            }

            var start = previous + reader.ReadVarInt64();
            previous = start;
            var end = start + (_sessions ? ReadLength(ref reader) : _size);
            var causingOffset = kind == WindowOutputKind.Final ? -1 : state.LastOffset - (long)reader.ReadVarUInt64();
            var accumulator = kind == WindowOutputKind.Retraction ? default! : _accumulators.Read(ref reader);
            state.Pending.Add(new PendingOutput<TAccumulator>(kind, start, end, causingOffset, accumulator));
        }

        if (reader.Remaining != 0)
        {
            throw new InvalidDataException($"Window snapshot has {reader.Remaining} unexpected trailing bytes.");
        }

        return state;
    }

    private static long Unzig(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    private static long ReadLength(ref SnapshotReader reader)
    {
        var length = reader.ReadVarUInt64();
        return length is > 0 and <= long.MaxValue >> 2
            ? (long)length
            : throw new InvalidDataException($"Window snapshot holds a session of invalid length {length}.");
    }

    /// <summary>FNV-1a over the values' little-endian bytes.</summary>
    private static uint Fingerprint(params ReadOnlySpan<long> values)
    {
        var hash = 2166136261u;
        foreach (var value in values)
        {
            for (var shift = 0; shift < 64; shift += 8)
            {
                hash = (hash ^ (byte)(value >> shift)) * 16777619u;
            }
        }

        return hash;
    }
}
