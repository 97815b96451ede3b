using OrleansStreams.Grains.Outputs;
using OrleansStreams.Keys;
using OrleansStreams.Pipelines;
using OrleansStreams.Records;

namespace OrleansStreams.Ingress;

/// <summary>
/// Turns consumed records, in offset order, into keyed stream records stamped with event time and
/// stream time — or into dead letters when a record has no usable key, event time or size.
/// </summary>
internal sealed class RecordIntake(PipelineDefinition pipeline, StreamClock clock)
{
    public StreamClock Clock => clock;

    /// <summary>Classifies <paramref name="record"/>; exactly one of the out values is set.</summary>
    /// <returns>True when the record goes to a key grain.</returns>
    public bool TryRoute(in ConsumedRecord record, out string key, out StreamRecord routed, out OutputRecord deadLetter)
    {
        routed = default;
        deadLetter = default;
        key = string.Empty;
        var valueLength = record.Value?.Length ?? 0;
        if (valueLength > pipeline.MaxValueBytes)
        {
            deadLetter = Outputs.DeadLetter(record.Offset, record.Timestamp, record.Key, record.Value, record.Headers, $"value of {valueLength} bytes exceeds the limit of {pipeline.MaxValueBytes}");
            return false;
        }

        var raw = new RawRecord(record.Key, record.Value, record.Timestamp, record.Key is null);
        if (!pipeline.KeySelector.TrySelect(raw, out var selected, out var keyError))
        {
            deadLetter = Outputs.DeadLetter(record.Offset, record.Timestamp, record.Key, record.Value, record.Headers, keyError);
            return false;
        }

        if (!pipeline.EventTime.TryExtract(raw, out var eventTime, out var timeError))
        {
            deadLetter = Outputs.DeadLetter(record.Offset, record.Timestamp, record.Key, record.Value, record.Headers, timeError);
            return false;
        }

        key = selected;
        var streamTime = clock.Stamp(record.Offset, eventTime);
        routed = new StreamRecord(record.Offset, record.Timestamp, eventTime, streamTime, record.Key, record.Value, record.Headers);
        return true;
    }
}
