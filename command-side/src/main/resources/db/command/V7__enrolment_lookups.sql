-- What enrolment needs to check on the command side: each member's department (to assign a course
-- to whole departments) and each course's status (only published courses take trainees).
ALTER TABLE member_directory ADD COLUMN department TEXT;
ALTER TABLE course_directory ADD COLUMN status TEXT NOT NULL DEFAULT 'DRAFT';
