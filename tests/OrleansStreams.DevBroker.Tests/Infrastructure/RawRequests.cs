using System.Buffers.Binary;
using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Tests.Infrastructure;

/// <summary>Ready-made requests for <see cref="RawKafkaClient"/> and a RecordBatch v2 builder.</summary>
internal static class RawRequests
{
    /// <summary>Builds an uncompressed RecordBatch v2 with one record per value.</summary>
    public static byte[] Batch(long producerId, short producerEpoch, int baseSequence, bool transactional, params string[] values)
    {
        using var records = new KafkaWriter();
        for (var i = 0; i < values.Length; i++)
        {
            using var record = new KafkaWriter();
            record.WriteInt8(0);
            record.WriteVarLong(0);
            record.WriteVarInt(i);
            record.WriteVarInt(-1);
            var value = System.Text.Encoding.UTF8.GetBytes(values[i]);
            record.WriteVarInt(value.Length);
            record.WriteRaw(value);
            record.WriteVarInt(0);
            records.WriteVarInt(record.Length);
            records.WriteRaw(record.WrittenSpan);
        }

        var batch = new byte[RecordBatch.HeaderSize + records.Length];
        var b = batch.AsSpan();
        BinaryPrimitives.WriteInt32BigEndian(b[8..], batch.Length - RecordBatch.LogOverhead);
        BinaryPrimitives.WriteInt32BigEndian(b[12..], -1);
        b[16] = 2;
        BinaryPrimitives.WriteInt16BigEndian(b[21..], transactional ? RecordBatch.TransactionalFlag : (short)0);
        BinaryPrimitives.WriteInt32BigEndian(b[23..], values.Length - 1);
        BinaryPrimitives.WriteInt64BigEndian(b[27..], 1_700_000_000_000);
        BinaryPrimitives.WriteInt64BigEndian(b[35..], 1_700_000_000_000);
        BinaryPrimitives.WriteInt64BigEndian(b[43..], producerId);
        BinaryPrimitives.WriteInt16BigEndian(b[51..], producerEpoch);
        BinaryPrimitives.WriteInt32BigEndian(b[53..], baseSequence);
        BinaryPrimitives.WriteInt32BigEndian(b[57..], values.Length);
        records.WrittenSpan.CopyTo(b[RecordBatch.HeaderSize..]);
        BinaryPrimitives.WriteUInt32BigEndian(b[17..], Crc32C.Compute(b[RecordBatch.CrcStart..]));
        return batch;
    }

    /// <summary>Produce v8 of one batch to one partition; returns (error, base offset).</summary>
    public static async Task<(short Error, long BaseOffset)> ProduceAsync(this RawKafkaClient client, string topic, int partition, byte[] batch, string? transactionalId = null)
    {
        var body = await client.SendAsync(ApiKey.Produce, 8, false, w =>
        {
            w.WriteString(transactionalId);
            w.WriteInt16(-1);
            w.WriteInt32(10_000);
            w.WriteArrayLength(1);
            w.WriteString(topic);
            w.WriteArrayLength(1);
            w.WriteInt32(partition);
            w.WriteBytes(batch);
        });
        var r = new KafkaReader(body);
        r.ReadArrayCount();
        r.ReadString();
        r.ReadArrayCount();
        r.ReadInt32();
        return (r.ReadInt16(), r.ReadInt64());
    }

    /// <summary>InitProducerId v4; returns (error, producer id, epoch).</summary>
    public static async Task<(short Error, long ProducerId, short Epoch)> InitProducerIdAsync(this RawKafkaClient client, string? transactionalId, int timeoutMs = 60_000)
    {
        var body = await client.SendAsync(ApiKey.InitProducerId, 4, true, w =>
        {
            w.WriteString(transactionalId);
            w.WriteInt32(timeoutMs);
            w.WriteInt64(-1);
            w.WriteInt16(-1);
            w.WriteTags();
        });
        var r = new KafkaReader(body);
        r.ReadInt32();
        return (r.ReadInt16(), r.ReadInt64(), r.ReadInt16());
    }

