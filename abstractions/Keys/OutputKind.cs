namespace OrleansStreams.Keys;

/// <summary>Where an output record goes.</summary>
public enum OutputKind
{
    /// <summary>A result, to the pipeline's output topic.</summary>
    Result,

    /// <summary>A late input record, unchanged, to the pipeline's late topic.</summary>
    Late,

    /// <summary>An unreadable input record, unchanged, to the pipeline's dead-letter topic.</summary>
    DeadLetter,
}
