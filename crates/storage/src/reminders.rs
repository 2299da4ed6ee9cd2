//! Email reminders (issue 13, migration 0011): what a patient opted in to, who is to be
//! reminded, and the record of each reminder sent.
//!
//! The web app's reminder job decides *when* (the person's weekdays and time, in their time
//! zone); the store makes sure each reminder goes out **once**: [`Store::claim_reminder`]
//! inserts the (person, kind, day) row, and only the caller whose insert took it sends the
//! email. Two instances running the job at the same moment, or one running it late, cannot
//! send a second copy. A send that fails gives its claim back
//! ([`Store::release_reminder`]) so a later run tries again.
//!
//! The table `site_keys` holds the secret the unsubscribe links are signed with, shared by
//! every instance ([`Store::site_key`]).

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime, UtcOffset, Weekday};

use crate::error::{Result, classify, corrupt};
use crate::{Email, Error, Language, Store, UserId, secs};

/// How long the record of a sent reminder is kept: long enough that a check-in due date
/// is never reminded twice (a questionnaire is overdue after four weeks), then purged.
pub const REMINDERS_KEPT: time::Duration = time::Duration::days(90);

/// A set of weekdays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Weekdays(u8);

impl Weekdays {
    /// No day.
    pub const NONE: Weekdays = Weekdays(0);
    /// Monday to Friday.
    pub const WORKING_WEEK: Weekdays = Weekdays(0b001_1111);

    /// Every weekday, Monday first.
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    fn bit(day: Weekday) -> u8 {
        1 << day.number_days_from_monday()
    }

    /// The set holding exactly `days`.
    pub fn of(days: impl IntoIterator<Item = Weekday>) -> Self {
        Weekdays(days.into_iter().fold(0, |bits, d| bits | Self::bit(d)))
    }

    /// Whether `day` is in the set.
    pub fn contains(self, day: Weekday) -> bool {
        self.0 & Self::bit(day) != 0
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The days in the set, Monday first.
    pub fn days(self) -> impl Iterator<Item = Weekday> {
        Self::ALL.into_iter().filter(move |d| self.contains(*d))
    }

    fn from_db(bits: i16) -> Result<Self> {
        u8::try_from(bits)
            .ok()
            .filter(|b| *b < 128)
            .map(Weekdays)
            .ok_or_else(|| corrupt(format!("reminder weekdays {bits} are out of range")))
    }
}

/// A time of day, to the minute (00:00 to 23:59), in the person's own time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TimeOfDay(u16);

impl TimeOfDay {
    /// 00:00.
    pub const MIDNIGHT: TimeOfDay = TimeOfDay(0);

    /// The minute after midnight, if it is one (0 to 1439).
    pub fn from_minutes(minutes: u16) -> Option<Self> {
        (minutes < 24 * 60).then_some(TimeOfDay(minutes))
    }

    /// Reads `HH:MM` (24-hour, as an HTML time field sends it; seconds, if sent, must be
    /// `:00`). The error says what is wrong in plain words.
    pub fn parse(text: &str) -> std::result::Result<Self, String> {
        let plain = || format!("{text:?} is not a time of day like 18:30");
        let mut parts = text.trim().split(':');
        let (Some(h), Some(m)) = (parts.next(), parts.next()) else {
            return Err(plain());
        };
        if !matches!(parts.next(), None | Some("00")) || parts.next().is_some() {
            return Err(plain());
        }
        let number = |s: &str, below: u16| {
            (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u16>().ok())
                .flatten()
                .filter(|n| *n < below)
        };
        match (number(h, 24), number(m, 60)) {
            (Some(h), Some(m)) => Ok(TimeOfDay(h * 60 + m)),
            _ => Err(plain()),
        }
    }

    /// Minutes after midnight.
    pub fn minutes(self) -> u16 {
        self.0
    }
}

impl std::fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

/// What a patient asked to be reminded of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reminders {
    /// The weekdays of the exercise-day reminder (empty: none).
    pub exercise_days: Weekdays,
    /// The time of day reminders are sent at, in the person's time zone.
    pub at: TimeOfDay,
    /// Whether to be told when a check-in questionnaire is due.
    pub reassessment: bool,
}

impl Reminders {
    /// Whether this asks for any reminder at all.
    pub fn any(&self) -> bool {
        !self.exercise_days.is_empty() || self.reassessment
    }
}

/// A kind of reminder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReminderKind {
    /// "Your plan for today is ready", on the chosen weekdays.
    ExerciseDay,
    /// "A check-in is due", once per due date.
    Reassessment,
}

impl ReminderKind {
    /// The name stored (and logged).
    pub fn as_str(self) -> &'static str {
        match self {
            ReminderKind::ExerciseDay => "exercise",
            ReminderKind::Reassessment => "reassessment",
        }
    }
}

