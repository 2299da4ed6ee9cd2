//! The deployment guide's files work: the systemd unit (`docs/backcare.service`) passes
//! `systemd-analyze verify` and its settings start a server, and every `BACKCARE_*`
//! variable the guide names is one `serve` reads.

use std::collections::BTreeSet;
use std::process::Command;

use crate::serve::{Server, Visitor, scratch_dir};
use crate::{backcare, root};

/// Where the unit runs the binary from; the checks put the one under test there instead.
const INSTALLED_BINARY: &str = "/usr/local/bin/backcare";

fn unit() -> String {
    std::fs::read_to_string(root().join("docs/backcare.service")).expect("the unit file")
}

/// The unit's `Environment=NAME=VALUE` lines.
fn unit_environment(unit: &str) -> Vec<(String, String)> {
    unit.lines()
        .filter_map(|line| line.strip_prefix("Environment="))
        .map(|pair| {
            assert!(
                !pair.contains(['"', '\'', ' ']),
                "one plain NAME=VALUE a line, so the guide and this test read it alike: {pair}"
            );
            let (name, value) = pair.split_once('=').expect("NAME=VALUE");
            (name.to_owned(), value.to_owned())
        })
        .collect()
}

#[test]
fn the_systemd_unit_passes_systemd_analyze_verify() {
    let unit = unit();
    assert!(
        unit.contains(&format!("ExecStart={INSTALLED_BINARY} serve\n")),
        "{unit}"
    );
    let found = Command::new("systemd-analyze").arg("--version").output();
    if !found.is_ok_and(|out| out.status.success()) {
        eprintln!("skipped: systemd-analyze is not installed, so the unit was not verified");
        return;
    }
    // verify checks that the program exists: point it at the one under test.
    let tmp = scratch_dir("systemd-unit");
    let dir = tmp.path();
    let file = dir.join("backcare.service");
    let binary = env!("CARGO_BIN_EXE_backcare");
    std::fs::write(&file, unit.replace(INSTALLED_BINARY, binary)).unwrap();
    let out = Command::new("systemd-analyze")
        .arg("verify")
        .arg(&file)
        .output()
        .expect("systemd-analyze runs");
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    // An unknown or misspelt key is only a warning: it counts as a failure here.
    let about_unit: Vec<&str> = said.lines().filter(|l| l.contains("backcare")).collect();
    assert!(
        out.status.success() && about_unit.is_empty(),
        "systemd-analyze verify: {said}"
    );
}

#[test]
fn the_units_settings_start_a_server_behind_a_proxy() {
    let unit = unit();
    let env = unit_environment(&unit);
    let names: BTreeSet<&str> = env.iter().map(|(n, _)| n.as_str()).collect();
    for wanted in [
        "BACKCARE_BIND",
        "BACKCARE_DATA_DIR",
        "BACKCARE_SECURE_COOKIES",
        "BACKCARE_TRUSTED_PROXY",
    ] {
        assert!(names.contains(wanted), "the unit sets {wanted}: {unit}");
    }
    // The flags the harness adds (a free port, a scratch directory) win over the variables.
    let tmp = scratch_dir("unit-env");
    let dir = tmp.path();
    let data = dir.join("data");
    // The operator comes from the site's /etc/backcare/backcare.env, as the guide says.
    let site = [
        ("BACKCARE_OPERATOR_NAME", "Riverside Physio"),
        ("BACKCARE_OPERATOR_CONTACT", "privacy@riverside.example"),
    ];
    let env: Vec<(&str, &str)> = env
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .chain(site)
        .collect();
    let server = Server::start_with(dir, &["--data-dir", data.to_str().unwrap()], &env, "unit");
    let mut v = Visitor::new(server.addr);
    let ready = v.get("/readyz");
    assert_eq!((ready.status, ready.body.as_str()), (200, "ready\n"));
    // BACKCARE_SECURE_COOKIES=true took: the cookies are for HTTPS only.
    let login = Visitor::new(server.addr).get("/login");
    let cookies: Vec<&str> = login
        .headers
        .iter()
        .filter(|(n, _)| n == "set-cookie")
        .map(|(_, v)| v.as_str())
        .collect();
    assert!(
        !cookies.is_empty()
            && cookies
                .iter()
                .all(|c| c.starts_with("__Host-") && c.contains("Secure")),
        "{cookies:?}"
    );
    drop(server);
    // BACKCARE_LOG_FORMAT=json took: every log line is a JSON object.
    let log = std::fs::read_to_string(dir.join("server-unit.log")).unwrap();
    assert!(!log.trim().is_empty());
    for line in log.lines() {
        let parsed: Result<serde_json::Value, _> = serde_json::from_str(line);
        assert!(parsed.is_ok_and(|v| v.is_object()), "not JSON: {line}");
    }
}

#[test]
fn every_variable_the_guide_names_is_one_serve_reads() {
    let out = backcare(&["serve", "--help"], "");
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    let guide = std::fs::read_to_string(root().join("docs/deploy.md")).unwrap();
    let mut named = BTreeSet::new();
    for text in [guide.as_str(), unit().as_str()] {
        for (at, _) in text.match_indices("BACKCARE_") {
            let name: String = text[at..]
                .chars()
                .take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '_')
                .collect();
            named.insert(name);
        }
    }
    // The tests' own variables, which the guide mentions for completeness, are not serve's.
    named.retain(|n| !n.starts_with("BACKCARE_TEST_") && !n.starts_with("BACKCARE_SKIP_"));
    assert!(named.len() >= 5, "{named:?}");
    for name in &named {
        assert!(
            help.contains(name.as_str()),
            "docs/deploy.md or the unit names {name}, which `serve --help` does not list"
        );
    }
}

#[test]
fn the_public_url_is_the_fhir_apis_address_and_is_checked() {
    let tmp = scratch_dir("public-url");
    let dir = tmp.path();
    let data = dir.join("data");
    let server = Server::start_with(
        dir,
        &["--data-dir", data.to_str().unwrap()],
        &[("BACKCARE_PUBLIC_URL", "https://backcare.clinic.example/")],
        "public-url",
    );
    let mut v = Visitor::new(server.addr);
    let metadata = v.get("/fhir/metadata");
    assert_eq!(metadata.status, 200, "{}", metadata.body);
    let json: serde_json::Value = serde_json::from_str(&metadata.body).unwrap();
    assert_eq!(
        json["implementation"]["url"],
        "https://backcare.clinic.example/fhir"
    );
    let list = v.get("/fhir/Questionnaire");
    let json: serde_json::Value = serde_json::from_str(&list.body).unwrap();
    assert_eq!(
        json["link"][0]["url"],
        "https://backcare.clinic.example/fhir/Questionnaire"
    );
    drop(server);

    let out = backcare(
        &[
            "serve",
            "--data-dir",
            data.to_str().unwrap(),
            "--public-url",
            "backcare.clinic.example",
        ],
        "",
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("must start with https://"), "{err}");
}
