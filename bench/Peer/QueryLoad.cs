using System.Diagnostics;
using System.Globalization;
using System.Net;
using OrleansStreams.Bench.Windowed;

namespace OrleansStreams.Bench.Peer;

/// <summary>
/// Point queries against a running OrleansStreams worker, as an external caller makes them: concurrent
/// callers, each one GET of a random key's committed windows at a time on the silo's HTTP query endpoint.
/// </summary>
internal sealed class QueryLoad : IAsyncDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task<List<double>>> _callers = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _errors;
    private long _notFound;

    private QueryLoad()
    {
    }

    public static QueryLoad Start(int port, int callers, int keys, int seed)
    {
        var load = new QueryLoad();
        for (var i = 0; i < callers; i++)
        {
            var random = new Random(seed + i);
            load._callers.Add(Task.Run(() => load.CallAsync(port, keys, random)));
        }

        return load;
    }

    public async Task<QueryLoadResult> StopAsync()
    {
        await _stop.CancelAsync();
        var latencies = (await Task.WhenAll(_callers)).SelectMany(l => l).Order().ToList();
        return new QueryLoadResult(_callers.Count, latencies.Count, _clock.Elapsed, Percentile(latencies, 0.5), Percentile(latencies, 0.99), latencies.Count == 0 ? 0 : latencies[^1], _errors, _notFound);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _http.Dispose();
        _stop.Dispose();
    }

    private async Task<List<double>> CallAsync(int port, int keys, Random random)
    {
        var latencies = new List<double>();
        while (!_stop.IsCancellationRequested)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"sensor-{random.Next(keys):D5}");
            var url = new Uri($"http://127.0.0.1:{port}/v1/pipelines/{WindowedCountPipeline.Name}/keys/{key}/windows");
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await _http.GetAsync(url, _stop.Token);
                var body = await response.Content.ReadAsStringAsync(_stop.Token);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref _errors);
                }
                else if (body.Contains("\"found\":false", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref _notFound);
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                break;
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref _errors);
            }
        }

        return latencies;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

/// <summary>What a <see cref="QueryLoad"/> measured: latencies in milliseconds, from request to the whole answer read.</summary>
internal sealed record QueryLoadResult(int Callers, long Queries, TimeSpan Elapsed, double P50, double P99, double Max, long Errors, long NotFound)
{
    public double PerSecond => Queries / Elapsed.TotalSeconds;

    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"{Queries:N0} queries by {Callers} callers in {Elapsed.TotalSeconds:0.0} s ({PerSecond:N0}/s), p50 {P50:0.0} ms, p99 {P99:0.0} ms, max {Max:0} ms, {Errors} errors, {NotFound} keys not found");
}
