//! `backcare plan`: this week's exercise and activity plan, in the terminal or as a handout.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use backcare_content::handout;
use backcare_content::pdf::Paper;
use backcare_core::exercise::Dose;
use backcare_core::lang::{Text, t};
use backcare_core::plan::{self, Date, History, PlanStatus, Preferences, WeekPlan};
use backcare_core::{Intake, assess};
use console::style;

use crate::input::{self, BadInput};

/// Output formats of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PlanFormat {
    /// A readable summary in the terminal.
    Text,
    /// The plan as JSON.
    Json,
    /// A printable HTML handout with illustrations.
    Html,
    /// A PDF handout with illustrations.
    Pdf,
}

/// Paper size for the PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PaperChoice {
    /// ISO A4.
    A4,
    /// US Letter.
    Letter,
}

/// Everything `backcare plan` was asked for.
pub struct PlanArgs {
    /// The intake answers.
    pub answers: PathBuf,
    /// Past weekly check-ins.
    pub history: Option<PathBuf>,
    /// Preferences (time, days, equipment, goals).
    pub preferences: Option<PathBuf>,
    /// The week to plan.
    pub week: Option<u16>,
    /// Override of the answers' language.
    pub lang: Option<backcare_core::Lang>,
    /// Output format.
    pub format: PlanFormat,
    /// Output file.
    pub output: Option<PathBuf>,
    /// Paper for the PDF.
    pub paper: PaperChoice,
}

mod ui {
    use super::{Text, t};
    pub const WEEK: Text = t("Week", "Semana");
    pub const EXERCISES: Text = t("Exercises", "Ejercicios");
    pub const WALK: Text = t("Walking", "Caminar");
    pub const MIN_DAY: Text = t("minutes a day", "minutos al día");
    pub const READ: Text = t("To read", "Para leer");
    pub const AVOID: Text = t("Avoid for now", "Evite por ahora");
    pub const FLARE: Text = t("If it flares up", "Si aumenta el dolor");
    pub const CLINICIAN: Text = t("See a clinician", "Vea a un profesional");
    pub const NEXT: Text = t("Check in on", "Registre cómo va el");
    pub const REASSESS: Text = t("Questionnaires again on", "Cuestionarios de nuevo el");
    pub const WROTE: Text = t("Wrote", "Guardado");
    pub const HANDOUT_HINT: Text = t(
        "For a printable handout with pictures: --format html -o plan.html (or --format pdf -o plan.pdf).",
        "Para una hoja imprimible con dibujos: --format html -o plan.html (o --format pdf -o plan.pdf).",
    );
}

/// Today's date from the system clock; the core never reads the clock itself.
fn today() -> Date {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    Date::UNIX_EPOCH.add_days(days as i64)
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> anyhow::Result<T> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("could not read {}", path.display()))
        .map_err(|e| BadInput(format!("{e:#}")))?;
    Ok(input::parse_json(&text, &path.display().to_string())?)
}

