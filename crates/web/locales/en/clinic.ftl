# Clinicians: share codes, the patient panel, a patient's record, and the access log patients see.
