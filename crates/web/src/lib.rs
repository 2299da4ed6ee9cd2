//! The backcare web application: the only crate that knows HTTP.
//!
//! Server-rendered HTML (askama templates in `templates/`, text from Fluent files in
//! `locales/`) that works without JavaScript, on axum and tokio, over the
//! [`backcare_storage::Store`] (SQLite or PostgreSQL).
//!
//! How a request flows (outermost first):
//!
//! 1. The request id: an incoming `x-request-id` that is a short plain token is kept
//!    ([`security::check_request_id`]), else tower-http gives one ([`security::MakeId`]);
//!    the response carries it back.
//! 2. [`security::log_requests`]: one log line per request (method, route pattern,
//!    status, time, request id). Never bodies, cookies, query strings or health data.
//! 3. tower-http's timeout: a request not answered within [`REQUEST_TIMEOUT`] gets 503.
//! 4. [`security::limit_in_flight`]: at most [`MAX_IN_FLIGHT`] requests at once (the
//!    probes excepted); the others wait their turn.
//! 5. tower-http's gzip of HTML and JSON ([`security::compressible`]), never for requests
//!    another site made ([`security::no_compression_across_sites`]).
//! 6. [`security::headers`]: CSP and the other security headers on every response;
//!    `Cache-Control: no-store` unless the handler chose otherwise.
//! 7. A body size limit ([`security::MAX_BODY`]).
//! 8. [`csrf::issue_token`]: gives every visitor a CSRF cookie, and its value to templates.
//! 9. The router, built from [`routes::ROUTES`]. Each route is wrapped in
//!    [`auth::authorize`], which checks the CSRF token of every POST, loads the session and
//!    enforces the route's [`routes::Access`] before the handler runs.
//! 10. The handler (in [`handlers`]), which renders a template with a
//!     [`infra::pages::Ctx`] (language, CSRF token, signed-in user).
//!
//! Three layers, each importing only the ones below it (ARCHITECTURE.md; a test keeps it):
//!
//! 1. [`infra`]: the route table's types, auth and CSRF, security headers, i18n, the page
//!    context, the FHIR answers and bearer-token guard;
//! 2. [`model`]: the care record model (a patient's records and what pages derive from
//!    them);
//! 3. [`handlers`]: one module per area, which never import each other.
//!
//! [`routes`] (the one route table) and [`app`] sit above them: the only place that names
//! every handler.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::middleware::{from_fn, from_fn_with_state};
use backcare_storage::Store;
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::compression::predicate::{DefaultPredicate, Predicate};
use tower_http::request_id::{PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;

use crate::infra::limits::Limiter;

pub mod handlers;
pub mod infra;
pub mod model;
pub mod routes;
#[cfg(test)]
mod safety_text;

// The paths other crates (the binary) and the tests use.
pub use handlers::demo;
pub use infra::clock::Clock;
pub use infra::limits::{LimitsConfig, Rate};
pub use infra::privacy::Operator;
pub use infra::{auth, csrf, i18n, security};

/// How to run the server.
#[derive(Debug, Clone)]
pub struct Config {
    /// The address to listen on, e.g. `127.0.0.1:8080` (port 0 picks a free port).
    pub bind: SocketAddr,
    /// The database: `postgres://...`, `sqlite://PATH?mode=rwc` or a data directory.
    pub database_url: String,
    /// Seed a demo patient and a demo clinician (see [`demo`]).
    pub demo: bool,
    /// Mark cookies `Secure` and use the `__Host-` prefix. Turn this on whenever the site
    /// is served over HTTPS (a reverse proxy); off only for local `http://` use.
    pub secure_cookies: bool,
    /// The per-address limits and the trusted reverse proxies ([`infra::limits`]).
    pub limits: LimitsConfig,
    /// Who runs this server, named in the privacy notice and the footer. `None`: the notice
    /// says nobody gave their name (or, with `demo`, that this is a demo).
    pub operator: Option<Operator>,
}

impl Default for Config {
    /// Local use: `127.0.0.1:8080`, no database chosen yet, no demo, plain cookies, the
    /// default limits and no proxy. Callers set at least `database_url`.
    fn default() -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            database_url: String::new(),
            demo: false,
            secure_cookies: false,
            limits: LimitsConfig::default(),
            operator: None,
        }
    }
}

