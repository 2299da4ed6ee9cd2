//! Backend services clients (SMART App Launch v2): systems registered with their public
//! keys (a JWKS) to act for one clinician's panel.
//!
//! A client proves who it is with a JWT signed by one of its keys (checked by the web
//! crate) and gets a short-lived, read-only access token: an [`ApiToken`] like those of
//! `backcare token add`, so every FHIR route treats it the same way.
//! [`Store::exchange_client_assertion`] records the assertion's `jti` and issues the token
//! in one transaction, so an assertion is never used twice. Deleting a client deletes its
//! tokens and its recorded assertions.

use time::OffsetDateTime;

use crate::api::{TokenRow, token_columns, token_from_row};
use crate::error::{Result, classify};
use crate::{ApiToken, BeginWrite, Error, Role, Store, TokenHash, UserId, at, secs};

/// The longest label of a client, in characters.
pub const MAX_CLIENT_LABEL: usize = 100;

/// The longest `jti` kept.
const MAX_JTI: usize = 255;

random_id!(
    /// A client's id: its `client_id`, the `iss` and `sub` of its assertions.
    ClientId
);

/// A registered client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiClient {
    /// Its id.
    pub id: ClientId,
    /// The clinician whose panel it reads.
    pub user: UserId,
    /// A name to recognise it by.
    pub label: String,
    /// Its public keys, a JSON Web Key Set as registered.
    pub jwks: String,
    /// When it was registered.
    pub created_at: OffsetDateTime,
}

type ClientRow = (String, i64, String, String, i64);

fn client_from_row((id, user, label, jwks, created): ClientRow) -> Result<ApiClient> {
    Ok(ApiClient {
        id: ClientId::parse(&id)
            .ok_or_else(|| crate::error::corrupt(format!("bad client id {id:?}")))?,
        user: UserId(user),
        label,
        jwks,
        created_at: at(created)?,
    })
}

impl Store {
    /// Registers a client for the clinician `user` with its JWKS (JSON text). Only a
    /// clinician's panel can have clients ([`Error::Invalid`] otherwise, as for a label
    /// longer than [`MAX_CLIENT_LABEL`]); [`Error::NotFound`] if the user does not exist.
    pub async fn create_api_client(
        &self,
        id: &ClientId,
        user: UserId,
        label: &str,
        jwks: &str,
        now: OffsetDateTime,
    ) -> Result<ApiClient> {
        if label.chars().count() > MAX_CLIENT_LABEL {
            return Err(Error::Invalid(format!(
                "a client's label has at most {MAX_CLIENT_LABEL} characters"
            )));
        }
        if serde_json::from_str::<serde_json::Value>(jwks).is_err() {
            return Err(Error::Invalid("the key set is not JSON".into()));
        }
        if self.user(user).await?.role != Role::Clinician {
            return Err(Error::Invalid(
                "only a clinician's panel can have backend clients".into(),
            ));
        }
        on!(self, pool => sqlx::query(
            "INSERT INTO api_clients (id, user_id, label, jwks, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id.as_str())
        .bind(user.0)
        .bind(label)
        .bind(jwks)
        .bind(secs(now))
        .execute(pool)
        .await
        .map(|_| ())
        .map_err(|e| classify(e, "client"))?);
        self.api_client(id).await
    }

    /// The client `id`; [`Error::NotFound`] if there is none.
    pub async fn api_client(&self, id: &ClientId) -> Result<ApiClient> {
        let row: Option<ClientRow> = on!(self, pool => sqlx::query_as(
            "SELECT id, user_id, label, jwks, created_at FROM api_clients WHERE id = $1",
        )
        .bind(id.as_str())
        .fetch_optional(pool)
        .await)?;
        client_from_row(row.ok_or(Error::NotFound)?)
    }

    /// The clinician's clients, oldest first.
    pub async fn api_clients(&self, user: UserId) -> Result<Vec<ApiClient>> {
        let rows: Vec<ClientRow> = on!(self, pool => sqlx::query_as(
            "SELECT id, user_id, label, jwks, created_at FROM api_clients \
             WHERE user_id = $1 ORDER BY created_at, id",
        )
        .bind(user.0)
        .fetch_all(pool)
        .await)?;
        rows.into_iter().map(client_from_row).collect()
    }

    /// Deletes a client, its access tokens (they stop working at once) and its recorded
    /// assertions. [`Error::NotFound`] if there is none.
    pub async fn delete_api_client(&self, id: &ClientId) -> Result<ApiClient> {
        let client = self.api_client(id).await?;
        let done = on!(self, pool => sqlx::query("DELETE FROM api_clients WHERE id = $1")
            .bind(id.as_str())
            .execute(pool)
            .await?
            .rows_affected());
        crate::error::found(done)?;
        Ok(client)
    }

    /// Records the assertion `jti` of `client` (kept until `assertion_expires`) and issues
    /// a read-only panel token with hash `token` for the client's clinician, expiring at
    /// `token_expires`, in one transaction. [`Error::Conflict`] when the `jti` was used
    /// before (a replay: nothing is issued); [`Error::NotFound`] when the client is gone.
    pub async fn exchange_client_assertion(
        &self,
        client: &ClientId,
        jti: &str,
        assertion_expires: OffsetDateTime,
        token: &TokenHash,
        now: OffsetDateTime,
        token_expires: OffsetDateTime,
    ) -> Result<ApiToken> {
        if jti.is_empty() || jti.len() > MAX_JTI {
            return Err(Error::Invalid(format!("a jti has 1 to {MAX_JTI} bytes")));
        }
        crate::check_expiry(now, token_expires)?;
        on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            sqlx::query(
                "INSERT INTO client_assertions (client_id, jti, expires_at) VALUES ($1, $2, $3)",
            )
            .bind(client.as_str())
            .bind(jti)
            .bind(secs(assertion_expires))
            .execute(&mut *tx)
            .await
            .map_err(|e| classify(e, "assertion"))?;
            let row: Option<TokenRow> = sqlx::query_as(concat!(
                "INSERT INTO api_tokens (token_hash, user_id, scope, label, created_at, \
                 expires_at, read_only, client_id) \
                 SELECT $1, user_id, 'panel', label, $2, $3, TRUE, id FROM api_clients \
                 WHERE id = $4 RETURNING ",
                token_columns!()
            ))
            .bind(token.as_str())
            .bind(secs(now))
            .bind(secs(token_expires))
            .bind(client.as_str())
            .fetch_optional(&mut *tx)
            .await
            .map_err(|e| classify(e, "token"))?;
            let row = row.ok_or(Error::NotFound)?;
            tx.commit().await?;
            token_from_row(row)
        })
    }
}
