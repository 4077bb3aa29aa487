-- Which organization and instructor each course belongs to, for the command side's checks.
CREATE TABLE course_directory (
    course_id       UUID PRIMARY KEY,
    organization_id UUID NOT NULL,
    instructor_id   UUID NOT NULL
);
