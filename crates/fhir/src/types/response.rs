//! `QuestionnaireResponse`, read without losing anything the sender wrote.

use serde::de::MapAccess;
use serde::{Deserialize, Serialize};

use super::{
    Code, Coding, Decimal, Extra, Id, Object, Quantity, RawJson, Reference, ResourceType, Tag,
    deserialize_via_object, read_choice,
};

/// A FHIR R4 `QuestionnaireResponse`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QuestionnaireResponse {
    /// Always `"QuestionnaireResponse"`.
    pub resource_type: Tag<QuestionnaireResponse>,
    /// The logical id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<Id>,
    /// The language of the answers (BCP 47).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<Code>,
    /// The canonical URL of the Questionnaire answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub questionnaire: Option<String>,
    /// Whether the answers are finished.
    pub status: QrStatus,
    /// Whom the answers are about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<Reference>,
    /// When they were answered (`dateTime`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authored: Option<String>,
    /// The answers, by item.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<QrItem>,
    /// Members backcare does not model (`meta`, `text`, `extension`, `author`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

impl ResourceType for QuestionnaireResponse {
    const NAME: &'static str = "QuestionnaireResponse";
}

/// `QuestionnaireResponse.status`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum QrStatus {
    InProgress,
    #[default]
    Completed,
    Amended,
    EnteredInError,
    Stopped,
}

/// One item of a response: a group, or the answers to one question.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QrItem {
    /// The Questionnaire item it answers.
    pub link_id: String,
    /// The question's text, as shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The answers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub answer: Vec<QrAnswer>,
    /// Nested items (of a group).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<QrItem>,
    /// Members backcare does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct QrAnswer {
    /// The value (`value[x]`).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub value: Option<AnswerValue>,
    /// Items nested under the answer.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<QrItem>,
    /// Members backcare does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

impl QrAnswer {
    /// An answer with this value.
    pub fn new(value: AnswerValue) -> QrAnswer {
        QrAnswer {
            value: Some(value),
            ..QrAnswer::default()
        }
    }
}

/// `QuestionnaireResponse.item.answer.value[x]`: every type R4 allows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[allow(missing_docs)] // Each variant is the FHIR type it names.
pub enum AnswerValue {
    #[serde(rename = "valueBoolean")]
    Boolean(bool),
    #[serde(rename = "valueDecimal")]
    Decimal(Decimal),
    #[serde(rename = "valueInteger")]
    Integer(i64),
    #[serde(rename = "valueDate")]
    Date(String),
    #[serde(rename = "valueDateTime")]
    DateTime(String),
    #[serde(rename = "valueTime")]
    Time(String),
    #[serde(rename = "valueString")]
    String(String),
    #[serde(rename = "valueUri")]
    Uri(String),
    #[serde(rename = "valueAttachment")]
    Attachment(RawJson),
    #[serde(rename = "valueCoding")]
    Coding(Coding),
    #[serde(rename = "valueQuantity")]
    Quantity(Quantity),
    #[serde(rename = "valueReference")]
    Reference(Reference),
}

impl AnswerValue {
    /// Reads the member `key` when it is an answer value.
    fn read<'de, A: MapAccess<'de>>(key: &str, map: &mut A) -> Result<Option<Self>, A::Error> {
        Ok(Some(match key {
            "valueBoolean" => AnswerValue::Boolean(map.next_value()?),
            "valueDecimal" => AnswerValue::Decimal(map.next_value()?),
            "valueInteger" => AnswerValue::Integer(map.next_value()?),
            "valueDate" => AnswerValue::Date(map.next_value()?),
            "valueDateTime" => AnswerValue::DateTime(map.next_value()?),
            "valueTime" => AnswerValue::Time(map.next_value()?),
            "valueString" => AnswerValue::String(map.next_value()?),
            "valueUri" => AnswerValue::Uri(map.next_value()?),
            "valueAttachment" => AnswerValue::Attachment(map.next_value()?),
            "valueCoding" => AnswerValue::Coding(map.next_value()?),
            "valueQuantity" => AnswerValue::Quantity(map.next_value()?),
            "valueReference" => AnswerValue::Reference(map.next_value()?),
            _ => return Ok(None),
        }))
    }

    /// The FHIR type's name, for messages (`integer`, `Coding`).
    pub fn type_name(&self) -> &'static str {
        match self {
            AnswerValue::Boolean(_) => "boolean",
            AnswerValue::Decimal(_) => "decimal",
            AnswerValue::Integer(_) => "integer",
            AnswerValue::Date(_) => "date",
            AnswerValue::DateTime(_) => "dateTime",
            AnswerValue::Time(_) => "time",
            AnswerValue::String(_) => "string",
            AnswerValue::Uri(_) => "uri",
            AnswerValue::Attachment(_) => "Attachment",
            AnswerValue::Coding(_) => "Coding",
            AnswerValue::Quantity(_) => "Quantity",
            AnswerValue::Reference(_) => "Reference",
        }
    }
}

