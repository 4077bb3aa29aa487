-- A self-registered instructor's own phone, for GET /api/me/profile (their own profile page shows
-- it). It is never on the public profile: the public route selects its columns by name and
-- InstructorProfile has no phone. Sealed under the instructor's key like the other fields, and
-- gone with the row when they are erased.
--
-- The rows are rebuilt from the events so those registered before get their phone: emptied here
-- and the tokens of the processor hosting the group forgotten, as in V17 and V23 (erased subjects
-- get no row): 'instructor-profile' in the separate layout; in the merged one 'projections', whose
-- other groups then apply the history again without effect (their handlers are idempotent).
ALTER TABLE instructor_profile ADD COLUMN phone TEXT;
DELETE FROM instructor_profile;
DELETE FROM token_entry WHERE processor_name IN ('instructor-profile', 'projections');
