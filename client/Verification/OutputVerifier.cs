using System.Diagnostics;

namespace OrleansStreams.Client.Verification;

/// <summary>
/// Checks a windowed pipeline's committed output against the independent batch computation over its
/// committed input: computes the expected final windows once, then compares the output until it is
/// complete, cannot become right any more, or <c>wait</c> has passed.
/// </summary>
public static class OutputVerifier
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(2);

    /// <summary>Verifies <paramref name="output"/> against <paramref name="input"/>.</summary>
    /// <param name="bootstrapServers">Kafka bootstrap servers.</param>
    /// <param name="input">The pipeline's input topic.</param>
    /// <param name="output">The pipeline's output topic (read with read_committed).</param>
    /// <param name="rule">The pipeline's window and lateness rules.</param>
    /// <param name="wait">How long to wait for missing windows to appear; zero compares once.</param>
    /// <param name="duplicatesAllowed">At-least-once output: duplicates are counted but neither fail nor end the wait.</param>
    /// <param name="progress">Receives progress lines (reading, waiting).</param>
    /// <param name="cancellationToken">Stops verifying.</param>
    /// <param name="clientProperties">librdkafka properties for its consumers (security settings and the like).</param>
    /// <returns>The last comparison.</returns>
    public static async Task<VerificationResult> VerifyAsync(
        string bootstrapServers,
        string input,
        string output,
        WindowRule rule,
        TimeSpan wait,
        bool duplicatesAllowed = false,
        Action<string>? progress = null,
        CancellationToken cancellationToken = default,
        IReadOnlyDictionary<string, string>? clientProperties = null)
    {
        var oracle = new WindowOracle(rule);
        foreach (var record in TopicReader.ReadAll(bootstrapServers, input, readCommitted: true, cancellationToken, progress: n => progress?.Invoke($"reading {input}: {n:N0} records so far"), clientProperties: clientProperties))
        {
            oracle.Add(record);
        }

        var expected = oracle.FinalWindows();
        progress?.Invoke($"input: {expected.Count:N0} final windows, {oracle.Late:N0} late and {oracle.Unreadable:N0} unreadable records");
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var result = OutputComparer.Compare(expected, TopicReader.ReadAll(bootstrapServers, output, readCommitted: true, cancellationToken, progress: n => progress?.Invoke($"reading {output}: {n:N0} records so far"), clientProperties: clientProperties));
            var complete = result.Missing == 0 && result.Wrong == 0 && (duplicatesAllowed || result.Duplicate == 0);
            var cannotRecover = result.Wrong > 0 || (!duplicatesAllowed && result.Duplicate > 0);
            if (complete || cannotRecover || clock.Elapsed >= wait)
            {
                return result;
            }

            progress?.Invoke($"waiting for the output: {result}");
            await Task.Delay(PollEvery, cancellationToken);
        }
    }
}
