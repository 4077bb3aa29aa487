-- Statement reads open a sealed copy of the statement on its ledger row instead of decoding its
-- StatementRecorded event, and ingestion pays for fewer and cheaper indexes (docs/xapi.md, Queries, Storage).
--
-- statement_sealed: the statement as stored (with stored, authority and version), AES-256-GCM under
-- the actor's data key with the organization and statement id as associated data, as the event's
-- personal fields are. Erasure destroys the key (and clears the column): the row then reads in its
-- erased form, as before. Rows stored before this migration keep it null and are read from their
-- events.
ALTER TABLE xapi_statement ADD COLUMN statement_sealed BYTEA;

-- agent_ids and activity_ids (V27) now hold only what no column of the row holds: the related agents
-- other than the actor (subject_id), the object (object_subject) and the authority (credential_key),
-- and the related activities other than the object's (object_activity). For most statements both are
-- null, and the partial GIN indexes below take no entry for them; a GIN index took two agents and one
-- activity for every statement before. Rows stored earlier keep their fuller arrays, which still
-- answer every query the same way.
DROP INDEX xapi_statement_agents_idx;
DROP INDEX xapi_statement_activities_idx;
CREATE INDEX xapi_statement_agents_idx ON xapi_statement USING gin (agent_ids) WHERE agent_ids IS NOT NULL;
CREATE INDEX xapi_statement_activities_idx ON xapi_statement USING gin (activity_ids) WHERE activity_ids IS NOT NULL;

-- The common filters by btree: an agent (and verb) through the actor's subject, newest first by seq.
-- A subject id belongs to one organization (a member, or an outsider's keyed hash with the
-- organization in it), so the index needs no organization column; queries still name theirs. It
-- replaces the index on subject_id alone, which erasure used and this one serves as well.
DROP INDEX xapi_statement_subject_idx;
CREATE INDEX xapi_statement_subject_idx ON xapi_statement (subject_id, verb_id, seq);
CREATE INDEX xapi_statement_object_subject_idx ON xapi_statement (object_subject) WHERE object_subject IS NOT NULL;
CREATE INDEX xapi_statement_object_activity_idx ON xapi_statement (organization_id, object_activity, seq)
    WHERE object_activity IS NOT NULL;
