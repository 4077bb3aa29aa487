-- The richest definition each organization's statements gave each activity, for the xAPI
-- Activities resource (docs/xapi.md#agents-and-activities). Definitions describe content, not
-- persons: clear. Keyed by the SHA-256 of the activity id (an id may be too long to index).
CREATE TABLE xapi_activity (
    organization_id UUID  NOT NULL,
    activity_sha256 BYTEA NOT NULL,
    activity_id     TEXT  NOT NULL,
    -- compact JSON
    definition      TEXT  NOT NULL,
    PRIMARY KEY (organization_id, activity_sha256)
);
