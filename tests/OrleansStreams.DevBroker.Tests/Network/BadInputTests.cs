using System.Buffers.Binary;
using Confluent.Kafka;
using OrleansStreams.DevBroker.Protocol;
using OrleansStreams.DevBroker.Tests.Infrastructure;

namespace OrleansStreams.DevBroker.Tests.Network;

public sealed class BadInputTests(ITestOutputHelper output)
{
    public static TheoryData<string, byte[]> BadFrames => new()
    {
        { "garbage", [0, 0, 0, 12, 0x7A, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB] },
        { "oversized length prefix", [0x7F, 0xFF, 0xFF, 0xFF, 1, 2, 3] },
        { "negative length prefix", [0xFF, 0xFF, 0xFF, 0xF0] },
        { "unsupported version", Frame(ApiKey.Produce, 99, []) },
        { "truncated body", Frame(ApiKey.Produce, 8, [0, 0]) },
        { "huge array count", Frame(ApiKey.Metadata, 8, [0x7F, 0xFF, 0xFF, 0xFF]) },
    };

    [Theory]
    [MemberData(nameof(BadFrames))]
    public async Task Connection_BadFrame_ClosedWhileProducerOnOtherConnectionCarriesOn(string what, byte[] frame)
    {
        await using var broker = await TestBroker.StartAsync(output, o => o.MaxRequestBytes = 1 << 20);
        using var producer = broker.CreateProducer(c => c.EnableIdempotence = true);
        await producer.ProduceAsync("steady", new Message<string?, string?> { Value = "warm-up" });
        using var producing = new CancellationTokenSource();
        var steady = Task.Run(async () =>
        {
            var offsets = new List<long>();
            while (!producing.IsCancellationRequested)
            {
                offsets.Add((await producer.ProduceAsync("steady", new Message<string?, string?> { Value = "v" })).Offset.Value);
            }

            return offsets;
        });

        using (var bad = await RawKafkaClient.ConnectAsync(broker.BootstrapServers))
        {
            await bad.SendRawAsync(frame);
            Assert.True(await bad.IsClosedByBrokerAsync(TimeSpan.FromSeconds(10)), $"{what}: connection still open");
        }

        await Task.Delay(200);
        await producing.CancelAsync();
        var offsets = await steady;
        Assert.NotEmpty(offsets);
        Assert.Equal(Enumerable.Range(1, offsets.Count).Select(i => (long)i), offsets);
    }

    [Fact]
    public async Task Connection_RequestAboveMaxRequestBytes_ClosedBeforeBodyIsRead()
    {
        await using var broker = await TestBroker.StartAsync(output, o => o.MaxRequestBytes = 64 * 1024);
        using var bad = await RawKafkaClient.ConnectAsync(broker.BootstrapServers);
        var size = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(size, (64 * 1024) + 1);

        await bad.SendRawAsync(size);

        Assert.True(await bad.IsClosedByBrokerAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task ApiVersions_NewerVersion_AnsweredInV0LayoutWithUnsupportedVersion()
    {
        await using var broker = await TestBroker.StartAsync(output);
        using var raw = await RawKafkaClient.ConnectAsync(broker.BootstrapServers);

        var body = await raw.SendAsync(ApiKey.ApiVersions, 7, false, _ => { });

        var reader = new KafkaReader(body);
        Assert.Equal(ErrorCodes.UnsupportedVersion, reader.ReadInt16());
        var keys = new Dictionary<short, (short, short)>();
        for (var count = reader.ReadArrayCount(); count > 0; count--)
        {
            keys[reader.ReadInt16()] = (reader.ReadInt16(), reader.ReadInt16());
        }

        Assert.Equal((0, 3), keys[(short)ApiKey.ApiVersions]);
        Assert.Equal((3, 8), keys[(short)ApiKey.Produce]);
        Assert.Equal(0, reader.Remaining);
    }

    private static byte[] Frame(ApiKey key, short version, byte[] body)
    {
        using var w = new KafkaWriter();
        var sizeAt = w.ReserveInt32();
        w.WriteInt16((short)key);
        w.WriteInt16(version);
        w.WriteInt32(1);
        w.WriteString("bad");
        w.WriteRaw(body);
        w.PatchInt32(sizeAt, w.Length - 4);
        return w.WrittenSpan.ToArray();
    }
}
