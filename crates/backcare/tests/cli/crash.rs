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
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use backcare_storage::DiaryEntry;
use backcare_storage::testing::{ScratchDatabase, postgres_url};

/// Writes acknowledged before the kill.
const ACKED_BEFORE_KILL: usize = 100;
/// Client threads writing at the same time (so some writes are in flight at the kill).
const WRITERS: usize = 4;
/// No thread writes more days than this in all (a bound, in case the kill never comes).
const MAX_WRITES: u32 = 2_000;
/// How long one request may take before the test gives up on it.
const IO_TIMEOUT: Duration = Duration::from_secs(15);

const EMAIL: &str = "crash@example.org";
const PASSWORD: &str = "a long enough password";

#[test]
fn acknowledged_diary_writes_survive_sigkill_on_sqlite() {
    let dir = scratch_dir("crash-sqlite");
    let data = dir.join("data");
    let db = ["--data-dir", data.to_str().unwrap()];
    crash_and_check(&dir, &db);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn acknowledged_diary_writes_survive_sigkill_on_postgres() {
    let Some(admin_url) = postgres_url() else {
        return;
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let name = format!("backcare_crash_{}", std::process::id());
    let scratch = runtime.block_on(ScratchDatabase::create(&admin_url, &name));
    let dir = scratch_dir("crash-postgres");
    let url = scratch.url().to_owned();
    let outcome = std::panic::catch_unwind(|| crash_and_check(&dir, &["--database-url", &url]));
    runtime.block_on(scratch.drop());
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn scratch_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "{name}-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The whole story on one database: sign up, stream, kill, restart, compare.
fn crash_and_check(dir: &Path, db: &[&str]) {
    let mut server = Server::start(dir, db, "first");
    let mut ann = Visitor::new(server.addr);
    ann.get("/signup");
    let r = ann.post("/signup", &[("email", EMAIL), ("password", PASSWORD)]);
    assert_eq!(r.status, 303, "sign-up: {}", r.body);

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
    let page = ann.get("/account/export");
    assert_eq!(page.status, 200, "{}", page.body);
    let href = page
        .body
        .split("href=\"/api/users/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the export page links to the download");
    let export = ann.get(&format!("/api/users/{href}"));
    assert_eq!(export.status, 200, "{}", export.body);
    let json: serde_json::Value = serde_json::from_str(&export.body).unwrap();
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

// ---------------------------------------------------------------------------------------
// The server process

/// `backcare serve` on a free loopback port.
struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Server {
    /// Starts the server and waits for the line that gives its address. Its log goes to
    /// `DIR/server-NAME.log`.
    fn start(dir: &Path, db: &[&str], name: &str) -> Server {
        let log = File::create(dir.join(format!("server-{name}.log"))).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_backcare"))
            .args(["serve", "--bind", "127.0.0.1:0"])
            .args(db)
            .env("RUST_LOG", "warn")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(log))
            .spawn()
            .expect("backcare serve starts");
        // Read stdout to its end in a thread, so the server never writes to a closed pipe.
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { return };
                if let Some(url) = line.strip_prefix("backcare is running: open http://") {
                    let _ = tx.send(url.trim().to_owned());
                }
            }
        });
        let Ok(addr) = rx.recv_timeout(Duration::from_secs(60)) else {
            let _ = child.kill();
            let _ = child.wait();
            let log = std::fs::read_to_string(dir.join(format!("server-{name}.log")));
            panic!("the server did not start: {log:?}");
        };
        Server {
            child,
            addr: addr.parse().expect("an address"),
        }
    }

    /// SIGKILL: no shutdown, no flushing, no chance to finish anything.
    fn kill(&mut self) {
        self.child.kill().expect("kill -9");
        let status = self.child.wait().unwrap();
        assert!(!status.success(), "killed: {status:?}");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ---------------------------------------------------------------------------------------
// A tiny HTTP/1.1 client (one connection per request) with a cookie jar

struct Reply {
    status: u16,
    body: String,
}

#[derive(Clone)]
struct Visitor {
    addr: SocketAddr,
    cookies: BTreeMap<String, String>,
}

impl Visitor {
    fn new(addr: SocketAddr) -> Self {
        Self {
            addr,
            cookies: BTreeMap::new(),
        }
    }

    fn get(&mut self, path: &str) -> Reply {
        self.send_and_keep("GET", path, None)
    }

    /// POSTs a form with this visitor's CSRF token added.
    fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let fields: Vec<(&str, String)> =
            fields.iter().map(|(k, v)| (*k, (*v).to_owned())).collect();
        let body = self.form_body(&fields);
        self.send_and_keep("POST", path, Some(&body))
    }

    /// POSTs a form without touching the jar; an error if the connection fails.
    fn try_post(&self, path: &str, fields: &[(&str, String)]) -> std::io::Result<Reply> {
        let body = self.form_body(fields);
        self.send("POST", path, Some(&body)).map(|(reply, _)| reply)
    }

    fn form_body(&self, fields: &[(&str, String)]) -> String {
        let csrf = self.cookies.get("backcare_csrf").expect("GET a page first");
        std::iter::once(("csrf", csrf.as_str()))
            .chain(fields.iter().map(|(k, v)| (*k, v.as_str())))
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }

    fn send_and_keep(&mut self, method: &str, path: &str, body: Option<&str>) -> Reply {
        let (reply, set) = self
            .send(method, path, body)
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        for (name, value) in set {
            if value.is_empty() {
                self.cookies.remove(&name);
            } else {
                self.cookies.insert(name, value);
            }
        }
        reply
    }

    /// One request on a new connection; the reply and the cookies it sets.
    fn send(
        &self,
        method: &str,
        path: &str,
        body: Option<&str>,
    ) -> std::io::Result<(Reply, Vec<(String, String)>)> {
        let mut stream = TcpStream::connect(self.addr)?;
        stream.set_read_timeout(Some(IO_TIMEOUT))?;
        stream.set_write_timeout(Some(IO_TIMEOUT))?;
        let cookie: Vec<String> = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        let mut request = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n",
            self.addr
        );
        if !cookie.is_empty() {
            request.push_str(&format!("Cookie: {}\r\n", cookie.join("; ")));
        }
        let body = body.unwrap_or("");
        if method == "POST" {
            request.push_str("Content-Type: application/x-www-form-urlencoded\r\n");
            request.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        request.push_str("\r\n");
        request.push_str(body);
        stream.write_all(request.as_bytes())?;
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw)?;
        parse_response(&raw)
    }
}

