//! The resources backcare writes but does not need to read losslessly: Condition, CarePlan,
//! ServiceRequest, Patient, Bundle, OperationOutcome and CapabilityStatement, and
//! [`Resource`], any of them.

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::{
    Annotation, Code, CodeableConcept, Id, Observation, Period, Questionnaire,
    QuestionnaireResponse, RawJson, Reference, ResourceType, Tag,
};

/// A FHIR R4 `Condition`: backcare writes suggested codes as provisional conditions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Condition {
    /// Always `"Condition"`.
    pub resource_type: Tag<Condition>,
    /// The logical id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Id>,
    /// When it last changed, as the server knows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<Meta>,
    /// The language of its text (BCP 47).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Code>,
    /// Whether the condition is active (left out: backcare cannot know).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clinical_status: Option<CodeableConcept>,
    /// `provisional` for a suggestion a clinician has not confirmed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification_status: Option<CodeableConcept>,
    /// The code (ICD-10-CM).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<CodeableConcept>,
    /// Whom it is about.
    pub subject: Reference,
    /// Why it was suggested, when a clinician would use it, and the source.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub note: Vec<Annotation>,
}

impl ResourceType for Condition {
    const NAME: &'static str = "Condition";
}

/// `Resource.meta`: which version of a resource this is, and when it last changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Meta {
    /// The version (backcare: the number of the clinician's tailoring).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_id: Option<Id>,
    /// When this version was made (an instant).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated: Option<String>,
}

/// A FHIR R4 `CarePlan`: one week of backcare's plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CarePlan {
    /// Always `"CarePlan"`.
    pub resource_type: Tag<CarePlan>,
    /// The logical id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Id>,
    /// The version, when a clinician tailored the plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<Meta>,
    /// The language of its text (BCP 47).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Code>,
    /// Whether it is in force.
    pub status: CarePlanStatus,
    /// Always `plan`.
    pub intent: Code,
    /// A title, such as "Week 2".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// What the plan is, in a sentence or two.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whom it is for.
    pub subject: Reference,
    /// The week it covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// The clinician who tailored it, when one did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<Reference>,
    /// What it was based on (the assessment's Observations).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supporting_info: Vec<Reference>,
    /// The exercises and the walking goal.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activity: Vec<CarePlanActivity>,
    /// Reasons, movements to avoid, sources.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub note: Vec<Annotation>,
}

impl ResourceType for CarePlan {
    const NAME: &'static str = "CarePlan";
}

/// `CarePlan.status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum CarePlanStatus {
    Draft,
    Active,
    OnHold,
    Revoked,
    Completed,
    EnteredInError,
    Unknown,
}

/// One activity of a care plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CarePlanActivity {
    /// The clinician's instruction and override reason for it, as notes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub progress: Vec<Annotation>,
    /// What to do.
    pub detail: CarePlanDetail,
}

/// A FHIR R4 `ServiceRequest`, as the SDC implementation guide's Questionnaire Service
/// Request uses it: a clinician asks for a questionnaire to be answered, on a schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceRequest {
    /// Always `"ServiceRequest"`.
    pub resource_type: Tag<ServiceRequest>,
    /// The logical id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Id>,
    /// When it last changed, as the server knows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<Meta>,
    /// The language of its text (BCP 47).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Code>,
    /// The questionnaire to answer (SDC `sdc-servicerequest-questionnaire`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<super::Extension>,
    /// `active` while the schedule stands.
    pub status: Code,
    /// `order`.
    pub intent: Code,
    /// SDC's `complete-questionnaire`.
    pub code: CodeableConcept,
    /// Whom it is for.
    pub subject: Reference,
    /// How often (`occurrenceTiming`).
    pub occurrence_timing: Timing,
    /// When the schedule was set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authored_on: Option<String>,
    /// Who asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requester: Option<Reference>,
    /// What the schedule means, in words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub note: Vec<Annotation>,
}

impl ResourceType for ServiceRequest {
    const NAME: &'static str = "ServiceRequest";
}

/// A FHIR `Timing` with only its repeat: once every `period` `period_unit`s.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timing {
    /// How it repeats.
    pub repeat: TimingRepeat,
}

/// `Timing.repeat`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TimingRepeat {
    /// Times per period.
    pub frequency: u32,
    /// The period's length.
    pub period: u32,
    /// Its unit (`d`, `wk`).
    pub period_unit: Code,
}

