//! The intake questions as form fields, and posted forms back into an [`Intake`]: shared by
//! the intake wizard and the page that answers a result's open questions.

use backcare_core::Intake;
use backcare_core::instruments::prompts::{self, Instrument};
use backcare_core::questions::{self, AnswerValue, ApplyError, Kind, Question};

use crate::infra::pages::Ctx;

/// The form field name of an instrument item.
fn item_name(item: &prompts::Item) -> String {
    format!("{}.{}", item.instrument.id(), item.key)
}

/// An HTML id from a field name (`history.cancer` -> `q-history-cancer`).
fn html_id(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("q-{clean}")
}

/// One answer option of a field.
#[derive(Debug)]
pub struct Opt {
    /// Its HTML id.
    pub id: String,
    /// The submitted value.
    pub value: &'static str,
    /// What the person reads.
    pub label: String,
    /// Whether it is chosen.
    pub checked: bool,
}

/// A number input's details.
#[derive(Debug)]
pub struct NumberInput {
    /// What is in the box.
    pub value: String,
    /// Smallest valid number.
    pub min: i64,
    /// Largest valid number.
    pub max: i64,
    /// The hint: range and unit.
    pub hint: String,
}

/// One question as shown: a group of radio buttons or checkboxes (in a fieldset), or a
/// number input.
#[derive(Debug)]
pub struct Field {
    /// HTML id (the fieldset's or the input's).
    pub id: String,
    /// The form field name.
    pub name: String,
    /// The question.
    pub prompt: String,
    /// An explanation under it.
    pub help: Option<String>,
    /// Checkboxes rather than radio buttons.
    pub multi: bool,
    /// Set for number questions.
    pub number: Option<NumberInput>,
    /// The options (choice questions).
    pub options: Vec<Opt>,
    /// What is wrong with the answer given.
    pub error: Option<String>,
    /// "This question matters for your safety": a safety question left empty once.
    pub again: Option<String>,
}

impl Field {
    /// The ids of the help, hint and error texts, for `aria-describedby`.
    pub fn describedby(&self) -> String {
        let mut ids = Vec::new();
        if self.help.is_some() {
            ids.push(format!("{}-help", self.id));
        }
        if self.number.is_some() {
            ids.push(format!("{}-hint", self.id));
        }
        if self.error.is_some() {
            ids.push(format!("{}-error", self.id));
        }
        if self.again.is_some() {
            ids.push(format!("{}-again", self.id));
        }
        ids.join(" ")
    }

    /// The input type of the options.
    pub fn input_type(&self) -> &'static str {
        if self.multi { "checkbox" } else { "radio" }
    }
}

/// What the person has chosen or typed for one field: from the saved answers, or from a
/// form sent back with errors.
enum Shown<'a> {
    Saved(Option<AnswerValue>),
    Posted(&'a [(String, String)]),
}

impl Shown<'_> {
    fn chosen(&self, name: &str, value: &str) -> bool {
        match self {
            Shown::Saved(Some(AnswerValue::Choice(v))) => v == value,
            Shown::Saved(Some(AnswerValue::Multi(vs))) => vs.iter().any(|v| v == value),
            Shown::Saved(_) => false,
            Shown::Posted(pairs) => pairs.iter().any(|(k, v)| k == name && v == value),
        }
    }

    fn typed(&self, name: &str) -> String {
        match self {
            Shown::Saved(Some(AnswerValue::Number(n))) => n.to_string(),
            Shown::Saved(_) => String::new(),
            Shown::Posted(pairs) => posted(pairs, name).unwrap_or_default().to_owned(),
        }
    }
}

/// About how long one safety question takes to read and answer, for the time estimate.
const SECONDS_PER_QUESTION: usize = 8;

/// The safety questions ([`Question::is_safety`]) that apply to `intake`, in the order
/// asked: what the check (`/check`) asks.
pub fn safety_questions(intake: &Intake) -> impl Iterator<Item = &'static Question> + '_ {
    questions::questions()
        .iter()
        .filter(|q| q.is_safety() && q.applies(intake))
}

