using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using OrleansStreams.Aggregation;
using OrleansStreams.Grains.State;
using OrleansStreams.Grains.Tests.Windows;
using OrleansStreams.Keys;
using OrleansStreams.Pipelines;
using OrleansStreams.Records;
using OrleansStreams.Windows;

namespace OrleansStreams.Grains.Tests.State;

/// <summary>Pipelines, records, flushes and output descriptions shared by the partition state tests.</summary>
internal static class PartitionStateFixtures
{
    /// <summary>A minute boundary (2025-11-24T16:00:00Z), so one-minute windows start here.</summary>
    public const long T0 = 1_764_000_000_000;

    /// <summary>The key most single-key tests use.</summary>
    public const string Key = "sensor-1";

    /// <summary>The partition the states under test hold.</summary>
    public const int Partition = 0;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IReadOnlyDictionary<string, int> NoForeignKeys { get; } = new Dictionary<string, int>();

    /// <summary>The demo pipeline: 1-minute tumbling windows, 10 s grace, stats, final results, late and dead-letter topics.</summary>
    /// <summary>The demo pipeline exactly as shipped: closed windows kept for the default retention.</summary>
    public static WindowedPipelineDefinition ShippedDemo() =>
        Sensors(WindowSpec.Tumbling(TimeSpan.FromMinutes(1)).WithGrace(TimeSpan.FromSeconds(10)), EmitMode.Final, defaultRetention: true);

    public static WindowedPipelineDefinition Demo() => Sensors(WindowSpec.Tumbling(TimeSpan.FromMinutes(1)).WithGrace(TimeSpan.FromSeconds(10)), EmitMode.Final);

    /// <summary>2-minute windows every minute, no grace.</summary>
    public static WindowedPipelineDefinition Hopping(EmitMode emit) =>
        Sensors(WindowSpec.Hopping(TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(1)), emit);

    /// <summary>
    /// A sensors pipeline. A window left at the default retention is given the minimum instead, so
    /// windows leave state when they close and the tests see keys dropped; set a retention to keep them.
    /// </summary>
    public static WindowedPipelineDefinition Sensors(WindowSpec window, EmitMode emit, bool lateTopic = true, bool defaultRetention = false)
    {
        window = !defaultRetention && window.Retention == window.DefaultRetention ? window.WithRetention(window.MinimumRetention) : window;
        var builder = Pipeline.Create("sensors")
            .From("sensor-readings")
            .To("sensor-aggregates")
            .DeadLettersTo("sensor-readings-dlq");
        if (lateTopic)
        {
            builder.LateRecordsTo("sensor-readings-late");
        }

        return builder
            .Values(ValueReaders.JsonNumber("value"))
            .Window(window)
            .Aggregate(Aggregators.Stats)
            .Emit(emit)
            .Build();
    }

