//! Which days a diary entry may be for: from the day the account was made (the date where
//! the person lives, as on the account page, else the server's) up to tomorrow (the
//! diary's own rule for time zones). Anything earlier, such as 1900-01-01, is before the
//! person used backcare at all: a typing mistake or a probe, refused with a plain message
//! that says the first day the diary can hold, instead of being stored and drawn in the
//! charts.

use backcare_storage::UserId;
use time::{Date, OffsetDateTime, UtcOffset};

use crate::AppState;
use crate::infra::clock::offset_for;

/// The earliest diary day of an account made at `made`, for a person whose clock is
/// `offset` ahead of UTC.
pub fn earliest_day(made: OffsetDateTime, offset: UtcOffset) -> Date {
    made.to_offset(offset).date()
}

/// [`earliest_day`] of `user`'s account, in their time zone (or the server's until they
/// choose one).
pub async fn earliest_for(state: &AppState, user: UserId) -> Result<Date, backcare_storage::Error> {
    let made = state.store.user(user).await?.created_at;
    Ok(earliest_day(made, offset_for(state, user).await?))
}

#[cfg(test)]
mod tests {
    use time::macros::{date, datetime, offset};

    use super::*;

    #[test]
    fn the_diary_starts_on_the_day_the_account_was_made_where_the_person_lives() {
        let made = datetime!(2026-12-02 23:30 UTC);
        assert_eq!(earliest_day(made, offset!(UTC)), date!(2026 - 12 - 02));
        // Half past midnight the next day in Madrid; still the evening before in New York.
        assert_eq!(earliest_day(made, offset!(+1)), date!(2026 - 12 - 03));
        assert_eq!(earliest_day(made, offset!(-5)), date!(2026 - 12 - 02));
    }
}
