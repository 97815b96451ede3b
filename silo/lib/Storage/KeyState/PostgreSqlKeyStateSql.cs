namespace OrleansStreams.Storage.KeyState;

/// <summary>The statements of <see cref="PostgreSqlKeyStateStore"/> (tables in <c>Sql/PostgreSql/KeyState.sql</c>).</summary>
internal static class PostgreSqlKeyStateSql
{
    /// <summary>
    /// Increments the partition's generation (the first is 1) and returns it. The update waits for
    /// every write holding the row <c>FOR SHARE</c>, so no write of the old generation commits after it.
    /// </summary>
    public const string BeginGeneration = """
        INSERT INTO orleansstreams_partition AS stored (pipeline, partition, generation) VALUES (@pipeline, @partition, 1)
        ON CONFLICT (pipeline, partition) DO UPDATE SET generation = stored.generation + 1
        RETURNING generation
        """;

    /// <summary>The fence of a write: the partition's generation, locked against a concurrent BeginGeneration until the write ends.</summary>
    public const string Generation =
        "SELECT generation FROM orleansstreams_partition WHERE pipeline = @pipeline AND partition = @partition FOR SHARE";

    /// <summary>Deletes the partition's tombstones older than the checkpoint being written (they are committed).</summary>
    public const string PurgeTombstones = """
        DELETE FROM orleansstreams_keystate
        WHERE pipeline = @pipeline AND partition = @partition AND checkpoint < @checkpoint AND data IS NULL
        """;

    /// <summary>
    /// A chunk of a checkpoint, the rows in key order: inserted when the key has no row; when the row
    /// is the partition's, its current version becomes the previous one (unless it already is this
    /// checkpoint: a retried write replaces it and keeps the version before); a row of another
    /// partition is left alone — not counted as affected, and locked until the transaction ends, so
    /// the owner lookup that follows finds it. The SET expressions all read the row as it was.
    /// </summary>
    public const string Upsert = """
        INSERT INTO orleansstreams_keystate AS stored (pipeline, key, partition, checkpoint, data)
        SELECT @pipeline, r.key, @partition, @checkpoint, r.data
        FROM unnest(@keys::text[], @data::bytea[]) AS r (key, data)
        ON CONFLICT (pipeline, key) DO UPDATE SET
            previous_checkpoint = CASE WHEN stored.checkpoint < excluded.checkpoint THEN stored.checkpoint ELSE stored.previous_checkpoint END,
            previous_data = CASE WHEN stored.checkpoint < excluded.checkpoint THEN stored.data ELSE stored.previous_data END,
            checkpoint = excluded.checkpoint,
            data = excluded.data
        WHERE stored.partition = excluded.partition
        """;

    /// <summary>Of a chunk's keys, those another partition owns.</summary>
    public const string ForeignOwners = """
        SELECT key, partition FROM orleansstreams_keystate
        WHERE pipeline = @pipeline AND key = ANY(@keys) AND partition <> @partition
        """;

    /// <summary>Rollback, first step: keys written after the checkpoint whose previous version it keeps get it back.</summary>
    public const string Revert = """
        UPDATE orleansstreams_keystate
        SET checkpoint = previous_checkpoint, data = previous_data, previous_checkpoint = NULL, previous_data = NULL
        WHERE pipeline = @pipeline AND partition = @partition AND checkpoint > @checkpoint AND previous_checkpoint <= @checkpoint
        """;

    /// <summary>Rollback, second step: keys still newer than the checkpoint had no version at it.</summary>
    public const string DeleteNewer = """
        DELETE FROM orleansstreams_keystate
        WHERE pipeline = @pipeline AND partition = @partition AND checkpoint > @checkpoint
        """;

    /// <summary>The partition's keys that have state.</summary>
    public const string Load = """
        SELECT key, data FROM orleansstreams_keystate
        WHERE pipeline = @pipeline AND partition = @partition AND data IS NOT NULL
        """;

    /// <summary>The owners of keys.</summary>
    public const string Owners =
        "SELECT key, partition FROM orleansstreams_keystate WHERE pipeline = @pipeline AND key = ANY(@keys)";
}
