using OrleansStreams.Queries;

namespace OrleansStreams.Client.Querying;

/// <summary>
/// One window query for a batch of keys. Each round asks every partition that may hold a key not yet
/// answered (the partition that held it last time, else all that have not said they do not), all
/// partitions at once; a partition that is not running, replaying, behind the required position or
/// unreachable is asked again after a short backoff, until the wait is over.
/// </summary>
/// <remarks>
/// Awaits use <c>ConfigureAwait(false)</c>: this is library code that applications call from any
/// context, and no continuation here needs the caller's.
/// </remarks>
internal sealed class BatchQuery
{
    /// <summary>The longest one call may take before it counts as failed and is made again.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The least time one call gets, even at the end of the wait (a zero wait still asks once).</summary>
    public static readonly TimeSpan MinAttemptTimeout = TimeSpan.FromSeconds(1);

    private readonly QueryServices _services;
    private readonly string _pipeline;
    private readonly WindowQueryOptions _options;
    private readonly IReadOnlyList<PendingKey> _keys;
    private readonly long _from;
    private readonly long _to;
    private readonly Dictionary<int, QueryPosition> _reflected = [];
    private readonly Dictionary<int, long> _highestSeen = [];
    private readonly SortedDictionary<int, UnavailablePartition> _unavailable = [];
    private string? _problem;
    private int _partitionCount;
    private bool _fellBack;

    public BatchQuery(QueryServices services, string pipeline, IReadOnlyList<PendingKey> keys, WindowQueryOptions options)
    {
        _services = services;
        _pipeline = pipeline;
        _keys = keys;
        _options = options;
        _from = options.From?.ToUnixTimeMilliseconds() ?? long.MinValue;
        _to = options.To?.ToUnixTimeMilliseconds() ?? long.MaxValue;
    }

