namespace OrleansStreams.Windows;

/// <summary>When a window's result is emitted.</summary>
public enum EmitMode
{
    /// <summary>
    /// Exactly one result per window, when it closes (stream time reaches its close time) —
    /// Kafka Streams' suppress-until-window-closes.
    /// </summary>
    Final = 0,

    /// <summary>
    /// A result per change of a window, coalesced to the latest per window and epoch; closing
    /// emits nothing more.
    /// </summary>
    OnUpdate = 1,
}
