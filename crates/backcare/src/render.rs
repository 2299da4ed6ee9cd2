//! The readable summary printed after an assessment.
//!
//! The triage comes first, always: a person who reads only the first lines still gets
//! the advice that matters most.

use std::io::{self, Write};

use backcare_core::instruments::Outcome;
use backcare_core::patterns::Fit;
use backcare_core::triage::{Level, open};
use backcare_core::{Assessment, Intake, Lang, Text};
use console::{Style, style};

/// Interface text for the summary.
mod ui {
    use backcare_core::lang::{Text, t};
    pub const WHY: Text = t("Why", "Por qué");
    pub const BECAUSE: Text = t("Because of", "Debido a");
    pub const SOURCE: Text = t("Source", "Fuente");
    pub const RULE: Text = t("rule", "regla");
    pub const RULES: Text = t("rules", "reglas");
    pub const PATTERNS: Text = t("Pattern of your pain", "Tipo de dolor");
    pub const LIKELY: Text = t("fits well", "encaja bien");
    pub const POSSIBLE: Text = t("possible", "posible");
    pub const MET: Text = t("Signs that fit", "Señales que encajan");
    pub const SCORES: Text = t("Scores", "Puntuaciones");
    pub const CODES: Text = t(
        "Codes for your clinician",
        "Códigos para su profesional sanitario",
    );
    pub const PAIN: Text = t("Pain", "Dolor");
    pub const NOW: Text = t("now", "ahora");
    pub const AVERAGE: Text = t("average", "media");
    pub const WORST: Text = t("worst", "peor");
    pub const TOTAL: Text = t("total", "total");
    pub const DISTRESS: Text = t("distress", "malestar");
    pub const JSON_HINT: Text = t(
        "For the full result as JSON, add --format json.",
        "Para ver el resultado completo en JSON, añada --format json.",
    );
}

fn level_style(level: Level) -> Style {
    match level {
        Level::Emergency => Style::new().white().on_red().bold(),
        Level::Urgent => Style::new().black().on_yellow().bold(),
        Level::Soon => Style::new().cyan().bold(),
        Level::SelfCare => Style::new().green().bold(),
    }
}

/// Writes wrapped paragraphs: a first-line marker, then an indent for the lines after.
struct Printer<'a, W: Write> {
    out: &'a mut W,
    width: usize,
}

impl<W: Write> Printer<'_, W> {
    fn para(&mut self, marker: &str, text: &str, look: &Style) -> io::Result<()> {
        let indent = " ".repeat(console::measure_text_width(marker));
        let lines = crate::interactive::wrap(text, self.width, &indent);
        for (i, line) in lines.iter().enumerate() {
            let body = line.get(indent.len()..).unwrap_or(line);
            let lead = if i == 0 { marker } else { indent.as_str() };
            writeln!(self.out, "{lead}{}", look.apply_to(body))?;
        }
        Ok(())
    }

    fn heading(&mut self, text: Text, lang: Lang) -> io::Result<()> {
        writeln!(self.out, "\n{}", style(text.get(lang)).bold().underlined())
    }
}

