using System.Text;
using OrleansStreams.Grains.Windows;
using OrleansStreams.Keys;
using OrleansStreams.Records;

namespace OrleansStreams.Grains.State;

/// <summary>
/// Outputs a key grain made that wait for the epoch of their causing offset (late records and dead
/// letters), and their binary form inside the key's snapshot.
/// </summary>
internal sealed class BufferedOutputs
{
    private readonly List<OutputRecord> _outputs = [];

    public int Count => _outputs.Count;

    public void Add(in OutputRecord output) => _outputs.Add(output);

    /// <summary>Moves the outputs caused below <paramref name="endOffset"/> to <paramref name="into"/>.</summary>
    public void TakeBelow(long endOffset, List<OutputRecord> into)
    {
        if (_outputs.Count == 0)
        {
            return;
        }

        foreach (var output in _outputs)
        {
            if (output.CausingOffset < endOffset)
            {
                into.Add(output);
            }
        }

        _outputs.RemoveAll(o => o.CausingOffset < endOffset);
    }

    public void Clear() => _outputs.Clear();

    public void Write(ref SnapshotWriter writer)
    {
        writer.WriteVarUInt64((ulong)_outputs.Count);
        foreach (var output in _outputs)
        {
            writer.WriteByte((byte)output.Kind);
            writer.WriteVarInt64(output.CausingOffset);
            writer.WriteVarInt64(output.Timestamp);
            WriteNullable(ref writer, output.Key);
            WriteNullable(ref writer, output.Value);
            var headers = output.Headers ?? [];
            writer.WriteVarUInt64((ulong)headers.Length);
            foreach (var header in headers)
            {
                WriteNullable(ref writer, Encoding.UTF8.GetBytes(header.Key));
                WriteNullable(ref writer, header.Value);
            }
        }
    }

    public void Read(ref SnapshotReader reader)
    {
        _outputs.Clear();
        var count = reader.ReadCount();
        for (var i = 0; i < count; i++)
        {
            var kind = (OutputKind)reader.ReadByte();
            var offset = reader.ReadVarInt64();
            var timestamp = reader.ReadVarInt64();
            var key = ReadNullable(ref reader);
            var value = ReadNullable(ref reader);
            var headers = new RecordHeader[reader.ReadCount()];
            for (var h = 0; h < headers.Length; h++)
            {
                headers[h] = new RecordHeader(Encoding.UTF8.GetString(ReadNullable(ref reader) ?? []), ReadNullable(ref reader));
            }

            _outputs.Add(new OutputRecord(kind, offset, -1, timestamp, key, value, headers.Length == 0 ? null : headers));
        }
    }

    private static void WriteNullable(ref SnapshotWriter writer, byte[]? bytes)
    {
        writer.WriteVarUInt64(bytes is null ? 0 : (ulong)bytes.Length + 1);
        if (bytes is not null)
        {
            writer.WriteBytes(bytes);
        }
    }

    private static byte[]? ReadNullable(ref SnapshotReader reader)
    {
        var length = reader.ReadVarUInt64();
        if (length == 0)
        {
            return null;
        }

        return length - 1 <= (ulong)reader.Remaining
            ? reader.ReadBytes((int)(length - 1)).ToArray()
            : throw new InvalidDataException($"Key snapshot announces {length - 1} bytes but only {reader.Remaining} remain.");
    }
}
