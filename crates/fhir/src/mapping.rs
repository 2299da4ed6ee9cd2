//! From FHIR to the engine and back: a QuestionnaireResponse to an [`Intake`]; a result as
//! issued ([`IssuedResult`]) to Observations and Conditions; a [`WeekPlan`] to a CarePlan; a
//! whole record to a Bundle. Every clinical decision stays in `backcare_core`: this module
//! only moves values between shapes.
//!
//! Results are mapped from the record as issued, never from the engine run again, so a
//! stored assessment reads over FHIR as the person was told it (level, rules, scores and
//! codes) whatever today's rules say. A result just worked out is issued first
//! (`IssuedResult::from`, `IssuedScores::from`): one mapping serves both.

use backcare_core::codes::CodeSystem;
use backcare_core::instruments::prompts::{self, Instrument};
use backcare_core::instruments::{self, OdiBand, Outcome, RiskGroup, Scores};
use backcare_core::intake::{Intake, OutOfRange, Sex};
use backcare_core::lang::{Lang, t};
use backcare_core::plan::{PlanStatus, WeekPlan};
use backcare_core::questions::{self, AnswerValue as CoreAnswer, ApplyError, Kind, Section};
use backcare_core::record::{
    IssuedAssessment, IssuedCode, IssuedCodes, IssuedOutcome, IssuedResult, IssuedScores,
    IssuedTriage,
};

use crate::questionnaires::{Form, ScoreItem, instrument_link_id, section_link_id};
use crate::types::{
    Annotation, AnswerValue, BadPrimitive, Bundle, BundleEntry, BundleSearch, BundleType, CarePlan,
    CarePlanActivity, CarePlanDetail, CarePlanStatus, Code, CodeableConcept, Coding, Component,
    Condition, Decimal, Extension, ExtensionValue, Id, Issue, IssueSeverity, Meta, Observation,
    ObservationStatus, ObservationValue, OperationOutcome, Patient, PatientCommunication, Period,
    QrAnswer, QrItem, QrStatus, Quantity, QuestionnaireResponse, Reference, Resource, SearchMode,
    ServiceRequest, Tag, Timing, TimingRepeat,
};
use crate::{ANSWER_SYSTEM, CODE_SYSTEM, EXERCISE_SYSTEM, ICD10CM, LOINC, RULE_SYSTEM, UCUM};

// ---- QuestionnaireResponse -> Intake ------------------------------------------------------

/// Why a QuestionnaireResponse cannot be read as backcare's answers.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MappingError {
    /// An item that is in none of backcare's Questionnaires.
    #[error("linkId {link_id:?} is not an item of a backcare Questionnaire")]
    UnknownLinkId {
        /// The linkId.
        link_id: String,
    },
    /// An answer that does not fit its item.
    #[error("linkId {link_id:?}: {problem}")]
    BadAnswer {
        /// The linkId.
        link_id: String,
        /// What is wrong with the answer.
        problem: AnswerProblem,
    },
    /// The response was marked as entered in error.
    #[error("the response has status entered-in-error, so it is not scored")]
    EnteredInError,
    /// A `language` backcare does not speak.
    #[error("language {0:?} is not supported: use en or es")]
    UnknownLanguage(String),
}

/// What is wrong with one answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerProblem {
    /// A value of the wrong FHIR type.
    #[error("expected {expected}, found a {found}")]
    WrongType {
        /// What the item takes.
        expected: &'static str,
        /// The FHIR type given.
        found: &'static str,
    },
    /// More than one answer to an item that takes one.
    #[error("takes one answer, found {0}")]
    TooManyAnswers(usize),
    /// An answer with no value.
    #[error("an answer has no value")]
    NoValue,
    /// A code that is not one of the item's answers.
    #[error("{code:?} is not one of the answers ({choices})")]
    UnknownChoice {
        /// The code given.
        code: String,
        /// The codes allowed, comma-separated.
        choices: String,
    },
    /// A number outside the item's range.
    #[error("{0}")]
    OutOfRange(OutOfRange),
}

impl MappingError {
    /// The error as an OperationOutcome, pointing at the item at fault.
    pub fn to_operation_outcome(&self) -> OperationOutcome {
        let expression = match self {
            MappingError::UnknownLinkId { link_id } | MappingError::BadAnswer { link_id, .. } => {
                vec![format!(
                    "QuestionnaireResponse.repeat(item).where(linkId = '{}')",
                    link_id.replace('\'', "\\'")
                )]
            }
            MappingError::EnteredInError => vec!["QuestionnaireResponse.status".to_owned()],
            MappingError::UnknownLanguage(_) => vec!["QuestionnaireResponse.language".to_owned()],
        };
        OperationOutcome {
            resource_type: Tag::new(),
            issue: vec![Issue {
                severity: IssueSeverity::Error,
                code: Code::new(match self {
                    MappingError::UnknownLinkId { .. } => "not-found",
                    _ => "invalid",
                })
                .expect("valid"),
                diagnostics: Some(self.to_string()),
                expression,
            }],
        }
    }
}

/// Reads a response to any of backcare's Questionnaires (or a mix) as an intake.
///
/// Items are found by linkId wherever they are nested. An item with no answer is "not
/// answered"; display items and the calculated scores are ignored (the engine scores).
pub fn intake_from_response(qr: &QuestionnaireResponse) -> Result<Intake, MappingError> {
    if qr.status == QrStatus::EnteredInError {
        return Err(MappingError::EnteredInError);
    }
    let mut intake = Intake::default();
    let form = qr.questionnaire.as_deref().and_then(Form::from_url);
    if let Some(lang) = &qr.language {
        intake.language = lang
            .as_str()
            .parse()
            .map_err(|_| MappingError::UnknownLanguage(lang.to_string()))?;
    } else if let Some((_, lang)) = form {
        // Form fillers such as LHC-Forms leave `language` out: the answers are in the
        // language of the Questionnaire they answer.
        intake.language = lang;
    }
    read_items(&qr.item, &mut intake)?;
    // A finished RMDQ form with nothing ticked means nothing is true today (score 0), as
    // the form's calculatedExpression says; it is not "RMDQ not answered".
    let finished = matches!(qr.status, QrStatus::Completed | QrStatus::Amended);
    if finished && matches!(form, Some((Form::Rmdq, _))) {
        intake.rmdq.get_or_insert_with(Default::default);
    }
    Ok(intake)
}

/// Reads a response and scores it with the engine.
pub fn score_response(qr: &QuestionnaireResponse) -> Result<(Intake, Scores), MappingError> {
    let intake = intake_from_response(qr)?;
    let scores = instruments::scores(&intake);
    Ok((intake, scores))
}

fn read_items(items: &[QrItem], intake: &mut Intake) -> Result<(), MappingError> {
    for item in items {
        read_item(item, intake)?;
        read_items(&item.item, intake)?;
        for answer in &item.answer {
            read_items(&answer.item, intake)?;
        }
    }
    Ok(())
}

fn is_ignored(link_id: &str) -> bool {
    Section::ALL.iter().any(|s| section_link_id(*s) == link_id)
        || ScoreItem::ALL.iter().any(|s| s.link_id() == link_id)
        || link_id
            .strip_suffix(".help")
            .and_then(questions::find)
            .is_some_and(|q| q.help.is_some())
        || Instrument::ALL
            .iter()
            .any(|i| link_id == format!("{}.instructions", i.id()))
}

