//! Hand-written FHIR R4 JSON types: only the elements backcare uses.
//!
//! Two rules shape them:
//! - **Nothing others send is lost.** [`QuestionnaireResponse`] and [`Observation`], and
//!   every element type inside them, keep each JSON member they do not model in an
//!   [`Extra`] (its exact text), and write it back when serialised. Their parsers are
//!   written by hand (`Object`) rather than derived: serde's `flatten` buffers values in a
//!   way that loses the text of numbers, and would break [`Decimal`].
//! - **Decimals keep their exact text.** `1.50` stays `1.50` ([`Decimal`]).
//!
//! Both need JSON *text* (`serde_json::from_str`, `from_slice` or `from_reader`): a
//! `serde_json::Value` has already lost a decimal's text, so `from_value` rejects decimals
//! and unmodelled members.
//!
//! `value[x]` choices are enums whose variants name their JSON key (`valueInteger`), written
//! with `#[serde(flatten)]` and read by `Object::field`; two keys of one choice are
//! rejected.

mod datatypes;
mod observation;
mod other;
mod questionnaire;
mod response;

pub use datatypes::{
    Annotation, CodeableConcept, Coding, Expression, Extension, ExtensionValue, Period, Quantity,
    Reference,
};
pub use observation::{Component, Observation, ObservationStatus, ObservationValue};
pub use other::{
    Bundle, BundleEntry, BundleLink, BundleRequest, BundleResponse, BundleSearch, BundleType,
    CapabilityStatement, CarePlan, CarePlanActivity, CarePlanDetail, CarePlanStatus, Condition,
    Group, GroupMember, HumanName, Implementation, Issue, IssueSeverity, Meta, OperationOutcome,
    Patient, PatientCommunication, Practitioner, PractitionerQualification, Resource,
    RestComponent, RestOperation, RestResource, RestSecurity, SearchMode, SearchParam,
    ServiceRequest, Software, Timing, TimingRepeat,
};
pub use questionnaire::{
    AnswerOption, AnswerOptionValue, EnableBehavior, EnableWhen, EnableWhenAnswer, ItemType,
    PublicationStatus, Questionnaire, QuestionnaireItem,
};
pub use response::{AnswerValue, QrAnswer, QrItem, QrStatus, QuestionnaireResponse};

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

// ---- Newtypes that parse ------------------------------------------------------------------

/// A value that does not fit a FHIR primitive type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{value:?} is not a valid FHIR {what}")]
pub struct BadPrimitive {
    /// The primitive type, e.g. `id`.
    pub what: &'static str,
    /// The text given.
    pub value: String,
}

