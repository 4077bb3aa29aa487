-- An activity definition comes inside a statement about a person, and a client may write that
-- person into it; it is kept in clear (docs/xapi.md#agents-and-activities). From now on only a
-- credential with the `define` scope updates it (xAPI 1.0.3), and the row remembers whose statement
-- gave the definition kept, so that erasing that person deletes it.
ALTER TABLE xapi_activity ADD COLUMN subject_id UUID;
CREATE INDEX xapi_activity_subject_idx ON xapi_activity (subject_id) WHERE subject_id IS NOT NULL;
-- The definitions kept so far came from any credential, and whose statement gave them is unknown:
-- they may hold a learner's name, which no erasure could reach. They are only a copy of what the
-- statements hold (sealed); the next statement from a credential with `define` defines each again.
DELETE FROM xapi_activity;
