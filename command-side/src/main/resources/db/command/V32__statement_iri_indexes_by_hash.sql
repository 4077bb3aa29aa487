-- The ledger's btree indexes on IRIs keep a 64-bit hash of the IRI instead of the IRI itself, so
-- that each statement writes a short index entry (docs/xapi.md, Storage; docs/benchmarks.md, xAPI
-- ingestion): the object activity's index held the whole activity IRI (about 120 bytes for a
-- typical lesson IRI, 300 bytes a row with the page splits of random inserts), the actor's index the
-- verb IRI. hashtextextended is PostgreSQL's own immutable text hash (the one hash partitioning
-- uses). Queries compare the hash through the index and the full IRI on the row, so two IRIs with
-- the same hash are still told apart (StatementReads).
DROP INDEX xapi_statement_object_activity_idx;
CREATE INDEX xapi_statement_object_activity_idx
    ON xapi_statement (organization_id, hashtextextended(object_activity, 0), seq)
    WHERE object_activity IS NOT NULL;

-- The actor (agent filter, and erasure by subject_id alone) and the verb, newest first by seq (V28).
DROP INDEX xapi_statement_subject_idx;
CREATE INDEX xapi_statement_subject_idx ON xapi_statement (subject_id, hashtextextended(verb_id, 0), seq);
