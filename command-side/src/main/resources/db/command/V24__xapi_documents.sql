-- The xAPI document resources (docs/xapi.md#documents): State, Activity Profile and Agent Profile
-- documents, per organization. The content is never in clear: AES-256-GCM under the data key of
-- the agent's subject (State, Agent Profile) or of the organization (Activity Profile), with the
-- document id as associated data. Ids (activity, state, profile, registration) are clear.
CREATE TABLE xapi_document (
    document_id     UUID        PRIMARY KEY,
    organization_id UUID        NOT NULL,
    kind            TEXT        NOT NULL CHECK (kind IN ('state', 'activity-profile', 'agent-profile')),
    -- the agent's data subject; null for an activity profile
    subject_id      UUID,
    -- empty for an agent profile
    activity_id     TEXT        NOT NULL,
    -- a State document's optional registration
    registration    UUID,
    -- the stateId or profileId
    name            TEXT        NOT NULL,
    -- SHA-256 of all of the above: one document per address (the address may be too long to index)
    address_sha256  BYTEA       NOT NULL UNIQUE,
    content_type    TEXT        NOT NULL,
    content         BYTEA       NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);

CREATE INDEX xapi_document_owner ON xapi_document (organization_id, kind, subject_id);
CREATE INDEX xapi_document_subject ON xapi_document (subject_id);
