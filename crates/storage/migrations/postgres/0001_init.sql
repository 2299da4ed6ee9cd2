-- backcare storage schema, PostgreSQL. Timestamps are UTC Unix seconds (BIGINT, as in the
-- SQLite schema, so both backends order and compare them identically).
-- Every table that holds a user's data references users(id) ON DELETE CASCADE, except
-- login_failures (keyed by email, deleted by the application with the account) and
-- audit_log.clinician_id (SET NULL: the patient keeps the record of who looked).

CREATE TABLE users (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email         TEXT    NOT NULL UNIQUE,
    password_hash TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('patient', 'clinician')),
    created_at    BIGINT  NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT   PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE login_failures (
    id    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email TEXT   NOT NULL,
    at    BIGINT NOT NULL
);
CREATE INDEX login_failures_email_at ON login_failures (email, at);

CREATE TABLE assessments (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    intake     JSONB  NOT NULL,
    result     JSONB  NOT NULL
);
CREATE INDEX assessments_user ON assessments (user_id, created_at);

CREATE TABLE diary_entries (
    user_id        BIGINT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    day            DATE     NOT NULL,
    pain           SMALLINT NOT NULL CHECK (pain BETWEEN 0 AND 10),
    sessions_done  INTEGER  NOT NULL CHECK (sessions_done >= 0),
    minutes_walked INTEGER  NOT NULL CHECK (minutes_walked >= 0),
    flare_up       BOOLEAN  NOT NULL,
    notes          TEXT     NOT NULL,
    updated_at     BIGINT   NOT NULL,
    PRIMARY KEY (user_id, day)
);

CREATE TABLE reassessments (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    scores     JSONB  NOT NULL
);
CREATE INDEX reassessments_user ON reassessments (user_id, created_at);

CREATE TABLE share_codes (
    code_hash    TEXT   PRIMARY KEY,
    clinician_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL
);
CREATE INDEX share_codes_clinician ON share_codes (clinician_id);
CREATE INDEX share_codes_expires ON share_codes (expires_at);

CREATE TABLE clinician_links (
    patient_id   BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    clinician_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (patient_id, clinician_id),
    CHECK (patient_id <> clinician_id)
);
CREATE INDEX clinician_links_clinician ON clinician_links (clinician_id);

CREATE TABLE audit_log (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patient_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    clinician_id    BIGINT REFERENCES users (id) ON DELETE SET NULL,
    clinician_email TEXT   NOT NULL,
    at              BIGINT NOT NULL,
    action          TEXT   NOT NULL
);
CREATE INDEX audit_log_patient ON audit_log (patient_id, at);
CREATE INDEX audit_log_clinician ON audit_log (clinician_id);
