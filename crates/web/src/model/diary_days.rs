//! Which days a diary entry may be for: from a year before the account was made (so someone
//! can copy in the notes they kept before joining) up to tomorrow (the diary's own rule for
//! time zones). Anything earlier, such as 1900-01-01, is a typing mistake or a probe, and
//! is refused with a plain message instead of being stored and shown in the charts.
//!
//! Why not exactly the day the account was made: a new patient's first visit often starts
//! by filling in the past days (the patient journey writes entries six and three days back
//! right after sign-up), and a year is far more than the weekly plan ever looks back.

use backcare_storage::{Store, UserId};
use time::{Date, Duration, OffsetDateTime};

/// How far before the account was made a diary day may be.
pub const CATCH_UP: Duration = Duration::days(365);

/// The earliest diary day of an account made at `made` (its UTC date: a year's margin makes
/// the person's time zone irrelevant).
pub fn earliest_day(made: OffsetDateTime) -> Date {
    made.date().checked_sub(CATCH_UP).unwrap_or(Date::MIN)
}

/// [`earliest_day`] of `user`'s account.
pub async fn earliest_for(store: &Store, user: UserId) -> Result<Date, backcare_storage::Error> {
    Ok(earliest_day(store.user(user).await?.created_at))
}

#[cfg(test)]
mod tests {
    use time::macros::{date, datetime};

    use super::*;

    #[test]
    fn a_year_before_the_account_is_the_limit() {
        assert_eq!(
            earliest_day(datetime!(2026-12-02 15:00 UTC)),
            date!(2025 - 12 - 02)
        );
        assert_eq!(
            earliest_day(datetime!(2024-02-29 00:00 UTC)),
            date!(2023 - 03 - 01)
        );
        assert_eq!(
            earliest_day(OffsetDateTime::new_utc(Date::MIN, time::Time::MIDNIGHT)),
            Date::MIN
        );
    }
}