macro_rules! primitive {
    ($(#[$doc:meta])* $name:ident, $what:literal, $valid:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Parses the text, checking FHIR's rule for this type.
            pub fn new(value: impl Into<String>) -> Result<Self, BadPrimitive> {
                let value = value.into();
                let valid: fn(&str) -> bool = $valid;
                if valid(&value) {
                    Ok(Self(value))
                } else {
                    Err(BadPrimitive { what: $what, value })
                }
            }

            /// The text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = BadPrimitive;
            fn try_from(value: String) -> Result<Self, BadPrimitive> {
                Self::new(value)
            }
        }

        impl From<$name> for String {
            fn from(v: $name) -> String {
                v.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = BadPrimitive;
            fn from_str(s: &str) -> Result<Self, BadPrimitive> {
                Self::new(s)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

primitive!(
    /// A FHIR `id`: 1 to 64 letters, digits, `-` and `.`.
    Id,
    "id",
    |s| (1..=64).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
);

primitive!(
    /// A FHIR `code`: text without leading or trailing whitespace and no double spaces
    /// (regex `[^\s]+( [^\s]+)*`).
    Code,
    "code",
    |s| !s.is_empty()
        && !s.starts_with(char::is_whitespace)
        && !s.ends_with(char::is_whitespace)
        && !s.contains("  ")
        && !s.contains(['\t', '\n', '\r'])
);

/// A FHIR `decimal` with its exact JSON text: `1.50` reads and writes as `1.50`.
///
/// FHIR says trailing zeros are significant (they carry precision), so the number is never
/// turned into a float on the way through. [`Decimal::to_f64`] is for arithmetic only.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Decimal(String);

impl Decimal {
    /// Parses decimal text (FHIR: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`).
    pub fn new(text: impl Into<String>) -> Result<Decimal, BadPrimitive> {
        let text = text.into();
        if is_decimal(&text) {
            Ok(Decimal(text))
        } else {
            Err(BadPrimitive {
                what: "decimal",
                value: text,
            })
        }
    }

    /// The exact text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The value as a float, for arithmetic (precision may be lost).
    pub fn to_f64(&self) -> f64 {
        self.0.parse().unwrap_or(f64::NAN)
    }
}

impl From<u32> for Decimal {
    fn from(n: u32) -> Decimal {
        Decimal(n.to_string())
    }
}

impl From<i64> for Decimal {
    fn from(n: i64) -> Decimal {
        Decimal(n.to_string())
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// FHIR's decimal grammar, which is JSON's number grammar.
fn is_decimal(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let digits = |d: &str| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit());
    let int_ok = digits(int) && (int == "0" || !int.starts_with('0'));
    let frac_ok = frac.is_none_or(digits);
    let exp_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)));
    int_ok && frac_ok && exp_ok
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Written as raw JSON so the text (and its trailing zeros) is kept.
        let raw = RawValue::from_string(self.0.clone()).map_err(serde::ser::Error::custom)?;
        raw.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        let raw = Box::<RawValue>::deserialize(d)?;
        Decimal::new(raw.get()).map_err(|_| {
            de::Error::custom(format!("expected a decimal number, found {}", raw.get()))
        })
    }
}

// ---- Unmodelled members -------------------------------------------------------------------

/// The JSON members of an object that backcare does not model, in the order they came, each
/// with its exact text; written back unchanged.
#[derive(Debug, Clone, Default)]
pub struct Extra(Vec<(String, Box<RawValue>)>);

impl Extra {
    /// True when every member was modelled.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The member names and their JSON text.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.get()))
    }

    /// The JSON text of one member.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    /// Sets one member to `value` (in its place if it is there, else last).
    pub fn set(&mut self, key: &str, value: Box<RawValue>) {
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some((_, v)) => *v = value,
            None => self.0.push((key.to_owned(), value)),
        }
    }
}

impl PartialEq for Extra {
    fn eq(&self, other: &Extra) -> bool {
        self.iter().eq(other.iter())
    }
}

impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// Unmodelled JSON kept whole (an `Attachment` answer, say).
#[derive(Debug, Clone)]
pub struct RawJson(Box<RawValue>);

impl RawJson {
    /// The exact JSON text.
    pub fn get(&self) -> &str {
        self.0.get()
    }
}

impl PartialEq for RawJson {
    fn eq(&self, other: &RawJson) -> bool {
        self.get() == other.get()
    }
}

impl Serialize for RawJson {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de> Deserialize<'de> for RawJson {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RawJson, D::Error> {
        Box::<RawValue>::deserialize(d).map(RawJson)
    }
}

// ---- resourceType -------------------------------------------------------------------------

/// A FHIR resource type with its `resourceType` name.
pub trait ResourceType {
    /// The `resourceType`, e.g. `"Observation"`.
    const NAME: &'static str;
}

/// The `resourceType` member of resource `R`: always `R::NAME`, checked when read.
pub struct Tag<R>(PhantomData<fn() -> R>);

impl<R> Tag<R> {
    /// The tag (there is only one value).
    pub const fn new() -> Tag<R> {
        Tag(PhantomData)
    }
}

impl<R> Default for Tag<R> {
    fn default() -> Self {
        Tag::new()
    }
}
impl<R> Clone for Tag<R> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<R> Copy for Tag<R> {}
impl<R> PartialEq for Tag<R> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}
impl<R: ResourceType> fmt::Debug for Tag<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(R::NAME)
    }
}

impl<R: ResourceType> Serialize for Tag<R> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(R::NAME)
    }
}

impl<'de, R: ResourceType> Deserialize<'de> for Tag<R> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Tag<R>, D::Error> {
        let name = Key::deserialize(d)?.0;
        if name == R::NAME {
            Ok(Tag::new())
        } else {
            Err(de::Error::custom(format!(
                "resourceType is {name:?}, expected {:?}",
                R::NAME
            )))
        }
    }
}

