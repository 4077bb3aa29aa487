-- Organizations known to the command side, for the existence check when someone asks to administer
-- one; and the status of each login: an administrator cannot act until an operator approves them.
CREATE TABLE organization (
    organization_id UUID PRIMARY KEY,
    registered_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

ALTER TABLE credentials ADD COLUMN status TEXT NOT NULL DEFAULT 'ACTIVE'
    CHECK (status IN ('PENDING', 'ACTIVE', 'REJECTED'));
