using System.Globalization;
using System.Text.RegularExpressions;
using OrleansStreams.TestKit;

namespace OrleansStreams.Silo.Tests.Telemetry;

/// <summary><c>LateTopic=none</c> through the real silo executable: late records are dropped, and still counted.</summary>
public sealed partial class LateTopicNoneTests
{
    private static readonly string SiloAssembly = Path.Combine(AppContext.BaseDirectory, "OrleansStreams.Silo.Host.dll");

    [Fact]
    public async Task Run_LateTopicNone_LateRecordsCountedInTheLateMetric()
    {
        var workingDirectory = Directory.CreateTempSubdirectory("orleansstreams-late-none-");
        var metrics = $"127.0.0.1:{FreePorts.Next()}";
        await using var silo = ManagedProcess.StartDotnet("silo", SiloAssembly,
        [
            $"--Cluster:SiloPort={FreePorts.Next()}",
            $"--Cluster:GatewayPort={FreePorts.Next()}",
            $"--DevBroker:Listen=127.0.0.1:{FreePorts.Next()}",
            $"--Metrics:Listen={metrics}",
            "--Query:Listen=127.0.0.1:0",
            "--Generator:Rate=2000",
            "--Generator:Keys=50",
            "--Generator:LateShare=0.2",
            "--Pipelines:sensors:Input=sensor-readings",
            "--Pipelines:sensors:Output=sensor-aggregates",
            "--Pipelines:sensors:LateTopic=none",
            "--Pipelines:sensors:Window:Size=2s",
            "--Progress:Interval=0",
        ], workingDirectory: workingDirectory.FullName);
        await silo.WaitForLineAsync(l => l.Contains(" ready at ", StringComparison.Ordinal), TimeSpan.FromSeconds(90));

        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        double late = 0, results = 0;
        while (DateTime.UtcNow < deadline && (late == 0 || results == 0))
        {
            var scrape = await http.GetStringAsync(new Uri($"http://{metrics}/metrics"));
            late = Sum(scrape, "orleansstreams_records_late_total");
            results = Sum(scrape, "orleansstreams_results_out_total");
            await Task.Delay(250);
        }

        Assert.True(results > 0, "no results were committed");
        Assert.True(late > 0, "late records were dropped without being counted");
        silo.Terminate();
        await silo.WaitForExitAsync(TimeSpan.FromSeconds(15));
        try
        {
            workingDirectory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private static double Sum(string scrape, string metric) =>
        scrape.Split('\n')
            .Where(l => l.StartsWith(metric, StringComparison.Ordinal))
            .Select(l => Sample().Match(l))
            .Where(m => m.Success)
            .Sum(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"\s([0-9.eE+-]+)(\s\d+)?$")]
    private static partial Regex Sample();
}
