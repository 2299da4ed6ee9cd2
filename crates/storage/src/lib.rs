//! Storage for backcare: the only crate that knows SQL.
//!
//! One public API, [`Store`], over two backends chosen at run time by [`connect`]:
//!
//! - **SQLite** (the default for one machine): `sqlite://PATH?mode=rwc`, `sqlite::memory:`
//!   or a plain data directory path (the file `backcare.sqlite3` inside it). Connections use
//!   WAL, foreign keys on, a 5 s `busy_timeout` and `synchronous=FULL`. In WAL mode
//!   `NORMAL` already keeps every committed transaction if the *process* is killed
//!   (SIGKILL: the WAL is in the OS page cache); `FULL` also fsyncs the WAL at each commit,
//!   so an acknowledged write survives a power cut or kernel crash too. Diary entries and
//!   assessments are health records written a few times a day per person, so the fsync
//!   costs nothing noticeable and we take the stronger promise.
//! - **PostgreSQL** (`postgres://...`), for hosting many users.
//!
//! Each backend has its own migrations, embedded in the binary from
//! `migrations/sqlite/*.sql` and `migrations/postgres/*.sql` and applied by
//! [`Store::migrate`] (sqlx's migration table, so `sqlx-cli` can read it). Queries are
//! written once with `$1` placeholders, which both backends accept, and run through runtime
//! `sqlx::query*` (no compile-time macros: they cannot check against two databases).
//!
//! What the store keeps: accounts ([`User`], [`Role`], [`Email`], an opaque
//! [`PasswordHash`]), sessions and share codes by [`TokenHash`] (never the secret itself),
//! failed logins for rate limiting, assessments (intake and result as JSON), the intake a
//! patient is part-way through (one draft each), the symptom
//! diary ([`DiaryEntry`], one per day), reassessments, clinician links made by the patient
//! redeeming a clinician's share code, and an audit log of every time a clinician opened a
//! patient's record, which the patient can read. [`Store::export_user`] returns all of a
//! user's data and [`Store::delete_user`] removes all of it.
//!
//! **The caller passes the clock**: every method that needs the time takes a `now`, so
//! tests are deterministic. Timestamps are stored as UTC Unix seconds (sub-second parts
//! are dropped); diary days are calendar dates.
//!
//! ```no_run
//! # async fn demo() -> backcare_storage::Result<()> {
//! use backcare_storage::{Email, PasswordHash, Role, connect};
//! let store = connect("target/data").await?;
//! store.migrate().await?;
//! let now = time::OffsetDateTime::now_utc();
//! let email = Email::parse("ann@example.org")?;
//! let hash = PasswordHash::new("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA")?;
//! let ann = store.create_user(&email, &hash, Role::Patient, now).await?;
//! # let _ = ann; Ok(()) }
//! ```

use std::borrow::Cow;
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Postgres, SqlSafeStr, Sqlite, Transaction};
use time::OffsetDateTime;

/// Runs `$body` with `$pool` bound to the concrete pool of either backend. The body is
/// type-checked once per backend, so one SQL text serves both.
macro_rules! on {
    ($store:expr, $pool:ident => $body:expr) => {
        match &$store.backend {
            $crate::Backend::Sqlite($pool) => $body,
            $crate::Backend::Postgres($pool) => $body,
        }
    };
}

