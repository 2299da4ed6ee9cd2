-- A clinician's own plan templates (issue 15): a tailoring saved under a name, to start
-- another patient's plan from. The tailoring is the same versioned JSON as plan_versions.
-- A name is unique per clinician; saving under a name again replaces it.
CREATE TABLE plan_templates (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    clinician_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    tailoring    TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    UNIQUE (clinician_id, name)
) STRICT;
