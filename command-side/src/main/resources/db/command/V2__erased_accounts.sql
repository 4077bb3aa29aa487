-- Accounts whose personal data was erased: no personal data, only what is needed to answer a
-- repeated erasure request idempotently and to let the right organization's administrators see it.
CREATE TABLE erased_account (
    user_id         UUID PRIMARY KEY,
    organization_id UUID,
    erased_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
