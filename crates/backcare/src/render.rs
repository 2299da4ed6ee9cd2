//! The readable summary printed after an assessment.
//!
//! The triage comes first, always: a person who reads only the first lines still gets
//! the advice that matters most.

use std::io::{self, Write};

use backcare_core::instruments::Outcome;
use backcare_core::patterns::Fit;
use backcare_core::triage::Level;
use backcare_core::{Assessment, Intake, Lang, Text};
use console::{Style, style};

/// Interface text for the summary.
mod ui {
    use backcare_core::lang::{Text, t};
    pub const WHY: Text = t("Why", "Por qué");
    pub const BECAUSE: Text = t("Because of", "Debido a");
    pub const NOT_SURE: Text = t("Not answered or not sure", "Sin respuesta o no está seguro");
    pub const SOURCE: Text = t("Source", "Fuente");
    pub const RULE: Text = t("rule", "regla");
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

fn heading(out: &mut impl Write, text: Text, lang: Lang) -> io::Result<()> {
    writeln!(out, "\n{}", style(text.get(lang)).bold().underlined())
}

/// Prints the summary of `result` in the intake's language.
pub fn summary(out: &mut impl Write, intake: &Intake, result: &Assessment) -> io::Result<()> {
    let lang = intake.language;
    let triage = &result.triage;
    let banner = level_style(triage.level);
    writeln!(out, "{}", banner.apply_to(format!(" {} ", triage.title)))?;
    writeln!(out, "{}", style(&triage.action).bold())?;

    heading(out, ui::WHY, lang)?;
    for reason in &triage.reasons {
        let marker = level_style(reason.level).apply_to("●");
        writeln!(out, "{marker} {}", reason.advice)?;
        if !reason.because.is_empty() {
            let label = if reason.certain {
                ui::BECAUSE
            } else {
                ui::NOT_SURE
            };
            writeln!(
                out,
                "  {}: {}",
                style(label.get(lang)).dim(),
                reason.because.join("; ")
            )?;
        }
        writeln!(
            out,
            "  {}",
            style(format!(
                "{} {} · {}: {}",
                ui::RULE.get(lang),
                reason.rule_id,
                ui::SOURCE.get(lang),
                reason.source
            ))
            .dim()
        )?;
    }

    heading(out, ui::PATTERNS, lang)?;
    for p in &result.patterns {
        let fit = match p.fit {
            Fit::Likely => ui::LIKELY,
            Fit::Possible => ui::POSSIBLE,
        };
        writeln!(out, "• {} ({})", style(&p.name).bold(), fit.get(lang))?;
        writeln!(out, "  {}", p.explanation)?;
        if !p.met.is_empty() {
            writeln!(
                out,
                "  {}: {}",
                style(ui::MET.get(lang)).dim(),
                p.met.join("; ")
            )?;
        }
    }

    let score_lines = score_lines(result, lang);
    if !score_lines.is_empty() {
        heading(out, ui::SCORES, lang)?;
        for line in score_lines {
            writeln!(out, "• {line}")?;
        }
    }

    if !result.codes.icd10cm.is_empty() || !result.codes.cpt.is_empty() {
        heading(out, ui::CODES, lang)?;
        writeln!(out, "{}", style(&result.codes.notice).dim())?;
        for c in result.codes.icd10cm.iter().chain(&result.codes.cpt) {
            let cond = c
                .condition
                .as_deref()
                .map(|s| format!(" ({s})"))
                .unwrap_or_default();
            writeln!(out, "• {} {}{cond}", style(c.code).bold(), c.description)?;
        }
    }

    writeln!(out, "\n{}", style(&result.disclaimer).italic())?;
    writeln!(out, "{}", style(ui::JSON_HINT.get(lang)).dim())?;
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
