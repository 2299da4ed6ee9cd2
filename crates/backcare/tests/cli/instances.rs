//! More than one instance (issue 13): two `backcare serve` processes on one PostgreSQL
//! database behave as one service. A session made on one works on the other, a diary entry
//! written through one is read through the other, the per-email-and-address log-in limit
//! reached on one holds on the other (it lives in the database), and the housekeeping job
//! runs once per period in all, not once per instance (the job table, read directly and
//! through both logs).
//!
//! PostgreSQL only: that is the backend for more than one machine (SQLite is one file on
//! one machine). Fails when `BACKCARE_TEST_POSTGRES_URL` is unset, unless
//! `BACKCARE_SKIP_POSTGRES=1`, like the other PostgreSQL tests.

use std::net::{IpAddr, Ipv4Addr};
use std::path::Path;
use std::time::{Duration, Instant};

use backcare_storage::{Job, JobRun};

use crate::serve::{Reply, Server, Visitor, on_scratch_postgres};

const EMAIL: &str = "two-instances@example.org";
const PASSWORD: &str = "a long enough password";
/// The log line of a housekeeping run (`infra::housekeeping`).
const PURGED: &str = "purged expired records";
/// Info lines of the housekeeping job only: the request lines would drown them.
const LOG: (&str, &str) = ("RUST_LOG", "warn,backcare_web::infra::housekeeping=info");

#[test]
fn two_instances_on_one_postgres_database_act_as_one() {
    on_scratch_postgres("instances", two_instances);
}

fn two_instances(dir: &Path, url: &str, runtime: &tokio::runtime::Runtime) {
    let db = ["--database-url", url];
    let a = Server::start_with(dir, &db, &[LOG], "a");
    let b = Server::start_with(dir, &db, &[LOG], "b");

    // A session made on A works on B; without its cookie B sends the visitor to log in.
    let mut on_a = Visitor::new(a.addr);
    on_a.get("/signup");
    let r = on_a.post(
        "/signup",
        &[("email", EMAIL), ("password", PASSWORD), ("consent", "yes")],
    );
    assert_eq!(r.status, 303, "sign-up on A: {}", r.body);
    let mut on_b = on_a.to_server(b.addr);
    let r = on_b.get("/account");
    assert_eq!(r.status, 200, "A's session on B: {}", r.body);
    assert!(r.body.contains(EMAIL));
    let r = Visitor::new(b.addr).get("/account");
    assert_eq!(r.status, 303, "no session, no account page");

    // A diary entry written through A is read through B.
    let today = time::OffsetDateTime::now_utc().date().to_string();
    let r = on_a.post(
        "/diary",
        &[
            ("day", today.as_str()),
            ("pain", "4"),
            ("sessions", "2"),
            ("minutes", "25"),
            ("flare_up", "no"),
            ("notes", "written through instance A"),
        ],
    );
    assert_eq!(r.status, 303, "the diary entry on A: {}", r.body);
    let page = on_b.get("/diary");
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("written through instance A"),
        "B shows A's entry: {}",
        page.body
    );
    assert_eq!(
        on_b.export()["diary"][0]["notes"],
        "written through instance A"
    );

    // Five wrong passwords from one address on A; the sixth guess from that address on B
    // is refused (B's own per-address bucket is untouched: the refusal comes from the
    // failures stored in the database). The owner, from another address, still gets in
    // through B.
    let guesser = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 21));
    let mut guess_a = Visitor::from_address(a.addr, guesser);
    guess_a.get("/login");
    let statuses: Vec<u16> = (0..5)
        .map(|_| log_in(&mut guess_a, "not the password").status)
        .collect();
    assert_eq!(statuses, [422; 5], "five guesses are checked on A");
    let mut guess_b = Visitor::from_address(b.addr, guesser);
    guess_b.get("/login");
    let refused = log_in(&mut guess_b, "still not the password");
    assert_eq!(refused.status, 429, "B refuses the sixth: {}", refused.body);
    assert!(refused.header("retry-after").is_some());
    assert_eq!(
        log_in(&mut guess_b, PASSWORD).status,
        429,
        "even the right one"
    );
    let mut owner = Visitor::from_address(b.addr, IpAddr::V4(Ipv4Addr::new(127, 0, 0, 22)));
    owner.get("/login");
    let r = log_in(&mut owner, PASSWORD);
    assert_eq!(r.status, 303, "the owner logs in on B: {}", r.body);

    // Housekeeping: both instances ran their start-up check; one purged, in all.
    let store = runtime.block_on(backcare_storage::connect(url)).unwrap();
    let jobs = |store: &backcare_storage::Store| -> JobRun {
        let rows = runtime.block_on(store.jobs()).unwrap();
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!(rows[0].job, Job::Housekeeping);
        rows[0].clone()
    };
    let first = jobs(&store);
    assert_eq!(first.runs, 1, "{first:?}");
    assert_eq!(purges(&a) + purges(&b), 1, "one purge line in both logs");

    // The period ends (the job is made due in the database, as an hour would): the next
    // check of either instance runs it, once; the other's checks find it done.
    runtime.block_on(async {
        use sqlx::Connection;
        let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
        sqlx::query("UPDATE jobs SET next_run_at = 0")
            .execute(&mut conn)
            .await
            .unwrap();
    });
    let waited = Instant::now();
    let second = loop {
        let row = jobs(&store);
        if row.runs > 1 {
            break row;
        }
        assert!(
            waited.elapsed() < Duration::from_secs(60),
            "no instance ran the due job: {row:?}"
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    // Every instance checks every 10 seconds: after 12 more, both have looked again.
    std::thread::sleep(
        backcare_web::infra::housekeeping::JOBS_CHECK_EVERY + Duration::from_secs(2),
    );
    let last = jobs(&store);
    assert_eq!(last.runs, 2, "{last:?}");
    assert_eq!(last, second, "nobody ran it again");
    assert!(last.next_run_at > time::OffsetDateTime::now_utc() + time::Duration::minutes(59));
    assert_eq!(purges(&a) + purges(&b), 2, "two purge lines in both logs");
    let runner = last.last_run_by.expect("the runner is named");
    let by = [&a, &b]
        .into_iter()
        .filter(|s| {
            std::fs::read_to_string(&s.log)
                .unwrap()
                .lines()
                .any(|l| l.contains(PURGED) && l.contains(&runner))
        })
        .count();
    assert_eq!(by, 1, "the runner {runner:?} logged its run");
    runtime.block_on(store.close());
    eprintln!(
        "first run by {:?}, second by {runner:?}",
        first.last_run_by.unwrap_or_default()
    );
}

/// `POST /login` for the test's patient with `password`.
fn log_in(visitor: &mut Visitor, password: &str) -> Reply {
    visitor.post("/login", &[("email", EMAIL), ("password", password)])
}

/// How many housekeeping runs `server` has logged so far.
fn purges(server: &Server) -> usize {
    std::fs::read_to_string(&server.log)
        .unwrap()
        .lines()
        .filter(|l| l.contains(PURGED))
        .count()
}
