using OrleansStreams.Pipelines;

namespace OrleansStreams.Client.Cli;

/// <summary>The <c>--pipeline</c> option, checked as the silos check pipeline names.</summary>
internal static class PipelineArgument
{
    public static string? Read(CommandLine args)
    {
        var name = args.OptionalString("pipeline");
        return name is null || PipelineNames.IsValid(name)
            ? name
            : throw new UsageException($"--pipeline '{name}': expected 1-249 letters, digits, '.', '_' or '-'");
    }
}
