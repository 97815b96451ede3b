using System.Globalization;

namespace OrleansStreams.Grains.Committer;

/// <summary>
/// The metadata string committed with a partition's input offset:
/// <c>epoch=E;streamTime=T[;checkpoint=K;replayFrom=O;replayStreamTime=R]</c>. The committed epoch
/// and the checkpoint decide which state is valid; the stream times let a replay stamp the same
/// stream times as the first run. Windowed pipelines add the checkpoint part: the epoch K whose state
/// checkpoint is the latest committed (0 = none yet), the offset O that a recovery replays the input
/// from to rebuild the state since K, and the stream time R before O.
/// </summary>
internal readonly record struct EpochMetadata(long Epoch, long StreamTime, long Checkpoint = 0, long ReplayFrom = -1, long ReplayStreamTime = long.MinValue)
{
    public static EpochMetadata None { get; } = new(0, long.MinValue);

    /// <summary>Whether the metadata carries the checkpoint part.</summary>
    public bool HasCheckpoint => ReplayFrom >= 0;

    public override string ToString() =>
        HasCheckpoint
            ? string.Create(CultureInfo.InvariantCulture, $"epoch={Epoch};streamTime={StreamTime};checkpoint={Checkpoint};replayFrom={ReplayFrom};replayStreamTime={ReplayStreamTime}")
            : string.Create(CultureInfo.InvariantCulture, $"epoch={Epoch};streamTime={StreamTime}");

    /// <summary>Parses committed metadata; anything else (an offset committed by another tool) counts as epoch 0.</summary>
    public static EpochMetadata Parse(string? text)
    {
        var metadata = None;
        foreach (var part in (text ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', 2);
            if (pair.Length == 2 && long.TryParse(pair[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                metadata = pair[0] switch
                {
                    "epoch" => metadata with { Epoch = value },
                    "streamTime" => metadata with { StreamTime = value },
                    "checkpoint" => metadata with { Checkpoint = value },
                    "replayFrom" => metadata with { ReplayFrom = value },
                    "replayStreamTime" => metadata with { ReplayStreamTime = value },
                    _ => metadata,
                };
            }
        }

        return metadata;
    }
}
