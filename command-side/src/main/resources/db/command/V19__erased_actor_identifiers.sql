-- Tombstones of the xAPI identifiers an erased person could be named by (docs/privacy.md), per
-- organization, so that statements naming them are refused (410 subject-erased) instead of being
-- stored under a new subject. No personal data in clear: each identifier is kept only as a keyed
-- hash (HMAC, the email lookup's key, which lives outside the database).
CREATE TABLE erased_actor_identifier (
    organization_id UUID        NOT NULL,
    identifier_hmac BYTEA       NOT NULL,
    -- the keyed hash of the address the identifier derives from: claiming that address again
    -- (sign-up, invitation, import, edit) lifts its tombstones
    email_hmac      BYTEA,
    erased_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, identifier_hmac)
);

CREATE INDEX erased_actor_identifier_email ON erased_actor_identifier (email_hmac);
