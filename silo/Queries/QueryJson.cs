using System.Text.Json;
using OrleansStreams.Client;

namespace OrleansStreams.Queries;

/// <summary>The JSON documents of the HTTP endpoint: windows as <c>{"start","end","final","result"}</c>, positions beside them.</summary>
internal static class QueryJson
{
    public static void Pipelines(Utf8JsonWriter json, IReadOnlyList<PipelineInfo> pipelines)
    {
        json.WriteStartObject();
        json.WriteStartArray("pipelines");
        foreach (var p in pipelines)
        {
            json.WriteStartObject();
            json.WriteString("name", p.Name);
            json.WriteString("inputTopic", p.InputTopic);
            json.WriteString("outputTopic", p.OutputTopic);
            json.WriteBoolean("windowed", p.Windowed);
            json.WriteString("window", p.Window);
            json.WriteString("emit", p.Emit);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void Windows(Utf8JsonWriter json, string pipeline, QueryConsistency consistency, KeyWindows key)
    {
        json.WriteStartObject();
        json.WriteString("pipeline", pipeline);
        json.WriteString("key", key.Key);
        json.WriteString("consistency", consistency == QueryConsistency.Committed ? "committed" : "latest");
        json.WriteBoolean("found", key.Found);
        if (key.Partition is { } partition)
        {
            json.WriteNumber("partition", partition);
        }
        else
        {
            json.WriteNull("partition");
        }

        json.WritePropertyName("position");
        if (key.Position is { } position)
        {
            Position(json, position);
        }
        else
        {
            json.WriteNullValue();
        }

        json.WriteStartArray("windows");
        foreach (var w in key.Windows)
        {
            json.WriteStartObject();
            json.WriteNumber("start", w.Start.ToUnixTimeMilliseconds());
            json.WriteNumber("end", w.End.ToUnixTimeMilliseconds());
            json.WriteBoolean("final", w.Final);
            json.WritePropertyName("result");
            w.Result.WriteTo(json);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void Status(Utf8JsonWriter json, PipelineStatus status, IReadOnlyList<ClusterSilo> silos)
    {
        json.WriteStartObject();
        json.WriteString("pipeline", status.Pipeline);
        json.WriteNumber("partitionCount", status.PartitionCount);
        json.WriteStartArray("partitions");
        foreach (var p in status.Partitions)
        {
            json.WriteStartObject();
            json.WriteNumber("partition", p.Partition);
            json.WriteString("silo", p.Silo);
            json.WriteNumber("generation", p.Generation);
            json.WriteNumber("committedEpoch", p.CommittedEpoch);
            json.WriteNumber("committedOffset", p.CommittedOffset);
            json.WriteNumber("highWatermark", p.HighWatermark);
            json.WriteNumber("lagRecords", p.LagRecords);
            json.WriteNumber("lagSeconds", Math.Round(p.LagSeconds, 3));
            TimeOrNull(json, "streamTime", p.StreamTime);
            json.WriteString("lastCommit", p.LastCommit?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("reportedAt", p.ReportedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("missingPartitions");
        foreach (var p in status.MissingPartitions)
        {
            json.WriteNumberValue(p);
        }

        json.WriteEndArray();
        json.WriteStartArray("silos");
        foreach (var s in silos)
        {
            json.WriteStartObject();
            json.WriteString("address", s.Address);
            json.WriteString("name", s.Name);
            json.WriteString("status", s.Status);
            json.WriteString("startedAt", s.StartedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>An error answer: what went wrong, and for a bad parameter its name, value and what is allowed.</summary>
    public static void Error(Utf8JsonWriter json, string message, string? parameter = null, string? value = null, string? allowed = null)
    {
        json.WriteStartObject();
        json.WriteString("error", message);
        if (parameter is not null)
        {
            json.WriteString("parameter", parameter);
            json.WriteString("value", value);
            json.WriteString("allowed", allowed);
        }

        json.WriteEndObject();
    }

    private static void Position(Utf8JsonWriter json, QueryPosition position)
    {
        json.WriteStartObject();
        json.WriteNumber("partition", position.Partition);
        json.WriteNumber("generation", position.Generation);
        json.WriteNumber("epoch", position.Epoch);
        json.WriteNumber("offset", position.Offset);
        json.WriteEndObject();
    }

    private static void TimeOrNull(Utf8JsonWriter json, string name, long epochMs)
    {
        if (epochMs == long.MinValue)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteNumber(name, epochMs);
        }
    }
}
