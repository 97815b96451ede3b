namespace OrleansStreams.DevBroker.Log;

/// <summary>
/// The fetches parked on one partition and the partition's change version. Not thread-safe: the
/// partition lock guards it; <see cref="Wake"/> is called after releasing that lock.
/// </summary>
internal sealed class FetchWaiterList
{
    private readonly List<FetchWaiter> _waiters = [];

    /// <summary>Increases whenever the high watermark or last stable offset moves.</summary>
    public long Version { get; private set; }

    /// <summary>Parks <paramref name="waiter"/> unless the partition changed after <paramref name="seenVersion"/>.</summary>
    public bool TryPark(FetchWaiter waiter, long seenVersion)
    {
        if (Version != seenVersion)
        {
            return false;
        }

        _waiters.RemoveAll(w => w.IsSignalled);
        _waiters.Add(waiter);
        return true;
    }

    /// <summary>Records a change and takes the parked fetches to wake.</summary>
    public FetchWaiter[]? Changed()
    {
        Version++;
        if (_waiters.Count == 0)
        {
            return null;
        }

        var wake = _waiters.ToArray();
        _waiters.Clear();
        return wake;
    }

    public static void Wake(FetchWaiter[]? waiters)
    {
        foreach (var waiter in waiters ?? [])
        {
            waiter.Signal();
        }
    }
}
