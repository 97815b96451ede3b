using System.Text;
using OrleansStreams.Keys;
using OrleansStreams.Records;

namespace OrleansStreams.Grains.Outputs;

/// <summary>
/// Builds the outputs that forward an input record unchanged — dead letters and late records —
/// adding only the header that says why. The committer adds lineage headers (pipeline, source
/// partition, causing offset = the record's own offset, epoch) to every output it produces.
/// </summary>
internal static class Outputs
{
    public static OutputRecord DeadLetter(long offset, long timestamp, byte[]? key, byte[]? value, RecordHeader[]? headers, string reason) =>
        Forward(OutputKind.DeadLetter, offset, timestamp, key, value, headers, StreamHeaders.DeadLetterReason, reason);

    public static OutputRecord DeadLetter(in StreamRecord record, string reason) =>
        DeadLetter(record.Offset, record.Timestamp, record.Key, record.Value, record.Headers, reason);

    public static OutputRecord Late(in StreamRecord record, string missedWindows) =>
        Forward(OutputKind.Late, record.Offset, record.Timestamp, record.Key, record.Value, record.Headers, StreamHeaders.LateWindows, missedWindows);

    private static OutputRecord Forward(OutputKind kind, long offset, long timestamp, byte[]? key, byte[]? value, RecordHeader[]? original, string header, string text)
    {
        var headers = new RecordHeader[(original?.Length ?? 0) + 1];
        original?.CopyTo(headers, 0);
        headers[^1] = new RecordHeader(header, Encoding.UTF8.GetBytes(text));
        return new OutputRecord(kind, offset, -1, Math.Max(timestamp, 0), key, value, headers);
    }
}
