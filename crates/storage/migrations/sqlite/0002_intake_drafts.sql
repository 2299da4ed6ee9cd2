-- The intake a patient is part-way through in the web wizard: one row per patient, the
-- answers so far as JSON (a backcare_core::Intake), replaced at every step and deleted
-- when the assessment is saved. Health data, so it cascades with the account.
CREATE TABLE intake_drafts (
    user_id    INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    intake     TEXT    NOT NULL CHECK (json_valid(intake)),
    updated_at INTEGER NOT NULL
) STRICT;
