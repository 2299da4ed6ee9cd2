//! FHIR R4 data types: Coding, CodeableConcept, Reference, Quantity, Annotation, Period,
//! Extension and Expression.

use serde::de::MapAccess;
use serde::{Deserialize, Serialize};

use super::{Code, Decimal, Extra, Object, deserialize_via_object};

/// A code from a code system (`Coding`). Unmodelled members (`version`, `userSelected`,
/// extensions) are kept.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Coding {
    /// The code system's URI.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    /// The code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<Code>,
    /// How the code system names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// Members backcare does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Coding {
    /// A coding with system, code and display.
    ///
    /// # Panics
    /// When `code` is not a valid FHIR code: only for backcare's own constant codes.
    pub fn new(system: &str, code: &str, display: impl Into<String>) -> Coding {
        Coding {
            system: Some(system.to_owned()),
            code: Some(Code::new(code).expect("backcare's own codes are valid")),
            display: Some(display.into()),
            extra: Extra::default(),
        }
    }

    /// A coding with system and code only (no display).
    ///
    /// # Panics
    /// When `code` is not a valid FHIR code: only for backcare's own constant codes.
    pub fn code(system: &str, code: &str) -> Coding {
        Coding {
            display: None,
            ..Coding::new(system, code, "")
        }
    }

    /// The code as text.
    pub fn code_str(&self) -> Option<&str> {
        self.code.as_ref().map(Code::as_str)
    }
}

impl Object for Coding {
    const NAME: &'static str = "Coding";
    fn field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
        match key {
            "system" => self.system = Some(map.next_value()?),
            "code" => self.code = Some(map.next_value()?),
            "display" => self.display = Some(map.next_value()?),
            _ => return Ok(false),
        }
        Ok(true)
    }
    fn extra(&mut self) -> &mut Extra {
        &mut self.extra
    }
}

/// Codings plus text (`CodeableConcept`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CodeableConcept {
    /// Codes for the concept.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub coding: Vec<Coding>,
    /// The concept in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Members backcare does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

impl CodeableConcept {
    /// One coding, with text.
    pub fn new(coding: Coding, text: impl Into<String>) -> CodeableConcept {
        CodeableConcept {
            coding: vec![coding],
            text: Some(text.into()),
            extra: Extra::default(),
        }
    }

    /// Whether any coding has this system and code.
    pub fn has(&self, system: &str, code: &str) -> bool {
        self.coding
            .iter()
            .any(|c| c.system.as_deref() == Some(system) && c.code_str() == Some(code))
    }
}

impl Object for CodeableConcept {
    const NAME: &'static str = "CodeableConcept";
    fn field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
        match key {
            "coding" => self.coding = map.next_value()?,
            "text" => self.text = Some(map.next_value()?),
            _ => return Ok(false),
        }
        Ok(true)
    }
    fn extra(&mut self) -> &mut Extra {
        &mut self.extra
    }
}

/// A reference to another resource (`Reference`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Reference {
    /// A relative (`Patient/123`) or absolute URL, or `urn:uuid:`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Text for the reference.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// Members backcare does not model (`type`, `identifier`).
    #[serde(flatten)]
    pub extra: Extra,
}

impl Reference {
    /// A reference to `Type/id`.
    pub fn to(resource_type: &str, id: &str) -> Reference {
        Reference {
            reference: Some(format!("{resource_type}/{id}")),
            ..Reference::default()
        }
    }
}

impl Object for Reference {
    const NAME: &'static str = "Reference";
    fn field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
        match key {
            "reference" => self.reference = Some(map.next_value()?),
            "display" => self.display = Some(map.next_value()?),
            _ => return Ok(false),
        }
        Ok(true)
    }
    fn extra(&mut self) -> &mut Extra {
        &mut self.extra
    }
}

/// A measured amount (`Quantity`), its value an exact [`Decimal`].
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Quantity {
    /// The value, with its precision.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Decimal>,
    /// The unit for people.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The unit's system (UCUM: `http://unitsofmeasure.org`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    /// The unit's code in that system.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<Code>,
    /// Members backcare does not model (`comparator`).
    #[serde(flatten)]
    pub extra: Extra,
}

impl Object for Quantity {
    const NAME: &'static str = "Quantity";
    fn field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
        match key {
            "value" => self.value = Some(map.next_value()?),
            "unit" => self.unit = Some(map.next_value()?),
            "system" => self.system = Some(map.next_value()?),
            "code" => self.code = Some(map.next_value()?),
            _ => return Ok(false),
        }
        Ok(true)
    }
    fn extra(&mut self) -> &mut Extra {
        &mut self.extra
    }
}

/// A note (`Annotation`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Annotation {
    /// The note (markdown).
    pub text: String,
    /// Members backcare does not model (`author[x]`, `time`).
    #[serde(flatten)]
    pub extra: Extra,
}

impl Annotation {
    /// A note with this text.
    pub fn new(text: impl Into<String>) -> Annotation {
        Annotation {
            text: text.into(),
            extra: Extra::default(),
        }
    }
}

impl Object for Annotation {
    const NAME: &'static str = "Annotation";
    const REQUIRED: &'static [&'static str] = &["text"];
    fn field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
        match key {
            "text" => self.text = map.next_value()?,
            _ => return Ok(false),
        }
        Ok(true)
    }
    fn extra(&mut self) -> &mut Extra {
        &mut self.extra
    }
}

deserialize_via_object!(Coding, CodeableConcept, Reference, Quantity, Annotation);

/// A time period (`Period`), dates as FHIR `date`/`dateTime` text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    /// The first day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// The last day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
}

/// A FHIRPath (or other) expression (`Expression`), as SDC's extensions use it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expression {
    /// The language, `text/fhirpath`.
    pub language: String,
    /// The expression.
    pub expression: String,
    /// What it computes, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// An extension (`Extension`): the kinds of value backcare writes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extension {
    /// What the extension means.
    pub url: String,
    /// Its value.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub value: Option<ExtensionValue>,
    /// Nested extensions (for complex extensions).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
}

/// `Extension.value[x]`, the types backcare uses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[allow(missing_docs)] // Each variant is the FHIR type it names.
pub enum ExtensionValue {
    #[serde(rename = "valueExpression")]
    Expression(Expression),
    #[serde(rename = "valueInteger")]
    Integer(i64),
    #[serde(rename = "valueString")]
    String(String),
    #[serde(rename = "valueCode")]
    Code(Code),
    #[serde(rename = "valueCoding")]
    Coding(Coding),
    #[serde(rename = "valueBoolean")]
    Boolean(bool),
    #[serde(rename = "valueCodeableConcept")]
    CodeableConcept(CodeableConcept),
    #[serde(rename = "valueCanonical")]
    Canonical(String),
    #[serde(rename = "valueUri")]
    Uri(String),
}

impl Extension {
    /// An extension with a value.
    pub fn new(url: &str, value: ExtensionValue) -> Extension {
        Extension {
            url: url.to_owned(),
            value: Some(value),
            extension: Vec::new(),
        }
    }
}
