-- When each statement was stored, beside its figures (V20): progress, and so a course's completion,
-- is timed by the stored time, so a read model taking a voided statement back tells by it whether
-- the statement completed a course. Older rows get it from their event.
ALTER TABLE xapi_statement ADD COLUMN stored_at TIMESTAMPTZ;

UPDATE xapi_statement s
   SET stored_at = (r.p ->> 'stored')::timestamptz
  FROM (SELECT convert_from(e.payload, 'UTF8')::jsonb AS p FROM domain_event_entry e
         WHERE e.payload_type = 'org.elearn.events.activity.StatementRecorded') r
 WHERE s.organization_id = (r.p ->> 'organizationId')::uuid
   AND s.statement_id = (r.p ->> 'statementId')::uuid;
