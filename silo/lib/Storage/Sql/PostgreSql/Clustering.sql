-- OrleansStreams cluster membership on PostgreSQL (9.5 or later), for Microsoft.Orleans.Clustering.AdoNet
-- 10.4.2. Written for this project from the provider's contract (shared/reference/orleans-adonet-contract.md).
--
-- The silo applies this script on every start, inside one transaction that holds an advisory lock,
-- so it must stay idempotent: CREATE ... IF NOT EXISTS for tables, CREATE OR REPLACE for functions,
-- an upsert for catalogue rows. By hand: psql --single-transaction -f Clustering.sql
--
-- Optimistic concurrency: one table-wide Version per deployment (cluster id). Inserting or updating a
-- member checks and increments it all or nothing, in a function whose exception block rolls back the
-- version bump when the member part fails; the function then answers false.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey varchar(64) NOT NULL,
    QueryText text NOT NULL,
    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);

CREATE TABLE IF NOT EXISTS OrleansStreamsMembershipVersion
(
    DeploymentId text NOT NULL,
    Timestamp timestamptz NOT NULL DEFAULT now(),
    Version integer NOT NULL DEFAULT 0,
    CONSTRAINT OrleansStreamsMembershipVersion_Key PRIMARY KEY (DeploymentId)
);

-- Times are timestamptz (Npgsql sends UTC DateTime as timestamptz); their microsecond precision
-- round-trips exactly, which the per-row cleanup relies on (it compares captured values for equality).
CREATE TABLE IF NOT EXISTS OrleansStreamsMembership
(
    DeploymentId text NOT NULL,
    Address varchar(45) NOT NULL,
    Port integer NOT NULL,
    Generation integer NOT NULL,
    SiloName text NOT NULL,
    HostName text NOT NULL,
    Status integer NOT NULL,
    ProxyPort integer NOT NULL,
    SuspectTimes text NULL,
    StartTime timestamptz NOT NULL,
    IAmAliveTime timestamptz NOT NULL,
    CONSTRAINT OrleansStreamsMembership_Key PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT OrleansStreamsMembership_Deployment FOREIGN KEY (DeploymentId)
        REFERENCES OrleansStreamsMembershipVersion (DeploymentId) ON DELETE CASCADE
);

-- True when the version matched and the member row was inserted; false (and nothing changed) when
-- the version is stale or the member exists.
CREATE OR REPLACE FUNCTION orleansstreams_insert_membership(
    p_deployment_id text, p_address text, p_port integer, p_generation integer,
    p_silo_name text, p_host_name text, p_status integer, p_proxy_port integer,
    p_start_time timestamptz, p_i_am_alive_time timestamptz, p_version integer)
RETURNS boolean
LANGUAGE plpgsql
AS $function$
BEGIN
    UPDATE OrleansStreamsMembershipVersion
    SET Version = Version + 1, Timestamp = now()
    WHERE DeploymentId = p_deployment_id AND Version = p_version;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    INSERT INTO OrleansStreamsMembership
        (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort,
         SuspectTimes, StartTime, IAmAliveTime)
    VALUES
        (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status, p_proxy_port,
         NULL, p_start_time, p_i_am_alive_time);
    RETURN true;
EXCEPTION WHEN unique_violation THEN
    RETURN false;
END
$function$;

-- True when the version matched and the member row was updated; false (and nothing changed) when
-- the version is stale or the member is missing.
CREATE OR REPLACE FUNCTION orleansstreams_update_membership(
    p_deployment_id text, p_address text, p_port integer, p_generation integer,
    p_status integer, p_suspect_times text, p_i_am_alive_time timestamptz, p_version integer)
RETURNS boolean
LANGUAGE plpgsql
AS $function$
BEGIN
    UPDATE OrleansStreamsMembershipVersion
    SET Version = Version + 1, Timestamp = now()
    WHERE DeploymentId = p_deployment_id AND Version = p_version;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE OrleansStreamsMembership
    SET Status = p_status, SuspectTimes = p_suspect_times, IAmAliveTime = p_i_am_alive_time
    WHERE DeploymentId = p_deployment_id AND Address = p_address AND Port = p_port AND Generation = p_generation;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'no_data_found';
    END IF;
    RETURN true;
EXCEPTION WHEN no_data_found THEN
    RETURN false;
END
$function$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
-- Exactly one row, one column: true if this call created the version row. Never an error.
('InsertMembershipVersionKey', $query$
WITH inserted AS
(
    INSERT INTO OrleansStreamsMembershipVersion (DeploymentId) VALUES (@DeploymentId)
    ON CONFLICT DO NOTHING
    RETURNING 1
)
SELECT count(*) > 0 AS Created FROM inserted;
$query$),

('InsertMembershipKey', $query$
SELECT orleansstreams_insert_membership(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
    @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version) AS Inserted;
$query$),

('UpdateMembershipKey', $query$
SELECT orleansstreams_update_membership(@DeploymentId, @Address, @Port, @Generation, @Status,
    @SuspectTimes, @IAmAliveTime, @Version) AS Updated;
$query$),

-- Heartbeat: only IAmAliveTime, never the version, never backwards.
('UpdateIAmAlivetimeKey', $query$
UPDATE OrleansStreamsMembership
SET IAmAliveTime = GREATEST(IAmAliveTime, @IAmAliveTime)
WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation;
$query$),

-- Reads: always at least the version row (the outer join yields a row with NULL StartTime when the
-- member or the whole table is empty; Orleans reads that as "no member").
('MembershipReadRowKey', $query$
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
FROM OrleansStreamsMembershipVersion v
LEFT JOIN OrleansStreamsMembership m
  ON m.DeploymentId = v.DeploymentId
 AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
WHERE v.DeploymentId = @DeploymentId;
$query$),

('MembershipReadAllKey', $query$
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
FROM OrleansStreamsMembershipVersion v
LEFT JOIN OrleansStreamsMembership m ON m.DeploymentId = v.DeploymentId
WHERE v.DeploymentId = @DeploymentId;
$query$),

('GatewaysQueryKey', $query$
SELECT Address, ProxyPort, Generation
FROM OrleansStreamsMembership
WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0;
$query$),

-- Removes the deployment: its version row, and its members through the cascading foreign key.
('DeleteMembershipTableEntriesKey', $query$
DELETE FROM OrleansStreamsMembershipVersion WHERE DeploymentId = @DeploymentId;
$query$),

-- Bulk cleanup (used only when the per-row key below is absent): Dead rows whose start and last
-- heartbeat are both before the cut-off and that carry no suspicion.
('CleanupDefunctSiloEntriesKey', $query$
DELETE FROM OrleansStreamsMembership
WHERE DeploymentId = @DeploymentId AND Status = 6
  AND StartTime < @IAmAliveTime AND IAmAliveTime < @IAmAliveTime
  AND (SuspectTimes IS NULL OR SuspectTimes = '');
$query$),

-- Per-row cleanup: Orleans read the row and chose it; delete it only if it is unchanged and still Dead.
('CleanupDefunctSiloEntryKey', $query$
DELETE FROM OrleansStreamsMembership
WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation
  AND Status = 6 AND StartTime = @StartTime AND IAmAliveTime = @IAmAliveTime
  AND SuspectTimes IS NOT DISTINCT FROM @SuspectTimes;
$query$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText
WHERE OrleansQuery.QueryText IS DISTINCT FROM EXCLUDED.QueryText;
