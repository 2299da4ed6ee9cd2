//! The FHIR R4 API under `/fhir` (issue 6; `docs/fhir.md`), for electronic health records.
//!
//! - **Who**: API clients send `Authorization: Bearer TOKEN`, a token made with
//!   `backcare token add`. The database keeps only its SHA-256 ([`crate::infra::auth::token_hash`]).
//!   Cookies play no part, so these routes need no CSRF token ([`authorize_token`] runs
//!   instead of the cookie guard). A `patient` token reaches its owner's record; a `panel`
//!   token the patients linked to its clinician, checked at every request (a revoked link
//!   stops access at once), and each look goes into the patient's access log.
//! - **Ids**: a patient is their backcare user id. Resources sent to us are `qr-N` and
//!   `obs-N`; resources worked out from a patient's answers get stable ids from what they
//!   come from: `p{patient}-a{assessment}-...`, `p{patient}-r{reassessment}-...` and
//!   `p{patient}-qr{N}-...` (pain ratings sent alone).
//! - **Errors** are OperationOutcomes with the right status: 400 (not JSON, wrong
//!   `resourceType`, bad structure), 401 with `WWW-Authenticate: Bearer`, 403 (a patient
//!   token asking about someone else), 404 (unknown, or not the caller's to see), 415 (not
//!   JSON content), 422 (an answer or value that does not fit, naming its `linkId`).
//! - A QuestionnaireResponse is kept exactly as sent (and read back byte for byte); an
//!   intake makes an assessment, an instrument a reassessment, as the web pages do.

// A refusal is the finished answer (an OperationOutcome response), returned once per
// request on its error path: boxing it would only add noise.
#![allow(clippy::result_large_err)]

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use backcare_core::instruments::prompts;
use backcare_core::{Lang, assess};
use backcare_fhir::mapping::{self, MappingError};
use backcare_fhir::plain;
use backcare_fhir::questionnaires::{self, Form};
use backcare_fhir::types::{
    Annotation, BundleEntry, BundleRequest, BundleResponse, CarePlan, CodeableConcept, Coding,
    Extension, ExtensionValue, Group, GroupMember, HumanName, Practitioner,
    PractitionerQualification,
};
use backcare_fhir::types::{
    Bundle, BundleLink, BundleType, CapabilityStatement, Code, Id, Implementation, Observation,
    ObservationStatus, ObservationValue, PublicationStatus, QrStatus, QuestionnaireResponse,
    Reference, Resource, RestComponent, RestOperation, RestResource, RestSecurity, SearchParam,
    Software, Tag,
};
use backcare_storage::{
    ApiToken, FhirResourceId, FhirType, Outcome, PlanVersion, Profession, Profile,
    StoredFhirResource, TokenScope, UserId,
};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::AppState;
use crate::infra::error::AppError;
use crate::infra::fhir::{
    ApiCaller, FHIR_JSON, FhirError, fhir, instant, not_found, or_not_found, outcome, raw,
};
use crate::infra::smart::token_url;
use crate::model::bulk_export::{BULK_DATA_SERVER, panel_group_id, panel_group_owner};
use crate::model::fhir_record::{
    care_plan_id, changed_since, fhir_id, noted, patient_resource, rfc3339, stored_response,
    tailored, whole_record, with_problems,
};
use crate::model::record::{self};

/// Whether the caller may see `patient`'s record: a patient token only its owner's (403
/// otherwise), a panel token only linked patients (404 otherwise; each look is logged).
async fn may_see(
    state: &AppState,
    caller: &ApiToken,
    patient: UserId,
    action: &str,
) -> Result<(), FhirError> {
    match caller.scope {
        TokenScope::Patient if patient == caller.user => Ok(()),
        TokenScope::Patient => Err(outcome(
            StatusCode::FORBIDDEN,
            "forbidden",
            "a patient token reaches only its owner's record",
            None,
        )
        .into()),
        TokenScope::Panel => {
            let now = state.clock.now();
            or_not_found(
                state
                    .store
                    .open_patient_record(caller.user, patient, action, now)
                    .await,
                "the patient",
            )
        }
    }
}

/// Reading a resource by its id: anything the caller may not see is "not found", so ids
/// reveal nothing.
async fn may_read(
    state: &AppState,
    caller: &ApiToken,
    patient: UserId,
    action: &str,
) -> Result<(), FhirError> {
    may_see(state, caller, patient, action)
        .await
        .map_err(|e| match e {
            FhirError::Refused(r) if r.status() == StatusCode::FORBIDDEN => {
                not_found("the resource").into()
            }
            other => other,
        })
}

// ---------------------------------------------------------------------------------------
// Reading requests.

/// The body of a create: FHIR (or plain) JSON, as text.
fn body_text(headers: &HeaderMap, body: Result<Bytes, BytesRejection>) -> Result<String, Response> {
    let kind = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let essence = kind.split(';').next().unwrap_or("").trim();
    if !essence.eq_ignore_ascii_case(FHIR_JSON) && !essence.eq_ignore_ascii_case("application/json")
    {
        return Err(outcome(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "not-supported",
            format!("send Content-Type: {FHIR_JSON}, not {kind:?}"),
            None,
        ));
    }
    let bytes = body.map_err(|e| {
        outcome(
            e.status(),
            "too-long",
            format!("the body could not be read: {e}"),
            None,
        )
    })?;
    String::from_utf8(bytes.to_vec()).map_err(|_| {
        outcome(
            StatusCode::BAD_REQUEST,
            "structure",
            "the body is not UTF-8 text",
            None,
        )
    })
}

/// Parses `text` as a resource of type `T` named `name`: 400 for bad JSON or the wrong
/// `resourceType`.
fn parse<T: serde::de::DeserializeOwned>(text: &str, name: &str) -> Result<T, Response> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        outcome(
            StatusCode::BAD_REQUEST,
            "structure",
            format!("the body is not valid JSON: {}", plain::json_error(&e)),
            None,
        )
    })?;
    let found = value.get("resourceType").and_then(|v| v.as_str());
    if found != Some(name) {
        return Err(outcome(
            StatusCode::BAD_REQUEST,
            "invalid",
            format!(
                "expected resourceType {name:?}, found {}",
                found.map_or("none".to_owned(), |f| format!("{f:?}"))
            ),
            Some("resourceType"),
        ));
    }
    // Parsed again from the text, so decimals keep their exact text.
    serde_json::from_str(text).map_err(|e| {
        outcome(
            StatusCode::BAD_REQUEST,
            "structure",
            format!("the {name} is not valid FHIR R4: {}", plain::json_error(&e)),
            None,
        )
    })
}

