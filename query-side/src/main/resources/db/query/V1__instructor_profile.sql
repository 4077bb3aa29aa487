-- Public instructor profiles. Holds only what the public may see (never email or phone) and the
-- global index of the last event applied, which makes replays and redeliveries idempotent.
CREATE TABLE instructor_profile (
    instructor_id     UUID PRIMARY KEY,
    name              TEXT        NOT NULL,
    registered_at     TIMESTAMPTZ NOT NULL,
    last_global_index BIGINT      NOT NULL
);
