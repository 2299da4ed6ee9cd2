//! A patient's record as FHIR resources, read as issued: what `$everything`, the resource
//! reads and the Bulk Data export all give ([`whole_record`]), and which of them changed
//! since a time ([`changed_since`]).
//!
//! Ids are stable and say where a resource comes from (`docs/fhir.md`): a patient is their
//! user id; resources sent to us are `qr-N` and `obs-N`; resources worked out from a
//! patient's answers are `p{patient}-a{assessment}-...`, `p{patient}-r{reassessment}-...`
//! and `p{patient}-qr{N}-...`. What could not be read is said in an OperationOutcome among
//! the resources, never left out silently.

use std::collections::HashMap;

use backcare_core::record::{IssuedAssessment, IssuedScores};
use backcare_core::{Intake, Lang};
use backcare_fhir::mapping::{self, Context, Record};
use backcare_fhir::questionnaires::Form;
use backcare_fhir::types::{
    Extra, HumanName, Id, Issue, IssueSeverity, Meta, Observation, Patient, QuestionnaireResponse,
    Reference, Resource, ServiceRequest,
};
use backcare_storage::{
    FhirType, PlanVersion, Profile, Questionnaire, Schedule, StoredFhirResource, UserId,
};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::AppState;
use crate::infra::clock::today_for;
use crate::infra::error::AppError;
use crate::infra::fhir::{issue, operation_outcome};
use crate::model::assessment::Unreadable;
use crate::model::record::{self, CareRecord};

pub(crate) fn fhir_id(text: String) -> Result<Id, AppError> {
    Id::new(text).map_err(|e| AppError::Internal(format!("a minted FHIR id is invalid: {e}")))
}

pub(crate) fn rfc3339(t: OffsetDateTime) -> Option<String> {
    t.format(&Rfc3339).ok()
}

/// A stored response with its id, subject and `meta.lastUpdated` (when it was received or
/// last changed) set, for Bundles.
/// The error is the issue to report (already logged): a stored resource is never left out
/// silently.
pub(crate) fn stored_response(stored: &StoredFhirResource) -> Result<QuestionnaireResponse, Issue> {
    let mut qr: QuestionnaireResponse =
        serde_json::from_str(&stored.body).map_err(|e| unreadable_resource(stored, &e))?;
    qr.id = Id::new(format!("qr-{}", stored.id.0)).ok();
    qr.subject = Some(Reference::to("Patient", &stored.user.0.to_string()));
    if let Some(at) = rfc3339(stored.updated_at.max(stored.created_at)) {
        extra_updated(&mut qr.extra, at);
    }
    Ok(qr)
}

/// Logs (error level, with its id) and describes a stored resource that could not be read.
pub(crate) fn unreadable_resource(stored: &StoredFhirResource, e: &dyn std::fmt::Display) -> Issue {
    tracing::error!(
        record = stored.resource_type.as_str(),
        id = stored.id.0,
        error = %e,
        "a stored record could not be read"
    );
    issue(
        IssueSeverity::Error,
        "processing",
        format!(
            "the {} received on {} (id {}) could not be read: {e}",
            stored.resource_type.as_str(),
            stored.created_at.date(),
            stored.id.0
        ),
    )
}

/// The value, or `None` with its issue noted for the OperationOutcome.
pub(crate) fn noted<T>(read: Result<T, Issue>, problems: &mut Vec<Issue>) -> Option<T> {
    match read {
        Ok(v) => Some(v),
        Err(issue) => {
            problems.push(issue);
            None
        }
    }
}

/// `found`, with an OperationOutcome saying what could not be read, if anything.
pub(crate) fn with_problems(mut found: Vec<Resource>, problems: Vec<Issue>) -> Vec<Resource> {
    if !problems.is_empty() {
        found.push(operation_outcome(problems).into());
    }
    found
}

/// Of a patient's resources, those changed at or after `since` (all without it), by their
/// `meta.lastUpdated` ([`whole_record`] stamps it). The Patient (the subject) and this
/// week's CarePlan (made anew each week from the diary) are always there, and so is what
/// could not be read.
pub(crate) fn changed_since(since: Option<OffsetDateTime>, found: Vec<Resource>) -> Vec<Resource> {
    let Some(since) = since else {
        return found;
    };
    found
        .into_iter()
        .filter(|r| match r {
            Resource::Patient(_) | Resource::CarePlan(_) | Resource::OperationOutcome(_) => true,
            _ => last_updated(r).is_none_or(|at| at >= since),
        })
        .collect()
}