impl Object for QuestionnaireResponse {
    const NAME: &'static str = "QuestionnaireResponse";
    const REQUIRED: &'static [&'static str] = &["resourceType", "status"];
    fn field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
        match key {
            "resourceType" => self.resource_type = map.next_value()?,
            "id" => self.id = Some(map.next_value()?),
            "language" => self.language = Some(map.next_value()?),
            "questionnaire" => self.questionnaire = Some(map.next_value()?),
            "status" => self.status = map.next_value()?,
            "subject" => self.subject = Some(map.next_value()?),
            "authored" => self.authored = Some(map.next_value()?),
            "item" => self.item = map.next_value()?,
            _ => return Ok(false),
        }
        Ok(true)
    }
    fn extra(&mut self) -> &mut Extra {
        &mut self.extra
    }
}

impl Object for QrItem {
    const NAME: &'static str = "QuestionnaireResponse.item";
    const REQUIRED: &'static [&'static str] = &["linkId"];
    fn field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
        match key {
            "linkId" => self.link_id = map.next_value()?,
            "text" => self.text = Some(map.next_value()?),
            "answer" => self.answer = map.next_value()?,
            "item" => self.item = map.next_value()?,
            _ => return Ok(false),
        }
        Ok(true)
    }
    fn extra(&mut self) -> &mut Extra {
        &mut self.extra
    }
}

impl Object for QrAnswer {
    const NAME: &'static str = "QuestionnaireResponse.item.answer";
    fn field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
        match key {
            "item" => self.item = map.next_value()?,
            _ => return read_choice(&mut self.value, key, map, AnswerValue::read),
        }
        Ok(true)
    }
    fn extra(&mut self) -> &mut Extra {
        &mut self.extra
    }
}

deserialize_via_object!(QuestionnaireResponse, QrItem, QrAnswer);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_members_and_decimals_survive_a_round_trip() {
        let text = r#"{"resourceType":"QuestionnaireResponse","id":"x1","meta":{"versionId":"3","lastUpdated":"2026-11-23T10:00:00.120Z"},"status":"completed","_status":{"extension":[{"url":"http://example.org/e","valueDecimal":2.500}]},"item":[{"linkId":"a","extension":[{"url":"u","valueString":"s"}],"answer":[{"valueDecimal":1.50,"item":[{"linkId":"b","answer":[{"valueCoding":{"system":"s","code":"c","userSelected":true}}]}]}]}],"author":{"reference":"Practitioner/1","type":"Practitioner"}}"#;
        let qr: QuestionnaireResponse = serde_json::from_str(text).unwrap();
        assert_eq!(
            qr.item[0].answer[0].value,
            Some(AnswerValue::Decimal(Decimal::new("1.50").unwrap()))
        );
        assert!(qr.extra.get("meta").is_some());
        let back = serde_json::to_string(&qr).unwrap();
        let a: serde_json::Value = serde_json::from_str(text).unwrap();
        let b: serde_json::Value = serde_json::from_str(&back).unwrap();
        assert_eq!(a, b);
        // The exact text of both decimals, not just their value.
        assert!(back.contains("\"valueDecimal\":1.50"), "{back}");
        assert!(back.contains("\"valueDecimal\":2.500"), "{back}");
    }

    #[test]
    fn bad_responses_are_rejected() {
        for (text, why) in [
            (
                r#"{"resourceType":"QuestionnaireResponse"}"#,
                "missing field `status`",
            ),
            (r#"{"status":"completed"}"#, "missing field `resourceType`"),
            (
                r#"{"resourceType":"Observation","status":"completed"}"#,
                "resourceType is \"Observation\"",
            ),
            (
                r#"{"resourceType":"QuestionnaireResponse","status":"done"}"#,
                "unknown variant `done`",
            ),
            (
                r#"{"resourceType":"QuestionnaireResponse","status":"completed","item":[{"answer":[]}]}"#,
                "missing field `linkId`",
            ),
            (
                r#"{"resourceType":"QuestionnaireResponse","status":"completed","item":[{"linkId":"a","answer":[{"valueInteger":1,"valueString":"x"}]}]}"#,
                "valueString: only one value[x]",
            ),
        ] {
            let err = serde_json::from_str::<QuestionnaireResponse>(text)
                .unwrap_err()
                .to_string();
            assert!(err.contains(why), "{text}: {err}");
        }
    }
}
