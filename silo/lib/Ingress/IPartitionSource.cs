using System.Threading.Channels;

namespace OrleansStreams.Ingress;

/// <summary>
/// Reads one input partition from a start offset and delivers records in offset order, in chunks,
/// into a bounded channel. Reading happens off the Orleans scheduler; a full channel stops reading.
/// </summary>
internal interface IPartitionSource : IAsyncDisposable
{
    /// <summary>Chunks of records in offset order. Completes with an exception when reading failed for good.</summary>
    ChannelReader<ConsumedRecord[]> Records { get; }

    /// <summary>The partition's high watermark as last seen by the reader, or -1 when unknown (for lag).</summary>
    long HighWatermark { get; }
}

/// <summary>Opens partition sources.</summary>
internal interface IPartitionSourceFactory
{
    /// <summary>Starts reading <paramref name="partition"/> of <paramref name="topic"/>.</summary>
    /// <param name="topic">The input topic.</param>
    /// <param name="partition">The partition.</param>
    /// <param name="startOffset">The first offset to read, or -1 to apply the configured reset policy.</param>
    /// <param name="groupId">The consumer group that stores the partition's offsets.</param>
    IPartitionSource Open(string topic, int partition, long startOffset, string groupId);
}
