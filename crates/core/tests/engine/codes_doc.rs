//! `docs/codes.md` lists every code the engine can suggest. The check reads the file at
//! run time from the workspace, here rather than in the crate, so the packaged core crate
//! includes nothing from outside itself.

use backcare_core::Lang;
use backcare_core::codes::table_markdown;

#[test]
fn docs_list_every_code() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/codes.md");
    let docs = std::fs::read_to_string(&path).unwrap();
    assert!(
        docs.contains(&table_markdown(Lang::En)),
        "docs/codes.md is out of date: paste codes::table_markdown(Lang::En) between its table markers"
    );
    let lines = |lang| table_markdown(lang).lines().count();
    assert_eq!(lines(Lang::Es), lines(Lang::En));
}
