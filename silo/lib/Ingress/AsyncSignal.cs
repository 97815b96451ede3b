namespace OrleansStreams.Ingress;

/// <summary>An auto-reset signal that one async loop waits on and any thread sets.</summary>
internal sealed class AsyncSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _set;

    public void Set()
    {
        if (Interlocked.Exchange(ref _set, 1) == 0)
        {
            Volatile.Read(ref _next).TrySetResult();
        }
    }

    /// <summary>A task that completes at the next <see cref="Set"/>, or at once when it was set since the last wait.</summary>
    public Task WaitAsync()
    {
        if (Interlocked.Exchange(ref _set, 0) == 1)
        {
            Volatile.Write(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            return Task.CompletedTask;
        }

        return Volatile.Read(ref _next).Task;
    }
}
