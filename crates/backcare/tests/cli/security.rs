//! Attacks on a real `backcare serve --demo` over loopback (issue 12), as an outsider
//! would run them: no `next` sends anyone off the site, a CSRF token from another session
//! is refused, nobody can lock the demo clinician out, one address meets its limit while
//! another gets through, and a flood of log-ins does not grow the server's memory. (The
//! web tests, `tests/web/hardening.rs`, try many more `next` variants in-process.)
//!
//! Clients connect from chosen loopback addresses (`127.0.0.2`...; Linux routes all of
//! 127/8 to `lo`), so the server sees several clients on its own socket, with no header
//! to believe. The server runs on SQLite in a fresh data directory.

use std::net::{IpAddr, Ipv4Addr};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use backcare_web::demo::{CLINICIAN_EMAIL, PASSWORD, PATIENT_EMAIL};

use crate::serve::{Reply, Server, Visitor, encode, scratch_dir};

/// The peak memory the server may reach under the flood (its VmHWM).
const PEAK_LIMIT_KB: u64 = 512 * 1024;
/// Wrong log-ins sent at once.
const FLOOD: u8 = 200;

fn ip(a: u8, b: u8, c: u8, d: u8) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(a, b, c, d))
}

#[test]
fn nobody_locks_the_owner_out_and_a_flood_stays_small_on_sqlite() {
    let tmp = scratch_dir("security-sqlite");
    let dir = tmp.path();
    let data = dir.join("data");
    let server = Server::start(
        dir,
        &["--data-dir", data.to_str().unwrap(), "--demo"],
        "security",
    );
    let started = Instant::now();
    open_redirects(&server);
    csrf_from_another_session(&server);
    lock_out_attempt(&server);
    per_address_limit(&server);
    let first = login_flood(&server);
    // A second flood finds the memory the first one used: the peak stays where it was.
    let second = login_flood(&server);
    assert!(
        second < first + 32 * 1024,
        "the peak grew from {} MB to {} MB with a second flood",
        first / 1024,
        second / 1024
    );
    eprintln!(
        "security attacks took {:.1} s",
        started.elapsed().as_secs_f64()
    );
    drop(server);
}

/// `POST /login` from `visitor` (who has a CSRF cookie).
fn log_in(visitor: &mut Visitor, email: &str, password: &str) -> Reply {
    visitor.post("/login", &[("email", email), ("password", password)])
}

/// `next` values that leave the site, as an attacker writes them (the first is the one the
/// security review found; the newline gave a 500 then).
const OFF_SITE: &[&str] = &[
    "/\t/evil.example",
    "/\n/evil.example",
    "//evil.example",
    "/\\evil.example",
    "https://evil.example",
    "javascript:alert(1)",
];

/// The language switch and the log-in form send every off-site `next` home: `/`, or the
/// demo patient's dashboard after a log-in (each log-in from its own address, so the
/// per-address limit stays out of the way).
fn open_redirects(server: &Server) {
    let mut v = Visitor::new(server.addr);
    for (n, raw) in (10u8..).zip(OFF_SITE) {
        let next = encode(raw);
        let r = v.get(&format!("/lang/en?next={next}"));
        assert_eq!(
            (r.status, r.header("location")),
            (303, Some("/")),
            "{raw:?}"
        );
        let mut p = Visitor::from_address(server.addr, ip(127, 0, 0, n));
        p.get(&format!("/login?next={next}"));
        let r = p.post(
            "/login",
            &[
                ("email", PATIENT_EMAIL),
                ("password", PASSWORD),
                ("next", raw),
            ],
        );
        assert_eq!(
            (r.status, r.header("location")),
            (303, Some("/dashboard")),
            "log-in with next {raw:?}"
        );
    }
}

/// Two sessions of the demo patient: a form posted with the other session's CSRF token is
/// refused; with its own, it goes through.
fn csrf_from_another_session(server: &Server) {
    let mut sessions: Vec<Visitor> = (30u8..32)
        .map(|n| {
            let mut v = Visitor::from_address(server.addr, ip(127, 0, 0, n));
            v.get("/login");
            let r = v.post(
                "/login",
                &[("email", PATIENT_EMAIL), ("password", PASSWORD)],
            );
            assert_eq!(r.status, 303, "{}", r.body);
            v.get("/account");
            v
        })
        .collect();
    let theirs = sessions[1].csrf().expect("a token");
    let mine = sessions[0].csrf().expect("a token");
    assert_ne!(mine, theirs);
    let r = sessions[0].post_with_token("/logout", &[], &theirs);
    assert_eq!(r.status, 403, "another session's token: {}", r.body);
    let r = sessions[0].post_with_token("/logout", &[], &mine);
    assert_eq!(r.status, 303, "its own token");
}

