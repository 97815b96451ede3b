using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansStreams.Queries;

namespace OrleansStreams.Health;

/// <summary>
/// <c>GET /health/live</c> and <c>GET /health/ready</c> on the query endpoint: 200 when every check of
/// the probe is healthy, else 503, with each check's status and reason as JSON. Never cached.
/// </summary>
internal static class HealthEndpoints
{
    /// <summary>Tag of the checks <c>/health/live</c> runs: the process serves requests and is not stopping.</summary>
    public const string Live = "live";

    /// <summary>Tag of the checks <c>/health/ready</c> runs: silo active, storage and Kafka reachable, no partition stuck recovering.</summary>
    public const string Ready = "ready";

    public static void Map(IEndpointRouteBuilder app, HealthCheckService health)
    {
        app.MapGet("/health/live", context => Answer(context, health, Live));
        app.MapGet("/health/ready", context => Answer(context, health, Ready));
    }

    private static async Task Answer(HttpContext context, HealthCheckService health, string tag)
    {
        var report = await health.CheckHealthAsync(r => r.Tags.Contains(tag), context.RequestAborted);
        context.Response.Headers.CacheControl = "no-store";
        await QueryEndpoints.Write(context, report.Status == HealthStatus.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, json =>
        {
            json.WriteStartObject();
            json.WriteString("status", report.Status.ToString());
            json.WriteStartArray("checks");
            foreach (var (name, entry) in report.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("name", name);
                json.WriteString("status", entry.Status.ToString());
                json.WriteString("description", entry.Description);
                json.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 1));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }
}
