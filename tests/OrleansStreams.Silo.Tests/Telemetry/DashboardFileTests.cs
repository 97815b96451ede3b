using System.Text.Json;

namespace OrleansStreams.Silo.Tests.Telemetry;

public sealed class DashboardFileTests
{
    [Fact]
    public void Dashboards_Folder_HoldsOverviewAndDrillDownWithUniqueUids()
    {
        var dashboards = DashboardFiles.Files.Select(DashboardFiles.Load).ToList();

        Assert.True(dashboards.Count >= 2, $"expected at least 2 dashboards in {DashboardFiles.Directory}");
        var uids = dashboards.Select(d => d.GetProperty("uid").GetString()).ToList();
        Assert.Equal(uids.Count, uids.Distinct().Count());
    }

    [Fact]
    public void Dashboards_EveryFile_IsGrafanaJsonWithTitlePanelsDatasourcesTargetsAndResolvableVariables()
    {
        var problems = new List<string>();
        foreach (var path in DashboardFiles.Files)
        {
            var name = Path.GetFileName(path);
            var dashboard = DashboardFiles.Load(path);
            foreach (var property in (string[])["uid", "title"])
            {
                if (!dashboard.TryGetProperty(property, out var value) || string.IsNullOrWhiteSpace(value.GetString()))
                {
                    problems.Add($"{name}: no {property}");
                }
            }

            if (dashboard.TryGetProperty("uid", out var uid) && uid.GetString()!.Length > 40)
            {
                problems.Add($"{name}: uid longer than Grafana's 40 characters");
            }

            var defined = new HashSet<string>(DashboardFiles.BuiltIns.Keys, StringComparer.Ordinal);
            foreach (var variable in DashboardFiles.Variables(dashboard))
            {
                var variableName = variable.GetProperty("name").GetString()!;
                var type = variable.GetProperty("type").GetString();
                if (type == "query")
                {
                    var query = DashboardFiles.VariableQuery(variable);
                    if (!DashboardFiles.LabelValues().IsMatch(query))
                    {
                        problems.Add($"{name}: variable {variableName} is not label_values(...): {query}");
                    }

                    // Chained variables may only use the ones defined before them.
                    foreach (var used in References(query).Where(u => !defined.Contains(u)))
                    {
                        problems.Add($"{name}: variable {variableName} uses ${used}, not defined before it");
                    }
                }
                else if (type != "datasource")
                {
                    problems.Add($"{name}: variable {variableName} has type {type}; the test resolves only query and datasource variables");
                }

                defined.Add(variableName);
            }

            var panels = DashboardFiles.Panels(dashboard).ToList();
            if (panels.Count == 0)
            {
                problems.Add($"{name}: no panels");
            }

            var ids = new HashSet<long>();
            foreach (var panel in panels)
            {
                var title = panel.TryGetProperty("title", out var t) ? t.GetString() : null;
                var where = $"{name}: panel '{title}'";
                if (string.IsNullOrWhiteSpace(title))
                {
                    problems.Add($"{where}: no title");
                }

                if (!panel.TryGetProperty("id", out var id) || !ids.Add(id.GetInt64()))
                {
                    problems.Add($"{where}: missing or duplicate id");
                }

                if (!panel.TryGetProperty("gridPos", out _))
                {
                    problems.Add($"{where}: no gridPos");
                }

                if (!panel.TryGetProperty("datasource", out var datasource) || !IsPrometheus(datasource))
                {
                    problems.Add($"{where}: no Prometheus datasource");
                }

                if (!panel.TryGetProperty("targets", out var targets) || targets.GetArrayLength() == 0)
                {
                    problems.Add($"{where}: no targets");
                    continue;
                }

                foreach (var target in targets.EnumerateArray())
                {
                    if (!target.TryGetProperty("expr", out var expr) || string.IsNullOrWhiteSpace(expr.GetString()))
                    {
                        problems.Add($"{where}: a target without expr");
                        continue;
                    }

                    if (!target.TryGetProperty("refId", out _))
                    {
                        problems.Add($"{where}: a target without refId");
                    }

                    foreach (var used in References(expr.GetString()!).Where(u => !defined.Contains(u)))
                    {
                        problems.Add($"{where}: uses undefined variable ${used}");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static bool IsPrometheus(JsonElement datasource) =>
        datasource.ValueKind == JsonValueKind.Object
        && datasource.TryGetProperty("type", out var type) && type.GetString() == "prometheus"
        && datasource.TryGetProperty("uid", out var uid) && !string.IsNullOrEmpty(uid.GetString());

    private static IEnumerable<string> References(string text) =>
        DashboardFiles.VariableReference().Matches(text).Select(m => m.Groups["name"].Value).Distinct();
}