/// What can stop the server from starting or running.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The database could not be opened, migrated or seeded.
    #[error("database: {0}")]
    Storage(#[from] backcare_storage::Error),
    /// The address could not be bound.
    #[error("could not listen on {addr}: {source}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// The article search index could not be built.
    #[error("search index: {0}")]
    Search(#[from] backcare_search::SearchError),
    /// The demo data could not be made.
    #[error("demo data: {0}")]
    Demo(String),
    /// The email settings are not usable.
    #[error("{0}")]
    Mail(#[from] infra::mail::MailError),
    /// The server failed while running.
    #[error("server: {0}")]
    Io(#[from] std::io::Error),
    /// The metrics recorder could not be installed.
    #[error("metrics: {0}")]
    Metrics(String),
}

/// What every handler can reach. Cheap to clone.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// Whether cookies are `Secure` with the `__Host-` prefix (see [`Config`]).
    pub secure_cookies: bool,
    /// The article search index, built once at start-up and shared by every request.
    pub search: Arc<backcare_search::Index>,
    /// Where every "now" of the web crate comes from.
    pub clock: Clock,
    /// The per-address buckets and the trusted proxies.
    pub limits: Arc<Limiter>,
    /// How many password hashes run at once ([`auth::Hashing`]).
    pub hashing: auth::Hashing,
    /// Sends the account emails; `None` when no SMTP server was configured (the pages then
    /// point people to a clinic administrator). See [`infra::mail`].
    pub mailer: Option<infra::mail::Mailer>,
    /// Who runs this server, for the privacy notice and every page's footer.
    pub run_by: infra::privacy::RunBy,
    /// The site's address as people reach it: links in emails and the FHIR API's own
    /// addresses ([`infra::site`]).
    pub public_url: infra::site::PublicUrl,
    /// Pages built from a care record, kept by its care version ([`infra::cache`]).
    pub pages: Arc<infra::cache::PageCache>,
    /// Wakes this instance's Bulk Data export job when an export is kicked off here
    /// ([`model::bulk_export`]).
    pub exports_waiting: Arc<tokio::sync::Notify>,
}

impl AppState {
    /// State over an opened, migrated store and a built search index.
    pub fn new(
        store: Store,
        secure_cookies: bool,
        search: Arc<backcare_search::Index>,
        clock: Clock,
    ) -> Self {
        Self {
            store,
            secure_cookies,
            search,
            limits: Arc::new(Limiter::new(&LimitsConfig::default(), clock.clone())),
            clock,
            hashing: auth::Hashing::for_this_machine(),
            mailer: None,
            run_by: infra::privacy::RunBy::Unnamed,
            public_url: infra::site::PublicUrl::bound(Config::default().bind),
            pages: Arc::default(),
            exports_waiting: Arc::default(),
        }
    }

    /// This state with the limits of `config` (fresh buckets) instead of the defaults.
    #[must_use]
    pub fn with_limits(mut self, config: &LimitsConfig) -> Self {
        self.limits = Arc::new(Limiter::new(config, self.clock.clone()));
        self
    }
}

/// How long a request may take, waiting for its turn included, before it gets 503.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// How many requests are handled at once (per server); the others wait their turn. Enough
/// for the pool's 8 database connections and the password-hashing queue to stay busy.
pub const MAX_IN_FLIGHT: usize = 256;
/// After a shutdown signal, how long the requests in flight have to finish before the
/// server stops anyway.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// The whole application as an axum router, built from [`routes::ROUTES`].
pub fn app(state: AppState) -> Router {
    let mut router = Router::new();
    for route in routes::ROUTES {
        let guard = auth::Guard {
            state: state.clone(),
            route,
        };
        router = router.route(
            route.path,
            route
                .method_router()
                .layer(from_fn_with_state(guard, auth::authorize)),
        );
    }
    router
        .fallback(infra::pages::not_found)
        .layer(from_fn(infra::fhir::method_not_allowed))
        // Every page's context reads who runs the server (the footer) from here.
        .layer(axum::Extension(state.run_by.clone()))
        .layer(from_fn_with_state(state.clone(), csrf::issue_token))
        .layer(DefaultBodyLimit::max(security::MAX_BODY))
        .layer(from_fn(security::headers))
        .layer(
            CompressionLayer::new()
                .compress_when(DefaultPredicate::new().and(security::compressible)),
        )
        .layer(from_fn(security::no_compression_across_sites))
        .layer(from_fn_with_state(
            Arc::new(tokio::sync::Semaphore::new(MAX_IN_FLIGHT)),
            security::limit_in_flight,
        ))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            REQUEST_TIMEOUT,
        ))
        .layer(from_fn(security::log_requests))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(security::MakeId))
        .layer(from_fn(security::check_request_id))
        .with_state(state)
}

