using System.Globalization;
using OrleansStreams.Bench.Harness;

namespace OrleansStreams.Bench.Peer;

/// <summary>The peer benchmark's result: every run, then the median of each configuration over the rounds.</summary>
internal static class PeerTable
{
    public static void Print(string line, BenchOptions options, PeerInput input, List<PeerRow> rows)
    {
        var keys = options.Int("keys").ToString("N0", CultureInfo.InvariantCulture);
        var skew = options.String("skew");
        var records = input.Readings.ToString("N0", CultureInfo.InvariantCulture);
        Console.WriteLine($"options: {line}");
        Console.WriteLine();
        Console.WriteLine("| round | system | mode | storage | keys | skew | records | end-to-end records/s | steady records/s | ÷ Streamiz | ÷ raw pipe | records/CPU-s | peak RSS MiB | state bytes/record | first commit after | first 10% committed after | broker CPU-s | check |");
        Console.WriteLine("| ---: | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var row in rows.OrderBy(r => r.Round))
        {
            var streamiz = rows.FirstOrDefault(r => r.Round == row.Round && r.Config.System == PeerConfig.Streamiz && r.Config.Mode == row.Config.Mode && r.Ok);
            var raw = rows.FirstOrDefault(r => r.Round == row.Round && r.Config.System == PeerConfig.Raw && r.Ok);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Round + 1} | {row.Config.SystemName} | {row.Config.ModeName} | {row.Config.Storage} | {keys} | {skew} | {records} | {row.PerSecond:N0} | {Number(row.Steady(input.Records))} | {Ratio(row, streamiz, row.Config.System == PeerConfig.Raw)} | {Ratio(row, raw, false)} | {Number(row.PerCpuSecond)} | {Number(row.Worker?.PeakRssKiB / 1024.0)} | {Bytes(row.StateBytesPerRecord)} | {Seconds(row.First)} | {Seconds(row.Tenth)} | {row.BrokerCpu.TotalSeconds:0.0} | {row.CheckText} |"));
        }

        Console.WriteLine();
        Console.WriteLine("Median over the rounds (ratios: median of the per-round ratios):");
        Console.WriteLine();
        Console.WriteLine("| system | mode | storage | runs ok | end-to-end records/s | steady records/s | ÷ Streamiz | ÷ raw pipe | records/CPU-s | peak RSS MiB | state bytes/record | first 10% committed after |");
        Console.WriteLine("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var group in rows.GroupBy(r => r.Config))
        {
            var config = group.Key;
            var ok = group.Where(r => r.Ok).ToList();
            var streamiz = config.System == PeerConfig.Raw ? [] : ok.Select(r => rows.FirstOrDefault(s => s.Round == r.Round && s.Config.System == PeerConfig.Streamiz && s.Config.Mode == config.Mode && s.Ok) is { } s ? r.PerSecond / s.PerSecond : double.NaN).Where(double.IsFinite).ToList();
            var raw = ok.Select(r => rows.FirstOrDefault(s => s.Round == r.Round && s.Config.System == PeerConfig.Raw && s.Ok) is { } s ? r.PerSecond / s.PerSecond : double.NaN).Where(double.IsFinite).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {config.SystemName} | {config.ModeName} | {config.Storage} | {ok.Count} of {group.Count()} | {Median(ok.Select(r => r.PerSecond))} | {Median(ok.Select(r => r.Steady(input.Records)))} | {MedianRatio(streamiz)} | {MedianRatio(raw)} | {Median(ok.Select(r => r.PerCpuSecond))} | {Median(ok.Select(r => r.Worker?.PeakRssKiB / 1024.0))} | {Bytes(MedianOf(ok.Select(r => r.StateBytesPerRecord)))} | {(ok.Count == 0 ? "—" : $"{Measurement.Median(ok.Select(r => (r.Tenth ?? r.Elapsed).TotalSeconds)):0.0} s")} |"));
        }
    }

    /// <summary>The runs with point queries: their query latencies, and the pipeline's rate against the same configuration without queries in the same round.</summary>
    public static void PrintQueries(List<PeerRow> rows)
    {
        var queried = rows.Where(r => r.Queries is not null).OrderBy(r => r.Round).ToList();
        if (queried.Count == 0)
        {
            return;
        }

        Console.WriteLine();
        Console.WriteLine("Point queries during the run (HTTP, committed, a random key each, from the first commit to 90% of the input committed):");
        Console.WriteLine();
        Console.WriteLine("| round | mode | storage | callers | queries | queries/s | p50 ms | p99 ms | max ms | errors | pipeline ÷ same run without queries |");
        Console.WriteLine("| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var row in queried)
        {
            var q = row.Queries!;
            var alone = rows.FirstOrDefault(r => r.Round == row.Round && r.Config == row.Config with { QueryCallers = 0 } && r.Ok);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Round + 1} | {row.Config.ModeName} | {row.Config.Storage} | {q.Callers} | {q.Queries:N0} | {q.PerSecond:N0} | {q.P50:0.0} | {q.P99:0.0} | {q.Max:0} | {q.Errors} | {Ratio(row, alone, false)} |"));
        }
    }

    /// <summary>The runs with live results (published, and watched by one subscriber of every key): the rate against the same configuration without, in the same round.</summary>
    public static void PrintLiveResults(List<PeerRow> rows)
    {
        var watched = rows.Where(r => r.Config.Watched).OrderBy(r => r.Round).ToList();
        if (watched.Count == 0)
        {
            return;
        }

        Console.WriteLine();
        Console.WriteLine("Live results (PublishResults on, one watch of every key in the worker):");
        Console.WriteLine();
        Console.WriteLine("| round | mode | storage | records/s | same run without | ÷ without |");
        Console.WriteLine("| ---: | --- | --- | ---: | ---: | ---: |");
        foreach (var row in watched)
        {
            var alone = rows.FirstOrDefault(r => r.Round == row.Round && r.Config == row.Config with { Watched = false } && r.Ok);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Round + 1} | {row.Config.ModeName} | {row.Config.Storage} | {Number(row.Ok ? row.PerSecond : null)} | {Number(alone?.PerSecond)} | {Ratio(row, alone, false)} |"));
        }
    }

    private static string Ratio(PeerRow row, PeerRow? baseline, bool none) =>
        none || baseline is null || !row.Ok ? "—" : (row.PerSecond / baseline.PerSecond).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Number(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("N0", CultureInfo.InvariantCulture) : "—";

    private static string Bytes(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0.0", CultureInfo.InvariantCulture) : "—";

    private static string Seconds(TimeSpan? value) => value is { } v ? v.TotalSeconds.ToString("0.0 s", CultureInfo.InvariantCulture) : "—";

    private static string Median(IEnumerable<double?> values) => Number(MedianOf(values));

    private static double? MedianOf(IEnumerable<double?> values)
    {
        var list = values.Where(v => v is { } x && double.IsFinite(x)).Select(v => v!.Value).ToList();
        return list.Count == 0 ? null : Measurement.Median(list);
    }

    private static string Median(IEnumerable<double> values) => Median(values.Select(v => (double?)v));

    private static string MedianRatio(List<double> ratios) => ratios.Count == 0 ? "—" : Measurement.Median(ratios).ToString("0.00", CultureInfo.InvariantCulture);
}