/// A patient to remind: their address, language, time zone and choices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderRecipient {
    /// The patient.
    pub user: UserId,
    /// Their (verified) email.
    pub email: Email,
    /// Their own offset from UTC, if they chose one.
    pub utc_offset: Option<UtcOffset>,
    /// The language to write in, if known.
    pub language: Option<Language>,
    /// What they asked for.
    pub reminders: Reminders,
}

/// The reminders part of a person's data export.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderExport {
    /// The weekdays of the exercise-day reminder (`monday`...), empty when off.
    pub exercise_days: Vec<String>,
    /// The time they are sent at (`HH:MM`, the person's time zone); absent when off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    /// Whether check-in reminders are on.
    pub reassessment: bool,
    /// Each reminder sent: its kind and the day it was for.
    pub sent: Vec<SentReminder>,
}

/// One reminder sent, in an export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentReminder {
    /// `exercise` or `reassessment`.
    pub kind: String,
    /// The day it was for, `YYYY-MM-DD`.
    pub day: String,
}

impl ReminderExport {
    pub(crate) fn new(settings: Option<Reminders>, sent: Vec<(ReminderKind, Date)>) -> Self {
        let settings = settings.unwrap_or(Reminders {
            exercise_days: Weekdays::NONE,
            at: TimeOfDay(0),
            reassessment: false,
        });
        ReminderExport {
            exercise_days: settings
                .exercise_days
                .days()
                .map(|d| d.to_string().to_lowercase())
                .collect(),
            at: settings.any().then(|| settings.at.to_string()),
            reassessment: settings.reassessment,
            sent: sent
                .into_iter()
                .map(|(kind, day)| SentReminder {
                    kind: kind.as_str().to_owned(),
                    day: day.to_string(),
                })
                .collect(),
        }
    }
}

type SettingsRow = (i16, i16, bool);
type RecipientRow = (i64, String, Option<i64>, Option<String>, i16, i16, bool);

fn reminders_from_row((days, at, reassessment): SettingsRow) -> Result<Reminders> {
    Ok(Reminders {
        exercise_days: Weekdays::from_db(days)?,
        at: u16::try_from(at)
            .ok()
            .and_then(TimeOfDay::from_minutes)
            .ok_or_else(|| corrupt(format!("reminder time {at} is out of range")))?,
        reassessment,
    })
}

const UPSERT_REMINDERS: &str = "INSERT INTO reminder_settings \
       (user_id, exercise_days, at_minute, reassessment, updated_at) VALUES ($1, $2, $3, $4, $5) \
     ON CONFLICT (user_id) DO UPDATE SET exercise_days = excluded.exercise_days, \
       at_minute = excluded.at_minute, reassessment = excluded.reassessment, \
       updated_at = excluded.updated_at";

/// Patients with reminders on and an email shown to be theirs: a reminder never goes to an
/// address nobody confirmed (a typo would send someone else a stranger's reminders).
const RECIPIENTS: &str = "SELECT u.id, u.email, u.utc_offset_minutes, u.language, \
       r.exercise_days, r.at_minute, r.reassessment \
     FROM reminder_settings r JOIN users u ON u.id = r.user_id \
     WHERE u.role = 'patient' AND u.email_verified_at IS NOT NULL ORDER BY u.id";

impl Store {
    /// What `user` asked to be reminded of; `None` when reminders are off.
    pub async fn reminders(&self, user: UserId) -> Result<Option<Reminders>> {
        let row: Option<SettingsRow> = on!(self, pool => sqlx::query_as(
            "SELECT exercise_days, at_minute, reassessment FROM reminder_settings \
             WHERE user_id = $1",
        )
        .bind(user.0)
        .fetch_optional(pool)
        .await)?;
        row.map(reminders_from_row).transpose()
    }

    /// Turns reminders on with these choices, or (with `None`, or choices that ask for
    /// nothing) off. [`Error::NotFound`] if there is no such user.
    pub async fn set_reminders(
        &self,
        user: UserId,
        reminders: Option<&Reminders>,
        now: OffsetDateTime,
    ) -> Result<()> {
        match reminders.filter(|r| r.any()) {
            None => {
                on!(self, pool => sqlx::query("DELETE FROM reminder_settings WHERE user_id = $1")
                    .bind(user.0)
                    .execute(pool)
                    .await
                    .map(|_| ()))?;
                // Say so when there is no such user, as setting them does.
                self.user(user).await.map(|_| ())
            }
            Some(r) => {
                on!(self, pool => sqlx::query(UPSERT_REMINDERS)
                    .bind(user.0)
                    .bind(i16::from(r.exercise_days.0))
                    .bind(r.at.0.cast_signed())
                    .bind(r.reassessment)
                    .bind(secs(now))
                    .execute(pool)
                    .await
                    .map(|_| ()))
                // The only reference is the user: a foreign-key failure is `NotFound`.
                .map_err(|e| classify(e, "reminders"))
            }
        }
    }

