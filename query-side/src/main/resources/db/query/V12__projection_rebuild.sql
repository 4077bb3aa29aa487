-- Projection rebuilds (issue 7): one row per projection, kept by the instance that rebuilds it and
-- read by every instance for the status endpoint. The row is also the lock: a rebuild starts only
-- when no other is RUNNING (or the one running has stopped reporting). No personal data.
CREATE TABLE projection_rebuild (
    projection   TEXT PRIMARY KEY,
    state        TEXT             NOT NULL,
    requested_by UUID             NOT NULL,
    node         TEXT             NOT NULL,
    started_at   TIMESTAMPTZ      NOT NULL,
    updated_at   TIMESTAMPTZ      NOT NULL,
    finished_at  TIMESTAMPTZ,
    position     BIGINT           NOT NULL DEFAULT -1,
    head         BIGINT           NOT NULL DEFAULT -1,
    rate         DOUBLE PRECISION NOT NULL DEFAULT 0,
    error        TEXT
);
