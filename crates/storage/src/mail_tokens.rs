//! Mail tokens: the secrets in the links we email (reset a password, verify an email), and
//! what using one changes. Also the two account facts those emails need: whether the email
//! was verified, and the language to write to the person in.
//!
//! Like sessions, only the token's hash is stored ([`TokenHash`]), so a copy of the
//! database holds no working link. A token is used at most once: using it deletes its row
//! in the same statement that reads it (`DELETE ... RETURNING`), so two requests racing with
//! one link cannot both succeed.

use time::OffsetDateTime;

use crate::accounts::{UserRow, user_from_row};
use crate::error::{Result, corrupt, found};
use crate::{BeginWrite, Email, Error, PasswordHash, Store, TokenHash, User, UserId, at, secs};

/// What a mail token's link does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailPurpose {
    /// Set a new password ("forgot password").
    Reset,
    /// Show that the account's email reaches its owner.
    Verify,
}

impl MailPurpose {
    fn as_str(self) -> &'static str {
        match self {
            MailPurpose::Reset => "reset",
            MailPurpose::Verify => "verify",
        }
    }
}

/// The language a person uses the site in, kept with the account so that emails sent
/// without a request of theirs (a notice, a reset asked for from elsewhere) are in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// English.
    En,
    /// Spanish.
    Es,
}

impl Language {
    fn as_str(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Es => "es",
        }
    }

    pub(crate) fn from_db(s: &str) -> Result<Self> {
        match s {
            "en" => Ok(Language::En),
            "es" => Ok(Language::Es),
            other => Err(corrupt(format!("unknown language {other:?}"))),
        }
    }
}

/// Uses a mail token of one purpose (`$3`) that has not expired at `$2`: deleted, so it
/// works once, and gives back whose it was and where it was sent.
const USE_TOKEN: &str = "DELETE FROM mail_tokens \
     WHERE token_hash = $1 AND expires_at > $2 AND purpose = $3 \
     RETURNING user_id, email";

impl Store {
    /// Stores a new mail token for `user`, sent to `email`, usable until `expires_at`.
    /// [`Error::Invalid`] if `expires_at` is not after `now`, [`Error::NotFound`] if the
    /// user does not exist, [`Error::Conflict`] if the hash is already in use.
    pub async fn create_mail_token(
        &self,
        token: &TokenHash,
        user: UserId,
        purpose: MailPurpose,
        email: &Email,
        now: OffsetDateTime,
        expires_at: OffsetDateTime,
    ) -> Result<()> {
        crate::check_expiry(now, expires_at)?;
        on!(self, pool => sqlx::query(
            "INSERT INTO mail_tokens (token_hash, user_id, purpose, email, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(token.as_str())
        .bind(user.0)
        .bind(purpose.as_str())
        .bind(email.as_str())
        .bind(secs(now))
        .bind(secs(expires_at))
        .execute(pool)
        .await
        .map(|_| ()))
        .map_err(|e| crate::error::classify(e, "mail token already in use"))?;
        Ok(())
    }

    /// How many tokens for `purpose` were made for `user` at or after `since` (used or not),
    /// to limit how many emails one account can be sent.
    pub async fn mail_tokens_since(
        &self,
        user: UserId,
        purpose: MailPurpose,
        since: OffsetDateTime,
    ) -> Result<u64> {
        let n: i64 = on!(self, pool => sqlx::query_scalar(
            "SELECT COUNT(*) FROM mail_tokens \
             WHERE user_id = $1 AND purpose = $2 AND created_at >= $3",
        )
        .bind(user.0)
        .bind(purpose.as_str())
        .bind(secs(since))
        .fetch_one(pool)
        .await)?;
        Ok(n.unsigned_abs())
    }

    /// The user a token for `purpose` belongs to, if it is unused and not expired at `now`;
    /// otherwise [`Error::NotFound`]. Does not use it up (to show the form the link leads
    /// to).
    pub async fn mail_token_user(
        &self,
        token: &TokenHash,
        purpose: MailPurpose,
        now: OffsetDateTime,
    ) -> Result<UserId> {
        let id: Option<i64> = on!(self, pool => sqlx::query_scalar(
            "SELECT user_id FROM mail_tokens \
             WHERE token_hash = $1 AND purpose = $2 AND expires_at > $3",
        )
        .bind(token.as_str())
        .bind(purpose.as_str())
        .bind(secs(now))
        .fetch_optional(pool)
        .await)?;
        id.map(UserId).ok_or(Error::NotFound)
    }

    /// Uses a password-reset token: in one transaction, deletes it (so it works once), sets
    /// the new password hash, ends every session of the account and deletes its other
    /// reset tokens. Since the link reached the account's email, that email counts as
    /// verified from now (if it is still the address the link went to). Returns the
    /// account; [`Error::NotFound`] if the token is unknown, used or expired at `now`.
    pub async fn reset_password_with_token(
        &self,
        token: &TokenHash,
        hash: &PasswordHash,
        now: OffsetDateTime,
    ) -> Result<User> {
        let row: UserRow = on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let used: Option<(i64, String)> = sqlx::query_as(USE_TOKEN)
                .bind(token.as_str())
                .bind(secs(now))
                .bind(MailPurpose::Reset.as_str())
                .fetch_optional(&mut *tx)
                .await?;
            let (user, sent_to) = used.ok_or(Error::NotFound)?;
            sqlx::query(
                "UPDATE users SET password_hash = $1, \
                 email_verified_at = CASE WHEN email = $3 \
                     THEN COALESCE(email_verified_at, $4) ELSE email_verified_at END \
                 WHERE id = $2",
            )
            .bind(hash.as_str())
            .bind(user)
            .bind(&sent_to)
            .bind(secs(now))
            .execute(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(user)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM mail_tokens WHERE user_id = $1 AND purpose = 'reset'")
                .bind(user)
                .execute(&mut *tx)
                .await?;
            let row: UserRow = sqlx::query_as(
                "SELECT id, email, role, password_hash, created_at FROM users WHERE id = $1",
            )
            .bind(user)
            .fetch_one(&mut *tx)
            .await?;
            tx.commit().await?;
            row
        });
        user_from_row(row)
    }

