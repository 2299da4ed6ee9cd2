//! The summary prints a lower rule's advice only as a named concern: under an emergency,
//! "book a doctor within about two weeks" or "usually it is a simple back problem" would
//! contradict the action at the top.

use super::{backcare, root};

/// The intake of one of the core's vignettes.
fn vignette(prefix: &str) -> serde_json::Value {
    let dir = root().join("crates/core/tests/vignettes");
    let path = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("no vignette {prefix}"));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v["intake"].clone()
}

#[test]
fn lower_advice_is_named_once_not_printed() {
    for (prefix, absent, also) in [
        (
            "092",
            "problema simple de espalda",
            "Cuéntele también al médico: una causa de dolor de espalda nuevo",
        ),
        (
            "019",
            "Most back pain after cancer is not cancer",
            "Also tell the doctor about:",
        ),
        (
            "031",
            "Book a doctor within about two weeks",
            "Also tell the doctor about:",
        ),
    ] {
        let out = backcare(&["assess", "--answers", "-"], &vignette(prefix).to_string());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(!flat.contains(absent), "{prefix}: {text}");
        assert_eq!(flat.matches(also).count(), 1, "{prefix}: {text}");
    }
}
