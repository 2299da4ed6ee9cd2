//! The one source of "now" for the web crate: [`Clock`], kept in the application state.
//!
//! The server runs on the system clock; tests run it ahead of the system clock by a shift
//! they move forward ([`Clock::advance`]), so a test of "two weeks later" writes nothing
//! back-dated. (Shifted rather than stopped, so two records made in one test never share
//! an instant and their order stays defined.)
//!
//! The clock also knows the server's own UTC offset, read once at start-up by the binary
//! (see [`Clock::in_zone`]): a person who has not said where they live gets the server's
//! date, which for a clinic's own server is the clinic's.

use std::sync::{Arc, Mutex, PoisonError};

use backcare_storage::UserId;
use time::{Date, Duration, OffsetDateTime, UtcOffset};

use crate::AppState;

/// Where "now" comes from, and the server's UTC offset. Cheap to clone; clones of a fixed
/// or shifted clock share one time, so a test that advances its handle advances the
/// server's.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    source: Source,
    zone: Zone,
}

/// The server's UTC offset; UTC unless the binary read the machine's.
#[derive(Debug, Clone, Copy)]
struct Zone(UtcOffset);

impl Default for Zone {
    fn default() -> Self {
        Zone(UtcOffset::UTC)
    }
}

#[derive(Debug, Clone, Default)]
enum Source {
    /// The system clock.
    #[default]
    System,
    /// A time that moves only when told to ([`Clock::advance`]).
    Fixed(Arc<Mutex<OffsetDateTime>>),
    /// The system clock plus a shift that [`Clock::advance`] makes longer.
    Shifted(Arc<Mutex<Duration>>),
}

impl Clock {
    /// The system clock, in UTC until [`Clock::in_zone`] says otherwise.
    pub fn system() -> Self {
        Self::default()
    }

    /// A clock stopped at `at`.
    pub fn fixed(at: OffsetDateTime) -> Self {
        Self {
            source: Source::Fixed(Arc::new(Mutex::new(at))),
            zone: Zone::default(),
        }
    }

    /// The system clock, shifted by nothing yet.
    pub fn shifted() -> Self {
        Self {
            source: Source::Shifted(Arc::new(Mutex::new(Duration::ZERO))),
            zone: Zone::default(),
        }
    }

    /// This clock with the server's UTC offset: the date of a person who has not given
    /// theirs. The offset is fixed for the life of the process (reading the machine's
    /// zone is only sound before other threads start), so a server that should follow
    /// summer time is restarted at the change, or its people give their own offsets.
    #[must_use]
    pub fn in_zone(mut self, server: UtcOffset) -> Self {
        self.zone = Zone(server);
        self
    }

    /// The server's UTC offset.
    pub fn server_offset(&self) -> UtcOffset {
        self.zone.0
    }

    /// The current instant.
    pub fn now(&self) -> OffsetDateTime {
        match &self.source {
            Source::System => OffsetDateTime::now_utc(),
            // A poisoned lock still holds a valid time: a panicking test must not hide it.
            Source::Fixed(at) => *at.lock().unwrap_or_else(PoisonError::into_inner),
            Source::Shifted(by) => {
                OffsetDateTime::now_utc() + *by.lock().unwrap_or_else(PoisonError::into_inner)
            }
        }
    }

    /// Today's date where the clock on the wall is `offset` ahead of UTC, or the server's
    /// offset when `None`.
    pub fn today(&self, offset: Option<UtcOffset>) -> Date {
        self.now().to_offset(offset.unwrap_or(self.zone.0)).date()
    }

    /// Moves a fixed or shifted clock forward by `by`. The system clock cannot be moved:
    /// `false`.
    pub fn advance(&self, by: Duration) -> bool {
        match &self.source {
            Source::System => false,
            Source::Fixed(at) => {
                let mut at = at.lock().unwrap_or_else(PoisonError::into_inner);
                *at += by;
                true
            }
            Source::Shifted(shift) => {
                *shift.lock().unwrap_or_else(PoisonError::into_inner) += by;
                true
            }
        }
    }
}

/// Where `user` lives: the UTC offset they gave on the account page, or the server's until
/// they give one.
pub async fn offset_for(
    state: &AppState,
    user: UserId,
) -> Result<UtcOffset, backcare_storage::Error> {
    let offset = state.store.utc_offset(user).await?;
    Ok(offset.unwrap_or(state.clock.server_offset()))
}

/// Today's date for `user`, where they live ([`offset_for`]).
pub async fn today_for(state: &AppState, user: UserId) -> Result<Date, backcare_storage::Error> {
    Ok(state.clock.today(Some(offset_for(state, user).await?)))
}

/// `UTC+05:30`, `UTC-03:00`, or `UTC`.
pub fn zone_name(offset: UtcOffset) -> String {
    if offset.is_utc() {
        return "UTC".to_owned();
    }
    let sign = if offset.is_negative() { '-' } else { '+' };
    format!(
        "UTC{sign}{:02}:{:02}",
        offset.whole_hours().unsigned_abs(),
        offset.minutes_past_hour().unsigned_abs()
    )
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
        assert!(!Clock::system().advance(Duration::days(1)));
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
        assert_eq!(clock.today(Some(UtcOffset::UTC)).to_string(), "2026-11-20");
        assert_eq!(clock.today(Some(madrid)).to_string(), "2026-11-21");
        assert_eq!(clock.today(Some(lima)).to_string(), "2026-11-20");
    }

    #[test]
    fn without_an_offset_of_their_own_a_person_gets_the_servers_date() {
        let at = datetime!(2026-11-20 23:30 UTC);
        assert_eq!(Clock::fixed(at).today(None).to_string(), "2026-11-20");
        let madrid = UtcOffset::from_hms(1, 0, 0).unwrap();
        let clock = Clock::fixed(at).in_zone(madrid);
        assert_eq!(clock.server_offset(), madrid);
        assert_eq!(clock.today(None).to_string(), "2026-11-21");
        let lima = UtcOffset::from_hms(-5, 0, 0).unwrap();
        assert_eq!(clock.today(Some(lima)).to_string(), "2026-11-20");
    }
}
