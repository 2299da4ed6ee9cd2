//! The `backcare` command: assess back pain in the terminal, in English or Spanish.
//!
//! This is the only crate that reads files, talks to the terminal and maps errors to
//! exit codes: 0 success, 1 failure, 2 bad input (a usage error or an intake that does not
//! parse or validate). The clinical work is all in `backcare-core`.

mod backup_cmd;
mod bulk_cmd;
mod client_cmd;
mod input;
mod interactive;
mod library_cmd;
mod mail_args;
mod plan_cmd;
mod render;
mod serve_cmd;
mod token_cmd;
mod user_cmd;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use backcare_core::{Lang, assess, triage};
use clap::{Parser, Subcommand, ValueEnum};

/// backcare: trustworthy back-pain self-assessment, built on published guidelines.
///
/// It screens for warning signs, tells you how urgently to seek care and from whom,
/// recognises the pattern of your pain and scores validated measures.
/// It supports decisions; it does not diagnose.
#[derive(Debug, Parser)]
#[command(name = "backcare", version, about, long_about)]
struct Cli {
    /// When to use colour: auto (only in a terminal, honouring NO_COLOR), always or never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    color: ColorChoice,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Answer the questions (or give an answers file) and get a result.
    ///
    /// Without --answers, asks the questions in the terminal: use the arrow keys or numbers
    /// to choose, b to go back, s to skip, q to quit. It stops at once if an answer needs
    /// emergency care.
    #[command(
        after_help = "Examples:\n  backcare assess\n  backcare assess --lang es\n  backcare assess --answers examples/emergency-cauda-equina.json\n  backcare assess --answers - --format json < answers.json"
    )]
    Assess {
        /// Read answers from this JSON file instead of asking ("-" for standard input).
        /// The format is described in docs/intake.md.
        #[arg(long, short = 'a', value_name = "FILE")]
        answers: Option<PathBuf>,
        /// Language for questions and results. Defaults to the answers file's "language", or English.
        #[arg(long, short = 'l', value_parser = parse_lang)]
        lang: Option<Lang>,
        /// Output format.
        #[arg(long, short = 'f', value_enum, default_value_t = Format::Text)]
        format: Format,
        /// A JSON file with an organisation's licensed wording of STarT Back, ODI or RMDQ,
        /// shown instead of backcare's own plain-language prompts (see docs/instruments.md).
        #[arg(long, value_name = "FILE")]
        wording: Option<PathBuf>,
    },
    /// Print the triage rule table as Markdown, for clinical review.
    Rules {
        /// Language of the table.
        #[arg(long, short = 'l', value_parser = parse_lang, default_value = "en")]
        lang: Lang,
    },
    /// Print the JSON Schema of the intake (answers) format.
    Schema,
    /// This week's exercise and activity plan, in the terminal or as a printable handout.
    ///
    /// The plan follows your answers (it is withheld if they need a clinician first), your
    /// preferences and the weeks you have logged: it progresses, holds or steps back.
    #[command(
        after_help = "Examples:\n  backcare plan --answers examples/self-care-lifting-strain.json\n  backcare plan --answers examples/self-care-lifting-strain.json --history examples/history.json --preferences examples/preferences.json\n  backcare plan --answers examples/self-care-sciatica-es.json --format pdf -o plan.pdf --paper a4"
    )]
    Plan {
        /// The intake answers (JSON, see docs/intake.md; "-" for standard input).
        #[arg(long, short = 'a', value_name = "FILE")]
        answers: PathBuf,
        /// Past weekly check-ins (JSON, see docs/plan.md).
        #[arg(long, value_name = "FILE")]
        history: Option<PathBuf>,
        /// Preferences: minutes a day, days a week, equipment, goals (JSON, see docs/plan.md).
        #[arg(long, value_name = "FILE")]
        preferences: Option<PathBuf>,
        /// The week to plan; defaults to the week after the last check-in.
        #[arg(long)]
        week: Option<u16>,
        /// Language; defaults to the answers file's "language".
        #[arg(long, short = 'l', value_parser = parse_lang)]
        lang: Option<Lang>,
        /// Output format.
        #[arg(long, short = 'f', value_enum, default_value_t = plan_cmd::PlanFormat::Text)]
        format: plan_cmd::PlanFormat,
        /// Write to this file instead of the terminal (needed for pdf).
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
        /// Paper size for the PDF.
        #[arg(long, value_enum, default_value_t = plan_cmd::PaperChoice::A4)]
        paper: plan_cmd::PaperChoice,
    },
    /// Search the education articles, in English or Spanish.
    Search(library_cmd::SearchArgs),
    /// Read an education article in the terminal (or as HTML).
    Read(library_cmd::ReadArgs),
    /// Run the web app (by default on http://127.0.0.1:8080, data in a local directory).
    #[command(
        after_help = "Examples:\n  backcare serve --demo\n  backcare serve --bind 0.0.0.0:8080 --secure-cookies --database-url postgres://backcare@localhost/backcare"
    )]
    // Boxed: its many options would make every `Command` as large as it.
    Serve(Box<serve_cmd::ServeArgs>),
    /// Copy the SQLite database to a file, safely while `serve` runs.
    #[command(
        after_help = "Examples:\n  backcare backup --to backcare-2026-12-02.sqlite3\n  backcare backup --data-dir /var/lib/backcare --to /backups/backcare-$(date +%F).sqlite3\n\nFor PostgreSQL use pg_dump (see docs/deploy.md)."
    )]
    Backup(backup_cmd::BackupArgs),
    /// Put a backup made by `backcare backup` into a data directory.
    #[command(
        after_help = "Examples:\n  backcare restore --from backcare-2026-12-02.sqlite3 --data-dir /var/lib/backcare-new\n  backcare restore --from /backups/last.sqlite3 --data-dir /var/lib/backcare --force"
    )]
    Restore(backup_cmd::RestoreArgs),
    /// Manage accounts, e.g. create a clinician account.
    User {
        #[command(subcommand)]
        command: user_cmd::UserCommand,
    },
    /// Manage API tokens for the FHIR API (/fhir): add, list, revoke.
    Token {
        #[command(subcommand)]
        command: token_cmd::TokenCommand,
    },
    /// Manage backend services clients of the FHIR API (SMART): add, list, remove.
    Client {
        #[command(subcommand)]
        command: client_cmd::ClientCommand,
    },
    /// Score FHIR Bulk Data files of QuestionnaireResponses, or make synthetic ones.
    Bulk {
        #[command(subcommand)]
        command: bulk_cmd::BulkCommand,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// A readable summary.
    Text,
    /// The full result as JSON (triage, patterns, scores, codes).
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse()
        .map_err(|e: backcare_core::lang::UnknownLang| e.to_string())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.color {
        ColorChoice::Auto => {}
        ColorChoice::Always => console::set_colors_enabled(true),
        ColorChoice::Never => console::set_colors_enabled(false),
    }
    match run(cli.command) {
        Ok(code) => code,
        // `backcare rules | head` closes the pipe early; that is not an error.
        Err(err)
            if err
                .downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(err) => {
            let code = if err.is::<input::BadInput>() { 2 } else { 1 };
            eprintln!(
                "{} {err:#}",
                console::style("error:").red().bold().for_stderr()
            );
            ExitCode::from(code)
        }
    }
}

