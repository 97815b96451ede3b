using OrleansStreams.DevBroker.Hosting;
using OrleansStreams.DevBroker.Log;
using OrleansStreams.DevBroker.Network;
using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Api;

/// <summary>
/// Produce v3-8: validates each partition's single RecordBatch v2 (CRC, magic, counts; never
/// decompressed), checks transactional batches against the coordinator, appends, and answers with
/// the assigned base offset. Acks=0 gets no response.
/// </summary>
internal sealed class ProduceHandler(BrokerContext broker) : IApiHandler
{
    public ApiKey Key => ApiKey.Produce;

    public short MinVersion => 3;

    public short MaxVersion => 8;

    public short FirstFlexibleVersion => 9;

    public ValueTask<bool> HandleAsync(RequestContext request, KafkaWriter response, CancellationToken cancellationToken)
    {
        var v = request.ApiVersion;
        var body = request.Body;
        var reader = request.CreateReader();
        reader.ReadNullableString();
        var acks = reader.ReadInt16();
        reader.ReadInt32();
        var validAcks = acks is 0 or 1 or -1;
        var nowMs = broker.NowMs;

        var topicCount = reader.ReadArrayCount();
        response.WriteArrayLength(topicCount);
        for (var t = 0; t < topicCount; t++)
        {
            var name = reader.ReadString();
            broker.Topics.TryGet(name, out var topic);
            var partitionCount = reader.ReadArrayCount();
            response.WriteString(name);
            response.WriteArrayLength(partitionCount);
            for (var p = 0; p < partitionCount; p++)
            {
                var index = reader.ReadInt32();
                var (start, length) = reader.ReadBytesRange();
                var result = validAcks
                    ? Append(topic?.GetPartition(index), body.Span.Slice(start, Math.Max(length, 0)), length < 0, nowMs)
                    : new AppendResult(ErrorCodes.InvalidRequiredAcks, -1, -1, -1);
                response.WriteInt32(index);
                response.WriteInt16(result.ErrorCode);
                response.WriteInt64(result.BaseOffset);
                response.WriteInt64(result.LogAppendTimeMs);
                if (v >= 5)
                {
                    response.WriteInt64(result.LogStartOffset);
                }

                if (v >= 8)
                {
                    response.WriteArrayLength(0);
                    response.WriteString(null);
                }
            }
        }

        response.WriteInt32(0);
        return new ValueTask<bool>(acks != 0);
    }

    private AppendResult Append(PartitionLog? log, Span<byte> records, bool isNull, long nowMs)
    {
        if (log is null)
        {
            return new AppendResult(ErrorCodes.UnknownTopicOrPartition, -1, -1, -1);
        }

        if (isNull || records.Length < RecordBatch.HeaderSize)
        {
            return new AppendResult(records.Length == 0 ? ErrorCodes.InvalidRecord : ErrorCodes.CorruptMessage, -1, -1, -1);
        }

        var declared = RecordBatch.Read(records);
        if (declared.TotalSize < records.Length && declared.TotalSize >= RecordBatch.HeaderSize)
        {
            // Produce v3+ carries exactly one batch per partition.
            return new AppendResult(ErrorCodes.InvalidRecord, -1, -1, -1);
        }

        var error = RecordBatch.Validate(records, out var header);
        if (error == ErrorCodes.None && header.IsControl)
        {
            error = ErrorCodes.InvalidRecord;
        }

        if (error == ErrorCodes.None && header.IsTransactional)
        {
            error = header.HasProducerId
                ? broker.Transactions.VerifyTransactionalProduce(header.ProducerId, header.ProducerEpoch, log.Id)
                : ErrorCodes.InvalidRecord;
        }

        return error == ErrorCodes.None ? log.Append(records, header, nowMs) : new AppendResult(error, -1, -1, -1);
    }
}
