using System.Text.Json;
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
                json.WriteString("key", key.Key);
                json.WriteBoolean("found", key.Found);
                if (key.Position is { } position)
                {
                    json.WritePropertyName("position");
                    WritePosition(json, position);
                }
                else
                {
                    json.WriteNull("position");
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
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("positions");
            foreach (var position in result.Positions)
            {
                WritePosition(json, position);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });

    private static void WritePosition(Utf8JsonWriter json, QueryPosition position)
    {
        json.WriteStartObject();
        json.WriteNumber("partition", position.Partition);
        json.WriteNumber("generation", position.Generation);
        json.WriteNumber("epoch", position.Epoch);
        json.WriteNumber("offset", position.Offset);
        json.WriteEndObject();
    }
}
