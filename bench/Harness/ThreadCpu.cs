using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansStreams.Bench.Harness;

/// <summary>
/// CPU time of this process by thread group, from Linux's <c>/proc/self/task/*/schedstat</c>
/// (nanoseconds on a CPU) and <c>comm</c> (the thread's name, cut at 15 characters): librdkafka's
/// <c>rdk:*</c> threads, the partition agents' <c>consumer *</c> threads, the .NET thread pool (where
/// Orleans runs grains, messaging and our agent loops), the GC threads. A thread that exits between
/// two snapshots is missing from the difference; <see cref="Difference"/> reports that remainder.
/// </summary>
internal sealed partial class ThreadCpu
{
    private readonly Dictionary<int, (string Name, long Nanoseconds)> _threads;

    private ThreadCpu(Dictionary<int, (string, long)> threads) => _threads = threads;

    /// <summary>Reads every thread of this process; empty where /proc is not available.</summary>
    public static ThreadCpu Snapshot()
    {
        var threads = new Dictionary<int, (string, long)>();
        if (!Directory.Exists("/proc/self/task"))
        {
            return new ThreadCpu(threads);
        }

        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                var onCpu = long.Parse(File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ')[0], CultureInfo.InvariantCulture);
                threads[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] = (name, onCpu);
            }
            catch (IOException)
            {
                // The thread exited while being read.
            }
        }

        return new ThreadCpu(threads);
    }

    /// <summary>CPU seconds per thread group since <paramref name="before"/>, largest first, and the process CPU they do not account for.</summary>
    public IReadOnlyList<(string Group, double Seconds)> Difference(ThreadCpu before, TimeSpan processCpu)
    {
        var groups = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (id, (name, onCpu)) in _threads)
        {
            var start = before._threads.TryGetValue(id, out var b) && b.Name == name ? b.Nanoseconds : 0;
            var group = Group(name);
            groups[group] = groups.GetValueOrDefault(group) + ((onCpu - start) / 1e9);
        }

        var rest = processCpu.TotalSeconds - groups.Values.Sum();
        return [.. groups.Where(g => g.Value >= 0.005).OrderByDescending(g => g.Value).Select(g => (g.Key, g.Value)), ("(exited threads, rounding)", rest)];
    }

    /// <summary>One line: <c>group 1.23 s (45%), …</c> of <paramref name="processCpu"/>.</summary>
    public static string Format(IReadOnlyList<(string Group, double Seconds)> groups, TimeSpan processCpu) =>
        string.Join(", ", groups.Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Group} {g.Seconds:0.00} s ({g.Seconds / processCpu.TotalSeconds:P0})")));

    private static string Group(string name) => name switch
    {
        _ when name.StartsWith("rdk:", StringComparison.Ordinal) => "librdkafka " + TrailingDigits().Replace(name, ""),
        _ when name.StartsWith("consumer ", StringComparison.Ordinal) => "agent consumer threads",
        _ => TrailingDigits().Replace(name, ""),
    };

    [GeneratedRegex(@"[-/:#\d]+$")]
    private static partial Regex TrailingDigits();
}