/// The questions of `candidates` to show together on one screen. A question whose
/// condition reads another question of the same screen that is not answered yet waits
/// until that one has been answered, and then comes as a follow-up: nobody is asked a
/// question that their answer next to it rules out ("Are you pregnant?" beside "Male"),
/// and a skipped answer still asks it, since conditions ask when in doubt.
pub fn on_one_screen(candidates: &[&'static Question], intake: &Intake) -> Vec<&'static Question> {
    candidates
        .iter()
        .copied()
        .filter(|q| {
            !q.ask_if.refers_to().iter().any(|r| {
                candidates.iter().any(|c| c.id == *r)
                    && questions::find(r).is_some_and(|r| questions::current(intake, r).is_none())
            })
        })
        .collect()
}

/// How many questions the check asks a person with no answers yet, and about how many
/// minutes that takes (rounded up): the home page and the check's first screen say so.
pub fn check_length() -> (usize, usize) {
    // The same for every request (the questionnaire is compiled in): worked out once.
    static LENGTH: std::sync::OnceLock<(usize, usize)> = std::sync::OnceLock::new();
    *LENGTH.get_or_init(|| {
        let n = safety_questions(&Intake::default()).count();
        (n, (n * SECONDS_PER_QUESTION).div_ceil(60).max(1))
    })
}

/// The first value posted for `name`, if any.
pub fn posted<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn question_field(ctx: &Ctx, q: &Question, shown: &Shown<'_>, error: Option<String>) -> Field {
    let lang = ctx.lang;
    let id = html_id(q.id);
    let (number, multi) = match q.kind {
        Kind::Number { min, max, unit } => (
            Some(NumberInput {
                value: shown.typed(q.id),
                min,
                max,
                hint: ctx.t_args(
                    "intake-number-hint",
                    &[
                        ("min", &min.to_string()),
                        ("max", &max.to_string()),
                        ("unit", unit.get(lang)),
                    ],
                ),
            }),
            false,
        ),
        Kind::Multi(_) => (None, true),
        _ => (None, false),
    };
    let options = q
        .kind
        .choices()
        .iter()
        .map(|c| Opt {
            id: format!("{id}-{}", c.value),
            value: c.value,
            label: c.label.get(lang).to_owned(),
            checked: shown.chosen(q.id, c.value),
        })
        .collect();
    Field {
        id,
        name: q.id.to_owned(),
        prompt: q.prompt.get(lang).to_owned(),
        help: q.help.map(|h| h.get(lang).to_owned()),
        multi,
        number,
        options,
        error,
        again: None,
    }
}

/// The fields of `asked`: with the saved answers, or with a form posted back with
/// `errors`, each message by its field.
pub fn question_fields(
    ctx: &Ctx,
    asked: &[&'static Question],
    intake: &Intake,
    posted: Option<&[(String, String)]>,
    errors: &[(&'static str, String)],
) -> Vec<Field> {
    asked
        .iter()
        .map(|q| {
            let shown = match posted {
                Some(p) => Shown::Posted(p),
                None => Shown::Saved(questions::current(intake, q)),
            };
            let error = errors
                .iter()
                .find(|(id, _)| *id == q.id)
                .map(|(_, m)| m.clone());
            question_field(ctx, q, &shown, error)
        })
        .collect()
}

/// One item of a scored questionnaire as a group of radio buttons, `chosen` checked.
pub fn item_field(ctx: &Ctx, item: &prompts::Item, chosen: Option<&str>) -> Field {
    let name = item_name(item);
    let id = html_id(&name);
    let (prompt, labels) = prompts::render(item, ctx.lang, None);
    let options = item
        .choices
        .iter()
        .zip(labels)
        .map(|(c, label)| Opt {
            id: format!("{id}-{}", c.value),
            value: c.value,
            label: label.to_owned(),
            checked: chosen == Some(c.value),
        })
        .collect();
    Field {
        id,
        name,
        prompt: format!("{}. {prompt}", item.number()),
        help: None,
        multi: false,
        number: None,
        options,
        error: None,
        again: None,
    }
}

/// Writes the answers to `asked`; returns the messages for the fields that were wrong.
pub fn apply_section(
    ctx: &Ctx,
    intake: &mut Intake,
    asked: &[&'static Question],
    pairs: &[(String, String)],
) -> Vec<(&'static str, String)> {
    let mut errors = Vec::new();
    for q in asked {
        let values: Vec<&str> = pairs
            .iter()
            .filter(|(k, v)| k == q.id && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
            .collect();
        let answer = match (q.kind, values.first()) {
            (_, None) => None,
            (Kind::Multi(_), Some(_)) => Some(AnswerValue::Multi(
                values.iter().map(|v| (*v).to_owned()).collect(),
            )),
            (Kind::Number { .. }, Some(v)) => match v.parse::<i64>() {
                Ok(n) => Some(AnswerValue::Number(n)),
                Err(_) => {
                    errors.push((q.id, ctx.t("intake-error-number")));
                    continue;
                }
            },
            (_, Some(v)) => Some(AnswerValue::choice(v)),
        };
        match answer {
            None => questions::clear(intake, q),
            Some(a) => match questions::apply(intake, q, &a) {
                Ok(()) => {}
                Err(ApplyError::OutOfRange { source, .. }) => errors.push((
                    q.id,
                    ctx.t_args(
                        "intake-error-range",
                        &[
                            ("min", &source.min.to_string()),
                            ("max", &source.max.to_string()),
                        ],
                    ),
                )),
                Err(_) => errors.push((q.id, ctx.t("intake-error-choice"))),
            },
        }
    }
    errors
}

/// Writes one instrument's answers: the answers given replace the earlier ones, and an
/// item not answered is a skip.
pub fn apply_instrument(intake: &mut Intake, instrument: Instrument, pairs: &[(String, String)]) {
    match instrument {
        Instrument::StartBack => intake.start_back = None,
        Instrument::Odi => intake.odi = None,
        Instrument::Rmdq => intake.rmdq = None,
    }
    for item in prompts::items(instrument) {
        if let Some(value) = posted(pairs, &item_name(item)) {
            // Only the item's own choices are accepted; anything else is a skip.
            let _ = prompts::apply(intake, item, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_ids_are_made_of_safe_characters() {
        assert_eq!(html_id("history.cancer"), "q-history-cancer");
    }
}