    /// Uses an email-verification token: deletes it and marks the account's email verified
    /// at `now`, if the account's email is still the address the link was sent to (a link
    /// to an old address verifies nothing). Returns the account;
    /// [`Error::NotFound`] if the token is unknown, used or expired at `now`.
    pub async fn verify_email_with_token(
        &self,
        token: &TokenHash,
        now: OffsetDateTime,
    ) -> Result<UserId> {
        let user: i64 = on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let used: Option<(i64, String)> = sqlx::query_as(USE_TOKEN)
                .bind(token.as_str())
                .bind(secs(now))
                .bind(MailPurpose::Verify.as_str())
                .fetch_optional(&mut *tx)
                .await?;
            let (user, sent_to) = used.ok_or(Error::NotFound)?;
            sqlx::query(
                "UPDATE users SET email_verified_at = COALESCE(email_verified_at, $1) \
                 WHERE id = $2 AND email = $3",
            )
            .bind(secs(now))
            .bind(user)
            .bind(&sent_to)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            user
        });
        Ok(UserId(user))
    }

    /// Gives the account a new email address, not yet verified (a link sent to it will show
    /// that it reaches its owner). Returns the old address, to tell it. [`Error::Conflict`]
    /// if another account uses the address, [`Error::NotFound`] if there is no such user.
    pub async fn change_email(&self, user: UserId, email: &Email) -> Result<Email> {
        let old: String = on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let old: Option<String> = sqlx::query_scalar("SELECT email FROM users WHERE id = $1")
                .bind(user.0)
                .fetch_optional(&mut *tx)
                .await?;
            let old = old.ok_or(Error::NotFound)?;
            sqlx::query("UPDATE users SET email = $2, email_verified_at = NULL WHERE id = $1")
                .bind(user.0)
                .bind(email.as_str())
                .execute(&mut *tx)
                .await
                .map_err(|e| crate::error::classify(e, "this email is already registered"))?;
            tx.commit().await?;
            old
        });
        Email::parse(&old).map_err(|e| corrupt(format!("stored email {old:?}: {e}")))
    }

    /// When the account's email was verified, or `None` if it has not been.
    /// [`Error::NotFound`] if there is no such user.
    pub async fn email_verified_at(&self, user: UserId) -> Result<Option<OffsetDateTime>> {
        let row: Option<(Option<i64>,)> = on!(self, pool => sqlx::query_as(
            "SELECT email_verified_at FROM users WHERE id = $1",
        )
        .bind(user.0)
        .fetch_optional(pool)
        .await)?;
        let (verified,) = row.ok_or(Error::NotFound)?;
        verified.map(at).transpose()
    }

    /// The language to write to the person in, `None` until known.
    /// [`Error::NotFound`] if there is no such user.
    pub async fn language(&self, user: UserId) -> Result<Option<Language>> {
        let row: Option<(Option<String>,)> = on!(self, pool => sqlx::query_as(
            "SELECT language FROM users WHERE id = $1",
        )
        .bind(user.0)
        .fetch_optional(pool)
        .await)?;
        let (language,) = row.ok_or(Error::NotFound)?;
        language.as_deref().map(Language::from_db).transpose()
    }

    /// Remembers the language the person uses the site in. [`Error::NotFound`] if there is
    /// no such user.
    pub async fn set_language(&self, user: UserId, language: Language) -> Result<()> {
        found(
            on!(self, pool => sqlx::query("UPDATE users SET language = $1 WHERE id = $2")
            .bind(language.as_str())
            .bind(user.0)
            .execute(pool)
            .await?
            .rows_affected()),
        )
    }

    /// Deletes the mail tokens that have expired at `now` (used ones are already gone);
    /// returns how many. Expired tokens are already refused by every read, so this only
    /// reclaims space (the housekeeping job of `serve` calls it).
    pub async fn delete_expired_mail_tokens(&self, now: OffsetDateTime) -> Result<u64> {
        Ok(
            on!(self, pool => sqlx::query("DELETE FROM mail_tokens WHERE expires_at <= $1")
                .bind(secs(now))
                .execute(pool)
                .await?
                .rows_affected()),
        )
    }
}

