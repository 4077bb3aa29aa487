-- The address each organization has for each of its members, as the same keyed hash as the email
-- lookup. Imports, administrators' edits, invitations and xAPI mbox agents match members by it,
-- never by the lookup of logins, so nothing an administrator sees depends on whether an address
-- belongs to an account elsewhere. Unique within an organization only; deleted at erasure.
-- Members so far are found at the address their email lookup row holds.
CREATE TABLE member_address (
    member_id       UUID PRIMARY KEY,
    organization_id UUID  NOT NULL,
    email_hmac      BYTEA NOT NULL,
    UNIQUE (organization_id, email_hmac)
);

INSERT INTO member_address (member_id, organization_id, email_hmac)
SELECT d.member_id, d.organization_id, l.email_hmac
  FROM member_directory d JOIN email_lookup l ON l.user_id = d.member_id;
