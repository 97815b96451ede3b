using OrleansStreams.DevBroker.Hosting;
using OrleansStreams.DevBroker.Log;
using OrleansStreams.DevBroker.Network;
using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Api;

/// <summary>
/// Fetch v4-11 with long polling: whole stored batches up to the high watermark (read_uncommitted)
/// or the last stable offset (read_committed), the aborted-transaction list for read_committed,
/// per-partition and per-response size limits with KIP-74's "at least one batch". Stored bytes are
/// copied straight from the log file into the response buffer.
/// </summary>
internal sealed class FetchHandler(BrokerContext broker) : IApiHandler
{
    public ApiKey Key => ApiKey.Fetch;

    public short MinVersion => 4;

    public short MaxVersion => 11;

    public short FirstFlexibleVersion => 12;

    public async ValueTask<bool> HandleAsync(RequestContext request, KafkaWriter response, CancellationToken cancellationToken)
    {
        var fetch = Parse(request);
        if (fetch.SessionId != 0)
        {
            WriteSessionError(response, request.ApiVersion);
            return true;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task? timeout = null;
        while (true)
        {
            var (bytes, errors) = PlanAll(fetch);
            if (bytes >= fetch.MinBytes || errors || fetch.MaxWaitMs <= 0 || timeout?.IsCompleted == true)
            {
                break;
            }

            timeout ??= Task.Delay(TimeSpan.FromMilliseconds(fetch.MaxWaitMs), broker.Time, deadline.Token);
            var waiter = new FetchWaiter();
            if (ParkAll(fetch, waiter))
            {
                await Task.WhenAny(waiter.Changed, timeout);
                cancellationToken.ThrowIfCancellationRequested();
            }

            waiter.Signal();
        }

        await deadline.CancelAsync();
        Write(fetch, request.ApiVersion, response);
        return true;
    }

    private static FetchRequest Parse(RequestContext request)
    {
        var reader = request.CreateReader();
        return FetchRequest.Read(ref reader, request.ApiVersion);
    }

    private (long Bytes, bool Errors) PlanAll(FetchRequest fetch)
    {
        long total = 0;
        var errors = false;
        foreach (var (topic, partitions) in fetch.Topics)
        {
            broker.Topics.TryGet(topic, out var t);
            foreach (var p in partitions)
            {
                p.Log = t?.GetPartition(p.Partition);
                var epochError = p.CurrentLeaderEpoch switch
                {
                    -1 or 0 => ErrorCodes.None,
                    > 0 => ErrorCodes.UnknownLeaderEpoch,
                    _ => ErrorCodes.FencedLeaderEpoch,
                };
                if (p.Log is null || epochError != ErrorCodes.None)
                {
                    p.Plan = new FetchPlan(p.Log is null ? ErrorCodes.UnknownTopicOrPartition : epochError, new PartitionOffsets(-1, -1, -1), 0, 0, 0);
                    errors = true;
                    continue;
                }

                var room = (int)Math.Clamp(fetch.MaxBytes - total, 0, p.MaxBytes);
                p.Aborted = fetch.ReadCommitted ? (p.Aborted ?? []) : null;
                p.Aborted?.Clear();
                p.Plan = p.Log.PlanFetch(p.FetchOffset, fetch.ReadCommitted, room, atLeastOneBatch: total == 0, p.Aborted);
                errors |= p.Plan.ErrorCode != ErrorCodes.None;
                total += p.Plan.Length;
            }
        }

        return (total, errors);
    }

    private static bool ParkAll(FetchRequest fetch, FetchWaiter waiter)
    {
        foreach (var (_, partitions) in fetch.Topics)
        {
            foreach (var p in partitions)
            {
                if (p.Log is not null && !p.Log.TryPark(waiter, p.Plan.Version))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static void Write(FetchRequest fetch, short v, KafkaWriter response)
    {
        long bytes = 0;
        foreach (var (_, partitions) in fetch.Topics)
        {
            bytes += partitions.Sum(p => (long)p.Plan.Length + 64);
        }

        response.EnsureCapacity((int)Math.Min(bytes + 64, int.MaxValue / 2));
        response.WriteInt32(0);
        if (v >= 7)
        {
            response.WriteInt16(ErrorCodes.None);
            response.WriteInt32(0);
        }

        response.WriteArrayLength(fetch.Topics.Count);
        foreach (var (topic, partitions) in fetch.Topics)
        {
            response.WriteString(topic);
            response.WriteArrayLength(partitions.Count);
            foreach (var p in partitions)
            {
                WritePartition(p, v, fetch.ReadCommitted, response);
            }
        }
    }

    private static void WritePartition(FetchPartition p, short v, bool readCommitted, KafkaWriter response)
    {
        var plan = p.Plan;
        response.WriteInt32(p.Partition);
        response.WriteInt16(plan.ErrorCode);
        response.WriteInt64(plan.Offsets.HighWatermark);
        response.WriteInt64(plan.Offsets.LastStableOffset);
        if (v >= 5)
        {
            response.WriteInt64(plan.Offsets.LogStartOffset);
        }

        if (!readCommitted)
        {
            response.WriteArrayLength(-1);
        }
        else
        {
            response.WriteArrayLength(p.Aborted?.Count ?? 0);
            foreach (var aborted in p.Aborted ?? [])
            {
                response.WriteInt64(aborted.ProducerId);
                response.WriteInt64(aborted.FirstOffset);
            }
        }

        if (v >= 11)
        {
            response.WriteInt32(-1);
        }

        var recordsAt = response.Length;
        response.WriteInt32(plan.Length);
        if (plan.Length == 0 || p.Log is null)
        {
            return;
        }

        try
        {
            p.Log.ReadStored(response.GetSpan(plan.Length), plan.FilePosition);
            response.Advance(plan.Length);
        }
        catch (Exception e) when (e is ObjectDisposedException or EndOfStreamException)
        {
            // Deleted while fetching: answer no records; the next fetch sees the topic is gone.
            response.Rewind(recordsAt);
            response.WriteInt32(0);
        }
    }

    private static void WriteSessionError(KafkaWriter response, short v)
    {
        response.WriteInt32(0);
        response.WriteInt16(v >= 7 ? ErrorCodes.FetchSessionIdNotFound : ErrorCodes.None);
        response.WriteInt32(0);
        response.WriteArrayLength(0);
    }
}
