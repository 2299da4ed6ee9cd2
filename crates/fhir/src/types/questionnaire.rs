//! `Questionnaire`: what backcare publishes, so these types derive both ways and model only
//! what backcare writes.

use serde::{Deserialize, Serialize};

use super::{Code, Coding, Extension, Id, ResourceType, Tag, is_false};

/// A FHIR R4 `Questionnaire`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Questionnaire {
    /// Always `"Questionnaire"`.
    pub resource_type: Tag<Questionnaire>,
    /// The logical id.
    pub id: Id,
    /// The language of its text (BCP 47, `en` or `es`).
    pub language: Code,
    /// Extensions on the questionnaire (SDC calculation settings).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// The canonical URL.
    pub url: String,
    /// The version of its definition.
    pub version: String,
    /// A computer-friendly name.
    pub name: String,
    /// The title people read.
    pub title: String,
    /// Publication status.
    pub status: PublicationStatus,
    /// Made by backcare for testing and use: not `experimental`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub experimental: bool,
    /// Resource types it can be about: `Patient`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subject_type: Vec<Code>,
    /// Who publishes it.
    pub publisher: String,
    /// What it is (markdown).
    pub description: String,
    /// Copyright and licence notes (markdown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copyright: Option<String>,
    /// Codes for the whole questionnaire (a LOINC panel, when one exists).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub code: Vec<Coding>,
    /// The questions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<QuestionnaireItem>,
}

impl ResourceType for Questionnaire {
    const NAME: &'static str = "Questionnaire";
}

/// `Questionnaire.status` (and other publication statuses).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum PublicationStatus {
    Draft,
    Active,
    Retired,
    Unknown,
}

/// One item of a questionnaire: a group, a question or a calculated score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuestionnaireItem {
    /// Extensions (SDC `calculatedExpression`, min/max values, help text).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// The item's id, unique in the questionnaire; answers refer to it.
    pub link_id: String,
    /// Codes for the item (LOINC, or backcare's code system).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub code: Vec<Coding>,
    /// A label shown before the text, such as `1.`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// The question or heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// What kind of item.
    #[serde(rename = "type")]
    pub kind: ItemType,
    /// When to show it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enable_when: Vec<EnableWhen>,
    /// How several `enableWhen`s combine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_behavior: Option<EnableBehavior>,
    /// Whether an answer is required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    /// Whether several answers are allowed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeats: Option<bool>,
    /// Whether the person cannot edit it (calculated scores).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_only: Option<bool>,
    /// The answers offered, inline so the form renders without a terminology server.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answer_option: Vec<AnswerOption>,
    /// Nested items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<QuestionnaireItem>,
}

impl QuestionnaireItem {
    /// An item with nothing but its id, type and text.
    pub fn new(link_id: impl Into<String>, kind: ItemType, text: impl Into<String>) -> Self {
        QuestionnaireItem {
            extension: Vec::new(),
            link_id: link_id.into(),
            code: Vec::new(),
            prefix: None,
            text: Some(text.into()),
            kind,
            enable_when: Vec::new(),
            enable_behavior: None,
            required: None,
            repeats: None,
            read_only: None,
            answer_option: Vec::new(),
            item: Vec::new(),
        }
    }
}

/// `Questionnaire.item.type`, the kinds backcare uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum ItemType {
    Group,
    Display,
    Boolean,
    Decimal,
    Integer,
    String,
    Choice,
}

/// One condition for showing an item (`enableWhen`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnableWhen {
    /// The `linkId` of the question it depends on.
    pub question: String,
    /// `=`, `!=` or `exists`.
    pub operator: String,
    /// The answer compared with.
    #[serde(flatten)]
    pub answer: EnableWhenAnswer,
}

/// `enableWhen.answer[x]`, the types backcare uses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub enum EnableWhenAnswer {
    #[serde(rename = "answerBoolean")]
    Boolean(bool),
    #[serde(rename = "answerCoding")]
    Coding(Coding),
}

/// `enableBehavior`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EnableBehavior {
    /// Every condition must hold.
    All,
    /// One condition is enough.
    Any,
}

/// One answer offered (`answerOption`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerOption {
    /// Extensions (`ordinalValue`: the points the answer scores).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// The answer.
    #[serde(flatten)]
    pub value: AnswerOptionValue,
}

/// `answerOption.value[x]`, the types backcare uses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub enum AnswerOptionValue {
    #[serde(rename = "valueCoding")]
    Coding(Coding),
    #[serde(rename = "valueInteger")]
    Integer(i64),
    #[serde(rename = "valueString")]
    String(String),
}
