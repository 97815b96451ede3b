using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Confluent.Kafka;
using OrleansStreams.Records;
using Xunit.Abstractions;

namespace OrleansStreams.Silo.Tests.Telemetry;

/// <summary>
/// Every panel query of every dashboard, evaluated by a real Prometheus scraping a real silo
/// under load, must parse and return data; outputs of traced records carry W3C trace context.
/// </summary>
public sealed partial class DashboardQueryTests(SiloUnderLoadFixture fixture, ITestOutputHelper output) : IClassFixture<SiloUnderLoadFixture>
{
    [Fact]
    public async Task EveryPanelQuery_PrometheusScrapingSiloUnderLoad_ParsesAndReturnsData()
    {
        var deadline = Stopwatch.StartNew();
        List<string> failures;
        var evaluated = 0;
        while (true)
        {
            (failures, evaluated) = await EvaluateAllAsync();
            if (failures.Count == 0 || deadline.Elapsed > TimeSpan.FromSeconds(150))
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(3));
        }

        output.WriteLine($"{evaluated} panel queries evaluated after {deadline.Elapsed.TotalSeconds:F0} s");
        Assert.True(
            failures.Count == 0,
            $"{failures.Count} of {evaluated} panel queries failed:\n{string.Join("\n", failures)}\n\ntargets: {await fixture.Prometheus.TargetsAsync()}\n\nsilo:\n{Tail(fixture.Silo.Output)}");
        Assert.True(evaluated >= 30, $"only {evaluated} queries");
    }

    [Fact]
    public async Task OutputRecords_EveryRecordTraced_CarryW3CTraceParentHeaders()
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = fixture.BootstrapServers,
            GroupId = $"telemetry-test-{Guid.NewGuid():N}",
            IsolationLevel = IsolationLevel.ReadCommitted,
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe("sensor-aggregates");
        int results = 0, traced = 0;
        var deadline = Stopwatch.StartNew();
        while (results < 2_000 && deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            var record = consumer.Consume(TimeSpan.FromMilliseconds(500));
            if (record is null)
            {
                continue;
            }

            results++;
            if (record.Message.Headers.TryGetLastBytes(StreamHeaders.TraceParent, out var value))
            {
                Assert.Matches(TraceParent(), Encoding.ASCII.GetString(value));
                traced++;
            }
        }

        output.WriteLine($"{traced} of {results} results carry traceparent");
        Assert.True(results > 0, "no results were committed");
        Assert.True(traced * 2 > results, $"only {traced} of {results} results carry a traceparent header");
    }

    private async Task<(List<string> Failures, int Evaluated)> EvaluateAllAsync()
    {
        var failures = new List<string>();
        var evaluated = 0;
        foreach (var path in DashboardFiles.Files)
        {
            var name = Path.GetFileName(path);
            var dashboard = DashboardFiles.Load(path);
            var values = new Dictionary<string, string>(DashboardFiles.BuiltIns, StringComparer.Ordinal);
            foreach (var variable in DashboardFiles.Variables(dashboard))
            {
                var variableName = variable.GetProperty("name").GetString()!;
                if (variable.GetProperty("type").GetString() == "datasource")
                {
                    values[variableName] = "prometheus";
                    continue;
                }

                var match = DashboardFiles.LabelValues().Match(DashboardFiles.VariableQuery(variable));
                var selector = match.Groups["selector"].Success ? DashboardFiles.Substitute(match.Groups["selector"].Value, values) : "{__name__=~\".+\"}";
                var found = await fixture.Prometheus.LabelValuesAsync(match.Groups["label"].Value, selector);
                if (found.Length == 0)
                {
                    failures.Add($"{name}: variable {variableName}: label_values found nothing for {selector}");
                }

                values[variableName] = Regex.Escape(found.FirstOrDefault() ?? "none");
            }

            foreach (var panel in DashboardFiles.Panels(dashboard))
            {
                foreach (var target in panel.GetProperty("targets").EnumerateArray())
                {
                    var expr = DashboardFiles.Substitute(target.GetProperty("expr").GetString()!, values);
                    evaluated++;
                    try
                    {
                        var (_, result) = await fixture.Prometheus.QueryAsync(expr);
                        if (result.Length == 0)
                        {
                            failures.Add($"{name}: '{panel.GetProperty("title").GetString()}': no data for {expr}");
                        }
                    }
                    catch (InvalidOperationException e)
                    {
                        failures.Add($"{name}: '{panel.GetProperty("title").GetString()}': {e.Message}");
                    }
                }
            }
        }

        return (failures, evaluated);
    }

    private static string Tail(string text) => text.Length > 6_000 ? text[^6_000..] : text;

    [GeneratedRegex("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$")]
    private static partial Regex TraceParent();
}
