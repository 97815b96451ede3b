using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using OrleansStreams.DevBroker.Diagnostics;
using OrleansStreams.DevBroker.Groups;
using OrleansStreams.DevBroker.Log;
using OrleansStreams.DevBroker.Protocol;
using OrleansStreams.DevBroker.State;

namespace OrleansStreams.DevBroker.Transactions;

/// <summary>
/// The transaction coordinator: producer ids and epochs (InitProducerId, fencing), the transaction
/// state machine, COMMIT/ABORT markers and transactional offsets, and aborting transactions that
/// outlive their timeout. State changes are journaled before clients see them; markers are written
/// synchronously inside the request, so a Prepare* state only survives a crash, and recovery
/// finishes it (TransactionCoordinator.Recovery.cs). Request operations live in TransactionCoordinator.Operations.cs.
/// </summary>
internal sealed partial class TransactionCoordinator : IDisposable
{
    private readonly ConcurrentDictionary<string, TransactionMetadata> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, TransactionMetadata> _byProducerId = new();
    private readonly Journal _journal;
    private readonly TopicRegistry _topics;
    private readonly GroupCoordinator _groups;
    private readonly TimeProvider _time;
    private readonly DevBrokerOptions _options;
    private readonly ILogger _logger;
    private ProducerIdAllocator _producerIds;
    private ITimer? _timer;

    public TransactionCoordinator(Journal journal, TopicRegistry topics, GroupCoordinator groups, TimeProvider time, DevBrokerOptions options, ILogger logger)
    {
        _journal = journal;
        _topics = topics;
        _groups = groups;
        _time = time;
        _options = options;
        _logger = logger;
        _producerIds = new ProducerIdAllocator(journal, 0);
    }

    public int TransactionalIdCount => _byId.Count;

    private long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    public void Restore(RecoveredState state)
    {
        var next = state.NextProducerId;
        foreach (var record in state.Transactions.Values)
        {
            var metadata = TransactionMetadata.FromRecord(record);
            _byId[record.TransactionalId] = metadata;
            _byProducerId[record.ProducerId] = metadata;
            next = Math.Max(next, record.ProducerId + 1);
        }

        _producerIds = new ProducerIdAllocator(_journal, next);
    }

    public void Start() => _timer = _time.CreateTimer(_ => AbortTimedOutTransactions(), null, _options.TransactionTimeoutCheckInterval, _options.TransactionTimeoutCheckInterval);

    /// <summary>
    /// InitProducerId. Without a transactional id: a fresh producer id, epoch 0. With one: bump the
    /// epoch (fencing older instances), aborting an ongoing transaction first; v3+ requests carrying the
    /// current id/epoch are KIP-360 epoch bumps of a live producer.
    /// </summary>
    public (short Error, long ProducerId, short Epoch) InitProducerId(string? transactionalId, int timeoutMs, long expectedProducerId, short expectedEpoch, short version)
    {
        if (transactionalId is null)
        {
            return (ErrorCodes.None, _producerIds.Allocate(), 0);
        }

        if (transactionalId.Length == 0)
        {
            return (ErrorCodes.InvalidRequest, -1, -1);
        }

        if (timeoutMs <= 0 || timeoutMs > _options.TransactionTimeoutMax.TotalMilliseconds)
        {
            return (ErrorCodes.InvalidTransactionTimeout, -1, -1);
        }

        var fenced = version >= 4 ? ErrorCodes.ProducerFenced : ErrorCodes.InvalidProducerEpoch;
        var metadata = _byId.GetOrAdd(transactionalId, id => new TransactionMetadata(id));
        lock (metadata.Lock)
        {
            if (metadata.ProducerId < 0)
            {
                AssignNewProducerId(metadata);
            }
            else
            {
                if (expectedProducerId >= 0 && expectedProducerId != metadata.ProducerId)
                {
                    return (fenced, -1, -1);
                }

                if (metadata.State == TxnState.Ongoing)
                {
                    FenceAndAbort(metadata);
                }

                if (expectedProducerId < 0 || expectedEpoch == metadata.ProducerEpoch)
                {
                    BumpEpoch(metadata, expectedProducerId >= 0);
                }
                else if (expectedEpoch != metadata.LastProducerEpoch)
                {
                    return (fenced, -1, -1);
                }
            }

            metadata.TimeoutMs = timeoutMs;
            metadata.State = TxnState.Empty;
            metadata.Partitions.Clear();
            metadata.Groups.Clear();
            _journal.WriteTransaction(metadata.ToRecord());
            BrokerLog.LogProducerEpoch(_logger, transactionalId, metadata.ProducerId, metadata.ProducerEpoch);
            return (ErrorCodes.None, metadata.ProducerId, metadata.ProducerEpoch);
        }
    }

