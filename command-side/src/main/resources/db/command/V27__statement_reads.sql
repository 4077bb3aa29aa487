-- What the LRS's statement queries (GET /xapi/statements) need, on the ledger row each statement
-- already gets, so that storing one costs no extra insert. verb_id, object_id, occurred_at and
-- voided_by come from V20; stored_at (since, until, Last-Modified) from V25. Only pseudonymous ids,
-- IRIs and times are in clear: agents are named by subject id (a member id, or the keyed-hash id of
-- an agent who is not a member), never by an identifier of theirs. The statement itself is read
-- from its event.
--   seq:            the order of storage; the cursor of the `more` links
--   tx_id:          the transaction that stored it: a `more` link keeps to the snapshot of its first page
--   object_activity: the object's id when it is an Activity
--   object_subject: the object's subject id when it is an Agent or a Group
--   registration:   context.registration
--   activity_ids:   the object's, the context activities' and the SubStatement's activity ids
--   agent_ids:      subject ids of the actor, object, authority, instructor and team (and a SubStatement's)
--   credential_key: the credential that stored it (its authority)
ALTER TABLE xapi_statement
    ADD COLUMN seq             BIGINT GENERATED ALWAYS AS IDENTITY,
    ADD COLUMN tx_id           XID8 NOT NULL DEFAULT pg_current_xact_id(),
    ADD COLUMN object_activity TEXT,
    ADD COLUMN object_subject  UUID,
    ADD COLUMN registration    UUID,
    ADD COLUMN activity_ids    TEXT[],
    ADD COLUMN agent_ids       UUID[],
    ADD COLUMN credential_key  TEXT;

-- Statements stored before: what their events hold in clear (object, actor, credential).
DO $$
BEGIN
    IF to_regclass('domain_event_entry') IS NOT NULL THEN
        UPDATE xapi_statement x
           SET object_activity = CASE WHEN e.p ->> 'objectId' LIKE 'urn:xapi:%' THEN NULL ELSE e.p ->> 'objectId' END,
               activity_ids = CASE WHEN e.p ->> 'objectId' LIKE 'urn:xapi:%' THEN '{}' ELSE ARRAY[e.p ->> 'objectId'] END,
               agent_ids = ARRAY[x.subject_id],
               credential_key = e.credential
          FROM (SELECT convert_from(payload, 'UTF8')::jsonb AS p,
                       convert_from(meta_data, 'UTF8')::jsonb ->> 'credential' AS credential
                  FROM domain_event_entry
                 WHERE payload_type = 'org.elearn.events.activity.StatementRecorded') e
         WHERE x.organization_id = (e.p ->> 'organizationId')::uuid
           AND x.statement_id = (e.p ->> 'statementId')::uuid;
    END IF;
END $$;

CREATE UNIQUE INDEX xapi_statement_seq_idx ON xapi_statement (organization_id, seq);
CREATE INDEX xapi_statement_agents_idx ON xapi_statement USING gin (agent_ids);
CREATE INDEX xapi_statement_activities_idx ON xapi_statement USING gin (activity_ids);
CREATE INDEX xapi_statement_registration_idx ON xapi_statement (registration) WHERE registration IS NOT NULL;
