-- The learning report (issue 6). One row per trainee with their figures kept as counters, and one
-- row per trainee and course. Names and emails are not copied here: named reports join
-- member_view. Erasure marks these rows erased: named reports leave them out, organization and
-- course aggregates keep counting them (ids and counters only, as the events keep them in clear).
CREATE TABLE report_trainee (
    trainee_id        UUID PRIMARY KEY,
    organization_id   UUID        NOT NULL,
    department        TEXT,
    status            TEXT        NOT NULL DEFAULT 'ACTIVE',
    learning_millis   BIGINT      NOT NULL DEFAULT 0,
    courses_enrolled  INTEGER     NOT NULL DEFAULT 0,
    courses_started   INTEGER     NOT NULL DEFAULT 0,
    courses_completed INTEGER     NOT NULL DEFAULT 0,
    exams_taken       INTEGER     NOT NULL DEFAULT 0,
    exams_passed      INTEGER     NOT NULL DEFAULT 0,
    last_activity     TIMESTAMPTZ,
    erased            BOOLEAN     NOT NULL DEFAULT false
);
CREATE INDEX report_trainee_organization_idx ON report_trainee (organization_id, department, status);

CREATE TABLE report_enrolment (
    trainee_id      UUID        NOT NULL,
    course_id       UUID        NOT NULL,
    organization_id UUID        NOT NULL,
    enrolled        BOOLEAN     NOT NULL,
    enrolled_at     TIMESTAMPTZ NOT NULL,
    started_at      TIMESTAMPTZ,
    completed_at    TIMESTAMPTZ,
    exam_attempts   INTEGER     NOT NULL DEFAULT 0,
    exams_passed    INTEGER     NOT NULL DEFAULT 0,
    score_sum       BIGINT      NOT NULL DEFAULT 0,
    scored_attempts INTEGER     NOT NULL DEFAULT 0,
    erased          BOOLEAN     NOT NULL DEFAULT false,
    PRIMARY KEY (trainee_id, course_id)
);
CREATE INDEX report_enrolment_course_idx ON report_enrolment (course_id);
CREATE INDEX report_enrolment_organization_idx ON report_enrolment (organization_id, completed_at);
