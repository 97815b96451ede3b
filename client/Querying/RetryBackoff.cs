namespace OrleansStreams.Client.Querying;

/// <summary>Delays between tries: short at first, since a partition usually comes back within a moment, then capped.</summary>
internal sealed class RetryBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromMilliseconds(50);
    public static readonly TimeSpan Max = TimeSpan.FromMilliseconds(500);

    private TimeSpan _next = First;

    public TimeSpan Next()
    {
        var delay = _next;
        _next = TimeSpan.FromTicks(Math.Min(_next.Ticks * 2, Max.Ticks));
        return delay;
    }
}
