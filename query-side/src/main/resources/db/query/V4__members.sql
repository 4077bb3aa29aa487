-- Members as their organization's administrators list them. Holds personal data (name, email,
-- phone, nickname, gender, employee id, position, entry date): erasure deletes the row, and no row is
-- created for an erased subject.
CREATE TABLE member_view (
    member_id         UUID PRIMARY KEY,
    organization_id   UUID        NOT NULL,
    name              TEXT        NOT NULL,
    email             TEXT        NOT NULL,
    phone             TEXT,
    department        TEXT,
    role              TEXT        NOT NULL,
    status            TEXT        NOT NULL,
    nickname          TEXT,
    gender            TEXT,
    employee_id       TEXT,
    position          TEXT,
    entry_date        DATE,
    joined_at         TIMESTAMPTZ NOT NULL,
    last_global_index BIGINT      NOT NULL
);
CREATE INDEX member_view_organization_idx ON member_view (organization_id, department, status);
