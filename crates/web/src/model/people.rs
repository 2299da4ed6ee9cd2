//! Who is who on the pages: a patient as a clinician sees them (name, age and date of birth,
//! the email second) and a clinician as a patient sees them (name and profession), and the
//! form fields that ask for these.
//!
//! Name and date of birth together are how a clinical record tells two people apart, so a
//! patient gives both before their record is shared ([`Need::Required`]); everywhere else
//! they are optional.

use backcare_storage::{DisplayName, Profession, Profile};
use serde::Deserialize;
use time::Date;

use crate::infra::date;
use crate::infra::pages::Ctx;

/// Whether a form may leave a field empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Empty is fine.
    Optional,
    /// Empty is an error.
    Required,
}

/// Age in whole years on `today` (0 for a date of birth after it). Someone born on 29
/// February has their birthday on 28 February in other years, as the law of most places
/// counts it.
pub fn age_on(birth: Date, today: Date) -> i32 {
    let month = u8::from(birth.month());
    let day = if month == 2 && birth.day() == 29 && !time::util::is_leap_year(today.year()) {
        28
    } else {
        birth.day()
    };
    let had_birthday = (u8::from(today.month()), today.day()) >= (month, day);
    (today.year() - birth.year() - i32::from(!had_birthday)).max(0)
}

/// A patient as a clinician's pages show them.
#[derive(Debug, Clone)]
pub struct PatientLabel {
    /// Their name, or their email when they have not given one.
    pub name: String,
    /// "58 years · born 1968-02-29", when they gave a date of birth.
    pub born: Option<String>,
    /// Their email, shown second (empty when it is already the name).
    pub email: String,
}

/// How a clinician sees a patient: by name, age and date of birth, on the patient's own
/// `today`; by email until the patient has given a name.
pub fn patient_label(ctx: &Ctx, email: &str, profile: &Profile, today: Date) -> PatientLabel {
    let born = profile.birth_date.map(|b| {
        ctx.t_args(
            "person-age-born",
            &[
                ("years", &age_on(b, today).to_string()),
                ("date", &b.to_string()),
            ],
        )
    });
    match &profile.name {
        Some(name) => PatientLabel {
            name: name.to_string(),
            born,
            email: email.to_owned(),
        },
        None => PatientLabel {
            name: email.to_owned(),
            born,
            email: String::new(),
        },
    }
}

/// The words for a profession, in the page's language.
pub fn profession_words(ctx: &Ctx, p: Profession) -> String {
    ctx.t(match p {
        Profession::Physiotherapist => "profession-physiotherapist",
        Profession::Gp => "profession-gp",
        Profession::Nurse => "profession-nurse",
        Profession::Other => "profession-other",
    })
}

/// How a patient sees a clinician: "Sam Lee, physiotherapist", as much of it as the
/// clinician gave, else their email.
pub fn clinician_label(ctx: &Ctx, email: &str, profile: &Profile) -> String {
    let name = profile
        .name
        .as_ref()
        .map_or_else(|| email.to_owned(), ToString::to_string);
    match profile.profession {
        Some(p) => ctx.t_args(
            "person-with-profession",
            &[("name", &name), ("profession", &profession_words(ctx, p))],
        ),
        None => name,
    }
}

/// The profile fields of a form, as typed (any of them may be absent from a form).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ProfileInput {
    /// The name.
    pub name: String,
    /// The date of birth, `YYYY-MM-DD`.
    pub birth_date: String,
    /// The profession's id ([`Profession::as_str`]).
    pub profession: String,
}

/// A form's profile fields: which it asks, what is in them, and what to fix.
#[derive(Debug, Clone, Default)]
pub struct ProfileFields {
    /// Ask for the name.
    pub ask_name: bool,
    /// Ask for the date of birth.
    pub ask_birth_date: bool,
    /// Ask for the profession.
    pub ask_profession: bool,
    /// The fields must be filled in.
    pub required: bool,
    /// What is in the fields.
    pub input: ProfileInput,
    /// The latest date of birth the field offers (today, `YYYY-MM-DD`).
    pub max_date: String,
    /// The message next to the name.
    pub name_error: Option<String>,
    /// The message next to the date of birth.
    pub birth_date_error: Option<String>,
    /// The message next to the profession.
    pub profession_error: Option<String>,
    /// The professions to choose from: (id, words).
    pub professions: Vec<(&'static str, String)>,
}

impl ProfileFields {
    /// A patient's fields (name and date of birth), filled with `profile`.
    pub fn patient(ctx: &Ctx, profile: &Profile, today: Date, need: Need) -> Self {
        Self {
            ask_name: true,
            ask_birth_date: true,
            required: need == Need::Required,
            max_date: today.to_string(),
            ..Self::filled(ctx, profile)
        }
    }

