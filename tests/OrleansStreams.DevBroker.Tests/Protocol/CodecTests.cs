using System.Text;
using OrleansStreams.DevBroker.Protocol;

namespace OrleansStreams.DevBroker.Tests.Protocol;

public sealed class CodecTests
{
    [Fact]
    public void Crc32C_CheckValue_MatchesCastagnoli() =>
        Assert.Equal(0xE3069283u, Crc32C.Compute(Encoding.ASCII.GetBytes("123456789")));

    [Fact]
    public void ControlBatch_CommitMarker_MatchesReferenceBytes()
    {
        var marker = new byte[ControlBatch.Size];

        ControlBatch.Write(marker, baseOffset: 5, producerId: 1000, producerEpoch: 0, commit: true, coordinatorEpoch: 0, timestampMs: 1_700_000_000_000);

        Assert.Equal(
            "0000000000000005" + "00000042" + "00000000" + "02" + "a1ac499f" + "0030" + "00000000" + "0000018bcfe56800" + "0000018bcfe56800"
            + "00000000000003e8" + "0000" + "ffffffff" + "00000001" + "2000000008" + "00000001" + "0c" + "0000" + "00000000" + "00",
            Convert.ToHexStringLower(marker));
        Assert.Equal(ErrorCodes.None, RecordBatch.Validate(marker, out var header));
        Assert.True(header.IsControl && header.IsTransactional);
        Assert.True(ControlBatch.ReadIsCommit(marker));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(-1L)]
    [InlineData(300L)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void VarLong_WriteThenRead_RoundTrips(long value)
    {
        using var writer = new KafkaWriter();
        writer.WriteVarLong(value);

        var reader = new KafkaReader(writer.WrittenSpan);

        Assert.Equal(value, reader.ReadVarLong());
        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void FlexibleEncoding_StringsArraysAndTags_RoundTrip()
    {
        using var writer = new KafkaWriter { Flexible = true };
        writer.WriteString("topic");
        writer.WriteString(null);
        writer.WriteArrayLength(2);
        writer.WriteBytes([1, 2, 3]);
        writer.WriteTags();

        var reader = new KafkaReader(writer.WrittenSpan, flexible: true);

        Assert.Equal("topic", reader.ReadString());
        Assert.Null(reader.ReadNullableString());
        Assert.Equal(2, reader.ReadArrayCount());
        Assert.Equal([1, 2, 3], reader.ReadBytes());
        reader.SkipTaggedFields();
        Assert.Equal(0, reader.Remaining);
    }

    [Theory]
    [InlineData(new byte[] { 0x00 })]
    [InlineData(new byte[] { 0x00, 0x05, 0x41 })]
    [InlineData(new byte[] { 0xFF, 0xFE })]
    public void ReadString_TruncatedOrInvalidLength_ThrowsMalformedRequest(byte[] bytes) =>
        Assert.Throws<MalformedRequestException>(() =>
        {
            var reader = new KafkaReader(bytes);
            reader.ReadString();
        });

    [Fact]
    public void RecordBatch_TamperedPayload_ChecksumMismatch()
    {
        var batch = new byte[ControlBatch.Size];
        ControlBatch.Write(batch, 0, 1, 0, commit: false, 0, 0);
        batch[70] ^= 1;

        Assert.Equal(ErrorCodes.CorruptMessage, RecordBatch.Validate(batch, out _));
    }
}
