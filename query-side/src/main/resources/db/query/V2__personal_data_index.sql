-- Which stored events carry a data subject's personal data: the index behind the personal-data
-- export. Holds ids, positions and types only, never a value. data_subject remembers erasures, so
-- the export can answer 410 after one.
CREATE TABLE data_subject (
    subject_id      VARCHAR(64) PRIMARY KEY,
    organization_id UUID,
    erased_at       TIMESTAMPTZ
);

CREATE TABLE personal_data_event (
    subject_id   VARCHAR(64)  NOT NULL,
    global_index BIGINT       NOT NULL,
    payload_type VARCHAR(255) NOT NULL,
    occurred_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (subject_id, global_index)
);
