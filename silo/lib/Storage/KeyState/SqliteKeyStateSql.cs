namespace OrleansStreams.Storage.KeyState;

/// <summary>The statements of <see cref="SqliteKeyStateStore"/> (tables in <c>Sql/Sqlite/KeyState.sql</c>).</summary>
internal static class SqliteKeyStateSql
{
    /// <summary>Increments the partition's generation (the first is 1) and returns it.</summary>
    public const string BeginGeneration = """
        INSERT INTO orleansstreams_partition (pipeline, partition, generation) VALUES ($pipeline, $partition, 1)
        ON CONFLICT (pipeline, partition) DO UPDATE SET generation = generation + 1
        RETURNING generation
        """;

    /// <summary>The partition's generation; no row when none was begun.</summary>
    public const string Generation =
        "SELECT generation FROM orleansstreams_partition WHERE pipeline = $pipeline AND partition = $partition";

    /// <summary>Deletes the partition's tombstones older than the checkpoint being written (they are committed).</summary>
    public const string PurgeTombstones = """
        DELETE FROM orleansstreams_keystate
        WHERE pipeline = $pipeline AND partition = $partition AND checkpoint < $checkpoint AND data IS NULL
        """;

    /// <summary>
    /// One row of a checkpoint: inserted when the key has no row; when the row is the partition's,
    /// its current version becomes the previous one (unless it already is this checkpoint: a retried
    /// write replaces it and keeps the version before); a row of another partition is left alone and
    /// the statement changes nothing. The SET expressions all read the row as it was.
    /// </summary>
    public const string Upsert = """
        INSERT INTO orleansstreams_keystate (pipeline, key, partition, checkpoint, data)
        VALUES ($pipeline, $key, $partition, $checkpoint, $data)
        ON CONFLICT (pipeline, key) DO UPDATE SET
            previous_checkpoint = iif(checkpoint < excluded.checkpoint, checkpoint, previous_checkpoint),
            previous_data = iif(checkpoint < excluded.checkpoint, data, previous_data),
            checkpoint = excluded.checkpoint,
            data = excluded.data
        WHERE partition = excluded.partition
        """;

    /// <summary>The partition owning a key.</summary>
    public const string Owner =
        "SELECT partition FROM orleansstreams_keystate WHERE pipeline = $pipeline AND key = $key";

    /// <summary>Rollback, first step: keys written after the checkpoint whose previous version it keeps get it back.</summary>
    public const string Revert = """
        UPDATE orleansstreams_keystate
        SET checkpoint = previous_checkpoint, data = previous_data, previous_checkpoint = NULL, previous_data = NULL
        WHERE pipeline = $pipeline AND partition = $partition AND checkpoint > $checkpoint AND previous_checkpoint <= $checkpoint
        """;

    /// <summary>Rollback, second step: keys still newer than the checkpoint had no version at it.</summary>
    public const string DeleteNewer = """
        DELETE FROM orleansstreams_keystate
        WHERE pipeline = $pipeline AND partition = $partition AND checkpoint > $checkpoint
        """;

    /// <summary>The partition's keys that have state.</summary>
    public const string Load = """
        SELECT key, data FROM orleansstreams_keystate
        WHERE pipeline = $pipeline AND partition = $partition AND data IS NOT NULL
        """;

    /// <summary>The owners of <paramref name="count"/> keys, bound as <c>$k0</c> … <c>$k{count-1}</c>.</summary>
    public static string Owners(int count) =>
        "SELECT key, partition FROM orleansstreams_keystate WHERE pipeline = $pipeline AND key IN ("
        + string.Join(", ", Enumerable.Range(0, count).Select(i => $"$k{i}")) + ")";
}
