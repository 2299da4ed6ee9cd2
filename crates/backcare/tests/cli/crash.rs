//! Crash safety: every diary write the server acknowledged survives `kill -9`.
//!
//! The real `backcare serve` runs as a child process. Four client threads stream diary
//! entries (one distinct day each) over plain HTTP/1.1; as soon as [`ACKED_BEFORE_KILL`]
//! have been answered with 303 the server is killed with SIGKILL while the other threads
//! still have requests in flight. A new server on the same database must then return every
//! acknowledged entry, unchanged, in the user's JSON export.
//!
//! SQLite runs on a fresh data directory; PostgreSQL on a scratch database of the server
//! named by `BACKCARE_TEST_POSTGRES_URL` (failing when it is unset, unless
//! `BACKCARE_SKIP_POSTGRES=1`), like the other PostgreSQL tests.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, mpsc};

use backcare_storage::DiaryEntry;

use crate::serve::{IO_TIMEOUT, Server, Visitor, on_scratch_postgres, scratch_dir};

/// Writes acknowledged before the kill.
const ACKED_BEFORE_KILL: usize = 100;
/// Client threads writing at the same time (so some writes are in flight at the kill).
const WRITERS: usize = 4;
/// No thread writes more days than this in all (a bound, in case the kill never comes).
const MAX_WRITES: u32 = 2_000;

const EMAIL: &str = "crash@example.org";
const PASSWORD: &str = "a long enough password";

#[test]
fn acknowledged_diary_writes_survive_sigkill_on_sqlite() {
    let tmp = scratch_dir("crash-sqlite");
    let dir = tmp.path();
    let data = dir.join("data");
    let db = ["--data-dir", data.to_str().unwrap()];
    crash_and_check(dir, &db);
}

#[test]
fn acknowledged_diary_writes_survive_sigkill_on_postgres() {
    on_scratch_postgres("crash", |dir, url, _| {
        crash_and_check(dir, &["--database-url", url]);
    });
}

/// The whole story on one database: sign up, stream, kill, restart, compare.
fn crash_and_check(dir: &Path, db: &[&str]) {
    let mut server = Server::start(dir, db, "first");
    let mut ann = Visitor::new(server.addr);
    ann.get("/signup");
    let r = ann.post(
        "/signup",
        &[("email", EMAIL), ("password", PASSWORD), ("consent", "yes")],
    );
    assert_eq!(r.status, 303, "sign-up: {}", r.body);
    // The diary holds no day before the account was made, and each write is a day of its
    // own going back from today: Ann has had her account for longer than that.
    backdate_account(&db_url(db), EMAIL, MAX_WRITES);

    let today = time::OffsetDateTime::now_utc().date();
    let next = Arc::new(AtomicU32::new(0));
    let (acks, acked) = mpsc::channel::<u32>();
    let writers: Vec<_> = (0..WRITERS)
        .map(|_| {
            let (visitor, next, acks) = (ann.clone(), Arc::clone(&next), acks.clone());
            std::thread::spawn(move || {
                loop {
                    let k = next.fetch_add(1, Ordering::SeqCst);
                    if k >= MAX_WRITES {
                        return;
                    }
                    let entry = entry(today, k);
                    match visitor.try_post("/diary", &form(&entry)) {
                        Ok(r) if r.status == 303 => {
                            if acks.send(k).is_err() {
                                return;
                            }
                        }
                        Ok(r) => panic!("write {k} refused with {}: {}", r.status, r.body),
                        // The server is gone: this write was in flight, never acknowledged.
                        Err(_) => return,
                    }
                }
            })
        })
        .collect();
    drop(acks);
    let mut acknowledged: BTreeSet<u32> = BTreeSet::new();
    while acknowledged.len() < ACKED_BEFORE_KILL {
        let k = acked
            .recv_timeout(IO_TIMEOUT)
            .expect("the server acknowledges diary writes");
        acknowledged.insert(k);
    }
    server.kill();
    for writer in writers {
        writer.join().expect("a writer thread panicked");
    }
    // Answers that reached a client before the kill count too.
    acknowledged.extend(acked.try_iter());
    let attempted = next.load(Ordering::SeqCst).min(MAX_WRITES);
    assert!(
        attempted as usize > acknowledged.len(),
        "the kill cut off writes that were never acknowledged ({attempted} attempted)"
    );

    let server = Server::start(dir, db, "second");
    let mut ann = Visitor::new(server.addr);
    ann.get("/login");
    let r = ann.post("/login", &[("email", EMAIL), ("password", PASSWORD)]);
    assert_eq!(r.status, 303, "log-in after the restart: {}", r.body);
    let json = ann.export();
    let stored: Vec<DiaryEntry> = serde_json::from_value(json["diary"].clone()).unwrap();
    let stored: BTreeMap<time::Date, DiaryEntry> = stored.into_iter().map(|e| (e.day, e)).collect();
    for &k in &acknowledged {
        let want = entry(today, k);
        assert_eq!(
            stored.get(&want.day),
            Some(&want),
            "acknowledged write {k} is missing or changed after the crash \
             ({} acknowledged, {} stored)",
            acknowledged.len(),
            stored.len()
        );
    }
    eprintln!(
        "{} writes acknowledged of {attempted} attempted; {} days stored after the restart",
        acknowledged.len(),
        stored.len()
    );
    // Nothing else appeared: every stored day is one that was sent, with what was sent.
    for (day, e) in &stored {
        let k = u32::try_from((today - *day).whole_days()).unwrap();
        assert!(k < attempted, "unexpected day {day}");
        assert_eq!(e, &entry(today, k));
    }
    drop(server);
}

