//! `Observation`, read without losing anything the sender wrote.

use serde::de::MapAccess;
use serde::{Deserialize, Serialize};

use super::{
    Annotation, CodeableConcept, Extra, Id, Object, Quantity, RawJson, Reference, ResourceType,
    Tag, deserialize_via_object, read_choice,
};

/// A FHIR R4 `Observation`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Observation {
    /// Always `"Observation"`.
    pub resource_type: Tag<Observation>,
    /// The logical id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<Id>,
    /// The language of its text (BCP 47).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<super::Code>,
    /// Whether it is final.
    pub status: ObservationStatus,
    /// Its category (`survey` for backcare's scores).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub category: Vec<CodeableConcept>,
    /// What was observed (a LOINC code where one exists).
    pub code: CodeableConcept,
    /// Whom it is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<Reference>,
    /// When it applies (`effectiveDateTime`; other `effective[x]` types are kept in `extra`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_date_time: Option<String>,
    /// The result (`value[x]`).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub value: Option<ObservationValue>,
    /// Notes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub note: Vec<Annotation>,
    /// What it was worked out from (the QuestionnaireResponse).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub derived_from: Vec<Reference>,
    /// Parts of the result.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub component: Vec<Component>,
    /// Members backcare does not model (`meta`, `text`, `interpretation`, ...).
    #[serde(flatten)]
    pub extra: Extra,
}

impl ResourceType for Observation {
    const NAME: &'static str = "Observation";
}

/// `Observation.status`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum ObservationStatus {
    Registered,
    Preliminary,
    #[default]
    Final,
    Amended,
    Corrected,
    Cancelled,
    EnteredInError,
    Unknown,
}

/// One part of an observation (`Observation.component`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Component {
    /// What the part is.
    pub code: CodeableConcept,
    /// Its value.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub value: Option<ObservationValue>,
    /// Members backcare does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `Observation.value[x]`: every type R4 allows (the complex ones it does not model are kept
/// as JSON).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[allow(missing_docs)] // Each variant is the FHIR type it names.
pub enum ObservationValue {
    #[serde(rename = "valueQuantity")]
    Quantity(Quantity),
    #[serde(rename = "valueCodeableConcept")]
    CodeableConcept(CodeableConcept),
    #[serde(rename = "valueString")]
    String(String),
    #[serde(rename = "valueBoolean")]
    Boolean(bool),
    #[serde(rename = "valueInteger")]
    Integer(i64),
    #[serde(rename = "valueRange")]
    Range(RawJson),
    #[serde(rename = "valueRatio")]
    Ratio(RawJson),
    #[serde(rename = "valueSampledData")]
    SampledData(RawJson),
    #[serde(rename = "valueTime")]
    Time(String),
    #[serde(rename = "valueDateTime")]
    DateTime(String),
    #[serde(rename = "valuePeriod")]
    Period(RawJson),
}

impl ObservationValue {
    fn read<'de, A: MapAccess<'de>>(key: &str, map: &mut A) -> Result<Option<Self>, A::Error> {
        Ok(Some(match key {
            "valueQuantity" => ObservationValue::Quantity(map.next_value()?),
            "valueCodeableConcept" => ObservationValue::CodeableConcept(map.next_value()?),
            "valueString" => ObservationValue::String(map.next_value()?),
            "valueBoolean" => ObservationValue::Boolean(map.next_value()?),
            "valueInteger" => ObservationValue::Integer(map.next_value()?),
            "valueRange" => ObservationValue::Range(map.next_value()?),
            "valueRatio" => ObservationValue::Ratio(map.next_value()?),
            "valueSampledData" => ObservationValue::SampledData(map.next_value()?),
            "valueTime" => ObservationValue::Time(map.next_value()?),
            "valueDateTime" => ObservationValue::DateTime(map.next_value()?),
            "valuePeriod" => ObservationValue::Period(map.next_value()?),
            _ => return Ok(None),
        }))
    }
}

impl Object for Observation {
    const NAME: &'static str = "Observation";
    const REQUIRED: &'static [&'static str] = &["resourceType", "status", "code"];
    fn field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
        match key {
            "resourceType" => self.resource_type = map.next_value()?,
            "id" => self.id = Some(map.next_value()?),
            "language" => self.language = Some(map.next_value()?),
            "status" => self.status = map.next_value()?,
            "category" => self.category = map.next_value()?,
            "code" => self.code = map.next_value()?,
            "subject" => self.subject = Some(map.next_value()?),
            "effectiveDateTime" => self.effective_date_time = Some(map.next_value()?),
            "note" => self.note = map.next_value()?,
            "derivedFrom" => self.derived_from = map.next_value()?,
            "component" => self.component = map.next_value()?,
            _ => return read_choice(&mut self.value, key, map, ObservationValue::read),
        }
        Ok(true)
    }
    fn extra(&mut self) -> &mut Extra {
        &mut self.extra
    }
}

impl Object for Component {
    const NAME: &'static str = "Observation.component";
    const REQUIRED: &'static [&'static str] = &["code"];
    fn field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
        match key {
            "code" => self.code = map.next_value()?,
            _ => return read_choice(&mut self.value, key, map, ObservationValue::read),
        }
        Ok(true)
    }
    fn extra(&mut self) -> &mut Extra {
        &mut self.extra
    }
}

deserialize_via_object!(Observation, Component);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quantity_keeps_its_precision_and_unknown_members() {
        let text = r#"{"resourceType":"Observation","id":"bp","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"8310-5"}]},"effectivePeriod":{"start":"2026-01-01"},"valueQuantity":{"value":36.50,"unit":"C","comparator":"<"},"interpretation":[{"text":"normal"}],"component":[{"code":{"text":"x"},"valueRange":{"low":{"value":1.0}}}]}"#;
        let o: Observation = serde_json::from_str(text).unwrap();
        let Some(ObservationValue::Quantity(q)) = &o.value else {
            panic!("{:?}", o.value)
        };
        assert_eq!(q.value.as_ref().unwrap().as_str(), "36.50");
        assert_eq!(q.extra.get("comparator"), Some("\"<\""));
        let back = serde_json::to_string(&o).unwrap();
        assert!(
            back.contains("36.50") && back.contains("\"value\":1.0"),
            "{back}"
        );
        let a: serde_json::Value = serde_json::from_str(text).unwrap();
        let b: serde_json::Value = serde_json::from_str(&back).unwrap();
        assert_eq!(a, b);
    }
}
