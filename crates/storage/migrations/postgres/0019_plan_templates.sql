-- A clinician's own plan templates (issue 15): a tailoring saved under a name, to start
-- another patient's plan from. The tailoring is the same versioned JSON as plan_versions.
-- A name is unique per clinician; saving under a name again replaces it.
CREATE TABLE plan_templates (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    clinician_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT   NOT NULL CHECK (char_length(name) BETWEEN 1 AND 80),
    tailoring    TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    UNIQUE (clinician_id, name)
);
