using OrleansStreams.DevBroker.Hosting;
using OrleansStreams.DevBroker.Network;
using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Api;

/// <summary>DeleteTopics v0-3: drops the topic's data, producer state and committed offsets.</summary>
internal sealed class DeleteTopicsHandler(BrokerContext broker) : IApiHandler
{
    public ApiKey Key => ApiKey.DeleteTopics;

    public short MinVersion => 0;

    public short MaxVersion => 3;

    public short FirstFlexibleVersion => 4;

    public ValueTask<bool> HandleAsync(RequestContext request, KafkaWriter response, CancellationToken cancellationToken)
    {
        var reader = request.CreateReader();
        var names = new string[Math.Max(reader.ReadArrayCount(), 0)];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = reader.ReadString();
        }

        if (request.ApiVersion >= 1)
        {
            response.WriteInt32(0);
        }

        response.WriteArrayLength(names.Length);
        foreach (var name in names)
        {
            response.WriteString(name);
            response.WriteInt16(broker.Topics.Delete(name));
        }

        return new ValueTask<bool>(true);
    }
}
