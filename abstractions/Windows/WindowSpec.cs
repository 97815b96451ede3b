namespace OrleansStreams.Windows;

/// <summary>
/// Describes windows: their kind and sizes, the grace period for out-of-order records and how
/// long closed windows stay queryable. Times are whole milliseconds; windows are half-open
/// <c>[start, end)</c>; <em>stream time</em> is the largest event time seen in the partition.
/// </summary>
/// <remarks>
/// <para>
/// <b>Lateness.</b> A record is late for a window when <c>close time &lt;= stream time</c>
/// stamped on the record; it is never added to such a window. The close time is
/// <c>end + grace</c>, for sessions <c>end + gap + grace</c>. A record late for some of its
/// windows is applied to the others (hopping, sliding); the missed ones are reported.
/// </para>
/// <para>
/// <b>Closing.</b> A window closes when stream time reaches its close time (Kafka Streams'
/// window close), then stays queryable for <see cref="Retention"/>: it leaves state when stream
/// time reaches <c>start + retention</c> (sessions: <c>end + retention</c>). The default
/// retention keeps a closed window for one more step after it closes (the advance for tumbling and
/// hopping windows, the size for sliding windows, the gap for sessions), so the last closed window of
/// a key that keeps receiving records can always be queried.
/// </para>
/// </remarks>
[GenerateSerializer, Immutable, Alias("OrleansStreams.WindowSpec")]
public sealed record WindowSpec
{
    /// <summary>The longest size, advance, gap, grace or retention accepted: 100 years.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(36_500);

    [Id(5)]
    private readonly TimeSpan? _retention;

    private WindowSpec(WindowKind kind, TimeSpan size, TimeSpan advance, TimeSpan gap)
    {
        Kind = kind;
        Size = size;
        Advance = advance;
        Gap = gap;
    }

    /// <summary>The kind of windows.</summary>
    [Id(0)]
    public WindowKind Kind { get; private init; }

    /// <summary>The length of every window (tumbling, hopping, sliding); zero for sessions.</summary>
    [Id(1)]
    public TimeSpan Size { get; private init; }

    /// <summary>The distance between window starts (hopping; equal to the size for tumbling); zero otherwise.</summary>
    [Id(2)]
    public TimeSpan Advance { get; private init; }

    /// <summary>The inactivity gap that separates sessions; zero for the other kinds.</summary>
    [Id(3)]
    public TimeSpan Gap { get; private init; }

    /// <summary>How long after its end a window still accepts out-of-order records; zero by default.</summary>
    [Id(4)]
    public TimeSpan Grace { get; private init; }

    /// <summary>
    /// How long a window stays in state: it leaves when stream time reaches <c>start + retention</c>
    /// (sessions: <c>end + retention</c>). At least <c>size + grace</c> (sessions: <c>gap + grace</c>),
    /// which is exactly its close time; by default one step more (<see cref="DefaultRetention"/>).
    /// </summary>
    public TimeSpan Retention => _retention ?? DefaultRetention;

    /// <summary>
    /// The retention when none is set: <c>size + grace + advance</c> for tumbling and hopping windows,
    /// <c>2 × size + grace</c> for sliding windows, <c>2 × gap + grace</c> for sessions — a closed window
    /// stays until the next one of its key closes.
    /// </summary>
    public TimeSpan DefaultRetention => Span + Grace + Kind switch
    {
        WindowKind.Tumbling or WindowKind.Hopping => Advance,
        _ => Span,
    };

    /// <summary>The shortest retention: <c>size + grace</c> (sessions: <c>gap + grace</c>), which drops a window as soon as it closes.</summary>
    public TimeSpan MinimumRetention => Span + Grace;

    /// <summary>The window length the retention must cover: the size, or the gap for sessions.</summary>
    private TimeSpan Span => Kind == WindowKind.Session ? Gap : Size;

    /// <summary>
    /// Tumbling windows: a record at <c>t</c> belongs to the one window
    /// <c>[t - mod(t, size), t - mod(t, size) + size)</c>, with <c>mod</c> the floor modulo
    /// (so <c>-1</c> belongs to <c>[-size, 0)</c>). A record at a window's end belongs to the next one.
    /// </summary>
    /// <param name="size">The window length; positive, whole milliseconds.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="ArgumentException">The size is invalid.</exception>
    public static WindowSpec Tumbling(TimeSpan size)
    {
        CheckPositive(size, nameof(size), "Tumbling window size");
        return new WindowSpec(WindowKind.Tumbling, size, size, TimeSpan.Zero);
    }

    /// <summary>
    /// Hopping windows: a record at <c>t</c> belongs to every window
    /// <c>[k * advance, k * advance + size)</c> (integer <c>k</c>, negative too) that contains it,
    /// which is <c>size / advance</c> windows, rounded up or down.
    /// </summary>
    /// <param name="size">The window length; positive, whole milliseconds.</param>
    /// <param name="advance">The distance between window starts; positive, at most <paramref name="size"/>.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="ArgumentException">The size or the advance is invalid.</exception>
    public static WindowSpec Hopping(TimeSpan size, TimeSpan advance)
    {
        CheckPositive(size, nameof(size), "Hopping window size");
        CheckPositive(advance, nameof(advance), "Hopping window advance");
        if (advance > size)
        {
            throw new ArgumentException(
                $"Hopping window advance must not exceed the window size {Format(size)}, was {Format(advance)}; windows would leave gaps.",
                nameof(advance));
        }

        return new WindowSpec(WindowKind.Hopping, size, advance, TimeSpan.Zero);
    }