/// Runs `backcare plan`.
pub fn run(args: PlanArgs, out: &mut impl Write) -> anyhow::Result<()> {
    let mut intake: Intake = input::read_intake(&args.answers)?;
    if let Some(lang) = args.lang {
        intake.language = lang;
    }
    let history = match &args.history {
        Some(path) => read_json::<History>(path)?,
        None => History::new(today(), Vec::new()).expect("an empty history is valid"),
    };
    let prefs = match &args.preferences {
        Some(path) => read_json::<Preferences>(path)?,
        None => Preferences::default(),
    };
    if let Some(week) = args.week
        && (week == 0 || week > plan::rules::MAX_WEEK)
    {
        let max = plan::rules::MAX_WEEK;
        return Err(BadInput(format!("--week must be between 1 and {max}, got {week}")).into());
    }
    let assessment = assess(&intake);
    let library = backcare_content::exercises::library();
    let week_plan = plan::plan(&intake, &assessment, library, &prefs, &history, args.week);

    let bytes: Vec<u8> = match args.format {
        PlanFormat::Text => {
            let mut buf = Vec::new();
            text(&mut buf, &week_plan)?;
            buf
        }
        PlanFormat::Json => {
            let mut buf = serde_json::to_vec_pretty(&week_plan)?;
            buf.push(b'\n');
            buf
        }
        PlanFormat::Html => handout::html(&week_plan).into_bytes(),
        PlanFormat::Pdf => {
            let paper = match args.paper {
                PaperChoice::A4 => Paper::A4,
                PaperChoice::Letter => Paper::Letter,
            };
            handout::pdf(&week_plan, paper)
        }
    };
    match &args.output {
        Some(path) => {
            std::fs::write(path, &bytes)
                .with_context(|| format!("could not write {}", path.display()))?;
            let lang = week_plan.language;
            eprintln!("{} {}", ui::WROTE.get(lang), path.display());
        }
        None if args.format == PlanFormat::Pdf => {
            return Err(BadInput("a PDF needs a file: add -o plan.pdf".to_owned()).into());
        }
        None => out.write_all(&bytes)?,
    }
    Ok(())
}

/// The plan in the terminal.
fn text(out: &mut impl Write, p: &WeekPlan) -> std::io::Result<()> {
    let lang = p.language;
    let l = |x: Text| x.get(lang);
    writeln!(
        out,
        "{}",
        style(format!(
            "{} {} · {} – {}",
            l(ui::WEEK),
            p.week,
            p.dates.start,
            p.dates.end
        ))
        .bold()
    )?;
    if let PlanStatus::Withheld {
        title,
        action,
        advice,
        ..
    } = &p.status
    {
        writeln!(out, "\n{}", style(title).red().bold())?;
        writeln!(out, "{action}")?;
        for a in advice {
            writeln!(out, "• {a}")?;
        }
        return Ok(());
    }
    writeln!(out, "{}", p.decision.reason())?;
    if let Some(note) = &p.see_clinician {
        writeln!(out, "\n{}: {note}", style(l(ui::CLINICIAN)).yellow().bold())?;
    }
    writeln!(out, "\n{}", style(l(ui::EXERCISES)).bold().underlined())?;
    for (i, e) in p.exercises.iter().enumerate() {
        writeln!(
            out,
            "{}. {} — {} · {}",
            i + 1,
            style(&e.name).bold(),
            e.dose.describe(lang),
            Dose::frequency(e.days_per_week, lang)
        )?;
        writeln!(out, "   {}", style(&e.reason).dim())?;
    }
    if let Some(a) = &p.activity {
        writeln!(
            out,
            "\n{}: {} {}",
            style(l(ui::WALK)).bold(),
            a.walking_minutes_per_day,
            l(ui::MIN_DAY)
        )?;
        writeln!(out, "   {}", style(&a.reason).dim())?;
    }
    if !p.avoid.is_empty() {
        writeln!(out, "\n{}", style(l(ui::AVOID)).bold())?;
        for a in &p.avoid {
            writeln!(out, "• {}", a.reason)?;
        }
    }
    if let Some(f) = &p.flare_advice {
        writeln!(out, "\n{}: {f}", style(l(ui::FLARE)).bold())?;
    }
    if !p.education.is_empty() {
        writeln!(out, "\n{}", style(l(ui::READ)).bold())?;
        for e in &p.education {
            let title = backcare_content::articles::get(e.article_id, lang)
                .map_or(e.article_id, |a| a.meta.title.as_str());
            writeln!(out, "• {title} (backcare read {})", e.article_id)?;
        }
    }
    writeln!(
        out,
        "\n{} {} · {} {}",
        l(ui::NEXT),
        p.dates.next_check_in,
        l(ui::REASSESS),
        p.dates.next_reassessment
    )?;
    writeln!(out, "{}", style(l(ui::HANDOUT_HINT)).dim())?;
    Ok(())
}
