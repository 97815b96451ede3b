using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OrleansStreams.Client.Cli;

/// <summary>
/// <c>watch</c>: follows a pipeline's committed results as they are published, one line per result
/// (or one JSON object per line with <c>--json</c>), until interrupted or <c>--count</c> results.
/// Says on the error writer when the subscriptions are in place: results committed from then on are shown.
/// </summary>
internal static class WatchCommand
{
    public static async Task<int> RunAsync(CommandLine args, IClusterConnector connector, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var pipeline = PipelineArgument.Read(args) ?? throw new UsageException("watch needs --pipeline");
        var key = args.OptionalString("key");
        if (key is { Length: 0 })
        {
            throw new UsageException("--key: a key cannot be empty");
        }

        var count = args.Long("count", 0, 0, long.MaxValue);
        var json = args.Flag("json");
        var cluster = ClusterArguments.Read(args);
        args.RejectUnknown();

        await using var session = await connector.ConnectAsync(cluster, cancellationToken);
        await using var watch = await session.Client.WatchAsync(pipeline, key, cancellationToken);
        await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"watching {pipeline}{(key is null ? string.Empty : $" key {key}")}: {watch.Partitions} partitions subscribed"));
        await error.FlushAsync(cancellationToken);
        var shown = 0L;
        await foreach (var result in watch.WithCancellation(cancellationToken))
        {
            await output.WriteLineAsync(json ? Json(pipeline, result) : Line(result));
            await output.FlushAsync(cancellationToken);
            if (count > 0 && ++shown == count)
            {
                break;
            }
        }

        return ExitCodes.Ok;
    }

    private static string Line(LiveResult result) => string.Create(
        CultureInfo.InvariantCulture,
        $"{result.Key}  {CliFormat.Time(result.Start)}  {CliFormat.Time(result.End)}  {(result.Final ? "final" : "update")}  partition {result.Partition} epoch {result.Epoch} offset {result.Offset}  {(result.Result is { } r ? CliFormat.Compact(r) : "(retracted)")}");

    private static string Json(string pipeline, LiveResult result)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("pipeline", pipeline);
            json.WriteString("key", result.Key);
            json.WriteNumber("start", result.Start.ToUnixTimeMilliseconds());
            json.WriteNumber("end", result.End.ToUnixTimeMilliseconds());
            json.WriteBoolean("final", result.Final);
            json.WriteNumber("partition", result.Partition);
            json.WriteNumber("epoch", result.Epoch);
            json.WriteNumber("offset", result.Offset);
            json.WritePropertyName("result");
            if (result.Result is { } value)
            {
                value.WriteTo(json);
            }
            else
            {
                json.WriteNullValue();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
