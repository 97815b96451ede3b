namespace OrleansStreams.Client.Querying;

/// <summary>Cluster call failures in a few words, for messages that must stay on one line.</summary>
internal static class CallFailures
{
    public static string Describe(Exception exception) => exception switch
    {
        TimeoutException => "no answer in time",
        _ => $"{exception.GetType().Name}: {OneLine(exception.Message)}",
    };

    public static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>Observes the failure of a call that was given up on, so it is not reported as unobserved.</summary>
    public static void Forget(Task task) =>
        task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
