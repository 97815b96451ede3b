using Confluent.Kafka;
using OrleansStreams.Configuration;

namespace OrleansStreams.Client.Cli;

/// <summary>Runs one command line: picks the command, and turns every expected failure into one line on the error writer and an exit code.</summary>
internal sealed class CliRunner(TextWriter output, TextWriter error, IClusterConnector connector, TimeProvider time)
{
    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await output.WriteLineAsync(Usage.Text);
            return args.Length == 0 ? ExitCodes.UsageOrCluster : ExitCodes.Ok;
        }

        try
        {
            var options = new CommandLine(args[1..]);
            return args[0] switch
            {
                "produce" => await ProduceCommand.RunAsync(options, cancellationToken),
                "verify" => await VerifyCommand.RunAsync(options, cancellationToken),
                "query" => await QueryCommand.RunAsync(options, connector, output, cancellationToken),
                "status" => await StatusCommand.RunAsync(options, connector, output, time, cancellationToken),
                "watch" => await WatchCommand.RunAsync(options, connector, output, error, cancellationToken),
                "pipelines" => await PipelinesCommand.RunAsync(options, connector, output, cancellationToken),
                _ => throw new UsageException($"unknown command '{args[0]}'; try --help"),
            };
        }
        catch (Exception e) when (e is UsageException or InvalidSettingException or ClusterUnreachableException)
        {
            return await FailAsync(e.Message, ExitCodes.UsageOrCluster);
        }
        catch (QueryNotYetException e)
        {
            return await FailAsync($"not yet: {e.Message}", ExitCodes.NotYet);
        }
        catch (Exception e) when (e is PipelineNotFoundException or PipelineNotWindowedException or ResultsNotPublishedException)
        {
            return await FailAsync(e.Message, ExitCodes.NoSuchPipeline);
        }
        catch (ArgumentException e)
        {
            // The SDK's own argument checks; the tool checks most arguments first.
            return await FailAsync(e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal), ExitCodes.UsageOrCluster);
        }
        catch (KafkaException e)
        {
            return await FailAsync($"kafka: {e.Error.Reason}", ExitCodes.Kafka);
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            return await FailAsync($"cluster call failed: {Querying.CallFailures.Describe(e)}", ExitCodes.UsageOrCluster);
        }
    }

    private async Task<int> FailAsync(string message, int exitCode)
    {
        await error.WriteLineAsync(Querying.CallFailures.OneLine(message));
        return exitCode;
    }
}
