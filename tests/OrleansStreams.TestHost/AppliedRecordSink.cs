using Npgsql;
using NpgsqlTypes;
using OrleansStreams.Records;

namespace OrleansStreams.TestHost;

/// <summary>Appends applied records to the table <c>applied</c> of the test's database.</summary>
internal sealed class AppliedRecordSink(NpgsqlDataSource database)
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS applied (
            id bigserial PRIMARY KEY,
            key text NOT NULL,
            partition int NOT NULL,
            record_offset bigint NOT NULL,
            generation bigint NOT NULL,
            silo text NOT NULL)
        """;

    public async Task WriteAsync(string key, KeyBatch batch, string silo)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var writer = await connection.BeginBinaryImportAsync("COPY applied (key, partition, record_offset, generation, silo) FROM STDIN (FORMAT BINARY)");
        foreach (var record in batch.Records)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(key, NpgsqlDbType.Text);
            await writer.WriteAsync(batch.Partition, NpgsqlDbType.Integer);
            await writer.WriteAsync(record.Offset, NpgsqlDbType.Bigint);
            await writer.WriteAsync(batch.Generation, NpgsqlDbType.Bigint);
            await writer.WriteAsync(silo, NpgsqlDbType.Text);
        }

        await writer.CompleteAsync();
    }
}
