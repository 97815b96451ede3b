namespace OrleansStreams.Records;

/// <summary>
/// Names of the headers OrleansStreams writes on the records it produces. Values are UTF-8 text.
/// </summary>
public static class StreamHeaders
{
    /// <summary>The pipeline that produced the record.</summary>
    public const string Pipeline = "os.pipeline";

    /// <summary>The input partition whose record caused the output (lineage).</summary>
    public const string SourcePartition = "os.source-partition";

    /// <summary>The input offset whose application caused the output (lineage); see DESIGN "causing offset".</summary>
    public const string CausingOffset = "os.causing-offset";

    /// <summary>The epoch whose transaction committed the output.</summary>
    public const string Epoch = "os.epoch";

    /// <summary>On dead letters: why the input record could not be processed.</summary>
    public const string DeadLetterReason = "os.dlq-reason";

    /// <summary>On late records: the window(s) the record missed, as <c>start-end</c> in epoch milliseconds, comma-separated.</summary>
    public const string LateWindows = "os.late-windows";

    /// <summary>W3C trace context of the processing that produced the record.</summary>
    public const string TraceParent = "traceparent";
}
