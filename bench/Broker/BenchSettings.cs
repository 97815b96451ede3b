using System.Globalization;
using Confluent.Kafka;

namespace OrleansStreams.Bench.Broker;

/// <summary>Options of the broker benchmark.</summary>
internal sealed record BenchSettings(int Records, int RecordSize, int Partitions, CompressionType Compression, int Rounds)
{
    public const string Usage = "usage: broker [--records n] [--size bytes] [--partitions n] [--compression none|gzip|snappy|lz4|zstd] [--rounds n]";

    public static BenchSettings? Parse(string[] args)
    {
        var settings = new BenchSettings(1_000_000, 100, 4, CompressionType.Lz4, 3);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            settings = args[i] switch
            {
                "--records" => settings with { Records = int.Parse(value, CultureInfo.InvariantCulture) },
                "--size" => settings with { RecordSize = int.Parse(value, CultureInfo.InvariantCulture) },
                "--partitions" => settings with { Partitions = int.Parse(value, CultureInfo.InvariantCulture) },
                "--compression" => settings with { Compression = Enum.Parse<CompressionType>(value, ignoreCase: true) },
                "--rounds" => settings with { Rounds = int.Parse(value, CultureInfo.InvariantCulture) },
                _ => null,
            };
            if (settings is null)
            {
                return null;
            }
        }

        return args.Length % 2 == 0 ? settings : null;
    }
}
