using System.Diagnostics;
using System.Globalization;
using OrleansStreams.Bench.Harness;
using OrleansStreams.Bench.Windowed;

namespace OrleansStreams.Bench.Peer;

/// <summary>
/// One configuration, once: a fresh output topic, consumer group and (OrleansStreams) storage; the worker
/// process; progress by the offsets its group committed (read here every 100 ms with <see cref="CommittedOffsets"/>,
/// not waiting for pending transactional offsets), until they reach the end of every partition or the limit; then the worker's
/// report and the output check.
/// </summary>
internal static class PeerRun
{
    public static async Task<PeerRow> RunAsync(PeerContext context, PeerConfig config, int round, CancellationToken cancellationToken)
    {
        var bootstrap = context.Broker.BootstrapServers;
        var partitions = context.Input.Ends.Length;
        var id = Guid.NewGuid().ToString("N")[..12];
        var output = $"peer-out-{config.System}-{id}";
        var group = $"peer-{config.System}-{id}";
        await SensorInput.CreateTopicAsync(bootstrap, output, partitions);
        await using var storage = config.System == PeerConfig.Orleans ? await StorageUnderTest.CreateAsync(config.Storage, context.PostgresServer) : null;
        var queryPort = config.QueryCallers > 0 ? BrokerProcess.FreePort() : 0;
        string[] settings = storage is null ? [] : [.. storage.Settings, .. context.SiloSettings, .. (queryPort > 0 ? new[] { $"--OrleansStreams:Query:Listen=127.0.0.1:{queryPort}" } : [])];
        var spec = new WorkerSpec(config.System, bootstrap, WindowedCountPipeline.InputTopic, output, group, config.Mode, partitions, settings, config.Watched);

        // OrleansStreams commits its input offsets under <GroupId>.<pipeline>; the others under the group itself.
        var offsetsGroup = config.System == PeerConfig.Orleans ? $"{group}.{WindowedCountPipeline.Name}" : group;
        using var committed = new CommittedOffsets(bootstrap, offsetsGroup, WindowedCountPipeline.InputTopic, partitions, waitForPending: false);
        var label = $"round {round + 1} {config.Label}";
        var records = context.Input.Records;
        var brokerBefore = context.Broker.ProcessorTime;
        using var worker = WorkerProcess.Start(spec, label);
        string? failure = null;
        var (done, finished) = (0L, false);
        TimeSpan? first = null, tenth = null, ninetieth = null;
        QueryLoad? queries = null;
        QueryLoadResult? queried = null;
        var started = Stopwatch.GetTimestamp();
        try
        {
            await worker.Started.WaitAsync(context.Limit, cancellationToken);
            started = Stopwatch.GetTimestamp();
            var lastReport = started;
            while (!finished && Stopwatch.GetElapsedTime(started) < context.Limit)
            {
                if (worker.HasExited)
                {
                    failure = "FAILED: worker died";
                    break;
                }

                await Task.Delay(100, cancellationToken);
                (done, finished) = committed.Progress(context.Input.Ends);

                // Queries run from the first commit to 90% committed: while the partitions process, before the
                // closing records at the end of the input expire most keys' windows and the pipeline goes idle.
                if (queryPort > 0 && queries is null && done > 0)
                {
                    queries = QueryLoad.Start(queryPort, config.QueryCallers, context.Keys, seed: round);
                }

                if (queries is not null && queried is null && ninetieth is not null)
                {
                    queried = await queries.StopAsync();
                }

                var now = Stopwatch.GetElapsedTime(started);
                first ??= done > 0 ? now : null;
                tenth ??= done * 10 >= records ? now : null;
                ninetieth ??= done * 10 >= records * 9 ? now : null;
                if (Stopwatch.GetElapsedTime(lastReport) >= TimeSpan.FromSeconds(5))
                {
                    lastReport = Stopwatch.GetTimestamp();
                    await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {label}: {done:N0} of {records:N0} committed after {now.TotalSeconds:0} s"));
                }
            }
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            failure = $"FAILED: {e.Message}";
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        if (queries is not null)
        {
            queried ??= await queries.StopAsync();
            await queries.DisposeAsync();
            await Console.Error.WriteLineAsync($"  {label}: {queried.Summary}");
        }

        var report = await worker.StopAsync();
        var brokerCpu = context.Broker.ProcessorTime - brokerBefore;
        var check = config.System == PeerConfig.Raw
            ? OutputCheck.Pipe(bootstrap, output, partitions, context.Input)
            : OutputCheck.Windows(bootstrap, output, partitions, config.Mode, context.Input);
        var row = new PeerRow(round, config, done, elapsed, finished, tenth, ninetieth, report, brokerCpu, check, failure, queried, first);
        await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{label}: {row.PerSecond:N0} records/s ({done:N0} in {elapsed.TotalSeconds:0.0} s{(finished ? "" : ", NOT FINISHED")}), steady {row.Steady(records):N0}/s, {row.PerCpuSecond:N0} records/CPU-s (CPU {report?.Cpu.TotalSeconds:0.0} s timed, {report?.ProcessCpu.TotalSeconds:0.0} s process), peak RSS {report?.PeakRssKiB / 1024.0:N0} MiB, first commit after {first?.TotalSeconds:0.0} s, first 10% after {tenth?.TotalSeconds:0.0} s, broker CPU {brokerCpu.TotalSeconds:0.0} s; check {check.Summary}{(failure is null ? "" : $"; {failure}")}"));
        return row;
    }
}

/// <summary>What every run of one benchmark invocation shares.</summary>
internal sealed record PeerContext(BrokerProcess Broker, PeerInput Input, TimeSpan Limit, string PostgresServer, IReadOnlyList<string> SiloSettings, int Keys);
