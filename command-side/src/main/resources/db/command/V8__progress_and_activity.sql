-- What progress needs to know of a course's lessons: their kind, whether completion needs them, and
-- an exam's passing score. Written with every draft; only published courses see progress.
CREATE TABLE course_lesson (
    course_id     UUID    NOT NULL,
    lesson_id     UUID    NOT NULL,
    kind          TEXT    NOT NULL,
    required      BOOLEAN NOT NULL,
    passing_score INTEGER,
    PRIMARY KEY (course_id, lesson_id)
);

-- Per-organization xAPI ingestion credentials (HTTP Basic). Only a SHA-256 of the secret is kept:
-- secrets are 256 random bits, so a slow password hash would add cost and no safety.
CREATE TABLE xapi_credential (
    credential_key         TEXT PRIMARY KEY,
    organization_id        UUID        NOT NULL,
    label                  TEXT        NOT NULL,
    secret_sha256          BYTEA       NOT NULL,
    refuses_unknown_actors BOOLEAN     NOT NULL,
    issued_by              UUID        NOT NULL,
    issued_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at             TIMESTAMPTZ
);
CREATE INDEX xapi_credential_organization_idx ON xapi_credential (organization_id);

-- Statement ids already taken, per organization, to tell a replay (same content: no-op) from a
-- conflict (different content: 409). The content hash is a fingerprint of personal data: erasure
-- clears it, and the id stays taken.
CREATE TABLE xapi_statement (
    organization_id UUID NOT NULL,
    statement_id    UUID NOT NULL,
    subject_id      UUID NOT NULL,
    content_sha256  BYTEA,
    PRIMARY KEY (organization_id, statement_id)
);
CREATE INDEX xapi_statement_subject_idx ON xapi_statement (subject_id);
