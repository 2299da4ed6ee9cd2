//! A real `backcare serve` for the CLI tests, and a tiny HTTP/1.1 client to talk to it.
//!
//! The server runs as a child process on a free loopback port over a scratch data
//! directory or database; [`Visitor`] speaks plain HTTP/1.1 (one connection per request)
//! with a cookie jar and the CSRF token, so a test sees exactly what a browser would be
//! sent, down to the socket: it can bind its own source address (`127.0.0.2`...) or be
//! killed mid-request.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use socket2::{Domain, Socket, Type};

/// How long one request may take before a test gives up on it.
pub const IO_TIMEOUT: Duration = Duration::from_secs(15);

/// A new empty directory under the target dir, removed when dropped (a failing test too).
pub fn scratch_dir(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("{name}-"))
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap()
}

/// Runs `test` with a scratch directory, the URL of a scratch PostgreSQL database called
/// `NAME_PID` and a runtime for the store, then drops both, even when `test` panics. Does
/// nothing when `BACKCARE_SKIP_POSTGRES=1` asks to skip (and fails without a server).
pub fn on_scratch_postgres(
    name: &str,
    test: impl FnOnce(&Path, &str, &tokio::runtime::Runtime) + std::panic::UnwindSafe,
) {
    use backcare_storage::testing::{ScratchDatabase, postgres_url};
    let Some(admin_url) = postgres_url() else {
        return;
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let db = format!("backcare_{name}_{}", std::process::id());
    let scratch = runtime.block_on(ScratchDatabase::create(&admin_url, &db));
    let dir = scratch_dir(name);
    let url = scratch.url().to_owned();
    let outcome = std::panic::catch_unwind(|| test(dir.path(), &url, &runtime));
    runtime.block_on(scratch.drop());
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

// ---------------------------------------------------------------------------------------
// The server process

/// `backcare serve` on a free loopback port.
pub struct Server {
    child: Child,
    /// Where it listens.
    pub addr: SocketAddr,
    /// Every line it printed on standard output so far.
    pub stdout: Arc<Mutex<Vec<String>>>,
    /// Its log (standard error).
    pub log: PathBuf,
}

impl Server {
    /// Starts the server over `db` (`--data-dir D` or `--database-url U`) and waits for
    /// the line that gives its address. Its log goes to `DIR/server-NAME.log`.
    pub fn start(dir: &Path, db: &[&str], name: &str) -> Server {
        Self::start_with(dir, db, &[], name)
    }

    /// [`Server::start`] with environment variables of the test's (`TZ`, `RUST_LOG`...)
    /// and any further flags in `db`.
    pub fn start_with(dir: &Path, db: &[&str], env: &[(&str, &str)], name: &str) -> Server {
        let log = dir.join(format!("server-{name}.log"));
        let mut child = Command::new(env!("CARGO_BIN_EXE_backcare"))
            .args(["serve", "--bind", "127.0.0.1:0"])
            .args(db)
            .env("RUST_LOG", "warn")
            .env("NO_COLOR", "1")
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(File::create(&log).unwrap()))
            .spawn()
            .expect("backcare serve starts");
        // Read stdout to its end in a thread, so the server never writes to a closed pipe.
        let stdout = child.stdout.take().unwrap();
        let lines = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = mpsc::channel();
        let kept = Arc::clone(&lines);
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { return };
                if let Some(url) = line.strip_prefix("backcare is running: open http://") {
                    let _ = tx.send(url.trim().to_owned());
                }
                kept.lock().unwrap().push(line);
            }
        });
        let Ok(addr) = rx.recv_timeout(Duration::from_secs(60)) else {
            let _ = child.kill();
            let _ = child.wait();
            let log = std::fs::read_to_string(&log);
            panic!("the server did not start: {log:?}");
        };
        Server {
            child,
            addr: addr.parse().expect("an address"),
            stdout: lines,
            log,
        }
    }

    /// The first line the server printed on standard output that `wanted` accepts,
    /// waiting up to ten seconds for it: the banner goes on after the address line that
    /// [`Server::start`] waits for.
    pub fn line(&self, wanted: impl Fn(&str) -> bool) -> String {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        loop {
            let lines = self.stdout.lock().unwrap().clone();
            if let Some(line) = lines.iter().find(|l| wanted(l)) {
                return line.clone();
            }
            assert!(
                std::time::Instant::now() < deadline,
                "no such line in {lines:?}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The server's process id (for `/proc/PID/status`).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// SIGKILL: no shutdown, no flushing, no chance to finish anything.
    pub fn kill(&mut self) {
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

pub struct Reply {
    /// The status code.
    pub status: u16,
    /// The body, as text.
    pub body: String,
    /// The headers (names in lower case), in order.
    pub headers: Vec<(String, String)>,
}

impl Reply {
    /// The first header called `name` (lower case), if any.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A browser-like visitor: a cookie jar and the CSRF token.
#[derive(Clone)]
pub struct Visitor {
    addr: SocketAddr,
    cookies: BTreeMap<String, String>,
    /// The address this visitor connects from (`None`: the system's choice, 127.0.0.1).
    from: Option<IpAddr>,
}

impl Visitor {
    /// A visitor with no cookies.
    pub fn new(addr: SocketAddr) -> Self {
        Self {
            addr,
            cookies: BTreeMap::new(),
            from: None,
        }
    }

    /// A visitor with no cookies that connects from `ip` (any of 127/8 reaches the
    /// server on Linux loopback): another client for the per-address limits.
    pub fn from_address(addr: SocketAddr, ip: IpAddr) -> Self {
        Self {
            from: Some(ip),
            ..Self::new(addr)
        }
    }

    /// The same visitor (cookies, CSRF token, address) sending its next requests to
    /// another server: behind a load balancer, any instance may answer the next request.
    pub fn to_server(&self, addr: SocketAddr) -> Self {
        Self {
            addr,
            ..self.clone()
        }
    }

    /// GETs `path`, keeping the cookies set.
    pub fn get(&mut self, path: &str) -> Reply {
        self.send_and_keep("GET", path, None)
    }

    /// POSTs a form with this visitor's CSRF token added.
    pub fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let fields: Vec<(&str, String)> =
            fields.iter().map(|(k, v)| (*k, (*v).to_owned())).collect();
        let body = self.form_body(&fields);
        self.send_and_keep("POST", path, Some(&body))
    }

    /// Logs in as the demo clinician, both steps: the password, then the code of the demo
    /// clinician's two-factor key at the system's "now" (the server's clock). A code works
    /// once, so when this 30-second step's code was used already, the next step's code
    /// (one step of drift is allowed) is typed instead.
    pub fn log_in_as_demo_clinician(&mut self) -> Reply {
        use backcare_web::demo;
        self.get("/login");
        let r = self.post(
            "/login",
            &[
                ("email", demo::CLINICIAN_EMAIL),
                ("password", demo::PASSWORD),
            ],
        );
        assert_eq!(
            (r.status, r.header("location")),
            (303, Some("/login/two-factor")),
            "the password step: {}",
            r.body
        );
        let now = time::OffsetDateTime::now_utc();
        let mut refused = Vec::new();
        for at in [now, now + time::Duration::seconds(30)] {
            let code =
                backcare_web::infra::two_factor::code_at(demo::CLINICIAN_TWO_FACTOR_SECRET, at)
                    .unwrap();
            let r = self.post("/login/two-factor", &[("code", &code)]);
            if r.status == 303 {
                return r;
            }
            refused.push(r.status);
        }
        panic!(
            "the demo clinician's codes of now and of the next 30 seconds were refused: {refused:?}"
        );
    }

    /// The signed-in user's data download (`/account/export` links to it), as JSON.
    pub fn export(&mut self) -> serde_json::Value {
        let page = self.get("/account/export");
        assert_eq!(page.status, 200, "{}", page.body);
        let href = page
            .body
            .split("href=\"/api/users/")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("the export page links to the download");
        let export = self.get(&format!("/api/users/{href}"));
        assert_eq!(export.status, 200, "{}", export.body);
        serde_json::from_str(&export.body).expect("the download is JSON")
    }

    /// This visitor's CSRF token (from its cookie), once it has visited a page.
    pub fn csrf(&self) -> Option<String> {
        self.cookies.get("backcare_csrf").cloned()
    }

    /// POSTs a form carrying `token` as its CSRF token instead of this visitor's own.
    pub fn post_with_token(&mut self, path: &str, fields: &[(&str, &str)], token: &str) -> Reply {
        let body = std::iter::once(("csrf", token))
            .chain(fields.iter().copied())
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        self.send_and_keep("POST", path, Some(&body))
    }

    /// POSTs a form without touching the jar; an error if the connection fails.
    pub fn try_post(&self, path: &str, fields: &[(&str, String)]) -> std::io::Result<Reply> {
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
    pub fn send(
        &self,
        method: &str,
        path: &str,
        body: Option<&str>,
    ) -> std::io::Result<(Reply, Vec<(String, String)>)> {
        let mut stream = match self.from {
            None => TcpStream::connect(self.addr)?,
            Some(ip) => {
                let socket = Socket::new(Domain::for_address(self.addr), Type::STREAM, None)?;
                socket.bind(&SocketAddr::new(ip, 0).into())?;
                socket.connect_timeout(&self.addr.into(), IO_TIMEOUT)?;
                TcpStream::from(socket)
            }
        };
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
    let mut headers = Vec::new();
    let mut chunked = false;
    let mut length = None;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        headers.push((name.trim().to_ascii_lowercase(), value.to_owned()));
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
            headers,
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
pub fn encode(s: &str) -> String {
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