    /// <summary>Pipelines by name, for theories: every window kind and emit mode the checkpoint tests cover.</summary>
    public static WindowedPipelineDefinition Named(string name) => name switch
    {
        "demo" => Demo(),
        "tumbling-on-update" => Sensors(WindowSpec.Tumbling(TimeSpan.FromMinutes(1)).WithGrace(TimeSpan.FromSeconds(10)), EmitMode.OnUpdate),
        "hopping-final" => Hopping(EmitMode.Final),
        "hopping-on-update" => Hopping(EmitMode.OnUpdate),
        "session-final" => Sensors(WindowSpec.Session(TimeSpan.FromSeconds(30)).WithGrace(TimeSpan.FromSeconds(5)), EmitMode.Final),
        "session-on-update" => Sensors(WindowSpec.Session(TimeSpan.FromSeconds(30)).WithGrace(TimeSpan.FromSeconds(5)), EmitMode.OnUpdate),
        "sliding-final" => Sensors(WindowSpec.Sliding(TimeSpan.FromSeconds(45)).WithGrace(TimeSpan.FromSeconds(5)), EmitMode.Final),
        "sliding-on-update" => Sensors(WindowSpec.Sliding(TimeSpan.FromSeconds(45)).WithGrace(TimeSpan.FromSeconds(5)), EmitMode.OnUpdate),
        "retained-final" => Sensors(WindowSpec.Tumbling(TimeSpan.FromMinutes(1)).WithGrace(TimeSpan.FromSeconds(10)).WithRetention(TimeSpan.FromMinutes(5)), EmitMode.Final),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>
    /// A pipeline whose values are the records' offsets (<c>{"value": offset}</c>) aggregated by
    /// <see cref="OffsetSetAggregator"/>, so every result names exactly the records in its window.
    /// </summary>
    public static WindowedPipelineDefinition Offsets(WindowSpec window, EmitMode emit, bool lateTopic = true)
    {
        var builder = Pipeline.Create("offsets").From("in").To("out").DeadLettersTo("dlq");
        if (lateTopic)
        {
            builder.LateRecordsTo("late");
        }

        return builder
            .Values(OffsetReader.Instance)
            .Window(window)
            .Aggregate(OffsetSetAggregator.Instance, ResultWriters.Json<string>((w, offsets) => w.WriteString("offsets", offsets)))
            .Emit(emit)
            .Build();
    }

    /// <summary>The result value <see cref="Offsets"/> pipelines write.</summary>
    public static string OffsetsResult(string key, TimeWindow window, string offsets) =>
        FormattableString.Invariant($$"""{"key":"{{key}}","start":{{window.Start}},"end":{{window.End}},"offsets":"{{offsets}}"}""");

    public static IPartitionState NewState(WindowedPipelineDefinition pipeline) => PartitionStates.Create(pipeline, Partition);

    /// <summary>A sensor reading <c>{"value": x}</c> of <see cref="Key"/> whose timestamp is its event time.</summary>
    public static StreamRecord Reading(long offset, long eventTime, long streamTime, double value, RecordHeader[]? headers = null) =>
        Reading(Key, offset, eventTime, streamTime, value, headers);

    /// <summary>A sensor reading <c>{"value": x}</c> of <paramref name="key"/> whose timestamp is its event time.</summary>
    public static StreamRecord Reading(string key, long offset, long eventTime, long streamTime, double value, RecordHeader[]? headers = null) =>
        Raw(key, offset, eventTime, streamTime, Encoding.UTF8.GetBytes(FormattableString.Invariant($$"""{"value": {{value}}}""")), headers);

    public static StreamRecord Raw(long offset, long eventTime, long streamTime, byte[]? value, RecordHeader[]? headers = null) =>
        Raw(Key, offset, eventTime, streamTime, value, headers);

    public static StreamRecord Raw(string key, long offset, long eventTime, long streamTime, byte[]? value, RecordHeader[]? headers = null) =>
        new(offset, eventTime, eventTime, streamTime, Encoding.UTF8.GetBytes(key), value, headers);

    /// <summary>Applies records, each under the key its record key spells.</summary>
    public static void Apply(IPartitionState state, params StreamRecord[] records) => Apply(state, NoForeignKeys, records);

    public static void Apply(IPartitionState state, IReadOnlyDictionary<string, int> foreign, params StreamRecord[] records) =>
        state.Apply(records, [.. records.Select(r => Encoding.UTF8.GetString(r.Key!))], foreign, epoch: 1, imageFrom: long.MaxValue);

    /// <summary>Ends an epoch without a checkpoint; returns its outputs.</summary>
    public static List<OutputRecord> Flush(IPartitionState state, long streamTime, long endOffset)
    {
        var outputs = new List<OutputRecord>();
        var rows = new CheckpointRows();
        state.Flush(streamTime, endOffset, checkpoint: false, outputs, rows);
        Assert.Empty(rows);
        return outputs;
    }

    /// <summary>Ends an epoch with a checkpoint.</summary>
    public static Epoch Checkpoint(IPartitionState state, long streamTime, long endOffset)
    {
        var outputs = new List<OutputRecord>();
        var rows = new CheckpointRows();
        var closed = state.Flush(streamTime, endOffset, checkpoint: true, outputs, rows);
        return new Epoch(outputs, [.. rows], closed);
    }

    /// <summary>A fresh state of <paramref name="pipeline"/> with <paramref name="rows"/> restored (null rows skipped, as storage deletes them).</summary>
    public static IPartitionState Restored(WindowedPipelineDefinition pipeline, IEnumerable<KeyStateRow> rows)
    {
        var state = NewState(pipeline);
        foreach (var row in rows)
        {
            if (!row.IsDeletion)
            {
                state.Restore(row.Key, row.Data.Span);
            }
        }

        return state;
    }

    /// <summary>The windows <paramref name="state"/> holds for <paramref name="key"/> (none when it holds nothing).</summary>
    public static WindowInspection[] WindowsOf(IPartitionState state, string key = Key) => state.Inspect(key)?.Windows ?? [];

    /// <summary>An inspection as text, so two compare structurally.</summary>
    public static string Describe(KeyInspection? inspection) => inspection is null
        ? "null"
        : FormattableString.Invariant(
            $"last={inspection.LastOffset} due={inspection.NextDueTime} pending={inspection.PendingOutputs} windows=[{string.Join(", ", inspection.Windows.Select(w => w.ToString()))}]");

    /// <summary>The rows of a checkpoint as text, in key order.</summary>
    public static string[] Describe(IEnumerable<KeyStateRow> rows) =>
        [.. rows.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}={(r.IsDeletion ? "null" : Convert.ToHexString(r.Data.Span))}")];

    /// <summary>A row's snapshot as an array of its own, or null for a deletion.</summary>
    public static byte[]? Snapshot(this KeyStateRow row) => row.IsDeletion ? null : row.Data.ToArray();

    /// <summary>The demo result value of a window.</summary>
    public static string Stats(long start, long end, long count, double sum, double min, double max, double avg) => Stats(Key, start, end, count, sum, min, max, avg);

    public static string Stats(string key, long start, long end, long count, double sum, double min, double max, double avg) =>
        FormattableString.Invariant($$"""{"key":"{{key}}","start":{{start}},"end":{{end}},"count":{{count}},"sum":{{sum}},"min":{{min}},"max":{{max}},"avg":{{avg}}}""");

    /// <summary>Every field of an output, byte arrays as text (or hex), so lists compare structurally with readable diffs.</summary>
    public static string Describe(OutputRecord output) =>
        FormattableString.Invariant(
            $"{output.Kind} causing={output.CausingOffset} close={output.CloseTime} ts={output.Timestamp} key={Bytes(output.Key)} value={Bytes(output.Value)} headers={Headers(output.Headers)}");

    public static string[] Describe(IEnumerable<OutputRecord> outputs) => [.. outputs.Select(Describe)];

    /// <summary>Outputs as text in ordinal order, for comparing outputs of many keys whose relative order is not specified.</summary>
    public static string[] Sorted(IEnumerable<OutputRecord> outputs) => [.. outputs.Select(Describe).Order(StringComparer.Ordinal)];

    public static string Bytes(byte[]? bytes)
    {
        if (bytes is null)
        {
            return "null";
        }

        try
        {
            return $"'{StrictUtf8.GetString(bytes)}'";
        }
        catch (DecoderFallbackException)
        {
            return $"0x{Convert.ToHexString(bytes)}";
        }
    }

    public static string HeaderText(OutputRecord output, string name) =>
        Encoding.UTF8.GetString(Assert.Single(output.Headers ?? [], h => h.Key == name).Value!);

    private static string Headers(RecordHeader[]? headers) =>
        headers is null ? "null" : $"[{string.Join(", ", headers.Select(h => $"{h.Key}={Bytes(h.Value)}"))}]";

    /// <summary>What one flush gave.</summary>
    internal sealed record Epoch(List<OutputRecord> Outputs, List<KeyStateRow> Rows, int KeysClosed);

    /// <summary>Reads <c>{"value": n}</c> with an integer n (the record's offset in the randomized tests).</summary>
    private sealed class OffsetReader : IValueReader<long>
    {
        public static OffsetReader Instance { get; } = new();

        public string Description => "JSON offset";

        public bool TryRead(ReadOnlySpan<byte> value, [MaybeNullWhen(false)] out long result, [NotNullWhen(false)] out string? error)
        {
            var text = Encoding.UTF8.GetString(value);
            const string Prefix = "{\"value\": ";
            if (text.StartsWith(Prefix, StringComparison.Ordinal) && text.EndsWith('}')
                && long.TryParse(text.AsSpan(Prefix.Length, text.Length - Prefix.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out result))
            {
                error = null;
                return true;
            }

            result = 0;
            error = "not an offset";
            return false;
        }
    }
}