/// A resource's `meta.lastUpdated`, when it has one.
fn last_updated(r: &Resource) -> Option<OffsetDateTime> {
    let text = match r {
        Resource::Condition(c) => c.meta.as_ref()?.last_updated.clone()?,
        Resource::ServiceRequest(s) => s.meta.as_ref()?.last_updated.clone()?,
        // Sent resources keep any `meta` they came with among their unmodelled members.
        Resource::Observation(o) => sent_meta(&o.extra)?.last_updated?,
        Resource::QuestionnaireResponse(q) => sent_meta(&q.extra)?.last_updated?,
        _ => return None,
    };
    OffsetDateTime::parse(&text, &Rfc3339).ok()
}

/// Sets `meta.lastUpdated` of the resources whose source `changed` says when it changed
/// (keys are id prefixes ending at a `-`: `p12-a3` covers `p12-a3-triage`). A response keeps
/// the rest of any `meta` it was sent with. Each id is looked up by its few prefixes, not
/// against every key: a long record is stamped in time linear in its size.
fn stamp(found: &mut [Resource], changed: &[(String, OffsetDateTime)]) {
    let mut by_key: HashMap<&str, OffsetDateTime> = HashMap::new();
    for (key, at) in changed {
        let kept = by_key.entry(key.as_str()).or_insert(*at);
        *kept = (*kept).max(*at);
    }
    for r in found {
        let Some(at) = r.id().and_then(|id| {
            id.match_indices('-')
                .map(|(i, _)| &id[..i])
                .chain(std::iter::once(id))
                .filter_map(|prefix| by_key.get(prefix).copied())
                .max()
        }) else {
            continue;
        };
        let Some(at) = rfc3339(at) else { continue };
        let meta = |m: &mut Option<Meta>| {
            m.get_or_insert_with(Meta::default).last_updated = Some(at.clone())
        };
        match r {
            Resource::Condition(c) => meta(&mut c.meta),
            Resource::ServiceRequest(s) => meta(&mut s.meta),
            Resource::Observation(o) => extra_updated(&mut o.extra, at),
            Resource::QuestionnaireResponse(q) => extra_updated(&mut q.extra, at),
            _ => {}
        }
    }
}

/// The `meta` among a resource's unmodelled members (where Observations and responses keep
/// it, so that what a client sent in it survives).
fn sent_meta(extra: &Extra) -> Option<Meta> {
    serde_json::from_str(extra.get("meta")?).ok()
}

/// Sets `meta.lastUpdated` among a resource's unmodelled members, keeping the rest of any
/// `meta` it was sent with.
fn extra_updated(extra: &mut Extra, at: String) {
    let mut meta: serde_json::Map<String, serde_json::Value> = extra
        .get("meta")
        .and_then(|m| serde_json::from_str(m).ok())
        .unwrap_or_default();
    meta.insert("lastUpdated".to_owned(), serde_json::Value::String(at));
    if let Ok(raw) = serde_json::value::to_raw_value(&meta) {
        extra.set("meta", raw);
    }
}

/// One assessment of the record, read as issued.
struct Row {
    id: Id,
    effective: Option<String>,
    issued: IssuedAssessment,
    response: Option<QuestionnaireResponse>,
}

