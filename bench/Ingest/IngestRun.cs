using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using OrleansStreams.Bench.Harness;
using OrleansStreams.Pipelines;

namespace OrleansStreams.Bench.Ingest;

/// <summary>
/// One ingest-only run: a fresh in-process silo (new consumer group) whose only pipeline sends every
/// record of <c>topic</c> to <see cref="CountingKeyGrain"/>, timed from the end of the silo's
/// <c>StartAsync</c> until the grains have counted every record. Used by <c>ingest</c>, and by
/// <c>windowed</c> as its baseline.
/// </summary>
internal static class IngestRun
{
    /// <summary>The settings <c>ingest</c> uses by default: at-least-once, 1 s commits, memory storage, default agent limits.</summary>
    public static readonly string[] DefaultSettings =
    [
        "--OrleansStreams:Processing:Guarantee=AtLeastOnce", "--OrleansStreams:Processing:CommitInterval=1s", "--OrleansStreams:Kafka:MaxInFlight=128", "--OrleansStreams:Kafka:MaxBatchRecords=500",
    ];

    public static async Task<Measurement> RunAsync(string bootstrap, string topic, string label, IEnumerable<string> extraSettings, long records, CancellationToken cancellationToken)
    {
        CountingKeyGrain.Reset();
        string[] settings = [$"--OrleansStreams:Kafka:BootstrapServers={bootstrap}", $"--OrleansStreams:Kafka:GroupId=bench-ingest-{Guid.NewGuid():N}", "--OrleansStreams:Storage:Provider=Memory", .. extraSettings];
        await using var silo = await InProcessSilo.StartAsync(
            settings,
            services => services.AddOrleansStreamsPipeline(Pipeline.Create("ingest").From(topic).ProcessWith<ICountingKeyGrain>()),
            cancellationToken);

        // Timed from the moment the silo is active and its ownership service is starting the agents.
        var threads = ThreadCpu.Snapshot();
        var cpu = CpuClock.Start();
        var started = Stopwatch.GetTimestamp();
        var lastReport = started;
        while (CountingKeyGrain.Applied < records)
        {
            await Task.Delay(2, cancellationToken);
            if (Stopwatch.GetElapsedTime(lastReport) >= TimeSpan.FromSeconds(2))
            {
                lastReport = Stopwatch.GetTimestamp();
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {label}: {CountingKeyGrain.Applied:N0} of {records:N0} applied after {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s"));
            }

            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException($"{label}: only {CountingKeyGrain.Applied:N0} of {records:N0} records applied after 10 minutes");
            }
        }

        var measurement = new Measurement(CountingKeyGrain.Applied, Stopwatch.GetElapsedTime(started), cpu.Elapsed);
        await Console.Error.WriteLineAsync($"  {label} CPU by thread: {ThreadCpu.Format(ThreadCpu.Snapshot().Difference(threads, measurement.Cpu), measurement.Cpu)}");
        return measurement;
    }
}