/// A server that has opened its database and bound its address, ready to [`run`](Self::run).
/// Split from [`serve`] so the caller can print the address (and tests can use port 0).
#[derive(Debug)]
pub struct Server {
    listener: TcpListener,
    state: AppState,
    demo: Option<Vec<demo::DemoAccount>>,
    /// The private address of the Prometheus metrics ([`Server::with_metrics`]).
    metrics: Option<(TcpListener, infra::metrics::Metrics)>,
    /// How often the background jobs ask the job table whether they are due.
    jobs_every: Duration,
}

impl Server {
    /// Opens and migrates the database, seeds the demo accounts if asked, and binds.
    pub async fn bind(config: Config) -> Result<Self, Error> {
        Self::bind_with_clock(config, Clock::system()).await
    }

    /// [`Server::bind`] with a clock of the caller's: tests pass a shifted one and move it.
    pub async fn bind_with_clock(config: Config, clock: Clock) -> Result<Self, Error> {
        let store = backcare_storage::connect(&config.database_url).await?;
        store.migrate().await?;
        let demo = if config.demo {
            Some(demo::seed(&store, clock.now()).await?)
        } else {
            None
        };
        let search = Arc::new(backcare_search::Index::build()?);
        let listener = TcpListener::bind(config.bind)
            .await
            .map_err(|source| Error::Bind {
                addr: config.bind,
                source,
            })?;
        let public_url = infra::site::PublicUrl::bound(listener.local_addr()?);
        Ok(Self {
            listener,
            state: AppState {
                run_by: infra::privacy::RunBy::new(config.operator, config.demo),
                public_url,
                ..AppState::new(store, config.secure_cookies, search, clock)
                    .with_limits(&config.limits)
            },
            demo,
            metrics: None,
            jobs_every: infra::housekeeping::JOBS_CHECK_EVERY,
        })
    }

    /// Asks the job table every `every` instead of every
    /// [`infra::housekeeping::JOBS_CHECK_EVERY`]: tests move the clock and want the
    /// reminders without waiting seconds.
    pub fn with_jobs_every(mut self, every: Duration) -> Self {
        self.jobs_every = every;
        self
    }