// ---- Hand-written object parsing ----------------------------------------------------------

/// An object key, borrowed from the input when it can be.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Key<'de>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

/// A JSON object read member by member, keeping what it does not model in an [`Extra`].
///
/// One pass, no buffering, so decimals and unknown members keep their text.
pub(crate) trait Object: Default {
    /// What the object is, for messages.
    const NAME: &'static str;
    /// Members that must be present.
    const REQUIRED: &'static [&'static str] = &[];

    /// Reads member `key` into `self` and returns true, or returns false without reading
    /// when `key` is not modelled.
    fn field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error>;

    /// Where unmodelled members go.
    fn extra(&mut self) -> &mut Extra;
}

/// Parses an [`Object`].
pub(crate) fn deserialize_object<'de, D: Deserializer<'de>, T: Object>(
    d: D,
) -> Result<T, D::Error> {
    struct V<T>(PhantomData<T>);
    impl<'de, T: Object> Visitor<'de> for V<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a FHIR {} object", T::NAME)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
            let mut out = T::default();
            let mut seen = 0u64;
            while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
                if out.field(&key, &mut map)? {
                    if let Some(i) = T::REQUIRED.iter().position(|r| *r == key) {
                        seen |= 1 << i;
                    }
                } else {
                    let value: Box<RawValue> = map.next_value()?;
                    out.extra().0.push((key.into_owned(), value));
                }
            }
            for (i, name) in T::REQUIRED.iter().enumerate() {
                if seen & (1 << i) == 0 {
                    return Err(de::Error::missing_field(name));
                }
            }
            Ok(out)
        }
    }
    d.deserialize_map(V(PhantomData))
}

/// Implements `Deserialize` through [`Object`].
macro_rules! deserialize_via_object {
    ($($ty:ty),+) => {$(
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::types::deserialize_object(d)
            }
        }
    )+};
}
pub(crate) use deserialize_via_object;

/// Reads one `value[x]`-style choice member into `slot`, rejecting a second one.
pub(crate) fn read_choice<'de, A: MapAccess<'de>, T>(
    slot: &mut Option<T>,
    key: &str,
    map: &mut A,
    read: impl FnOnce(&str, &mut A) -> Result<Option<T>, A::Error>,
) -> Result<bool, A::Error> {
    let Some(value) = read(key, map)? else {
        return Ok(false);
    };
    if slot.is_some() {
        return Err(de::Error::custom(format!(
            "{key}: only one value[x] member is allowed"
        )));
    }
    *slot = Some(value);
    Ok(true)
}

/// `skip_serializing_if` helper.
pub(crate) fn is_false(b: &bool) -> bool {
    !*b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_keep_their_text() {
        for text in [
            "1.50",
            "0",
            "-0.0",
            "100",
            "1e3",
            "2.50E-2",
            "12345678901234567890.000",
        ] {
            let d: Decimal = serde_json::from_str(text).unwrap();
            assert_eq!(d.as_str(), text);
            assert_eq!(serde_json::to_string(&d).unwrap(), text);
        }
        assert_eq!(
            serde_json::from_str::<Decimal>("1.50").unwrap().to_f64(),
            1.5
        );
        for bad in ["\"1.5\"", "true", "{}", "[1]"] {
            assert!(serde_json::from_str::<Decimal>(bad).is_err(), "{bad}");
        }
        for bad in ["01", "1.", ".5", "+1", "1e", "", "NaN", "1.5 "] {
            assert!(Decimal::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ids_and_codes_parse() {
        assert!(Id::new("start-back-en").is_ok());
        assert!(Id::new("a.b-C9").is_ok());
        for bad in ["", "a b", "a_b", &"x".repeat(65)] {
            assert!(Id::new(bad).is_err(), "{bad}");
        }
        assert!(Code::new("very_much").is_ok());
        assert!(Code::new("two words").is_ok());
        for bad in ["", " x", "x ", "a  b", "a\tb"] {
            assert!(Code::new(bad).is_err(), "{bad:?}");
        }
        assert!(serde_json::from_str::<Id>("\"bad id\"").is_err());
    }
}
