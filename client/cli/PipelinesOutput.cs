using OrleansStreams.Queries;

namespace OrleansStreams.Client.Cli;

/// <summary>Writes the catalog: one row per pipeline, or one JSON document.</summary>
internal static class PipelinesOutput
{
    public static void WriteTable(IReadOnlyList<PipelineInfo> pipelines, TextWriter output)
    {
        if (pipelines.Count == 0)
        {
            output.WriteLine("the cluster defines no pipeline");
            return;
        }

        var table = new TextTable("NAME", "INPUT", "OUTPUT", "WINDOWED", "WINDOW", "EMIT");
        foreach (var p in pipelines)
        {
            table.Add(p.Name, p.InputTopic, p.OutputTopic, CliFormat.YesNo(p.Windowed), Dash(p.Window), Dash(p.Emit));
        }

        table.WriteTo(output);
    }

    public static void WriteJson(IReadOnlyList<PipelineInfo> pipelines, TextWriter output) =>
        CliFormat.Json(output, json =>
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
        });

    private static string Dash(string text) => text.Length == 0 ? "-" : text;
}
