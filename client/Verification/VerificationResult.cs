namespace OrleansStreams.Client.Verification;

/// <summary>How the committed output compares with the batch computation over the input.</summary>
/// <param name="Expected">Final windows the input implies.</param>
/// <param name="Actual">Result records in the output (read_committed).</param>
/// <param name="Missing">Expected windows with no result.</param>
/// <param name="Duplicate">Result records beyond the first for the same window.</param>
/// <param name="Wrong">Results with other values than expected, unreadable ones, and results for windows that are not final.</param>
public sealed record VerificationResult(int Expected, int Actual, int Missing, int Duplicate, int Wrong)
{
    /// <summary>Examples of what is wrong: up to a few output keys per problem, with what was expected and found.</summary>
    public IReadOnlyList<string> Examples { get; init; } = [];

    /// <summary>Whether the output is exactly right.</summary>
    public bool Passed => Missing == 0 && Duplicate == 0 && Wrong == 0;

    /// <summary>The one-line summary the CLI prints.</summary>
    /// <returns><c>expected=N actual=M missing=a duplicate=b wrong=c</c>.</returns>
    public override string ToString() => $"expected={Expected} actual={Actual} missing={Missing} duplicate={Duplicate} wrong={Wrong}";
}
