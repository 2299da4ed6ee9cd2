-- Questionnaires a clinician asks a patient to answer again on a schedule (issue 15): which
-- one and every how many days. One row per patient and questionnaire; clearing a schedule
-- deletes it, and the patient's own rhythm (every 2 to 4 weeks) applies again. Only a linked
-- clinician can set one (the insert checks the link); it stays if that clinician goes.
-- It does not move the care version: the pages kept by it (plan, progress) do not say when a
-- questionnaire is due.
CREATE TABLE questionnaire_schedules (
    patient_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    questionnaire TEXT    NOT NULL CHECK (questionnaire IN ('start_back', 'odi', 'rmdq')),
    every_days    BIGINT NOT NULL CHECK (every_days BETWEEN 7 AND 182),
    clinician_id  BIGINT REFERENCES users (id) ON DELETE SET NULL,
    set_at        BIGINT NOT NULL,
    PRIMARY KEY (patient_id, questionnaire)
);
CREATE INDEX questionnaire_schedules_clinician ON questionnaire_schedules (clinician_id);
