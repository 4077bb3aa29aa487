-- Who is enrolled in which course. Ids only, but about a person: erasure deletes their rows.
CREATE TABLE enrolment_view (
    trainee_id        UUID        NOT NULL,
    course_id         UUID        NOT NULL,
    organization_id   UUID        NOT NULL,
    source            TEXT        NOT NULL,
    enrolled_at       TIMESTAMPTZ NOT NULL,
    last_global_index BIGINT      NOT NULL,
    PRIMARY KEY (trainee_id, course_id)
);
CREATE INDEX enrolment_view_course_idx ON enrolment_view (course_id);