    /// A clinician's fields (name and profession), filled with `profile`.
    pub fn clinician(ctx: &Ctx, profile: &Profile) -> Self {
        Self {
            ask_name: true,
            ask_profession: true,
            ..Self::filled(ctx, profile)
        }
    }

    fn filled(ctx: &Ctx, profile: &Profile) -> Self {
        Self {
            input: ProfileInput {
                name: profile
                    .name
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                birth_date: profile
                    .birth_date
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                profession: profile
                    .profession
                    .map(|p| p.as_str().to_owned())
                    .unwrap_or_default(),
            },
            professions: Profession::ALL
                .into_iter()
                .map(|p| (p.as_str(), profession_words(ctx, p)))
                .collect(),
            ..Self::default()
        }
    }

    /// Whether any field has a message.
    pub fn any_error(&self) -> bool {
        self.name_error.is_some()
            || self.birth_date_error.is_some()
            || self.profession_error.is_some()
    }

    /// Reads what was typed into the fields this form asks for, on the person's `today`:
    /// the profile `old` with those fields replaced, or `None` when a field needs fixing
    /// (its message is then set). The fields keep what was typed either way, to show again.
    pub fn read(
        &mut self,
        ctx: &Ctx,
        input: ProfileInput,
        old: &Profile,
        today: Date,
    ) -> Option<Profile> {
        let mut profile = old.clone();
        let empty = |s: &str| s.trim().is_empty();
        if self.ask_name {
            if empty(&input.name) {
                profile.name = None;
                if self.required {
                    self.name_error = Some(ctx.t("profile-error-name-missing"));
                }
            } else {
                match DisplayName::parse(&input.name) {
                    Ok(name) => profile.name = Some(name),
                    Err(_) => self.name_error = Some(ctx.t("profile-error-name")),
                }
            }
        }
        if self.ask_birth_date {
            if empty(&input.birth_date) {
                profile.birth_date = None;
                if self.required {
                    self.birth_date_error = Some(ctx.t("profile-error-birth-date-missing"));
                }
            } else {
                match date::parse(&input.birth_date) {
                    Some(d) if d > today => {
                        self.birth_date_error = Some(ctx.t("profile-error-birth-date-future"));
                    }
                    Some(d) => profile.birth_date = Some(d),
                    None => self.birth_date_error = Some(ctx.t("profile-error-birth-date")),
                }
            }
        }
        if self.ask_profession {
            if empty(&input.profession) {
                profile.profession = None;
            } else {
                match Profession::parse(input.profession.trim()) {
                    Some(p) => profile.profession = Some(p),
                    None => self.profession_error = Some(ctx.t("profile-error-profession")),
                }
            }
        }
        self.input = input;
        (!self.any_error()).then_some(profile)
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn ages_count_whole_years_and_leap_day_birthdays() {
        for (birth, today, age) in [
            (date!(1968 - 05 - 10), date!(2026 - 05 - 09), 57),
            (date!(1968 - 05 - 10), date!(2026 - 05 - 10), 58),
            (date!(1968 - 05 - 30), date!(2026 - 05 - 29), 57),
            (date!(1968 - 02 - 29), date!(2026 - 02 - 27), 57),
            (date!(1968 - 02 - 29), date!(2026 - 02 - 28), 58),
            (date!(1968 - 02 - 29), date!(2028 - 02 - 28), 59),
            (date!(1968 - 02 - 29), date!(2028 - 02 - 29), 60),
            (date!(2026 - 12 - 04), date!(2026 - 12 - 04), 0),
            (date!(2026 - 12 - 05), date!(2026 - 12 - 04), 0),
        ] {
            assert_eq!(age_on(birth, today), age, "{birth} on {today}");
        }
    }
}