/// Prints the summary of `result` in the intake's language, wrapped to the terminal.
pub fn summary(out: &mut impl Write, intake: &Intake, result: &Assessment) -> io::Result<()> {
    let term = console::Term::stdout();
    let width = if term.is_term() {
        usize::from(term.size().1).clamp(40, 100)
    } else {
        88
    };
    let mut p = Printer { out, width };
    let lang = intake.language;
    let triage = &result.triage;
    let plain = Style::new();
    let dim = Style::new().dim();
    writeln!(
        p.out,
        "{}",
        level_style(triage.level).apply_to(format!(" {} ", triage.title))
    )?;
    p.para("", &triage.action, &Style::new().bold())?;

    let open = open::open(intake, triage);
    if let Some(notice) = &open.notice {
        p.para("! ", notice, &Style::new().yellow().bold())?;
    }

    p.heading(ui::WHY, lang)?;
    // Reasons that rest on a definite answer at the deciding level are shown in full;
    // lower ones are named once after them, so their milder advice cannot contradict the
    // action. Those that fired only because an answer was "don't know" or skipped are
    // said once, grouped by concern, with one safe action: one by one they repeat the
    // same concern several times.
    for reason in triage.deciding() {
        let marker = format!("{} ", level_style(reason.level).apply_to("●"));
        p.para(&marker, &reason.advice, &plain)?;
        if !reason.because.is_empty() {
            p.para(
                "  ",
                &format!("{}: {}", ui::BECAUSE.get(lang), reason.because.join("; ")),
                &dim,
            )?;
        }
        let cite = format!(
            "{} {} · {}: {}",
            ui::RULE.get(lang),
            reason.rule_id,
            ui::SOURCE.get(lang),
            reason.source
        );
        p.para("  ", &cite, &dim)?;
    }
    if let Some(also) = triage.also_tell(lang) {
        p.para("○ ", &also, &plain)?;
        let rules: Vec<&str> = triage.below().map(|r| r.rule_id).collect();
        p.para(
            "  ",
            &format!("{}: {}", ui::RULES.get(lang), rules.join(", ")),
            &dim,
        )?;
    }
    if let (Some(list), Some(advice), Some(level)) = (&open.list, &open.advice, open.level) {
        // At the deciding level the open answers are advice; below it, a note for later.
        let (marker, look) = if level == triage.level {
            (format!("{} ", level_style(level).apply_to("●")), &plain)
        } else {
            ("○ ".to_owned(), &dim)
        };
        p.para(&marker, &format!("{list} {advice}"), look)?;
        let rules: Vec<&str> = triage
            .reasons
            .iter()
            .filter(|r| !r.certain)
            .map(|r| r.rule_id)
            .collect();
        p.para(
            "  ",
            &format!("{}: {}", ui::RULES.get(lang), rules.join(", ")),
            &dim,
        )?;
    }

    p.heading(ui::PATTERNS, lang)?;
    if let Some(note) = &result.patterns_withheld {
        p.para("", note, &plain)?;
    }
    for pat in &result.patterns {
        let fit = match pat.fit {
            Fit::Likely => ui::LIKELY,
            Fit::Possible => ui::POSSIBLE,
        };
        p.para(
            "• ",
            &format!("{} ({})", pat.name, fit.get(lang)),
            &Style::new().bold(),
        )?;
        p.para("  ", &pat.explanation, &plain)?;
        if !pat.met.is_empty() {
            p.para(
                "  ",
                &format!("{}: {}", ui::MET.get(lang), pat.met.join("; ")),
                &dim,
            )?;
        }
    }

    let score_lines = score_lines(result, lang);
    if !score_lines.is_empty() {
        p.heading(ui::SCORES, lang)?;
        for line in score_lines {
            p.para("• ", &line, &plain)?;
        }
    }

    if !result.codes.icd10cm.is_empty() || !result.codes.cpt.is_empty() {
        p.heading(ui::CODES, lang)?;
        p.para("", &result.codes.notice, &dim)?;
        for c in result.codes.icd10cm.iter().chain(&result.codes.cpt) {
            let cond = c
                .condition
                .as_deref()
                .map(|s| format!(" ({s})"))
                .unwrap_or_default();
            p.para("• ", &format!("{} {}{cond}", c.code, c.description), &plain)?;
        }
    }

    writeln!(p.out)?;
    p.para("", &result.disclaimer, &Style::new().italic())?;
    p.para("", ui::JSON_HINT.get(lang), &dim)?;
    Ok(())
}

/// One line per score, in plain words.
fn score_lines(result: &Assessment, lang: Lang) -> Vec<String> {
    let s = &result.scores;
    let mut lines = Vec::new();
    let nrs = [
        (ui::NOW, s.nrs.now),
        (ui::AVERAGE, s.nrs.average),
        (ui::WORST, s.nrs.worst),
    ];
    let rated: Vec<String> = nrs
        .iter()
        .filter_map(|(label, v)| v.map(|v| format!("{} {v}/10", label.get(lang))))
        .collect();
    if !rated.is_empty() {
        lines.push(format!("{}: {}", ui::PAIN.get(lang), rated.join(", ")));
    }
    match &s.start_back {
        Some(Outcome::Scored(sb)) => lines.push(format!(
            "STarT Back: {} ({} {}/9, {} {}/5). {}",
            sb.group.label().get(lang),
            ui::TOTAL.get(lang),
            sb.total,
            ui::DISTRESS.get(lang),
            sb.distress,
            sb.group.meaning().get(lang)
        )),
        Some(Outcome::Incomplete(m)) => lines.push(format!("STarT Back: {}", m.explain(lang))),
        None => {}
    }
    match &s.odi {
        Some(Outcome::Scored(odi)) => lines.push(format!(
            "Oswestry (ODI): {}% — {}. {}",
            odi.percent,
            odi.band.label().get(lang),
            odi.band.meaning().get(lang)
        )),
        Some(Outcome::Incomplete(m)) => lines.push(format!("Oswestry (ODI): {}", m.explain(lang))),
        None => {}
    }
    if let Some(rmdq) = &s.rmdq {
        lines.push(format!("Roland-Morris (RMDQ): {}/24", rmdq.score));
    }
    lines
}