/// Ten wrong passwords for the demo clinician from 127.0.0.2; then the clinician logs in
/// from 127.0.0.1 at once.
fn lock_out_attempt(server: &Server) {
    let mut attacker = Visitor::from_address(server.addr, ip(127, 0, 0, 2));
    attacker.get("/login");
    let statuses: Vec<u16> = (0..10)
        .map(|_| log_in(&mut attacker, CLINICIAN_EMAIL, "not the password").status)
        .collect();
    // Five guesses are checked; then this address is refused for this email.
    assert_eq!(statuses[..5], [422; 5], "{statuses:?}");
    assert_eq!(statuses[5..], [429; 5], "{statuses:?}");
    let refused = log_in(&mut attacker, CLINICIAN_EMAIL, PASSWORD);
    assert_eq!(refused.status, 429, "the guesser's address stays refused");
    assert!(refused.header("retry-after").is_some());

    let mut owner = Visitor::new(server.addr);
    owner.get("/login");
    let asked = Instant::now();
    let r = owner.log_in_as_demo_clinician();
    assert_eq!(r.status, 303, "the owner is locked out: {}", r.body);
    assert!(
        asked.elapsed() < Duration::from_secs(5),
        "the owner waited {:?}",
        asked.elapsed()
    );
    assert_eq!(owner.get("/clinician").status, 200);
}

/// Eleven quick sign-ups from 127.0.0.3 meet its limit (429 with `Retry-After`); 127.0.0.4
/// still gets through.
fn per_address_limit(server: &Server) {
    let bad = [("email", "not-an-email"), ("password", "")];
    let mut busy = Visitor::from_address(server.addr, ip(127, 0, 0, 3));
    busy.get("/signup");
    let statuses: Vec<u16> = (0..11).map(|_| busy.post("/signup", &bad).status).collect();
    assert_eq!(statuses[..10], [422; 10], "{statuses:?}");
    let r = busy.post("/signup", &bad);
    assert_eq!(r.status, 429, "{}", r.body);
    let retry: u64 = r
        .header("retry-after")
        .and_then(|v| v.parse().ok())
        .expect("Retry-After in seconds");
    assert!((1..=60).contains(&retry), "Retry-After {retry}");
    assert!(r.body.contains("Please wait a little"), "{}", r.body);

    let mut other = Visitor::from_address(server.addr, ip(127, 0, 0, 4));
    other.get("/signup");
    assert_eq!(other.post("/signup", &bad).status, 422, "another address");
}

/// 200 wrong log-ins for the demo clinician at once, each from its own address (so the
/// per-address buckets let every one in and only the hashing bound protects the memory):
/// every answer is 422 or 429, and the server's peak memory stays under 512 MB. The owner
/// then still logs in. Returns the peak (VmHWM, kB).
fn login_flood(server: &Server) -> u64 {
    let before = peak_memory_kb(server.pid());
    let start = Arc::new(Barrier::new(usize::from(FLOOD)));
    let clients: Vec<_> = (1..=FLOOD)
        .map(|k| {
            let mut visitor = Visitor::from_address(server.addr, ip(127, 0, 1, k));
            visitor.get("/login");
            let start = Arc::clone(&start);
            std::thread::spawn(move || {
                start.wait();
                log_in(&mut visitor, CLINICIAN_EMAIL, "a flood of wrong guesses").status
            })
        })
        .collect();
    let statuses: Vec<u16> = clients
        .into_iter()
        .map(|c| c.join().expect("a flood client panicked"))
        .collect();
    let checked = statuses.iter().filter(|s| **s == 422).count();
    let refused = statuses.iter().filter(|s| **s == 429).count();
    eprintln!("flood: {checked} checked, {refused} refused at once");
    assert_eq!(checked + refused, statuses.len(), "{statuses:?}");
    assert!(checked > 0, "some guesses are checked: {statuses:?}");
    assert!(refused > 0, "the queue is bounded: {statuses:?}");

    let peak = peak_memory_kb(server.pid());
    eprintln!(
        "server peak memory: {} MB before the flood, {} MB after",
        before / 1024,
        peak / 1024
    );
    assert!(
        peak < PEAK_LIMIT_KB,
        "the server peaked at {} MB under the flood",
        peak / 1024
    );

    // The owner's password is still taken at once (the second step follows; the lock-out
    // test goes through it).
    let mut owner = Visitor::new(server.addr);
    owner.get("/login");
    let r = log_in(&mut owner, CLINICIAN_EMAIL, PASSWORD);
    assert_eq!(
        (r.status, r.header("location")),
        (303, Some("/login/two-factor"))
    );
    peak
}

/// VmHWM of a process: the most resident memory it ever had, in kB.
fn peak_memory_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/PID/status")
}
