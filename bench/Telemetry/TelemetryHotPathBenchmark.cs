using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using OrleansStreams.Bench.Harness;
using OrleansStreams.Grains.Committer;
using OrleansStreams.Grains.Telemetry;
using OrleansStreams.Ingress;
using OrleansStreams.Keys;

namespace OrleansStreams.Bench.Telemetry;

/// <summary>
/// The telemetry calls a partition agent and its committer make, alone, in the pattern of a
/// running partition: one sampling check per record, one lag sample per 500-record chunk, and per
/// 10,000-record epoch the epoch span, trace headers and metrics of 100 window results — with the
/// OpenTelemetry SDK listening (metrics and traces on) and without it (off).
/// </summary>
internal sealed class TelemetryHotPathBenchmark : IBenchmark
{
    private const int Records = 20_000_000;
    private const int Chunk = 500;
    private const int EpochRecords = 10_000;

    public string Name => "telemetry-hot-path";

    public string Description => "ns per record of the telemetry calls on the agent and committer paths, SDK on vs off";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new OrleansStreamsMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), TimeProvider.System, traces: new RecordTraces(1_000));
        var chunk = Enumerable.Range(0, Chunk).Select(i => new ConsumedRecord(i, 1_700_000_000_000 + i, null, null, null)).ToArray();
        var results = Enumerable.Range(0, 100).Select(i => new OutputRecord(OutputKind.Result, i * 100, -1, 1_700_000_000_000, null, null, null)).ToArray();

        Console.WriteLine($"{"telemetry",-10} {"ns/record",10} {"alloc B/record",15}");
        foreach (var on in new[] { false, true, false, true })
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var meterProvider = on ? Sdk.CreateMeterProviderBuilder().AddMeter(OrleansStreamsMetrics.Name).Build() : null;
            using var tracerProvider = on ? Sdk.CreateTracerProviderBuilder().AddSource(OrleansStreamsMetrics.Name).SetSampler(new AlwaysOnSampler()).Build() : null;
            Run(metrics, chunk, results, Records / 10); // warm-up
            var before = GC.GetAllocatedBytesForCurrentThread();
            var start = Stopwatch.GetTimestamp();
            Run(metrics, chunk, results, Records);
            var elapsed = Stopwatch.GetElapsedTime(start);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Console.WriteLine($"{(on ? "on" : "off"),-10} {elapsed.TotalNanoseconds / Records,10:0.00} {(double)allocated / Records,15:0.00}");
        }

        return Task.FromResult(0);
    }

    private static void Run(OrleansStreamsMetrics metrics, ConsumedRecord[] chunk, OutputRecord[] results, int records)
    {
        var lag = new OrleansStreams.Telemetry.PartitionLag();
        var outputs = new List<OutputRecord>(results.Length);
        var epoch = 0L;
        for (long offset = 0; offset < records; offset += Chunk)
        {
            for (var i = 0; i < Chunk; i++)
            {
                metrics.Traces.Received("bench", 0, offset + i, null);
            }

            lag.Read(chunk);
            if ((offset + Chunk) % EpochRecords == 0)
            {
                var start = offset + Chunk - EpochRecords;
                var plan = new EpochPlan
                {
                    Generation = 1,
                    Epoch = ++epoch,
                    StartOffset = start,
                    EndOffset = offset + Chunk,
                    StreamTime = 0,
                    FlushKeys = [],
                    FlushLastAcknowledged = [],
                    AgentOutputs = [],
                    Rises = new StreamTimeRises([], []),
                };
                outputs.Clear();
                foreach (var result in results)
                {
                    outputs.Add(result with { CausingOffset = start + result.CausingOffset });
                }

                var telemetry = metrics.StartEpoch("bench", 0, plan);
                telemetry.TraceOutputs(outputs);
                telemetry.Committed(outputs, 1_000, 300_000);
                _ = lag.Seconds(offset, offset + Chunk, 1_700_000_000_000);
            }
        }
    }
}
