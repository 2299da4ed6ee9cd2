-- backcare storage schema, SQLite. Timestamps are UTC Unix seconds; days are 'YYYY-MM-DD'.
-- Every table that holds a user's data references users(id) ON DELETE CASCADE, except
-- login_failures (keyed by email, deleted by the application with the account) and
-- audit_log.clinician_id (SET NULL: the patient keeps the record of who looked).

CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused after a deletion
    email         TEXT    NOT NULL UNIQUE,
    password_hash TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('patient', 'clinician')),
    created_at    INTEGER NOT NULL
) STRICT;

CREATE TABLE sessions (
    token_hash TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE login_failures (
    id    INTEGER PRIMARY KEY,
    email TEXT    NOT NULL,
    at    INTEGER NOT NULL
) STRICT;
CREATE INDEX login_failures_email_at ON login_failures (email, at);

CREATE TABLE assessments (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    intake     TEXT    NOT NULL CHECK (json_valid(intake)),
    result     TEXT    NOT NULL CHECK (json_valid(result))
) STRICT;
CREATE INDEX assessments_user ON assessments (user_id, created_at);

CREATE TABLE diary_entries (
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    day            TEXT    NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    pain           INTEGER NOT NULL CHECK (pain BETWEEN 0 AND 10),
    sessions_done  INTEGER NOT NULL CHECK (sessions_done >= 0),
    minutes_walked INTEGER NOT NULL CHECK (minutes_walked >= 0),
    flare_up       INTEGER NOT NULL CHECK (flare_up IN (0, 1)),
    notes          TEXT    NOT NULL,
    updated_at     INTEGER NOT NULL,
    PRIMARY KEY (user_id, day)
) STRICT;

CREATE TABLE reassessments (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    scores     TEXT    NOT NULL CHECK (json_valid(scores))
) STRICT;
CREATE INDEX reassessments_user ON reassessments (user_id, created_at);

CREATE TABLE share_codes (
    code_hash    TEXT    PRIMARY KEY,
    clinician_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX share_codes_clinician ON share_codes (clinician_id);
CREATE INDEX share_codes_expires ON share_codes (expires_at);

CREATE TABLE clinician_links (
    patient_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    clinician_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (patient_id, clinician_id),
    CHECK (patient_id <> clinician_id)
) STRICT;
CREATE INDEX clinician_links_clinician ON clinician_links (clinician_id);

CREATE TABLE audit_log (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    patient_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    clinician_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    clinician_email TEXT    NOT NULL,
    at              INTEGER NOT NULL,
    action          TEXT    NOT NULL
) STRICT;
CREATE INDEX audit_log_patient ON audit_log (patient_id, at);
CREATE INDEX audit_log_clinician ON audit_log (clinician_id);
