//! One line of a FHIR Bulk Data NDJSON file of QuestionnaireResponses, scored.
//!
//! [`score_line`] is the pure per-line step of `backcare bulk score`: the command reads,
//! splits, parallelises and writes; this parses one response, scores it with the engine and
//! maps the result to Observations. A line that cannot be scored is a [`LineError`], never a
//! panic, so one bad line never stops a run.
//!
//! What a line becomes (written with [`Scored::write_ndjson`], one Observation a line, the
//! Bulk Data layout):
//! - a response to STarT Back, ODI, RMDQ or the pain ratings: an Observation for every
//!   score the engine worked out ([`score_observations`]); none when too many items are
//!   missing to score (counted as incomplete, not as an error);
//! - an intake response: the triage Observation first ([`triage_observation`]), then its
//!   pain ratings.
//!
//! The Observations' ids are `{response id}-{what}`, their subject is the response's
//! patient and they are `derivedFrom` the response.

use backcare_core::instruments::RiskGroup;
use backcare_core::lang::Lang;
use backcare_core::record::{IssuedScores, IssuedTriage};
use backcare_core::triage::{self, Level};

use crate::mapping::{
    Context, MAX_PREFIX, MappingError, score_observations, score_response, triage_observation,
};
use crate::questionnaires::Form;
use crate::types::{Id, Observation, QuestionnaireResponse, Reference};

/// Why a line was skipped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LineError {
    /// An empty (or all-whitespace) line.
    #[error("blank line")]
    Blank,
    /// Not valid JSON (or not UTF-8).
    #[error("not valid JSON: {0}")]
    NotJson(String),
    /// JSON, but not a QuestionnaireResponse backcare can read.
    #[error("not a QuestionnaireResponse: {0}")]
    NotAResponse(String),
    /// The response has no `questionnaire`.
    #[error("the response has no questionnaire")]
    NoQuestionnaire,
    /// The `questionnaire` is not one of backcare's.
    #[error("unknown questionnaire {0:?}")]
    UnknownQuestionnaire(String),
    /// The response has no `id`, so Observations cannot point back to it.
    #[error("the response has no id")]
    NoId,
    /// The id is too long to mint Observation ids from (FHIR ids stop at 64 characters).
    #[error("the response id {0:?} is longer than {MAX_PREFIX} characters")]
    IdTooLong(String),
    /// `subject` is missing or is not a `Patient/{id}` reference.
    #[error("subject is not a Patient reference (Patient/id)")]
    NoPatient,
    /// An answer the engine cannot read.
    #[error("{0}")]
    Mapping(#[from] MappingError),
}

/// A line that was read and scored.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// The form answered.
    pub form: Form,
    /// The language of the answers.
    pub lang: Lang,
    /// The STarT Back risk group, when STarT Back was fully answered.
    pub risk_group: Option<RiskGroup>,
    /// The triage level, for intake responses.
    pub triage: Option<Level>,
    /// The Observations, in the order written.
    pub observations: Vec<Observation>,
}

impl Scored {
    /// Whether the engine could work out no score at all (too many items missing).
    pub fn is_incomplete(&self) -> bool {
        self.observations.is_empty()
    }

    /// Appends the Observations to `out`, one JSON object a line.
    pub fn write_ndjson(&self, out: &mut Vec<u8>) {
        for o in &self.observations {
            // Serialising our own types to memory cannot fail: no maps with non-string keys.
            serde_json::to_writer(&mut *out, o).expect("an Observation serialises");
            out.push(b'\n');
        }
    }
}

/// Parses one line as a QuestionnaireResponse, telling "not JSON" from "not a response".
pub fn parse_line(line: &str) -> Result<QuestionnaireResponse, LineError> {
    if line.trim().is_empty() {
        return Err(LineError::Blank);
    }
    serde_json::from_str(line).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => {
            LineError::NotAResponse(crate::plain::json_message(&e))
        }
        _ => LineError::NotJson(crate::plain::json_message(&e)),
    })
}

/// Parses, scores and maps one line (see the [module documentation](self)).
pub fn score_line(line: &str) -> Result<Scored, LineError> {
    score(&parse_line(line)?)
}