/// A patient reference: `Patient/12`, a full URL ending so, or (in a search) `12`.
fn patient_id(reference: &str) -> Option<UserId> {
    let id = reference
        .rsplit_once("Patient/")
        .map_or(reference, |(_, id)| id);
    id.parse::<i64>().ok().filter(|n| *n > 0).map(UserId)
}

/// The patient a resource is about: its `subject`, or the owner of a patient token.
fn subject(caller: &ApiToken, subject: Option<&Reference>, path: &str) -> Result<UserId, Response> {
    match subject.and_then(|s| s.reference.as_deref()) {
        Some(r) => patient_id(r).ok_or_else(|| {
            outcome(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid",
                format!("subject must be Patient/ID (a backcare patient id), not {r:?}"),
                Some(path),
            )
        }),
        None if caller.scope == TokenScope::Patient => Ok(caller.user),
        None => Err(outcome(
            StatusCode::UNPROCESSABLE_ENTITY,
            "required",
            "a panel token must name the patient in subject (Patient/ID)",
            Some(path),
        )),
    }
}

/// The `patient` search parameter, or the owner of a patient token.
fn search_patient(caller: &ApiToken, params: &[(String, String)]) -> Result<UserId, Response> {
    match params
        .iter()
        .find(|(k, _)| k == "patient" || k == "subject")
    {
        Some((_, v)) => patient_id(v).ok_or_else(|| {
            outcome(
                StatusCode::BAD_REQUEST,
                "invalid",
                format!("patient must be a backcare patient id, not {v:?}"),
                None,
            )
        }),
        None if caller.scope == TokenScope::Patient => Ok(caller.user),
        None => Err(outcome(
            StatusCode::BAD_REQUEST,
            "required",
            "a panel token must say which patient: ?patient=ID",
            None,
        )),
    }
}

fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// `qr-12` to 12 for the prefix `qr-`.
fn stored_id(id: &str, prefix: &str) -> Option<FhirResourceId> {
    id.strip_prefix(prefix)?
        .parse::<i64>()
        .ok()
        .map(FhirResourceId)
}

// ---------------------------------------------------------------------------------------
// Public resources.

/// What `/fhir` serves of one resource type, for the CapabilityStatement.
#[derive(Debug)]
pub struct Served {
    /// The resource type.
    pub kind: &'static str,
    /// Its interactions (`read`, `create`, `search-type`).
    pub interactions: &'static [&'static str],
    /// The search parameters `search-type` reads: (name, type, what it does).
    pub search: &'static [(&'static str, &'static str, &'static str)],
    /// Its operations: (name without `$`, OperationDefinition).
    pub operations: &'static [(&'static str, &'static str)],
}

/// `_lastUpdated`, for the types that can say when each of theirs changed.
const LAST_UPDATED: (&str, &str, &str) = (
    "_lastUpdated",
    "date",
    "ge or gt with an instant or a date: only what changed since then.",
);

/// Everything `/fhir` serves besides `metadata`, by resource type. **Keep it equal to the
/// route table**: the test `the_capability_statement_lists_what_the_route_table_serves`
/// derives the interactions and operations from `routes::ROUTES` and compares.
pub const SERVED: &[Served] = &[
    Served {
        kind: "Questionnaire",
        interactions: &["read", "search-type"],
        search: &[],
        operations: &[],
    },
    Served {
        kind: "QuestionnaireResponse",
        interactions: &["read", "create", "search-type"],
        search: &[
            (
                "patient",
                "reference",
                "The patient the responses are about (required with a panel token).",
            ),
            (
                "questionnaire",
                "reference",
                "Only responses to this questionnaire (its canonical URL; a |version is ignored).",
            ),
            LAST_UPDATED,
        ],
        operations: &[],
    },
    Served {
        kind: "Observation",
        interactions: &["read", "create", "search-type"],
        search: &[
            (
                "patient",
                "reference",
                "The patient the observations are about (required with a panel token).",
            ),
            (
                "code",
                "token",
                "Only observations with this code (system|code, or code).",
            ),
            LAST_UPDATED,
        ],
        operations: &[],
    },
    Served {
        kind: "CarePlan",
        interactions: &["read", "history-instance"],
        search: &[],
        operations: &[],
    },
    Served {
        kind: "Group",
        interactions: &["read", "search-type"],
        search: &[("_id", "token", "Group ids, separated by commas.")],
        operations: &[(
            "export",
            "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/group-export",
        )],
    },
    Served {
        kind: "Practitioner",
        interactions: &["read"],
        search: &[],
        operations: &[],
    },
    Served {
        kind: "Patient",
        interactions: &["read", "search-type"],
        search: &[
            (
                "name",
                "string",
                "The name the patient gave: it, or one of its words, starts with this (any case).",
            ),
            (
                "birthdate",
                "date",
                "The date of birth the patient gave: YYYY-MM-DD, with an optional prefix (eq, ne, lt, le, gt, ge).",
            ),
            ("_id", "token", "Patient ids, separated by commas."),
        ],
        operations: &[
            (
                "everything",
                "http://hl7.org/fhir/OperationDefinition/Patient-everything",
            ),
            (
                "export",
                "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export",
            ),
        ],
    },
];

/// The paging parameters every search takes ([`searchset`]), for the CapabilityStatement.
fn paging_params() -> Vec<(String, &'static str, String)> {
    vec![
        (
            "_count".to_owned(),
            "number",
            format!(
                "Matches a page: {DEFAULT_COUNT} when not given, at most {MAX_COUNT}; 0 gives the total only."
            ),
        ),
        (
            "_offset".to_owned(),
            "number",
            "Where the page starts among the matches (the next and previous links set it)."
                .to_owned(),
        ),
        (
            "_summary".to_owned(),
            "token",
            "count: the total only, no entries.".to_owned(),
        ),
        (
            "_sort".to_owned(),
            "token",
            "date (oldest first) or -date (newest first): an Observation's effective time, a QuestionnaireResponse's authored time; without it, the record's order.".to_owned(),
        ),
    ]
}

