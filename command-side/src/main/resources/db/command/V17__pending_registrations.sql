-- Self-registrations waiting for their email to be verified. The row id becomes the account's user
-- id. What the person typed (name, email, phone, ...) is kept only encrypted (AES-GCM) under a key
-- derived from the mailed code, so without the mail the row reads as noise; the code itself is kept
-- only as its SHA-256 (it is 256 random bits) and the password only as its hash. A row goes when it
-- is verified or when it expires (a scheduled job deletes expired rows, and the mail sent for them).
CREATE TABLE pending_registration (
    registration_id UUID PRIMARY KEY,
    kind            VARCHAR(32) NOT NULL,
    email_hash      BYTEA       NOT NULL,
    code_hash       BYTEA       NOT NULL UNIQUE,
    details         BYTEA       NOT NULL,
    password_hash   TEXT        NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL
);

CREATE INDEX pending_registration_email ON pending_registration (email_hash);
CREATE INDEX pending_registration_expiry ON pending_registration (expires_at);
