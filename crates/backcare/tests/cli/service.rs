//! `serve` run the way a service manager runs it (issue 13): configured by environment
//! variables only, logging one JSON object a line, probed on /healthz and /readyz, and
//! stopped by SIGTERM after the requests in flight have their answers.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::backcare;
use crate::serve::{IO_TIMEOUT, Visitor, scratch_dir};

/// `backcare serve` with no arguments at all: everything from `env`. Its address, and its
/// standard output so far (the banner).
fn serve_from_env(env: &[(&str, &str)], log: &Path) -> (Child, SocketAddr, Vec<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_backcare"))
        .arg("serve")
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::from(File::create(log).unwrap()))
        .spawn()
        .expect("backcare serve starts");
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { return };
            if tx.send(line).is_err() {
                return;
            }
        }
    });
    let mut banner = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    let addr = loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let Ok(line) = rx.recv_timeout(left) else {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "the server did not start: {banner:?} {:?}",
                std::fs::read_to_string(log)
            );
        };
        banner.push(line.clone());
        if let Some(addr) = line.strip_prefix("backcare is running: open http://") {
            break addr.trim().parse().expect("an address");
        }
    };
    // The rest of the banner (the demo accounts) follows at once.
    while let Ok(line) = rx.recv_timeout(Duration::from_secs(2)) {
        let last = line.starts_with("Press Ctrl-C");
        banner.push(line);
        if last {
            break;
        }
    }
    (child, addr, banner)
}

/// A server of `serve_from_env` on a free loopback port over a new data directory (both
/// given by variables too), plus the variables in `extra`.
struct Started {
    child: Child,
    addr: SocketAddr,
    banner: Vec<String>,
    /// Its log (standard error).
    log: PathBuf,
    /// Its data directory.
    data: PathBuf,
    /// Where both are, removed when dropped.
    _dir: tempfile::TempDir,
}

fn serve_scratch(name: &str, extra: &[(&str, &str)]) -> Started {
    let dir = scratch_dir(name);
    let data = dir.path().join("data");
    let log = dir.path().join("server.log");
    let mut env = vec![
        ("BACKCARE_BIND", "127.0.0.1:0"),
        ("BACKCARE_DATA_DIR", data.to_str().unwrap()),
    ];
    env.extend_from_slice(extra);
    let (child, addr, banner) = serve_from_env(&env, &log);
    Started {
        child,
        addr,
        banner,
        log,
        data,
        _dir: dir,
    }
}

/// Waits up to `limit` for `child` to exit; its exit code (`None`: killed by a signal).
fn exit_within(child: &mut Child, limit: Duration) -> Option<Option<i32>> {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status.code());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    None
}

fn sigterm(child: &Child) {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
}

#[test]
fn serve_help_lists_an_environment_variable_for_every_flag() {
    let out = backcare(&["serve", "--help"], "");
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    // Each option's block: its line (`  -x, --flag <V>` or `      --flag`), then its text.
    let mut blocks: Vec<(String, String)> = Vec::new();
    for line in help.lines() {
        let option = line.trim_start();
        let indent = line.len() - option.len();
        if (2..=6).contains(&indent) && option.starts_with('-') {
            let flag = option
                .split([' ', ','])
                .find(|w| w.starts_with("--"))
                .unwrap_or(option)
                .to_owned();
            blocks.push((flag, String::new()));
        } else if let Some((_, text)) = blocks.last_mut() {
            text.push_str(line);
            text.push('\n');
        }
    }
    // Clap's own, and the colour choice shared by every command.
    blocks.retain(|(flag, _)| !["--help", "--color"].contains(&flag.as_str()));
    assert!(blocks.len() >= 15, "{blocks:?}");
    for (flag, text) in &blocks {
        assert!(
            text.contains("[env: BACKCARE_"),
            "{flag} has no environment variable: {text}"
        );
    }
}

