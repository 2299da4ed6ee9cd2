-- The intake a patient is part-way through in the web wizard: one row per patient, the
-- answers so far as JSON (a backcare_core::Intake), replaced at every step and deleted
-- when the assessment is saved. Health data, so it cascades with the account.
CREATE TABLE intake_drafts (
    user_id    BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    intake     JSONB  NOT NULL,
    updated_at BIGINT NOT NULL
);
