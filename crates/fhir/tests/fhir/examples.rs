//! The official HL7 R4 example QuestionnaireResponses and Observations (npm package
//! `hl7.fhir.r4.examples` 4.0.1, fetched and checked against its sha256 by `scripts/fhir`,
//! which sets `BACKCARE_FHIR_EXAMPLES`) parse with backcare's types and come back
//! without loss: the same JSON, member for member, with every decimal's text unchanged.
//! Without the examples the test fails, unless `BACKCARE_SKIP_FHIR_VALIDATION=1` says to
//! skip on purpose.

use std::collections::BTreeMap;
use std::path::PathBuf;

use backcare_fhir::types::{Observation, QuestionnaireResponse};
use serde_json::value::RawValue;

/// How many example files of each kind the package holds: a directory with fewer was not
/// fully unpacked, and would pass for the wrong reason.
const OBSERVATIONS: usize = 64;
const RESPONSES: usize = 5;

/// Examples that cannot be read, with why. Empty: every example parses and round-trips.
/// An entry must name a file that really fails, so the list cannot go stale unnoticed.
const ALLOWED_FAILURES: &[(&str, &str)] = &[];

/// JSON as a tree in which numbers are their text, so `1.50` and `1.5` differ, while
/// member order, white space and string escapes do not matter.
#[derive(Debug, PartialEq)]
enum Json {
    Object(BTreeMap<String, Json>),
    Array(Vec<Json>),
    String(String),
    /// A number, `true`, `false` or `null`, by its text.
    Atom(String),
}

impl Json {
    fn parse(text: &str) -> Result<Json, serde_json::Error> {
        let raw: &RawValue = serde_json::from_str(text)?;
        Json::from_raw(raw)
    }

    fn from_raw(raw: &RawValue) -> Result<Json, serde_json::Error> {
        let text = raw.get();
        Ok(match text.as_bytes().first() {
            Some(b'{') => {
                let members: Vec<(String, &RawValue)> =
                    serde_json::from_str::<MembersInOrder<'_>>(text)?.0;
                let mut map = BTreeMap::new();
                for (key, value) in members {
                    let value = Json::from_raw(value)?;
                    // A repeated member would be silently dropped by one side: keep both
                    // visible, so the comparison fails.
                    if let Some(old) = map.insert(key.clone(), value) {
                        map.insert(format!("{key} (repeated)"), old);
                    }
                }
                Json::Object(map)
            }
            Some(b'[') => Json::Array(
                serde_json::from_str::<Vec<&RawValue>>(text)?
                    .into_iter()
                    .map(Json::from_raw)
                    .collect::<Result<_, _>>()?,
            ),
            Some(b'"') => Json::String(serde_json::from_str(text)?),
            _ => Json::Atom(text.trim().to_owned()),
        })
    }

    /// Where `self` and `other` first differ (a JSON path), or `None` if they are equal.
    fn difference(&self, other: &Json, at: &str) -> Option<String> {
        match (self, other) {
            (Json::Object(a), Json::Object(b)) => {
                for key in a.keys().chain(b.keys()) {
                    let here = format!("{at}.{key}");
                    match (a.get(key), b.get(key)) {
                        (Some(x), Some(y)) => {
                            if let Some(d) = x.difference(y, &here) {
                                return Some(d);
                            }
                        }
                        (Some(_), None) => return Some(format!("{here}: lost")),
                        (None, Some(_)) => return Some(format!("{here}: added")),
                        (None, None) => unreachable!(),
                    }
                }
                None
            }
            (Json::Array(a), Json::Array(b)) if a.len() == b.len() => a
                .iter()
                .zip(b)
                .enumerate()
                .find_map(|(i, (x, y))| x.difference(y, &format!("{at}[{i}]"))),
            _ if self == other => None,
            _ => Some(format!("{at}: {self:?} became {other:?}")),
        }
    }
}

/// An object's members in the order written, values left as text.
struct MembersInOrder<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> serde::Deserialize<'de> for MembersInOrder<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Members<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Members<'a> {
            type Value = MembersInOrder<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, &'de RawValue>()? {
                    out.push((key, value));
                }
                Ok(MembersInOrder(out))
            }
        }
        d.deserialize_map(Members(std::marker::PhantomData))
    }
}

