-- When a person said they have been seen by a clinician about an urgent or emergency
-- result. The result itself never changes: this only lets the start page move its banner
-- down. One row per result; saying "not yet" deletes it.
CREATE TABLE seen_results (
    assessment_id BIGINT PRIMARY KEY REFERENCES assessments (id) ON DELETE CASCADE,
    user_id       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    seen_at       BIGINT NOT NULL
);

CREATE INDEX seen_results_user ON seen_results (user_id);