/// How clients authenticate, for `rest.security`.
const SECURITY: &str = "Send `Authorization: Bearer TOKEN` with a token made by `backcare \
     token add`: a patient token reads and writes its owner's record, a panel token the \
     records of the clinician's linked patients. A backend services client registered with \
     `backcare client add` gets a five-minute, read-only panel token from the token \
     endpoint (SMART backend services: client_credentials with a private_key_jwt assertion \
     signed RS384 or ES384; see /.well-known/smart-configuration). `metadata` and \
     `Questionnaire` need no token. Only JSON is served: an XML `Accept` or `_format` gets \
     406.";

/// `GET /fhir/metadata`: what this server does ([`SERVED`]).
pub async fn metadata(State(state): State<AppState>) -> Response {
    let code = |c: &str| Code::new(c).expect("valid code");
    let resource = |served: &Served| RestResource {
        kind: code(served.kind),
        interaction: served
            .interactions
            .iter()
            .map(|n| {
                let mut m = serde_json::Map::new();
                m.insert("code".to_owned(), serde_json::Value::from(*n));
                m
            })
            .collect(),
        search_param: served
            .search
            .iter()
            .map(|(name, kind, doc)| ((*name).to_owned(), *kind, (*doc).to_owned()))
            .chain(
                served
                    .interactions
                    .contains(&"search-type")
                    .then(paging_params)
                    .into_iter()
                    .flatten(),
            )
            .map(|(name, kind, doc)| SearchParam {
                name,
                kind: code(kind),
                documentation: Some(doc),
            })
            .collect(),
        operation: served
            .operations
            .iter()
            .map(|(name, definition)| RestOperation {
                name: (*name).to_owned(),
                definition: (*definition).to_owned(),
            })
            .collect(),
    };
    let statement = CapabilityStatement {
        resource_type: Tag::new(),
        status: PublicationStatus::Active,
        date: state.clock.now().date().to_string(),
        instantiates: vec![BULK_DATA_SERVER.to_owned()],
        kind: code("instance"),
        fhir_version: code("4.0.1"),
        software: Software {
            name: "backcare".to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        },
        implementation: Some(Implementation {
            description: "backcare FHIR R4 API: questionnaires, responses, observations and \
                          Patient/$everything, with bearer tokens"
                .to_owned(),
            url: Some(state.public_url.fhir_base()),
        }),
        format: vec![code("json")],
        rest: vec![RestComponent {
            mode: code("server"),
            security: Some(RestSecurity {
                extension: vec![Extension {
                    url: "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris"
                        .to_owned(),
                    value: None,
                    extension: vec![Extension::new(
                        "token",
                        ExtensionValue::Uri(token_url(&state.public_url)),
                    )],
                }],
                cors: false,
                service: vec![CodeableConcept {
                    coding: vec![Coding::new(
                        "http://terminology.hl7.org/CodeSystem/restful-security-service",
                        "SMART-on-FHIR",
                        "SMART-on-FHIR",
                    )],
                    text: Some("SMART backend services; bearer tokens".to_owned()),
                    ..CodeableConcept::default()
                }],
                description: SECURITY.to_owned(),
            }),
            resource: SERVED.iter().map(resource).collect(),
        }],
    };
    fhir(StatusCode::OK, &statement)
}

/// A search page's size when `_count` is not given.
pub const DEFAULT_COUNT: usize = 50;
/// The largest page a search gives, whatever `_count` asks.
pub const MAX_COUNT: usize = 200;

/// How a search asked to be paged: `_count` (0 is `_summary=count`), `_offset` (where the
/// page starts among the matches) and `_summary=count` (the total only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Paging {
    count: usize,
    offset: usize,
    summary_count: bool,
    /// `_sort=date` (`Some(false)`) or `_sort=-date` (`Some(true)`, newest first).
    newest_first: Option<bool>,
}

impl Paging {
    fn of(asked: &Uri) -> Result<Paging, FhirError> {
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(asked.query().unwrap_or_default()).unwrap_or_default();
        let number = |name: &str| -> Result<Option<usize>, FhirError> {
            match pairs.iter().find(|(k, _)| k == name) {
                None => Ok(None),
                Some((_, v)) => v.trim().parse::<usize>().map(Some).map_err(|_| {
                    FhirError::from(outcome(
                        StatusCode::BAD_REQUEST,
                        "invalid",
                        format!("{name} must be a whole number of 0 or more, not {v:?}"),
                        Some(name),
                    ))
                }),
            }
        };
        let count = number("_count")?;
        let summary = pairs.iter().find(|(k, _)| k == "_summary").map(|(_, v)| v);
        match summary.map(String::as_str) {
            None | Some("count" | "false") => {}
            Some(other) => {
                return Err(FhirError::from(outcome(
                    StatusCode::BAD_REQUEST,
                    "not-supported",
                    format!("_summary={other} is not supported; _summary=count is"),
                    Some("_summary"),
                )));
            }
        }
        let newest_first = match pairs
            .iter()
            .find(|(k, _)| k == "_sort")
            .map(|(_, v)| v.trim())
        {
            None => None,
            Some("date") => Some(false),
            Some("-date") => Some(true),
            Some(other) => {
                return Err(FhirError::from(outcome(
                    StatusCode::BAD_REQUEST,
                    "not-supported",
                    format!("_sort={other} is not supported; date and -date are"),
                    Some("_sort"),
                )));
            }
        };
        Ok(Paging {
            newest_first,
            count: count.unwrap_or(DEFAULT_COUNT).min(MAX_COUNT),
            offset: number("_offset")?.unwrap_or(0),
            summary_count: summary.is_some_and(|v| v == "count") || count == Some(0),
        })
    }
}