    /// Every patient with reminders on whose email is verified, by id.
    pub async fn reminder_recipients(&self) -> Result<Vec<ReminderRecipient>> {
        let rows: Vec<RecipientRow> =
            on!(self, pool => sqlx::query_as(RECIPIENTS).fetch_all(pool).await)?;
        rows.into_iter()
            .map(|(id, email, offset, language, days, at, reassessment)| {
                Ok(ReminderRecipient {
                    user: UserId(id),
                    email: Email::parse(&email)
                        .map_err(|_| corrupt(format!("user {id}: the stored email")))?,
                    utc_offset: offset
                        .map(crate::accounts::offset_from_minutes)
                        .transpose()?,
                    language: language.as_deref().map(Language::from_db).transpose()?,
                    reminders: reminders_from_row((days, at, reassessment))?,
                })
            })
            .collect()
    }

    /// Takes the sending of `user`'s reminder of `kind` for `day` (their local day, or the
    /// due date of a check-in): true when this call took it, so the caller sends it; false
    /// when it was taken already, by this instance or another.
    pub async fn claim_reminder(
        &self,
        user: UserId,
        kind: ReminderKind,
        day: Date,
        now: OffsetDateTime,
    ) -> Result<bool> {
        let done = on!(self, pool => sqlx::query(
            "INSERT INTO reminders_sent (user_id, kind, day, sent_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (user_id, kind, day) DO NOTHING",
        )
        .bind(user.0)
        .bind(kind.as_str())
        .bind(day)
        .bind(secs(now))
        .execute(pool)
        .await
        .map(|done| done.rows_affected()))
        .map_err(|e| classify(e, "reminder"))?;
        Ok(done == 1)
    }

    /// Gives back a claim whose email could not be sent, so a later run tries again.
    pub async fn release_reminder(
        &self,
        user: UserId,
        kind: ReminderKind,
        day: Date,
    ) -> Result<()> {
        on!(self, pool => sqlx::query(
            "DELETE FROM reminders_sent WHERE user_id = $1 AND kind = $2 AND day = $3",
        )
        .bind(user.0)
        .bind(kind.as_str())
        .bind(day)
        .execute(pool)
        .await
        .map(|_| ()))?;
        Ok(())
    }

    /// The reminders sent to `user`, as (kind, day), oldest day first (for their export).
    pub async fn reminders_sent(&self, user: UserId) -> Result<Vec<(ReminderKind, Date)>> {
        let rows: Vec<(String, Date)> = on!(self, pool => sqlx::query_as(
            "SELECT kind, day FROM reminders_sent WHERE user_id = $1 ORDER BY day, kind",
        )
        .bind(user.0)
        .fetch_all(pool)
        .await)?;
        rows.into_iter()
            .map(|(kind, day)| {
                let kind = match kind.as_str() {
                    "exercise" => ReminderKind::ExerciseDay,
                    "reassessment" => ReminderKind::Reassessment,
                    other => return Err(corrupt(format!("unknown reminder kind {other:?}"))),
                };
                Ok((kind, day))
            })
            .collect()
    }

    /// The site key called `name`: the one stored, or else `fresh` (hex), which is stored
    /// now. Every instance on the database gets the same key, whoever stored it first.
    pub async fn site_key(&self, name: &str, fresh: &str, now: OffsetDateTime) -> Result<String> {
        if fresh.len() < 32 || !fresh.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(Error::Invalid(
                "a site key is at least 32 hexadecimal digits".into(),
            ));
        }
        on!(self, pool => {
            sqlx::query(
                "INSERT INTO site_keys (name, secret, created_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (name) DO NOTHING",
            )
            .bind(name)
            .bind(fresh)
            .bind(secs(now))
            .execute(pool)
            .await?;
            sqlx::query_scalar("SELECT secret FROM site_keys WHERE name = $1")
                .bind(name)
                .fetch_one(pool)
                .await
        })
        .map_err(Error::from)
    }
}

#[cfg(test)]
mod tests {
    use time::macros::{date, datetime};

    use super::*;
    use crate::{PasswordHash, Role};

