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
    let tmp = scratch_dir("backup");
    let dir = tmp.path();
    let (live, restored) = (dir.join("live"), dir.join("restored"));
    let (live, restored) = (live.to_str().unwrap(), restored.to_str().unwrap());
    let file = dir.join("backup.sqlite3");
    let file = file.to_str().unwrap();

    let server = Server::start(dir, &["--data-dir", live, "--demo"], "live");
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

    let server = Server::start(dir, &["--data-dir", restored], "restored");
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
}

#[test]
fn a_file_that_is_not_a_backup_changes_nothing() {
    let tmp = scratch_dir("restore-bad");
    let dir = tmp.path();
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
}

/// PostgreSQL has no `backcare backup`: the guide (docs/deploy.md) says to use `pg_dump` in
/// its custom format and `pg_restore` into a new database. This runs exactly those commands
/// on a database where the demo patient has a history and one diary entry written through
/// the server, then starts `serve` on the restored copy (without `--demo`, so nothing is
/// seeded again) and reads the patient's record back: the log-in, the latest result, the
/// diary and the whole record in the data download.
#[test]
fn a_pg_dump_restores_into_a_new_database_where_the_patient_reads_their_record() {
    use backcare_storage::testing::{ScratchDatabase, postgres_url};
    use backcare_web::demo::{PASSWORD, PATIENT_EMAIL};

    let Some(admin_url) = postgres_url() else {
        return;
    };
    let (pg_dump, pg_restore) = (postgres_tool("pg_dump"), postgres_tool("pg_restore"));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let id = std::process::id();
    let live = runtime.block_on(ScratchDatabase::create(
        &admin_url,
        &format!("backcare_dump_live_{id}"),
    ));
    let restored = runtime.block_on(ScratchDatabase::create(
        &admin_url,
        &format!("backcare_dump_restored_{id}"),
    ));
    let tmp = scratch_dir("pg-dump");
    let dir = tmp.path();
    let (live_url, restored_url) = (live.url().to_owned(), restored.url().to_owned());
    let outcome = std::panic::catch_unwind(|| {
        let dump = dir.join("backcare.dump");
        let server = Server::start(dir, &["--database-url", &live_url, "--demo"], "live");
        let mut ann = Visitor::new(server.addr);
        log_in(&mut ann, PATIENT_EMAIL, PASSWORD);
        let today = time::OffsetDateTime::now_utc().date().to_string();
        let note = "written before the pg_dump";
        let r = ann.post(
            "/diary",
            &[
                ("day", today.as_str()),
                ("pain", "3"),
                ("sessions", "1"),
                ("minutes", "20"),
                ("flare_up", "no"),
                ("notes", note),
            ],
        );
        assert_eq!(r.status, 303, "the diary entry is saved: {}", r.body);
        let before = Record::read(&mut ann);
        assert!(
            before.export["assessments"]
                .as_array()
                .is_some_and(|a| !a.is_empty())
                && before.export["reassessments"]
                    .as_array()
                    .is_some_and(|a| !a.is_empty()),
            "the demo patient has a history to back up: {}",
            before.export
        );
        drop(server);

        succeeds(
            Command::new(&pg_dump)
                .args(["--format=custom", "--file"])
                .arg(&dump)
                .arg(&live_url),
        );
        succeeds(
            Command::new(&pg_restore)
                .args(["--no-owner", "--exit-on-error", "--dbname", &restored_url])
                .arg(&dump),
        );

        let server = Server::start(dir, &["--database-url", &restored_url], "restored");
        let mut ann = Visitor::new(server.addr);
        log_in(&mut ann, PATIENT_EMAIL, PASSWORD);
        let after = Record::read(&mut ann);
        assert_eq!(after.result_title, before.result_title, "the latest result");
        assert!(after.diary.contains(note), "the diary: {}", after.diary);
        for part in ["assessments", "diary", "reassessments", "linked_clinicians"] {
            assert_eq!(
                after.export[part], before.export[part],
                "the record's {part} after the restore"
            );
        }
        drop(server);
    });
    runtime.block_on(live.drop());
    runtime.block_on(restored.drop());
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

/// Runs `command` and checks that it exits 0.
fn succeeds(command: &mut Command) {
    let out = command
        .output()
        .unwrap_or_else(|e| panic!("{command:?}: {e}"));
    assert!(
        out.status.success(),
        "{command:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Logs `visitor` in with a password (no second step).
fn log_in(visitor: &mut Visitor, email: &str, password: &str) {
    visitor.get("/login");
    let r = visitor.post("/login", &[("email", email), ("password", password)]);
    assert_eq!(r.status, 303, "{email} logs in: {}", r.body);
}

/// What a patient sees of their own record.
struct Record {
    /// The heading of the latest result (the triage level).
    result_title: String,
    /// The diary page.
    diary: String,
    /// The data download (JSON).
    export: serde_json::Value,
}

impl Record {
    fn read(patient: &mut Visitor) -> Record {
        let result = patient.get("/result");
        assert_eq!(result.status, 200, "{}", result.body);
        let result_title = result
            .body
            .split("<h1 id=\"triage-title\">")
            .nth(1)
            .and_then(|rest| rest.split("</h1>").next())
            .expect("the result page has its triage heading")
            .to_owned();
        let diary = patient.get("/diary");
        assert_eq!(diary.status, 200, "{}", diary.body);
        Record {
            result_title,
            diary: diary.body,
            export: patient.export(),
        }
    }
}

/// `pg_dump` or `pg_restore`: Debian's, from the newest `/usr/lib/postgresql/*/bin` (the
/// server `scripts/postgres` starts comes from there too), else from `PATH`.
///
/// # Panics
/// When there is none: the PostgreSQL tests were asked for, and this one needs the tools.
fn postgres_tool(name: &str) -> std::path::PathBuf {
    let mut versions: Vec<(u32, std::path::PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let version = e.file_name().to_str()?.parse().ok()?;
            Some((version, e.path().join("bin").join(name)))
        })
        .filter(|(_, path)| path.is_file())
        .collect();
    versions.sort();
    if let Some((_, path)) = versions.pop() {
        return path;
    }
    let on_path = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|dir| dir.join(name))
        .find(|path| path.is_file());
    on_path.unwrap_or_else(|| {
        panic!(
            "{name} was not found in /usr/lib/postgresql/*/bin or on PATH. It comes with \
             Debian's postgresql package, which scripts/postgres installs (as root), or \
             install it with `apt-get install postgresql-client`. To skip the PostgreSQL \
             tests on purpose, set BACKCARE_SKIP_POSTGRES=1."
        )
    })
}