/// A searchset of `found`, one page of it as the search `asked` (`_count`, `_offset`,
/// `_summary=count`): `total` counts every match, the page keeps `found`'s order (stable:
/// the same search gives the same pages), and the `self` link and, when there is more than
/// one page, `first`, `previous` and `next` carry the query with their `_offset`. What the search could not read or carry
/// (OperationOutcomes, `search.mode` outcome) is on the first page. `fullUrl`s and links
/// start with the site's public address ([`crate::infra::site`]).
fn searchset(state: &AppState, asked: &Uri, found: Vec<Resource>) -> Result<Bundle, FhirError> {
    let paging = Paging::of(asked)?;
    let (outcomes, mut matches): (Vec<Resource>, Vec<Resource>) = found
        .into_iter()
        .partition(|r| matches!(r, Resource::OperationOutcome(_)));
    if let Some(newest_first) = paging.newest_first {
        // Stable: equal dates (and resources without one, last) keep the record's order.
        matches.sort_by(|a, b| {
            let (a, b) = (date_of(a), date_of(b));
            match (a, b) {
                (Some(a), Some(b)) if newest_first => b.cmp(&a),
                (Some(a), Some(b)) => a.cmp(&b),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }
        });
    }
    let total = matches.len();
    let mut page: Vec<Resource> = if paging.offset == 0 {
        outcomes
    } else {
        Vec::new()
    };
    if !paging.summary_count {
        page.extend(matches.into_iter().skip(paging.offset).take(paging.count));
    }
    let base = state.public_url.fhir_base();
    let mut bundle = mapping::bundle(&base, BundleType::Searchset, page);
    bundle.total = Some(u32::try_from(total).unwrap_or(u32::MAX));
    let link = |relation: &str, offset: Option<usize>| BundleLink {
        relation: relation.to_owned(),
        url: state.public_url.join(&with_offset(asked, offset)),
    };
    bundle.link.push(link("self", None));
    if !paging.summary_count {
        let step = paging.count.max(1);
        // One page needs no way around it.
        if paging.offset > 0 || step < total {
            bundle.link.push(link("first", Some(0)));
        }
        if paging.offset > 0 {
            bundle
                .link
                .push(link("previous", Some(paging.offset.saturating_sub(step))));
        }
        if paging.offset + step < total {
            bundle.link.push(link("next", Some(paging.offset + step)));
        }
    }
    Ok(bundle)
}

/// The date `_sort=date` orders by, as an instant: an Observation's `effectiveDateTime`, a
/// QuestionnaireResponse's `authored` (a date alone is its midnight UTC).
fn date_of(r: &Resource) -> Option<OffsetDateTime> {
    let text = match r {
        Resource::Observation(o) => o.effective_date_time.as_deref()?,
        Resource::QuestionnaireResponse(q) => q.authored.as_deref()?,
        _ => return None,
    };
    OffsetDateTime::parse(text, &Rfc3339).ok().or_else(|| {
        let format = time::macros::format_description!("[year]-[month]-[day]");
        time::Date::parse(text, &format)
            .ok()
            .map(|d| d.midnight().assume_utc())
    })
}

/// The path and query `asked`, with `_offset` set to `offset` (`None`: as asked).
fn with_offset(asked: &Uri, offset: Option<usize>) -> String {
    let Some(offset) = offset else {
        return asked
            .path_and_query()
            .map_or_else(|| asked.path().to_owned(), |pq| pq.as_str().to_owned());
    };
    let mut pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(asked.query().unwrap_or_default()).unwrap_or_default();
    pairs.retain(|(k, _)| k != "_offset");
    pairs.push(("_offset".to_owned(), offset.to_string()));
    let query = serde_urlencoded::to_string(&pairs).unwrap_or_default();
    format!("{}?{query}", asked.path())
}

/// `GET /fhir/Questionnaire`: every questionnaire, as a searchset Bundle.
pub async fn questionnaires(State(state): State<AppState>, asked: Uri) -> Response {
    let all = questionnaires::all()
        .into_iter()
        .map(Resource::from)
        .collect();
    match searchset(&state, &asked, all) {
        Ok(bundle) => fhir(StatusCode::OK, &bundle),
        Err(refused) => refused.into_response(),
    }
}

/// `GET /fhir/Questionnaire/{questionnaire}`: one questionnaire (`intake-en`, `odi-es`...).
pub async fn questionnaire(Path(id): Path<String>) -> Response {
    match questionnaires::all()
        .into_iter()
        .find(|q| q.id.as_str() == id)
    {
        Some(q) => fhir(StatusCode::OK, &q),
        None => not_found(&format!("Questionnaire/{id}")),
    }
}

// ---------------------------------------------------------------------------------------
// QuestionnaireResponse.

