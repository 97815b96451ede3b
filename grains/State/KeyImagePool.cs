namespace OrleansStreams.Grains.State;

/// <summary>
/// Images whose epoch committed, kept for reuse: with many keys every epoch saves an image of each key
/// it touches, and reusing them keeps that from becoming garbage that lives just long enough to be promoted.
/// </summary>
/// <typeparam name="TAccumulator">The aggregator's accumulator.</typeparam>
internal sealed class KeyImagePool<TAccumulator>
{
    private const int MaxPooled = 1 << 16;
    private readonly Stack<KeyImage<TAccumulator>> _free = new();

    public KeyImage<TAccumulator> Rent() => _free.TryPop(out var image) ? image : new KeyImage<TAccumulator>();

    public void Return(KeyImage<TAccumulator> image)
    {
        if (_free.Count < MaxPooled)
        {
            _free.Push(image);
        }
    }
}
