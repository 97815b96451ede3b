namespace OrleansStreams.Windows;

/// <summary>How records are grouped into windows; see the factory methods of <see cref="WindowSpec"/>.</summary>
public enum WindowKind
{
    /// <summary>Fixed-size, non-overlapping windows aligned to the Unix epoch.</summary>
    Tumbling = 0,

    /// <summary>Fixed-size windows that start every advance, aligned to the Unix epoch.</summary>
    Hopping = 1,

    /// <summary>Fixed-size windows placed at the records (Kafka Streams' sliding windows).</summary>
    Sliding = 2,

    /// <summary>Windows of activity separated by gaps of inactivity.</summary>
    Session = 3,
}