/// `POST /fhir/QuestionnaireResponse`: checks, scores and saves a response for its subject.
pub async fn create_response(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, FhirError> {
    let text = body_text(&headers, body)?;
    let qr: QuestionnaireResponse = parse(&text, "QuestionnaireResponse")?;
    let patient = subject(
        &caller,
        qr.subject.as_ref(),
        "QuestionnaireResponse.subject",
    )?;
    may_see(
        &state,
        &caller,
        patient,
        "FHIR API: add a questionnaire response",
    )
    .await?;
    let Some((form, _)) = qr.questionnaire.as_deref().and_then(Form::from_url) else {
        let urls: Vec<String> = Form::ALL.iter().map(|f| f.url(Lang::En)).collect();
        return Err(outcome(
            StatusCode::UNPROCESSABLE_ENTITY,
            "not-found",
            format!(
                "questionnaire {:?} is not one of backcare's (for example {})",
                qr.questionnaire.as_deref().unwrap_or(""),
                urls.join(", ")
            ),
            Some("QuestionnaireResponse.questionnaire"),
        )
        .into());
    };
    if !matches!(qr.status, QrStatus::Completed | QrStatus::Amended) {
        return Err(outcome(
            StatusCode::UNPROCESSABLE_ENTITY,
            "business-rule",
            "only completed (or amended) responses are scored and saved",
            Some("QuestionnaireResponse.status"),
        )
        .into());
    }
    let (intake, scores) = mapping::score_response(&qr).map_err(mapping_error)?;
    let now = state.clock.now();
    let saved = match form {
        Form::Intake => {
            let result = assess(&intake);
            let level = result.triage.level;
            let (intake, result) = crate::model::assessment::issued_json(&intake, &result)?;
            let made = Outcome::Assessment {
                intake: &intake,
                result: &result,
            };
            let saved = save_as(
                &state,
                patient,
                FhirType::QuestionnaireResponse,
                &text,
                made,
                now,
            )
            .await?;
            crate::infra::metrics::triage_issued(level);
            saved
        }
        Form::StartBack | Form::Odi | Form::Rmdq => {
            let instrument = form.instrument().expect("an instrument form");
            let answers: Vec<(String, String)> = prompts::items(instrument)
                .iter()
                .filter_map(|item| {
                    prompts::answer(&intake, item).map(|v| (item.key.to_owned(), v.to_owned()))
                })
                .collect();
            let json = record::reassessment_json(
                instrument,
                now.date(),
                &answers,
                scores.nrs.now,
                &scores,
            );
            save_as(
                &state,
                patient,
                FhirType::QuestionnaireResponse,
                &text,
                Outcome::Reassessment { scores: &json },
                now,
            )
            .await?
        }
        Form::Nrs => {
            save_as(
                &state,
                patient,
                FhirType::QuestionnaireResponse,
                &text,
                Outcome::Nothing,
                now,
            )
            .await?
        }
    };
    let mut response = raw(StatusCode::CREATED, text);
    if let Ok(location) =
        HeaderValue::from_str(&format!("/fhir/QuestionnaireResponse/qr-{}", saved.id.0))
    {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

fn mapping_error(e: MappingError) -> Response {
    let body = e.to_operation_outcome();
    fhir(StatusCode::UNPROCESSABLE_ENTITY, &body)
}

async fn save_as(
    state: &AppState,
    patient: UserId,
    kind: FhirType,
    text: &str,
    made: Outcome<'_>,
    now: OffsetDateTime,
) -> Result<StoredFhirResource, FhirError> {
    // The caller may see this id, so it is a patient; "not found" is one deleted meanwhile.
    or_not_found(
        state
            .store
            .save_fhir_resource(patient, kind, text, made, now)
            .await,
        "the patient",
    )
}

/// `GET /fhir/QuestionnaireResponse/{resource}`: a response exactly as it was sent.
pub async fn read_response(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
) -> Result<Response, FhirError> {
    let missing = || not_found(&format!("QuestionnaireResponse/{id}"));
    let Some(n) = stored_id(&id, "qr-") else {
        return Err(missing().into());
    };
    let stored = match state
        .store
        .fhir_resource(FhirType::QuestionnaireResponse, n)
        .await
    {
        Err(backcare_storage::Error::NotFound) => return Err(missing().into()),
        found => found?,
    };
    may_read(
        &state,
        &caller,
        stored.user,
        "FHIR API: a questionnaire response",
    )
    .await?;
    Ok(raw(StatusCode::OK, stored.body))
}

/// `GET /fhir/QuestionnaireResponse?patient=ID[&questionnaire=URL]`: a searchset Bundle.
pub async fn search_responses(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    asked: Uri,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Response, FhirError> {
    let patient = search_patient(&caller, &params)?;
    may_see(
        &state,
        &caller,
        patient,
        "FHIR API: questionnaire responses",
    )
    .await?;
    let wanted = param(&params, "questionnaire").map(|q| q.split('|').next().unwrap_or(q));
    let since = last_updated(&params)?;
    let stored = state
        .store
        .fhir_resources(patient, Some(FhirType::QuestionnaireResponse))
        .await?;
    let mut problems = Vec::new();
    let found: Vec<Resource> = stored
        .iter()
        .filter(|s| since.is_none_or(|t| s.updated_at.max(s.created_at) >= t))
        .filter_map(|s| noted(stored_response(s), &mut problems))
        .filter(|qr| {
            wanted.is_none_or(|w| {
                qr.questionnaire
                    .as_deref()
                    .is_some_and(|q| q.split('|').next() == Some(w))
            })
        })
        .map(Resource::from)
        .collect();
    Ok(fhir(
        StatusCode::OK,
        &searchset(&state, &asked, with_problems(found, problems))?,
    ))
}

// ---------------------------------------------------------------------------------------
// Observation.

/// The pain ratings an Observation may carry: (system, code).
const PAIN_CODES: [(&str, &str); 3] = [
    (backcare_fhir::LOINC, "72514-3"),
    (backcare_fhir::CODE_SYSTEM, "nrs-average-week"),
    (backcare_fhir::CODE_SYSTEM, "nrs-worst-week"),
];

/// Checks an Observation sent to us: a pain rating (0-10) that is not in error.
fn check_observation(o: &Observation) -> Result<(), Response> {
    if matches!(
        o.status,
        ObservationStatus::EnteredInError | ObservationStatus::Cancelled
    ) {
        return Err(outcome(
            StatusCode::UNPROCESSABLE_ENTITY,
            "business-rule",
            "an Observation entered in error or cancelled is not stored",
            Some("Observation.status"),
        ));
    }
    if !PAIN_CODES.iter().any(|(s, c)| o.code.has(s, c)) {
        return Err(outcome(
            StatusCode::UNPROCESSABLE_ENTITY,
            "code-invalid",
            "backcare stores pain ratings: code must be LOINC 72514-3 or backcare \
             nrs-average-week / nrs-worst-week",
            Some("Observation.code"),
        ));
    }
    let value = match &o.value {
        Some(ObservationValue::Integer(n)) => Some(*n as f64),
        Some(ObservationValue::Quantity(q)) => q.value.as_ref().map(|d| d.to_f64()),
        _ => None,
    };
    match value {
        Some(v) if (0.0..=10.0).contains(&v) => Ok(()),
        Some(v) => Err(outcome(
            StatusCode::UNPROCESSABLE_ENTITY,
            "value",
            format!("a pain rating is between 0 and 10, not {v}"),
            Some("Observation.value"),
        )),
        None => Err(outcome(
            StatusCode::UNPROCESSABLE_ENTITY,
            "required",
            "a pain rating needs valueInteger or valueQuantity.value (0 to 10)",
            Some("Observation.value"),
        )),
    }
}

/// `POST /fhir/Observation`: stores a pain rating (e.g. from an EHR) as sent.
pub async fn create_observation(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, FhirError> {
    let text = body_text(&headers, body)?;
    let o: Observation = parse(&text, "Observation")?;
    let patient = subject(&caller, o.subject.as_ref(), "Observation.subject")?;
    may_see(&state, &caller, patient, "FHIR API: add an observation").await?;
    check_observation(&o)?;
    let now = state.clock.now();
    let saved = save_as(
        &state,
        patient,
        FhirType::Observation,
        &text,
        Outcome::Nothing,
        now,
    )
    .await?;
    let mut response = raw(StatusCode::CREATED, text);
    if let Ok(location) = HeaderValue::from_str(&format!("/fhir/Observation/obs-{}", saved.id.0)) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

/// `GET /fhir/Observation/{resource}`: one stored or worked-out Observation.
pub async fn read_observation(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
) -> Result<Response, FhirError> {
    let missing = || FhirError::from(not_found(&format!("Observation/{id}")));
    if let Some(n) = stored_id(&id, "obs-") {
        let stored = match state.store.fhir_resource(FhirType::Observation, n).await {
            Err(backcare_storage::Error::NotFound) => return Err(missing()),
            found => found?,
        };
        may_read(&state, &caller, stored.user, "FHIR API: an observation").await?;
        return Ok(raw(StatusCode::OK, stored.body));
    }
    // Worked-out ids start with the patient: `p12-a3-sb-total`.
    let Some(patient) = id
        .strip_prefix('p')
        .and_then(|rest| rest.split_once('-'))
        .and_then(|(n, _)| n.parse::<i64>().ok())
        .map(UserId)
    else {
        return Err(missing());
    };
    may_read(&state, &caller, patient, "FHIR API: an observation").await?;
    whole_record(&state, patient, false)
        .await?
        .into_iter()
        .find_map(|r| match r {
            Resource::Observation(o) if o.id.as_ref().map(Id::as_str) == Some(&id) => {
                Some(fhir(StatusCode::OK, &o))
            }
            _ => None,
        })
        .ok_or_else(missing)
}

/// `GET /fhir/Observation?patient=ID[&code=SYSTEM|CODE]`: stored and worked-out
/// Observations, as a searchset Bundle.
pub async fn search_observations(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    asked: Uri,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Response, FhirError> {
    let patient = search_patient(&caller, &params)?;
    may_see(&state, &caller, patient, "FHIR API: observations").await?;
    let code = param(&params, "code").map(|c| match c.split_once('|') {
        Some((system, code)) => (Some(system), code),
        None => (None, c),
    });
    let since = last_updated(&params)?;
    let found: Vec<Resource> = changed_since(since, whole_record(&state, patient, false).await?)
        .into_iter()
        .filter(|r| match r {
            Resource::Observation(o) => code.is_none_or(|(system, code)| {
                o.code.coding.iter().any(|c| {
                    c.code_str() == Some(code)
                        && system.is_none_or(|s| s.is_empty() || c.system.as_deref() == Some(s))
                })
            }),
            _ => false,
        })
        .collect();
    Ok(fhir(StatusCode::OK, &searchset(&state, &asked, found)?))
}

// ---------------------------------------------------------------------------------------
// The whole record.

/// `GET /fhir/Patient/{patient}/$everything`: the patient's whole record as a Bundle.
pub async fn everything(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    asked: Uri,
    Path(raw_id): Path<String>,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Response, FhirError> {
    let Some(patient) = patient_id(&raw_id) else {
        return Err(not_found(&format!("Patient/{raw_id}")).into());
    };
    may_see(&state, &caller, patient, "FHIR API: the whole record").await?;
    let since = match param(&params, "_since") {
        Some(v) => Some(instant(v).ok_or_else(|| {
            FhirError::from(outcome(
                StatusCode::BAD_REQUEST,
                "invalid",
                format!("_since must be an instant (2026-12-01T00:00:00Z) or a date, not {v:?}"),
                Some("_since"),
            ))
        })?),
        None => None,
    };
    let all = changed_since(since, whole_record(&state, patient, true).await?);
    Ok(fhir(StatusCode::OK, &searchset(&state, &asked, all)?))
}

/// The lower bound a search's `_lastUpdated` asks for (`ge` or `gt` and an instant or a
/// date); other prefixes are refused, since backcare only answers "changed since".
fn last_updated(params: &[(String, String)]) -> Result<Option<OffsetDateTime>, FhirError> {
    let Some(v) = param(params, "_lastUpdated") else {
        return Ok(None);
    };
    let refused = || {
        FhirError::from(outcome(
            StatusCode::BAD_REQUEST,
            "not-supported",
            format!("_lastUpdated={v} is not supported; ge or gt with an instant or a date is"),
            Some("_lastUpdated"),
        ))
    };
    let (prefix, rest) = v.split_at_checked(2).ok_or_else(refused)?;
    let at = instant(rest).ok_or_else(refused)?;
    match prefix {
        "ge" => Ok(Some(at)),
        "gt" => Ok(Some(at + time::Duration::seconds(1))),
        _ => Err(refused()),
    }
}

/// `GET /fhir/Patient/{patient}`: a patient the token may see.
pub async fn read_patient(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(raw_id): Path<String>,
) -> Result<Response, FhirError> {
    let Some(patient) = raw_id.parse::<i64>().ok().filter(|n| *n > 0).map(UserId) else {
        return Err(not_found(&format!("Patient/{raw_id}")).into());
    };
    may_see(&state, &caller, patient, "FHIR API: the patient").await?;
    Ok(fhir(
        StatusCode::OK,
        &patient_resource(&state, patient).await?,
    ))
}

/// Whether a date of birth matches a FHIR date search (`1981-06-14`, or with a prefix `eq`,
/// `ne`, `lt`, `le`, `gt`, `ge`); `None` when the value is not a date.
fn birthdate_matches(asked: &str, born: Option<time::Date>) -> Option<bool> {
    let (prefix, date) = match asked.get(..2) {
        Some(p @ ("eq" | "ne" | "lt" | "le" | "gt" | "ge")) => (p, &asked[2..]),
        _ => ("eq", asked),
    };
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let date = time::Date::parse(date, &format).ok()?;
    Some(born.is_some_and(|b| match prefix {
        "ne" => b != date,
        "lt" => b < date,
        "le" => b <= date,
        "gt" => b > date,
        "ge" => b >= date,
        _ => b == date,
    }))
}

/// Whether a name matches a FHIR string search: the name, or any word of it, starts with
/// the words asked, ignoring case.
fn name_matches(asked: &str, name: Option<&str>) -> bool {
    let asked = asked.trim().to_lowercase();
    name.is_some_and(|n| {
        let n = n.to_lowercase();
        n.starts_with(&asked) || n.split_whitespace().any(|w| w.starts_with(&asked))
    })
}

/// `GET /fhir/Patient?name=&birthdate=&_id=`: the patients the token may see that match
/// (a patient token: itself; a panel token: the clinician's linked patients), by id. Each
/// patient listed is a look in their access log, as for any read by a panel token.
pub async fn search_patients(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    asked: Uri,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Response, FhirError> {
    let bad = |name: &str, why: &str| {
        FhirError::from(outcome(
            StatusCode::BAD_REQUEST,
            "invalid",
            why.to_owned(),
            Some(name),
        ))
    };
    let candidates: Vec<(UserId, Profile)> = match caller.scope {
        TokenScope::Patient => vec![(caller.user, state.store.profile(caller.user).await?)],
        TokenScope::Panel => state
            .store
            .linked_patients(caller.user)
            .await?
            .into_iter()
            .map(|l| (l.user_id, l.profile))
            .collect(),
    };
    let ids: Option<Vec<i64>> = param(&params, "_id")
        .map(|v| {
            v.split(',')
                .map(|id| id.trim().parse::<i64>())
                .collect::<Result<Vec<_>, _>>()
                .map_err(|_| {
                    bad(
                        "_id",
                        "_id must be patient ids (numbers), separated by commas",
                    )
                })
        })
        .transpose()?;
    // Asking for a patient the token may not see is refused as any search about them is
    // (403 for another patient's token, 404 for a panel without the link).
    for id in ids.iter().flatten() {
        if !candidates.iter().any(|(c, _)| c.0 == *id) {
            may_see(&state, &caller, UserId(*id), "FHIR API: patient search").await?;
        }
    }
    let name = param(&params, "name");
    let birthdate = param(&params, "birthdate");
    let mut matched = Vec::new();
    for (id, profile) in candidates {
        if ids.as_ref().is_some_and(|ids| !ids.contains(&id.0)) {
            continue;
        }
        if name.is_some_and(|n| !name_matches(n, profile.name.as_ref().map(|n| n.as_str()))) {
            continue;
        }
        if let Some(b) = birthdate {
            let Some(hit) = birthdate_matches(b, profile.birth_date) else {
                return Err(bad(
                    "birthdate",
                    "birthdate must be a date (YYYY-MM-DD), with an optional prefix such as ge or le",
                ));
            };
            if !hit {
                continue;
            }
        }
        matched.push(id);
    }
    matched.sort_by_key(|id| id.0);
    let mut found = Vec::with_capacity(matched.len());
    for id in matched {
        may_see(&state, &caller, id, "FHIR API: patient search").await?;
        found.push(Resource::from(patient_resource(&state, id).await?));
    }
    Ok(fhir(StatusCode::OK, &searchset(&state, &asked, found)?))
}

/// `GET /fhir/Practitioner/{resource}`: a clinician, by the name and profession they gave;
/// for their own panel token, and for the tokens of the patients linked to them. Anyone else
/// gets "not found", as for a patient they may not see.
pub async fn read_practitioner(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(raw_id): Path<String>,
) -> Result<Response, FhirError> {
    let missing = || FhirError::from(not_found(&format!("Practitioner/{raw_id}")));
    let id = raw_id
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .map(UserId)
        .ok_or_else(missing)?;
    let allowed = match caller.scope {
        TokenScope::Panel => caller.user == id,
        TokenScope::Patient => state
            .store
            .linked_clinicians(caller.user)
            .await?
            .iter()
            .any(|l| l.user_id == id),
    };
    if !allowed {
        return Err(missing());
    }
    let profile = state.store.profile(id).await?;
    let practitioner = Practitioner {
        resource_type: Tag::new(),
        id: fhir_id(id.0.to_string())?,
        name: profile
            .name
            .iter()
            .map(|n| HumanName {
                text: n.as_str().to_owned(),
            })
            .collect(),
        qualification: profile
            .profession
            .iter()
            .map(|p| PractitionerQualification {
                code: CodeableConcept {
                    text: Some(
                        match p {
                            Profession::Physiotherapist => "Physiotherapist",
                            Profession::Gp => "General practitioner",
                            Profession::Nurse => "Nurse",
                            Profession::Other => "Other clinician",
                        }
                        .to_owned(),
                    ),
                    ..CodeableConcept::default()
                },
            })
            .collect(),
    };
    Ok(fhir(StatusCode::OK, &practitioner))
}

/// The patient a CarePlan id names.
fn care_plan_patient(id: &str) -> Option<UserId> {
    id.strip_prefix('p')?
        .strip_suffix("-careplan")?
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .map(UserId)
}

/// `GET /fhir/CarePlan/{resource}`: a patient's plan this week (`p12-careplan`), with the
/// clinician's latest tailoring as its version.
pub async fn read_care_plan(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
) -> Result<Response, FhirError> {
    let missing = || FhirError::from(not_found(&format!("CarePlan/{id}")));
    let patient = care_plan_patient(&id).ok_or_else(missing)?;
    may_read(&state, &caller, patient, "FHIR API: the care plan").await?;
    whole_record(&state, patient, true)
        .await?
        .into_iter()
        .find_map(|r| match r {
            Resource::CarePlan(plan) => Some(fhir(StatusCode::OK, &plan)),
            _ => None,
        })
        .ok_or_else(missing)
}

/// `GET /fhir/CarePlan/{resource}/_history`: every version of a patient's plan as the
/// clinicians tailored it, newest first (a `history` Bundle): who and when, the goal, each
/// instruction, what was taken out, added (with any override reason) or dosed, and the
/// settings, in the patient's language. A plan nobody tailored has no versions.
pub async fn care_plan_history(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
) -> Result<Response, FhirError> {
    let patient = care_plan_patient(&id)
        .ok_or_else(|| FhirError::from(not_found(&format!("CarePlan/{id}"))))?;
    may_read(
        &state,
        &caller,
        patient,
        "FHIR API: the care plan's history",
    )
    .await?;
    let lang = state
        .store
        .assessments(patient)
        .await?
        .last()
        .and_then(|a| crate::model::assessment::read(a).ok())
        .map_or(Lang::En, |a| a.issued.language);
    let base = state.public_url.fhir_base();
    let versions = state.store.plan_versions(patient).await?;
    let mut entries = Vec::with_capacity(versions.len());
    for v in &versions {
        let plan = version_care_plan(patient, v, lang)?;
        entries.push(BundleEntry {
            full_url: Some(format!("{base}/CarePlan/{}", care_plan_id(patient))),
            resource: plan.into(),
            search: None,
            request: Some(BundleRequest {
                method: Code::new(if v.version == 1 { "POST" } else { "PUT" }).expect("valid code"),
                url: if v.version == 1 {
                    "CarePlan".to_owned()
                } else {
                    format!("CarePlan/{}", care_plan_id(patient))
                },
            }),
            response: Some(BundleResponse {
                status: if v.version == 1 {
                    "201 Created"
                } else {
                    "200 OK"
                }
                .to_owned(),
                last_modified: rfc3339(v.created_at),
            }),
        });
    }
    let bundle = Bundle {
        total: Some(u32::try_from(entries.len()).unwrap_or(u32::MAX)),
        entry: entries,
        ..mapping::bundle(&base, BundleType::History, Vec::new())
    };
    Ok(fhir(StatusCode::OK, &bundle))
}

/// One version of the tailoring as a CarePlan: its settings, not a week's plan (which the
/// engine makes each week from them).
fn version_care_plan(patient: UserId, v: &PlanVersion, lang: Lang) -> Result<CarePlan, AppError> {
    use backcare_fhir::types::{CarePlanActivity, CarePlanDetail, CarePlanStatus, Coding};
    let library = backcare_content::exercises::library();
    let name = |id: &str| {
        library
            .iter()
            .find(|e| e.id.as_str() == id)
            .map_or_else(|| id.to_owned(), |e| e.name.get(lang).to_owned())
    };
    let activity = |id: &str, status: &str, progress: Vec<String>| CarePlanActivity {
        progress: progress.into_iter().map(Annotation::new).collect(),
        detail: CarePlanDetail {
            code: Some(CodeableConcept {
                coding: vec![Coding::new(backcare_fhir::EXERCISE_SYSTEM, id, name(id))],
                text: Some(name(id)),
                ..CodeableConcept::default()
            }),
            status: Code::new(status).expect("valid code"),
            scheduled_string: None,
            description: None,
        },
    };
    let t = &v.tailoring;
    let mut activities = Vec::new();
    for i in &t.instructions {
        activities.push(activity(&i.exercise, "scheduled", vec![i.text.clone()]));
    }
    for a in &t.added {
        activities.push(activity(
            &a.exercise,
            "scheduled",
            a.override_reason.iter().cloned().collect(),
        ));
    }
    for r in &t.removed {
        activities.push(activity(r, "cancelled", Vec::new()));
    }
    let mut plan = CarePlan {
        resource_type: Tag::new(),
        id: Some(fhir_id(care_plan_id(patient))?),
        meta: None,
        language: Code::new(lang.code()).ok(),
        status: CarePlanStatus::Active,
        intent: Code::new("plan").expect("valid code"),
        title: Some(crate::infra::i18n::t_args(
            lang,
            "fhir-tailoring-title",
            &[("version", &v.version.to_string())],
        )),
        description: None,
        subject: Reference::to("Patient", &patient.0.to_string()),
        period: None,
        author: None,
        supporting_info: Vec::new(),
        activity: activities,
        note: crate::model::tailoring::change_lines(lang, t)
            .into_iter()
            .map(Annotation::new)
            .collect(),
    };
    mapping::tailor_care_plan(&mut plan, &tailored(v));
    Ok(plan)
}

/// A panel token's own panel as a `Group` of its linked patients (a patient token has
/// none).
async fn own_group(state: &AppState, caller: &ApiToken) -> Result<Option<Group>, AppError> {
    if caller.scope != TokenScope::Panel {
        return Ok(None);
    }
    let linked = state.store.linked_patients(caller.user).await?;
    let name = state.store.profile(caller.user).await?.name;
    Ok(Some(Group {
        resource_type: Tag::new(),
        id: fhir_id(panel_group_id(caller.user))?,
        kind: Code::new("person").expect("valid code"),
        actual: true,
        name: Some(match name {
            Some(n) => format!("Patients linked to {}", n.as_str()),
            None => "Patients linked to this clinician".to_owned(),
        }),
        quantity: u32::try_from(linked.len()).unwrap_or(u32::MAX),
        managing_entity: Some(Reference::to("Practitioner", &caller.user.0.to_string())),
        member: linked
            .iter()
            .map(|l| GroupMember {
                entity: Reference::to("Patient", &l.user_id.0.to_string()),
            })
            .collect(),
    }))
}

/// `GET /fhir/Group/{resource}`: a panel token's own panel (`panel-{clinician}`), what
/// `Group/{id}/$export` exports; anything else is not found.
pub async fn read_group(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(id): Path<String>,
) -> Result<Response, FhirError> {
    match own_group(&state, &caller).await? {
        Some(group) if panel_group_owner(&id) == Some(caller.user) => {
            Ok(fhir(StatusCode::OK, &group))
        }
        _ => Err(not_found(&format!("Group/{id}")).into()),
    }
}

/// `GET /fhir/Group[?_id=]`: the Groups the token may export: a panel token's panel.
pub async fn search_groups(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    asked: Uri,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Response, FhirError> {
    let ids: Option<Vec<&str>> =
        param(&params, "_id").map(|v| v.split(',').map(str::trim).collect());
    let found = own_group(&state, &caller)
        .await?
        .filter(|g| ids.as_ref().is_none_or(|ids| ids.contains(&g.id.as_str())))
        .map(Resource::from)
        .into_iter()
        .collect();
    Ok(fhir(StatusCode::OK, &searchset(&state, &asked, found)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patient_references_are_read() {
        assert_eq!(patient_id("Patient/12"), Some(UserId(12)));
        assert_eq!(
            patient_id("https://x.example/fhir/Patient/7"),
            Some(UserId(7))
        );
        assert_eq!(patient_id("12"), Some(UserId(12)));
        assert_eq!(patient_id("Patient/abc"), None);
        assert_eq!(patient_id("Patient/-1"), None);
        assert_eq!(stored_id("qr-5", "qr-"), Some(FhirResourceId(5)));
        assert_eq!(stored_id("obs-5", "qr-"), None);
    }
}