/// `CarePlan.activity.detail`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CarePlanDetail {
    /// The exercise (backcare's exercise code system) or activity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<CodeableConcept>,
    /// Its status (`scheduled`, `not-started`, ...; backcare writes `scheduled`).
    pub status: Code,
    /// How often, in words (`scheduledString`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheduled_string: Option<String>,
    /// The dose and the reason, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A FHIR R4 `Patient`: backcare knows little about people, on purpose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Patient {
    /// Always `"Patient"`.
    pub resource_type: Tag<Patient>,
    /// The logical id.
    pub id: Id,
    /// The name they go by, when they gave one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub name: Vec<HumanName>,
    /// Administrative gender, when the person told us their sex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Code>,
    /// Their date of birth, when they gave it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    /// The language they use backcare in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub communication: Vec<PatientCommunication>,
}

impl ResourceType for Patient {
    const NAME: &'static str = "Patient";
}

/// `HumanName`, as backcare knows names: one text, as the person wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HumanName {
    /// The whole name.
    pub text: String,
}

/// A FHIR R4 `Practitioner`: a clinician, by the name and profession they gave.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Practitioner {
    /// Always `"Practitioner"`.
    pub resource_type: Tag<Practitioner>,
    /// The logical id.
    pub id: Id,
    /// The name they go by, when they gave one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub name: Vec<HumanName>,
    /// Their profession, in words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub qualification: Vec<PractitionerQualification>,
}

impl ResourceType for Practitioner {
    const NAME: &'static str = "Practitioner";
}

/// A FHIR R4 `Group` of actual patients: a clinician's panel, what a Bulk Data export of
/// the group reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Group {
    /// Always `"Group"`.
    pub resource_type: Tag<Group>,
    /// The logical id.
    pub id: Id,
    /// `person`.
    #[serde(rename = "type")]
    pub kind: Code,
    /// `true`: the members are the patients themselves, not a definition.
    pub actual: bool,
    /// Its name, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// How many members.
    pub quantity: u32,
    /// Who manages it (the clinician).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub managing_entity: Option<Reference>,
    /// The members.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub member: Vec<GroupMember>,
}

impl ResourceType for Group {
    const NAME: &'static str = "Group";
}

/// `Group.member`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupMember {
    /// The member (`Patient/{id}`).
    pub entity: Reference,
}

/// `Practitioner.qualification`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PractitionerQualification {
    /// The profession.
    pub code: CodeableConcept,
}

/// `Patient.communication`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PatientCommunication {
    /// The language (`urn:ietf:bcp:47`).
    pub language: CodeableConcept,
    /// Whether it is preferred.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred: Option<bool>,
}

/// A FHIR R4 `Bundle`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Bundle {
    /// Always `"Bundle"`.
    pub resource_type: Tag<Bundle>,
    /// The logical id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Id>,
    /// `collection` or `searchset`.
    #[serde(rename = "type")]
    pub kind: BundleType,
    /// For a searchset: how many matched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<u32>,
    /// Links about the bundle: for a searchset, `self` (the search that made it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub link: Vec<BundleLink>,
    /// The resources.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entry: Vec<BundleEntry>,
}

impl ResourceType for Bundle {
    const NAME: &'static str = "Bundle";
}

/// `Bundle.type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum BundleType {
    Document,
    Message,
    Transaction,
    TransactionResponse,
    Batch,
    BatchResponse,
    History,
    Searchset,
    Collection,
}

/// `Bundle.link`: a URL and what it is to the bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleLink {
    /// `self`, `next`...
    pub relation: String,
    /// The absolute URL.
    pub url: String,
}

/// One entry of a bundle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BundleEntry {
    /// The resource's absolute URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_url: Option<String>,
    /// The resource.
    pub resource: Resource,
    /// In a searchset: why the entry is there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search: Option<BundleSearch>,
    /// In a history: the request that made this version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<BundleRequest>,
    /// In a history: how that request was answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<BundleResponse>,
}

/// `Bundle.entry.request`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleRequest {
    /// `POST`, `PUT`...
    pub method: Code,
    /// The URL, relative to the base.
    pub url: String,
}

/// `Bundle.entry.response`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BundleResponse {
    /// The HTTP status, with its words (`201 Created`).
    pub status: String,
    /// When the resource was changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

/// `Bundle.entry.search`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleSearch {
    /// Why the entry is in the searchset.
    pub mode: SearchMode,
}

