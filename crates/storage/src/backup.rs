//! Backups of a SQLite database taken while the server runs, and the checks a copy gets
//! before it is put back.
//!
//! `VACUUM INTO` writes the copy inside one read transaction, so the server goes on
//! writing while it runs and the copy is of one instant, with the write-ahead log folded
//! in (a plain file copy of a WAL database can miss committed writes or tear a page).
//! PostgreSQL has its own tools for this (`pg_dump`, `pg_restore`); the deployment guide
//! shows them.

use std::path::Path;

use crate::error::corrupt;
use crate::{Backend, Error, Result, Store};

/// The tables every backcare database has, whatever its release: a copy without them is
/// not one of ours.
const CORE_TABLES: [&str; 3] = ["users", "sessions", "assessments"];

impl Store {
    /// Writes a consistent copy of this SQLite database to the new file `to`. An error if
    /// `to` exists, or on PostgreSQL.
    pub async fn backup_to(&self, to: &Path) -> Result<()> {
        let Backend::Sqlite(pool) = &self.backend else {
            return Err(Error::Invalid(
                "backups of a PostgreSQL database are made with pg_dump (see docs/deploy.md)"
                    .to_owned(),
            ));
        };
        if to.exists() {
            return Err(Error::Invalid(format!(
                "{} already exists: choose a new file name, so no backup is overwritten",
                to.display()
            )));
        }
        let to = to
            .to_str()
            .ok_or_else(|| Error::Invalid(format!("{} is not valid UTF-8", to.display())))?;
        sqlx::query("VACUUM INTO ?").bind(to).execute(pool).await?;
        Ok(())
    }

    /// Checks that this database is whole (SQLite's `integrity_check`) and is a backcare
    /// database; on PostgreSQL only the second. The error says what is wrong, in words an
    /// administrator can act on.
    pub async fn check_integrity(&self) -> Result<()> {
        if let Backend::Sqlite(pool) = &self.backend {
            let problems: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
                .fetch_all(pool)
                .await?;
            if problems != ["ok"] {
                return Err(corrupt(format!(
                    "the database is damaged: {}",
                    problems.join("; ")
                )));
            }
        }
        for table in CORE_TABLES {
            // A table name cannot be bound; these are constants of ours.
            let sql = format!("SELECT COUNT(*) FROM {table}");
            let found = on!(self, pool => sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql)).fetch_one(pool).await);
            if found.is_err() {
                return Err(Error::Invalid(format!(
                    "this is not a backcare database: it has no {table} table"
                )));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use time::OffsetDateTime;

    use crate::testing::block_on;
    use crate::{Email, PasswordHash, Role, connect};

    #[test]
    fn a_backup_holds_what_was_written_and_is_never_written_over() {
        block_on(async {
            let tmp = tempfile::tempdir().unwrap();
            let dir = tmp.path();
            let store = connect(dir.join("live").to_str().unwrap()).await.unwrap();
            store.migrate().await.unwrap();
            let email = Email::parse("ann@example.org").unwrap();
            let hash = PasswordHash::new("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA").unwrap();
            store
                .create_user(&email, &hash, Role::Patient, OffsetDateTime::now_utc())
                .await
                .unwrap();
            let copy = dir.join("copy.sqlite3");
            store.backup_to(&copy).await.unwrap();
            let again = store.backup_to(&copy).await.unwrap_err();
            assert!(again.to_string().contains("already exists"), "{again}");

            let restored = connect(&format!("sqlite://{}?mode=rw", copy.display()))
                .await
                .unwrap();
            restored.check_integrity().await.unwrap();
            assert_eq!(restored.user_by_email(&email).await.unwrap().email, email);
        });
    }

    #[test]
    fn a_file_that_is_not_a_backcare_database_is_named_as_such() {
        block_on(async {
            let tmp = tempfile::tempdir().unwrap();
            let dir = tmp.path();
            let file = dir.join("other.sqlite3");
            let other = connect(&format!("sqlite://{}?mode=rwc", file.display()))
                .await
                .unwrap();
            let e = other.check_integrity().await.unwrap_err();
            assert!(e.to_string().contains("not a backcare database"), "{e}");
        });
    }
}