/// A public id made of 128 random bits (the web crate draws them): 32 lowercase hex
/// characters, so an address that carries it reveals nothing about other ids.
macro_rules! random_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub struct $name(String);

        impl $name {
            /// Parses an id as `as_str` gives it: 32 lowercase hex characters.
            pub fn parse(s: &str) -> Option<$name> {
                (s.len() == 32 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
                    .then(|| $name(s.to_owned()))
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
    };
}

mod accounts;
mod api;
mod backup;
mod bulk_exports;
mod clients;
mod consents;
mod error;
mod export;
mod jobs;
mod mail_tokens;
mod notes;
mod plan_versions;
mod profiles;
mod records;
mod reminders;
mod schedules;
mod schema;
mod sessions;
mod sharing;
#[cfg(feature = "testing")]
pub mod testing;
mod two_factor;
mod types;
#[cfg(test)]
mod upgrade_tests;

pub use accounts::{FailureLimit, LoginAttempt, Purged};
pub use api::{
    ApiToken, ApiTokenId, FhirResourceId, FhirType, MAX_TOKEN_LABEL, Outcome, StoredFhirResource,
    TokenScope,
};
pub use bulk_exports::{
    EXPORT_KEPT, EXPORT_STALLED, Export, ExportFile, ExportId, ExportStatus, NewExport,
};
pub use clients::{ApiClient, ClientId, MAX_CLIENT_LABEL};
pub use consents::{Consent, MAX_NOTICE_VERSION};
pub use error::{Error, Result};
pub use export::TableRows;
pub use jobs::{Job, JobRun, MAX_RUNNER};
pub use mail_tokens::{Language, MailPurpose};
pub use notes::{MAX_NOTE, Note, NoteText};
pub use plan_versions::{
    AddedExercise, DoseStep, Instruction, MAX_TAILORING_TEXT, MAX_TEMPLATE_NAME, PlanTemplate,
    PlanVersion, Tailoring,
};
pub use profiles::{DisplayName, MAX_DISPLAY_NAME, Profession, Profile};
pub use reminders::{
    REMINDERS_KEPT, ReminderExport, ReminderKind, ReminderRecipient, Reminders, TimeOfDay, Weekdays,
};
pub use schedules::{Questionnaire, Schedule};
pub use schema::{PoolUse, SchemaStatus};
pub use sessions::{
    CLINICIAN_IDLE_LIMIT, DeviceLabel, MAX_DEVICE_LABEL, PATIENT_IDLE_LIMIT, SessionSummary,
    TOUCH_EVERY,
};
pub use two_factor::{LoginChallenge, TwoFactor};
pub use types::{
    Account, AssessmentId, AuditEntry, DiaryEntry, Effort, Email, ExerciseDay, Link,
    MAX_EXERCISE_ID, MAX_MINUTES, MAX_NOTES, MAX_SESSIONS, PasswordHash, Reassessment,
    ReassessmentId, Role, SeenResult, Session, StoredAssessment, TokenHash, User, UserExport,
    UserId, Validity,
};

/// The SQLite file created inside a data directory.
pub const SQLITE_FILE: &str = "backcare.sqlite3";

/// How long a SQLite connection waits for another writer before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The embedded migrations: (version, description, SQL). A unit test keeps these lists
/// equal to the files in `migrations/`.
const SQLITE_MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "init",
        include_str!("../migrations/sqlite/0001_init.sql"),
    ),
    (
        2,
        "intake_drafts",
        include_str!("../migrations/sqlite/0002_intake_drafts.sql"),
    ),
    (
        3,
        "api_tokens",
        include_str!("../migrations/sqlite/0003_api_tokens.sql"),
    ),
    (
        4,
        "user_utc_offset",
        include_str!("../migrations/sqlite/0004_user_utc_offset.sql"),
    ),
    (
        5,
        "login_failure_address",
        include_str!("../migrations/sqlite/0005_login_failure_address.sql"),
    ),
    (
        6,
        "mail_tokens",
        include_str!("../migrations/sqlite/0006_mail_tokens.sql"),
    ),
    (
        7,
        "session_activity",
        include_str!("../migrations/sqlite/0007_session_activity.sql"),
    ),
    (
        8,
        "consent",
        include_str!("../migrations/sqlite/0008_consent.sql"),
    ),
    (
        9,
        "two_factor",
        include_str!("../migrations/sqlite/0009_two_factor.sql"),
    ),
    (
        10,
        "jobs",
        include_str!("../migrations/sqlite/0010_jobs.sql"),
    ),
    (
        11,
        "reminders",
        include_str!("../migrations/sqlite/0011_reminders.sql"),
    ),
    (
        12,
        "care_version",
        include_str!("../migrations/sqlite/0012_care_version.sql"),
    ),
    (
        13,
        "exercise_days",
        include_str!("../migrations/sqlite/0013_exercise_days.sql"),
    ),
    (
        14,
        "seen_results",
        include_str!("../migrations/sqlite/0014_seen_results.sql"),
    ),
    (
        15,
        "profiles",
        include_str!("../migrations/sqlite/0015_profiles.sql"),
    ),
    (
        16,
        "clinician_notes",
        include_str!("../migrations/sqlite/0016_clinician_notes.sql"),
    ),
    (
        17,
        "questionnaire_schedules",
        include_str!("../migrations/sqlite/0017_questionnaire_schedules.sql"),
    ),
    (
        18,
        "plan_versions",
        include_str!("../migrations/sqlite/0018_plan_versions.sql"),
    ),
    (
        19,
        "plan_templates",
        include_str!("../migrations/sqlite/0019_plan_templates.sql"),
    ),
    (
        20,
        "bulk_exports",
        include_str!("../migrations/sqlite/0020_bulk_exports.sql"),
    ),
    (
        21,
        "api_clients",
        include_str!("../migrations/sqlite/0021_api_clients.sql"),
    ),
];
const POSTGRES_MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "init",
        include_str!("../migrations/postgres/0001_init.sql"),
    ),
    (
        2,
        "intake_drafts",
        include_str!("../migrations/postgres/0002_intake_drafts.sql"),
    ),
    (
        3,
        "api_tokens",
        include_str!("../migrations/postgres/0003_api_tokens.sql"),
    ),
    (
        4,
        "user_utc_offset",
        include_str!("../migrations/postgres/0004_user_utc_offset.sql"),
    ),
    (
        5,
        "login_failure_address",
        include_str!("../migrations/postgres/0005_login_failure_address.sql"),
    ),
    (
        6,
        "mail_tokens",
        include_str!("../migrations/postgres/0006_mail_tokens.sql"),
    ),
    (
        7,
        "session_activity",
        include_str!("../migrations/postgres/0007_session_activity.sql"),
    ),
    (
        8,
        "consent",
        include_str!("../migrations/postgres/0008_consent.sql"),
    ),
    (
        9,
        "two_factor",
        include_str!("../migrations/postgres/0009_two_factor.sql"),
    ),
    (
        10,
        "jobs",
        include_str!("../migrations/postgres/0010_jobs.sql"),
    ),
    (
        11,
        "reminders",
        include_str!("../migrations/postgres/0011_reminders.sql"),
    ),
    (
        12,
        "care_version",
        include_str!("../migrations/postgres/0012_care_version.sql"),
    ),
    (
        13,
        "exercise_days",
        include_str!("../migrations/postgres/0013_exercise_days.sql"),
    ),
    (
        14,
        "seen_results",
        include_str!("../migrations/postgres/0014_seen_results.sql"),
    ),
    (
        15,
        "profiles",
        include_str!("../migrations/postgres/0015_profiles.sql"),
    ),
    (
        16,
        "clinician_notes",
        include_str!("../migrations/postgres/0016_clinician_notes.sql"),
    ),
    (
        17,
        "questionnaire_schedules",
        include_str!("../migrations/postgres/0017_questionnaire_schedules.sql"),
    ),
    (
        18,
        "plan_versions",
        include_str!("../migrations/postgres/0018_plan_versions.sql"),
    ),
    (
        19,
        "plan_templates",
        include_str!("../migrations/postgres/0019_plan_templates.sql"),
    ),
    (
        20,
        "bulk_exports",
        include_str!("../migrations/postgres/0020_bulk_exports.sql"),
    ),
    (
        21,
        "api_clients",
        include_str!("../migrations/postgres/0021_api_clients.sql"),
    ),
];

