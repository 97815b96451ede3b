namespace OrleansStreams.DevBroker.Log;

/// <summary>
/// What a partition remembers about one producer id: its epoch, the last five batches it appended
/// (for duplicate detection) and the first offset of its open transaction, if any.
/// </summary>
internal sealed class ProducerEntry
{
    public const int RetainedBatches = 5;

    private readonly (int FirstSeq, int LastSeq, long FirstOffset, long LastOffset)[] _batches = new (int, int, long, long)[RetainedBatches];
    private int _count;
    private int _next;

    public short Epoch { get; private set; } = -1;

    /// <summary>First offset of the open transaction on this partition; -1 when none is open.</summary>
    public long CurrentTxnFirstOffset { get; set; } = -1;

    /// <summary>Last sequence appended in the current epoch; -1 when nothing has been appended in it.</summary>
    public int LastSequence => _count == 0 ? -1 : _batches[(_next + RetainedBatches - 1) % RetainedBatches].LastSeq;

    public void SetEpoch(short epoch)
    {
        if (epoch != Epoch)
        {
            Epoch = epoch;
            _count = 0;
            _next = 0;
        }
    }

    public void AddBatch(int firstSeq, int lastSeq, long firstOffset, long lastOffset)
    {
        _batches[_next] = (firstSeq, lastSeq, firstOffset, lastOffset);
        _next = (_next + 1) % RetainedBatches;
        _count = Math.Min(_count + 1, RetainedBatches);
    }

    public bool TryFindDuplicate(int firstSeq, int lastSeq, out long firstOffset)
    {
        for (var i = 0; i < _count; i++)
        {
            var b = _batches[i];
            if (b.FirstSeq == firstSeq && b.LastSeq == lastSeq)
            {
                firstOffset = b.FirstOffset;
                return true;
            }
        }

        firstOffset = -1;
        return false;
    }
}
