-- Issue 8: account cancellation and rights requests. Ids, kinds, states and times only.

-- A cancelled account cannot log in until the user withdraws the cancellation or it is erased.
ALTER TABLE credentials DROP CONSTRAINT credentials_status_check;
ALTER TABLE credentials ADD CONSTRAINT credentials_status_check
    CHECK (status IN ('PENDING', 'ACTIVE', 'REJECTED', 'CANCELLED'));

-- Every rights request with its state, for the subject and their organization's administrators.
-- due_at is the answer deadline (one month); act_at is when the system itself acts (the end of a
-- cancellation's cool-off). handled_by is a user id, or 'system' for the cool-off job.
CREATE TABLE rights_request (
    request_id      UUID PRIMARY KEY,
    subject_id      UUID        NOT NULL,
    organization_id UUID,
    kind            TEXT        NOT NULL,
    state           TEXT        NOT NULL CHECK (state IN ('OPEN', 'WITHDRAWN', 'COMPLETED')),
    requested_at    TIMESTAMPTZ NOT NULL,
    due_at          TIMESTAMPTZ NOT NULL,
    act_at          TIMESTAMPTZ,
    closed_at       TIMESTAMPTZ,
    handled_by      TEXT
);
CREATE UNIQUE INDEX rights_request_one_open_per_kind ON rights_request (subject_id, kind) WHERE state = 'OPEN';
CREATE INDEX rights_request_by_organization ON rights_request (organization_id, requested_at);
CREATE INDEX rights_request_due ON rights_request (act_at) WHERE state = 'OPEN';
