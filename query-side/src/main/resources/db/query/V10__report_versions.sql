-- Each report row carries the global index of the last event that changed it: streams resume
-- from it (Last-Event-ID) and send changes in this order.
ALTER TABLE report_trainee ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
CREATE INDEX report_trainee_version_idx ON report_trainee (organization_id, version);