/// A connection pool to one database, SQLite or PostgreSQL. Cheap to clone (the pool is
/// shared). Every method is a short transaction or a single statement.
#[derive(Debug, Clone)]
pub struct Store {
    backend: Backend,
}

#[derive(Debug, Clone)]
enum Backend {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Opens a pool. `url` is `postgres://...` (or `postgresql://...`), `sqlite://PATH?mode=rwc`
/// (any sqlx SQLite URL, including `sqlite::memory:`), or a directory path in which the
/// SQLite file [`SQLITE_FILE`] is created. Does not migrate: call [`Store::migrate`].
pub async fn connect(url: &str) -> Result<Store> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let pool = PgPoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(10))
            .connect(url)
            .await?;
        return Ok(Store {
            backend: Backend::Postgres(pool),
        });
    }
    let (options, memory) = if url.starts_with("sqlite:") {
        let memory = url.contains(":memory:") || url.contains("mode=memory");
        (SqliteConnectOptions::from_str(url)?, memory)
    } else if let Some((scheme, _)) = url.split_once("://") {
        return Err(Error::Invalid(format!(
            "unsupported database URL scheme {scheme:?}: use sqlite://PATH?mode=rwc, \
             postgres://USER@HOST:PORT/DB or a data directory path"
        )));
    } else {
        std::fs::create_dir_all(url).map_err(sqlx::Error::Io)?;
        let file = Path::new(url).join(SQLITE_FILE);
        (
            SqliteConnectOptions::new()
                .filename(file)
                .create_if_missing(true),
            false,
        )
    };
    let options = options
        .journal_mode(SqliteJournalMode::Wal)
        .foreign_keys(true)
        .busy_timeout(BUSY_TIMEOUT)
        .synchronous(SqliteSynchronous::Full);
    let mut pool = SqlitePoolOptions::new().max_connections(8);
    if memory {
        // Every connection to `:memory:` is its own database: keep exactly one, forever.
        pool = pool
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None);
    }
    let pool = pool.connect_with(options).await?;
    Ok(Store {
        backend: Backend::Sqlite(pool),
    })
}

impl Store {
    /// `"sqlite"` or `"postgres"`.
    pub fn backend_name(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite(_) => "sqlite",
            Backend::Postgres(_) => "postgres",
        }
    }

    /// Applies the embedded migrations of this backend that have not run yet.
    pub async fn migrate(&self) -> Result<()> {
        match &self.backend {
            Backend::Sqlite(pool) => migrator(SQLITE_MIGRATIONS).run(pool).await?,
            Backend::Postgres(pool) => migrator(POSTGRES_MIGRATIONS).run(pool).await?,
        }
        Ok(())
    }

    /// Closes the pool, waiting for connections in use to be returned.
    pub async fn close(&self) {
        on!(self, pool => pool.close().await)
    }
}

