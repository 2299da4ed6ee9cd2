//! `backcare serve`: run the web app. Also the database options shared with `backcare user`.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

/// Where the database is: a data directory (SQLite) or a database URL.
#[derive(Debug, clap::Args)]
pub struct DbArgs {
    /// Keep the data (an SQLite database) in this directory, created if missing.
    /// Default: $XDG_DATA_HOME/backcare, or ~/.local/share/backcare.
    #[arg(long, env = "BACKCARE_DATA_DIR", value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Use this database instead: postgres://USER@HOST:PORT/DB or sqlite://PATH?mode=rwc.
    #[arg(
        long,
        env = "BACKCARE_DATABASE_URL",
        value_name = "URL",
        conflicts_with = "data_dir"
    )]
    database_url: Option<String>,
}

impl DbArgs {
    /// The database URL for `backcare_storage::connect`, creating the data directory.
    pub fn url(&self) -> anyhow::Result<String> {
        if let Some(url) = &self.database_url {
            return Ok(url.clone());
        }
        let dir = self.data_dir.clone().unwrap_or_else(default_data_dir);
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("could not create the data directory {}", dir.display()))?;
        dir.to_str()
            .map(str::to_owned)
            .with_context(|| format!("the data directory {} is not valid UTF-8", dir.display()))
    }
}

impl DbArgs {
    /// Where the data lives, for the start-up banner: the data directory, or the database
    /// URL with any password hidden.
    pub fn describe(&self) -> String {
        match &self.database_url {
            Some(url) => format!("the database {}", hide_password(url)),
            None => {
                let dir = self.data_dir.clone().unwrap_or_else(default_data_dir);
                format!("the data directory {}", dir.display())
            }
        }
    }
}

/// `scheme://user:secret@host/...` as `scheme://user:***@host/...`.
fn hide_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    match rest.split_once('@') {
        Some((credentials, host)) if credentials.contains(':') => {
            let user = credentials.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:***@{host}")
        }
        _ => url.to_owned(),
    }
}

/// `$XDG_DATA_HOME/backcare`, else `~/.local/share/backcare`, else `./backcare-data`.
fn default_data_dir() -> PathBuf {
    let non_empty = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
    if let Some(xdg) = non_empty("XDG_DATA_HOME") {
        PathBuf::from(xdg).join("backcare")
    } else if let Some(home) = non_empty("HOME") {
        PathBuf::from(home).join(".local/share/backcare")
    } else {
        PathBuf::from("backcare-data")
    }
}

/// Options of `backcare serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The address to listen on.
    #[arg(
        long,
        env = "BACKCARE_BIND",
        default_value = "127.0.0.1:8080",
        value_name = "ADDR"
    )]
    bind: SocketAddr,
    #[command(flatten)]
    db: DbArgs,
    /// Add a demo patient (with four weeks of history) and a demo clinician, and print
    /// their passwords. Never on a server with real people on it.
    #[arg(long, env = "BACKCARE_DEMO", value_parser = clap::builder::BoolishValueParser::new())]
    demo: bool,
    /// Mark cookies Secure (with the __Host- prefix). Required when the site is served over
    /// HTTPS, for example behind a reverse proxy.
    #[arg(
        long,
        env = "BACKCARE_SECURE_COOKIES",
        value_parser = clap::builder::BoolishValueParser::new()
    )]
    secure_cookies: bool,
    /// The address of a reverse proxy in front of backcare (repeat the flag, or separate
    /// with commas, for several). Only requests from it have their X-Forwarded-For read,
    /// to find the client's address for the per-address limits; without this flag the
    /// address the connection comes from is the client's, and the header is ignored.
    #[arg(
        long = "trusted-proxy",
        value_name = "IP",
        env = "BACKCARE_TRUSTED_PROXY",
        value_delimiter = ','
    )]
    trusted_proxies: Vec<IpAddr>,
    /// How log lines look on standard error: human (readable text) or json (one JSON
    /// object a line, for a log collector). Level from RUST_LOG (default info).
    #[arg(
        long,
        env = "BACKCARE_LOG_FORMAT",
        value_enum,
        default_value_t = LogFormat::Human,
        value_name = "FORMAT"
    )]
    log_format: LogFormat,
    /// Also serve Prometheus metrics at http://ADDR/metrics, an address only your monitoring
    /// should reach (e.g. 127.0.0.1:9090). Never on the public address.
    #[arg(long, env = "BACKCARE_METRICS_BIND", value_name = "ADDR")]
    metrics_bind: Option<SocketAddr>,
    #[command(flatten)]
    mail: crate::mail_args::MailArgs,
    /// The organisation (or person) that runs this server and keeps people's health data,
    /// e.g. "Riverside Physio Clinic". The privacy notice and every page's footer name it.
    /// Give it with --operator-contact.
    #[arg(long, env = "BACKCARE_OPERATOR_NAME", value_name = "NAME")]
    operator_name: Option<String>,
    /// How people reach the operator about their data: an email, a phone number or an
    /// address, e.g. privacy@riverside.example.
    #[arg(long, env = "BACKCARE_OPERATOR_CONTACT", value_name = "CONTACT")]
    operator_contact: Option<String>,
}

