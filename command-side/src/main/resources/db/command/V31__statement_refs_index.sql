-- Statement queries match a statement whose object is a StatementRef when the statement it targets
-- matches (xAPI 1.0.3, Communication 2.1.4, recursively): the query walks from the organization's
-- StatementRef statements to their targets, and from a matching statement to those that target it
-- (object_id = 'urn:uuid:<target id>'). Partial, like the voiding statements' index: only
-- StatementRef statements enter it (an Activity whose id starts with urn:uuid: has object_activity
-- set), a small share of all, so a common statement costs nothing more at ingestion.
CREATE INDEX xapi_statement_refs_idx ON xapi_statement (organization_id, object_id)
    WHERE object_activity IS NULL AND object_id LIKE 'urn:uuid:%';