#[cfg(test)]
mod tests {
    use time::Duration;

    use super::*;
    use crate::Role;

    fn hash(c: char) -> TokenHash {
        TokenHash::new(c.to_string().repeat(64)).unwrap()
    }

    /// Tokens work once, only for their purpose, only until they expire; a reset ends
    /// every session and the other reset links; a verification marks the email.
    async fn tokens_work_once(store: &Store) {
        let now = OffsetDateTime::from_unix_timestamp(1_790_000_000).unwrap();
        let email = Email::parse("mail@example.org").unwrap();
        let old = PasswordHash::new("$argon2id$v=19$old").unwrap();
        let new = PasswordHash::new("$argon2id$v=19$new").unwrap();
        let user = store
            .create_user(&email, &old, Role::Patient, now)
            .await
            .unwrap();
        let hour = now + Duration::hours(1);
        for (c, purpose) in [
            ('a', MailPurpose::Reset),
            ('b', MailPurpose::Reset),
            ('c', MailPurpose::Verify),
        ] {
            store
                .create_mail_token(&hash(c), user.id, purpose, &email, now, hour)
                .await
                .unwrap();
        }
        let since = now - Duration::minutes(1);
        assert_eq!(
            store
                .mail_tokens_since(user.id, MailPurpose::Reset, since)
                .await
                .unwrap(),
            2
        );
        // Wrong purpose, expired, unknown: refused.
        assert!(matches!(
            store
                .mail_token_user(&hash('c'), MailPurpose::Reset, now)
                .await,
            Err(Error::NotFound)
        ));
        assert!(matches!(
            store
                .mail_token_user(&hash('a'), MailPurpose::Reset, hour)
                .await,
            Err(Error::NotFound)
        ));
        assert!(matches!(
            store
                .reset_password_with_token(&hash('a'), &new, hour)
                .await,
            Err(Error::NotFound)
        ));
        assert!(matches!(
            store.verify_email_with_token(&hash('a'), now).await,
            Err(Error::NotFound)
        ));
        assert_eq!(
            store
                .mail_token_user(&hash('a'), MailPurpose::Reset, now)
                .await
                .unwrap(),
            user.id
        );
        let session = TokenHash::new("s".repeat(64)).unwrap();
        store
            .create_session(&session, user.id, now, now + Duration::days(1))
            .await
            .unwrap();
        assert_eq!(store.email_verified_at(user.id).await.unwrap(), None);
        let reset = store
            .reset_password_with_token(&hash('a'), &new, now)
            .await
            .unwrap();
        assert_eq!(reset.password_hash, new);
        assert!(matches!(
            store.session(&session, now).await,
            Err(Error::NotFound)
        ));
        assert_eq!(
            store.email_verified_at(user.id).await.unwrap(),
            Some(now),
            "a used reset link shows the email reaches its owner"
        );
        for c in ['a', 'b'] {
            assert!(
                matches!(
                    store.reset_password_with_token(&hash(c), &old, now).await,
                    Err(Error::NotFound)
                ),
                "token {c} is used up"
            );
        }
        assert_eq!(
            store
                .verify_email_with_token(&hash('c'), now)
                .await
                .unwrap(),
            user.id
        );
        assert!(matches!(
            store.verify_email_with_token(&hash('c'), now).await,
            Err(Error::NotFound)
        ));
        // Language: unknown, then set; expired tokens are purged.
        assert_eq!(store.language(user.id).await.unwrap(), None);
        store.set_language(user.id, Language::Es).await.unwrap();
        assert_eq!(store.language(user.id).await.unwrap(), Some(Language::Es));
        assert!(matches!(
            store.set_language(UserId(999_999), Language::En).await,
            Err(Error::NotFound)
        ));
        store
            .create_mail_token(&hash('d'), user.id, MailPurpose::Verify, &email, now, hour)
            .await
            .unwrap();
        assert_eq!(store.delete_expired_mail_tokens(now).await.unwrap(), 0);
        assert_eq!(store.delete_expired_mail_tokens(hour).await.unwrap(), 1);
    }

