-- Crypto-shredding. data_key holds one data key per subject, only ever wrapped by a key-encryption
-- key kept outside the database. data_subject_erasure is the erasure fence: once a subject is in it,
-- no key is ever created for them again. Neither table holds personal data.

CREATE TABLE data_key (
    subject_id  VARCHAR(64) PRIMARY KEY,
    kek_id      VARCHAR(64) NOT NULL,
    wrapped_key BYTEA       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE data_subject_erasure (
    subject_id VARCHAR(64) PRIMARY KEY,
    erased_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