    /// <summary>OffsetCommit v7 of one partition with a metadata string; returns the partition error.</summary>
    public static async Task<short> CommitOffsetAsync(this RawKafkaClient client, string group, string topic, int partition, long offset, string? metadata)
    {
        var body = await client.SendAsync(ApiKey.OffsetCommit, 7, false, w =>
        {
            w.WriteString(group);
            w.WriteInt32(-1);
            w.WriteString("");
            w.WriteString(null);
            w.WriteArrayLength(1);
            w.WriteString(topic);
            w.WriteArrayLength(1);
            w.WriteInt32(partition);
            w.WriteInt64(offset);
            w.WriteInt32(-1);
            w.WriteString(metadata);
        });
        var r = new KafkaReader(body);
        r.ReadInt32();
        r.ReadArrayCount();
        r.ReadString();
        r.ReadArrayCount();
        r.ReadInt32();
        return r.ReadInt16();
    }

    /// <summary>OffsetFetch v5 of one partition; returns (error, offset, metadata).</summary>
    public static async Task<(short Error, long Offset, string? Metadata)> FetchOffsetAsync(this RawKafkaClient client, string group, string topic, int partition)
    {
        var body = await client.SendAsync(ApiKey.OffsetFetch, 5, false, w =>
        {
            w.WriteString(group);
            w.WriteArrayLength(1);
            w.WriteString(topic);
            w.WriteArrayLength(1);
            w.WriteInt32(partition);
        });
        var r = new KafkaReader(body);
        r.ReadInt32();
        r.ReadArrayCount();
        r.ReadString();
        r.ReadArrayCount();
        r.ReadInt32();
        var offset = r.ReadInt64();
        r.ReadInt32();
        var metadata = r.ReadNullableString();
        return (r.ReadInt16(), offset, metadata);
    }

    /// <summary>A transaction's control requests (v1, or v3 for TxnOffsetCommit); each returns the error code.</summary>
    public static async Task<short> AddOffsetsToTxnAsync(this RawKafkaClient client, string transactionalId, long producerId, short epoch, string group)
    {
        var body = await client.SendAsync(ApiKey.AddOffsetsToTxn, 1, false, w =>
        {
            w.WriteString(transactionalId);
            w.WriteInt64(producerId);
            w.WriteInt16(epoch);
            w.WriteString(group);
        });
        return BinaryPrimitives.ReadInt16BigEndian(body.AsSpan(4));
    }

    public static async Task<short> TxnOffsetCommitAsync(this RawKafkaClient client, string transactionalId, long producerId, short epoch, string group, string topic, int partition, long offset, string metadata)
    {
        var body = await client.SendAsync(ApiKey.TxnOffsetCommit, 3, true, w =>
        {
            w.WriteString(transactionalId);
            w.WriteString(group);
            w.WriteInt64(producerId);
            w.WriteInt16(epoch);
            w.WriteInt32(-1);
            w.WriteString("");
            w.WriteString(null);
            w.WriteArrayLength(1);
            w.WriteString(topic);
            w.WriteArrayLength(1);
            w.WriteInt32(partition);
            w.WriteInt64(offset);
            w.WriteInt32(-1);
            w.WriteString(metadata);
            w.WriteTags();
            w.WriteTags();
            w.WriteTags();
        });
        var r = new KafkaReader(body, flexible: true);
        r.ReadInt32();
        r.ReadArrayCount();
        r.ReadString();
        r.ReadArrayCount();
        r.ReadInt32();
        return r.ReadInt16();
    }

    public static async Task<short> EndTxnAsync(this RawKafkaClient client, string transactionalId, long producerId, short epoch, bool commit)
    {
        var body = await client.SendAsync(ApiKey.EndTxn, 1, false, w =>
        {
            w.WriteString(transactionalId);
            w.WriteInt64(producerId);
            w.WriteInt16(epoch);
            w.WriteBool(commit);
        });
        return BinaryPrimitives.ReadInt16BigEndian(body.AsSpan(4));
    }
}