/// `Bundle.entry.search.mode`: a match, a resource included with the matches, or an
/// OperationOutcome about the search (not a match, and not counted in `total`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SearchMode {
    /// The entry matched the search.
    Match,
    /// Included because a match refers to it.
    Include,
    /// An OperationOutcome about the search.
    Outcome,
}

/// A FHIR R4 `OperationOutcome`: what went wrong.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OperationOutcome {
    /// Always `"OperationOutcome"`.
    pub resource_type: Tag<OperationOutcome>,
    /// The problems.
    pub issue: Vec<Issue>,
}

impl ResourceType for OperationOutcome {
    const NAME: &'static str = "OperationOutcome";
}

/// One problem (`OperationOutcome.issue`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Issue {
    /// How bad.
    pub severity: IssueSeverity,
    /// The kind of problem (`invalid`, `not-found`, `forbidden`, ...).
    pub code: Code,
    /// The problem in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diagnostics: Option<String>,
    /// Where, as FHIRPath (`QuestionnaireResponse.item.where(linkId='odi.lifting')`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expression: Vec<String>,
}

/// `OperationOutcome.issue.severity`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[allow(missing_docs)]
pub enum IssueSeverity {
    Fatal,
    Error,
    Warning,
    Information,
}

/// A FHIR R4 `CapabilityStatement` (for `/fhir/metadata`), the elements a server needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CapabilityStatement {
    /// Always `"CapabilityStatement"`.
    pub resource_type: Tag<CapabilityStatement>,
    /// `active`.
    pub status: super::PublicationStatus,
    /// When it was last changed (`dateTime`).
    pub date: String,
    /// The capability statements (canonical URLs) this server also follows in full, such
    /// as the Bulk Data server's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instantiates: Vec<String>,
    /// `instance`.
    pub kind: Code,
    /// `4.0.1`.
    pub fhir_version: Code,
    /// The software (`name`, `version`).
    pub software: Software,
    /// This installation (required when `kind` is `instance`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implementation: Option<Implementation>,
    /// `json`.
    pub format: Vec<Code>,
    /// What the server does.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rest: Vec<RestComponent>,
}

impl ResourceType for CapabilityStatement {
    const NAME: &'static str = "CapabilityStatement";
}

/// `CapabilityStatement.software`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Software {
    /// `backcare`.
    pub name: String,
    /// Its version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// `CapabilityStatement.implementation`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Implementation {
    /// What this installation is.
    pub description: String,
    /// Its base URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// `CapabilityStatement.rest`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RestComponent {
    /// `server`.
    pub mode: Code,
    /// How clients authenticate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security: Option<RestSecurity>,
    /// The resource types served.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resource: Vec<RestResource>,
}

/// `CapabilityStatement.rest.security`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RestSecurity {
    /// SMART's `oauth-uris` (the token endpoint), when the server issues tokens.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<super::Extension>,
    /// Whether CORS headers are sent (they are not).
    pub cors: bool,
    /// The security services (`SMART-on-FHIR`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service: Vec<CodeableConcept>,
    /// How to authenticate, in words (`markdown`).
    pub description: String,
}

/// `CapabilityStatement.rest.resource`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RestResource {
    /// The resource type.
    #[serde(rename = "type")]
    pub kind: Code,
    /// The interactions (`read`, `create`, `search-type`), as `{"code": ...}` objects.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interaction: Vec<serde_json::Map<String, serde_json::Value>>,
    /// The search parameters of `search-type`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub search_param: Vec<SearchParam>,
    /// The operations on this type (`$everything`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operation: Vec<RestOperation>,
}

/// `CapabilityStatement.rest.resource.searchParam`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchParam {
    /// Its name in the query (`patient`).
    pub name: String,
    /// Its type (`reference`, `token`, `uri`...).
    #[serde(rename = "type")]
    pub kind: Code,
    /// What it does, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documentation: Option<String>,
}

/// `CapabilityStatement.rest.resource.operation`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestOperation {
    /// Its name without the `$` (`everything`).
    pub name: String,
    /// The canonical URL of its OperationDefinition.
    pub definition: String,
}

/// Any resource backcare handles, by `resourceType`; others are kept as JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
#[allow(missing_docs)] // Each variant is the resource it names.
pub enum Resource {
    Questionnaire(Box<Questionnaire>),
    QuestionnaireResponse(Box<QuestionnaireResponse>),
    Observation(Box<Observation>),
    Condition(Box<Condition>),
    CarePlan(Box<CarePlan>),
    ServiceRequest(Box<ServiceRequest>),
    Patient(Box<Patient>),
    Practitioner(Box<Practitioner>),
    Group(Box<Group>),
    Bundle(Box<Bundle>),
    OperationOutcome(Box<OperationOutcome>),
    CapabilityStatement(Box<CapabilityStatement>),
    /// A resource type backcare does not model, kept as its exact JSON.
    Other(RawJson),
}