impl ServeArgs {
    /// Who runs the server: both flags, or neither (`None`).
    fn operator(&self) -> anyhow::Result<Option<backcare_web::Operator>> {
        match (&self.operator_name, &self.operator_contact) {
            (None, None) => Ok(None),
            (Some(name), Some(contact)) => backcare_web::Operator::new(name, contact)
                .map(Some)
                .map_err(|e| crate::input::BadInput(e.to_string()).into()),
            _ => Err(crate::input::BadInput(
                "give the operator's name (--operator-name) and contact (--operator-contact) \
                 together, or neither"
                    .into(),
            )
            .into()),
        }
    }
}

/// The shape of `serve`'s log lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// Readable text, coloured on a terminal.
    Human,
    /// One JSON object a line (`timestamp`, `level`, `target`, `message` and the event's
    /// fields at the top level), for journald, Loki, Elasticsearch and the like.
    Json,
}

/// Starts logging (level from RUST_LOG, default info) on standard error. Either format
/// carries the same events, so what the request log leaves out (query strings, cookies,
/// bodies, health data) stays out of both.
pub fn init_logging(format: LogFormat) {
    use tracing_subscriber::EnvFilter;
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Human => builder
            .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
            .try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
}

/// A tokio runtime for the async commands.
pub fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("could not start the async runtime")
}

/// `+01:00`, `-05:30`: how people write a UTC offset (`time` prints seconds too).
fn offset_text(offset: time::UtcOffset) -> String {
    let sign = if offset.is_negative() { '-' } else { '+' };
    format!(
        "{sign}{:02}:{:02}",
        offset.whole_hours().unsigned_abs(),
        offset.minutes_past_hour().unsigned_abs()
    )
}

/// Runs `backcare serve` until Ctrl-C.
pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    init_logging(args.log_format);
    let config = backcare_web::Config {
        bind: args.bind,
        database_url: args.db.url()?,
        demo: args.demo,
        secure_cookies: args.secure_cookies,
        limits: backcare_web::LimitsConfig {
            trusted_proxies: args.trusted_proxies.clone(),
            ..backcare_web::LimitsConfig::default()
        },
        operator: args.operator()?,
    };
    if config.operator.is_none() && !args.demo {
        eprintln!(
            "warning: no --operator-name and --operator-contact: the privacy notice tells \
             people that whoever runs this server has not given their name"
        );
    }
    if !args.bind.ip().is_loopback() && !args.secure_cookies {
        eprintln!(
            "warning: listening on {} without --secure-cookies; serve it over HTTPS and add \
             --secure-cookies before real people use it",
            args.bind
        );
    }
    // The machine's zone gives the date of people who have not given theirs. Reading it
    // is only sound while this is the process's one thread (the C library's zone state is
    // not thread-safe), so before the runtime starts; UTC if it cannot be read.
    let zone = time::UtcOffset::current_local_offset().unwrap_or(time::UtcOffset::UTC);
    let clock = backcare_web::Clock::system().in_zone(zone);
    let mail = args.mail.config()?;
    let public_url = args.mail.public_url()?;
    runtime()?.block_on(async {
        let mut server = backcare_web::Server::bind_with_clock(config, clock).await?;
        if let Some(url) = public_url {
            server = server.with_public_url(url);
        }
        let server = match &mail {
            Some(mail) => server.with_mailer(mail)?,
            None => server,
        };
        let server = match args.metrics_bind {
            Some(addr) => server.with_metrics(addr).await?,
            None => server,
        };
        let addr = server.local_addr();
        let host = if addr.ip().is_unspecified() {
            "127.0.0.1".to_owned()
        } else if addr.is_ipv6() {
            format!("[{}]", addr.ip())
        } else {
            addr.ip().to_string()
        };
        println!("backcare is running: open http://{host}:{}", addr.port());
        println!("Data: {}.", args.db.describe());
        if let Some(metrics) = server.metrics_addr() {
            println!("Metrics: http://{metrics}/metrics");
        }
        if let Some(accounts) = server.demo_accounts() {
            println!("Demo accounts (for trying backcare out only):");
            for account in accounts {
                println!(
                    "  {:<9}  email {}  password {}",
                    account.role.as_str(),
                    account.email,
                    account.password
                );
                if let Some(secret) = account.two_factor_secret {
                    println!(
                        "             two-factor key {secret} (add it to an authenticator \
                         app, or: oathtool --totp -b {secret})"
                    );
                }
            }
        }
        println!(
            "Dates follow UTC{} for people who have not set their own time zone.",
            offset_text(zone)
        );
        if !server.mail_enabled() {
            println!(
                "Email is off (no --smtp-host): people who forget their password need an \
                 administrator to run `backcare user reset-password`."
            );
        }
        println!("Press Ctrl-C to stop.");
        server.run().await?;
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_banner_never_prints_a_database_password() {
        assert_eq!(
            hide_password("postgres://backcare:s3cret@db.internal:5432/backcare"),
            "postgres://backcare:***@db.internal:5432/backcare"
        );
        assert_eq!(
            hide_password("postgres://backcare@db/backcare"),
            "postgres://backcare@db/backcare"
        );
        assert_eq!(
            hide_password("sqlite:///var/lib/b.db"),
            "sqlite:///var/lib/b.db"
        );
    }
}
