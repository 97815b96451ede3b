using OrleansStreams.Client.Querying;
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
        CliFormat.Json(output, json => QueryJson.Pipelines(json, pipelines));

    private static string Dash(string text) => text.Length == 0 ? "-" : text;
}
