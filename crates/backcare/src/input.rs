//! Reading and validating input files, with errors that name the field at fault.

use backcare_fhir::plain::{Vocabulary, reword};
use std::io::Read;
use std::path::Path;

use anyhow::Context;
use backcare_core::Intake;
use backcare_core::instruments::prompts::Wording;

/// Input that does not parse or validate: the command exits with status 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct BadInput(pub String);

fn read_text(path: &Path) -> anyhow::Result<String> {
    let mut text = String::new();
    if path == Path::new("-") {
        std::io::stdin()
            .read_to_string(&mut text)
            .context("could not read answers from standard input")?;
    } else {
        text = std::fs::read_to_string(path)
            .with_context(|| format!("could not read {}", path.display()))
            .map_err(|e| BadInput(format!("{e:#}")))?;
    }
    Ok(text)
}

fn describe(path: &Path) -> String {
    if path == Path::new("-") {
        "standard input".to_owned()
    } else {
        path.display().to_string()
    }
}

/// Parses JSON into `T`, naming the path of the field at fault (e.g. `history.cancer`).
pub fn parse_json<T: serde::de::DeserializeOwned>(text: &str, source: &str) -> Result<T, BadInput> {
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        let place = format!("line {}, column {}", inner.line(), inner.column());
        let msg = inner.to_string();
        // serde_json appends " at line L column C"; we give the place once, our way. And
        // serde speaks of Rust types ("expected i64"): the person gets plain words.
        let msg = msg.split(" at line ").next().unwrap_or(&msg);
        let msg = reword(msg, Vocabulary::Answers);
        if path == "." || path.is_empty() {
            BadInput(format!("{source}: {msg} ({place})"))
        } else {
            BadInput(format!("{source}: field `{path}`: {msg} ({place})"))
        }
    })
}

/// Reads an intake file (or standard input for `-`).
pub fn read_intake(path: &Path) -> anyhow::Result<Intake> {
    let text = read_text(path)?;
    let source = describe(path);
    let intake = parse_json(&text, &source)?;
    // serde accepts a list in place of an object (filling fields by position), so a
    // mistaken `"history": ["yes", "no"]` would silently answer the wrong questions.
    // The schema generated from the same types says where lists belong.
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) {
        let schema = serde_json::to_value(backcare_core::intake::schema())?;
        no_list_for_object(&value, &schema, &schema, "")
            .map_err(|e| BadInput(format!("{source}: {e}")))?;
    }
    Ok(intake)
}

/// The leaf schemas `node` allows, following `$ref`, `anyOf` and `oneOf`.
fn branches<'a>(
    node: &'a serde_json::Value,
    root: &'a serde_json::Value,
    out: &mut Vec<&'a serde_json::Value>,
) {
    if let Some(r) = node.get("$ref").and_then(|r| r.as_str()) {
        if let Some(target) = r.strip_prefix('#').and_then(|p| root.pointer(p)) {
            branches(target, root, out);
        }
    } else if let Some(alts) = node
        .get("anyOf")
        .or_else(|| node.get("oneOf"))
        .and_then(|a| a.as_array())
    {
        alts.iter().for_each(|a| branches(a, root, out));
    } else {
        out.push(node);
    }
}

fn allows(node: &serde_json::Value, kind: &str) -> bool {
    match node.get("type") {
        Some(serde_json::Value::String(t)) => t == kind,
        Some(serde_json::Value::Array(ts)) => ts.iter().any(|t| t == kind),
        _ => false,
    }
}

fn no_list_for_object(
    value: &serde_json::Value,
    node: &serde_json::Value,
    root: &serde_json::Value,
    path: &str,
) -> Result<(), String> {
    let mut leaves = Vec::new();
    branches(node, root, &mut leaves);
    let place = if path.is_empty() {
        "the answers".to_owned()
    } else {
        format!("field `{path}`")
    };
    match value {
        serde_json::Value::Array(items) => {
            let Some(list) = leaves.iter().find(|l| allows(l, "array")) else {
                return Err(format!(
                    "{place}: expected an object {{...}}, found a list [...]"
                ));
            };
            if let Some(item) = list.get("items") {
                for (i, v) in items.iter().enumerate() {
                    no_list_for_object(v, item, root, &format!("{path}[{i}]"))?;
                }
            }
        }
        serde_json::Value::Object(map) => {
            for leaf in leaves {
                if let Some(props) = leaf.get("properties").and_then(|p| p.as_object()) {
                    for (key, v) in map {
                        if let Some(prop) = props.get(key) {
                            let sub = if path.is_empty() {
                                key.clone()
                            } else {
                                format!("{path}.{key}")
                            };
                            no_list_for_object(v, prop, root, &sub)?;
                        }
                    }
                }
            }
        }
        _ => {}
    }
    Ok(())
}

/// Reads a licensed-wording file and checks every key names a real item.
pub fn read_wording(path: &Path) -> anyhow::Result<Wording> {
    let text = read_text(path)?;
    let wording: Wording = parse_json(&text, &describe(path))?;
    wording
        .validate()
        .map_err(|e| BadInput(format!("{}: {e}", describe(path))))?;
    Ok(wording)
}
