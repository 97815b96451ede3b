using OrleansStreams.DevBroker.State;

namespace OrleansStreams.DevBroker.Transactions;

/// <summary>
/// Hands out producer ids, never the same one twice across restarts: ids come from blocks whose end
/// is written to the journal before the first id of the block is used.
/// </summary>
internal sealed class ProducerIdAllocator(Journal journal, long next)
{
    private const int BlockSize = 1000;
    private readonly Lock _lock = new();
    private long _next = next;
    private long _blockEnd = next;

    /// <summary>Writes the end of the current block, for compaction.</summary>
    public void WriteSnapshot(Journal destination)
    {
        lock (_lock)
        {
            destination.WriteProducerIdBlock(_blockEnd);
        }
    }

    public long Allocate()
    {
        lock (_lock)
        {
            if (_next >= _blockEnd)
            {
                _blockEnd = _next + BlockSize;
                journal.WriteProducerIdBlock(_blockEnd);
            }

            return _next++;
        }
    }
}
