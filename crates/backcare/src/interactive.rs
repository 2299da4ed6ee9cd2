//! Asking the intake questions in the terminal (filled in next).

use backcare_core::{Intake, Lang};

/// Asks every question, stopping early at an emergency answer.
pub fn run(lang: Lang) -> anyhow::Result<Intake> {
    Ok(Intake { language: lang, ..Intake::default() })
}
