//! serde's messages in words a person sending FHIR (or writing an answers file for the
//! command line) can act on.
//!
//! A JSON error from serde names Rust types ("invalid type: floating point `1e+29`,
//! expected i64"): true, but written for the programmer of the receiving end. The sender
//! needs to know which value is wrong and what is expected instead, and where it is.

/// Whose words to use: FHIR's ("element", "the range FHIR allows") or plain ones for an
/// answers file ("field", "the range allowed here").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vocabulary {
    /// For FHIR resources.
    Fhir,
    /// For backcare's own JSON files (answers, history, preferences).
    Answers,
}

impl Vocabulary {
    fn range(self) -> &'static str {
        match self {
            Vocabulary::Fhir => "the range FHIR allows",
            Vocabulary::Answers => "the range allowed",
        }
    }

    fn element(self) -> &'static str {
        match self {
            Vocabulary::Fhir => "element",
            Vocabulary::Answers => "field",
        }
    }
}

/// `e` in plain words, with where it is: "line 1, column 86: 1e+29 is not a whole
/// number in the range FHIR allows".
pub fn json_error(e: &serde_json::Error) -> String {
    let said = json_message(e);
    if e.line() == 0 {
        said
    } else {
        format!("line {}, column {}: {said}", e.line(), e.column())
    }
}

/// `e` in plain words, without where it is (for a caller that says where itself).
pub fn json_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    // serde_json appends " at line L column C".
    let message = full
        .rsplit_once(" at line ")
        .map_or(full.as_str(), |(m, _)| m);
    reword(message, Vocabulary::Fhir)
}

/// One message of serde's (without serde_json's " at line L column C"), reworded.
pub fn reword(message: &str, vocabulary: Vocabulary) -> String {
    if let Some((found, expected)) = message
        .strip_prefix("invalid type: ")
        .and_then(|rest| rest.split_once(", expected "))
    {
        let numeric = found.starts_with("floating point") || found.starts_with("integer");
        let found = found_value(found);
        return match expected_kind(expected) {
            Expected::Whole if numeric => {
                format!("{found} is not a whole number in {}", vocabulary.range())
            }
            Expected::Whole => format!("{found} is given where a whole number is expected"),
            Expected::Other(what) => format!("{found} is given where {what} is expected"),
        };
    }
    if let Some((found, expected)) = message
        .strip_prefix("invalid value: ")
        .and_then(|rest| rest.split_once(", expected "))
    {
        let found = found_value(found);
        return match expected_kind(expected) {
            Expected::Whole => format!("{found} is out of {} here", vocabulary.range()),
            Expected::Other(what) => format!("{found} is given where {what} is expected"),
        };
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (value, allowed) = rest
            .split_once(", expected one of ")
            .or_else(|| rest.split_once(", expected "))
            .unwrap_or((rest, ""));
        let value = value.replace('`', "\"");
        return if allowed.is_empty() {
            format!("{value} is not one of the values allowed here")
        } else {
            format!(
                "{value} is not one of the values allowed here ({})",
                allowed.replace('`', "\"")
            )
        };
    }
    if message.starts_with("data did not match any variant of untagged enum") {
        return "this value is not one of the kinds allowed here".to_owned();
    }
    if message.starts_with("EOF while parsing") {
        return "the text ends before the JSON is complete (is it empty, or cut short?)".to_owned();
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (name, known) = rest
            .split_once(", expected one of ")
            .or_else(|| rest.split_once(", expected "))
            .unwrap_or((rest, ""));
        let element = vocabulary.element();
        let name = name.replace('`', "\"");
        return if known.is_empty() {
            format!("there is no {element} {name} here")
        } else {
            format!(
                "there is no {element} {name} here (the {element}s here are {})",
                known.replace('`', "\"")
            )
        };
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        return format!(
            "the {} {} is required",
            vocabulary.element(),
            rest.replace('`', "\"")
        );
    }
    message.replace('`', "\"")
}

/// What serde found, as the sender wrote it.
fn found_value(found: &str) -> String {
    // "floating point `1e+29`", "integer `-3`", "string \"x\"", "boolean `true`", "map"...
    let quoted = found
        .split_once('`')
        .and_then(|(_, rest)| rest.rsplit_once('`'))
        .map(|(inner, _)| inner.to_owned());
    match (found.split_whitespace().next(), quoted) {
        (_, Some(value)) => value,
        (Some("string"), None) => found.trim_start_matches("string ").to_owned(),
        (Some("map"), None) => "an object".to_owned(),
        (Some("sequence"), None) => "a list".to_owned(),
        (Some("null"), None) => "null".to_owned(),
        _ => found.to_owned(),
    }
}

enum Expected {
    /// A Rust integer type.
    Whole,
    /// Something else, in words.
    Other(String),
}

fn expected_kind(expected: &str) -> Expected {
    let e = expected.trim();
    match e {
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "isize" => {
            Expected::Whole
        }
        "f32" | "f64" => Expected::Other("a number".to_owned()),
        "a boolean" => Expected::Other("true or false".to_owned()),
        "a string" => Expected::Other("text".to_owned()),
        "a sequence" => Expected::Other("a list".to_owned()),
        _ if e.starts_with("struct ") || e.starts_with("a map") => {
            Expected::Other("an object".to_owned())
        }
        _ => Expected::Other(e.replace('`', "\"")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said<T: serde::de::DeserializeOwned + std::fmt::Debug>(json: &str) -> String {
        json_error(&serde_json::from_str::<T>(json).unwrap_err())
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Item {
        #[serde(rename = "valueInteger")]
        value_integer: i64,
    }

    #[test]
    fn rust_words_become_fhir_words() {
        assert_eq!(
            said::<Item>(r#"{"valueInteger": 1e29}"#),
            "line 1, column 21: 1e+29 is not a whole number in the range FHIR allows"
        );
        assert_eq!(
            said::<Item>(r#"{"valueInteger": "four"}"#),
            r#"line 1, column 23: "four" is given where a whole number is expected"#
        );
        assert_eq!(
            said::<Item>(r#"{}"#),
            r#"line 1, column 2: the element "valueInteger" is required"#
        );
        assert_eq!(
            said::<Vec<bool>>(r#"[1]"#),
            "line 1, column 2: 1 is given where true or false is expected"
        );
        let plain = said::<Item>(r#"{"valueInteger": 99999999999999999999}"#);
        assert!(!plain.contains("i64") && !plain.contains('`'), "{plain}");
    }

    #[test]
    fn answers_files_get_their_own_words() {
        let answers = |m| reword(m, Vocabulary::Answers);
        assert_eq!(
            answers("invalid type: string \"forty\", expected i64"),
            r#""forty" is given where a whole number is expected"#
        );
        assert_eq!(
            answers("invalid type: floating point `1000.0`, expected u8"),
            "1000.0 is not a whole number in the range allowed"
        );
        assert_eq!(
            answers("unknown field `cancr`, expected one of `cancer`, `steroids`"),
            r#"there is no field "cancr" here (the fields here are "cancer", "steroids")"#
        );
        assert_eq!(
            answers("data did not match any variant of untagged enum OdiSection"),
            "this value is not one of the kinds allowed here"
        );
        assert_eq!(
            answers("EOF while parsing a value"),
            "the text ends before the JSON is complete (is it empty, or cut short?)"
        );
        assert_eq!(
            answers("missing field `age`"),
            r#"the field "age" is required"#
        );
        assert_eq!(
            answers("unknown variant `x`, expected one of `female`, `male`, `other`"),
            r#""x" is not one of the values allowed here ("female", "male", "other")"#
        );
    }
}
