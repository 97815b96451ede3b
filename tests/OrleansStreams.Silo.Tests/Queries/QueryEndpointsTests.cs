using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansStreams.Client;
using OrleansStreams.Queries;

namespace OrleansStreams.Silo.Tests.Queries;

/// <summary>The HTTP handlers' answers for the failures a running cluster rarely shows on demand.</summary>
public sealed class QueryEndpointsTests
{
    [Fact]
    public async Task Windows_PartitionCannotAnswerInTime_Answers503WithRetryAfterAndTheReason()
    {
        var client = new ThrowingClient(new QueryNotYetException("sensors", [new UnavailablePartition(2, PartitionUnavailableReason.NotRunning, "not running")], null, TimeSpan.FromSeconds(10)));

        var (status, headers, body) = await Call(client, c => new QueryEndpoints(client, NullLogger.Instance).Windows(c, "sensors", "sensor-1"));

        Assert.Equal((503, "1"), (status, headers.RetryAfter.ToString()));
        Assert.Equal("pipeline 'sensors' could not answer within 10s: partition 2 not running", body.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Status_UnexpectedFailure_Answers500WithoutTheStackTrace()
    {
        var client = new ThrowingClient(new InvalidOperationException("boom at secret place"));

        var (status, _, body) = await Call(client, c => new QueryEndpoints(client, NullLogger.Instance).Status(c, "sensors"));

        Assert.Equal(500, status);
        Assert.Equal("the request failed (InvalidOperationException); the silo's log has the details", body.RootElement.GetProperty("error").GetString());
    }

    private static async Task<(int Status, IHeaderDictionary Headers, JsonDocument Body)> Call(IOrleansStreamsClient client, Func<HttpContext, Task> handler)
    {
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;
        await handler(context);
        return (context.Response.StatusCode, context.Response.Headers, JsonDocument.Parse(body.ToArray()));
    }

    private sealed class ThrowingClient(Exception error) : IOrleansStreamsClient
    {
        public Task<IReadOnlyList<PipelineInfo>> GetPipelinesAsync(CancellationToken cancellationToken = default) => throw error;

        public Task<KeyWindows> QueryAsync(string pipeline, string key, WindowQueryOptions? options = null, CancellationToken cancellationToken = default) => throw error;

        public Task<WindowQueryResult> QueryAsync(string pipeline, IReadOnlyCollection<string> keys, WindowQueryOptions? options = null, CancellationToken cancellationToken = default) => throw error;

        public Task<IResultWatch> WatchAsync(string pipeline, string? key = null, CancellationToken cancellationToken = default) => throw error;

        public Task<PipelineStatus> GetStatusAsync(string pipeline, CancellationToken cancellationToken = default) => throw error;

        public Task<IReadOnlyList<ClusterSilo>> GetSilosAsync(CancellationToken cancellationToken = default) => throw error;
    }
}
