using OrleansStreams.Client.Verification;

namespace OrleansStreams.Client.Cli;

/// <summary>
/// <c>verify</c>: recomputes the final windows from the input topic and compares the committed
/// output (read_committed) with them. Prints <c>expected=N actual=M missing=a duplicate=b wrong=c</c>;
/// exits 1 unless missing, duplicate and wrong are all 0.
/// </summary>
internal static class VerifyCommand
{
    public static async Task<int> RunAsync(CommandLine args, CancellationToken cancellationToken)
    {
        var bootstrap = args.String("bootstrap", "127.0.0.1:9092");
        var input = args.String("input", "sensor-readings");
        var output = args.String("output", "sensor-aggregates");
        var rule = new WindowRule
        {
            Size = args.Duration("window", WindowRule.Demo.Size),
            Advance = args.OptionalDuration("advance"),
            Grace = args.Duration("grace", WindowRule.Demo.Grace),
            ValueProperty = args.String("value-property", "value"),
        };
        var wait = args.Duration("wait", TimeSpan.Zero);
        var client = ClientPropertiesArgument.Read(args);
        args.RejectUnknown();

        var result = await OutputVerifier.VerifyAsync(bootstrap, input, output, rule, wait, progress: Console.Error.WriteLine, cancellationToken: cancellationToken, clientProperties: client);
        foreach (var example in result.Examples)
        {
            await Console.Error.WriteLineAsync(example);
        }

        Console.WriteLine(result);
        return result.Passed ? 0 : 1;
    }
}
