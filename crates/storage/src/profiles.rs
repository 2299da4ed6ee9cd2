//! Who is who: the name a person goes by, a patient's date of birth and a clinician's
//! profession.
//!
//! A clinician tells patients apart by name and date of birth (two identifiers, as on any
//! clinical record), and a patient sees who their clinician is and what they do. Every part
//! is optional in storage; the web asks for what it needs when it needs it (a patient's
//! name and date of birth when they first share their record).

use std::fmt;

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::error::{Result, corrupt, found};
use crate::{Error, Store, UserId, secs};

/// The longest display name, in characters.
pub const MAX_DISPLAY_NAME: usize = 80;

/// The name a person goes by: trimmed, 1 to [`MAX_DISPLAY_NAME`] characters, no control
/// characters (a name is shown on one line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DisplayName(String);

impl DisplayName {
    /// Parses a name, or says what is wrong with it ([`Error::Invalid`]).
    pub fn parse(raw: &str) -> std::result::Result<Self, Error> {
        // Inner runs of spaces are one space, so "Ann  Lee" and "Ann Lee" are one name.
        let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return Err(Error::Invalid("the name is empty".into()));
        }
        if name.chars().count() > MAX_DISPLAY_NAME {
            return Err(Error::Invalid(format!(
                "the name is longer than {MAX_DISPLAY_NAME} characters"
            )));
        }
        if name.chars().any(char::is_control) {
            return Err(Error::Invalid(
                "the name contains a control character".into(),
            ));
        }
        Ok(Self(name))
    }

    /// The name as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DisplayName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for DisplayName {
    type Error = Error;
    fn try_from(s: String) -> std::result::Result<Self, Error> {
        Self::parse(&s)
    }
}

impl From<DisplayName> for String {
    fn from(n: DisplayName) -> String {
        n.0
    }
}

/// What a clinician does, as patients see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Profession {
    /// A physiotherapist (physical therapist).
    Physiotherapist,
    /// A general practitioner (family doctor).
    Gp,
    /// A nurse.
    Nurse,
    /// Anything else.
    Other,
}

impl Profession {
    /// Every profession, in the order forms list them.
    pub const ALL: [Profession; 4] = [
        Profession::Physiotherapist,
        Profession::Gp,
        Profession::Nurse,
        Profession::Other,
    ];

    /// The name stored in the database and sent by forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Profession::Physiotherapist => "physiotherapist",
            Profession::Gp => "gp",
            Profession::Nurse => "nurse",
            Profession::Other => "other",
        }
    }

    /// The profession named `s` (as [`Profession::as_str`] gives it), if any.
    pub fn parse(s: &str) -> Option<Profession> {
        Profession::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// Who a person is, as far as they have said.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// The name they go by.
    pub name: Option<DisplayName>,
    /// Their date of birth (patients).
    pub birth_date: Option<Date>,
    /// Their profession (clinicians).
    pub profession: Option<Profession>,
}

/// A profile as the database holds it: (name, date of birth, profession).
pub(crate) type ProfileRow = (Option<String>, Option<Date>, Option<String>);

pub(crate) fn profile_from_row((name, birth_date, profession): ProfileRow) -> Result<Profile> {
    Ok(Profile {
        name: name
            .map(|n| DisplayName::parse(&n).map_err(|e| corrupt(e.to_string())))
            .transpose()?,
        birth_date,
        profession: profession
            .map(|p| {
                Profession::parse(&p).ok_or_else(|| corrupt(format!("unknown profession {p:?}")))
            })
            .transpose()?,
    })
}

impl Store {
    /// A user's profile; empty when they have said nothing yet (or there is no such user).
    pub async fn profile(&self, user: UserId) -> Result<Profile> {
        let row: Option<ProfileRow> = on!(self, pool => sqlx::query_as(
            "SELECT display_name, birth_date, profession FROM profiles WHERE user_id = $1",
        )
        .bind(user.0)
        .fetch_optional(pool)
        .await)?;
        row.map_or(Ok(Profile::default()), profile_from_row)
    }

    /// Replaces a user's profile with `profile`. [`Error::NotFound`] if there is no such
    /// user.
    pub async fn set_profile(
        &self,
        user: UserId,
        profile: &Profile,
        now: OffsetDateTime,
    ) -> Result<()> {
        found(on!(self, pool => sqlx::query(
            "INSERT INTO profiles (user_id, display_name, birth_date, profession, updated_at) \
             SELECT id, $2, $3, $4, $5 FROM users WHERE id = $1 \
             ON CONFLICT (user_id) DO UPDATE SET display_name = excluded.display_name, \
             birth_date = excluded.birth_date, profession = excluded.profession, \
             updated_at = excluded.updated_at",
        )
        .bind(user.0)
        .bind(profile.name.as_ref().map(DisplayName::as_str))
        .bind(profile.birth_date)
        .bind(profile.profession.map(Profession::as_str))
        .bind(secs(now))
        .execute(pool)
        .await?
        .rows_affected()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_one_line_and_not_too_long() {
        assert_eq!(
            DisplayName::parse("  Ann   Lee ").unwrap().as_str(),
            "Ann Lee"
        );
        assert_eq!(
            DisplayName::parse("José Núñez").unwrap().as_str(),
            "José Núñez"
        );
        for bad in ["", "   ", "Ann\u{7}Lee"] {
            assert!(DisplayName::parse(bad).is_err(), "{bad:?}");
        }
        assert!(DisplayName::parse(&"a".repeat(MAX_DISPLAY_NAME)).is_ok());
        assert!(DisplayName::parse(&"a".repeat(MAX_DISPLAY_NAME + 1)).is_err());
    }

    #[test]
    fn professions_round_trip() {
        for p in Profession::ALL {
            assert_eq!(Profession::parse(p.as_str()), Some(p));
        }
        assert_eq!(Profession::parse("surgeon"), None);
    }
}
