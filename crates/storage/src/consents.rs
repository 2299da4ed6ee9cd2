//! Consent to store health data (issue 12): each time a person agrees to the privacy
//! notice, the notice's version and the date are kept (`consents`, migration 0008).
//!
//! No row for the current version means no consent yet: the web app asks before it stores
//! any health data. Deleting the account withdraws consent, and its rows go with the
//! account (`ON DELETE CASCADE`). Sign-up creates the account and records the consent in
//! one transaction ([`Store::create_user_with_consent`]), so there is never an account made
//! by sign-up without the consent its form gave.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::error::{Result, classify};
use crate::{Email, Error, PasswordHash, Role, Store, User, UserId, at, secs};

/// The longest notice version the store keeps (the database checks it too).
pub const MAX_NOTICE_VERSION: usize = 32;

/// One agreement to the privacy notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    /// The version of the notice agreed to, e.g. `2026-12-03`.
    pub notice_version: String,
    /// When the person agreed (the first time, for this version).
    #[serde(with = "time::serde::rfc3339")]
    pub agreed_at: OffsetDateTime,
}

/// Records an agreement ($1 user, $2 version, $3 when); agreeing to the same version again
/// keeps the first date.
pub(crate) const INSERT_CONSENT: &str = "INSERT INTO consents (user_id, notice_version, agreed_at) \
     VALUES ($1, $2, $3) ON CONFLICT (user_id, notice_version) DO NOTHING";

/// [`Error::Invalid`] unless `version` is 1 to [`MAX_NOTICE_VERSION`] visible ASCII
/// characters (a date such as `2026-12-03` is one).
fn check_version(version: &str) -> Result<()> {
    if version.is_empty()
        || version.len() > MAX_NOTICE_VERSION
        || !version.bytes().all(|b| b.is_ascii_graphic())
    {
        return Err(Error::Invalid(format!(
            "a notice version is 1 to {MAX_NOTICE_VERSION} visible ASCII characters, \
             not {version:?}"
        )));
    }
    Ok(())
}

impl Store {
    /// Creates an account that agreed to the notice `notice_version` at `now`, both in one
    /// transaction. [`Error::Conflict`] if the email is already registered (and nothing
    /// is stored), [`Error::Invalid`] for a bad version.
    pub async fn create_user_with_consent(
        &self,
        email: &Email,
        password_hash: &PasswordHash,
        role: Role,
        notice_version: &str,
        now: OffsetDateTime,
    ) -> Result<User> {
        check_version(notice_version)?;
        self.insert_user(email, password_hash, role, Some(notice_version), now)
            .await
    }

    /// Records that `user` agreed to the notice `notice_version` at `now`. Agreeing to a
    /// version again keeps the first date. [`Error::NotFound`] if there is no such user,
    /// [`Error::Invalid`] for a bad version.
    pub async fn record_consent(
        &self,
        user: UserId,
        notice_version: &str,
        now: OffsetDateTime,
    ) -> Result<()> {
        check_version(notice_version)?;
        on!(self, pool => sqlx::query(INSERT_CONSENT)
            .bind(user.0)
            .bind(notice_version)
            .bind(secs(now))
            .execute(pool)
            .await
            .map(|_| ()))
        .map_err(|e| classify(e, "consent already recorded"))?;
        Ok(())
    }

    /// The user's agreement to the notice `notice_version`, if they gave one.
    pub async fn consent(&self, user: UserId, notice_version: &str) -> Result<Option<Consent>> {
        let row: Option<i64> = on!(self, pool => sqlx::query_scalar(
            "SELECT agreed_at FROM consents WHERE user_id = $1 AND notice_version = $2",
        )
        .bind(user.0)
        .bind(notice_version)
        .fetch_optional(pool)
        .await)?;
        row.map(|agreed| {
            Ok(Consent {
                notice_version: notice_version.to_owned(),
                agreed_at: at(agreed)?,
            })
        })
        .transpose()
    }

