using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OrleansStreams.Client;
using OrleansStreams.Client.Querying;

namespace OrleansStreams.Queries;

/// <summary>
/// The handlers of the HTTP endpoint, each a thin layer over the client SDK: the same reads, as
/// JSON. A bad parameter answers 400 and an unknown pipeline or path 404, each with a JSON error
/// naming the parameter and what is allowed; a partition that cannot answer in time 503; nothing
/// answers with a stack trace.
/// </summary>
internal sealed class QueryEndpoints(IOrleansStreamsClient client, ILogger logger)
{
    private const string ConsistencyAllowed = "committed or latest";
    private const string TimeAllowed = "epoch milliseconds, an integer";

    public Task Pipelines(HttpContext context) => Run(context, async () =>
    {
        var pipelines = await client.GetPipelinesAsync(context.RequestAborted);
        await Write(context, StatusCodes.Status200OK, json => QueryJson.Pipelines(json, pipelines));
    });

    public Task Status(HttpContext context, string pipeline) => Run(context, async () =>
    {
        var status = await client.GetStatusAsync(pipeline, context.RequestAborted);
        var silos = await client.GetSilosAsync(context.RequestAborted);
        await Write(context, StatusCodes.Status200OK, json =>
        {
            json.WriteStartObject();
            QueryJson.StatusProperties(json, status);
            QueryJson.Silos(json, silos);
            json.WriteEndObject();
        });
    });

    public Task Windows(HttpContext context, string pipeline, string key) => Run(context, async () =>
    {
        var query = context.Request.Query;
        var consistency = query["consistency"].ToString();
        QueryConsistency parsed;
        if (consistency.Length == 0 || consistency.Equals("committed", StringComparison.OrdinalIgnoreCase))
        {
            parsed = QueryConsistency.Committed;
        }
        else if (consistency.Equals("latest", StringComparison.OrdinalIgnoreCase))
        {
            parsed = QueryConsistency.Latest;
        }
        else
        {
            await BadParameter(context, "consistency", consistency, ConsistencyAllowed);
            return;
        }

        if (!TryTime(query["from"].ToString(), out var from))
        {
            await BadParameter(context, "from", query["from"].ToString(), TimeAllowed);
            return;
        }

        if (!TryTime(query["to"].ToString(), out var to))
        {
            await BadParameter(context, "to", query["to"].ToString(), TimeAllowed);
            return;
        }

        if (from is { } f && to is { } t && f >= t)
        {
            await BadParameter(context, "to", query["to"].ToString(), $"a time after from ({query["from"]})");
            return;
        }

        var options = new WindowQueryOptions
        {
            Consistency = parsed,
            From = from is { } fromMs ? DateTimeOffset.FromUnixTimeMilliseconds(fromMs) : null,
            To = to is { } toMs ? DateTimeOffset.FromUnixTimeMilliseconds(toMs) : null,
        };

        // Route values keep %2F encoded, so a key with a slash arrives as typed.
        var decoded = key.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        var answer = await client.QueryAsync(pipeline, decoded, options, context.RequestAborted);
        await Write(context, StatusCodes.Status200OK, json =>
        {
            json.WriteStartObject();
            json.WriteString("pipeline", pipeline);
            json.WriteString("consistency", parsed == QueryConsistency.Committed ? "committed" : "latest");
            QueryJson.KeyProperties(json, answer);
            json.WriteEndObject();
        });
    });

    public Task NotFound(HttpContext context) =>
        Write(context, StatusCodes.Status404NotFound, json => Error(
            json, $"no such path: {context.Request.Method} {context.Request.Path}; the endpoint serves GET /v1/pipelines, /v1/pipelines/{{pipeline}}/status and /v1/pipelines/{{pipeline}}/keys/{{key}}/windows"));

    private async Task Run(HttpContext context, Func<Task> handle)
    {
        try
        {
            await handle();
        }
        catch (PipelineNotFoundException e)
        {
            await Write(context, StatusCodes.Status404NotFound, json => Error(json, e.Message, "pipeline", e.Pipeline, "a pipeline the cluster defines (GET /v1/pipelines)"));
        }
        catch (PipelineNotWindowedException e)
        {
            await Write(context, StatusCodes.Status400BadRequest, json => Error(json, e.Message, "pipeline", e.Pipeline, "a windowed pipeline"));
        }
        catch (ArgumentException e)
        {
            await Write(context, StatusCodes.Status400BadRequest, json => Error(json, e.Message, e.ParamName, null, "a non-empty name or key"));
        }
        catch (QueryNotYetException e)
        {
            context.Response.Headers.RetryAfter = "1";
            await Write(context, StatusCodes.Status503ServiceUnavailable, json => Error(json, e.Message));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            QueryLog.RequestFailed(logger, context.Request.Path, e.GetType().Name, e.Message);
            if (!context.Response.HasStarted)
            {
                await Write(context, StatusCodes.Status500InternalServerError, json => Error(json, $"the request failed ({e.GetType().Name}); the silo's log has the details"));
            }
        }
    }

    private static Task BadParameter(HttpContext context, string parameter, string value, string allowed) =>
        Write(context, StatusCodes.Status400BadRequest, json => Error(json, $"invalid parameter {parameter} = '{value}': allowed is {allowed}", parameter, value, allowed));

    /// <summary>An error answer: what went wrong, and for a bad parameter its name, value and what is allowed.</summary>
    private static void Error(Utf8JsonWriter json, string message, string? parameter = null, string? value = null, string? allowed = null)
    {
        json.WriteStartObject();
        json.WriteString("error", message);
        if (parameter is not null)
        {
            json.WriteString("parameter", parameter);
            json.WriteString("value", value);
            json.WriteString("allowed", allowed);
        }

        json.WriteEndObject();
    }

    private static bool TryTime(string text, out long? value)
    {
        value = null;
        if (text.Length == 0)
        {
            return true;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms)
            && ms >= DateTimeOffset.MinValue.ToUnixTimeMilliseconds() && ms <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            value = ms;
            return true;
        }

        return false;
    }

    internal static async Task Write(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            write(json);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }
}
