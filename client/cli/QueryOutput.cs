using OrleansStreams.Client.Querying;
using OrleansStreams.Queries;

namespace OrleansStreams.Client.Cli;

/// <summary>Writes a query's answer: one row per window, or one JSON document.</summary>
internal static class QueryOutput
{
    public static void WriteTable(WindowQueryResult result, TextWriter output)
    {
        var table = new TextTable("KEY", "PARTITION", "OFFSET", "START", "END", "FINAL", "RESULT");
        foreach (var key in result.Keys)
        {
            var partition = key.Partition?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-";
            var offset = key.Position is { } p ? CliFormat.Number(p.Offset) : "-";
            if (!key.Found)
            {
                table.Add(key.Key, partition, offset, "(not found)");
            }
            else if (key.Windows.Count == 0)
            {
                table.Add(key.Key, partition, offset, "(no window in the range)");
            }

            foreach (var window in key.Windows)
            {
                table.Add(key.Key, partition, offset, CliFormat.Time(window.Start), CliFormat.Time(window.End), CliFormat.YesNo(window.Final), CliFormat.Compact(window.Result));
            }
        }

        table.WriteTo(output);
    }

    public static void WriteJson(string pipeline, QueryConsistency consistency, WindowQueryResult result, TextWriter output) =>
        CliFormat.Json(output, json =>
        {
            json.WriteStartObject();
            json.WriteString("pipeline", pipeline);
            json.WriteString("consistency", consistency.ToString().ToLowerInvariant());
            json.WriteStartArray("keys");
            foreach (var key in result.Keys)
            {
                json.WriteStartObject();
                QueryJson.KeyProperties(json, key);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("positions");
            foreach (var position in result.Positions)
            {
                QueryJson.Position(json, position);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
}