    /// Every agreement the user gave, oldest first (for their data export).
    pub async fn consents(&self, user: UserId) -> Result<Vec<Consent>> {
        let rows: Vec<(String, i64)> = on!(self, pool => sqlx::query_as(
            "SELECT notice_version, agreed_at FROM consents WHERE user_id = $1 \
             ORDER BY agreed_at, notice_version",
        )
        .bind(user.0)
        .fetch_all(pool)
        .await)?;
        rows.into_iter()
            .map(|(notice_version, agreed)| {
                Ok(Consent {
                    notice_version,
                    agreed_at: at(agreed)?,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;
    use crate::testing::{ScratchDatabase, block_on, postgres_url};
    use crate::{Error, connect};

    const T0: OffsetDateTime = datetime!(2026-12-03 09:00 UTC);

    fn hash() -> PasswordHash {
        PasswordHash::new("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA").unwrap()
    }

    /// Consent on any backend: kept with its version and date, refused when bad, never
    /// half-made with an account, in the export, and gone with the account.
    async fn consent_story(store: Store) {
        store.migrate().await.unwrap();
        let ann = Email::parse("ann@example.org").unwrap();
        let user = store
            .create_user_with_consent(&ann, &hash(), Role::Patient, "2026-12-03", T0)
            .await
            .unwrap();
        assert_eq!(store.user(user.id).await.unwrap(), user);
        let given = Consent {
            notice_version: "2026-12-03".into(),
            agreed_at: T0,
        };
        assert_eq!(
            store.consent(user.id, "2026-12-03").await.unwrap(),
            Some(given.clone())
        );
        assert_eq!(store.consent(user.id, "2027-01-01").await.unwrap(), None);

        // The same email again: a conflict, and no second account or consent.
        let again = store
            .create_user_with_consent(&ann, &hash(), Role::Patient, "2026-12-03", T0)
            .await;
        assert!(matches!(again, Err(Error::Conflict(_))), "{again:?}");
        // A bad version is refused before anything is written.
        let bo = Email::parse("bo@example.org").unwrap();
        for bad in ["", "with space", &"9".repeat(MAX_NOTICE_VERSION + 1)] {
            let r = store
                .create_user_with_consent(&bo, &hash(), Role::Patient, bad, T0)
                .await;
            assert!(matches!(r, Err(Error::Invalid(_))), "{bad:?}: {r:?}");
        }
        assert!(matches!(
            store.user_by_email(&bo).await,
            Err(Error::NotFound)
        ));

        // An account made without consent (`backcare user add`) has none until it agrees.
        let bo = store
            .create_user(&bo, &hash(), Role::Patient, T0)
            .await
            .unwrap();
        assert_eq!(store.consents(bo.id).await.unwrap(), []);
        let later = T0 + time::Duration::days(2);
        store
            .record_consent(bo.id, "2026-12-03", later)
            .await
            .unwrap();
        // Agreeing again keeps the first date; a new version is a row of its own.
        store
            .record_consent(bo.id, "2026-12-03", later + time::Duration::hours(1))
            .await
            .unwrap();
        let newer = later + time::Duration::days(30);
        store
            .record_consent(bo.id, "2027-01-10", newer)
            .await
            .unwrap();
        assert_eq!(
            store.consents(bo.id).await.unwrap(),
            [
                Consent {
                    notice_version: "2026-12-03".into(),
                    agreed_at: later
                },
                Consent {
                    notice_version: "2027-01-10".into(),
                    agreed_at: newer
                }
            ]
        );
        assert!(matches!(
            store
                .record_consent(UserId(999_999), "2026-12-03", T0)
                .await,
            Err(Error::NotFound)
        ));
        assert!(matches!(
            store.record_consent(bo.id, "", T0).await,
            Err(Error::Invalid(_))
        ));

        // The export holds the consent; deleting the account removes it (withdrawn).
        assert_eq!(store.export_user(user.id).await.unwrap().consents, [given]);
        store.delete_user(user.id).await.unwrap();
        assert_eq!(store.consents(user.id).await.unwrap(), []);
        // Bo's are untouched.
        assert_eq!(store.consents(bo.id).await.unwrap().len(), 2);
        store.close().await;
    }

    #[test]
    fn consent_on_sqlite() {
        block_on(async {
            let dir = tempfile::tempdir().unwrap();
            consent_story(connect(dir.path().to_str().unwrap()).await.unwrap()).await;
        });
    }

    #[test]
    fn consent_on_postgres() {
        let Some(admin) = postgres_url() else { return };
        block_on(async {
            let name = format!("backcare_consent_{}", std::process::id());
            let scratch = ScratchDatabase::create(&admin, &name).await;
            consent_story(connect(scratch.url()).await.unwrap()).await;
            scratch.drop().await;
        });
    }
}
