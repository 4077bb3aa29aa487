-- The raw data of xAPI statements' attachments, one row per statement and SHA-2. The content is
-- sealed (AES-GCM) under the data key of the statement's actor, so destroying that key on erasure
-- shreds every copy; erasure also deletes the rows (by subject_id).
CREATE TABLE xapi_attachment (
    organization_id UUID  NOT NULL,
    statement_id    UUID  NOT NULL,
    sha2            TEXT  NOT NULL CHECK (sha2 ~ '^[0-9a-f]{64}([0-9a-f]{32}([0-9a-f]{32})?)?$'),
    subject_id      UUID  NOT NULL,
    content         BYTEA NOT NULL,
    PRIMARY KEY (organization_id, statement_id, sha2),
    FOREIGN KEY (organization_id, statement_id) REFERENCES xapi_statement (organization_id, statement_id)
);
CREATE INDEX xapi_attachment_subject_idx ON xapi_attachment (subject_id);