impl Resource {
    /// The `resourceType`.
    pub fn resource_type(&self) -> &str {
        match self {
            Resource::Questionnaire(_) => Questionnaire::NAME,
            Resource::QuestionnaireResponse(_) => QuestionnaireResponse::NAME,
            Resource::Observation(_) => Observation::NAME,
            Resource::Condition(_) => Condition::NAME,
            Resource::CarePlan(_) => CarePlan::NAME,
            Resource::ServiceRequest(_) => ServiceRequest::NAME,
            Resource::Practitioner(_) => Practitioner::NAME,
            Resource::Group(_) => Group::NAME,
            Resource::Patient(_) => Patient::NAME,
            Resource::Bundle(_) => Bundle::NAME,
            Resource::OperationOutcome(_) => OperationOutcome::NAME,
            Resource::CapabilityStatement(_) => CapabilityStatement::NAME,
            Resource::Other(_) => "",
        }
    }

    /// The logical id, when the resource has one.
    pub fn id(&self) -> Option<&str> {
        match self {
            Resource::Questionnaire(r) => Some(r.id.as_str()),
            Resource::QuestionnaireResponse(r) => r.id.as_ref().map(Id::as_str),
            Resource::Observation(r) => r.id.as_ref().map(Id::as_str),
            Resource::Condition(r) => r.id.as_ref().map(Id::as_str),
            Resource::CarePlan(r) => r.id.as_ref().map(Id::as_str),
            Resource::ServiceRequest(r) => r.id.as_ref().map(Id::as_str),
            Resource::Practitioner(r) => Some(r.id.as_str()),
            Resource::Group(r) => Some(r.id.as_str()),
            Resource::Patient(r) => Some(r.id.as_str()),
            Resource::Bundle(r) => r.id.as_ref().map(Id::as_str),
            Resource::OperationOutcome(_)
            | Resource::CapabilityStatement(_)
            | Resource::Other(_) => None,
        }
    }
}

impl<'de> Deserialize<'de> for Resource {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Resource, D::Error> {
        // Read the text once, look at `resourceType`, then parse the text as that type: a
        // serde tag would buffer the values and lose decimals' text.
        #[derive(Deserialize)]
        struct Peek<'a> {
            #[serde(rename = "resourceType", borrow)]
            resource_type: std::borrow::Cow<'a, str>,
        }
        let raw = Box::<RawValue>::deserialize(d)?;
        let text = raw.get();
        let peek: Peek<'_> = serde_json::from_str(text).map_err(de::Error::custom)?;
        fn parse<'a, T: Deserialize<'a>, E: de::Error>(text: &'a str) -> Result<Box<T>, E> {
            serde_json::from_str(text).map(Box::new).map_err(E::custom)
        }
        Ok(match peek.resource_type.as_ref() {
            Questionnaire::NAME => Resource::Questionnaire(parse(text)?),
            QuestionnaireResponse::NAME => Resource::QuestionnaireResponse(parse(text)?),
            Observation::NAME => Resource::Observation(parse(text)?),
            Condition::NAME => Resource::Condition(parse(text)?),
            CarePlan::NAME => Resource::CarePlan(parse(text)?),
            ServiceRequest::NAME => Resource::ServiceRequest(parse(text)?),
            Practitioner::NAME => Resource::Practitioner(parse(text)?),
            Group::NAME => Resource::Group(parse(text)?),
            Patient::NAME => Resource::Patient(parse(text)?),
            Bundle::NAME => Resource::Bundle(parse(text)?),
            OperationOutcome::NAME => Resource::OperationOutcome(parse(text)?),
            CapabilityStatement::NAME => Resource::CapabilityStatement(parse(text)?),
            _ => Resource::Other(RawJson(raw)),
        })
    }
}

macro_rules! into_resource {
    ($($ty:ident),+) => {$(
        impl From<$ty> for Resource {
            fn from(r: $ty) -> Resource {
                Resource::$ty(Box::new(r))
            }
        }
    )+};
}
into_resource!(
    Questionnaire,
    QuestionnaireResponse,
    Observation,
    Condition,
    CarePlan,
    ServiceRequest,
    Patient,
    Practitioner,
    Group,
    Bundle,
    OperationOutcome,
    CapabilityStatement
);
