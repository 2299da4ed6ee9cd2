-- FHIR Bulk Data exports (issue 16): a request kicked off with a token, run once by one
-- instance's export job, and its NDJSON files, kept in the database (so any instance can
-- serve them) until the export expires. A cancelled export is deleted with its files.
CREATE TABLE bulk_exports (
    id           TEXT    PRIMARY KEY CHECK (length(id) = 32),
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    scope        TEXT    NOT NULL CHECK (scope IN ('patient', 'panel')),
    request      TEXT    NOT NULL CHECK (length(request) BETWEEN 1 AND 2000),
    types        TEXT    NOT NULL,
    since        INTEGER,
    status       TEXT    NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    progress     TEXT,
    error        TEXT,
    runner       TEXT,
    requested_at INTEGER NOT NULL,
    started_at   INTEGER,
    finished_at  INTEGER,
    expires_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX bulk_exports_queue ON bulk_exports (status, requested_at);

CREATE TABLE bulk_export_files (
    export_id     TEXT    NOT NULL REFERENCES bulk_exports (id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL CHECK (seq >= 1),
    resource_type TEXT    NOT NULL,
    is_error      INTEGER NOT NULL CHECK (is_error IN (0, 1)),
    count         INTEGER NOT NULL CHECK (count >= 1),
    body          TEXT    NOT NULL,
    PRIMARY KEY (export_id, seq)
) STRICT;

-- Whom each export read. A patient who deletes their account, or unlinks from the
-- clinician, takes the exports that hold them away too (the store deletes those exports
-- in the same transaction): files never outlive the access they were made with.
CREATE TABLE bulk_export_patients (
    export_id  TEXT    NOT NULL REFERENCES bulk_exports (id) ON DELETE CASCADE,
    patient_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (export_id, patient_id)
) STRICT;
CREATE INDEX bulk_export_patients_patient ON bulk_export_patients (patient_id);