fn read_item(item: &QrItem, intake: &mut Intake) -> Result<(), MappingError> {
    let link_id = item.link_id.as_str();
    let bad = |problem| MappingError::BadAnswer {
        link_id: link_id.to_owned(),
        problem,
    };
    if let Some(q) = questions::find(link_id) {
        if item.answer.is_empty() {
            return Ok(());
        }
        let values = item
            .answer
            .iter()
            .map(|a| a.value.as_ref().ok_or(AnswerProblem::NoValue))
            .collect::<Result<Vec<_>, _>>()
            .map_err(bad)?;
        let answer = match q.kind {
            Kind::Number { .. } => match single(&values).map_err(bad)? {
                AnswerValue::Integer(n) => CoreAnswer::Number(*n),
                other => return Err(bad(wrong("integer", other))),
            },
            Kind::YesNo | Kind::Choice(_) => {
                CoreAnswer::Choice(code_of(single(&values).map_err(bad)?).map_err(bad)?)
            }
            Kind::Multi(_) => CoreAnswer::Multi(
                values
                    .iter()
                    .map(|v| code_of(v))
                    .collect::<Result<_, _>>()
                    .map_err(bad)?,
            ),
        };
        return questions::apply(intake, q, &answer).map_err(|e| {
            bad(match e {
                ApplyError::WrongKind { expected, .. } => AnswerProblem::WrongType {
                    expected,
                    found: values.first().map_or("nothing", |v| v.type_name()),
                },
                ApplyError::UnknownChoice { value, choices, .. } => AnswerProblem::UnknownChoice {
                    code: value,
                    choices,
                },
                ApplyError::OutOfRange { source, .. } => AnswerProblem::OutOfRange(source),
            })
        });
    }
    if let Some(prompt) = instrument_item(link_id) {
        if item.answer.is_empty() {
            return Ok(());
        }
        let value = single(
            &item
                .answer
                .iter()
                .map(|a| a.value.as_ref())
                .collect::<Vec<_>>(),
        )
        .map_err(bad)?
        .ok_or_else(|| bad(AnswerProblem::NoValue))?;
        let code = match value {
            // Other forms may send a boolean for a true/false item or a number for an ODI
            // section; the value is the same.
            AnswerValue::Boolean(b) => b.to_string(),
            AnswerValue::Integer(n) => n.to_string(),
            other => code_of(other).map_err(bad)?,
        };
        return prompts::apply(intake, prompt, &code).map_err(|_| {
            bad(AnswerProblem::UnknownChoice {
                choices: prompt
                    .choices
                    .iter()
                    .map(|c| c.value)
                    .collect::<Vec<_>>()
                    .join(", "),
                code,
            })
        });
    }
    if is_ignored(link_id) {
        return Ok(());
    }
    Err(MappingError::UnknownLinkId {
        link_id: link_id.to_owned(),
    })
}

/// The instrument item a linkId such as `odi.lifting` names.
fn instrument_item(link_id: &str) -> Option<&'static prompts::Item> {
    let (instrument, key) = link_id.split_once('.')?;
    let instrument = Instrument::ALL.into_iter().find(|i| i.id() == instrument)?;
    prompts::item(instrument, key)
}

fn single<T: Copy>(values: &[T]) -> Result<T, AnswerProblem> {
    match values {
        [one] => Ok(*one),
        _ => Err(AnswerProblem::TooManyAnswers(values.len())),
    }
}

fn wrong(expected: &'static str, found: &AnswerValue) -> AnswerProblem {
    AnswerProblem::WrongType {
        expected,
        found: found.type_name(),
    }
}

/// The answer code of a Coding (any system: the code is what backcare reads) or a string.
fn code_of(value: &AnswerValue) -> Result<String, AnswerProblem> {
    match value {
        AnswerValue::Coding(c) => c
            .code_str()
            .map(str::to_owned)
            .ok_or(AnswerProblem::NoValue),
        AnswerValue::String(s) => Ok(s.clone()),
        other => Err(wrong("a Coding", other)),
    }
}

// ---- Intake -> QuestionnaireResponse ------------------------------------------------------

/// The answers in `intake` as a completed response to `form` in the intake's language, with
/// the engine's scores as the answers to the calculated items. The inverse of
/// [`intake_from_response`] for the questions the form asks.
pub fn response_from_intake(intake: &Intake, form: Form, id: Option<Id>) -> QuestionnaireResponse {
    let lang = intake.language;
    let coding =
        |value: &str, label: &str| AnswerValue::Coding(Coding::new(ANSWER_SYSTEM, value, label));
    let question = |q: &questions::Question| -> Option<QrItem> {
        let answer = questions::current(intake, q)?;
        let label = |v: &str| q.label(v).map_or(v.to_owned(), |l| l.get(lang).to_owned());
        let answers = match answer {
            CoreAnswer::Number(n) => vec![AnswerValue::Integer(n)],
            CoreAnswer::Choice(v) => vec![coding(&v, &label(&v))],
            CoreAnswer::Multi(vs) => vs.iter().map(|v| coding(v, &label(v))).collect(),
        };
        Some(QrItem {
            link_id: q.id.to_owned(),
            answer: answers.into_iter().map(QrAnswer::new).collect(),
            ..QrItem::default()
        })
    };
    let item = match form {
        Form::Intake => Section::ALL
            .into_iter()
            .filter_map(|section| {
                let items: Vec<QrItem> = questions::questions()
                    .iter()
                    .filter(|q| q.section == section)
                    .filter_map(question)
                    .collect();
                (!items.is_empty()).then(|| QrItem {
                    link_id: section_link_id(section).to_owned(),
                    item: items,
                    ..QrItem::default()
                })
            })
            .collect(),
        Form::Nrs => questions::questions()
            .iter()
            .filter(|q| q.section == Section::PainScores)
            .filter_map(question)
            .collect(),
        Form::StartBack | Form::Odi | Form::Rmdq => {
            let instrument = form.instrument().expect("an instrument form");
            let mut items: Vec<QrItem> = prompts::items(instrument)
                .iter()
                .filter_map(|item| {
                    let value = prompts::answer(intake, item)?;
                    let label = item.choice(value).map_or(value, |c| c.label.get(lang));
                    Some(QrItem {
                        link_id: instrument_link_id(instrument, item.key),
                        answer: vec![QrAnswer::new(coding(value, label))],
                        ..QrItem::default()
                    })
                })
                .collect();
            let scores = instruments::scores(intake);
            for score in ScoreItem::ALL
                .into_iter()
                .filter(|s| s.instrument() == instrument)
            {
                if let Some(value) = score_value(&scores, score) {
                    items.push(QrItem {
                        link_id: score.link_id().to_owned(),
                        answer: vec![QrAnswer::new(AnswerValue::Integer(value))],
                        ..QrItem::default()
                    });
                }
            }
            items
        }
    };
    QuestionnaireResponse {
        id,
        language: Some(Code::new(lang.code()).expect("valid")),
        questionnaire: Some(form.url(lang)),
        status: QrStatus::Completed,
        item,
        ..QuestionnaireResponse::default()
    }
}

