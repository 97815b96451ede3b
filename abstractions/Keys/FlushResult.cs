namespace OrleansStreams.Keys;

/// <summary>A key grain's answer to <see cref="IKeyGrain.Flush"/>.</summary>
[GenerateSerializer, Immutable, Alias("OrleansStreams.FlushResult")]
public sealed class FlushResult
{
    /// <summary>Nothing to emit, nothing due.</summary>
    public static FlushResult Empty { get; } = new() { Status = ApplyStatus.Applied, Outputs = [], NextDueTime = long.MaxValue };

    /// <summary><see cref="ApplyStatus.StaleGeneration"/> when the request's generation is older than the grain's.</summary>
    [Id(0)]
    public required ApplyStatus Status { get; init; }

    /// <summary>The outputs caused before the request's end offset, in causing-offset order.</summary>
    [Id(1)]
    public required OutputRecord[] Outputs { get; init; }

    /// <summary>See <see cref="ApplyResult.NextDueTime"/>.</summary>
    [Id(2)]
    public required long NextDueTime { get; init; }

    /// <summary>Bytes of state written to storage by this flush (0 when nothing was written).</summary>
    [Id(3)]
    public long StateBytesWritten { get; init; }
}
