namespace OrleansStreams.Grains.State;

/// <summary>
/// Objects that carry one epoch's data from a partition state grain to its committer and back, kept
/// for reuse so that a flush of a million keys neither allocates them anew nor leaves them as garbage
/// that lives just long enough to be promoted. Rented by the state grain, returned by the committer
/// once it is done with them, never after a failure (an abandoned call may still be reading one).
/// The most recently returned is rented first, so the same few objects circulate and, once grown to
/// the largest epoch, stop growing.
/// </summary>
/// <typeparam name="T">What is pooled.</typeparam>
/// <param name="kept">Objects kept at most: a silo flushes a few partitions at a time, each with one in flight.</param>
/// <param name="reset">Empties an object before it is kept, so the pool holds no state.</param>
internal sealed class ReusePool<T>(int kept, Action<T> reset)
    where T : class, new()
{
    private readonly Stack<T> _free = new();
    private readonly Lock _lock = new();

    public T Rent()
    {
        lock (_lock)
        {
            if (_free.TryPop(out var item))
            {
                return item;
            }
        }

        return new T();
    }

    /// <summary>Empties <paramref name="item"/> and keeps it, unless enough are kept already.</summary>
    public void Return(T item)
    {
        reset(item);
        lock (_lock)
        {
            if (_free.Count < kept)
            {
                _free.Push(item);
            }
        }
    }
}
