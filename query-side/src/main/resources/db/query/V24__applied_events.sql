-- Issue 19: each row that counts or sums events keeps which events it has applied (AppliedEvents):
-- the newest global index applied and the positions below it not seen yet at that time. An event
-- already applied changes nothing again, whichever batch path delivers it a second time.
-- The report's version is not enough: the erasure processor raises it on its own.
ALTER TABLE report_trainee ADD COLUMN applied_index BIGINT NOT NULL DEFAULT -1,
                           ADD COLUMN applied_gaps BIGINT[] NOT NULL DEFAULT '{}';
ALTER TABLE report_enrolment ADD COLUMN applied_index BIGINT NOT NULL DEFAULT -1,
                             ADD COLUMN applied_gaps BIGINT[] NOT NULL DEFAULT '{}';
-- Every event of a trainee so far passed through the trainee row and raised its version.
UPDATE report_trainee SET applied_index = version WHERE NOT erased;
-- learning_activity keeps last_global_index as its applied index.
ALTER TABLE learning_activity ADD COLUMN applied_gaps BIGINT[] NOT NULL DEFAULT '{}';
