//! The one source of "now" for the web crate: [`Clock`], kept in the application state.
//!
//! The server runs on the system clock; tests run it ahead of the system clock by a shift
//! they move forward ([`Clock::advance`]), so a test of "two weeks later" writes nothing
//! back-dated. (Shifted rather than stopped, so two records made in one test never share
//! an instant and their order stays defined.)

use std::sync::{Arc, Mutex, PoisonError};

use backcare_storage::UserId;
use time::{Date, Duration, OffsetDateTime, UtcOffset};

use crate::AppState;

/// Where "now" comes from. Cheap to clone; clones of a fixed clock share one time, so a
/// test that advances its handle advances the server's.
#[derive(Debug, Clone, Default)]
pub enum Clock {
    /// The system clock.
    #[default]
    System,
    /// A time that moves only when told to ([`Clock::advance`]).
    Fixed(Arc<Mutex<OffsetDateTime>>),
    /// The system clock plus a shift that [`Clock::advance`] makes longer.
    Shifted(Arc<Mutex<Duration>>),
}

impl Clock {
    /// A clock stopped at `at`.
    pub fn fixed(at: OffsetDateTime) -> Self {
        Clock::Fixed(Arc::new(Mutex::new(at)))
    }

    /// The system clock, shifted by nothing yet.
    pub fn shifted() -> Self {
        Clock::Shifted(Arc::new(Mutex::new(Duration::ZERO)))
    }

    /// The current instant.
    pub fn now(&self) -> OffsetDateTime {
        match self {
            Clock::System => OffsetDateTime::now_utc(),
            // A poisoned lock still holds a valid time: a panicking test must not hide it.
            Clock::Fixed(at) => *at.lock().unwrap_or_else(PoisonError::into_inner),
            Clock::Shifted(by) => {
                OffsetDateTime::now_utc() + *by.lock().unwrap_or_else(PoisonError::into_inner)
            }
        }
    }

    /// Today's date where the clock on the wall is `offset` ahead of UTC.
    pub fn today(&self, offset: UtcOffset) -> Date {
        self.now().to_offset(offset).date()
    }

    /// Moves a fixed or shifted clock forward by `by`. The system clock cannot be moved:
    /// `false`.
    pub fn advance(&self, by: Duration) -> bool {
        match self {
            Clock::System => false,
            Clock::Fixed(at) => {
                let mut at = at.lock().unwrap_or_else(PoisonError::into_inner);
                *at += by;
                true
            }
            Clock::Shifted(shift) => {
                *shift.lock().unwrap_or_else(PoisonError::into_inner) += by;
                true
            }
        }
    }
}

/// Today's date for `user`: where they said on the account page that they live, or in UTC
/// until they say (a server cannot know a person's time zone; UTC is the same for all).
pub async fn today_for(state: &AppState, user: UserId) -> Result<Date, backcare_storage::Error> {
    let offset = state.store.utc_offset(user).await?;
    Ok(state.clock.today(offset.unwrap_or(UtcOffset::UTC)))
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    #[test]
    fn a_fixed_clock_moves_only_when_advanced_and_its_clones_follow() {
        let clock = Clock::fixed(datetime!(2026-11-20 23:30 UTC));
        let server = clock.clone();
        assert_eq!(server.now(), datetime!(2026-11-20 23:30 UTC));
        assert!(clock.advance(Duration::days(14)));
        assert_eq!(server.now(), datetime!(2026-12-04 23:30 UTC));
        assert!(!Clock::System.advance(Duration::days(1)));
        let shifted = Clock::shifted();
        let before = shifted.now();
        assert!(shifted.clone().advance(Duration::days(14)));
        let ahead = shifted.now() - before;
        assert!(ahead >= Duration::days(14) && ahead < Duration::days(14) + Duration::minutes(1));
    }

    #[test]
    fn today_is_the_date_on_the_patients_wall() {
        let clock = Clock::fixed(datetime!(2026-11-20 23:30 UTC));
        let madrid = UtcOffset::from_hms(1, 0, 0).unwrap();
        let lima = UtcOffset::from_hms(-5, 0, 0).unwrap();
        assert_eq!(clock.today(UtcOffset::UTC).to_string(), "2026-11-20");
        assert_eq!(clock.today(madrid).to_string(), "2026-11-21");
        assert_eq!(clock.today(lima).to_string(), "2026-11-20");
    }
}