fn run(command: Command) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    match command {
        Command::Assess {
            answers,
            lang,
            format,
            wording,
        } => {
            let wording = wording.as_deref().map(input::read_wording).transpose()?;
            let asked = answers.is_none();
            let intake = match answers {
                Some(path) => {
                    let mut intake = input::read_intake(&path)?;
                    if let Some(lang) = lang {
                        intake.language = lang;
                    }
                    intake
                }
                None => match interactive::run(lang.unwrap_or_default(), wording.as_ref())? {
                    Some(intake) => intake,
                    None => return Ok(ExitCode::from(1)),
                },
            };
            let result = assess(&intake);
            match format {
                Format::Json => {
                    serde_json::to_writer_pretty(&mut out, &result)?;
                    writeln!(out)?;
                }
                Format::Text => {
                    render::summary(&mut out, &intake, &result)?;
                    if asked && let Some(more) = interactive::follow_up(&intake, wording.as_ref())?
                    {
                        render::summary(&mut out, &more, &assess(&more))?;
                    }
                }
            }
        }
        Command::Rules { lang } => write!(
            out,
            "{}\n{}\n{}",
            triage::rules_markdown(lang),
            backcare_core::plan::rules::restrictions_markdown(lang),
            backcare_content::exercises::unverified_markdown(lang)
        )?,
        Command::Schema => {
            serde_json::to_writer_pretty(&mut out, &backcare_core::intake::schema())?;
            writeln!(out)?;
        }
        Command::Plan {
            answers,
            history,
            preferences,
            week,
            lang,
            format,
            output,
            paper,
        } => {
            let args = plan_cmd::PlanArgs {
                answers,
                history,
                preferences,
                week,
                lang,
                format,
                output,
                paper,
            };
            plan_cmd::run(args, &mut out)?;
        }
        Command::Search(args) => return library_cmd::search(&mut out, args),
        Command::Read(args) => return library_cmd::read(&mut out, args),
        Command::Serve(args) => return serve_cmd::run(*args),
        Command::Backup(args) => return backup_cmd::backup(args),
        Command::Restore(args) => return backup_cmd::restore(args),
        Command::User { command } => return user_cmd::run(command),
        Command::Token { command } => return token_cmd::run(command),
        Command::Client { command } => return client_cmd::run(command),
        Command::Bulk { command } => return bulk_cmd::run(command),
    }
    Ok(ExitCode::SUCCESS)
}
