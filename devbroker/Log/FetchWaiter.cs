namespace OrleansStreams.DevBroker.Log;

/// <summary>
/// A parked fetch: registered on every partition it reads, signalled by the first one whose high
/// watermark or last stable offset moves. Continuations run asynchronously so an append never runs
/// a fetch inline.
/// </summary>
internal sealed class FetchWaiter
{
    private readonly TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Changed => _changed.Task;

    public bool IsSignalled => _changed.Task.IsCompleted;

    public void Signal() => _changed.TrySetResult();
}
