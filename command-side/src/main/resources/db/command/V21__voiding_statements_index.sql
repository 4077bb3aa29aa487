-- The voiding statements of an organization by their object (urn:uuid:<target id>): a statement
-- stored after a voiding statement that names it is voided on arrival (xAPI Data 2.3.2: the LRS
-- considers voided any statement it holds that a voiding statement it holds refers to). Partial:
-- only voiding statements, a small share of all.
CREATE INDEX xapi_statement_voiding_idx ON xapi_statement (organization_id, object_id)
    WHERE verb_id = 'http://adlnet.gov/expapi/verbs/voided';
