//! Is the database's schema the one this code expects? For a readiness probe: the server
//! migrates at start-up, but another instance of a newer release, or a hand-made
//! restore, can leave the database ahead or behind the code that is serving it.
//!
//! It reads sqlx's migration table (`_sqlx_migrations`) and never writes: a missing table
//! means nothing was migrated yet.

use sqlx::Row;

use crate::{Backend, POSTGRES_MIGRATIONS, Result, SQLITE_MIGRATIONS, Store};

/// How the database's migrations compare with the ones compiled into this code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemaStatus {
    /// Every embedded migration has run, and no other.
    Current,
    /// These embedded migrations (versions) have not run yet.
    Behind(Vec<i64>),
    /// The database has migrations this code does not know (a newer release ran).
    Ahead(Vec<i64>),
    /// A migration started and failed (sqlx marks it not successful): the schema is half
    /// changed and needs a person.
    Failed(i64),
}

impl Store {
    /// Compares the migrations that ran on this database with the embedded ones.
    pub async fn schema_status(&self) -> Result<SchemaStatus> {
        let (embedded, has_table) = match &self.backend {
            Backend::Sqlite(pool) => (
                SQLITE_MIGRATIONS,
                sqlx::query_scalar::<_, bool>(
                    "SELECT EXISTS (SELECT 1 FROM sqlite_master \
                     WHERE type = 'table' AND name = '_sqlx_migrations')",
                )
                .fetch_one(pool)
                .await?,
            ),
            Backend::Postgres(pool) => (
                POSTGRES_MIGRATIONS,
                sqlx::query_scalar::<_, bool>("SELECT to_regclass('_sqlx_migrations') IS NOT NULL")
                    .fetch_one(pool)
                    .await?,
            ),
        };
        let ran: Vec<(i64, bool)> = if has_table {
            on!(self, pool => {
                sqlx::query("SELECT version, success FROM _sqlx_migrations ORDER BY version")
                    .fetch_all(pool)
                    .await?
                    .iter()
                    .map(|row| Ok((row.try_get::<i64, _>(0)?, row.try_get::<bool, _>(1)?)))
                    .collect::<std::result::Result<Vec<_>, sqlx::Error>>()?
            })
        } else {
            Vec::new()
        };
        Ok(compare(embedded, &ran))
    }
}

/// The connection pool's use, for the metrics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolUse {
    /// Connections open.
    pub open: u32,
    /// Of those, not in use.
    pub idle: usize,
}

impl Store {
    /// How many connections the pool has open, and how many of them are idle.
    pub fn pool_use(&self) -> PoolUse {
        on!(self, pool => PoolUse {
            open: pool.size(),
            idle: pool.num_idle(),
        })
    }
}

#[cfg(feature = "testing")]
impl Store {
    /// Records migration `version` as run, as a newer release would have: for the tests of
    /// readiness checks, which must see a database ahead of the code.
    pub async fn record_unknown_migration(&self, version: i64) -> Result<()> {
        on!(self, pool => sqlx::query(
            "INSERT INTO _sqlx_migrations \
             (version, description, success, checksum, execution_time) \
             VALUES ($1, 'from a newer release', TRUE, $2, 0)",
        )
        .bind(version)
        .bind(vec![0u8])
        .execute(pool)
        .await
        .map(drop))?;
        Ok(())
    }
}

/// The status of a database that ran `ran` (version, success) against `embedded`.
fn compare(embedded: &[(i64, &str, &str)], ran: &[(i64, bool)]) -> SchemaStatus {
    if let Some(&(version, _)) = ran.iter().find(|(_, success)| !success) {
        return SchemaStatus::Failed(version);
    }
    let unknown: Vec<i64> = ran
        .iter()
        .map(|&(v, _)| v)
        .filter(|v| !embedded.iter().any(|m| m.0 == *v))
        .collect();
    if !unknown.is_empty() {
        return SchemaStatus::Ahead(unknown);
    }
    let missing: Vec<i64> = embedded
        .iter()
        .map(|m| m.0)
        .filter(|v| !ran.iter().any(|r| r.0 == *v))
        .collect();
    if missing.is_empty() {
        SchemaStatus::Current
    } else {
        SchemaStatus::Behind(missing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{ScratchDatabase, block_on, postgres_url};
    use crate::{connect, migrator};

    /// Empty, half-migrated, current, then ahead of the code (a newer release's row).
    async fn status_follows_the_migrations(store: Store) {
        let embedded = match store.backend {
            Backend::Sqlite(_) => SQLITE_MIGRATIONS,
            Backend::Postgres(_) => POSTGRES_MIGRATIONS,
        };
        let all: Vec<i64> = embedded.iter().map(|m| m.0).collect();
        assert_eq!(
            store.schema_status().await.unwrap(),
            SchemaStatus::Behind(all.clone())
        );

        let first = migrator(&embedded[..1]);
        on!(store, pool => first.run(pool).await).unwrap();
        assert_eq!(
            store.schema_status().await.unwrap(),
            SchemaStatus::Behind(all[1..].to_vec())
        );

        store.migrate().await.unwrap();
        assert_eq!(store.schema_status().await.unwrap(), SchemaStatus::Current);

        store.record_unknown_migration(9999).await.unwrap();
        assert_eq!(
            store.schema_status().await.unwrap(),
            SchemaStatus::Ahead(vec![9999])
        );
        store.close().await;
    }

    #[test]
    fn failed_migrations_come_first() {
        let embedded = &SQLITE_MIGRATIONS[..2];
        assert_eq!(
            compare(embedded, &[(1, true), (2, false)]),
            SchemaStatus::Failed(2)
        );
        assert_eq!(
            compare(embedded, &[(1, true), (2, true)]),
            SchemaStatus::Current
        );
    }

    #[test]
    fn sqlite_status_follows_the_migrations() {
        block_on(async {
            let store = connect("sqlite::memory:").await.unwrap();
            status_follows_the_migrations(store).await;
        });
    }

    #[test]
    fn postgres_status_follows_the_migrations() {
        let Some(admin) = postgres_url() else {
            return;
        };
        block_on(async {
            let name = format!("storage_schema_status_{}", std::process::id());
            let scratch = ScratchDatabase::create(&admin, &name).await;
            let store = connect(scratch.url()).await.unwrap();
            status_follows_the_migrations(store).await;
            scratch.drop().await;
        });
    }
}
