//! Pieces of pages that more than one area shows: score lines, diary entries, times.

use backcare_core::instruments::{Outcome, Scores};
use time::OffsetDateTime;

use crate::infra::pages::Ctx;

/// How much [`score_lines`] says about each score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// The score, its band and what the band means (for the person who answered).
    Full,
    /// The score and its band (for a clinician scanning a record).
    Brief,
}

/// One line per score of an assessment: pain ratings, STarT Back, ODI, RMDQ.
pub fn score_lines(ctx: &Ctx, s: &Scores, detail: Detail) -> Vec<String> {
    let lang = ctx.lang;
    let meaning = |text: &str| match detail {
        Detail::Full => format!(". {text}"),
        Detail::Brief => String::new(),
    };
    let mut lines = Vec::new();
    let rated: Vec<String> = [
        ("result-pain-now", s.nrs.now),
        ("result-pain-average", s.nrs.average),
        ("result-pain-worst", s.nrs.worst),
    ]
    .iter()
    .filter_map(|(key, v)| v.map(|v| format!("{} {v}/10", ctx.t(key))))
    .collect();
    if !rated.is_empty() {
        lines.push(format!("{}: {}", ctx.t("result-pain"), rated.join(", ")));
    }
    match &s.start_back {
        Some(Outcome::Scored(sb)) => lines.push(format!(
            "STarT Back: {} ({}/9, {} {}/5){}",
            sb.group.label().get(lang),
            sb.total,
            ctx.t("result-distress"),
            sb.distress,
            meaning(sb.group.meaning().get(lang))
        )),
        Some(Outcome::Incomplete(m)) => lines.push(format!("STarT Back: {}", m.explain(lang))),
        None => {}
    }
    match &s.odi {
        Some(Outcome::Scored(odi)) => lines.push(format!(
            "Oswestry (ODI): {}% — {}{}",
            odi.percent,
            odi.band.label().get(lang),
            meaning(odi.band.meaning().get(lang))
        )),
        Some(Outcome::Incomplete(m)) => lines.push(format!("Oswestry (ODI): {}", m.explain(lang))),
        None => {}
    }
    if let Some(rmdq) = &s.rmdq {
        lines.push(format!("Roland-Morris (RMDQ): {}/24", rmdq.score));
    }
    lines
}

/// One listed entry, ready to show.
#[derive(Debug)]
pub struct EntryView {
    /// `YYYY-MM-DD`.
    pub day: String,
    /// Pain 0-10.
    pub pain: u8,
    /// Sessions done.
    pub sessions: u32,
    /// Minutes walked.
    pub minutes: u32,
    /// Whether there was a flare-up.
    pub flare_up: bool,
    /// The notes.
    pub notes: String,
}

/// `YYYY-MM-DD HH:MM UTC`.
pub fn when(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!("{} {:02}:{:02} UTC", t.date(), t.hour(), t.minute())
}

#[cfg(test)]
mod tests {
    use time::Date;

    use super::*;

    #[test]
    fn times_are_shown_in_utc() {
        let t = Date::from_calendar_date(2026, time::Month::November, 23)
            .unwrap()
            .with_hms(14, 5, 59)
            .unwrap()
            .assume_offset(time::UtcOffset::from_hms(1, 0, 0).unwrap());
        assert_eq!(when(t), "2026-11-23 13:05 UTC");
    }
}