/// The engine's value for a calculated item, when it has one.
pub fn score_value(scores: &Scores, item: ScoreItem) -> Option<i64> {
    match item {
        ScoreItem::StartBackTotal => scored(&scores.start_back).map(|s| i64::from(s.total)),
        ScoreItem::StartBackDistress => scored(&scores.start_back).map(|s| i64::from(s.distress)),
        ScoreItem::OdiPercent => scores.odi_result().map(|o| i64::from(o.percent)),
        ScoreItem::RmdqTotal => scores.rmdq.map(|r| i64::from(r.score)),
    }
}

fn scored<T>(o: &Option<Outcome<T>>) -> Option<&T> {
    o.as_ref().and_then(Outcome::scored)
}

// ---- Engine results -> resources ----------------------------------------------------------

/// Where mapped resources belong: the patient, the ids to mint and what they derive from.
#[derive(Debug, Clone)]
pub struct Context {
    patient: Id,
    prefix: String,
    effective: Option<String>,
    derived_from: Option<Reference>,
    lang: Lang,
}

/// The longest id prefix [`Context::new`] accepts, so every minted id fits FHIR's 64.
pub const MAX_PREFIX: usize = 40;

impl Context {
    /// Resources about `patient`, with ids `{prefix}-{what}` (e.g. `a17-sb-total`).
    pub fn new(patient: Id, prefix: &Id, lang: Lang) -> Result<Context, BadPrimitive> {
        if prefix.as_str().len() > MAX_PREFIX {
            return Err(BadPrimitive {
                what: "id prefix (at most 40 characters)",
                value: prefix.to_string(),
            });
        }
        Ok(Context {
            patient,
            prefix: prefix.to_string(),
            effective: None,
            derived_from: None,
            lang,
        })
    }

    /// When the answers were given (`dateTime`), for `effectiveDateTime`.
    pub fn effective(mut self, date_time: impl Into<String>) -> Context {
        self.effective = Some(date_time.into());
        self
    }

    /// The response the results were worked out from (`derivedFrom`).
    pub fn derived_from(mut self, response: Reference) -> Context {
        self.derived_from = Some(response);
        self
    }

    fn id(&self, what: &str) -> Id {
        // The prefix is at most 40 characters and `what` is one of ours, short and clean.
        Id::new(format!("{}-{what}", self.prefix)).expect("prefix and suffix are valid")
    }

    fn subject(&self) -> Reference {
        Reference::to("Patient", self.patient.as_str())
    }

    fn language(&self) -> Option<Code> {
        Code::new(self.lang.code()).ok()
    }

    fn observation(
        &self,
        what: &str,
        code: CodeableConcept,
        value: ObservationValue,
    ) -> Observation {
        Observation {
            id: Some(self.id(what)),
            language: self.language(),
            status: ObservationStatus::Final,
            category: vec![CodeableConcept::new(
                Coding::new(
                    "http://terminology.hl7.org/CodeSystem/observation-category",
                    "survey",
                    "Survey",
                ),
                "Survey",
            )],
            code,
            subject: Some(self.subject()),
            effective_date_time: self.effective.clone(),
            value: Some(value),
            derived_from: self.derived_from.iter().cloned().collect(),
            ..Observation::default()
        }
    }
}

fn concept(coding: Coding, text: impl Into<String>) -> CodeableConcept {
    CodeableConcept::new(coding, text)
}

/// Observations for every score as issued: STarT Back total, distress and risk group; ODI
/// percentage (with its band); RMDQ total; the three pain ratings.
pub fn score_observations(ctx: &Context, scores: &IssuedScores) -> Vec<Observation> {
    let lang = ctx.lang;
    let mut out = Vec::new();
    let integer = |n: u8| ObservationValue::Integer(i64::from(n));
    if let Some(sb) = scores.start_back.as_ref().and_then(IssuedOutcome::scored) {
        out.push(ctx.observation(
            "sb-total",
            concept(
                ScoreItem::StartBackTotal.coding(),
                t("STarT Back total score", "Puntuación total de STarT Back").get(lang),
            ),
            integer(sb.total),
        ));
        out.push(
            ctx.observation(
                "sb-distress",
                concept(
                    ScoreItem::StartBackDistress.coding(),
                    t(
                        "STarT Back distress subscale",
                        "Subescala de malestar de STarT Back",
                    )
                    .get(lang),
                ),
                integer(sb.distress),
            ),
        );
        let (la, display) = match sb.group {
            RiskGroup::High => ("LA9193-9", "High"),
            RiskGroup::Medium => ("LA8982-6", "Medium"),
            RiskGroup::Low => ("LA9194-7", "Low"),
        };
        let mut risk = concept(Coding::new(LOINC, la, display), sb.group.label().get(lang));
        risk.coding.push(Coding::new(
            CODE_SYSTEM,
            &format!("risk-{}", sb.group.id()),
            sb.group.label().en,
        ));
        out.push(ctx.observation(
            "sb-risk",
            concept(
                Coding::code(LOINC, "91352-5"),
                t("STarT Back risk group", "Grupo de riesgo de STarT Back").get(lang),
            ),
            ObservationValue::CodeableConcept(risk),
        ));
    }
    if let Some(odi) = scores.odi.as_ref().and_then(IssuedOutcome::scored) {
        let mut o = ctx.observation(
            "odi",
            concept(
                ScoreItem::OdiPercent.coding(),
                t(
                    "Oswestry Disability Index",
                    "Índice de Discapacidad de Oswestry",
                )
                .get(lang),
            ),
            ObservationValue::Quantity(Quantity {
                value: Some(Decimal::from(u32::from(odi.percent))),
                unit: Some("%".to_owned()),
                system: Some(UCUM.to_owned()),
                code: Some(Code::new("%").expect("valid")),
                ..Quantity::default()
            }),
        );
        o.component.push(Component {
            code: concept(
                Coding::new(
                    CODE_SYSTEM,
                    "odi-band",
                    "Oswestry disability band (Fairbank)",
                ),
                t("Disability band", "Nivel de discapacidad").get(lang),
            ),
            value: Some(ObservationValue::CodeableConcept(concept(
                Coding::new(
                    CODE_SYSTEM,
                    &format!("odi-band-{}", odi.band.id()),
                    band_display(odi.band),
                ),
                odi.band.label().get(lang),
            ))),
            ..Component::default()
        });
        o.component.push(Component {
            code: concept(
                Coding::new(
                    CODE_SYSTEM,
                    "odi-sections-answered",
                    "ODI sections answered",
                ),
                t("Sections answered", "Apartados respondidos").get(lang),
            ),
            value: Some(integer(odi.answered)),
            ..Component::default()
        });
        out.push(o);
    }
    if let Some(rmdq) = scores.rmdq {
        out.push(ctx.observation(
            "rmdq",
            concept(
                ScoreItem::RmdqTotal.coding(),
                t("Roland-Morris score", "Puntuación de Roland-Morris").get(lang),
            ),
            integer(rmdq.score),
        ));
    }
    let nrs = [
        (
            "nrs-now",
            scores.nrs.now,
            Coding::new(
                LOINC,
                "72514-3",
                "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
            ),
            t("Pain now (0-10)", "Dolor ahora (0-10)"),
        ),
        (
            "nrs-average",
            scores.nrs.average,
            Coding::new(
                CODE_SYSTEM,
                "nrs-average-week",
                "Average pain over the last week, 0-10",
            ),
            t(
                "Average pain over the last week (0-10)",
                "Dolor medio en la última semana (0-10)",
            ),
        ),
        (
            "nrs-worst",
            scores.nrs.worst,
            Coding::new(
                CODE_SYSTEM,
                "nrs-worst-week",
                "Worst pain over the last week, 0-10",
            ),
            t(
                "Worst pain over the last week (0-10)",
                "Peor dolor en la última semana (0-10)",
            ),
        ),
    ];
    for (what, value, coding, text) in nrs {
        if let Some(v) = value {
            out.push(ctx.observation(what, concept(coding, text.get(lang)), integer(v)));
        }
    }
    out
}