    /// A verification link sent to an address the account no longer has verifies nothing.
    async fn a_link_to_an_old_address_verifies_nothing(store: &Store) {
        let now = OffsetDateTime::from_unix_timestamp(1_790_000_000).unwrap();
        let email = Email::parse("now@example.org").unwrap();
        let before = Email::parse("before@example.org").unwrap();
        let pw = PasswordHash::new("$argon2id$v=19$x").unwrap();
        let user = store
            .create_user(&email, &pw, Role::Patient, now)
            .await
            .unwrap();
        store
            .create_mail_token(
                &hash('e'),
                user.id,
                MailPurpose::Verify,
                &before,
                now,
                now + Duration::hours(1),
            )
            .await
            .unwrap();
        store
            .verify_email_with_token(&hash('e'), now)
            .await
            .unwrap();
        assert_eq!(store.email_verified_at(user.id).await.unwrap(), None);
    }

    /// A new address replaces the old one, unverified; a taken one is refused; a link sent
    /// to the old address no longer verifies anything.
    async fn the_email_changes_and_must_be_verified_again(store: &Store) {
        let now = OffsetDateTime::from_unix_timestamp(1_790_000_000).unwrap();
        let pw = PasswordHash::new("$argon2id$v=19$x").unwrap();
        let old = Email::parse("before@example.org").unwrap();
        let new = Email::parse("after@example.org").unwrap();
        let taken = Email::parse("taken@example.org").unwrap();
        let user = store
            .create_user(&old, &pw, Role::Patient, now)
            .await
            .unwrap();
        store
            .create_user(&taken, &pw, Role::Patient, now)
            .await
            .unwrap();
        let hour = now + Duration::hours(1);
        store
            .create_mail_token(&hash('v'), user.id, MailPurpose::Verify, &old, now, hour)
            .await
            .unwrap();
        assert!(matches!(
            store.change_email(user.id, &taken).await,
            Err(Error::Conflict(_))
        ));
        assert_eq!(store.change_email(user.id, &new).await.unwrap(), old);
        assert_eq!(store.user(user.id).await.unwrap().email, new);
        assert_eq!(store.email_verified_at(user.id).await.unwrap(), None);
        store
            .verify_email_with_token(&hash('v'), now)
            .await
            .unwrap();
        assert_eq!(
            store.email_verified_at(user.id).await.unwrap(),
            None,
            "a link to the old address verifies nothing"
        );
        assert!(matches!(
            store.change_email(UserId(999_999), &new).await,
            Err(Error::NotFound)
        ));
    }

    crate::testing::stories_on_both_backends!(
        mail_tokens_on_sqlite,
        mail_tokens_on_postgres,
        "storage_mail_tokens",
        [
            tokens_work_once,
            a_link_to_an_old_address_verifies_nothing,
            the_email_changes_and_must_be_verified_again
        ]
    );
}