    /// <summary>Stops the timer and waits for a running tick to finish.</summary>
    public async ValueTask StopAsync()
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
        }
    }

    public void Dispose() => _timer?.Dispose();

    private void AssignNewProducerId(TransactionMetadata metadata)
    {
        if (metadata.ProducerId >= 0)
        {
            _byProducerId.TryRemove(metadata.ProducerId, out _);
        }

        metadata.ProducerId = _producerIds.Allocate();
        metadata.ProducerEpoch = 0;
        metadata.LastProducerEpoch = -1;
        _byProducerId[metadata.ProducerId] = metadata;
    }

    private void BumpEpoch(TransactionMetadata metadata, bool keepLastEpoch)
    {
        if (metadata.ProducerEpoch >= short.MaxValue - 1)
        {
            AssignNewProducerId(metadata);
            return;
        }

        metadata.LastProducerEpoch = keepLastEpoch ? metadata.ProducerEpoch : (short)-1;
        metadata.ProducerEpoch++;
    }

    /// <summary>Bumps the epoch (so the current producer is fenced) and aborts the ongoing transaction with it.</summary>
    private void FenceAndAbort(TransactionMetadata metadata)
    {
        metadata.ProducerEpoch++;
        metadata.LastProducerEpoch = -1;
        metadata.State = TxnState.PrepareEpochFence;
        Complete(metadata, commit: false, onlyOpen: false);
    }

    /// <summary>Writes the markers, settles the transactional offsets, and completes the transaction.</summary>
    private void Complete(TransactionMetadata metadata, bool commit, bool onlyOpen)
    {
        metadata.State = commit ? TxnState.PrepareCommit : TxnState.PrepareAbort;
        _journal.WriteTransaction(metadata.ToRecord());
        var now = NowMs;
        foreach (var partition in metadata.Partitions)
        {
            if (_topics.GetPartition(partition) is { } log
                && (!onlyOpen || log.OpenTransactions().Any(t => t.ProducerId == metadata.ProducerId)))
            {
                log.AppendMarker(metadata.ProducerId, metadata.ProducerEpoch, commit, now);
            }
        }

        foreach (var group in metadata.Groups)
        {
            _groups.CompleteTransaction(group, metadata.ProducerId, commit);
        }

        metadata.State = commit ? TxnState.CompleteCommit : TxnState.CompleteAbort;
        metadata.Partitions.Clear();
        metadata.Groups.Clear();
        _journal.WriteTransaction(metadata.ToRecord());
    }

    private void AbortTimedOutTransactions()
    {
        try
        {
            var now = NowMs;
            foreach (var metadata in _byId.Values)
            {
                lock (metadata.Lock)
                {
                    if (metadata.State == TxnState.Ongoing && metadata.StartTimestampMs + metadata.TimeoutMs < now)
                    {
                        BrokerLog.LogTransactionTimedOut(_logger, metadata.TransactionalId, metadata.ProducerId, metadata.TimeoutMs);
                        FenceAndAbort(metadata);
                    }
                }
            }
        }
        catch (Exception e)
        {
            BrokerLog.LogBackgroundTaskFailed(_logger, "transaction timeouts", e);
        }
    }
}