    /// <exception cref="QueryNotYetException">A partition that may hold a key could not answer within the wait.</exception>
    public async Task<QueryPositions> RunAsync(CancellationToken cancellationToken)
    {
        var time = _services.Time;
        var deadline = time.GetUtcNow() + _options.WaitTimeout;
        var backoff = new RetryBackoff();
        while (true)
        {
            _fellBack = false;
            await AskOnceAsync(deadline, cancellationToken).ConfigureAwait(false);
            if (_keys.All(k => k.Resolved))
            {
                _services.Floors.Raise(_pipeline, _options.Consistency, _reflected.Values);
                return new QueryPositions(_reflected.Values);
            }

            if (_fellBack)
            {
                continue; // nothing to wait for: ask the other partitions at once
            }

            var remaining = deadline - time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                throw new QueryNotYetException(_pipeline, [.. _unavailable.Values], _problem, _options.WaitTimeout);
            }

            var delay = Min(backoff.Next(), remaining);
            QueryLog.Retrying(_services.Logger, _pipeline, Reasons(), delay);
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task AskOnceAsync(DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        _unavailable.Clear();
        _problem = null;
        if (_partitionCount == 0 && _keys.Any(k => k.NeedsPartitionCount))
        {
            var (count, problem) = await _services.PartitionCounts.GetAsync(_pipeline, CallTimeout(deadline), cancellationToken).ConfigureAwait(false);
            _partitionCount = count;
            _problem = problem;
            Settle();
        }

        var asks = new SortedDictionary<int, List<PendingKey>>();
        foreach (var key in _keys.Where(k => !k.Resolved && (_partitionCount > 0 || !k.NeedsPartitionCount)))
        {
            foreach (var partition in key.PartitionsToAsk(_partitionCount))
            {
                if (!asks.TryGetValue(partition, out var keys))
                {
                    asks[partition] = keys = [];
                }

                keys.Add(key);
            }
        }

        var outcomes = await Task.WhenAll(asks.Select(a => AskAsync(a.Key, a.Value, deadline, cancellationToken))).ConfigureAwait(false);
        foreach (var outcome in outcomes)
        {
            Apply(outcome);
        }

        Settle();
    }

    private async Task<PartitionOutcome> AskAsync(int partition, List<PendingKey> keys, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var query = new PartitionQuery
        {
            Keys = [.. keys.Select(k => k.Key)],
            Consistency = _options.Consistency,
            From = _from,
            To = _to,
        };

        Task<PartitionQueryAnswer>? call = null;
        try
        {
            call = _services.Transport.Query(_pipeline, partition, query).AsTask();
            var answer = await call.WaitAsync(CallTimeout(deadline), _services.Time, cancellationToken).ConfigureAwait(false);
            return new PartitionOutcome(partition, keys, answer, null);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return new PartitionOutcome(partition, keys, null, new UnavailablePartition(partition, PartitionUnavailableReason.Unreachable, $"unreachable ({CallFailures.Describe(e)})"));
        }
        finally
        {
            if (call is { IsCompleted: false })
            {
                CallFailures.Forget(call);
            }
        }
    }

    private void Apply(PartitionOutcome outcome)
    {
        var partition = outcome.Partition;
        if ((outcome.Unavailable ?? Check(partition, outcome.Answer!, outcome.Keys.Count)) is { } unavailable)
        {
            _unavailable[partition] = unavailable;
            return;
        }

        var answer = outcome.Answer!;
        var position = new QueryPosition(partition, answer.Generation, answer.Epoch, answer.Offset);

        // A partition asked again in a later round (a fallback) may answer from a later epoch; the keys it
        // did not hold in the earlier round were decided at the earlier offset, so the answer reflects only that.
        if (!_reflected.TryGetValue(partition, out var held) || position.Offset < held.Offset)
        {
            _reflected[partition] = position;
        }

        _highestSeen[partition] = Math.Max(_highestSeen.GetValueOrDefault(partition, long.MinValue), position.Offset);

        for (var i = 0; i < outcome.Keys.Count; i++)
        {
            var key = outcome.Keys[i];
            var stored = answer.Keys[i];
            if (!stored.Found)
            {
                if (key.IsTarget(partition))
                {
                    _services.KeyPartitions.Remove(_pipeline, key.Key, partition);
                    _fellBack = true;
                }

                key.NotIn(partition);
            }
            else if (key.Answer is { Found: true, Partition: { } first })
            {
                QueryLog.FoundTwice(_services.Logger, _pipeline, key.Key, first, partition);
            }
            else
            {
                key.Found(new KeyWindows(key.Key, true, partition, position, WindowStates.From(stored.Windows)));
                _services.KeyPartitions.Set(_pipeline, key.Key, partition);
            }
        }
    }

    /// <summary>Why an answer cannot be used, or <see langword="null"/> when it can.</summary>
    private UnavailablePartition? Check(int partition, PartitionQueryAnswer answer, int keyCount)
    {
        switch (answer.Status)
        {
            case PartitionQueryStatus.NotRunning:
                return new UnavailablePartition(partition, PartitionUnavailableReason.NotRunning, "not running");
            case PartitionQueryStatus.NotYet:
                return new UnavailablePartition(partition, PartitionUnavailableReason.Replaying, "replaying its input");
            case PartitionQueryStatus.Answered when answer.Keys.Length != keyCount:
                throw new InvalidOperationException($"partition {partition} of pipeline '{_pipeline}' answered for {answer.Keys.Length} keys, asked for {keyCount}: the silo and the client disagree on the query contract");
        }

        var required = RequiredOffset(partition);
        return answer.Offset < required
            ? new UnavailablePartition(partition, PartitionUnavailableReason.BelowPosition, FormattableString.Invariant($"at offset {answer.Offset}, below the required {required}"))
            : null;
    }

    /// <summary>The bound the caller gave, the highest position this client returned before, and what this query already saw.</summary>
    private long RequiredOffset(int partition)
    {
        var required = _services.Floors.Get(_pipeline, _options.Consistency, partition);
        if (_options.AtLeast?.TryGetPosition(partition, out var bound) == true)
        {
            required = Math.Max(required, bound.Offset);
        }

        return _highestSeen.TryGetValue(partition, out var seen) ? Math.Max(required, seen) : required;
    }

    private void Settle()
    {
        foreach (var key in _keys)
        {
            key.SettleIfNowhere(_partitionCount);
        }
    }

    private TimeSpan CallTimeout(DateTimeOffset deadline)
    {
        var remaining = deadline - _services.Time.GetUtcNow();
        return remaining < MinAttemptTimeout ? MinAttemptTimeout : Min(remaining, AttemptTimeout);
    }

    private string Reasons() =>
        string.Join("; ", (_problem is null ? [] : new[] { _problem }).Concat(_unavailable.Values.Select(u => u.ToString())));

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