/// Everything about a patient as resources: the Patient; per assessment its response (if
/// it came as FHIR), and the triage and score Observations and suggested Conditions as
/// issued (and, with `plan`, this week's CarePlan for the latest); per reassessment its
/// response and score Observations; pain ratings sent alone; and the Observations sent to
/// us. What could not be read, and where today's rules would give another level, is said in
/// an OperationOutcome among them.
pub(crate) async fn whole_record(
    state: &AppState,
    patient: UserId,
    plan: bool,
) -> Result<Vec<Resource>, AppError> {
    let store = &state.store;
    let assessments = store.assessments(patient).await?;
    let reassessments = store.reassessments(patient).await?;
    let sent = store.fhir_resources(patient, None).await?;
    let pid = fhir_id(patient.0.to_string())?;

    // What could not be read or carried, said in the Bundle as an OperationOutcome: a
    // record is never left out silently.
    let mut problems: Vec<Issue> = Vec::new();
    let mut rows = Vec::new();
    for a in &assessments {
        let read = match crate::model::assessment::read(a) {
            Ok(read) => read,
            Err(u) => {
                problems.push(unreadable_issue(&u));
                continue;
            }
        };
        if read.rules_changed() {
            problems.push(issue(
                IssueSeverity::Information,
                "informational",
                format!(
                    "assessment {}: issued {} on {}; with today's rules: {}",
                    a.id.0,
                    read.level().id(),
                    a.created_at.date(),
                    read.today.id()
                ),
            ));
        }
        let response = sent
            .iter()
            .find(|s| s.assessment == Some(a.id))
            .and_then(|s| noted(stored_response(s), &mut problems));
        rows.push(Row {
            id: fhir_id(format!("p{}-a{}", patient.0, a.id.0))?,
            effective: rfc3339(a.created_at),
            issued: read.issued,
            response,
        });
    }
    let latest = rows.last().map(|r| &r.issued);
    let week_plan = match latest {
        Some(latest) if plan => {
            let today = today_for(state, patient).await?;
            CareRecord::load(store, patient, today, latest.language)
                .await?
                .plan()
                .cloned()
        }
        _ => None,
    };
    let last = rows.len().saturating_sub(1);
    let records: Vec<Record<'_>> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| Record {
            id: &row.id,
            effective: row.effective.as_deref(),
            issued: &row.issued,
            response: row.response.as_ref(),
            plan: if i == last { week_plan.as_ref() } else { None },
        })
        .collect();
    // The patient as they last told us, in the language their result was given in.
    let about = match latest {
        Some(latest) => Intake {
            language: latest.language,
            ..latest.intake.clone()
        },
        None => Intake::default(),
    };
    let mut person = mapping::patient(pid.clone(), &about);
    with_profile(&mut person, &store.profile(patient).await?);
    let base = state.public_url.fhir_base();
    let bundle = mapping::record_bundle(&base, &person, &records)
        .map_err(|e| AppError::Internal(format!("a record did not map to FHIR: {e}")))?;
    let mut out: Vec<Resource> = bundle.entry.into_iter().map(|e| e.resource).collect();
    // The plan is one CarePlan per patient, versioned by the clinician's tailoring.
    let versions = store.plan_versions(patient).await?;
    for r in &mut out {
        if let Resource::CarePlan(plan) = r {
            plan.id = Some(fhir_id(care_plan_id(patient))?);
            if let Some(v) = versions.first() {
                mapping::tailor_care_plan(plan, &tailored(v));
            }
        }
    }
    // What the clinician asks the patient to answer, and how often.
    let lang = latest.map_or(Lang::En, |l| l.language);
    let p = patient.0;
    // When each resource changed, from what it is made of.
    let mut changed: Vec<(String, OffsetDateTime)> = Vec::new();
    for s in store.schedules(patient).await? {
        let form = form_of(s.questionnaire);
        changed.push((format!("p{p}-ask-{}", form.slug()), s.set_at));
        out.push(schedule_request(state, patient, &s, lang).await?.into());
    }
    for a in &assessments {
        changed.push((format!("p{p}-a{}", a.id.0), a.created_at));
    }
    for r in &reassessments {
        changed.push((format!("p{p}-r{}", r.id.0), r.created_at));
    }
    for s in &sent {
        let at = s.updated_at.max(s.created_at);
        changed.push((format!("qr-{}", s.id.0), at));
        changed.push((format!("obs-{}", s.id.0), at));
        changed.push((format!("p{p}-qr{}", s.id.0), at));
    }

    let context = |prefix: String, when: OffsetDateTime, lang: Lang| -> Result<Context, AppError> {
        let ctx = Context::new(pid.clone(), &fhir_id(prefix)?, lang)
            .map_err(|e| AppError::Internal(format!("an id prefix is too long: {e}")))?;
        Ok(match rfc3339(when) {
            Some(w) => ctx.effective(w),
            None => ctx,
        })
    };
    for r in &reassessments {
        let scores = match record::read_reassessment(r) {
            Ok(read) => read.issued,
            Err(u) => {
                problems.push(unreadable_issue(&u));
                continue;
            }
        };
        let response = sent
            .iter()
            .find(|s| s.reassessment == Some(r.id))
            .and_then(|s| noted(stored_response(s), &mut problems));
        let lang = response
            .as_ref()
            .and_then(|q| q.language.as_ref())
            .and_then(|l| l.as_str().parse().ok())
            .unwrap_or(Lang::En);
        let mut ctx = context(format!("p{}-r{}", patient.0, r.id.0), r.created_at, lang)?;
        if let Some(qr) = response {
            if let Some(id) = &qr.id {
                ctx = ctx.derived_from(Reference::to("QuestionnaireResponse", id.as_str()));
            }
            out.push(qr.into());
        }
        out.extend(
            mapping::score_observations(&ctx, &scores)
                .into_iter()
                .map(Resource::from),
        );
    }
    for s in &sent {
        match s.resource_type {
            FhirType::QuestionnaireResponse
                if s.assessment.is_none() && s.reassessment.is_none() =>
            {
                // Pain ratings sent alone: the response and its scores.
                let qr = match stored_response(s) {
                    Ok(qr) => qr,
                    Err(issue) => {
                        problems.push(issue);
                        continue;
                    }
                };
                let (intake, scores) = match mapping::score_response(&qr) {
                    Ok(scored) => scored,
                    Err(e) => {
                        problems.push(unreadable_resource(s, &e));
                        continue;
                    }
                };
                let mut ctx = context(
                    format!("p{}-qr{}", patient.0, s.id.0),
                    s.created_at,
                    intake.language,
                )?;
                ctx = ctx.derived_from(Reference::to(
                    "QuestionnaireResponse",
                    &format!("qr-{}", s.id.0),
                ));
                out.push(qr.into());
                out.extend(
                    mapping::score_observations(&ctx, &IssuedScores::from(&scores))
                        .into_iter()
                        .map(Resource::from),
                );
            }
            FhirType::QuestionnaireResponse => {}
            FhirType::Observation => {
                let mut o = match serde_json::from_str::<Observation>(&s.body) {
                    Ok(o) => o,
                    Err(e) => {
                        problems.push(unreadable_resource(s, &e));
                        continue;
                    }
                };
                o.id = Id::new(format!("obs-{}", s.id.0)).ok();
                if o.subject.is_none() {
                    o.subject = Some(Reference::to("Patient", &patient.0.to_string()));
                }
                out.push(o.into());
            }
        }
    }
    stamp(&mut out, &changed);
    Ok(with_problems(out, problems))
}