    /// Also serves Prometheus metrics at `GET /metrics` on `addr`, a second address that
    /// only monitoring should reach (`serve --metrics-bind`; [`infra::metrics`]).
    pub async fn with_metrics(mut self, addr: SocketAddr) -> Result<Self, Error> {
        let metrics = infra::metrics::Metrics::install().map_err(Error::Metrics)?;
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|source| Error::Bind { addr, source })?;
        self.metrics = Some((listener, metrics));
        Ok(self)
    }

    /// The metrics address actually bound, when [`Server::with_metrics`] was used.
    pub fn metrics_addr(&self) -> Option<SocketAddr> {
        self.metrics
            .as_ref()
            .and_then(|(listener, _)| listener.local_addr().ok())
    }

    /// The site's address as people reach it (`serve --public-url`), instead of `http://`
    /// and the bound address: links in emails (give it before [`Server::with_mailer`]) and
    /// the FHIR API's own addresses start with it.
    #[must_use]
    pub fn with_public_url(mut self, url: infra::site::PublicUrl) -> Self {
        self.state.public_url = url;
        self
    }

    /// Sends the account emails through the SMTP server of `config` (without it, mail is
    /// off). Links in the letters start with the public URL ([`Server::with_public_url`]).
    pub fn with_mailer(mut self, config: &infra::mail::MailConfig) -> Result<Self, Error> {
        let mailer = infra::mail::Mailer::new(config, &self.state.public_url)?;
        self.state.mailer = Some(mailer);
        Ok(self)
    }

    /// Whether the server sends emails (see [`Server::with_mailer`]).
    pub fn mail_enabled(&self) -> bool {
        self.state.mailer.is_some()
    }

    /// The address actually bound (useful with port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// The demo accounts and their passwords, when started with `demo: true`.
    pub fn demo_accounts(&self) -> Option<&[demo::DemoAccount]> {
        self.demo.as_deref()
    }

    /// The database the server uses.
    pub fn store(&self) -> &Store {
        &self.state.store
    }

    /// Serves until Ctrl-C (or SIGTERM), then finishes the requests in flight.
    pub async fn run(self) -> Result<(), Error> {
        self.run_until(shutdown_signal()).await
    }

    /// Serves until `shutdown` completes, then stops accepting and finishes the requests
    /// in flight, for [`SHUTDOWN_GRACE`] at most. Housekeeping is stopped after them: a
    /// purge cut short is a transaction rolled back, never half done.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), Error> {
        let store = self.state.store.clone();
        let housekeeping = infra::housekeeping::spawn(self.state.clone(), self.jobs_every);
        // The reminder job sends emails: at shutdown it finishes the run it is in (a run
        // cut short could leave a reminder claimed and never sent), within the grace.
        let (stop_reminders, reminders_stopped) = tokio::sync::watch::channel(false);
        let reminders = model::reminders::spawn(
            self.state.clone(),
            infra::housekeeping::runner_name(),
            self.jobs_every,
            reminders_stopped,
        );
        let exports = model::bulk_export::spawn(
            self.state.clone(),
            infra::housekeeping::runner_name(),
            self.jobs_every,
            self.state.exports_waiting.clone(),
        );
        let metrics = self.metrics.map(|(listener, metrics)| {
            tokio::spawn(infra::metrics::serve(listener, metrics, store.clone()))
        });
        // The peer's address reaches the guard, which limits requests per client.
        let service = app(self.state).into_make_service_with_connect_info::<SocketAddr>();
        let (signalled, stopping) = tokio::sync::oneshot::channel::<()>();
        let served = axum::serve(self.listener, service).with_graceful_shutdown(async move {
            shutdown.await;
            let _ = signalled.send(());
        });
        let grace = async {
            match stopping.await {
                Ok(()) => tokio::time::sleep(SHUTDOWN_GRACE).await,
                // The server ended on its own (an error): nothing to bound.
                Err(_) => std::future::pending().await,
            }
        };
        let served = tokio::select! {
            served = served.into_future() => served,
            () = grace => {
                tracing::warn!(
                    seconds = SHUTDOWN_GRACE.as_secs(),
                    "requests still running after the shutdown grace: stopped"
                );
                Ok(())
            }
        };
        housekeeping.abort();
        exports.abort();
        let _ = stop_reminders.send(true);
        if let Some(mut reminders) = reminders
            && tokio::time::timeout(SHUTDOWN_GRACE, &mut reminders)
                .await
                .is_err()
        {
            tracing::warn!("the reminder job was still sending after the grace: stopped");
            reminders.abort();
        }
        if let Some(metrics) = metrics {
            metrics.abort();
        }
        // A request cut off by the grace may still hold a connection: do not wait for it.
        let _ = tokio::time::timeout(Duration::from_secs(2), store.close()).await;
        Ok(served?)
    }
}

/// Opens the database, binds and serves until Ctrl-C. See [`Server`] to learn the bound
/// address first.
pub async fn serve(config: Config) -> Result<(), Error> {
    Server::bind(config).await?.run().await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
