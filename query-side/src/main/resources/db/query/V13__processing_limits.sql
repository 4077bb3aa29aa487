-- Restriction and objection (issue 8) in the learning report: a restricted trainee leaves every
-- named report, stream, export and aggregate; an objecting trainee keeps their own row but leaves
-- the aggregates (organization figures, course statistics, dashboard charts).
ALTER TABLE report_trainee ADD COLUMN restricted BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE report_trainee ADD COLUMN objected BOOLEAN NOT NULL DEFAULT false;
