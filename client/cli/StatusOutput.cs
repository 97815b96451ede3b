using System.Globalization;
using System.Text.Json;
using OrleansStreams.Client.Querying;

namespace OrleansStreams.Client.Cli;

/// <summary>Writes pipeline status and silos: a summary line and a table each, or one JSON document.</summary>
internal static class StatusOutput
{
    public static void WriteTable(PipelineStatus status, DateTimeOffset now, TextWriter output)
    {
        output.WriteLine(Summary(status));
        if (status.PartitionCount == 0)
        {
            return;
        }

        var table = new TextTable("PARTITION", "SILO", "GENERATION", "EPOCH", "OFFSET", "HIGH WATERMARK", "LAG", "LAG S", "STREAM TIME", "LAST COMMIT", "REPORTED");
        var reports = status.Partitions.ToDictionary(p => p.Partition);
        foreach (var partition in Enumerable.Range(0, status.PartitionCount).Union(reports.Keys).Order())
        {
            var id = partition.ToString(CultureInfo.InvariantCulture);
            if (!reports.TryGetValue(partition, out var p))
            {
                table.Add(id, "(no report)");
                continue;
            }

            table.Add(
                id,
                p.Silo,
                CliFormat.Number(p.Generation),
                CliFormat.Number(p.CommittedEpoch),
                CliFormat.Number(p.CommittedOffset),
                CliFormat.Number(p.HighWatermark),
                CliFormat.Number(p.LagRecords),
                CliFormat.Number(p.LagSeconds),
                CliFormat.StreamTime(p.StreamTime),
                CliFormat.Time(p.LastCommit),
                CliFormat.Age(p.ReportedAt, now));
        }

        table.WriteTo(output);
    }

    public static void WriteTable(IReadOnlyList<ClusterSilo> silos, TextWriter output)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"silos: {silos.Count} active"));
        if (silos.Count == 0)
        {
            return;
        }

        var table = new TextTable("SILO", "NAME", "HOST", "STATUS", "GATEWAY", "STARTED");
        foreach (var silo in silos)
        {
            table.Add(silo.Address, silo.Name, silo.HostName, silo.Status, silo.GatewayPort.ToString(CultureInfo.InvariantCulture), CliFormat.Time(silo.StartedAt));
        }

        table.WriteTo(output);
    }

    public static void WriteJson(PipelineStatus status, TextWriter output) => CliFormat.Json(output, json => WriteStatus(json, status));

    public static void WriteJson(IReadOnlyList<PipelineStatus> statuses, IReadOnlyList<ClusterSilo> silos, TextWriter output) =>
        CliFormat.Json(output, json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("pipelines");
            foreach (var status in statuses)
            {
                WriteStatus(json, status);
            }

            json.WriteEndArray();
            QueryJson.Silos(json, silos);
            json.WriteEndObject();
        });

    private static string Summary(PipelineStatus status)
    {
        if (status.PartitionCount == 0)
        {
            return $"pipeline {status.Pipeline}: no partition has reported yet";
        }

        var missing = status.MissingPartitions.Count == 0
            ? "all reporting"
            : $"{status.MissingPartitions.Count} without a report ({string.Join(", ", status.MissingPartitions)})";
        return string.Create(CultureInfo.InvariantCulture, $"pipeline {status.Pipeline}: {status.PartitionCount} partitions, {missing}");
    }

    private static void WriteStatus(Utf8JsonWriter json, PipelineStatus status)
    {
        json.WriteStartObject();
        QueryJson.StatusProperties(json, status);
        json.WriteEndObject();
    }
}
