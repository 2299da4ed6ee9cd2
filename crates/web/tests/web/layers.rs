//! The web crate's three layers (ARCHITECTURE.md), kept by a scan of its source: every
//! `crate::...` path in the code of a file under `src/` (in `use` trees and inline) is
//! resolved to the module it names, and checked against the rule of the file's layer:
//!
//! - `infra` imports neither `model` nor `handlers`;
//! - `model` never imports `handlers`;
//! - a handler never imports another handler;
//! - none of the three reaches up to the route table (`routes`) or `app`, the only place
//!   that names every handler.
//!
//! Comments are not code, so a doc link may name any module.

use std::path::{Path, PathBuf};

/// The layers, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Layer {
    Infra,
    Model,
    Handlers,
    /// `lib.rs`, `routes.rs` and anything else at the crate root: sees everything.
    Top,
}

/// Where a path leads: a layer and the module in it (`handlers::care` -> care).
#[derive(Debug, PartialEq, Eq)]
enum Target {
    In(Layer, String),
    /// An item of `lib.rs` every layer may use (`AppState`, the crate's `Error`).
    Shared,
    /// A root name this test does not know: add it to [`resolve`] with its layer.
    Unknown(String),
}

/// The module path from a file's path under `src/`: `handlers/care.rs` -> [handlers, care].
fn module_of(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if let Some(last) = parts.pop() {
        let stem = last.trim_end_matches(".rs");
        if stem != "mod" && stem != "lib" {
            parts.push(stem.to_owned());
        }
    }
    parts
}

fn layer_of(module: &[String]) -> Layer {
    match module.first().map(String::as_str) {
        Some("infra") => Layer::Infra,
        Some("model") => Layer::Model,
        Some("handlers") => Layer::Handlers,
        _ => Layer::Top,
    }
}

/// Resolves a path after `crate::` (its segments) to where it leads. The root re-exports
/// of `lib.rs` (kept for the binary and the tests) count as the layer they come from.
fn resolve(segments: &[&str]) -> Target {
    let second = segments.get(1).map_or(String::new(), |s| (*s).to_owned());
    match segments.first().copied().unwrap_or("") {
        "infra" => Target::In(Layer::Infra, second),
        "model" => Target::In(Layer::Model, second),
        "handlers" => Target::In(Layer::Handlers, second),
        "auth" | "csrf" | "i18n" | "security" => Target::In(Layer::Infra, segments[0].into()),
        "demo" => Target::In(Layer::Handlers, "demo".into()),
        "routes" | "app" | "safety_text" => Target::In(Layer::Top, segments[0].into()),
        "AppState" | "Error" | "Config" => Target::Shared,
        other => Target::Unknown(other.to_owned()),
    }
}

/// The code of a Rust file without its comments (line comments, doc comments and block
/// comments) and with its string literals emptied, so that only real paths are checked.
fn strip_comments(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.find('\n').map_or("", |i| &after[i..]);
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.find("*/").map_or("", |i| &after[i + 2..]);
        } else if rest.starts_with('"') {
            // A string literal: dropped whole, so neither a `"//"` nor a path in it counts.
            let bytes = rest.as_bytes();
            let mut i = 1;
            while i < bytes.len() && bytes[i] != b'"' {
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
            let end = (i + 1).min(rest.len());
            out.push_str("\"\"");
            rest = &rest[end..];
        } else {
            let c = rest.chars().next().expect("not empty");
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// Expands a `use` tree (`{a, b::{c, d}}`, `x::y`, `self`) into its paths.
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    if tree.is_empty() {
        return Vec::new();
    }
    if let Some(inner) = tree.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
        return split_top(inner).iter().flat_map(|t| expand(t)).collect();
    }
    match tree.find("::{") {
        Some(i) if tree.ends_with('}') => {
            let (head, group) = (&tree[..i], &tree[i + 2..]);
            expand(group)
                .into_iter()
                .map(|tail| match tail.as_str() {
                    "self" => head.to_owned(),
                    _ => format!("{head}::{tail}"),
                })
                .collect()
        }
        _ => vec![tree.split(" as ").next().unwrap_or(tree).trim().to_owned()],
    }
}

/// Splits at the commas that are not inside braces.
fn split_top(s: &str) -> Vec<&str> {
    let (mut depth, mut start, mut parts) = (0, 0, Vec::new());
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&s[start..]);
    parts
}

