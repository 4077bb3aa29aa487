-- Accounts of every kind. Neither table holds an email or a password in clear:
-- the lookup is keyed by HMAC-SHA256 of the normalised email (key outside the database),
-- and credentials hold only a password hash.

CREATE TABLE email_lookup (
    email_hmac BYTEA PRIMARY KEY,
    user_id    UUID  NOT NULL UNIQUE
);

CREATE TABLE credentials (
    user_id         UUID PRIMARY KEY,
    password_hash   TEXT        NOT NULL,
    roles           TEXT[]      NOT NULL,
    organization_id UUID,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
