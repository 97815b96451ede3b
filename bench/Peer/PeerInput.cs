using System.Globalization;
using System.Text;
using Confluent.Kafka;
using OrleansStreams.Bench.Harness;
using OrleansStreams.Bench.Windowed;
using OrleansStreams.Generation;
using OrleansStreams.Client.Verification;

namespace OrleansStreams.Bench.Peer;

/// <summary>
/// The peer benchmark's input, produced once per run of the benchmark into <see cref="WindowedCountPipeline.InputTopic"/>:
/// the generator's sensor readings (no late and no unreadable records; out of order within grace as the
/// generator's default), then one closing record per partition (key <see cref="ClosingKeyPrefix"/><c>&lt;p&gt;</c>)
/// two minutes of event time after the last reading, so that every window of the readings closes in
/// every system. The expected results are the <see cref="WindowOracle"/>'s final windows of the input as read back.
/// </summary>
internal sealed record PeerInput(long Readings, long[] Ends, IReadOnlyDictionary<string, long> Expected)
{
    public const string ClosingKeyPrefix = "~close-";

    /// <summary>Input records per partition end offset, summed: readings plus the closing records.</summary>
    public long Records => Ends.Sum();

    public static async Task<PeerInput> CreateAsync(string bootstrap, BenchOptions options)
    {
        var partitions = options.Int("partitions");
        var readings = options.Int("records");
        var topic = WindowedCountPipeline.InputTopic;
        await SensorInput.CreateTopicAsync(bootstrap, topic, partitions);
        var generator = new GeneratorOptions { Keys = options.Int("keys"), Skew = options.Double("skew"), LateShare = 0, UnreadableShare = 0 };
        var rate = SensorInput.Produce(bootstrap, topic, readings, generator, options.Duration("event-span"));

        // Every reading's timestamp is at most the clock's time when producing started: two minutes later closes them all.
        var closing = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() + (long)TimeSpan.FromMinutes(2).TotalMilliseconds;
        using (var producer = SensorInput.Producer(bootstrap))
        {
            for (var p = 0; p < partitions; p++)
            {
                await producer.ProduceAsync(new TopicPartition(topic, p), new Message<byte[]?, byte[]>
                {
                    Key = Encoding.UTF8.GetBytes($"{ClosingKeyPrefix}{p}"),
                    Value = "{\"value\": 0}"u8.ToArray(),
                    Timestamp = new Timestamp(closing, TimestampType.CreateTime),
                });
            }
        }

        var ends = SensorInput.EndOffsets(bootstrap, topic, partitions);
        var oracle = new WindowOracle(WindowRule.Demo);
        TopicScan.ForEach(bootstrap, topic, partitions, r => oracle.Add(Record(r)));
        var expected = oracle.FinalWindows().ToDictionary(w => w.Key, w => w.Value.Count, StringComparer.Ordinal);
        var windowed = expected.Values.Sum();
        await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"input: {readings:N0} sensor readings over {generator.Keys:N0} keys (Zipf {generator.Skew}), {options.String("event-span")} of event time, {partitions} partitions ({string.Join(' ', ends)} incl. 1 closing record each); produced at {rate:N0}/s; expected {expected.Count:N0} windows counting {windowed:N0} readings, {oracle.Late} late, {oracle.Unreadable} unreadable"));
        if (oracle.Late != 0 || oracle.Unreadable != 0 || windowed != readings || ends.Sum() != readings + partitions)
        {
            throw new InvalidOperationException("the input is not what the benchmark needs: every reading must count in a closed window");
        }

        return new PeerInput(readings, ends, expected);
    }

    public static TopicRecord Record(ConsumeResult<byte[]?, byte[]?> result) =>
        new(result.Partition.Value, result.Offset.Value, result.Message.Timestamp.UnixTimestampMs, result.Message.Key, result.Message.Value, []);
}
