//! Clinicians: share codes, the panel sorted by concern, a patient's record, the access log.
