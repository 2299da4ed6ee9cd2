//! backcare's one calendar date, without a date crate: the core takes dates as values and
//! never reads the clock.
//!
//! Every crate uses this type (the plan and diary weeks, the articles' review dates, the
//! FHIR crate's synthetic responses); the web crate converts to and from `time::Date` in one
//! place at its edge. One type means one parser, one error message and one calendar.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A date in the proleptic Gregorian calendar, written `YYYY-MM-DD` in JSON.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(try_from = "String", into = "String")]
#[schemars(with = "DateSchema")]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// The JSON Schema stand-in for [`Date`]: a string in `YYYY-MM-DD` form.
#[derive(JsonSchema)]
#[schemars(rename = "Date")]
#[allow(dead_code)] // Only its schema is used.
struct DateSchema(
    #[schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$"), extend("format" = "date"))] String,
);

/// A date that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadDate {
    /// Not in `YYYY-MM-DD` form.
    #[error("{0:?} is not a date: write it as YYYY-MM-DD, like \"2025-03-17\"")]
    Format(String),
    /// The year is outside 1900-2999.
    #[error("{0:?}: the year must be between 1900 and 2999")]
    Year(String),
    /// The month is not 1-12.
    #[error("{0:?}: the month must be between 01 and 12")]
    Month(String),
    /// The day does not exist in that month.
    #[error("{text:?} is not a real date: that month has {days} days")]
    Day {
        /// The text given.
        text: String,
        /// Days in that month.
        days: u8,
    },
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(year) => 29,
        _ => 28,
    }
}

impl Date {
    /// The earliest year accepted.
    pub const MIN_YEAR: u16 = 1900;
    /// The latest year accepted.
    pub const MAX_YEAR: u16 = 2999;
    /// 1970-01-01, day 0 of Unix time: a caller holding a day count from a clock adds it.
    pub const UNIX_EPOCH: Date = Date {
        year: 1970,
        month: 1,
        day: 1,
    };

    /// Builds a date from its parts, checking that it exists.
    pub fn new(year: u16, month: u8, day: u8) -> Result<Date, BadDate> {
        Date::parse(&format!("{year:04}-{month:02}-{day:02}"))
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Date, BadDate> {
        let bad = || BadDate::Format(text.to_owned());
        let b = text.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits(0..4) {
            return Err(bad());
        }
        if !digits(5..7) || !digits(8..10) {
            return Err(bad());
        }
        let year: u16 = text[0..4].parse().map_err(|_| bad())?;
        let month: u8 = text[5..7].parse().map_err(|_| bad())?;
        let day: u8 = text[8..10].parse().map_err(|_| bad())?;
        if !(Date::MIN_YEAR..=Date::MAX_YEAR).contains(&year) {
            return Err(BadDate::Year(text.to_owned()));
        }
        if !(1..=12).contains(&month) {
            return Err(BadDate::Month(text.to_owned()));
        }
        let days = days_in_month(i64::from(year), month);
        if day == 0 || day > days {
            return Err(BadDate::Day {
                text: text.to_owned(),
                days,
            });
        }
        Ok(Date { year, month, day })
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1-12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1-31.
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    fn to_days(self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date from days since 1970-01-01 (Howard Hinnant's `civil_from_days`).
    fn from_days(z: i64) -> (i64, u8, u8) {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        // The ranges are guaranteed by the algorithm: 1 <= m <= 12, 1 <= d <= 31.
        (y, m as u8, d as u8)
    }

    /// The date `days` days later (earlier when negative). Saturates at the accepted years.
    pub fn add_days(self, days: i64) -> Date {
        let (y, month, day) = Date::from_days(self.to_days() + days);
        let lo = Date {
            year: Date::MIN_YEAR,
            month: 1,
            day: 1,
        };
        let hi = Date {
            year: Date::MAX_YEAR,
            month: 12,
            day: 31,
        };
        if y < i64::from(Date::MIN_YEAR) {
            lo
        } else if y > i64::from(Date::MAX_YEAR) {
            hi
        } else {
            // In range by the checks above.
            Date {
                year: y as u16,
                month,
                day,
            }
        }
    }

    /// Whole days from `self` to `other` (negative when `other` is earlier).
    pub fn days_until(self, other: Date) -> i64 {
        other.to_days() - self.to_days()
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for Date {
    type Err = BadDate;
    fn from_str(s: &str) -> Result<Date, BadDate> {
        Date::parse(s)
    }
}

impl TryFrom<String> for Date {
    type Error = BadDate;
    fn try_from(s: String) -> Result<Date, BadDate> {
        Date::parse(&s)
    }
}

impl From<Date> for String {
    fn from(d: Date) -> String {
        d.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One row: text, then `Ok(days to add, expected)` or `Err(part of the message)`.
    type Row<'a> = (&'a str, Result<(i64, &'a str), &'a str>);

    fn check(cases: &[Row]) {
        for (text, want) in cases {
            let got = Date::parse(text);
            match (got, want) {
                (Ok(d), Ok((add, expected))) => {
                    assert_eq!(d.to_string(), *text, "round trip of {text}");
                    assert_eq!(d.add_days(*add).to_string(), *expected, "{text} + {add}");
                    assert_eq!(d.days_until(d.add_days(*add)), *add, "{text} + {add}");
                }
                (Err(e), Err(part)) => {
                    assert!(e.to_string().contains(part), "{text}: {e}");
                }
                (got, want) => panic!("{text}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn dates() {
        check(&[
            ("2025-03-17", Ok((0, "2025-03-17"))),
            ("2025-03-17", Ok((6, "2025-03-23"))),
            ("2025-12-29", Ok((7, "2026-01-05"))),
            ("2024-02-28", Ok((1, "2024-02-29"))),
            ("2023-02-28", Ok((1, "2023-03-01"))),
            ("2000-02-29", Ok((365, "2001-02-28"))),
            ("1970-01-01", Ok((-1, "1969-12-31"))),
            ("2025-01-01", Ok((83, "2025-03-25"))),
            ("2025-03-01", Ok((-1, "2025-02-28"))),
            ("2100-02-28", Ok((1, "2100-03-01"))),
            ("2025-02-29", Err("that month has 28 days")),
            ("1900-02-29", Err("that month has 28 days")),
            ("2025-04-31", Err("that month has 30 days")),
            ("2025-13-01", Err("month must be between 01 and 12")),
            ("2025-00-10", Err("month must be between 01 and 12")),
            ("2025-01-00", Err("is not a real date")),
            ("1800-01-01", Err("year must be between")),
            ("2025-3-17", Err("write it as YYYY-MM-DD")),
            ("17/03/2025", Err("write it as YYYY-MM-DD")),
            ("", Err("write it as YYYY-MM-DD")),
            ("2025-03-1x", Err("write it as YYYY-MM-DD")),
            ("+025-03-17", Err("write it as YYYY-MM-DD")),
        ]);
    }

    #[test]
    fn serde_is_a_string() {
        let d: Date = serde_json::from_str("\"2025-03-17\"").unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"2025-03-17\"");
        let e = serde_json::from_str::<Date>("\"2025-02-30\"").unwrap_err();
        assert!(e.to_string().contains("not a real date"), "{e}");
    }
}
