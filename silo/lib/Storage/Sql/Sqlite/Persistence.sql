-- OrleansStreams grain state on SQLite (3.35 or later), for Microsoft.Orleans.Persistence.AdoNet 10.4.2
-- with the Microsoft.Data.Sqlite driver (Orleans invariant "System.Data.SQLite").
-- Written for this project from the provider's contract (shared/reference/orleans-adonet-contract.md).
--
-- The silo applies this script on every start, inside one transaction, after switching the file to
-- WAL mode; it must stay idempotent: CREATE ... IF NOT EXISTS for objects, an upsert for catalogue rows.
--
-- Rules for the query texts, from the lock findings in the contract:
--   * never BEGIN/COMMIT in a query text (a failed batch would leave the transaction open on a pooled
--     connection);
--   * exactly one write statement per operation, returning no rows, and nothing written after it;
--   * the reported version comes from a SELECT that reads no table (parameters and changes() only),
--     so it can never fail on a lock after the write has committed;
--   * at most one row in total; no row means a conflict.
-- The texts are SQL string literals here, so they contain no single quotes.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);

-- One row per (service, state name, grain). The hashes are computed by Orleans and can collide, so
-- every query matches the full identity as well. TEXT compares with the BINARY collation: case-sensitive.
CREATE TABLE IF NOT EXISTS OrleansStreamsGrainState
(
    GrainIdHash INTEGER NOT NULL,
    GrainIdN0 INTEGER NOT NULL,
    GrainIdN1 INTEGER NOT NULL,
    GrainTypeHash INTEGER NOT NULL,
    GrainTypeString TEXT NOT NULL,
    GrainIdExtensionString TEXT NULL,
    ServiceId TEXT NOT NULL,
    PayloadBinary BLOB NULL,
    ModifiedOn TEXT NOT NULL,
    Version INTEGER NOT NULL
);

-- The unique identity: a second first-write of the same grain can never insert a second row.
-- NULL and '' are different extension strings, hence the extra (IS NULL) column.
CREATE UNIQUE INDEX IF NOT EXISTS OrleansStreamsGrainState_Identity ON OrleansStreamsGrainState
(
    GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, ServiceId, GrainTypeString,
    ifnull(GrainIdExtensionString, ''), (GrainIdExtensionString IS NULL)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', '
SELECT PayloadBinary, Version
FROM OrleansStreamsGrainState
WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString IS @GrainIdExtensionString
LIMIT 1;
'),

-- One UPSERT does both paths. No version: the SELECT yields the new row, inserted with version 1
-- unless the identity exists (even cleared); then the update is refused by its WHERE. Version N:
-- the SELECT yields a row only when the identity exists, so it conflicts and the update applies
-- where the stored version is N; a missing row inserts nothing.
('WriteToStorageKey', '
INSERT INTO OrleansStreamsGrainState
    (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString,
     ServiceId, PayloadBinary, ModifiedOn, Version)
SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString,
       @ServiceId, @PayloadBinary, CURRENT_TIMESTAMP, 1
WHERE @GrainStateVersion IS NULL
   OR EXISTS (SELECT 1 FROM OrleansStreamsGrainState
              WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
                AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
                AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
                AND GrainIdExtensionString IS @GrainIdExtensionString)
ON CONFLICT DO UPDATE
SET PayloadBinary = excluded.PayloadBinary, Version = Version + 1, ModifiedOn = excluded.ModifiedOn
WHERE Version = @GrainStateVersion;
SELECT ifnull(@GrainStateVersion, 0) + 1 AS NewGrainStateVersion WHERE changes() = 1;
'),

-- Keeps the row (and its version history) with a NULL payload.
('ClearStorageKey', '
UPDATE OrleansStreamsGrainState
SET PayloadBinary = NULL, Version = Version + 1, ModifiedOn = CURRENT_TIMESTAMP
WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString IS @GrainIdExtensionString
  AND Version = @GrainStateVersion;
SELECT @GrainStateVersion + 1 AS NewGrainStateVersion WHERE changes() = 1;
'),

-- Only used with DeleteStateOnClear = true; reports old version + 1 (any value but the old one).
('DeleteStorageKey', '
DELETE FROM OrleansStreamsGrainState
WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString IS @GrainIdExtensionString
  AND Version = @GrainStateVersion;
SELECT @GrainStateVersion + 1 AS NewGrainStateVersion WHERE changes() = 1;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText
WHERE OrleansQuery.QueryText IS NOT excluded.QueryText;
