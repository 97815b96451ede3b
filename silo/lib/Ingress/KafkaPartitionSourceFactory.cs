using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using OrleansStreams.Configuration;
using OrleansStreams.Grains.Kafka;

namespace OrleansStreams.Ingress;

/// <summary>Opens <see cref="KafkaPartitionSource"/>s with the silo's Kafka settings.</summary>
internal sealed class KafkaPartitionSourceFactory(KafkaConnection kafka, KafkaSettings settings, ILogger<KafkaPartitionSource> logger) : IPartitionSourceFactory
{
    private const int ChunkRecords = 500;

    public IPartitionSource Open(string topic, int partition, long startOffset, string groupId)
    {
        var config = kafka.Consumer(groupId);
        config.AutoOffsetReset = settings.AutoOffsetReset == OffsetReset.Earliest ? AutoOffsetReset.Earliest : AutoOffsetReset.Latest;
        config.FetchMaxBytes = settings.FetchMaxBytes;
        config.MaxPartitionFetchBytes = settings.MaxPartitionFetchBytes;
        config.QueuedMaxMessagesKbytes ??= Math.Max(1024, settings.MaxPartitionFetchBytes / 1024 * 4); // unless Kafka:Client sets it
        config.EnablePartitionEof = false;
        var chunks = Math.Max(2, settings.MaxBufferedRecords / ChunkRecords);
        return new KafkaPartitionSource(config, topic, partition, startOffset, chunks, ChunkRecords, logger);
    }
}
