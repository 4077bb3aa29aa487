-- Members invited as instructors now have a public profile too (from InvitationAccepted). Replay
-- the instructor-profile processor from the start of the history so those who joined before get
-- theirs: without a token it starts from the tail again (Axon's default initial token), and the
-- rows are rebuilt from the events (erased subjects get none: the projection checks the fence).
DELETE FROM instructor_profile;
DELETE FROM token_entry WHERE processor_name = 'instructor-profile';