#[test]
fn serve_runs_from_environment_variables_only_and_logs_json() {
    let Started {
        mut child,
        addr,
        banner,
        log,
        data,
        _dir,
    } = serve_scratch(
        "service-env",
        &[
            ("BACKCARE_DEMO", "true"),
            ("BACKCARE_SECURE_COOKIES", "false"),
            ("BACKCARE_TRUSTED_PROXY", "127.0.0.9"),
            ("BACKCARE_LOG_FORMAT", "json"),
            ("BACKCARE_OPERATOR_NAME", "Riverside Physio"),
            ("BACKCARE_OPERATOR_CONTACT", "privacy@riverside.example"),
            ("RUST_LOG", "info"),
        ],
    );
    // The demo, the data directory and the operator came from the environment.
    assert!(
        banner.iter().any(|l| l.starts_with("Demo accounts")),
        "{banner:?}"
    );
    assert!(
        banner.iter().any(|l| l.contains(data.to_str().unwrap())),
        "{banner:?}"
    );
    assert!(data.join("backcare.sqlite3").exists());

    let mut v = Visitor::new(addr);
    let health = v.get("/healthz");
    assert_eq!((health.status, health.body.as_str()), (200, "ok\n"));
    let ready = v.get("/readyz");
    assert_eq!((ready.status, ready.body.as_str()), (200, "ready\n"));
    let home = Visitor::new(addr).get("/?token=s3cret-in-the-query");
    assert!(
        home.body.contains("Run by Riverside Physio"),
        "{}",
        home.body
    );
    // Plain cookies (BACKCARE_SECURE_COOKIES=false): no __Host- prefix.
    assert!(
        home.header("set-cookie")
            .unwrap()
            .starts_with("backcare_csrf="),
        "{:?}",
        home.headers
    );

    sigterm(&child);
    assert_eq!(
        exit_within(&mut child, Duration::from_secs(15)),
        Some(Some(0))
    );

    // Every log line is one JSON object; the request lines name the route, never the query
    // string; the probes that answered 200 are not among the info lines.
    let text = std::fs::read_to_string(&log).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let requests: Vec<&serde_json::Value> =
        lines.iter().filter(|l| l["message"] == "request").collect();
    assert!(
        requests
            .iter()
            .any(|l| l["route"] == "/" && l["status"] == 200 && l["level"] == "INFO"),
        "{text}"
    );
    // Each with the id the response carried.
    assert!(
        requests
            .iter()
            .all(|l| l["id"].as_str().is_some_and(|id| id.len() == 16)),
        "{text}"
    );
    assert!(
        !requests
            .iter()
            .any(|l| l["route"] == "/healthz" || l["route"] == "/readyz"),
        "{text}"
    );
    assert!(!text.contains("s3cret"), "{text}");
    assert!(
        lines.iter().any(|l| l["message"] == "shutting down"),
        "{text}"
    );
}

/// A log-in form whose body is only half sent: the request is in the server's hands (its
/// head read, the CSRF check waiting for the body). The connection and the rest.
fn half_sent_login(addr: SocketAddr) -> (TcpStream, String) {
    let csrf = "c".repeat(64);
    let body = format!("csrf={csrf}&email=nobody%40example.org&password=not+the+right+one");
    let (first, rest) = body.split_at(body.len() / 2);
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(IO_TIMEOUT)).unwrap();
    write!(
        stream,
        "POST /login HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Cookie: backcare_csrf={csrf}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{first}",
        body.len()
    )
    .unwrap();
    stream.flush().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    (stream, rest.to_owned())
}

