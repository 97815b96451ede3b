using System.Globalization;
using OrleansStreams.Windows;

namespace OrleansStreams.Bench.Peer;

/// <summary>
/// What one worker process runs: the system, its topics, its consumer group (Streamiz: application id;
/// OrleansStreams: <c>Kafka:GroupId</c>), the emit mode and, for OrleansStreams, the silo settings.
/// Passed on the worker's command line as <c>--name value</c> pairs; <c>--setting</c> may repeat.
/// </summary>
internal sealed record WorkerSpec(string System, string Bootstrap, string Input, string Output, string Group, EmitMode Mode, int Partitions, IReadOnlyList<string> Settings, bool Watched = false)
{
    public string[] ToArgs()
    {
        List<string> args = [System, "--bootstrap", Bootstrap, "--input", Input, "--output", Output, "--group", Group, "--mode", Mode.ToString(), "--partitions", Partitions.ToString(CultureInfo.InvariantCulture), "--watched", Watched ? "true" : "false"];
        foreach (var setting in Settings)
        {
            args.Add("--setting");
            args.Add(setting);
        }

        return [.. args];
    }

    public static WorkerSpec Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var settings = new List<string>();
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            if (args[i] == "--setting")
            {
                settings.Add(args[i + 1]);
            }
            else
            {
                values[args[i].TrimStart('-')] = args[i + 1];
            }
        }

        return new WorkerSpec(
            args[0], values["bootstrap"], values["input"], values["output"], values["group"],
            Enum.Parse<EmitMode>(values["mode"]), int.Parse(values["partitions"], CultureInfo.InvariantCulture), settings, values["watched"] == "true");
    }
}
