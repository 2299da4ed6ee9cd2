//! Upgrades: a database made by the previous release's migrations, with rows as that
//! release wrote them, opens with today's code on both backends: the new migrations run
//! and every row reads back unchanged through the store.

use serde_json::json;
use time::{OffsetDateTime, UtcOffset, macros::datetime};

use crate::testing::{ScratchDatabase, block_on, postgres_url};
use crate::{
    Backend, Email, POSTGRES_MIGRATIONS, PasswordHash, Role, SQLITE_MIGRATIONS, Store, TokenHash,
    UserId, connect, migrator,
};

/// The last migration of the previous release.
const PREVIOUS_RELEASE: i64 = 4;

/// `store` at the schema of the previous release, filled with its rows.
async fn as_previous_release(store: &Store) {
    let (files, rows) = match store.backend {
        Backend::Sqlite(_) => (
            SQLITE_MIGRATIONS,
            include_str!("../tests/fixtures/previous-release/sqlite.sql"),
        ),
        Backend::Postgres(_) => (
            POSTGRES_MIGRATIONS,
            include_str!("../tests/fixtures/previous-release/postgres.sql"),
        ),
    };
    let old: Vec<_> = files
        .iter()
        .copied()
        .filter(|m| m.0 <= PREVIOUS_RELEASE)
        .collect();
    let old = migrator(Vec::leak(old));
    on!(store, pool => old.run(pool).await).unwrap();
    on!(store, pool => sqlx::raw_sql(sqlx::AssertSqlSafe(rows)).execute(pool).await.map(drop))
        .unwrap();
}

async fn upgrade_keeps_every_row(store: Store) {
    as_previous_release(&store).await;
    store
        .migrate()
        .await
        .expect("today's migrations run over the old rows");

    let ann = Email::parse("ann@example.org").unwrap();
    let user = store.user_by_email(&ann).await.unwrap();
    assert_eq!((user.id, user.role), (UserId(1), Role::Patient));
    assert_eq!(
        store.utc_offset(user.id).await.unwrap(),
        Some(UtcOffset::from_hms(1, 0, 0).unwrap())
    );
    let token =
        TokenHash::new("0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0").unwrap();
    // Migration 0007: an old session counts as last seen when it began, so it is live
    // within the idle limit of its role and refused after it.
    let began = datetime!(2025-11-20 00:55 UTC);
    let session = store.session(&token, began).await.unwrap();
    assert_eq!((session.user.id, session.last_seen_at), (user.id, began));
    let now = datetime!(2026-12-02 12:00 UTC);
    assert!(store.session(&token, now).await.is_err(), "idle for a year");

    let export = store.export_user(user.id).await.unwrap();
    assert_eq!(export.account.created_at.unix_timestamp(), 1_763_600_000);
    let [stored] = &export.assessments[..] else {
        panic!("one assessment: {:?}", export.assessments)
    };
    assert_eq!(stored.intake, json!({"age": 35, "version": 2}));
    assert_eq!(
        stored.assessment,
        json!({"version": 2, "triage": {"level": "self_care"}})
    );
    assert_eq!(export.intake_draft, Some(json!({"version": 2, "age": 35})));
    let diary: Vec<_> = export
        .diary
        .iter()
        .map(|e| {
            (
                e.day.to_string(),
                e.pain,
                e.sessions_done,
                e.minutes_walked,
                e.flare_up,
            )
        })
        .collect();
    assert_eq!(
        diary,
        [
            ("2025-11-20".to_owned(), 4, 1, 20, false),
            ("2025-11-21".to_owned(), 6, 0, 5, true)
        ]
    );
    assert_eq!(export.diary[1].notes, "a bad day");
    let [reassessment] = &export.reassessments[..] else {
        panic!("one reassessment")
    };
    assert_eq!(
        reassessment.scores,
        json!({"version": 1, "instrument": "odi"})
    );
    assert_eq!(export.fhir_resources.len(), 1);
    assert_eq!(export.api_tokens.len(), 1);
    assert_eq!(export.linked_clinicians.len(), 1);
    assert_eq!(export.access_log.len(), 1);
    // Migration 0008: nobody agreed to the privacy notice before it existed (they are asked).
    assert_eq!(export.consents, []);

    // New rows take ids after the old ones (the identity sequence was carried over).
    let hash =
        PasswordHash::new("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo").unwrap();
    let bo = Email::parse("bo@example.org").unwrap();
    let made = store
        .create_user(&bo, &hash, Role::Patient, OffsetDateTime::now_utc())
        .await
        .unwrap();
    assert_eq!(made.id, UserId(3));
    store.close().await;
}

#[test]
fn a_previous_release_database_upgrades_on_sqlite() {
    block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let store = connect(dir.path().to_str().unwrap()).await.unwrap();
        upgrade_keeps_every_row(store).await;
    });
}

#[test]
fn a_previous_release_database_upgrades_on_postgres() {
    let Some(admin) = postgres_url() else { return };
    block_on(async {
        let name = format!("backcare_upgrade_{}", std::process::id());
        let scratch = ScratchDatabase::create(&admin, &name).await;
        let store = connect(scratch.url()).await.unwrap();
        upgrade_keeps_every_row(store).await;
        scratch.drop().await;
    });
}