fn parse_response(raw: &[u8]) -> std::io::Result<(Reply, Vec<(String, String)>)> {
    let bad = |what: &str| std::io::Error::new(std::io::ErrorKind::UnexpectedEof, what.to_owned());
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| bad("no complete response head"))?;
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut body = raw[split + 4..].to_vec();
    let mut lines = head.lines();
    let status: u16 = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| bad("no status line"))?;
    let mut cookies = Vec::new();
    let mut chunked = false;
    let mut length = None;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.to_ascii_lowercase().as_str() {
            "set-cookie" => {
                let pair = value.split(';').next().unwrap_or("");
                if let Some((k, v)) = pair.split_once('=') {
                    cookies.push((k.to_owned(), v.to_owned()));
                }
            }
            "transfer-encoding" => chunked = value.eq_ignore_ascii_case("chunked"),
            "content-length" => length = value.parse::<usize>().ok(),
            _ => {}
        }
    }
    if chunked {
        body = dechunk(&body).ok_or_else(|| bad("a cut chunked body"))?;
    } else if let Some(n) = length {
        if body.len() < n {
            return Err(bad("a cut body"));
        }
        body.truncate(n);
    }
    Ok((
        Reply {
            status,
            body: String::from_utf8_lossy(&body).into_owned(),
        },
        cookies,
    ))
}

fn dechunk(mut raw: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let end = raw.windows(2).position(|w| w == b"\r\n")?;
        let size = std::str::from_utf8(&raw[..end]).ok()?;
        let size = usize::from_str_radix(size.split(';').next()?.trim(), 16).ok()?;
        raw = &raw[end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(raw.get(..size)?);
        raw = raw.get(size + 2..)?;
    }
}

/// `application/x-www-form-urlencoded` encoding of one name or value.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(b).to_string()
            }
            b' ' => "+".to_owned(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
