-- OrleansStreams key state on SQLite (3.35 or later): per-partition checkpoints of windowed state,
-- fenced by generation (silo/Storage/KeyState/SqliteKeyStateStore.cs, contract grains/State/IKeyStateStore.cs).
--
-- The silo applies this script on every start, inside one BEGIN IMMEDIATE transaction, after
-- switching the file to WAL mode; it must stay idempotent: CREATE ... IF NOT EXISTS only.

-- One row per partition that ever began a generation. A write carrying another generation is fenced.
CREATE TABLE IF NOT EXISTS orleansstreams_partition
(
    pipeline TEXT NOT NULL,
    partition INTEGER NOT NULL,
    generation INTEGER NOT NULL,
    PRIMARY KEY (pipeline, partition)
) WITHOUT ROWID;

-- One row per stored key of a pipeline; the key belongs to the row's partition.
--   checkpoint, data                    the latest version; data NULL = deleted at that checkpoint (a
--                                       tombstone: the key stays owned until the next checkpoint purges it)
--   previous_checkpoint, previous_data  the version before it; previous_checkpoint NULL = none
-- Keys compare with the BINARY collation: case-sensitive, byte by byte.
CREATE TABLE IF NOT EXISTS orleansstreams_keystate
(
    pipeline TEXT NOT NULL,
    key TEXT NOT NULL,
    partition INTEGER NOT NULL,
    checkpoint INTEGER NOT NULL,
    data BLOB NULL,
    previous_checkpoint INTEGER NULL,
    previous_data BLOB NULL,
    PRIMARY KEY (pipeline, key)
);

-- Load selects a partition's rows; roll back those newer than a checkpoint (a few: the last one's).
CREATE INDEX IF NOT EXISTS orleansstreams_keystate_partition ON orleansstreams_keystate (pipeline, partition, checkpoint);

-- Every write purges the partition's tombstones older than it: nearly all its rows are older, so
-- without this partial index the purge would read the whole partition on every checkpoint.
CREATE INDEX IF NOT EXISTS orleansstreams_keystate_tombstones ON orleansstreams_keystate (pipeline, partition, checkpoint) WHERE data IS NULL;