fn band_display(band: OdiBand) -> &'static str {
    band.label().en
}

/// The triage result as issued as an Observation: the level as its value, one component per
/// rule that fired (rule id, concern, advice) and one note per rule with its published
/// source. A rule since taken out of the table keeps its id: it is what was issued.
pub fn triage_observation(ctx: &Context, triage: &IssuedTriage) -> Observation {
    let lang = ctx.lang;
    let mut o = ctx.observation(
        "triage",
        concept(
            Coding::new(CODE_SYSTEM, "triage-level", "backcare triage level"),
            t(
                "How urgently to seek care",
                "Con qué urgencia buscar atención",
            )
            .get(lang),
        ),
        ObservationValue::CodeableConcept(CodeableConcept {
            coding: vec![Coding::new(
                CODE_SYSTEM,
                &format!("triage-{}", triage.level.id()),
                triage.level.title().en,
            )],
            text: Some(format!("{} {}", triage.title, triage.action)),
            ..CodeableConcept::default()
        }),
    );
    for r in &triage.reasons {
        o.component.push(Component {
            code: concept(
                Coding::new(CODE_SYSTEM, "triage-reason", "A triage rule that fired"),
                r.concern.clone(),
            ),
            value: Some(ObservationValue::CodeableConcept(CodeableConcept {
                coding: vec![Coding::new(RULE_SYSTEM, &r.rule_id, &r.rule_id)],
                text: Some(r.advice.clone()),
                ..CodeableConcept::default()
            })),
            ..Component::default()
        });
        let certainty = if r.certain {
            t("", "")
        } else {
            t(
                " (to be safe: an answer was \"don't know\" or skipped)",
                " (por precaución: una respuesta fue \"no lo sé\" o se dejó sin responder)",
            )
        };
        let because = if r.because.is_empty() {
            String::new()
        } else {
            format!(
                " {}: {}.",
                t("Because", "Porque").get(lang),
                r.because.join("; ")
            )
        };
        o.note.push(Annotation::new(format!(
            "{} [{}]{}: {}{} {}: {}",
            r.rule_id,
            r.level.id(),
            certainty.get(lang),
            r.advice,
            because,
            t("Source", "Fuente").get(lang),
            r.source
        )));
    }
    o
}

/// The ICD-10-CM suggestions as issued as provisional Conditions, for a clinician to
/// confirm. (CPT suggestions are services, not conditions; they are not mapped.)
pub fn condition_suggestions(ctx: &Context, codes: &IssuedCodes) -> Vec<Condition> {
    codes
        .icd10cm
        .iter()
        .filter(|c| c.system == CodeSystem::Icd10cm)
        .map(|c| condition(ctx, c, &codes.notice))
        .collect()
}

fn condition(ctx: &Context, c: &IssuedCode, notice: &str) -> Condition {
    let mut note = vec![Annotation::new(c.why.clone())];
    if let Some(when) = &c.condition {
        note.push(Annotation::new(when.clone()));
    }
    note.push(Annotation::new(format!(
        "{}: {}. {notice}",
        t("Source", "Fuente").get(ctx.lang),
        c.source
    )));
    Condition {
        resource_type: Tag::new(),
        id: Some(ctx.id(&format!("icd-{}", c.code))),
        meta: None,
        language: ctx.language(),
        clinical_status: None,
        verification_status: Some(concept(
            Coding::new(
                "http://terminology.hl7.org/CodeSystem/condition-ver-status",
                "provisional",
                "Provisional",
            ),
            t(
                "Suggested, not confirmed by a clinician",
                "Sugerido, sin confirmar por un clínico",
            )
            .get(ctx.lang),
        )),
        code: Some(concept(
            Coding::new(ICD10CM, &c.code, c.description.clone()),
            c.description.clone(),
        )),
        subject: ctx.subject(),
        note,
    }
}

/// Observations and Conditions for one result as issued: triage first, then the scores,
/// then the suggested codes.
pub fn assessment_resources(ctx: &Context, result: &IssuedResult) -> Vec<Resource> {
    let mut out: Vec<Resource> = vec![triage_observation(ctx, &result.triage).into()];
    out.extend(
        score_observations(ctx, &result.scores)
            .into_iter()
            .map(Resource::from),
    );
    out.extend(
        condition_suggestions(ctx, &result.codes)
            .into_iter()
            .map(Resource::from),
    );
    out
}

/// One week's plan as a CarePlan: an activity per exercise and one for the walking goal.
/// A plan withheld for red flags is `on-hold`, with no activities and the advice in its
/// description.
pub fn care_plan(ctx: &Context, plan: &WeekPlan, supporting: Vec<Reference>) -> CarePlan {
    let lang = plan.language;
    let mut activity: Vec<CarePlanActivity> = plan
        .exercises
        .iter()
        .map(|e| CarePlanActivity {
            // Said wherever the exercise is: the plan would usually leave it out, and a
            // clinician chose it with this reason.
            progress: e
                .override_reason
                .iter()
                .map(|r| {
                    Annotation::new(
                        t(
                            "Clinician's override: {reason}",
                            "Excepción del profesional: {reason}",
                        )
                        .fill(lang, &[("reason", r)]),
                    )
                })
                .collect(),
            detail: CarePlanDetail {
                code: Some(concept(
                    Coding::new(EXERCISE_SYSTEM, e.id.as_str(), e.name.clone()),
                    e.name.clone(),
                )),
                status: Code::new("scheduled").expect("valid"),
                scheduled_string: Some(
                    t("{n} days a week", "{n} días a la semana")
                        .fill(lang, &[("n", e.days_per_week)]),
                ),
                description: Some(format!("{}. {}", e.dose.describe(lang), e.reason)),
            },
        })
        .collect();
    if let Some(walk) = &plan.activity {
        activity.push(CarePlanActivity {
            progress: Vec::new(),
            detail: CarePlanDetail {
                code: Some(concept(
                    Coding::new(EXERCISE_SYSTEM, "walking", "Walking"),
                    t("Walking", "Caminar").get(lang),
                )),
                status: Code::new("scheduled").expect("valid"),
                scheduled_string: Some(
                    t("{n} minutes a day", "{n} minutos al día")
                        .fill(lang, &[("n", walk.walking_minutes_per_day)]),
                ),
                description: Some(walk.reason.clone()),
            },
        });
    }
    let (status, description) = match &plan.status {
        PlanStatus::Active => (CarePlanStatus::Active, plan.decision.reason().to_owned()),
        PlanStatus::Withheld {
            title,
            action,
            advice,
            ..
        } => (
            CarePlanStatus::OnHold,
            format!("{title}. {action} {}", advice.join(" ")),
        ),
    };
    let mut note: Vec<Annotation> = Vec::new();
    if let Some(see) = &plan.see_clinician {
        note.push(Annotation::new(see.clone()));
    }
    if let Some(flare) = &plan.flare_advice {
        note.push(Annotation::new(flare.clone()));
    }
    note.extend(
        plan.avoid
            .iter()
            .map(|a| Annotation::new(format!("{} [{}] ({})", a.reason, a.rule_id, a.source))),
    );
    note.extend(plan.reasons.iter().cloned().map(Annotation::new));
    if !plan.sources.is_empty() {
        note.push(Annotation::new(format!(
            "{}: {}",
            t("Sources", "Fuentes").get(lang),
            plan.sources.join("; ")
        )));
    }
    CarePlan {
        resource_type: Tag::new(),
        id: Some(ctx.id(&format!("plan-w{}", plan.week))),
        language: Code::new(lang.code()).ok(),
        status,
        intent: Code::new("plan").expect("valid"),
        title: Some(t("Week {n}", "Semana {n}").fill(lang, &[("n", plan.week)])),
        description: Some(description),
        subject: ctx.subject(),
        meta: None,
        period: Some(Period {
            start: Some(plan.dates.start.to_string()),
            end: Some(plan.dates.end.to_string()),
        }),
        author: None,
        supporting_info: supporting,
        activity,
        note,
    }
}

