-- OrleansStreams key state on PostgreSQL (9.5 or later): per-partition checkpoints of windowed state,
-- fenced by generation (silo/Storage/KeyState/PostgreSqlKeyStateStore.cs, contract grains/State/IKeyStateStore.cs).
--
-- The silo applies this script on every start, inside one transaction that holds an advisory lock,
-- so it must stay idempotent: CREATE ... IF NOT EXISTS for tables, indexes only when missing.
-- By hand: psql --single-transaction -f KeyState.sql

-- One row per partition that ever began a generation. Writes take it FOR SHARE and compare the
-- generation; BeginGeneration updates it, so the two never interleave.
CREATE TABLE IF NOT EXISTS orleansstreams_partition
(
    pipeline text COLLATE "C" NOT NULL,
    partition integer NOT NULL,
    generation bigint NOT NULL,
    CONSTRAINT orleansstreams_partition_key PRIMARY KEY (pipeline, partition)
);

-- One row per stored key of a pipeline; the key belongs to the row's partition.
--   checkpoint, data                    the latest version; data NULL = deleted at that checkpoint (a
--                                       tombstone: the key stays owned until the next checkpoint purges it)
--   previous_checkpoint, previous_data  the version before it; previous_checkpoint NULL = none
-- Keys use the "C" collation: byte-wise comparison (case-sensitive, like SQLite's BINARY), and the
-- cheapest for the primary key. A key's btree entry must fit a third of a page: keys up to ~2,600 bytes.
CREATE TABLE IF NOT EXISTS orleansstreams_keystate
(
    pipeline text COLLATE "C" NOT NULL,
    key text COLLATE "C" NOT NULL,
    partition integer NOT NULL,
    checkpoint bigint NOT NULL,
    data bytea NULL,
    previous_checkpoint bigint NULL,
    previous_data bytea NULL,
    CONSTRAINT orleansstreams_keystate_key PRIMARY KEY (pipeline, key)
);

-- Load selects a partition's rows; roll back those newer than a checkpoint (a few: the last one's).
-- Every write purges the partition's tombstones older than it: nearly all its rows are older, so
-- without the partial index the purge would read the whole partition on every checkpoint.
-- Checked first: CREATE INDEX IF NOT EXISTS would take a SHARE lock on the table even when the index
-- exists, pausing every silo's checkpoint writes while a restarting silo re-applies this script.
DO $$
BEGIN
    IF to_regclass('orleansstreams_keystate_partition') IS NULL THEN
        CREATE INDEX orleansstreams_keystate_partition ON orleansstreams_keystate (pipeline, partition, checkpoint);
    END IF;
    IF to_regclass('orleansstreams_keystate_tombstones') IS NULL THEN
        CREATE INDEX orleansstreams_keystate_tombstones ON orleansstreams_keystate (pipeline, partition, checkpoint) WHERE data IS NULL;
    END IF;
END
$$;
