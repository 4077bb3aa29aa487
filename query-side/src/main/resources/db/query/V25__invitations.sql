-- An organization's invitations as its administrators list them, with their status (SENT, ACCEPTED,
-- REVOKED; a SENT one past expires_at reads as EXPIRED). Never holds an invitation code (no event
-- carries one). The invitee's email is sealed under their key, with a blind index for search;
-- erasure deletes the invitee's rows, and no row is created for an erased subject.
CREATE TABLE invitation_view (
    invitation_id     UUID PRIMARY KEY,
    organization_id   UUID        NOT NULL,
    invitee_id        UUID        NOT NULL,
    email             TEXT        NOT NULL,
    email_index       BYTEA,
    role              TEXT        NOT NULL,
    status            TEXT        NOT NULL,
    invited_at        TIMESTAMPTZ NOT NULL,
    sent_at           TIMESTAMPTZ NOT NULL,
    expires_at        TIMESTAMPTZ NOT NULL,
    answered_at       TIMESTAMPTZ,
    last_global_index BIGINT      NOT NULL
);
CREATE INDEX invitation_view_organization_idx ON invitation_view (organization_id, sent_at, invitation_id);
CREATE INDEX invitation_view_invitee_idx ON invitation_view (invitee_id);