/// Who tailored a plan and what they said, for its CarePlan.
#[derive(Debug, Clone)]
pub struct Tailored<'a> {
    /// The tailoring's version number (`meta.versionId`).
    pub version: u32,
    /// When it was saved (an instant, `meta.lastUpdated`).
    pub saved: String,
    /// Who saved it, as they signed.
    pub author: &'a str,
    /// Their Practitioner id, while their account exists.
    pub author_id: Option<String>,
    /// The programme's goal.
    pub goal: Option<&'a str>,
    /// (exercise id, instruction).
    pub instructions: Vec<(&'a str, &'a str)>,
}

/// Marks `plan` as tailored: its version and author, the goal in its description and each
/// instruction as a note on its activity.
pub fn tailor_care_plan(plan: &mut CarePlan, by: &Tailored) {
    let lang = if plan.language.as_ref().is_some_and(|c| c.as_str() == "es") {
        Lang::Es
    } else {
        Lang::En
    };
    plan.meta = Some(Meta {
        version_id: Id::new(by.version.to_string()).ok(),
        last_updated: Some(by.saved.clone()),
    });
    plan.author = Some(Reference {
        reference: by.author_id.as_ref().map(|id| format!("Practitioner/{id}")),
        display: Some(by.author.to_owned()),
        ..Reference::default()
    });
    if let Some(goal) = by.goal {
        let said = t("Goal: {goal}", "Objetivo: {goal}").fill(lang, &[("goal", goal)]);
        plan.description = Some(match plan.description.take() {
            Some(d) => format!("{said}. {d}"),
            None => said,
        });
    }
    for a in &mut plan.activity {
        let code = a
            .detail
            .code
            .as_ref()
            .and_then(|c| c.coding.first())
            .and_then(|c| c.code.as_ref())
            .map(|c| c.as_str().to_owned());
        if let Some((_, text)) = by
            .instructions
            .iter()
            .find(|(id, _)| Some(*id) == code.as_deref())
        {
            a.progress.insert(
                0,
                Annotation::new(
                    t(
                        "Clinician's instruction: {text}",
                        "Indicación del profesional: {text}",
                    )
                    .fill(lang, &[("text", text)]),
                ),
            );
        }
    }
}

/// SDC's code for a request to answer a questionnaire.
pub const COMPLETE_QUESTIONNAIRE: (&str, &str) = (
    "http://hl7.org/fhir/uv/sdc/CodeSystem/temp",
    "complete-questionnaire",
);

/// The SDC extension naming the questionnaire a ServiceRequest asks for.
pub const SERVICE_REQUEST_QUESTIONNAIRE: &str =
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-servicerequest-questionnaire";

/// A clinician's schedule for a questionnaire as an SDC Questionnaire Service Request: answer
/// `form` every `every_days` days (in weeks when whole weeks), from `authored_on`, asked by
/// `requester`.
pub fn questionnaire_request(
    id: Id,
    subject: Reference,
    (form, lang): (Form, Lang),
    every_days: u16,
    authored_on: Option<String>,
    requester: Option<Reference>,
) -> ServiceRequest {
    let (period, unit) = if every_days.is_multiple_of(7) {
        (u32::from(every_days / 7), "wk")
    } else {
        (u32::from(every_days), "d")
    };
    ServiceRequest {
        resource_type: Tag::new(),
        id: Some(id),
        meta: None,
        language: Code::new(lang.code()).ok(),
        extension: vec![Extension::new(
            SERVICE_REQUEST_QUESTIONNAIRE,
            ExtensionValue::Canonical(form.url(lang)),
        )],
        status: Code::new("active").expect("valid"),
        intent: Code::new("order").expect("valid"),
        code: concept(
            Coding::new(
                COMPLETE_QUESTIONNAIRE.0,
                COMPLETE_QUESTIONNAIRE.1,
                "Complete Questionnaire",
            ),
            t("Answer a questionnaire", "Contestar un cuestionario").get(lang),
        ),
        subject,
        occurrence_timing: Timing {
            repeat: TimingRepeat {
                frequency: 1,
                period,
                period_unit: Code::new(unit).expect("valid"),
            },
        },
        authored_on,
        requester,
        note: Vec::new(),
    }
}

/// The Patient resource: only what backcare knows (gender from the stated sex, language).
pub fn patient(id: Id, intake: &Intake) -> Patient {
    Patient {
        resource_type: Tag::new(),
        id,
        name: Vec::new(),
        birth_date: None,
        gender: intake.sex.map(|s| {
            Code::new(match s {
                Sex::Female => "female",
                Sex::Male => "male",
                Sex::Other => "other",
            })
            .expect("valid")
        }),
        communication: vec![PatientCommunication {
            language: concept(
                Coding::code("urn:ietf:bcp:47", intake.language.code()),
                match intake.language {
                    Lang::En => "English",
                    Lang::Es => "Español",
                },
            ),
            preferred: Some(true),
        }],
    }
}

/// One assessment of a patient's record, with what came of it.
#[derive(Debug, Clone, Copy)]
pub struct Record<'a> {
    /// The assessment's id (the prefix of every id minted for it).
    pub id: &'a Id,
    /// When it was answered (`dateTime`).
    pub effective: Option<&'a str>,
    /// The assessment as issued: its result, in the language it was shown in.
    pub issued: &'a IssuedAssessment,
    /// The response it came from, if it came as FHIR; written into the Bundle with it.
    pub response: Option<&'a QuestionnaireResponse>,
    /// This week's plan, if one was made.
    pub plan: Option<&'a WeekPlan>,
}

/// Which engine and triage rule table issued a result: the last note of its triage
/// Observation, so a reader can tell a result of older rules from today's.
fn issued_by(issued: &IssuedAssessment, lang: Lang) -> String {
    match (&issued.engine, &issued.rules) {
        (Some(engine), Some(rules)) => t(
            "Issued by backcare {engine} with the triage rules {rules}.",
            "Emitido por backcare {engine} con las reglas de triaje {rules}.",
        )
        .fill(lang, &[("engine", engine), ("rules", rules)]),
        _ => t(
            "Issued by an earlier backcare, which did not record its version.",
            "Emitido por una versión anterior de backcare, que no guardaba su versión.",
        )
        .get(lang)
        .to_owned(),
    }
}

