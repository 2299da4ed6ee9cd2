//! Lists the data files so they are compiled into the binary with `include_str!`.

use std::fmt::Write;
use std::path::Path;

fn list(dir: &str, ext: &str, out: &mut String, name: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    println!("cargo::rerun-if-changed={}", path.display());
    let mut files: Vec<_> = std::fs::read_dir(&path)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.to_string_lossy().ends_with(ext));
    files.sort();
    writeln!(out, "/// Every `{dir}/*{ext}` file: (file name, contents).").unwrap();
    writeln!(out, "pub static {name}: &[(&str, &str)] = &[").unwrap();
    for f in files {
        let file = f.file_name().unwrap().to_string_lossy().into_owned();
        writeln!(
            out,
            "    ({file:?}, include_str!({:?})),",
            f.display().to_string()
        )
        .unwrap();
    }
    writeln!(out, "];").unwrap();
}

fn main() {
    let mut out = String::new();
    list("exercises", ".toml", &mut out, "EXERCISES");
    list("figures", ".toml", &mut out, "FIGURES");
    list("articles", ".md", &mut out, "ARTICLES");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("files.rs");
    std::fs::write(dest, out).unwrap();
}
