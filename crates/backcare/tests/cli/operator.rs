//! `serve --operator-name --operator-contact` (or `BACKCARE_OPERATOR_*`): who runs the
//! server, named by the privacy notice and every page's footer; without them `serve` warns
//! at start-up and the notice says nobody gave a name.

use crate::backcare;
use crate::serve::{Server, Visitor, scratch_dir};

const WARNING: &str = "warning: no --operator-name and --operator-contact";

#[test]
fn serve_help_shows_the_operator_flags_and_their_variables() {
    let out = backcare(&["serve", "--help"], "");
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    for text in [
        "--operator-name <NAME>",
        "--operator-contact <CONTACT>",
        "BACKCARE_OPERATOR_NAME",
        "BACKCARE_OPERATOR_CONTACT",
    ] {
        assert!(help.contains(text), "{text}: {help}");
    }
}

#[test]
fn the_operator_from_the_environment_is_named_and_none_is_a_warning() {
    let tmp = scratch_dir("operator");
    let dir = tmp.path();
    let data = dir.join("data");
    let db = ["--data-dir", data.to_str().unwrap()];
    let named = Server::start_with(
        dir,
        &db,
        &[
            ("BACKCARE_OPERATOR_NAME", "Riverside Physio"),
            ("BACKCARE_OPERATOR_CONTACT", "privacy@riverside.example"),
        ],
        "named",
    );
    let mut v = Visitor::new(named.addr);
    let home = v.get("/");
    assert!(
        home.body.contains("Run by Riverside Physio ·"),
        "{}",
        home.body
    );
    let notice = v.get("/privacy");
    assert!(
        notice.body.contains("run by Riverside Physio"),
        "{}",
        notice.body
    );
    assert!(notice.body.contains("privacy@riverside.example"));
    let log = std::fs::read_to_string(&named.log).unwrap();
    assert!(!log.contains(WARNING), "{log}");
    drop(named);

    // Without them: a warning at start-up, and the notice says so plainly.
    let unnamed = Server::start(dir, &db, "unnamed");
    let log = std::fs::read_to_string(&unnamed.log).unwrap();
    assert!(log.contains(WARNING), "{log}");
    let notice = Visitor::new(unnamed.addr).get("/privacy");
    assert!(
        notice
            .body
            .contains("The person running this server has not given their name"),
        "{}",
        notice.body
    );
    drop(unnamed);
}

#[test]
fn a_name_without_a_contact_is_bad_input() {
    let tmp = scratch_dir("operator-half");
    let dir = tmp.path();
    let data = dir.join("data");
    let out = backcare(
        &[
            "serve",
            "--data-dir",
            data.to_str().unwrap(),
            "--operator-name",
            "Riverside Physio",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("--operator-contact"), "{err}");
}