/// What a person told us about themselves on their Patient: their name and date of birth.
pub(crate) fn with_profile(person: &mut Patient, profile: &Profile) {
    person.name = profile
        .name
        .iter()
        .map(|n| HumanName {
            text: n.as_str().to_owned(),
        })
        .collect();
    person.birth_date = profile.birth_date.map(|d| d.to_string());
}

/// A patient's Patient resource: sex and language from their latest readable assessment,
/// name and date of birth from their profile.
pub(crate) async fn patient_resource(
    state: &AppState,
    patient: UserId,
) -> Result<Patient, AppError> {
    let latest = state
        .store
        .assessments(patient)
        .await?
        .iter()
        .rev()
        .find_map(|a| crate::model::assessment::read(a).ok());
    let about = match latest {
        Some(read) => Intake {
            language: read.issued.language,
            ..read.issued.intake.clone()
        },
        None => Intake::default(),
    };
    let mut person = mapping::patient(fhir_id(patient.0.to_string())?, &about);
    with_profile(&mut person, &state.store.profile(patient).await?);
    Ok(person)
}

/// The id of a patient's CarePlan: one per patient, versioned by the tailoring.
pub(crate) fn care_plan_id(patient: UserId) -> String {
    format!("p{}-careplan", patient.0)
}

/// A stored tailoring as the CarePlan says it.
pub(crate) fn tailored(v: &PlanVersion) -> mapping::Tailored<'_> {
    mapping::Tailored {
        version: v.version,
        saved: rfc3339(v.created_at).unwrap_or_default(),
        author: &v.signed_by,
        author_id: v.clinician_id.map(|c| c.0.to_string()),
        goal: v.tailoring.goal.as_deref(),
        instructions: v
            .tailoring
            .instructions
            .iter()
            .map(|i| (i.exercise.as_str(), i.text.as_str()))
            .collect(),
    }
}

/// The FHIR Questionnaire a schedulable questionnaire is.
pub(crate) fn form_of(q: Questionnaire) -> Form {
    match q {
        Questionnaire::StartBack => Form::StartBack,
        Questionnaire::Odi => Form::Odi,
        Questionnaire::Rmdq => Form::Rmdq,
    }
}

/// A questionnaire schedule as an SDC Questionnaire Service Request.
pub(crate) async fn schedule_request(
    state: &AppState,
    patient: UserId,
    s: &Schedule,
    lang: Lang,
) -> Result<ServiceRequest, AppError> {
    let form = form_of(s.questionnaire);
    let requester = match s.clinician_id {
        Some(c) => Some(Reference {
            reference: Some(format!("Practitioner/{}", c.0)),
            display: state
                .store
                .profile(c)
                .await?
                .name
                .map(|n| n.as_str().to_owned()),
            ..Reference::default()
        }),
        None => None,
    };
    Ok(mapping::questionnaire_request(
        fhir_id(format!("p{}-ask-{}", patient.0, form.slug()))?,
        Reference::to("Patient", &patient.0.to_string()),
        (form, lang),
        s.every_days,
        rfc3339(s.set_at),
        requester,
    ))
}

/// The issue saying a stored record could not be read (its date, its stored level when
/// that part can be read, and why).
pub(crate) fn unreadable_issue(u: &Unreadable) -> Issue {
    let level = u
        .level
        .map(|l| format!("; its stored triage level: {}", l.id()))
        .unwrap_or_default();
    issue(
        IssueSeverity::Error,
        "processing",
        format!(
            "the {} saved on {} (id {}) could not be read{level}: {}",
            u.kind,
            u.created_at.date(),
            u.id,
            u.error
        ),
    )
}
