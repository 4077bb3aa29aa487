-- Invitations and whom they are for (ids only), and their codes: only a SHA-256 of each
-- single-use code is kept (the code is 256 random bits). A used or revoked code still finds its
-- invitation, so the answer can say so; resending replaces the hash.
CREATE TABLE invitation (
    invitation_id   UUID PRIMARY KEY,
    organization_id UUID NOT NULL,
    invitee_id      UUID NOT NULL
);

CREATE TABLE invitation_code (
    invitation_id   UUID PRIMARY KEY,
    organization_id UUID        NOT NULL,
    code_hash       BYTEA       NOT NULL UNIQUE,
    expires_at      TIMESTAMPTZ NOT NULL
);

-- The outbox: notifications waiting for a sender. A row holds the recipient and the message (with
-- an invitation code) only until it is sent; erasure deletes the subject's rows.
CREATE TABLE notification_outbox (
    notification_id UUID PRIMARY KEY,
    subject_id      VARCHAR(64) NOT NULL,
    recipient       TEXT        NOT NULL,
    subject         TEXT        NOT NULL,
    body            TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The local sender's mailbox (local run and tests only): what would have been emailed, readable by
-- operators through an endpoint, never logged. Erasure deletes the subject's rows.
CREATE TABLE local_mailbox (
    notification_id UUID PRIMARY KEY,
    subject_id      VARCHAR(64) NOT NULL,
    recipient       TEXT        NOT NULL,
    subject         TEXT        NOT NULL,
    body            TEXT        NOT NULL,
    delivered_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
