-- The auditors the operators appointed, for the operator's list (GET /api/auditors). The email is
-- sealed under the auditor's key (ProjectionCipher) and the row is deleted when they are erased.
-- In the separate layout its processor is new, so it starts from the first event (the tail) and
-- fills the table. In the merged one the group joins 'projections', whose tokens are forgotten so
-- that it reads the history again (its other groups apply it again without effect).
CREATE TABLE auditor_view (
    auditor_id        UUID PRIMARY KEY,
    email             TEXT,
    may_reveal        BOOLEAN     NOT NULL,
    appointed_at      TIMESTAMPTZ NOT NULL,
    last_global_index BIGINT      NOT NULL
);
CREATE INDEX auditor_view_appointed_idx ON auditor_view (appointed_at, auditor_id);
DELETE FROM token_entry WHERE processor_name = 'projections';