/// Every path a file's code names from the crate root, as segments after `crate::`.
/// `super::x` in a file is its parent module's `x`.
fn crate_paths(code: &str, module: &[String]) -> Vec<Vec<String>> {
    let parent = module[..module.len().saturating_sub(1)].join("::");
    let code = code.replace("super::", &format!("crate::{parent}::"));
    let code = code.replace("crate::::", "crate::");
    let mut paths = Vec::new();
    let mut rest = code.as_str();
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        let end = if after.starts_with('{') {
            // A group: up to its matching brace.
            let mut depth = 0;
            after
                .char_indices()
                .find_map(|(j, c)| {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        _ => {}
                    }
                    (depth == 0).then_some(j + 1)
                })
                .unwrap_or(after.len())
        } else {
            after
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':' || c == '{'))
                .unwrap_or(after.len())
        };
        let end = if after[..end].contains('{') && !after.starts_with('{') {
            // `crate::a::{b, c}`: take the whole group.
            let open = after.find('{').expect("checked");
            let mut depth = 0;
            after[open..]
                .char_indices()
                .find_map(|(j, c)| {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        _ => {}
                    }
                    (depth == 0).then_some(open + j + 1)
                })
                .unwrap_or(after.len())
        } else {
            end
        };
        for path in expand(&after[..end]) {
            let segments: Vec<String> = path
                .split("::")
                .map(str::trim)
                .filter(|s| !s.is_empty() && *s != "*")
                .map(str::to_owned)
                .collect();
            if !segments.is_empty() {
                paths.push(segments);
            }
        }
        rest = &after[end..];
    }
    paths
}

/// What is wrong with the imports of one file (`module` is its module path).
fn violations(module: &[String], source: &str) -> Vec<String> {
    let layer = layer_of(module);
    let own = module.get(1).cloned().unwrap_or_default();
    let mut found = Vec::new();
    for path in crate_paths(&strip_comments(source), module) {
        let segments: Vec<&str> = path.iter().map(String::as_str).collect();
        let shown = format!("crate::{}", segments.join("::"));
        let allowed = match resolve(&segments) {
            Target::Shared => true,
            Target::Unknown(name) => {
                found.push(format!("{shown}: unknown root `{name}`: give it a layer"));
                continue;
            }
            Target::In(target, target_module) => match (layer, target) {
                (Layer::Top, _) => true,
                (_, Layer::Top) => false,
                (Layer::Handlers, Layer::Handlers) => {
                    target_module.is_empty() || target_module == own
                }
                (from, to) => to <= from,
            },
        };
        if !allowed {
            found.push(format!("{shown} from a {layer:?} module"));
        }
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_module_imports_only_the_layers_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut problems = Vec::new();
    let mut layered = 0;
    for file in &files {
        let module = module_of(file.strip_prefix(&src).unwrap());
        if layer_of(&module) != Layer::Top {
            layered += 1;
        }
        let source = std::fs::read_to_string(file).unwrap();
        for v in violations(&module, &source) {
            problems.push(format!("{}: {v}", file.display()));
        }
    }
    assert!(
        layered >= 20,
        "only {layered} files in the layers: is the scan looking in src?"
    );
    assert!(
        problems.is_empty(),
        "layering broken:\n{}",
        problems.join("\n")
    );
}

/// The scan itself finds each kind of bad import, in each way Rust can write it, and lets
/// the good ones through.
#[test]
fn the_scan_catches_bad_imports() {
    let m = |s: &str| s.split('/').map(str::to_owned).collect::<Vec<_>>();
    let bad = [
        ("infra/auth", "use crate::handlers::fhir_api::authorize;"),
        ("infra/auth", "fn f() { crate::model::record::load(); }"),
        ("infra/pages", "use crate::{AppState, model::views::when};"),
        ("infra/pages", "use crate::routes::ROUTES;"),
        (
            "model/record",
            "use crate::handlers::{\n    care::reassess,\n};",
        ),
        ("model/record", "use crate::demo::seed;"),
        ("handlers/sharing", "use crate::handlers::clinic::when;"),
        ("handlers/sharing", "use super::clinic;"),
        ("handlers/care", "let x = crate::handlers::intake::save(a);"),
        ("handlers/care", "use crate::mystery::Thing;"),
    ];
    for (module, source) in bad {
        assert_eq!(
            violations(&m(module), source).len(),
            1,
            "{module}: {source:?} should be one violation"
        );
    }
    let good = [
        (
            "infra/auth",
            "use crate::AppState;\nuse crate::infra::route::{Access, Kind};",
        ),
        (
            "infra/auth",
            "/// See [`crate::handlers::fhir_api`].\nfn f() {}",
        ),
        ("infra/auth", "const S: &str = \"// crate::handlers\";"),
        (
            "model/record",
            "use crate::infra::pages::Ctx;\nuse crate::model::views::{self, when};",
        ),
        (
            "handlers/care",
            "use crate::handlers::care::Page;\nuse crate::model::record::CareRecord;",
        ),
        (
            "handlers/care",
            "#[cfg(test)]\nmod tests {\n    use super::*;\n}",
        ),
        ("routes", "use crate::handlers::{account, care};"),
    ];
    for (module, source) in good {
        assert_eq!(
            violations(&m(module), source),
            Vec::<String>::new(),
            "{module}: {source:?}"
        );
    }
}
