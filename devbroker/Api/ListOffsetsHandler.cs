using OrleansStreams.DevBroker.Hosting;
using OrleansStreams.DevBroker.Log;
using OrleansStreams.DevBroker.Network;
using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Api;

/// <summary>
/// ListOffsets v1-5: -2 = log start offset, -1 = high watermark (last stable offset for
/// read_committed), otherwise the first record at or after the timestamp.
/// </summary>
internal sealed class ListOffsetsHandler(BrokerContext broker) : IApiHandler
{
    private const long Latest = -1;
    private const long Earliest = -2;

    public ApiKey Key => ApiKey.ListOffsets;

    public short MinVersion => 1;

    public short MaxVersion => 5;

    public short FirstFlexibleVersion => 6;

    public ValueTask<bool> HandleAsync(RequestContext request, KafkaWriter response, CancellationToken cancellationToken)
    {
        var v = request.ApiVersion;
        var reader = request.CreateReader();
        reader.ReadInt32();
        var readCommitted = v >= 2 && reader.ReadInt8() == 1;
        if (v >= 2)
        {
            response.WriteInt32(0);
        }

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
                var leaderEpoch = v >= 4 ? reader.ReadInt32() : -1;
                var timestamp = reader.ReadInt64();
                var (error, foundTimestamp, offset) = Lookup(topic?.GetPartition(index), leaderEpoch, timestamp, readCommitted);
                response.WriteInt32(index);
                response.WriteInt16(error);
                response.WriteInt64(foundTimestamp);
                response.WriteInt64(offset);
                if (v >= 4)
                {
                    response.WriteInt32(error == ErrorCodes.None && offset >= 0 ? 0 : -1);
                }
            }
        }

        return new ValueTask<bool>(true);
    }

    private static (short Error, long Timestamp, long Offset) Lookup(PartitionLog? log, int leaderEpoch, long timestamp, bool readCommitted)
    {
        if (log is null)
        {
            return (ErrorCodes.UnknownTopicOrPartition, -1, -1);
        }

        if (leaderEpoch > 0)
        {
            return (ErrorCodes.UnknownLeaderEpoch, -1, -1);
        }

        if (leaderEpoch < -1)
        {
            return (ErrorCodes.FencedLeaderEpoch, -1, -1);
        }

        var offsets = log.Offsets;
        return timestamp switch
        {
            Latest => (ErrorCodes.None, -1, readCommitted ? offsets.LastStableOffset : offsets.HighWatermark),
            Earliest => (ErrorCodes.None, -1, offsets.LogStartOffset),
            < 0 => (ErrorCodes.InvalidRequest, -1, -1),
            _ => Found(TimestampLookup.Find(log, timestamp, readCommitted)),
        };
    }

    private static (short, long, long) Found((long Offset, long Timestamp) found) => (ErrorCodes.None, found.Timestamp, found.Offset);
}
