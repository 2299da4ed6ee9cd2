//! Clinician notes on a patient's record: dated, signed and open to the patient.
//!
//! A note can only be written by a clinician linked to the patient: the insert reads the
//! link in the same statement, as [`Store::open_patient_record`] does. The signature is
//! kept as written, so a note still says who wrote it after the clinician's account is
//! gone, and notes are never edited: a correction is a new note.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::error::{Result, corrupt, found};
use crate::{Error, Store, UserId, at, secs};

/// The longest note, in characters.
pub const MAX_NOTE: usize = 2000;

/// The longest signature, in characters.
const MAX_SIGNATURE: usize = 300;

/// A note's text: trimmed, 1 to [`MAX_NOTE`] characters (line breaks kept).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct NoteText(String);

impl NoteText {
    /// Parses a note, or says what is wrong with it ([`Error::Invalid`]).
    pub fn parse(raw: &str) -> std::result::Result<Self, Error> {
        let text = raw.trim().replace("\r\n", "\n");
        if text.is_empty() {
            return Err(Error::Invalid("the note is empty".into()));
        }
        if text.chars().count() > MAX_NOTE {
            return Err(Error::Invalid(format!(
                "the note is longer than {MAX_NOTE} characters"
            )));
        }
        Ok(Self(text))
    }

    /// The text as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for NoteText {
    type Error = Error;
    fn try_from(s: String) -> std::result::Result<Self, Error> {
        Self::parse(&s)
    }
}

impl From<NoteText> for String {
    fn from(n: NoteText) -> String {
        n.0
    }
}

/// A note as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// The patient it is about.
    pub patient_id: UserId,
    /// The clinician who wrote it, or `None` once their account is deleted.
    pub clinician_id: Option<UserId>,
    /// Who wrote it, as they were named when they wrote it.
    pub signed_by: String,
    /// What it says.
    pub text: NoteText,
    /// When it was written.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

type NoteRow = (i64, Option<i64>, String, String, i64);

fn note_from_row((patient, clinician, signed_by, text, created): NoteRow) -> Result<Note> {
    Ok(Note {
        patient_id: UserId(patient),
        clinician_id: clinician.map(UserId),
        signed_by,
        text: NoteText::parse(&text).map_err(|e| corrupt(e.to_string()))?,
        created_at: at(created)?,
    })
}

impl Store {
    /// A linked clinician writes a note on a patient's record, signed `signed_by`.
    /// [`Error::NotFound`] if they are not linked (so the record's existence is not
    /// revealed); [`Error::Invalid`] for an empty or over-long signature.
    pub async fn add_note(
        &self,
        clinician: UserId,
        patient: UserId,
        signed_by: &str,
        text: &NoteText,
        now: OffsetDateTime,
    ) -> Result<()> {
        let signed_by = signed_by.trim();
        if signed_by.is_empty() || signed_by.chars().count() > MAX_SIGNATURE {
            return Err(Error::Invalid(format!(
                "a note's signature must be 1 to {MAX_SIGNATURE} characters"
            )));
        }
        found(on!(self, pool => sqlx::query(
            "INSERT INTO clinician_notes (patient_id, clinician_id, signed_by, text, created_at) \
             SELECT patient_id, clinician_id, $3, $4, $5 FROM clinician_links \
             WHERE patient_id = $1 AND clinician_id = $2",
        )
        .bind(patient.0)
        .bind(clinician.0)
        .bind(signed_by)
        .bind(text.as_str())
        .bind(secs(now))
        .execute(pool)
        .await?
        .rows_affected()))
    }

    /// The notes on a patient's record, newest first.
    pub async fn notes(&self, patient: UserId) -> Result<Vec<Note>> {
        let rows: Vec<NoteRow> = on!(self, pool => sqlx::query_as(
            "SELECT patient_id, clinician_id, signed_by, text, created_at FROM clinician_notes \
             WHERE patient_id = $1 ORDER BY created_at DESC, id DESC",
        )
        .bind(patient.0)
        .fetch_all(pool)
        .await)?;
        rows.into_iter().map(note_from_row).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_trimmed_and_bounded() {
        assert_eq!(
            NoteText::parse("  Keep walking.\r\nSee you in 2 weeks. ")
                .unwrap()
                .as_str(),
            "Keep walking.\nSee you in 2 weeks."
        );
        assert!(NoteText::parse(" \n ").is_err());
        assert!(NoteText::parse(&"a".repeat(MAX_NOTE)).is_ok());
        assert!(NoteText::parse(&"a".repeat(MAX_NOTE + 1)).is_err());
    }
}
