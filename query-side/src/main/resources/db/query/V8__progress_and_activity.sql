-- Progress of each enrolment, lesson by lesson; certificates; and each member's learning time.
-- All about a person: erasure deletes their progress and activity rows, and unlinks their
-- certificates (the public check then shows the holder as "[erased]").
ALTER TABLE enrolment_view
    ADD COLUMN started_at   TIMESTAMPTZ,
    ADD COLUMN completed_at TIMESTAMPTZ,
    ADD COLUMN certificate_code TEXT;

CREATE TABLE lesson_progress (
    trainee_id        UUID        NOT NULL,
    course_id         UUID        NOT NULL,
    lesson_id         UUID        NOT NULL,
    kind              TEXT        NOT NULL,
    done_at           TIMESTAMPTZ,
    attempts          INTEGER     NOT NULL DEFAULT 0,
    best_score        INTEGER,
    last_global_index BIGINT      NOT NULL,
    PRIMARY KEY (trainee_id, course_id, lesson_id)
);

CREATE TABLE certificate_view (
    verification_code TEXT PRIMARY KEY,
    certificate_id    UUID        NOT NULL,
    trainee_id        UUID,
    course_id         UUID        NOT NULL,
    organization_id   UUID        NOT NULL,
    issued_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX certificate_view_trainee_idx ON certificate_view (trainee_id);

CREATE TABLE learning_activity (
    trainee_id        UUID PRIMARY KEY,
    organization_id   UUID        NOT NULL,
    learning_millis   BIGINT      NOT NULL,
    statements        BIGINT      NOT NULL,
    last_activity     TIMESTAMPTZ NOT NULL,
    last_global_index BIGINT      NOT NULL
);
