namespace OrleansStreams.Grains.Kafka;

/// <summary>
/// Runs a blocking Kafka client call on a thread of its own — never on a grain's scheduler or a
/// thread-pool worker — and stops waiting for it at a deadline. librdkafka can block past its own
/// timeouts (<c>rd_kafka_send_offsets_to_transaction</c> waits forever while the group coordinator
/// is unreachable, librdkafka issue 5456), and a committer must not hang with it.
/// </summary>
internal static class BlockingKafkaCall
{
    public static Task RunAsync(Action call, TimeSpan deadline, string what, TimeProvider time) =>
        RunAsync(() =>
        {
            call();
            return true;
        }, deadline, what, time);

    /// <summary>Runs <paramref name="call"/>; throws <see cref="KafkaCallStuckException"/> when it has not returned after <paramref name="deadline"/> by <paramref name="time"/>.</summary>
    public static async Task<T> RunAsync<T>(Func<T> call, TimeSpan deadline, string what, TimeProvider time)
    {
        var task = Task.Factory.StartNew(call, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            return await task.WaitAsync(deadline, time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new KafkaCallStuckException(what, deadline, task);
        }
    }
}

/// <summary>A Kafka client call that did not return by its deadline; the client that made it must be abandoned.</summary>
internal sealed class KafkaCallStuckException(string what, TimeSpan deadline, Task stuck)
    : TimeoutException($"the Kafka client did not return from {what} within {deadline.TotalSeconds:0} s")
{
    /// <summary>The call still running; dispose its client only once it has returned.</summary>
    public Task Stuck { get; } = stuck;
}
