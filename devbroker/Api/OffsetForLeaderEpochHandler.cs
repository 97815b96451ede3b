using OrleansStreams.DevBroker.Hosting;
using OrleansStreams.DevBroker.Network;
using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Api;

/// <summary>
/// OffsetForLeaderEpoch v2: the leader epoch is always 0, so epoch 0 (or below) ends at the log end
/// offset and later epochs are unknown. librdkafka uses it to validate positions after a seek.
/// </summary>
internal sealed class OffsetForLeaderEpochHandler(BrokerContext broker) : IApiHandler
{
    public ApiKey Key => ApiKey.OffsetForLeaderEpoch;

    public short MinVersion => 2;

    public short MaxVersion => 2;

    public short FirstFlexibleVersion => 4;

    public ValueTask<bool> HandleAsync(RequestContext request, KafkaWriter response, CancellationToken cancellationToken)
    {
        var reader = request.CreateReader();
        response.WriteInt32(0);
        var topicCount = reader.ReadArrayCount();
        response.WriteArrayLength(topicCount);
        for (var t = 0; t < topicCount; t++)
        {
            var name = reader.ReadString();
            var partitionCount = reader.ReadArrayCount();
            response.WriteString(name);
            response.WriteArrayLength(partitionCount);
            for (var p = 0; p < partitionCount; p++)
            {
                var partition = reader.ReadInt32();
                var currentEpoch = reader.ReadInt32();
                var requestedEpoch = reader.ReadInt32();
                var log = broker.Topics.GetPartition(name, partition);
                var error = log is null ? ErrorCodes.UnknownTopicOrPartition
                    : currentEpoch > 0 ? ErrorCodes.UnknownLeaderEpoch
                    : currentEpoch < -1 ? ErrorCodes.FencedLeaderEpoch
                    : ErrorCodes.None;
                var known = error == ErrorCodes.None && requestedEpoch <= 0;
                response.WriteInt16(error);
                response.WriteInt32(partition);
                response.WriteInt32(known ? 0 : -1);
                response.WriteInt64(known ? log!.Offsets.HighWatermark : -1);
            }
        }

        return new ValueTask<bool>(true);
    }
}
