using System.Text.Json;
using System.Text.RegularExpressions;

namespace OrleansStreams.Silo.Tests.Telemetry;

/// <summary>The Grafana dashboards shipped in <c>dashboards/</c>, read from the repository.</summary>
internal static partial class DashboardFiles
{
    /// <summary>Variables Grafana itself defines.</summary>
    public static readonly Dictionary<string, string> BuiltIns = new(StringComparer.Ordinal)
    {
        ["__rate_interval"] = "15s",
        ["__interval"] = "5s",
        ["__range"] = "5m",
    };

    public static string Directory { get; } = FindDashboards();

    public static IEnumerable<string> Files => System.IO.Directory.EnumerateFiles(Directory, "*.json").Order(StringComparer.Ordinal);

    /// <summary>Every <c>$name</c> or <c>${name}</c> in a query.</summary>
    [GeneratedRegex(@"\$\{?(?<name>[A-Za-z_][A-Za-z0-9_]*)\}?")]
    public static partial Regex VariableReference();

    /// <summary>Grafana's <c>label_values(selector, label)</c> or <c>label_values(label)</c>.</summary>
    [GeneratedRegex(@"^\s*label_values\(\s*(?:(?<selector>.+?)\s*,\s*)?(?<label>[A-Za-z_][A-Za-z0-9_]*)\s*\)\s*$")]
    public static partial Regex LabelValues();

    public static JsonElement Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    /// <summary>The panels with queries (rows excluded), nested panels included.</summary>
    public static IEnumerable<JsonElement> Panels(JsonElement dashboard)
    {
        foreach (var panel in dashboard.GetProperty("panels").EnumerateArray())
        {
            if (panel.GetProperty("type").GetString() != "row")
            {
                yield return panel;
            }

            if (panel.TryGetProperty("panels", out var nested))
            {
                foreach (var inner in nested.EnumerateArray())
                {
                    yield return inner;
                }
            }
        }
    }

    public static IEnumerable<JsonElement> Variables(JsonElement dashboard) =>
        dashboard.TryGetProperty("templating", out var t) ? t.GetProperty("list").EnumerateArray() : [];

    /// <summary>A query variable's query text.</summary>
    public static string VariableQuery(JsonElement variable) =>
        variable.GetProperty("query") is { ValueKind: JsonValueKind.Object } q ? q.GetProperty("query").GetString()! : variable.GetProperty("query").GetString()!;

    public static string Substitute(string text, IReadOnlyDictionary<string, string> values) =>
        VariableReference().Replace(text, m => values.TryGetValue(m.Groups["name"].Value, out var v) ? v : m.Value);

    private static string FindDashboards()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrleansStreams.sln")))
            {
                return Path.Combine(dir.FullName, "dashboards");
            }
        }

        throw new InvalidOperationException($"no OrleansStreams.sln above {AppContext.BaseDirectory}");
    }
}