    /// <summary>
    /// Sliding windows (Kafka Streams' sliding aggregation): windows of length <c>size</c> placed
    /// at the records. Every record at <c>t</c> defines its left window <c>[t + 1 - size, t + 1)</c>,
    /// holding the records in <c>(t - size, t]</c>, and its right window <c>[t + 1, t + 1 + size)</c>,
    /// holding the records in <c>(t, t + size]</c>; a window exists only while it holds a record.
    /// So records whose times differ by less than <c>size</c> share a window. This equals Kafka
    /// Streams' <c>SlidingWindows</c> with a time difference of <c>size - 1 ms</c>, whose inclusive
    /// windows <c>[start, end]</c> are written here as <c>[start, end + 1)</c>; lateness is the same.
    /// </summary>
    /// <param name="size">The window length; positive, whole milliseconds.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="ArgumentException">The size is invalid.</exception>
    public static WindowSpec Sliding(TimeSpan size)
    {
        CheckPositive(size, nameof(size), "Sliding window size");
        return new WindowSpec(WindowKind.Sliding, size, TimeSpan.Zero, TimeSpan.Zero);
    }

    /// <summary>
    /// Session windows: records whose times differ by at most <c>gap</c> are chained into one
    /// session <c>[first record, last record + 1)</c>. A record at <c>t</c> joins every session
    /// <c>[start, end)</c> with <c>start - gap &lt;= t &lt;= end - 1 + gap</c>, bridging two into
    /// one when it falls between them. A session closes at <c>end + gap + grace</c>, the first
    /// stream time at which an in-order record can no longer join it, plus grace.
    /// </summary>
    /// <param name="gap">The inactivity gap; positive, whole milliseconds.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="ArgumentException">The gap is invalid.</exception>
    public static WindowSpec Session(TimeSpan gap)
    {
        CheckPositive(gap, nameof(gap), "Session inactivity gap");
        return new WindowSpec(WindowKind.Session, TimeSpan.Zero, TimeSpan.Zero, gap);
    }

    /// <summary>Returns this spec with a grace period for out-of-order records.</summary>
    /// <param name="grace">Zero or positive, whole milliseconds.</param>
    /// <returns>The new spec.</returns>
    /// <exception cref="ArgumentException">The grace is invalid, or shorter than an explicit retention allows.</exception>
    public WindowSpec WithGrace(TimeSpan grace)
    {
        CheckDuration(grace, nameof(grace), "Grace", allowZero: true);
        if (_retention is { } retention && retention < Span + grace)
        {
            throw new ArgumentException(
                $"Grace {Format(grace)} is too long for the retention {Format(retention)}: retention must be at least {SpanName} + grace ({Format(Span + grace)}).",
                nameof(grace));
        }

        return this with { Grace = grace };
    }

    /// <summary>Returns this spec with closed windows kept queryable longer.</summary>
    /// <param name="retention">At least <c>size + grace</c> (sessions: <c>gap + grace</c>), whole milliseconds.</param>
    /// <returns>The new spec.</returns>
    /// <exception cref="ArgumentException">The retention is invalid.</exception>
    public WindowSpec WithRetention(TimeSpan retention)
    {
        CheckDuration(retention, nameof(retention), "Retention", allowZero: false);
        if (retention < Span + Grace)
        {
            throw new ArgumentException(
                $"Retention must be at least {SpanName} + grace ({Format(Span + Grace)}) so a window is kept until it closes, was {Format(retention)}.",
                nameof(retention));
        }

        return new WindowSpec(Kind, Size, Advance, Gap, Grace, retention);
    }

    private WindowSpec(WindowKind kind, TimeSpan size, TimeSpan advance, TimeSpan gap, TimeSpan grace, TimeSpan? retention)
        : this(kind, size, advance, gap)
    {
        Grace = grace;
        _retention = retention;
    }

    private string SpanName => Kind == WindowKind.Session ? "gap" : "size";

    private static void CheckPositive(TimeSpan value, string parameter, string what) =>
        CheckDuration(value, parameter, what, allowZero: false);

    private static void CheckDuration(TimeSpan value, string parameter, string what, bool allowZero)
    {
        if (value < TimeSpan.Zero || (!allowZero && value == TimeSpan.Zero))
        {
            throw new ArgumentException(
                $"{what} must be {(allowZero ? "zero or positive" : "positive")}, was {Format(value)}.", parameter);
        }

        if (value.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ArgumentException($"{what} must be a whole number of milliseconds, was {value}.", parameter);
        }

        if (value > MaxDuration)
        {
            throw new ArgumentException($"{what} must be at most {MaxDuration.TotalDays:0} days, was {Format(value)}.", parameter);
        }
    }

    private static string Format(TimeSpan value) => value.Ticks % TimeSpan.TicksPerMillisecond == 0
        ? $"{value.Ticks / TimeSpan.TicksPerMillisecond} ms"
        : value.ToString();
}
