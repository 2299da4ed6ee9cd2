//! The exercise library, parsed from `exercises/*.toml`.

use std::sync::OnceLock;

use backcare_core::Lang;
use backcare_core::exercise::{Exercise, ExerciseId};

/// A data file that does not parse.
#[derive(Debug, thiserror::Error)]
#[error("{file}: {message}")]
pub struct BadFile {
    /// The file name.
    pub file: String,
    /// What is wrong.
    pub message: String,
}

/// Parses every exercise file, in file-name order.
pub fn parse_all() -> Result<Vec<Exercise>, BadFile> {
    crate::files::EXERCISES
        .iter()
        .map(|(file, text)| {
            let ex: Exercise = toml::from_str(text).map_err(|e| BadFile {
                file: (*file).to_owned(),
                message: e.to_string(),
            })?;
            if format!("{}.toml", ex.id) != *file {
                return Err(BadFile {
                    file: (*file).to_owned(),
                    message: format!("id {:?} does not match the file name", ex.id.as_str()),
                });
            }
            Ok(ex)
        })
        .collect()
}

/// The whole library. The files are checked by tests, so this cannot fail in a release.
pub fn library() -> &'static [Exercise] {
    static LIBRARY: OnceLock<Vec<Exercise>> = OnceLock::new();
    LIBRARY.get_or_init(|| parse_all().unwrap_or_else(|e| panic!("exercise library: {e}")))
}

/// One exercise by id.
pub fn get(id: &ExerciseId) -> Option<&'static Exercise> {
    library().iter().find(|e| &e.id == id)
}

/// Every fact in the library that no primary source has been checked for yet, with its
/// exercise, in file order.
pub fn unverified() -> Vec<(&'static ExerciseId, &'static str)> {
    library()
        .iter()
        .flat_map(|e| e.unverified.iter().map(move |u| (&e.id, u.as_str())))
        .collect()
}

/// The unverified facts as Markdown, for clinical review (`backcare rules`): their number,
/// then each one.
pub fn unverified_markdown(lang: Lang) -> String {
    let all = unverified();
    let exercises = all
        .iter()
        .map(|(id, _)| *id)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let (title, count) = match lang {
        Lang::En => (
            "## Exercise facts not yet checked against a primary source",
            format!(
                "{} facts in {exercises} of {} exercises (the `unverified` field of each exercise file).",
                all.len(),
                library().len()
            ),
        ),
        Lang::Es => (
            "## Datos de ejercicios aún sin comprobar en una fuente primaria",
            format!(
                "{} datos en {exercises} de {} ejercicios (el campo `unverified` de cada archivo de ejercicio). Se muestran en inglés.",
                all.len(),
                library().len()
            ),
        ),
    };
    let mut out = format!("{title}\n\n{count}\n\n");
    for (id, fact) in all {
        out.push_str(&format!("- {id}: {fact}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_library_parses() {
        super::parse_all().unwrap();
    }
}
