//! Scratch PostgreSQL databases and SQLite files for the tests of every crate that uses the
//! store.
//!
//! Tests run once on SQLite and once on PostgreSQL. The PostgreSQL run needs a server: its
//! admin URL comes from `BACKCARE_TEST_POSTGRES_URL` (`./scripts/test` starts one with
//! `scripts/postgres`). An unset variable FAILS the test unless `BACKCARE_SKIP_POSTGRES=1`
//! asks to skip on purpose: a test that skips itself silently cannot fail. Everything here
//! panics on trouble, because it only ever runs inside tests.

use sqlx::{Connection, Executor, PgConnection};

/// How to get a server, shown when there is none.
pub const HOW_TO_START: &str = "Start a throwaway PostgreSQL server and export its URL:\n\
     \n    export BACKCARE_TEST_POSTGRES_URL=$(scripts/postgres)\n\n\
     (./scripts/test does this for you). To skip the PostgreSQL tests on purpose, set \
     BACKCARE_SKIP_POSTGRES=1.";

/// Runs a future to completion on a fresh single-threaded runtime (for synchronous tests).
pub fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
        .block_on(f)
}

/// The admin URL, or `None` when skipping was asked for explicitly.
///
/// # Panics
/// When `BACKCARE_TEST_POSTGRES_URL` is unset and skipping was not asked for.
pub fn postgres_url() -> Option<String> {
    match std::env::var("BACKCARE_TEST_POSTGRES_URL") {
        Ok(url) if !url.trim().is_empty() => Some(url.trim().to_owned()),
        _ if std::env::var("BACKCARE_SKIP_POSTGRES").as_deref() == Ok("1") => {
            eprintln!("PostgreSQL test skipped: BACKCARE_SKIP_POSTGRES=1");
            None
        }
        _ => panic!("BACKCARE_TEST_POSTGRES_URL is not set.\n{HOW_TO_START}"),
    }
}

/// `url` with its database name replaced by `db`.
pub fn with_database(url: &str, db: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let after_scheme = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[after_scheme..]
        .find('/')
        .map_or(base.len(), |i| after_scheme + i);
    format!("{}/{db}{query}", &base[..host_end])
}

/// A fresh, empty database on the test server, dropped by [`ScratchDatabase::drop`].
pub struct ScratchDatabase {
    admin: PgConnection,
    name: String,
    url: String,
}

impl ScratchDatabase {
    /// Creates database `name` (letters, digits and `_` only), replacing a leftover one.
    ///
    /// # Panics
    /// When the server cannot be reached or `name` is not a plain identifier.
    pub async fn create(admin_url: &str, name: &str) -> ScratchDatabase {
        assert!(
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'),
            "scratch database names are letters, digits and `_`: {name:?}"
        );
        let mut admin = PgConnection::connect(admin_url).await.unwrap_or_else(|e| {
            panic!("cannot connect to BACKCARE_TEST_POSTGRES_URL: {e}\n{HOW_TO_START}")
        });
        // The name was checked above, so it needs no quoting.
        for sql in [
            format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
            format!("CREATE DATABASE {name}"),
        ] {
            admin.execute(sqlx::AssertSqlSafe(sql)).await.unwrap();
        }
        ScratchDatabase {
            admin,
            name: name.to_owned(),
            url: with_database(admin_url, name),
        }
    }

    /// The URL of the scratch database.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Drops the database, closing any connection still open to it.
    pub async fn drop(mut self) {
        let sql = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
        self.admin.execute(sqlx::AssertSqlSafe(sql)).await.unwrap();
        self.admin.close().await.unwrap();
    }
}

/// Makes a patient with `email` on `store` at `now` (a placeholder password hash: the
/// storage tests never check passwords).
pub async fn patient(
    store: &crate::Store,
    email: &str,
    now: time::OffsetDateTime,
) -> crate::UserId {
    let hash = crate::PasswordHash::new("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA").unwrap();
    store
        .create_user(
            &crate::Email::parse(email).unwrap(),
            &hash,
            crate::Role::Patient,
            now,
        )
        .await
        .unwrap()
        .id
}

/// Runs `test` with a migrated [`crate::Store`] on a new scratch database named `name`
/// plus the process id, then closes the store and drops the database, even when the test
/// panics (the panic is carried on). Nothing when the PostgreSQL tests are skipped on
/// purpose ([`postgres_url`]).
pub fn on_scratch_store<F, Fut>(name: &str, test: F)
where
    F: FnOnce(crate::Store) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let Some(admin) = postgres_url() else {
        return;
    };
    block_on(async {
        let name = format!("{name}_{}", std::process::id());
        let scratch = ScratchDatabase::create(&admin, &name).await;
        let store = crate::connect(scratch.url()).await.unwrap();
        store.migrate().await.unwrap();
        // On a task of its own, so a panic is caught and the database still dropped.
        let outcome = tokio::spawn(test(store.clone())).await;
        store.close().await;
        scratch.drop().await;
        if let Err(e) = outcome {
            std::panic::resume_unwind(e.into_panic());
        }
    });
}

/// Runs `test` with a migrated [`crate::Store`] on a new SQLite file (not `:memory:`, so
/// that several connections really ask at once), then closes the store and removes the
/// file's directory, even when the test panics.
pub fn on_scratch_sqlite_file<F, Fut>(test: F)
where
    F: FnOnce(crate::Store) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    // Removed when dropped, which unwinding from a panic does too.
    let dir = tempfile::Builder::new()
        .prefix("backcare-storage-")
        .tempdir()
        .expect("a scratch directory");
    block_on(async {
        let store = crate::connect(dir.path().to_str().expect("a UTF-8 path"))
            .await
            .unwrap();
        store.migrate().await.unwrap();
        test(store.clone()).await;
        store.close().await;
    });
}

/// Two tests that run the same stories (each an `async fn(&Store)`, in order): `$sqlite` on
/// an in-memory SQLite database, `$postgres` on a scratch PostgreSQL database named `$db`
/// ([`on_scratch_store`]).
#[cfg(test)]
macro_rules! stories_on_both_backends {
    ($sqlite:ident, $postgres:ident, $db:literal, [$($story:path),+ $(,)?]) => {
        #[test]
        fn $sqlite() {
            crate::testing::block_on(async {
                let store = crate::connect("sqlite::memory:").await.unwrap();
                store.migrate().await.unwrap();
                $($story(&store).await;)+
            });
        }

        #[test]
        fn $postgres() {
            crate::testing::on_scratch_store($db, |store| async move {
                $($story(&store).await;)+
            });
        }
    };
}
#[cfg(test)]
pub(crate) use stories_on_both_backends;

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn database_names_are_replaced_in_urls() {
        for (url, want) in [
            (
                "postgres://postgres@127.0.0.1:55432/postgres",
                "postgres://postgres@127.0.0.1:55432/x",
            ),
            (
                "postgres://u:p@h/db?sslmode=disable",
                "postgres://u:p@h/x?sslmode=disable",
            ),
            ("postgres://h:1", "postgres://h:1/x"),
        ] {
            assert_eq!(with_database(url, "x"), want);
        }
    }
}
