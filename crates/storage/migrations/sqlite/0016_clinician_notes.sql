-- Clinician notes on a patient's record (issue 15): dated, signed, and open to the patient.
-- The signature is the clinician's name and profession (or email) when they wrote it, kept
-- like the access log's email: the note belongs to the patient's record and stays when the
-- clinician's account goes. Only a linked clinician can write one (the insert checks the
-- link).
CREATE TABLE clinician_notes (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    patient_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    clinician_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    signed_by    TEXT    NOT NULL CHECK (length(signed_by) BETWEEN 1 AND 300),
    text         TEXT    NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
    created_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX clinician_notes_patient ON clinician_notes (patient_id, created_at);
CREATE INDEX clinician_notes_clinician ON clinician_notes (clinician_id);
