using Orleans.Streams.Filtering;

namespace OrleansStreams.Queries;

/// <summary>
/// Lets a results subscriber that asked for one key (its filter data) skip the batches that hold no
/// result of that key. Orleans applies a stream filter to whole batches, so such a subscriber still
/// receives the other keys of a batch that holds one of its key's results; the SDK drops those.
/// </summary>
internal sealed class ResultKeyFilter : IStreamFilter
{
    public bool ShouldDeliver(StreamId streamId, object item, string? filterData) =>
        string.IsNullOrEmpty(filterData)
        || item is not PublishedResult result
        || string.Equals(result.Key, filterData, StringComparison.Ordinal);
}
