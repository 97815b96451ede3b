using System.Globalization;

namespace OrleansStreams.Grains.Committer;

/// <summary>
/// The metadata string committed with a partition's input offset: <c>epoch=E;streamTime=T</c>.
/// The committed epoch decides which snapshots are valid; the stream time lets replay stamp the
/// same stream times as the first run.
/// </summary>
internal readonly record struct EpochMetadata(long Epoch, long StreamTime)
{
    public static EpochMetadata None { get; } = new(0, long.MinValue);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"epoch={Epoch};streamTime={StreamTime}");

    /// <summary>Parses committed metadata; anything else (an offset committed by another tool) counts as epoch 0.</summary>
    public static EpochMetadata Parse(string? text)
    {
        long epoch = 0, streamTime = long.MinValue;
        foreach (var part in (text ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', 2);
            if (pair.Length == 2 && long.TryParse(pair[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                switch (pair[0])
                {
                    case "epoch":
                        epoch = value;
                        break;
                    case "streamTime":
                        streamTime = value;
                        break;
                }
            }
        }

        return new EpochMetadata(epoch, streamTime);
    }
}
