-- What an instructor's public profile shows, beyond the name. Never email or phone.
ALTER TABLE instructor_profile
    ADD COLUMN avatar_uri      TEXT,
    ADD COLUMN gender          TEXT,
    ADD COLUMN introduction    TEXT,
    ADD COLUMN headline        TEXT,
    ADD COLUMN biography       TEXT,
    ADD COLUMN language        TEXT,
    ADD COLUMN website         TEXT,
    ADD COLUMN social_links    JSONB,
    ADD COLUMN country         TEXT,
    ADD COLUMN work_experience JSONB;
