namespace OrleansStreams.Grains.State;

/// <summary>How a partition state grain answered a call.</summary>
internal enum StateCallStatus
{
    /// <summary>Done.</summary>
    Done,

    /// <summary>The call's generation is older than the grain's; nothing was done.</summary>
    StaleGeneration,

    /// <summary>The grain has not begun the call's generation (it was reactivated and lost its state); nothing was done.</summary>
    NotBegun,
}
