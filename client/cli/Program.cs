using Confluent.Kafka;
using OrleansStreams.Client.Cli;

const string Usage = """
    usage: orleans-streams <command> [--option value ...]

    commands:
      produce   generate sensor readings     --bootstrap --topic --rate --total --keys --skew --event-time-speed
                                             --out-of-order-share --late-share --unreadable-share --seed
      verify    check the committed output   --bootstrap --input --output --window --advance --grace
                against the input            --value-property --wait
    """;

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(Usage);
    return args.Length == 0 ? 2 : 0;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};

try
{
    var options = new CommandLine(args[1..]);
    return args[0] switch
    {
        "produce" => await ProduceCommand.RunAsync(options, cts.Token),
        "verify" => await VerifyCommand.RunAsync(options, cts.Token),
        _ => throw new UsageException($"unknown command '{args[0]}'; try --help"),
    };
}
catch (UsageException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}
catch (KafkaException e)
{
    await Console.Error.WriteLineAsync($"kafka: {e.Error.Reason}");
    return 3;
}
catch (OperationCanceledException)
{
    return 130;
}
