using System.Text;
using OrleansStreams.Aggregation;
using OrleansStreams.Grains.Keys;
using OrleansStreams.Keys;
using OrleansStreams.Pipelines;
using OrleansStreams.Records;
using OrleansStreams.Windows;

namespace OrleansStreams.Grains.Tests.Keys;

/// <summary>Pipelines, records and output descriptions shared by the key processor tests.</summary>
internal static class KeyProcessorFixtures
{
    /// <summary>A minute boundary (2025-11-24T16:00:00Z), so one-minute windows start here.</summary>
    public const long T0 = 1_764_000_000_000;

    public const string Key = "sensor-1";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The demo pipeline: 1-minute tumbling windows, 10 s grace, stats, final results, late and dead-letter topics.</summary>
    public static WindowedPipelineDefinition Demo() => Sensors(WindowSpec.Tumbling(TimeSpan.FromMinutes(1)).WithGrace(TimeSpan.FromSeconds(10)), EmitMode.Final);

    /// <summary>2-minute windows every minute, no grace.</summary>
    public static WindowedPipelineDefinition Hopping(EmitMode emit) =>
        Sensors(WindowSpec.Hopping(TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(1)), emit);

    public static WindowedPipelineDefinition Sensors(WindowSpec window, EmitMode emit, bool lateTopic = true)
    {
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

    /// <summary>Pipelines by name, for theories.</summary>
    public static WindowedPipelineDefinition Named(string name) => name switch
    {
        "demo" => Demo(),
        "hopping-on-update" => Hopping(EmitMode.OnUpdate),
        "session-final" => Sensors(WindowSpec.Session(TimeSpan.FromSeconds(30)).WithGrace(TimeSpan.FromSeconds(5)), EmitMode.Final),
        "sliding-on-update" => Sensors(WindowSpec.Sliding(TimeSpan.FromSeconds(45)).WithGrace(TimeSpan.FromSeconds(5)), EmitMode.OnUpdate),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    public static IKeyProcessor Processor(WindowedPipelineDefinition pipeline) => KeyProcessors.Create(pipeline, Key);

    /// <summary>A sensor reading <c>{"value": x}</c> whose timestamp is its event time.</summary>
    public static StreamRecord Reading(long offset, long eventTime, long streamTime, double value, RecordHeader[]? headers = null) =>
        Raw(offset, eventTime, streamTime, Encoding.UTF8.GetBytes(FormattableString.Invariant($$"""{"value": {{value}}}""")), headers);

    public static StreamRecord Raw(long offset, long eventTime, long streamTime, byte[]? value, RecordHeader[]? headers = null) =>
        new(offset, eventTime, eventTime, streamTime, Encoding.UTF8.GetBytes(Key), value, headers);

    public static List<OutputRecord> Flush(IKeyProcessor processor, long streamTime, long endOffset)
    {
        var outputs = new List<OutputRecord>();
        processor.Flush(streamTime, endOffset, outputs);
        return outputs;
    }

    /// <summary>The demo result value of a window.</summary>
    public static string Stats(long start, long end, long count, double sum, double min, double max, double avg) =>
        FormattableString.Invariant($$"""{"key":"{{Key}}","start":{{start}},"end":{{end}},"count":{{count}},"sum":{{sum}},"min":{{min}},"max":{{max}},"avg":{{avg}}}""");

    /// <summary>Every field of an output, byte arrays as text (or hex), so lists compare structurally with readable diffs.</summary>
    public static string Describe(OutputRecord output) =>
        FormattableString.Invariant(
            $"{output.Kind} causing={output.CausingOffset} close={output.CloseTime} ts={output.Timestamp} key={Bytes(output.Key)} value={Bytes(output.Value)} headers={Headers(output.Headers)}");

    public static string[] Describe(IEnumerable<OutputRecord> outputs) => [.. outputs.Select(Describe)];

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
}
