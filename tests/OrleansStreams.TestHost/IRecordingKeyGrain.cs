using OrleansStreams.Keys;

namespace OrleansStreams.TestHost;

/// <summary>A key grain that records every record it applies, for tests to check delivery.</summary>
public interface IRecordingKeyGrain : IKeyGrain;
