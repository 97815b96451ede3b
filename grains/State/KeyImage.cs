using OrleansStreams.Grains.Windows;

namespace OrleansStreams.Grains.State;

/// <summary>
/// A key's windows as they stood at the end of an epoch that has not committed yet, saved before the
/// first record of a later epoch changed them, so committed reads see exactly the committed epochs.
/// Images form a chain, oldest first, of at most a few links: one per epoch still uncommitted. They
/// are reused once their epoch commits (see <see cref="KeyImagePool{TAccumulator}"/>).
/// </summary>
/// <typeparam name="TAccumulator">The aggregator's accumulator (a value, so a copy of the slots is a copy of the state).</typeparam>
internal sealed class KeyImage<TAccumulator>
{
    private WindowSlot<TAccumulator>[] _windows = [];
    private int _count;

    /// <summary>The epoch at whose end the key held <see cref="Windows"/> (and held them since its previous image).</summary>
    public long Epoch { get; private set; }

    public ReadOnlySpan<WindowSlot<TAccumulator>> Windows => _windows.AsSpan(0, _count);

    public KeyImage<TAccumulator>? Next { get; set; }

    public void Set(long epoch, ReadOnlySpan<WindowSlot<TAccumulator>> windows)
    {
        Epoch = epoch;
        Next = null;
        if (_windows.Length < windows.Length)
        {
            _windows = new WindowSlot<TAccumulator>[Math.Max(windows.Length, 2)];
        }

        windows.CopyTo(_windows);
        _count = windows.Length;
    }
}
