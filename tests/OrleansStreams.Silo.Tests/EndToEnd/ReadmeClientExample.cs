using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansStreams.Client;
using OrleansStreams.Queries;

namespace OrleansStreams.Silo.Tests.EndToEnd;

/// <summary>
/// README's "Querying window state" examples, kept compiling: the host part is built by a test, the
/// query part runs against real silos in <see cref="QueryEndToEndTests"/> and the live part in
/// <see cref="LiveResultsEndToEndTests"/> (with a writer for the console).
/// </summary>
public static class ReadmeClientExample
{
    public static async Task<WindowQueryResult> QueryAsync(IOrleansStreamsClient client, string key, string other, TextWriter console)
    {
        var sensor = await client.QueryAsync("sensors", key);
        foreach (var window in sensor.Windows)
        {
            console.WriteLine($"{window.Start:HH:mm}-{window.End:HH:mm} final={window.Final} count={window.Result.GetProperty("count")}");
        }

        // Several keys in one round, including records not committed yet, and never older than the first answer.
        var latest = await client.QueryAsync("sensors", [key, other], new WindowQueryOptions
        {
            Consistency = QueryConsistency.Latest,
            AtLeast = new QueryPositions([sensor.Position!]),
            WaitTimeout = TimeSpan.FromSeconds(5),
        });
        return latest;
    }

    /// <summary>The README's live results example: one key's results from now on, and what committed before.</summary>
    public static async Task FollowAsync(IOrleansStreamsClient client, string key, TextWriter console, CancellationToken cancellationToken)
    {
        await using var watch = await client.WatchAsync("sensors", key, cancellationToken);
        var before = await client.QueryAsync("sensors", key, cancellationToken: cancellationToken); // committed before the watch began
        console.WriteLine($"{before.Windows.Count} windows so far");
        await foreach (var result in watch.WithCancellation(cancellationToken))
        {
            console.WriteLine($"{result.Start:HH:mm} final={result.Final} count={result.Result?.GetProperty("count")} epoch={result.Epoch}");
        }
    }

    /// <summary>The README's host part, up to resolving the client (starting it needs a cluster).</summary>
    public static IOrleansStreamsClient BuildClient(string[] args, out IHost host)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.AddOrleansStreamsClient();
        host = builder.Build();
        return host.Services.GetRequiredService<IOrleansStreamsClient>();
    }
}

public sealed class ReadmeClientExampleTests
{
    [Fact]
    public void BuildClient_ReadmeHostPart_ResolvesTheClientFromTheClusterSettings()
    {
        var client = ReadmeClientExample.BuildClient(["--Cluster:Gateways=127.0.0.1:30001,127.0.0.1:30002"], out var host);
        using (host)
        {
            Assert.NotNull(client);
            Assert.Equal("127.0.0.1:30001,127.0.0.1:30002", host.Services.GetRequiredService<IConfiguration>()["Cluster:Gateways"]);
        }
    }
}
