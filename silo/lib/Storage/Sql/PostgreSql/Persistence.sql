-- OrleansStreams grain state on PostgreSQL (9.5 or later), for Microsoft.Orleans.Persistence.AdoNet 10.4.2.
-- Written for this project from the provider's contract (shared/reference/orleans-adonet-contract.md).
--
-- The silo applies this script on every start, inside one transaction that holds an advisory lock,
-- so it must stay idempotent: CREATE ... IF NOT EXISTS for objects, an upsert for catalogue rows.
-- By hand: psql --single-transaction -f Persistence.sql
--
-- Orleans opens no transaction of its own: every query below is ONE statement, atomic by itself.
-- Every query returns at most one row (Orleans takes SingleOrDefault over all rows it reads).

-- The catalogue Orleans reads once at provider start. The lookup is unquoted and unqualified, so
-- the table is created unquoted and lives in the connection's default schema.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey varchar(64) NOT NULL,
    QueryText text NOT NULL,
    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);

-- One row per (service, state name, grain). The hashes are computed by Orleans and can collide, so
-- every query matches the full identity as well.
CREATE TABLE IF NOT EXISTS OrleansStreamsGrainState
(
    GrainIdHash integer NOT NULL,
    GrainIdN0 bigint NOT NULL,
    GrainIdN1 bigint NOT NULL,
    GrainTypeHash integer NOT NULL,
    GrainTypeString text NOT NULL,
    GrainIdExtensionString text NULL,
    ServiceId text NOT NULL,
    PayloadBinary bytea NULL,
    ModifiedOn timestamptz NOT NULL,
    Version integer NOT NULL
);

-- The unique identity: a second first-write of the same grain can never insert a second row.
-- NULL and '' are different extension strings, hence the extra (IS NULL) column. The extension (a
-- string grain's whole key) is indexed by its md5 so that keys of any length fit in a btree entry;
-- the queries still compare the full string, so an md5 collision could only refuse a first write.
-- Checked first: CREATE INDEX IF NOT EXISTS would take a SHARE lock on the table even when the index
-- exists, pausing every silo's writes while a restarting silo re-applies this script.
DO $$
BEGIN
    IF to_regclass('orleansstreamsgrainstate_identity') IS NULL THEN
        CREATE UNIQUE INDEX OrleansStreamsGrainState_Identity ON OrleansStreamsGrainState
        (
            GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, ServiceId, GrainTypeString,
            md5(COALESCE(GrainIdExtensionString, '')), (GrainIdExtensionString IS NULL)
        );
    END IF;
END
$$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', $query$
SELECT PayloadBinary, Version
FROM OrleansStreamsGrainState
WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
LIMIT 1;
$query$),

-- No version: insert version 1 unless a row (even a cleared one) exists. Version N: update only
-- where the stored version is N. Either way one row on success, none on a conflict.
('WriteToStorageKey', $query$
WITH updated AS
(
    UPDATE OrleansStreamsGrainState
    SET PayloadBinary = @PayloadBinary, Version = Version + 1, ModifiedOn = now()
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
      AND Version = @GrainStateVersion
    RETURNING Version
),
inserted AS
(
    INSERT INTO OrleansStreamsGrainState
        (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString,
         ServiceId, PayloadBinary, ModifiedOn, Version)
    SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString,
           @ServiceId, @PayloadBinary, now(), 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING Version
)
SELECT Version AS NewGrainStateVersion FROM updated
UNION ALL
SELECT Version FROM inserted;
$query$),

-- Keeps the row (and its version history) with a NULL payload.
('ClearStorageKey', $query$
UPDATE OrleansStreamsGrainState
SET PayloadBinary = NULL, Version = Version + 1, ModifiedOn = now()
WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
  AND Version = @GrainStateVersion
RETURNING Version AS NewGrainStateVersion;
$query$),

-- Only used with DeleteStateOnClear = true; reports old version + 1 (any value but the old one).
('DeleteStorageKey', $query$
DELETE FROM OrleansStreamsGrainState
WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
  AND Version = @GrainStateVersion
RETURNING Version + 1 AS NewGrainStateVersion;
$query$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText
WHERE OrleansQuery.QueryText IS DISTINCT FROM EXCLUDED.QueryText;
