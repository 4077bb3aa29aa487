-- Which stored events carry a data subject's personal data: the index behind the personal-data
-- export. Holds ids, positions and types only, never a value. Whether a subject is erased is read
-- from the erasure fence (data_subject_erasure), the one authority on it.
CREATE TABLE data_subject (
    subject_id      VARCHAR(64) PRIMARY KEY,
    organization_id UUID
);

CREATE TABLE personal_data_event (
    subject_id   VARCHAR(64)  NOT NULL,
    global_index BIGINT       NOT NULL,
    payload_type VARCHAR(255) NOT NULL,
    occurred_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (subject_id, global_index)
);