/// A patient's whole record as a `collection` Bundle: the Patient, then per assessment its
/// response, triage and score Observations, suggested Conditions and plan; `fullUrl`s under
/// `base` (see [`bundle`]).
pub fn record_bundle(
    base: &str,
    patient: &Patient,
    records: &[Record<'_>],
) -> Result<Bundle, BadPrimitive> {
    let mut resources: Vec<Resource> = vec![patient.clone().into()];
    for r in records {
        let mut ctx = Context::new(patient.id.clone(), r.id, r.issued.language)?;
        if let Some(when) = r.effective {
            ctx = ctx.effective(when);
        }
        if let Some(qr) = r.response {
            let mut qr = qr.clone();
            let id = qr.id.clone().unwrap_or_else(|| ctx.id("qr"));
            qr.id = Some(id.clone());
            qr.subject = Some(ctx.subject());
            ctx = ctx.derived_from(Reference::to("QuestionnaireResponse", id.as_str()));
            resources.push(qr.into());
        }
        let mut assessment = assessment_resources(&ctx, &r.issued.result);
        if let Some(Resource::Observation(triage)) = assessment.first_mut() {
            triage
                .note
                .push(Annotation::new(issued_by(r.issued, ctx.lang)));
        }
        let supporting: Vec<Reference> = assessment
            .iter()
            .filter_map(|res| match res {
                Resource::Observation(o) => {
                    o.id.as_ref()
                        .map(|id| Reference::to("Observation", id.as_str()))
                }
                _ => None,
            })
            .collect();
        resources.extend(assessment);
        if let Some(plan) = r.plan {
            resources.push(care_plan(&ctx, plan, supporting).into());
        }
    }
    Ok(bundle(base, BundleType::Collection, resources))
}

/// A Bundle of resources, each with its absolute URL under `base`: the FHIR API's address
/// as clients reach it (`https://backcare.clinic.example/fhir`, no `/` at the end), which
/// only the server knows; [`crate::BASE`] where there is no server. In a searchset every entry
/// says why it is there: an OperationOutcome (what could not be read, what changed) is an
/// `outcome`, everything else a `match`, and `total` counts only the matches.
pub fn bundle(base: &str, kind: BundleType, resources: Vec<Resource>) -> Bundle {
    let searchset = kind == BundleType::Searchset;
    let mode = |r: &Resource| match r {
        Resource::OperationOutcome(_) => SearchMode::Outcome,
        _ => SearchMode::Match,
    };
    let total = searchset.then(|| {
        let matches = resources
            .iter()
            .filter(|r| mode(r) == SearchMode::Match)
            .count();
        u32::try_from(matches).unwrap_or(u32::MAX)
    });
    Bundle {
        resource_type: Tag::new(),
        id: None,
        kind,
        total,
        link: Vec::new(),
        entry: resources
            .into_iter()
            .map(|resource| BundleEntry {
                full_url: resource
                    .id()
                    .map(|id| format!("{base}/{}/{id}", resource.resource_type())),
                search: searchset.then(|| BundleSearch {
                    mode: mode(&resource),
                }),
                request: None,
                response: None,
                resource,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::BASE;
    use backcare_core::instruments::{Bothersome, OdiAnswers, StartBackAnswers, score_start_back};

    /// A response with one coded answer per (linkId, code).
    fn response(lang: &str, answers: &[(&str, &str)]) -> QuestionnaireResponse {
        let text = serde_json::json!({
            "resourceType": "QuestionnaireResponse",
            "status": "completed",
            "language": lang,
            "item": answers.iter().map(|(link, code)| serde_json::json!({
                "linkId": link,
                "answer": [{"valueCoding": {"system": ANSWER_SYSTEM, "code": code}}],
            })).collect::<Vec<_>>(),
        });
        serde_json::from_str(&text.to_string()).unwrap()
    }

    fn start_back(items: [&str; 8], nine: &str) -> QuestionnaireResponse {
        let mut answers: Vec<(String, &str)> = StartBackAnswers::KEYS[..8]
            .iter()
            .zip(items)
            .map(|(k, v)| (instrument_link_id(Instrument::StartBack, k), v))
            .collect();
        answers.push(("start_back.bothersomeness".to_owned(), nine));
        let refs: Vec<(&str, &str)> = answers.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        response("es", &refs)
    }

    #[test]
    fn without_a_language_that_of_the_questionnaire_is_used() {
        let mut qr = response("es", &[("sex", "female")]);
        qr.language = None;
        assert_eq!(intake_from_response(&qr).unwrap().language, Lang::En);
        qr.questionnaire = Some(Form::Intake.url(Lang::Es));
        assert_eq!(intake_from_response(&qr).unwrap().language, Lang::Es);
        // A stated language wins.
        qr.language = Some(Code::new("en").unwrap());
        assert_eq!(intake_from_response(&qr).unwrap().language, Lang::En);
    }

    #[test]
    fn start_back_worked_examples_match_the_engine() {
        let (y, n) = ("true", "false");
        // (items 1-8, item 9) -> (total, distress, group)
        let cases = [
            (
                [n, n, n, n, n, n, n, n],
                "not_at_all",
                (0, 0, RiskGroup::Low),
            ),
            (
                [y, y, y, n, n, n, n, n],
                "moderately",
                (3, 0, RiskGroup::Low),
            ),
            (
                [y, y, y, y, n, n, n, n],
                "slightly",
                (4, 0, RiskGroup::Medium),
            ),
            (
                [y, n, n, n, y, y, y, n],
                "very_much",
                (5, 4, RiskGroup::High),
            ),
            (
                [n, n, n, n, y, y, y, y],
                "extremely",
                (5, 5, RiskGroup::High),
            ),
        ];
        for (items, nine, (total, distress, group)) in cases {
            let qr = start_back(items, nine);
            let (intake, scores) = score_response(&qr).unwrap();
            assert_eq!(intake.language, Lang::Es);
            let sb = scored(&scores.start_back).unwrap();
            assert_eq!(
                (sb.total, sb.distress, sb.group),
                (total, distress, group),
                "{items:?} {nine}"
            );
            // The same answers given to the engine directly.
            let direct = StartBackAnswers {
                leg_pain: Some(items[0] == y),
                shoulder_or_neck_pain: Some(items[1] == y),
                walking_limited: Some(items[2] == y),
                dressing_slower: Some(items[3] == y),
                unsafe_to_be_active: Some(items[4] == y),
                worrying_thoughts: Some(items[5] == y),
                never_get_better: Some(items[6] == y),
                not_enjoying_things: Some(items[7] == y),
                bothersomeness: Bothersome::from_id(nine),
            };
            assert_eq!(score_start_back(&direct).as_ref(), Ok(sb));
            // And the Observations carry the same numbers and the LOINC risk answer.
            let ctx =
                Context::new(Id::new("p1").unwrap(), &Id::new("a1").unwrap(), Lang::Es).unwrap();
            let obs = score_observations(&ctx, &IssuedScores::from(&scores));
            assert_eq!(
                obs[0].value,
                Some(ObservationValue::Integer(i64::from(total)))
            );
            assert!(obs[0].code.has(LOINC, "91351-7"));
            assert_eq!(
                obs[1].value,
                Some(ObservationValue::Integer(i64::from(distress)))
            );
            let Some(ObservationValue::CodeableConcept(risk)) = &obs[2].value else {
                panic!("risk group")
            };
            let la = match group {
                RiskGroup::High => "LA9193-9",
                RiskGroup::Medium => "LA8982-6",
                RiskGroup::Low => "LA9194-7",
            };
            assert!(risk.has(LOINC, la), "{risk:?}");
        }
    }

    #[test]
    fn odi_with_one_section_missing_is_out_of_45() {
        // Nine sections at 2, sex life skipped: 18 / 45 = 40%.
        let answers: Vec<(String, &str)> = OdiAnswers::KEYS
            .iter()
            .filter(|k| **k != "sex_life")
            .map(|k| (instrument_link_id(Instrument::Odi, k), "2"))
            .collect();
        let refs: Vec<(&str, &str)> = answers.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        let (_, scores) = score_response(&response("en", &refs)).unwrap();
        let odi = scores.odi_result().unwrap();
        assert_eq!(
            (odi.percent, odi.answered, odi.band),
            (40, 9, OdiBand::Moderate)
        );
        let ctx = Context::new(Id::new("p1").unwrap(), &Id::new("a1").unwrap(), Lang::En).unwrap();
        let obs = score_observations(&ctx, &IssuedScores::from(&scores));
        let Some(ObservationValue::Quantity(q)) = &obs[0].value else {
            panic!("{:?}", obs[0].value)
        };
        assert_eq!(q.value.as_ref().map(Decimal::as_str), Some("40"));
        assert_eq!(
            obs[0].component[1].value,
            Some(ObservationValue::Integer(9))
        );
        // Two missing: no score, so no Observation.
        let (_, scores) = score_response(&response("en", &refs[1..])).unwrap();
        assert_eq!(scores.odi_result(), None);
        assert!(score_observations(&ctx, &IssuedScores::from(&scores)).is_empty());
    }

    #[test]
    fn bad_responses_name_the_link_id() {
        let check = |qr: QuestionnaireResponse, want: MappingError| {
            let got = intake_from_response(&qr).unwrap_err();
            assert_eq!(got, want);
            let outcome = got.to_operation_outcome();
            assert_eq!(
                outcome.issue[0].diagnostics.as_deref(),
                Some(want.to_string().as_str())
            );
        };
        check(
            response("en", &[("odi.lifting", "2"), ("odi.juggling", "1")]),
            MappingError::UnknownLinkId {
                link_id: "odi.juggling".to_owned(),
            },
        );
        check(
            response("en", &[("odi.lifting", "6")]),
            MappingError::BadAnswer {
                link_id: "odi.lifting".to_owned(),
                problem: AnswerProblem::UnknownChoice {
                    code: "6".to_owned(),
                    choices: "0, 1, 2, 3, 4, 5".to_owned(),
                },
            },
        );
        check(
            response("en", &[("bladder_change", "perhaps")]),
            MappingError::BadAnswer {
                link_id: "bladder_change".to_owned(),
                problem: AnswerProblem::UnknownChoice {
                    code: "perhaps".to_owned(),
                    choices: "yes, no, dont_know".to_owned(),
                },
            },
        );
        // Only a question that has help text has a help item.
        check(
            response("en", &[("age.help", "x")]),
            MappingError::UnknownLinkId {
                link_id: "age.help".to_owned(),
            },
        );
        check(
            response("fr", &[]),
            MappingError::UnknownLanguage("fr".to_owned()),
        );
        let age: QuestionnaireResponse = serde_json::from_str(
            r#"{"resourceType":"QuestionnaireResponse","status":"completed","item":[{"linkId":"section.about_you","item":[{"linkId":"age","answer":[{"valueInteger":300}]}]}]}"#,
        )
        .unwrap();
        let err = intake_from_response(&age).unwrap_err();
        assert!(
            matches!(&err, MappingError::BadAnswer { link_id, problem: AnswerProblem::OutOfRange(_) } if link_id == "age"),
            "{err:?}"
        );
        let two: QuestionnaireResponse = serde_json::from_str(
            r#"{"resourceType":"QuestionnaireResponse","status":"completed","item":[{"linkId":"pain.now","answer":[{"valueInteger":3},{"valueInteger":4}]}]}"#,
        )
        .unwrap();
        assert_eq!(
            intake_from_response(&two).unwrap_err(),
            MappingError::BadAnswer {
                link_id: "pain.now".to_owned(),
                problem: AnswerProblem::TooManyAnswers(2)
            }
        );
        let text: QuestionnaireResponse = serde_json::from_str(
            r#"{"resourceType":"QuestionnaireResponse","status":"completed","item":[{"linkId":"pain.now","answer":[{"valueString":"7"}]}]}"#,
        )
        .unwrap();
        assert_eq!(
            intake_from_response(&text).unwrap_err(),
            MappingError::BadAnswer {
                link_id: "pain.now".to_owned(),
                problem: AnswerProblem::WrongType {
                    expected: "integer",
                    found: "string"
                }
            }
        );
        let mut gone = response("en", &[]);
        gone.status = QrStatus::EnteredInError;
        check(gone, MappingError::EnteredInError);
    }

    #[test]
    fn other_value_types_for_instrument_items_are_read_as_codes() {
        let qr: QuestionnaireResponse = serde_json::from_str(
            r#"{"resourceType":"QuestionnaireResponse","status":"completed","item":[
                {"linkId":"odi.lifting","answer":[{"valueInteger":4}]},
                {"linkId":"rmdq.3","answer":[{"valueBoolean":true}]},
                {"linkId":"saddle_numbness.help"},
                {"linkId":"start_back.leg_pain","answer":[{"valueString":"false"}]}]}"#,
        )
        .unwrap();
        let intake = intake_from_response(&qr).unwrap();
        let odi = intake.odi.unwrap();
        assert_eq!(odi.lifting.map(|s| s.score()), Some(4));
        assert_eq!(intake.rmdq.unwrap().ticked.len(), 1);
        assert_eq!(intake.start_back.unwrap().leg_pain, Some(false));
    }

    #[test]
    fn a_finished_rmdq_form_with_nothing_ticked_scores_0() {
        let mut qr = response("en", &[]);
        assert_eq!(score_response(&qr).unwrap().1.rmdq, None);
        qr.questionnaire = Some(Form::Rmdq.url(Lang::Es));
        assert_eq!(
            score_response(&qr).unwrap().1.rmdq.map(|r| r.score),
            Some(0)
        );
        qr.status = QrStatus::InProgress;
        assert_eq!(score_response(&qr).unwrap().1.rmdq, None);
    }

    #[test]
    fn a_red_flag_answer_reaches_the_triage_observation() {
        let qr = response("en", &[("bladder_change", "yes")]);
        let intake = intake_from_response(&qr).unwrap();
        let assessment = backcare_core::assess(&intake);
        let ctx = Context::new(Id::new("p1").unwrap(), &Id::new("a1").unwrap(), Lang::En).unwrap();
        let o = triage_observation(&ctx, &IssuedTriage::from(&assessment.triage));
        let Some(ObservationValue::CodeableConcept(level)) = &o.value else {
            panic!("level")
        };
        assert!(level.has(CODE_SYSTEM, "triage-emergency"), "{level:?}");
        assert!(!o.component.is_empty());
        for (component, reason) in o.component.iter().zip(&assessment.triage.reasons) {
            let Some(ObservationValue::CodeableConcept(rule)) = &component.value else {
                panic!("rule")
            };
            assert!(rule.has(RULE_SYSTEM, reason.rule_id));
        }
        assert!(o.note.iter().all(|n| n.text.contains(':')));
        assert!(o.note[0].text.contains(assessment.triage.reasons[0].source));
    }

    #[test]
    fn a_record_is_mapped_as_issued_not_as_the_engine_would_give_it_today() {
        let intake: Intake =
            serde_json::from_str(r#"{"age":40,"pain":{"now":3},"pain_areas":["low"]}"#).unwrap();
        let today = backcare_core::assess(&intake);
        let mut issued = IssuedAssessment::issue(&intake, &today);
        // As an older engine and rule table gave it.
        let old = &mut issued.result;
        old.triage.level = backcare_core::triage::Level::Urgent;
        old.triage.reasons = vec![backcare_core::record::IssuedReason {
            rule_id: "OLD-RULE".to_owned(),
            family: backcare_core::triage::Family::Neurological,
            level: backcare_core::triage::Level::Urgent,
            certain: true,
            concern: "concern".to_owned(),
            advice: "advice".to_owned(),
            because: Vec::new(),
            source: "source".to_owned(),
        }];
        old.scores.nrs.now = Some(9);
        old.codes.icd10cm = vec![IssuedCode {
            system: CodeSystem::Icd10cm,
            code: "M54.16".to_owned(),
            description: "Radiculopathy, lumbar region".to_owned(),
            why: "why".to_owned(),
            condition: None,
            source: "source".to_owned(),
        }];
        issued.language = Lang::Es;
        let id = Id::new("a1").unwrap();
        let person = patient(Id::new("p1").unwrap(), &intake);
        let map = |issued: &IssuedAssessment| {
            let record = Record {
                id: &id,
                effective: None,
                issued,
                response: None,
                plan: None,
            };
            record_bundle(BASE, &person, &[record]).unwrap()
        };
        let b = map(&issued);
        let find = |id: &str| {
            b.entry
                .iter()
                .find(|e| e.resource.id().is_some_and(|i| i == id))
                .map(|e| &e.resource)
        };
        let Some(Resource::Observation(triage)) = find("a1-triage") else {
            panic!("{b:?}")
        };
        assert_eq!(triage.language.as_ref().map(Code::as_str), Some("es"));
        let Some(ObservationValue::CodeableConcept(level)) = &triage.value else {
            panic!("level")
        };
        assert!(level.has(CODE_SYSTEM, "triage-urgent"), "{level:?}");
        let Some(ObservationValue::CodeableConcept(rule)) = &triage.component[0].value else {
            panic!("rule")
        };
        assert!(rule.has(RULE_SYSTEM, "OLD-RULE"), "{rule:?}");
        let last = &triage.note.last().unwrap().text;
        assert!(
            last.contains(backcare_core::ENGINE_VERSION)
                && last.contains(backcare_core::record::rules_version())
                && last.starts_with("Emitido por backcare"),
            "{last}"
        );
        let Some(Resource::Observation(pain)) = find("a1-nrs-now") else {
            panic!("{b:?}")
        };
        assert_eq!(pain.value, Some(ObservationValue::Integer(9)));
        assert!(find("a1-icd-M54.16").is_some(), "{b:?}");
        let conditions = b
            .entry
            .iter()
            .filter(|e| matches!(e.resource, Resource::Condition(_)))
            .count();
        assert_eq!(conditions, 1);

        // A first-release record, which kept no versions, says so.
        issued.engine = None;
        issued.rules = None;
        let b = map(&issued);
        let Some(Resource::Observation(triage)) = b.entry.get(1).map(|e| &e.resource) else {
            panic!("{b:?}")
        };
        let last = &triage.note.last().unwrap().text;
        assert!(
            last.starts_with("Emitido por una versión anterior"),
            "{last}"
        );
    }

    #[test]
    fn a_searchset_marks_outcomes_and_counts_only_matches() {
        let person = || Resource::from(patient(Id::new("p1").unwrap(), &Intake::default()));
        let outcome = || {
            Resource::from(OperationOutcome {
                resource_type: Tag::new(),
                issue: Vec::new(),
            })
        };
        let b = bundle(BASE, BundleType::Searchset, vec![person(), outcome()]);
        assert_eq!(b.total, Some(1));
        let modes: Vec<_> = b.entry.iter().map(|e| e.search.clone()).collect();
        assert_eq!(
            modes,
            [
                Some(BundleSearch {
                    mode: SearchMode::Match
                }),
                Some(BundleSearch {
                    mode: SearchMode::Outcome
                })
            ]
        );
        let json = serde_json::to_string(&b).unwrap();
        assert!(json.contains(r#""search":{"mode":"outcome"}"#), "{json}");
        // Only a searchset says why an entry is there.
        let b = bundle(BASE, BundleType::Collection, vec![person(), outcome()]);
        assert_eq!(b.total, None);
        assert!(b.entry.iter().all(|e| e.search.is_none()));
    }

    #[test]
    fn an_intake_survives_the_trip_through_fhir() {
        let intake: Intake = serde_json::from_str(
            r#"{"language":"es","age":44,"sex":"female","pregnant":"no","pain_areas":["low","middle"],"leg_symptoms":"below_knee_one_side","leg_side":"left","bladder_change":"no","pain":{"now":6,"average":5,"worst":8},
               "start_back":{"leg_pain":true,"shoulder_or_neck_pain":false,"walking_limited":true,"dressing_slower":false,"unsafe_to_be_active":true,"worrying_thoughts":true,"never_get_better":false,"not_enjoying_things":false,"bothersomeness":"very_much"},
               "odi":{"pain_intensity":3,"personal_care":1,"lifting":3,"walking":2,"sitting":2,"standing":2,"sleeping":1,"social_life":2,"travelling":2},
               "rmdq":{"ticked":[1,4,9]}}"#,
        )
        .unwrap();
        let mut back = Intake::default();
        for form in Form::ALL {
            let qr = response_from_intake(&intake, form, None);
            let text = serde_json::to_string(&qr).unwrap();
            let parsed: QuestionnaireResponse = serde_json::from_str(&text).unwrap();
            assert_eq!(parsed, qr);
            let part = intake_from_response(&parsed).unwrap();
            merge(&mut back, &part);
        }
        assert_eq!(back, intake);
        assert_eq!(instruments::scores(&back), instruments::scores(&intake));
    }

    /// Copies what `part` answered into `all` (each form answers its own questions).
    fn merge(all: &mut Intake, part: &Intake) {
        all.language = part.language;
        for q in questions::questions() {
            if let Some(a) = questions::current(part, q) {
                questions::apply(all, q, &a).unwrap();
            }
        }
        if part.start_back.is_some() {
            all.start_back.clone_from(&part.start_back);
        }
        if part.odi.is_some() {
            all.odi.clone_from(&part.odi);
        }
        if part.rmdq.is_some() {
            all.rmdq.clone_from(&part.rmdq);
        }
    }
}
