using System.Text.Json;
using OrleansStreams.Queries;

namespace OrleansStreams.Client.Querying;

/// <summary>
/// The JSON shapes of the SDK's answers, shared by the CLI's <c>--json</c> output and the silo's HTTP
/// endpoint: windows as <c>{"start","end","final","result"}</c> with the position beside them.
/// </summary>
internal static class QueryJson
{
    /// <summary>An object with a <c>pipelines</c> array.</summary>
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
            json.WriteBoolean("publishesResults", p.PublishesResults);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>A key's properties (key, found, partition, position, windows) into the object being written.</summary>
    public static void KeyProperties(Utf8JsonWriter json, KeyWindows key)
    {
        json.WriteString("key", key.Key);
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
        foreach (var window in key.Windows)
        {
            json.WriteStartObject();
            json.WriteNumber("start", window.Start.ToUnixTimeMilliseconds());
            json.WriteNumber("end", window.End.ToUnixTimeMilliseconds());
            json.WriteBoolean("final", window.Final);
            json.WritePropertyName("result");
            window.Result.WriteTo(json);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    public static void Position(Utf8JsonWriter json, QueryPosition position)
    {
        json.WriteStartObject();
        json.WriteNumber("partition", position.Partition);
        json.WriteNumber("generation", position.Generation);
        json.WriteNumber("epoch", position.Epoch);
        json.WriteNumber("offset", position.Offset);
        json.WriteEndObject();
    }

    /// <summary>A pipeline's status properties (pipeline, partitionCount, missingPartitions, partitions) into the object being written.</summary>
    public static void StatusProperties(Utf8JsonWriter json, PipelineStatus status)
    {
        json.WriteString("pipeline", status.Pipeline);
        json.WriteNumber("partitionCount", status.PartitionCount);
        json.WriteStartArray("missingPartitions");
        foreach (var partition in status.MissingPartitions)
        {
            json.WriteNumberValue(partition);
        }

        json.WriteEndArray();
        json.WriteStartArray("partitions");
        foreach (var p in status.Partitions)
        {
            Partition(json, p);
        }

        json.WriteEndArray();
    }

    /// <summary>A <c>silos</c> array property.</summary>
    public static void Silos(Utf8JsonWriter json, IReadOnlyList<ClusterSilo> silos)
    {
        json.WriteStartArray("silos");
        foreach (var silo in silos)
        {
            json.WriteStartObject();
            json.WriteString("address", silo.Address);
            json.WriteString("name", silo.Name);
            json.WriteString("hostName", silo.HostName);
            json.WriteString("status", silo.Status);
            json.WriteNumber("gatewayPort", silo.GatewayPort);
            json.WriteString("startedAt", silo.StartedAt);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Partition(Utf8JsonWriter json, PartitionStatus p)
    {
        json.WriteStartObject();
        json.WriteNumber("partition", p.Partition);
        json.WriteNumber("partitionCount", p.PartitionCount);
        json.WriteString("silo", p.Silo);
        json.WriteNumber("generation", p.Generation);
        json.WriteNumber("committedEpoch", p.CommittedEpoch);
        json.WriteNumber("committedOffset", p.CommittedOffset);
        json.WriteNumber("highWatermark", p.HighWatermark);
        json.WriteNumber("lagRecords", p.LagRecords);
        json.WriteNumber("lagSeconds", p.LagSeconds);
        if (p.StreamTime == long.MinValue)
        {
            json.WriteNull("streamTime");
        }
        else
        {
            json.WriteNumber("streamTime", p.StreamTime);
        }

        if (p.LastCommit is { } lastCommit)
        {
            json.WriteString("lastCommit", lastCommit);
        }
        else
        {
            json.WriteNull("lastCommit");
        }

        json.WriteString("reportedAt", p.ReportedAt);
        json.WriteEndObject();
    }
}
