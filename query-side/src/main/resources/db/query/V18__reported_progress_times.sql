-- Progress times (issue 17): the time columns now hold when the service learned of the progress
-- (the statement's stored time); the client's own timestamp, which it may backdate, is kept beside
-- as reported. Rows written before this held the client's time in the time column: it is copied to
-- the reported column, and a projection rebuild fills the time column with the stored time. The
-- columns stay nullable, so instances of the previous version can still write during a rolling update.
ALTER TABLE enrolment_view
    ADD COLUMN started_reported_at   TIMESTAMPTZ,
    ADD COLUMN completed_reported_at TIMESTAMPTZ;
UPDATE enrolment_view SET started_reported_at = started_at, completed_reported_at = completed_at;

ALTER TABLE lesson_progress ADD COLUMN done_reported_at TIMESTAMPTZ;
UPDATE lesson_progress SET done_reported_at = done_at;

ALTER TABLE certificate_view ADD COLUMN completed_reported_at TIMESTAMPTZ;
UPDATE certificate_view SET completed_reported_at = issued_at;
