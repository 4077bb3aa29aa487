-- The personal-data index now holds every event that names a data subject, not only those that
-- carry personal data: enrolments, progress, exam attempts, completions, certificates and
-- invitations belong in the subject's export too. Forgetting the index's tokens makes its processor
-- start again from the first event (its initial token is the tail) and index what it skipped;
-- rows it already holds are kept (ON CONFLICT DO NOTHING), erased subjects stay out (the fence).
DELETE FROM token_entry WHERE processor_name = 'personal-data-index';