#[test]
fn sigterm_lets_the_request_in_flight_finish_then_exits_0() {
    let Started {
        mut child,
        addr,
        _dir,
        ..
    } = serve_scratch("service-sigterm", &[]);
    let (mut stream, rest) = half_sent_login(addr);

    sigterm(&child);
    // It waits for the request: still running a moment later, and new connections are no
    // longer answered.
    std::thread::sleep(Duration::from_millis(700));
    assert_eq!(
        child.try_wait().unwrap(),
        None,
        "exited with a request in flight"
    );
    let refused = TcpStream::connect(addr).and_then(|mut s| {
        s.set_read_timeout(Some(Duration::from_secs(2)))?;
        write!(s, "GET /healthz HTTP/1.1\r\nHost: {addr}\r\n\r\n")?;
        let mut got = Vec::new();
        s.read_to_end(&mut got).map(|_| got)
    });
    assert!(
        refused.as_ref().map_or(true, |got| got.is_empty()),
        "a new connection was served during shutdown: {refused:?}"
    );

    stream.write_all(rest.as_bytes()).unwrap();
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply).unwrap();
    let reply = String::from_utf8_lossy(&reply);
    // The form came back with its message (a wrong password), not a dropped connection.
    assert!(
        reply.starts_with("HTTP/1.1 2") || reply.starts_with("HTTP/1.1 4"),
        "{reply}"
    );
    assert!(reply.contains("</html>"), "{reply}");
    assert_eq!(
        exit_within(&mut child, Duration::from_secs(15)),
        Some(Some(0))
    );
}

#[test]
fn a_request_that_never_finishes_delays_the_shutdown_by_the_grace_only() {
    let Started {
        mut child,
        addr,
        log,
        _dir,
        ..
    } = serve_scratch("service-grace", &[]);
    let (_stream, _never_sent) = half_sent_login(addr);
    let signalled = Instant::now();
    sigterm(&child);
    // The grace is 10 seconds (backcare_web::SHUTDOWN_GRACE): not before, not much after.
    assert_eq!(
        exit_within(&mut child, Duration::from_secs(30)),
        Some(Some(0))
    );
    let took = signalled.elapsed();
    assert!(
        took >= Duration::from_secs(9) && took < Duration::from_secs(20),
        "{took:?}"
    );
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(
        text.contains("requests still running after the shutdown grace"),
        "{text}"
    );
}

#[test]
fn metrics_only_on_the_metrics_address() {
    let Started {
        mut child,
        addr,
        banner,
        _dir,
        ..
    } = serve_scratch(
        "service-metrics",
        &[("BACKCARE_METRICS_BIND", "127.0.0.1:0")],
    );
    let metrics: SocketAddr = banner
        .iter()
        .find_map(|l| l.strip_prefix("Metrics: http://"))
        .and_then(|l| l.strip_suffix("/metrics"))
        .unwrap_or_else(|| panic!("{banner:?}"))
        .parse()
        .unwrap();
    assert_ne!(metrics, addr);

    let mut v = Visitor::new(addr);
    assert_eq!(v.get("/").status, 200);
    assert_eq!(v.get("/articles/no-such-article").status, 404);
    assert_eq!(v.get("/metrics").status, 404);

    let mut m = Visitor::new(metrics);
    let text = m.get("/metrics");
    assert_eq!(text.status, 200);
    let text = text.body;
    // Counted by the route table's path and the status class, never the raw URL.
    for wanted in [
        r#"backcare_http_requests_total{method="GET",route="/",status="2xx"} 1"#,
        r#"backcare_http_requests_total{method="GET",route="/articles/{article}",status="4xx"} 1"#,
        r#"backcare_http_request_duration_seconds_bucket{method="GET",route="/",le="+Inf"} 1"#,
        "backcare_db_pool_connections ",
    ] {
        assert!(text.contains(wanted), "{wanted}: {text}");
    }
    assert!(!text.contains("no-such-article"), "{text}");
    assert_eq!(m.get("/").status, 404);
    // The start-up purge is a job run (it runs at once, but in the background).
    let job = r#"backcare_job_runs_total{job="housekeeping",outcome="ok"} 1"#;
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let text = m.get("/metrics").body;
        if text.contains(job) {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "{job}: {text}");
        std::thread::sleep(Duration::from_millis(100));
    }

    sigterm(&child);
    assert_eq!(
        exit_within(&mut child, Duration::from_secs(15)),
        Some(Some(0))
    );
}