/// Parses `text` as the resource its file name says, writes it back, and says what was
/// lost or changed, if anything.
fn round_trip(name: &str, text: &str) -> Result<(), String> {
    let written = if name.starts_with("QuestionnaireResponse-") {
        serde_json::from_str::<QuestionnaireResponse>(text).and_then(|r| serde_json::to_string(&r))
    } else {
        serde_json::from_str::<Observation>(text).and_then(|r| serde_json::to_string(&r))
    }
    .map_err(|e| format!("does not parse: {e}"))?;
    let before = Json::parse(text).map_err(|e| format!("is not JSON: {e}"))?;
    let after = Json::parse(&written).map_err(|e| format!("wrote bad JSON: {e}"))?;
    match before.difference(&after, "$") {
        None => Ok(()),
        Some(d) => Err(format!("changed: {d}")),
    }
}

/// The unpacked examples, or `None` when skipping on purpose.
fn examples_dir() -> Option<PathBuf> {
    let Ok(dir) = std::env::var("BACKCARE_FHIR_EXAMPLES") else {
        if std::env::var("BACKCARE_SKIP_FHIR_VALIDATION").as_deref() == Ok("1") {
            eprintln!("BACKCARE_SKIP_FHIR_VALIDATION=1: not reading the HL7 examples");
            return None;
        }
        panic!(
            "BACKCARE_FHIR_EXAMPLES is not set: run `eval \"$(scripts/fhir)\"` first (scripts/test does), \
             or set BACKCARE_SKIP_FHIR_VALIDATION=1 to skip on purpose"
        );
    };
    Some(PathBuf::from(dir))
}

#[test]
fn official_examples_round_trip_without_loss() {
    let Some(dir) = examples_dir() else {
        return;
    };
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| {
            n.ends_with(".json")
                && (n.starts_with("QuestionnaireResponse-") || n.starts_with("Observation-"))
        })
        .collect();
    names.sort();
    let count = |prefix: &str| names.iter().filter(|n| n.starts_with(prefix)).count();
    assert_eq!(
        (count("Observation-"), count("QuestionnaireResponse-")),
        (OBSERVATIONS, RESPONSES),
        "{} does not hold the whole package",
        dir.display()
    );
    let mut failures = Vec::new();
    for name in &names {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        let outcome = round_trip(name, &text);
        let allowed = ALLOWED_FAILURES.iter().find(|(n, _)| n == name);
        match (outcome, allowed) {
            (Ok(()), None) => eprintln!("ok {name}"),
            (Err(e), Some((_, why))) => eprintln!("allowed {name}: {e} ({why})"),
            (Err(e), None) => failures.push(format!("{name} {e}")),
            (Ok(()), Some(_)) => failures.push(format!("{name} is allowed to fail but passes")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_comparison_sees_every_kind_of_loss() {
    // The check above can only fail if `difference` does.
    let original = r#"{"a":1.50,"b":[1,{"c":"x"}],"d":true,"e":"\u00e9"}"#;
    let same = r#"{ "e": "é", "d": true, "b": [1, {"c": "x"}], "a": 1.50 }"#;
    let parse = |t| Json::parse(t).unwrap();
    assert_eq!(parse(original).difference(&parse(same), "$"), None);
    for changed in [
        r#"{"a":1.5,"b":[1,{"c":"x"}],"d":true,"e":"é"}"#,
        r#"{"a":1.50,"b":[1],"d":true,"e":"é"}"#,
        r#"{"a":1.50,"b":[1,{"c":"x"}],"e":"é"}"#,
        r#"{"a":1.50,"b":[1,{"c":"x"}],"d":true,"e":"é","f":null}"#,
        r#"{"a":1.50,"b":[1,{"c":"y"}],"d":true,"e":"é"}"#,
        r#"{"a":1.50,"b":[{"c":"x"},1],"d":true,"e":"é"}"#,
        r#"{"a":"1.50","b":[1,{"c":"x"}],"d":true,"e":"é"}"#,
    ] {
        assert!(
            parse(original).difference(&parse(changed), "$").is_some(),
            "{changed}"
        );
    }
    assert!(
        round_trip(
            "Observation-x.json",
            r#"{"resourceType":"Observation","status":"final","code":{"text":"x"},"valueQuantity":{"value":1.50}}"#
        )
        .is_ok()
    );
}