fn migrator(files: &'static [(i64, &'static str, &'static str)]) -> Migrator {
    Migrator::with_migrations(
        files
            .iter()
            .map(|&(version, description, sql)| {
                Migration::new(
                    version,
                    Cow::Borrowed(description),
                    MigrationType::Simple,
                    sql.into_sql_str(),
                    false,
                )
            })
            .collect(),
    )
}

/// Starting a transaction that will write. SQLite's default deferred transaction can fail
/// with "database is locked" when it upgrades from reading to writing while another
/// connection writes, without waiting for `busy_timeout`; `BEGIN IMMEDIATE` takes the write
/// lock up front (and does wait).
trait BeginWrite {
    type Db: sqlx::Database;
    async fn begin_write(&self) -> Result<Transaction<'static, Self::Db>>;
}

impl BeginWrite for SqlitePool {
    type Db = Sqlite;
    async fn begin_write(&self) -> Result<Transaction<'static, Sqlite>> {
        Ok(self.begin_with("BEGIN IMMEDIATE").await?)
    }
}

impl BeginWrite for PgPool {
    type Db = Postgres;
    async fn begin_write(&self) -> Result<Transaction<'static, Postgres>> {
        Ok(self.begin().await?)
    }
}

/// A timestamp as stored: UTC Unix seconds.
fn secs(t: OffsetDateTime) -> i64 {
    t.unix_timestamp()
}

/// A stored timestamp read back.
fn at(secs: i64) -> Result<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp(secs)
        .map_err(|e| error::corrupt(format!("bad timestamp {secs}: {e}")))
}

/// Rejects an expiry that is not after `now`.
fn check_expiry(now: OffsetDateTime, expires_at: OffsetDateTime) -> Result<()> {
    if secs(expires_at) <= secs(now) {
        return Err(Error::Invalid(
            "expiry must be at least one second after now".into(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::block_on;

    #[test]
    fn embedded_migrations_match_the_files() {
        for (dir, list) in [
            ("sqlite", SQLITE_MIGRATIONS),
            ("postgres", POSTGRES_MIGRATIONS),
        ] {
            let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("migrations")
                .join(dir);
            let mut files: Vec<String> = std::fs::read_dir(&path)
                .unwrap()
                .map(|e| e.unwrap().file_name().into_string().unwrap())
                .collect();
            files.sort();
            let listed: Vec<String> = list
                .iter()
                .map(|(v, d, _)| format!("{v:04}_{d}.sql"))
                .collect();
            assert_eq!(files, listed, "register every file of {path:?} in lib.rs");
        }
    }

    #[test]
    fn a_data_directory_gets_wal_foreign_keys_and_full_sync() {
        let dir = tempfile::tempdir().unwrap();
        block_on(async {
            let store = connect(dir.path().to_str().unwrap()).await.unwrap();
            store.migrate().await.unwrap();
            store.migrate().await.unwrap(); // idempotent
            let Backend::Sqlite(pool) = &store.backend else {
                panic!("not sqlite")
            };
            let mut conn = pool.acquire().await.unwrap();
            for (pragma, want) in [
                ("PRAGMA journal_mode", "wal"),
                ("PRAGMA foreign_keys", "1"),
                ("PRAGMA synchronous", "2"),
                ("PRAGMA busy_timeout", "5000"),
            ] {
                let value: String = match sqlx::query_scalar::<_, String>(pragma)
                    .fetch_one(&mut *conn)
                    .await
                {
                    Ok(s) => s,
                    Err(_) => sqlx::query_scalar::<_, i64>(pragma)
                        .fetch_one(&mut *conn)
                        .await
                        .unwrap()
                        .to_string(),
                };
                assert_eq!(value, want, "{pragma}");
            }
            drop(conn);
            store.close().await;
        });
        assert!(dir.path().join(SQLITE_FILE).exists());
    }

    #[test]
    fn an_in_memory_database_keeps_its_schema_across_calls() {
        block_on(async {
            let store = connect("sqlite::memory:").await.unwrap();
            store.migrate().await.unwrap();
            let now = OffsetDateTime::from_unix_timestamp(1_790_000_000).unwrap();
            let email = Email::parse("mem@example.org").unwrap();
            let hash = PasswordHash::new("$argon2id$v=19$x").unwrap();
            let user = store
                .create_user(&email, &hash, Role::Patient, now)
                .await
                .unwrap();
            assert_eq!(store.user_by_email(&email).await.unwrap(), user);
        });
    }

    #[test]
    fn unknown_schemes_are_invalid() {
        let err = block_on(connect("mysql://localhost/x")).unwrap_err();
        assert!(matches!(err, Error::Invalid(m) if m.contains("\"mysql\"")));
    }
}
