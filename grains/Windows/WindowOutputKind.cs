namespace OrleansStreams.Grains.Windows;

/// <summary>What a window output says.</summary>
internal enum WindowOutputKind : byte
{
    /// <summary>The window's current result after a change (<see cref="OrleansStreams.Windows.EmitMode.OnUpdate"/>).</summary>
    Update = 0,

    /// <summary>
    /// The window no longer exists: a session merged into a larger one
    /// (<see cref="OrleansStreams.Windows.EmitMode.OnUpdate"/>; a tombstone downstream).
    /// </summary>
    Retraction = 1,

    /// <summary>The window's one result, emitted when it closed (<see cref="OrleansStreams.Windows.EmitMode.Final"/>).</summary>
    Final = 2,
}
