-- API tokens for FHIR clients (issue 6): only the SHA-256 of the token is kept, so a copy
-- of the database lets nobody call the API. `patient` tokens reach their owner's own
-- record; `panel` tokens reach the patients linked to their clinician owner, checked at
-- every request so a revoked link stops access at once.
CREATE TABLE api_tokens (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_hash   TEXT   NOT NULL UNIQUE,
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    scope        TEXT   NOT NULL CHECK (scope IN ('patient', 'panel')),
    label        TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    last_used_at BIGINT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- FHIR resources sent to the API, kept as the exact text received (TEXT, not JSONB, which
-- would rewrite numbers and member order), so they read back byte for byte. A
-- QuestionnaireResponse that was scored points at the assessment or reassessment it made.
-- Health data, so it cascades with the account.
CREATE TABLE fhir_resources (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id         BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    resource_type   TEXT   NOT NULL
                    CHECK (resource_type IN ('QuestionnaireResponse', 'Observation')),
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    body            TEXT   NOT NULL,
    assessment_id   BIGINT REFERENCES assessments (id) ON DELETE SET NULL,
    reassessment_id BIGINT REFERENCES reassessments (id) ON DELETE SET NULL
);
CREATE INDEX fhir_resources_user ON fhir_resources (user_id, resource_type, created_at);
