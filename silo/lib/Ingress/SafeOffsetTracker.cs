namespace OrleansStreams.Ingress;

/// <summary>
/// Tracks which received records have been fully handled and yields the partition's safe offset:
/// the lowest offset whose record is not yet handled, or the offset after the last received record
/// when every record is. Records arrive in offset order (with possible gaps, e.g. transaction
/// markers) and complete in any order. Commits never go past the safe offset.
/// </summary>
internal sealed class SafeOffsetTracker
{
    private long[] _offsets;
    private bool[] _done;
    private long _headSequence;
    private long _nextSequence;
    private long _nextOffset;

    /// <param name="startOffset">The first offset expected, or -1 when unknown until the first record arrives.</param>
    /// <param name="initialCapacity">Initial room for outstanding records; grows as needed.</param>
    public SafeOffsetTracker(long startOffset, int initialCapacity = 1024)
    {
        var capacity = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, initialCapacity));
        _offsets = new long[capacity];
        _done = new bool[capacity];
        _nextOffset = startOffset;
    }

    /// <summary>Records received and not yet handled, plus handled ones behind an unhandled one.</summary>
    public int Outstanding => (int)(_nextSequence - _headSequence);

    /// <summary>The offset after the last received record.</summary>
    public long NextOffset => _nextOffset;

    /// <summary>The lowest offset not yet handled (every record below it is handled), or -1 before the first record when the start was unknown.</summary>
    public long SafeOffset => _headSequence == _nextSequence ? _nextOffset : _offsets[Index(_headSequence)];

    /// <summary>Registers the next received record and returns its sequence number.</summary>
    public long Add(long offset)
    {
        if (offset < _nextOffset)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"offsets must increase; next expected is at least {_nextOffset}");
        }

        if (Outstanding == _offsets.Length)
        {
            Grow();
        }

        var sequence = _nextSequence++;
        var i = Index(sequence);
        _offsets[i] = offset;
        _done[i] = false;
        _nextOffset = offset + 1;
        return sequence;
    }

    /// <summary>Marks the record with <paramref name="sequence"/> handled and advances the safe offset.</summary>
    public void Complete(long sequence)
    {
        if (sequence < _headSequence || sequence >= _nextSequence)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, "not an outstanding record");
        }

        _done[Index(sequence)] = true;
        while (_headSequence < _nextSequence && _done[Index(_headSequence)])
        {
            _headSequence++;
        }
    }

    private int Index(long sequence) => (int)(sequence & (_offsets.Length - 1));

    private void Grow()
    {
        var offsets = new long[_offsets.Length * 2];
        var done = new bool[_done.Length * 2];
        for (var s = _headSequence; s < _nextSequence; s++)
        {
            offsets[s & (offsets.Length - 1)] = _offsets[Index(s)];
            done[s & (done.Length - 1)] = _done[Index(s)];
        }

        _offsets = offsets;
        _done = done;
    }
}
