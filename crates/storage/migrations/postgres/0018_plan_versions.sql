-- A clinician's tailoring of a patient's plan (issue 15): the programme's goal and an
-- instruction per exercise, as JSON with its own "version" field. Every change is a new row
-- with the next version number (never an update), signed as the clinician was named when
-- they made it, so both sides can see who changed what and when. Only a linked clinician's
-- insert finds a row to write. The plan page is kept by the care version, so a new version
-- moves it.
CREATE TABLE plan_versions (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patient_id   BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    clinician_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    signed_by    TEXT    NOT NULL CHECK (char_length(signed_by) BETWEEN 1 AND 300),
    version      BIGINT NOT NULL CHECK (version >= 1),
    tailoring    TEXT    NOT NULL,
    created_at   BIGINT NOT NULL,
    UNIQUE (patient_id, version)
);
CREATE INDEX plan_versions_clinician ON plan_versions (clinician_id);
CREATE FUNCTION bump_patient_care_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE users SET care_version = care_version + 1 WHERE id = NEW.patient_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER plan_versions_care AFTER INSERT ON plan_versions
    FOR EACH ROW EXECUTE FUNCTION bump_patient_care_version();
