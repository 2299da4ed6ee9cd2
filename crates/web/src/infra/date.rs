//! The one place where the web crate crosses between `time::Date` (the store's columns and
//! the clock) and backcare's own date, [`backcare_core::Date`] (the plan, the charts, the
//! records), and where a date typed into a form is read: with the core's parser, so every
//! front end accepts and refuses the same dates.

use backcare_core::Date;

/// A `time` date as the core's date (`None` outside the core's years, 1900-2999).
pub fn core_date(d: time::Date) -> Option<Date> {
    let year = u16::try_from(d.year()).ok()?;
    Date::new(year, u8::from(d.month()), d.day()).ok()
}

/// The core's date as a `time` date. Every core date is one (`None` never happens; an
/// `Option` rather than a panic all the same).
pub fn time_date(d: Date) -> Option<time::Date> {
    let month = time::Month::try_from(d.month()).ok()?;
    time::Date::from_calendar_date(i32::from(d.year()), month, d.day()).ok()
}

/// A date typed as `YYYY-MM-DD` (spaces around it are ignored), read by the core's parser;
/// `None` for anything it refuses. The page shows its own message in the reader's language.
pub fn parse(text: &str) -> Option<time::Date> {
    Date::parse(text.trim()).ok().and_then(time_date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_cross_both_ways_and_forms_use_the_core_parser() {
        let d = parse(" 2024-02-29 ").unwrap();
        assert_eq!(d.to_string(), "2024-02-29");
        assert_eq!(core_date(d).and_then(time_date), Some(d));
        assert_eq!(
            core_date(d).map(|c| c.to_string()).as_deref(),
            Some("2024-02-29")
        );
        for bad in [
            "2023-02-29",
            "2024-2-29",
            "29/02/2024",
            "1899-12-31",
            "3000-01-01",
            "",
        ] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
        let far = time::Date::from_calendar_date(3000, time::Month::January, 1).unwrap();
        assert_eq!(core_date(far), None);
    }
}
