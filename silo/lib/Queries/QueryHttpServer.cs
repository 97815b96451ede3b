using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansStreams.Client.Querying;
using OrleansStreams.Configuration;
using OrleansStreams.Health;

namespace OrleansStreams.Queries;

/// <summary>
/// Serves the client SDK's reads as JSON over HTTP on <c>Query:Listen</c> (ASP.NET Core's Kestrel, a
/// host of its own inside the silo). Started after the silo, so its grains answer from the first request.
/// </summary>
internal sealed class QueryHttpServer(ClaimedEndpoint endpoint, IServiceProvider services, ILogger<QueryHttpServer> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var listen = endpoint.Value;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(ListenEndpoint.AddressOf(listen.Host), listen.Port);
        });
        var app = builder.Build();
        var client = new OrleansStreamsClient(
            new OrleansQueryTransport(services.GetRequiredService<IGrainFactory>()),
            services.GetRequiredService<TimeProvider>(),
            logger);
        var endpoints = new QueryEndpoints(client, logger);
        app.MapGet("/v1/pipelines", endpoints.Pipelines);
        app.MapGet("/v1/pipelines/{pipeline}/status", (Func<HttpContext, string, Task>)endpoints.Status);
        app.MapGet("/v1/pipelines/{pipeline}/keys/{key}/windows", (Func<HttpContext, string, string, Task>)endpoints.Windows);
        HealthEndpoints.Map(app, services.GetRequiredService<HealthCheckService>());
        app.MapFallback(endpoints.NotFound);
        await app.StartAsync(cancellationToken);
        _app = app;
        QueryLog.Listening(logger, $"http://{listen.Host}:{listen.Port}/v1/pipelines");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
