-- The `agent` filter of statement queries matches a Group whose members include the agent (xAPI
-- 1.0.3, Communication 2.1.3): member_ids keeps the subject ids of the members of the actor and of
-- the object when they are Groups (identified or anonymous), as agent_ids keeps the related agents'
-- (members of a related Group, such as context.team, are now in agent_ids too). Pseudonymous ids
-- only, as for agent_ids. Null for most statements, which the partial index skips. Rows stored
-- before keep it null: their groups' members are not matched (their statements are sealed or in
-- their events, which a migration does not open).
ALTER TABLE xapi_statement ADD COLUMN member_ids UUID[];
CREATE INDEX xapi_statement_members_idx ON xapi_statement USING gin (member_ids) WHERE member_ids IS NOT NULL;
