using OrleansStreams.Queries;
using OrleansStreams.Text;

namespace OrleansStreams.Client.Cli;

/// <summary>What <c>query</c> was asked for.</summary>
internal sealed record QueryRequest(string Pipeline, IReadOnlyList<string> Keys, WindowQueryOptions Options, bool Json)
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromHours(1);

    public static QueryRequest Read(CommandLine args)
    {
        var pipeline = PipelineArgument.Read(args) ?? throw new UsageException("query needs --pipeline");
        var keys = args.Strings("key");
        if (keys.Count == 0)
        {
            throw new UsageException("query needs at least one --key");
        }

        if (keys.Any(k => k.Length == 0))
        {
            throw new UsageException("--key: a key cannot be empty");
        }

        var consistency = args.Choice("consistency", "committed", "committed", "latest");
        var from = args.Time("from");
        var to = args.Time("to");
        if (from >= to)
        {
            throw new UsageException("--from must be before --to");
        }

        var wait = args.Duration("wait", WindowQueryOptions.DefaultWaitTimeout);
        if (wait > MaxWait)
        {
            throw new UsageException($"--wait '{Durations.Format(wait)}': expected at most 1h");
        }

        var options = new WindowQueryOptions
        {
            Consistency = consistency == "latest" ? QueryConsistency.Latest : QueryConsistency.Committed,
            From = from,
            To = to,
            WaitTimeout = wait,
        };
        return new QueryRequest(pipeline, keys, options, args.Flag("json"));
    }
}
