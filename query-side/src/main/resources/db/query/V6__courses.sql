-- Courses as the catalog and their instructors see them. No personal data.
CREATE TABLE course_view (
    course_id         UUID PRIMARY KEY,
    organization_id   UUID        NOT NULL,
    instructor_id     UUID        NOT NULL,
    title             TEXT        NOT NULL,
    description       TEXT,
    language          TEXT        NOT NULL,
    sections          JSONB       NOT NULL,
    status            TEXT        NOT NULL,
    published_at      TIMESTAMPTZ,
    last_global_index BIGINT      NOT NULL
);
CREATE INDEX course_view_catalog_idx ON course_view (organization_id, status);
