-- Retention policies (issue 8). retention_policy is each organization's current policy (the
-- events keep its history). retention_member holds what the rules need about each member, kept by
-- the retention-facts processor; member_activity the time of each member's latest statement, kept
-- by ingestion in its own transaction. No personal data: ids and times.
CREATE TABLE retention_policy (
    organization_id         UUID PRIMARY KEY,
    after_deactivation_days INTEGER CHECK (after_deactivation_days BETWEEN 1 AND 3650),
    after_inactivity_days   INTEGER CHECK (after_inactivity_days BETWEEN 1 AND 3650),
    version                 INTEGER     NOT NULL,
    set_by                  UUID        NOT NULL,
    set_at                  TIMESTAMPTZ NOT NULL
);

CREATE TABLE retention_member (
    member_id       UUID PRIMARY KEY,
    organization_id UUID        NOT NULL,
    joined_at       TIMESTAMPTZ NOT NULL,
    deactivated_at  TIMESTAMPTZ
);
CREATE INDEX retention_member_organization_idx ON retention_member (organization_id);

CREATE TABLE member_activity (
    member_id     UUID PRIMARY KEY,
    last_activity TIMESTAMPTZ NOT NULL
);
