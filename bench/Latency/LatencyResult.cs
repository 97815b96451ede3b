namespace OrleansStreams.Bench.Latency;

/// <summary>One paced run: records committed per second from the first produce to the last commit, lag when the input ended, and result latencies.</summary>
internal readonly record struct LatencyResult(double Throughput, long LagAtEnd, double P50, double P99, double Max, int Measured, long Results, long Unmatched);
