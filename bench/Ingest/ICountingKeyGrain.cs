using OrleansStreams.Keys;

namespace OrleansStreams.Bench.Ingest;

/// <summary>The ingest benchmark's key grain: it only counts the records it is given.</summary>
public interface ICountingKeyGrain : IKeyGrain;
