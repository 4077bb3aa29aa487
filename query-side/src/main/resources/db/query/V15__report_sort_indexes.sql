-- First pages of the learning report sorted by a report column (issue 6): with these, a page over
-- a whole organization of 100,000 trainees reads its 50 rows in index order instead of sorting
-- them all. The sorts they serve (ReportController.orderBy): learning time in either direction,
-- and the descending order of last activity and completion rate, nulls last, the order a
-- dashboard opens with. The other report-column sorts still sort the filtered rows.
-- The columns change with every statement, and report_trainee_version_idx already keeps those
-- updates from being HOT, so each index costs one more index entry per update
-- (docs/benchmarks.md). They hold ids, times and counters, no personal data.
CREATE INDEX report_trainee_learning_idx ON report_trainee (organization_id, learning_millis, trainee_id);
CREATE INDEX report_trainee_last_activity_idx
    ON report_trainee (organization_id, last_activity DESC NULLS LAST, trainee_id DESC);
CREATE INDEX report_trainee_completion_idx
    ON report_trainee (organization_id, (courses_completed::float8 / nullif(courses_enrolled, 0)) DESC NULLS LAST,
                       trainee_id DESC);
