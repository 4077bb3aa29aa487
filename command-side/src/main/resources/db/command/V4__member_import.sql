-- Which organization each member belongs to (no personal data), and the outcome of each import:
-- counts, and per-row errors as row number and a fixed reason, never the cell values.
CREATE TABLE member_directory (
    member_id       UUID PRIMARY KEY,
    organization_id UUID NOT NULL
);

CREATE TABLE member_import (
    import_id       UUID PRIMARY KEY,
    organization_id UUID        NOT NULL,
    imported_by     UUID        NOT NULL,
    imported_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    rows_read       INTEGER     NOT NULL,
    created         INTEGER     NOT NULL,
    updated         INTEGER     NOT NULL,
    unchanged       INTEGER     NOT NULL,
    failed          INTEGER     NOT NULL
);

CREATE TABLE member_import_error (
    import_id  UUID    NOT NULL REFERENCES member_import (import_id),
    row_number INTEGER NOT NULL,
    reason     TEXT    NOT NULL,
    PRIMARY KEY (import_id, row_number)
);
