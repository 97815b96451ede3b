namespace OrleansStreams.Generation;

/// <summary>Draws ranks 0..n-1 with probability proportional to 1 / (rank + 1)^skew.</summary>
internal sealed class ZipfSampler
{
    private readonly double[] _cumulative;

    public ZipfSampler(int n, double skew)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(skew);
        _cumulative = new double[n];
        var total = 0.0;
        for (var i = 0; i < n; i++)
        {
            total += 1.0 / Math.Pow(i + 1, skew);
            _cumulative[i] = total;
        }

        for (var i = 0; i < n; i++)
        {
            _cumulative[i] /= total;
        }
    }

    public int Next(Random random)
    {
        var index = Array.BinarySearch(_cumulative, random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, _cumulative.Length - 1);
    }
}