/// Scores a parsed response and maps the result to Observations.
pub fn score(qr: &QuestionnaireResponse) -> Result<Scored, LineError> {
    let url = qr
        .questionnaire
        .as_deref()
        .ok_or(LineError::NoQuestionnaire)?;
    let (form, _) =
        Form::from_url(url).ok_or_else(|| LineError::UnknownQuestionnaire(url.to_owned()))?;
    let id = qr.id.as_ref().ok_or(LineError::NoId)?;
    if id.as_str().len() > MAX_PREFIX {
        return Err(LineError::IdTooLong(id.to_string()));
    }
    let patient = qr
        .subject
        .as_ref()
        .and_then(|s| s.reference.as_deref())
        .and_then(|r| r.strip_prefix("Patient/"))
        .and_then(|p| Id::new(p).ok())
        .ok_or(LineError::NoPatient)?;
    let (intake, scores) = score_response(qr)?;
    let mut ctx = Context::new(patient, id, intake.language)
        .map_err(|_| LineError::IdTooLong(id.to_string()))?
        .derived_from(Reference::to("QuestionnaireResponse", id.as_str()));
    if let Some(authored) = &qr.authored {
        ctx = ctx.effective(authored.clone());
    }
    let mut observations = Vec::new();
    let triage = (form == Form::Intake).then(|| {
        let triage = triage::triage(&intake);
        observations.push(triage_observation(&ctx, &IssuedTriage::from(&triage)));
        triage.level
    });
    observations.extend(score_observations(&ctx, &IssuedScores::from(&scores)));
    Ok(Scored {
        form,
        lang: intake.language,
        risk_group: scores.risk_group(),
        triage,
        observations,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth;
    use crate::types::ObservationValue;

    #[test]
    fn bad_lines_are_errors_of_the_right_kind() {
        assert_eq!(score_line("  "), Err(LineError::Blank));
        assert!(matches!(
            score_line("{\"resourceType\":"),
            Err(LineError::NotJson(_))
        ));
        assert!(matches!(score_line("garbage"), Err(LineError::NotJson(_))));
        let e = score_line(r#"{"resourceType":"Patient","id":"p"}"#).unwrap_err();
        assert!(matches!(e, LineError::NotAResponse(_)), "{e}");
        assert!(e.to_string().contains("Patient"), "{e}");
        assert_eq!(
            score_line(r#"{"resourceType":"QuestionnaireResponse","status":"completed"}"#),
            Err(LineError::NoQuestionnaire)
        );
        let unknown = r#"{"resourceType":"QuestionnaireResponse","status":"completed","questionnaire":"http://x/Q/1"}"#;
        assert_eq!(
            score_line(unknown),
            Err(LineError::UnknownQuestionnaire("http://x/Q/1".into()))
        );
    }

    fn line(edit: impl FnOnce(&mut QuestionnaireResponse)) -> String {
        let mut qr = synth::response(1, 0);
        edit(&mut qr);
        serde_json::to_string(&qr).unwrap()
    }

    #[test]
    fn responses_need_an_id_and_a_patient() {
        assert_eq!(score_line(&line(|qr| qr.id = None)), Err(LineError::NoId));
        assert_eq!(
            score_line(&line(|qr| qr.subject = Some(Reference::to("Group", "g")))),
            Err(LineError::NoPatient)
        );
        assert_eq!(
            score_line(&line(|qr| qr.subject = None)),
            Err(LineError::NoPatient)
        );
        let long = "a".repeat(41);
        assert_eq!(
            score_line(&line(|qr| qr.id = Some(Id::new(long.clone()).unwrap()))),
            Err(LineError::IdTooLong(long))
        );
    }

    #[test]
    fn a_bad_answer_names_its_item() {
        let text = line(|_| {}).replacen("\"linkId\":\"", "\"linkId\":\"nonsense.", 1);
        let e = score_line(&text).unwrap_err();
        assert!(
            matches!(e, LineError::Mapping(MappingError::UnknownLinkId { .. })),
            "{e}"
        );
    }

    #[test]
    fn scores_equal_the_engine_on_synthetic_responses() {
        let mut seen_triage = 0;
        for index in 0..500 {
            let qr = synth::response(9, index);
            let text = serde_json::to_string(&qr).unwrap();
            let scored = score_line(&text).unwrap();
            let (intake, scores) = score_response(&qr).unwrap();
            assert_eq!(scored.risk_group, scores.risk_group());
            let id = qr.id.as_ref().unwrap().as_str();
            for o in &scored.observations {
                assert!(
                    o.id.as_ref()
                        .unwrap()
                        .as_str()
                        .starts_with(&format!("{id}-"))
                );
                assert_eq!(
                    o.derived_from[0].reference.as_deref(),
                    Some(&*format!("QuestionnaireResponse/{id}"))
                );
                assert_eq!(o.effective_date_time, qr.authored);
            }
            if let Some(odi) = scores.odi_result() {
                let o = scored
                    .observations
                    .iter()
                    .find(|o| o.id.as_ref().unwrap().as_str().ends_with("-odi"))
                    .unwrap();
                let Some(ObservationValue::Quantity(q)) = &o.value else {
                    panic!("{o:?}")
                };
                assert_eq!(q.value.as_ref().unwrap().as_str(), odi.percent.to_string());
            }
            if scored.form == Form::Intake {
                seen_triage += 1;
                assert_eq!(scored.triage, Some(triage::triage(&intake).level));
                assert!(
                    scored.observations[0]
                        .id
                        .as_ref()
                        .unwrap()
                        .as_str()
                        .ends_with("-triage")
                );
            } else {
                assert_eq!(scored.triage, None);
            }
            let mut out = Vec::new();
            scored.write_ndjson(&mut out);
            let text = String::from_utf8(out).unwrap();
            assert_eq!(text.lines().count(), scored.observations.len());
            for l in text.lines() {
                let o: Observation = serde_json::from_str(l).unwrap();
                assert!(scored.observations.contains(&o));
            }
        }
        assert!(seen_triage > 100);
    }
}
