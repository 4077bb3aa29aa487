-- xAPI voiding (Data 2.3.2). A voided statement keeps its row and its id stays taken; voided_by is
-- the id of the voiding statement, and statement queries leave voided rows out (voided_by IS NULL).
--
-- The row also keeps the statement's clear figures, the same ones its StatementRecorded event
-- carries in clear for reports (never personal data: the object id of an Agent object is a fixed
-- placeholder), so that voiding can tell a voiding statement (verb voided) from any other and
-- publish the voided statement's figures in StatementVoided without reading the event store.
ALTER TABLE xapi_statement
    ADD COLUMN voided_by       UUID,
    ADD COLUMN member          BOOLEAN,
    ADD COLUMN verb_id         TEXT,
    ADD COLUMN object_id       TEXT,
    ADD COLUMN course_id       UUID,
    ADD COLUMN lesson_id       UUID,
    ADD COLUMN duration_millis BIGINT,
    ADD COLUMN score           INTEGER,
    ADD COLUMN success         BOOLEAN,
    ADD COLUMN occurred_at     TIMESTAMPTZ;

-- Statements stored before this migration: their figures from their event (Jackson JSON, whose clear
-- fields are readable as they are).
UPDATE xapi_statement s
   SET member          = (r.p ->> 'member')::boolean,
       verb_id         = r.p ->> 'verbId',
       object_id       = r.p ->> 'objectId',
       course_id       = (r.p ->> 'courseId')::uuid,
       lesson_id       = (r.p ->> 'lessonId')::uuid,
       duration_millis = (r.p ->> 'durationMillis')::bigint,
       score           = (r.p ->> 'score')::integer,
       success         = (r.p ->> 'success')::boolean,
       occurred_at     = (r.p ->> 'timestamp')::timestamptz
  FROM (SELECT convert_from(e.payload, 'UTF8')::jsonb AS p FROM domain_event_entry e
         WHERE e.payload_type = 'org.elearn.events.activity.StatementRecorded') r
 WHERE s.organization_id = (r.p ->> 'organizationId')::uuid
   AND s.statement_id = (r.p ->> 'statementId')::uuid;
