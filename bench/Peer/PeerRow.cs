namespace OrleansStreams.Bench.Peer;

/// <summary>
/// One run of one configuration: input records committed, time from the worker's start of processing to
/// the last offset committed (or the limit), when 10% and 90% were committed, what the worker reported, the
/// broker's CPU during the run and the output check.
/// </summary>
internal sealed record PeerRow(
    int Round, PeerConfig Config, long Committed, TimeSpan Elapsed, bool Finished, TimeSpan? Tenth, TimeSpan? NinetiethPercent,
    WorkerResult? Worker, TimeSpan BrokerCpu, CheckResult Check, string? Failure, QueryLoadResult? Queries = null, TimeSpan? First = null)
{
    public bool Ok => Finished && Failure is null && Check.Ok;

    public double PerSecond => Committed / Elapsed.TotalSeconds;

    /// <summary>Records between 10% and 90% of the input over the time between them.</summary>
    public double? Steady(long records) =>
        Tenth is { } a && NinetiethPercent is { } b && b > a ? 0.8 * records / (b - a).TotalSeconds : null;

    /// <summary>State bytes the system wrote per input record committed, when it reports them.</summary>
    public double? StateBytesPerRecord => Worker?.StateBytes is { } bytes && Committed > 0 ? (double)bytes / Committed : null;

    public double? PerCpuSecond => Worker is { } w && w.Cpu > TimeSpan.Zero ? Committed / w.Cpu.TotalSeconds : null;

    public string CheckText => Failure ?? (!Finished ? "TIMEOUT" : Check.Ok ? "ok" : Check.Summary);
}
