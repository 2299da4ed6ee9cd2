//! `backcare backup` while `serve` runs, and `backcare restore` into a new data directory
//! where the demo patient can still log in.

use std::process::Command;

use crate::serve::{Server, Visitor, scratch_dir};

/// Runs `backcare` with `args`: (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_backcare"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("backcare runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The demo patient's email and password, from the start-up banner.
fn demo_patient(server: &Server) -> (String, String) {
    let line = server.line(|l| l.trim_start().starts_with("patient"));
    let words: Vec<&str> = line.split_whitespace().collect();
    let after = |key: &str| {
        let at = words.iter().position(|w| *w == key).unwrap();
        words[at + 1].to_owned()
    };
    (after("email"), after("password"))
}

#[test]
fn a_backup_taken_while_serving_restores_into_a_new_directory() {
    let dir = scratch_dir("backup");
    let (live, restored) = (dir.join("live"), dir.join("restored"));
    let (live, restored) = (live.to_str().unwrap(), restored.to_str().unwrap());
    let file = dir.join("backup.sqlite3");
    let file = file.to_str().unwrap();

    let server = Server::start(&dir, &["--data-dir", live, "--demo"], "live");
    let (email, password) = demo_patient(&server);
    // Taken while the server runs.
    let (code, out, err) = run(&["backup", "--data-dir", live, "--to", file]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Backed up to"), "{out}");
    // Never written over.
    let (code, _, err) = run(&["backup", "--data-dir", live, "--to", file]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("already exists"), "{err}");
    drop(server);

    let (code, out, err) = run(&["restore", "--from", file, "--data-dir", restored]);
    assert_eq!(code, 0, "{out}{err}");
    // A second restore would replace what is there: only when told.
    let (code, _, err) = run(&["restore", "--from", file, "--data-dir", restored]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("is not empty") && err.contains("--force"),
        "{err}"
    );
    let (code, out, err) = run(&["restore", "--from", file, "--data-dir", restored, "--force"]);
    assert_eq!(code, 0, "{out}{err}");

    let server = Server::start(&dir, &["--data-dir", restored], "restored");
    let mut ann = Visitor::new(server.addr);
    ann.get("/login");
    let r = ann.post("/login", &[("email", &email), ("password", &password)]);
    assert_eq!(
        r.status, 303,
        "the demo patient logs in on the restored copy: {}",
        r.body
    );
    let page = ann.get("/progress");
    assert_eq!(page.status, 200, "{}", page.body);
    drop(server);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_file_that_is_not_a_backup_changes_nothing() {
    let dir = scratch_dir("restore-bad");
    let target = dir.join("data");
    std::fs::create_dir_all(&target).unwrap();
    let bogus = dir.join("notes.txt");
    std::fs::write(&bogus, "not a database").unwrap();
    let (code, _, err) = run(&[
        "restore",
        "--from",
        bogus.to_str().unwrap(),
        "--data-dir",
        target.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not a backup"), "{err}");

    // An SQLite file of someone else's: checked before anything is replaced.
    let foreign = dir.join("foreign.sqlite3");
    let made = Command::new("python3")
        .args([
            "-c",
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('create table t(x)'); c.commit()",
            foreign.to_str().unwrap(),
        ])
        .status();
    if made.is_ok_and(|s| s.success()) {
        std::fs::write(target.join("keep.txt"), "mine").unwrap();
        let (code, _, err) = run(&[
            "restore",
            "--from",
            foreign.to_str().unwrap(),
            "--data-dir",
            target.to_str().unwrap(),
            "--force",
        ]);
        assert_eq!(code, 2, "{err}");
        assert!(
            err.contains("not a backcare database") && err.contains("nothing in"),
            "{err}"
        );
        let left: Vec<_> = std::fs::read_dir(&target)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, ["keep.txt"], "the directory is as it was");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