/// The `k`-th entry: day `today - k`, with values that identify it.
/// The database URL `serve` was given: `--database-url`, or the data directory's file.
fn db_url(db: &[&str]) -> String {
    match db {
        ["--database-url", url, ..] => (*url).to_owned(),
        ["--data-dir", data, ..] => format!("sqlite://{data}/backcare.sqlite3?mode=rw"),
        _ => panic!("no database in {db:?}"),
    }
}

/// Moves the creation of the account with `email` `days` days back, in the database
/// itself (no page can: an account is made now).
fn backdate_account(url: &str, email: &str, days: u32) {
    use sqlx::Connection;
    const SQL: &str = "UPDATE users SET created_at = created_at - $1 WHERE email = $2";
    let seconds = i64::from(days) * 86_400;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let changed = runtime.block_on(async {
        if url.starts_with("postgres") {
            let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
            let done = sqlx::query(SQL).bind(seconds).bind(email);
            done.execute(&mut conn).await.unwrap().rows_affected()
        } else {
            let mut conn = sqlx::SqliteConnection::connect(url).await.unwrap();
            let done = sqlx::query(SQL).bind(seconds).bind(email);
            done.execute(&mut conn).await.unwrap().rows_affected()
        }
    });
    assert_eq!(changed, 1, "the account of {email}");
}

fn entry(today: time::Date, k: u32) -> DiaryEntry {
    DiaryEntry {
        day: today - time::Duration::days(i64::from(k)),
        pain: u8::try_from(k % 11).unwrap(),
        sessions_done: k % 5,
        minutes_walked: k % 90,
        flare_up: k.is_multiple_of(3),
        notes: format!("crash test write {k}"),
    }
}

fn form(e: &DiaryEntry) -> Vec<(&'static str, String)> {
    vec![
        ("day", e.day.to_string()),
        ("pain", e.pain.to_string()),
        ("sessions", e.sessions_done.to_string()),
        ("minutes", e.minutes_walked.to_string()),
        ("flare_up", if e.flare_up { "yes" } else { "no" }.to_owned()),
        ("notes", e.notes.clone()),
    ]
}