    #[test]
    fn times_of_day_parse_in_plain_words() {
        assert_eq!(TimeOfDay::parse("18:30").unwrap().minutes(), 18 * 60 + 30);
        assert_eq!(TimeOfDay::parse("07:05:00").unwrap().to_string(), "07:05");
        assert_eq!(TimeOfDay::parse("00:00").unwrap().minutes(), 0);
        assert_eq!(TimeOfDay::parse("23:59").unwrap().minutes(), 1439);
        for bad in [
            "", "7:30", "24:00", "12:60", "12:30:15", "noon", "12:3a", "+1:30",
        ] {
            let e = TimeOfDay::parse(bad).unwrap_err();
            assert!(e.contains("is not a time of day like 18:30"), "{bad}: {e}");
        }
        assert_eq!(TimeOfDay::from_minutes(1440), None);
    }

    #[test]
    fn weekdays_are_a_set() {
        let days = Weekdays::of([Weekday::Sunday, Weekday::Monday]);
        assert!(days.contains(Weekday::Sunday) && !days.contains(Weekday::Tuesday));
        assert_eq!(
            days.days().collect::<Vec<_>>(),
            [Weekday::Monday, Weekday::Sunday]
        );
        assert_eq!(Weekdays::WORKING_WEEK.days().count(), 5);
        assert!(Weekdays::NONE.is_empty());
    }

    async fn reminders_story(store: &Store) {
        let now = datetime!(2026-12-01 08:00 UTC);
        let hash = PasswordHash::new("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA").unwrap();
        let ann = store
            .create_user(
                &Email::parse("ann@example.org").unwrap(),
                &hash,
                Role::Patient,
                now,
            )
            .await
            .unwrap();
        assert_eq!(store.reminders(ann.id).await.unwrap(), None);
        let choice = Reminders {
            exercise_days: Weekdays::of([Weekday::Tuesday, Weekday::Thursday]),
            at: TimeOfDay::parse("18:30").unwrap(),
            reassessment: true,
        };
        store
            .set_reminders(ann.id, Some(&choice), now)
            .await
            .unwrap();
        assert_eq!(store.reminders(ann.id).await.unwrap(), Some(choice));
        // An unverified email is nobody's to remind yet.
        assert_eq!(store.reminder_recipients().await.unwrap(), []);
        let link = crate::TokenHash::new("cd".repeat(32)).unwrap();
        store
            .create_mail_token(
                &link,
                ann.id,
                crate::MailPurpose::Verify,
                &ann.email,
                now,
                now + time::Duration::hours(1),
            )
            .await
            .unwrap();
        store.verify_email_with_token(&link, now).await.unwrap();
        let recipients = store.reminder_recipients().await.unwrap();
        assert_eq!(recipients.len(), 1);
        assert_eq!(
            (recipients[0].user, recipients[0].reminders),
            (ann.id, choice)
        );

        // Once per (kind, day), whoever asks.
        let day = date!(2026 - 12 - 01);
        assert!(
            store
                .claim_reminder(ann.id, ReminderKind::ExerciseDay, day, now)
                .await
                .unwrap()
        );
        assert!(
            !store
                .claim_reminder(ann.id, ReminderKind::ExerciseDay, day, now)
                .await
                .unwrap()
        );
        assert!(
            store
                .claim_reminder(ann.id, ReminderKind::Reassessment, day, now)
                .await
                .unwrap()
        );
        // A failed send gives the claim back.
        store
            .release_reminder(ann.id, ReminderKind::Reassessment, day)
            .await
            .unwrap();
        assert_eq!(
            store.reminders_sent(ann.id).await.unwrap(),
            [(ReminderKind::ExerciseDay, day)]
        );

        // Choices that ask for nothing turn reminders off.
        let nothing = Reminders {
            exercise_days: Weekdays::NONE,
            reassessment: false,
            ..choice
        };
        store
            .set_reminders(ann.id, Some(&nothing), now)
            .await
            .unwrap();
        assert_eq!(store.reminders(ann.id).await.unwrap(), None);
        assert!(matches!(
            store.set_reminders(UserId(9999), Some(&choice), now).await,
            Err(Error::NotFound)
        ));
        assert!(matches!(
            store.set_reminders(UserId(9999), None, now).await,
            Err(Error::NotFound)
        ));

        // One key for everyone: the first one stored.
        let first = store
            .site_key("unsubscribe", &"a1".repeat(32), now)
            .await
            .unwrap();
        let second = store
            .site_key("unsubscribe", &"b2".repeat(32), now)
            .await
            .unwrap();
        assert_eq!(
            (first.as_str(), second.as_str()),
            (&*"a1".repeat(32), &*"a1".repeat(32))
        );
        assert!(matches!(
            store.site_key("other", "short", now).await,
            Err(Error::Invalid(_))
        ));
    }

    crate::testing::stories_on_both_backends!(
        reminders_on_sqlite,
        reminders_on_postgres,
        "storage_reminders",
        [reminders_story]
    );
}
