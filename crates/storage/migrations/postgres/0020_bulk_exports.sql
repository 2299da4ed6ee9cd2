-- FHIR Bulk Data exports (issue 16): a request kicked off with a token, run once by one
-- instance's export job, and its NDJSON files, kept in the database (so any instance can
-- serve them) until the export expires. A cancelled export is deleted with its files.
CREATE TABLE bulk_exports (
    id           TEXT   PRIMARY KEY CHECK (char_length(id) = 32),
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    scope        TEXT   NOT NULL CHECK (scope IN ('patient', 'panel')),
    request      TEXT   NOT NULL CHECK (char_length(request) BETWEEN 1 AND 2000),
    types        TEXT   NOT NULL,
    since        BIGINT,
    status       TEXT   NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    progress     TEXT,
    error        TEXT,
    runner       TEXT,
    requested_at BIGINT NOT NULL,
    started_at   BIGINT,
    finished_at  BIGINT,
    expires_at   BIGINT NOT NULL
);
CREATE INDEX bulk_exports_queue ON bulk_exports (status, requested_at);

CREATE TABLE bulk_export_files (
    export_id     TEXT    NOT NULL REFERENCES bulk_exports (id) ON DELETE CASCADE,
    seq           BIGINT  NOT NULL CHECK (seq >= 1),
    resource_type TEXT    NOT NULL,
    is_error      BOOLEAN NOT NULL,
    count         BIGINT  NOT NULL CHECK (count >= 1),
    body          TEXT    NOT NULL,
    PRIMARY KEY (export_id, seq)
);

-- Whom each export read. A patient who deletes their account, or unlinks from the
-- clinician, takes the exports that hold them away too (the store deletes those exports
-- in the same transaction): files never outlive the access they were made with.
CREATE TABLE bulk_export_patients (
    export_id  TEXT    NOT NULL REFERENCES bulk_exports (id) ON DELETE CASCADE,
    patient_id BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (export_id, patient_id)
);
CREATE INDEX bulk_export_patients_patient ON bulk_export_patients (patient_id);
