using System.Collections.Concurrent;
using OrleansStreams.Keys;
using OrleansStreams.Records;

namespace OrleansStreams.Ingress;

/// <summary>
/// Groups a partition's records per key in offset order and calls each key's grain with a batch,
/// never two calls for one key at once and at most <c>maxInFlight</c> calls in total. Completions
/// are queued for the agent loop, which is the only thread touching this object.
/// </summary>
internal sealed class KeyDispatcher(
    Func<string, IKeyGrain> grainOf,
    Func<KeyState, KeyBatch, ValueTask<ApplyResult>> call,
    Action signal,
    int maxInFlight,
    int maxBatchRecords,
    string? agentSilo = null)
{
    private readonly Dictionary<string, KeyState> _keys = new(StringComparer.Ordinal);
    private readonly Queue<KeyState> _ready = new();
    private readonly ConcurrentQueue<ApplyCompletion> _completions = new();

    /// <summary>Records received and not yet handed to a grain.</summary>
    public int Pending { get; private set; }

    public int InFlight { get; private set; }

    public int KeyCount => _keys.Count;

    public bool HasCompletions => !_completions.IsEmpty;

    public IEnumerable<KeyState> Keys => _keys.Values;

    public void Enqueue(string key, long sequence, in StreamRecord record)
    {
        if (!_keys.TryGetValue(key, out var state))
        {
            state = new KeyState(key, grainOf(key));
            _keys.Add(key, state);
        }

        state.Pending.Add((sequence, record));
        Pending++;
        MarkReady(state);
    }

    /// <summary>Starts calls for ready keys while the in-flight limit allows.</summary>
    public void Dispatch(long generation, long committedEpoch, string pipeline, int partition)
    {
        while (InFlight < maxInFlight && _ready.TryDequeue(out var state))
        {
            state.Queued = false;
            if (state.InFlight is not null || state.Pending.Count == 0)
            {
                continue;
            }

            var count = Math.Min(state.Pending.Count, maxBatchRecords);
            var taken = state.Pending.GetRange(0, count).ToArray();
            state.Pending.RemoveRange(0, count);
            Pending -= count;
            StartCall(state, taken, generation, committedEpoch, pipeline, partition);
        }
    }

    public bool TryTakeCompletion(out ApplyCompletion completion) => _completions.TryDequeue(out completion);

    /// <summary>Ends the key's call: its records are handled; the key becomes ready again when more are waiting.</summary>
    public (long Sequence, StreamRecord Record)[] Finish(KeyState state)
    {
        var batch = state.InFlight ?? throw new InvalidOperationException($"key {state.Key} has no call in flight");
        state.InFlight = null;
        InFlight--;
        if (state.Pending.Count > 0)
        {
            MarkReady(state);
        }

        return batch;
    }

    /// <summary>Removes keys with nothing pending, in flight or unflushed, to keep the agent's memory bounded.</summary>
    public int EvictIdle()
    {
        var evicted = 0;
        foreach (var state in _keys.Values)
        {
            if (state.IsIdle && state.MinUnflushedOffset == long.MaxValue && !state.Queued)
            {
                _keys.Remove(state.Key);
                evicted++;
            }
        }

        return evicted;
    }

    public bool TryGet(string key, out KeyState state) => _keys.TryGetValue(key, out state!);

    private void MarkReady(KeyState state)
    {
        if (!state.Queued && state.InFlight is null)
        {
            state.Queued = true;
            _ready.Enqueue(state);
        }
    }

    private void StartCall(KeyState state, (long Sequence, StreamRecord Record)[] taken, long generation, long committedEpoch, string pipeline, int partition)
    {
        state.InFlight = taken;
        InFlight++;
        var records = new StreamRecord[taken.Length];
        for (var i = 0; i < taken.Length; i++)
        {
            records[i] = taken[i].Record;
        }

        var batch = new KeyBatch
        {
            Pipeline = pipeline,
            Partition = partition,
            Generation = generation,
            CommittedEpoch = committedEpoch,
            PreviousOffset = state.LastAcknowledged,
            Records = records,
            AgentSilo = agentSilo,
        };
        _ = Complete(state, batch);
    }

    private async Task Complete(KeyState state, KeyBatch batch)
    {
        ApplyCompletion completion;
        try
        {
            completion = new ApplyCompletion(state, await call(state, batch), null);
        }
        catch (Exception e)
        {
            completion = new ApplyCompletion(state, default, e);
        }

        _completions.Enqueue(completion);
        signal();
    }
}
