using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansStreams.TestKit;

/// <summary>
/// A real Prometheus (the Debian package's <c>/usr/bin/prometheus</c>) with its own configuration,
/// data directory and free port, scraping the given targets every second. Missing, it fails the
/// test with how to install it; it is never skipped.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    public const string Binary = "/usr/bin/prometheus";
    private readonly Process _process;
    private readonly string _directory;
    private readonly HttpClient _http;

    private PrometheusServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Output { get; private set; } = string.Empty;

    /// <summary>Starts Prometheus scraping <paramref name="targets"/> (<c>host:port</c>, path /metrics) as job <paramref name="job"/>.</summary>
    public static async Task<PrometheusServer> StartAsync(IReadOnlyList<string> targets, string job = "orleans-streams")
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException(
                $"Prometheus is required by this test and {Binary} does not exist: install it with `apt-get install -y prometheus` (Debian/Ubuntu), or run `bash .ci/run`, which installs it.");
        }

        var directory = Directory.CreateTempSubdirectory("orleansstreams-prometheus-").FullName;
        var config = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: {job}
                metrics_path: /metrics
                static_configs:
                  - targets: [{string.Join(", ", targets.Select(t => $"'{t}'"))}]
            """);
        var port = FreePorts.Next();
        var info = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var arg in (string[])[$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory, "data")}", $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn"])
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        var server = new PrometheusServer(process, directory, port);
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var ready = await server._http.GetAsync("-/ready");
                if (ready.IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                lock (output)
                {
                    server.Output = output.ToString();
                }

                await server.DisposeAsync();
                throw new InvalidOperationException($"Prometheus did not become ready on port {port}:\n{server.Output}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Evaluates <paramref name="promQl"/> now through <c>/api/v1/query</c>; throws with Prometheus' error when it does not parse.</summary>
    /// <returns>The result's type and its elements (vector samples or series).</returns>
    public async Task<(string ResultType, JsonElement[] Result)> QueryAsync(string promQl)
    {
        using var response = await _http.PostAsync("api/v1/query", new FormUrlEncodedContent([new("query", promQl)]));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (body.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"Prometheus refused `{promQl}`: {body.GetProperty("errorType").GetString()}: {body.GetProperty("error").GetString()}");
        }

        var data = body.GetProperty("data");
        var type = data.GetProperty("resultType").GetString()!;
        var result = data.GetProperty("result");
        return (type, type is "vector" or "matrix" ? [.. result.EnumerateArray()] : [result]);
    }

    /// <summary>The values of <paramref name="label"/> on series matching <paramref name="selector"/> (what Grafana's <c>label_values</c> asks).</summary>
    public async Task<string[]> LabelValuesAsync(string label, string selector)
    {
        var body = await _http.GetFromJsonAsync<JsonElement>($"api/v1/label/{Uri.EscapeDataString(label)}/values?match[]={Uri.EscapeDataString(selector)}");
        return [.. body.GetProperty("data").EnumerateArray().Select(v => v.GetString()!)];
    }

    /// <summary>The health of every scrape target, for failure messages.</summary>
    public async Task<string> TargetsAsync() => await _http.GetStringAsync("api/v1/targets?state=active");

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        _http.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
