-- Organizations and their administrators, as their administrators and the operators see them.
-- administrator_view holds personal data (name, email, phone, occupation, document addresses):
-- erasure deletes the row, and no row is created for an erased subject.
CREATE TABLE organization_view (
    organization_id   UUID PRIMARY KEY,
    name              TEXT        NOT NULL,
    data_region       TEXT        NOT NULL,
    registered_at     TIMESTAMPTZ NOT NULL,
    last_global_index BIGINT      NOT NULL
);

CREATE TABLE administrator_view (
    administrator_id  UUID PRIMARY KEY,
    organization_id   UUID        NOT NULL,
    name              TEXT        NOT NULL,
    email             TEXT        NOT NULL,
    phone             TEXT,
    occupation        TEXT,
    documents         JSONB       NOT NULL,
    status            TEXT        NOT NULL,
    registered_at     TIMESTAMPTZ NOT NULL,
    last_global_index BIGINT      NOT NULL
);
CREATE INDEX administrator_view_organization_idx ON administrator_view (organization_id);
