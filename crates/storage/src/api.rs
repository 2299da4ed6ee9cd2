//! What the FHIR API needs: API tokens (by hash) and the FHIR resources clients send.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::types::Json;
use time::OffsetDateTime;

use crate::error::{Result, classify, corrupt};
use crate::{
    AssessmentId, BeginWrite, Error, ReassessmentId, Role, Store, TokenHash, UserId, at,
    check_expiry, secs,
};

/// The longest label a token may have, in characters.
pub const MAX_TOKEN_LABEL: usize = 100;

/// What an API token may reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenScope {
    /// The owner's own record (a patient's token).
    Patient,
    /// The records of the patients linked to the owner (a clinician's token), checked at
    /// every request.
    Panel,
}

impl TokenScope {
    /// `patient` or `panel`.
    pub fn as_str(self) -> &'static str {
        match self {
            TokenScope::Patient => "patient",
            TokenScope::Panel => "panel",
        }
    }

    /// The scope a user of `role` gets: patients their own record, clinicians their panel.
    pub fn for_role(role: Role) -> TokenScope {
        match role {
            Role::Patient => TokenScope::Patient,
            Role::Clinician => TokenScope::Panel,
        }
    }
}

impl fmt::Display for TokenScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for TokenScope {
    type Err = Error;
    fn from_str(s: &str) -> Result<TokenScope> {
        match s {
            "patient" => Ok(TokenScope::Patient),
            "panel" => Ok(TokenScope::Panel),
            _ => Err(Error::Invalid(format!(
                "unknown token scope {s:?}: use patient or panel"
            ))),
        }
    }
}

/// An API token's id (what `backcare token revoke --id` takes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ApiTokenId(pub i64);

impl fmt::Display for ApiTokenId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// An API token as stored, without its hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiToken {
    /// Its id.
    pub id: ApiTokenId,
    /// Whose it is.
    pub user: UserId,
    /// What it reaches.
    pub scope: TokenScope,
    /// A name to recognise it by (may be empty).
    pub label: String,
    /// When it was made.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// When it stops working.
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
    /// When it was last used, if ever.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub last_used_at: Option<OffsetDateTime>,
    /// It may only read (an access token issued to a backend services client).
    #[serde(default)]
    pub read_only: bool,
}

/// The FHIR resource types the API stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FhirType {
    /// A `QuestionnaireResponse`.
    QuestionnaireResponse,
    /// An `Observation`.
    Observation,
}

impl FhirType {
    /// The FHIR `resourceType`.
    pub fn as_str(self) -> &'static str {
        match self {
            FhirType::QuestionnaireResponse => "QuestionnaireResponse",
            FhirType::Observation => "Observation",
        }
    }

    fn parse(s: &str) -> Result<FhirType> {
        match s {
            "QuestionnaireResponse" => Ok(FhirType::QuestionnaireResponse),
            "Observation" => Ok(FhirType::Observation),
            _ => Err(corrupt(format!("unknown stored resource type {s:?}"))),
        }
    }
}

/// A stored FHIR resource's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FhirResourceId(pub i64);

/// A FHIR resource a client sent, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredFhirResource {
    /// Its id.
    pub id: FhirResourceId,
    /// The patient it is about.
    pub user: UserId,
    /// Its type.
    pub resource_type: FhirType,
    /// When it was received.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// When it was last changed.
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
    /// The JSON text exactly as received.
    pub body: String,
    /// The assessment a response made, if it was an intake.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment: Option<AssessmentId>,
    /// The reassessment a response made, if it answered one instrument.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reassessment: Option<ReassessmentId>,
}

/// What a received resource made, saved with it in one transaction.
#[derive(Debug, Clone, Copy)]
pub enum Outcome<'a> {
    /// Nothing else (an Observation, pain ratings alone).
    Nothing,
    /// An assessment: the intake and the engine's result (see [`Store::save_assessment`]).
    Assessment {
        /// The intake as JSON.
        intake: &'a Value,
        /// The result as JSON.
        result: &'a Value,
    },
    /// A reassessment (see [`Store::save_reassessment`]).
    Reassessment {
        /// The scores as JSON.
        scores: &'a Value,
    },
}

pub(crate) type TokenRow = (i64, i64, String, String, i64, i64, Option<i64>, bool);
type ResourceRow = (i64, i64, String, i64, i64, String, Option<i64>, Option<i64>);

// Column lists as macros, because sqlx only takes `&'static str` SQL (built by `concat!`).
macro_rules! token_columns {
    () => {
        "id, user_id, scope, label, created_at, expires_at, last_used_at, read_only"
    };
}
pub(crate) use token_columns;
macro_rules! resource_columns {
    () => {
        "id, user_id, resource_type, created_at, updated_at, body, assessment_id, reassessment_id"
    };
}

pub(crate) fn token_from_row(
    (id, user, scope, label, created, expires, used, read_only): TokenRow,
) -> Result<ApiToken> {
    Ok(ApiToken {
        id: ApiTokenId(id),
        user: UserId(user),
        scope: scope
            .parse()
            .map_err(|_| corrupt(format!("bad token scope {scope:?}")))?,
        label,
        created_at: at(created)?,
        expires_at: at(expires)?,
        last_used_at: used.map(at).transpose()?,
        read_only,
    })
}

fn resource_from_row(
    (id, user, kind, created, updated, body, assessment, reassessment): ResourceRow,
) -> Result<StoredFhirResource> {
    Ok(StoredFhirResource {
        id: FhirResourceId(id),
        user: UserId(user),
        resource_type: FhirType::parse(&kind)?,
        created_at: at(created)?,
        updated_at: at(updated)?,
        body,
        assessment: assessment.map(AssessmentId),
        reassessment: reassessment.map(ReassessmentId),
    })
}

/// Rejects a JSON value that is not an object; `what` names it in the message.
fn check_object(what: &str, v: &Value) -> Result<()> {
    if !v.is_object() {
        return Err(Error::Invalid(format!("{what} must be a JSON object")));
    }
    Ok(())
}

impl Store {
    /// Saves a new API token for `user` by its hash. The scope must fit the user's role
    /// (patients `patient`, clinicians `panel`), else [`Error::Invalid`], as for a label
    /// longer than [`MAX_TOKEN_LABEL`] or an expiry not after `now`. [`Error::NotFound`] if
    /// the user does not exist.
    pub async fn create_api_token(
        &self,
        user: UserId,
        token: &TokenHash,
        scope: TokenScope,
        label: &str,
        now: OffsetDateTime,
        expires_at: OffsetDateTime,
    ) -> Result<ApiToken> {
        check_expiry(now, expires_at)?;
        let n = label.chars().count();
        if n > MAX_TOKEN_LABEL {
            return Err(Error::Invalid(format!(
                "the label must be at most {MAX_TOKEN_LABEL} characters, got {n}"
            )));
        }
        let role = self.user(user).await?.role;
        if TokenScope::for_role(role) != scope {
            return Err(Error::Invalid(format!(
                "a {} account cannot have a {scope} token",
                role.as_str()
            )));
        }
        let row: TokenRow = on!(self, pool => sqlx::query_as(concat!(
            "INSERT INTO api_tokens (token_hash, user_id, scope, label, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING ", token_columns!()
        ))
        .bind(token.as_str())
        .bind(user.0)
        .bind(scope.as_str())
        .bind(label)
        .bind(secs(now))
        .bind(secs(expires_at))
        .fetch_one(pool)
        .await)
        .map_err(|e| classify(e, "token"))?;
        token_from_row(row)
    }

    /// The live token with this hash, marked as used `now`. [`Error::NotFound`] if it is
    /// unknown, revoked or expired.
    pub async fn use_api_token(&self, token: &TokenHash, now: OffsetDateTime) -> Result<ApiToken> {
        let row: Option<TokenRow> = on!(self, pool => sqlx::query_as(concat!(
            "UPDATE api_tokens SET last_used_at = $2 \
             WHERE token_hash = $1 AND expires_at > $2 RETURNING ", token_columns!()
        ))
        .bind(token.as_str())
        .bind(secs(now))
        .fetch_optional(pool)
        .await)?;
        token_from_row(row.ok_or(Error::NotFound)?)
    }

    /// A user's tokens (expired ones too), oldest first.
    pub async fn api_tokens(&self, user: UserId) -> Result<Vec<ApiToken>> {
        let rows: Vec<TokenRow> = on!(self, pool => sqlx::query_as(concat!(
            "SELECT ", token_columns!(), " FROM api_tokens WHERE user_id = $1 ORDER BY created_at, id"
        ))
        .bind(user.0)
        .fetch_all(pool)
        .await)?;
        rows.into_iter().map(token_from_row).collect()
    }

    /// Deletes a token: it stops working at once. [`Error::NotFound`] if there is none.
    pub async fn revoke_api_token(&self, id: ApiTokenId) -> Result<ApiToken> {
        let row: Option<TokenRow> = on!(self, pool => sqlx::query_as(concat!(
            "DELETE FROM api_tokens WHERE id = $1 RETURNING ", token_columns!()
        ))
        .bind(id.0)
        .fetch_optional(pool)
        .await)?;
        token_from_row(row.ok_or(Error::NotFound)?)
    }

    /// Saves a FHIR resource about `user` exactly as received, with what it made (an
    /// assessment or a reassessment), all in one transaction. [`Error::Invalid`] if `body`
    /// is not a JSON object; [`Error::NotFound`] if the user does not exist.
    pub async fn save_fhir_resource(
        &self,
        user: UserId,
        resource_type: FhirType,
        body: &str,
        made: Outcome<'_>,
        now: OffsetDateTime,
    ) -> Result<StoredFhirResource> {
        let parsed: Value = serde_json::from_str(body)
            .map_err(|e| Error::Invalid(format!("the resource is not JSON: {e}")))?;
        check_object("the resource", &parsed)?;
        match made {
            Outcome::Nothing => {}
            Outcome::Assessment { intake, result } => {
                check_object("intake", intake)?;
                check_object("assessment", result)?;
            }
            Outcome::Reassessment { scores } => check_object("scores", scores)?,
        }
        let row: ResourceRow = on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let (mut assessment, mut reassessment) = (None::<i64>, None::<i64>);
            match made {
                Outcome::Nothing => {}
                Outcome::Assessment { intake, result } => {
                    assessment = Some(
                        sqlx::query_scalar(
                            "INSERT INTO assessments (user_id, created_at, intake, result) \
                             VALUES ($1, $2, $3, $4) RETURNING id",
                        )
                        .bind(user.0)
                        .bind(secs(now))
                        .bind(Json(intake))
                        .bind(Json(result))
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(|e| classify(e, "assessment"))?,
                    );
                }
                Outcome::Reassessment { scores } => {
                    reassessment = Some(
                        sqlx::query_scalar(
                            "INSERT INTO reassessments (user_id, created_at, scores) \
                             VALUES ($1, $2, $3) RETURNING id",
                        )
                        .bind(user.0)
                        .bind(secs(now))
                        .bind(Json(scores))
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(|e| classify(e, "reassessment"))?,
                    );
                }
            }
            let row = sqlx::query_as(concat!(
                "INSERT INTO fhir_resources (user_id, resource_type, created_at, updated_at, \
                 body, assessment_id, reassessment_id) \
                 VALUES ($1, $2, $3, $3, $4, $5, $6) RETURNING ", resource_columns!()
            ))
            .bind(user.0)
            .bind(resource_type.as_str())
            .bind(secs(now))
            .bind(body)
            .bind(assessment)
            .bind(reassessment)
            .fetch_one(&mut *tx)
            .await
            .map_err(|e| classify(e, "resource"))?;
            tx.commit().await?;
            row
        });
        resource_from_row(row)
    }

    /// One stored resource by id, whoever it is about (the caller checks who may see it).
    /// [`Error::NotFound`] if there is none of this type.
    pub async fn fhir_resource(
        &self,
        resource_type: FhirType,
        id: FhirResourceId,
    ) -> Result<StoredFhirResource> {
        let row: Option<ResourceRow> = on!(self, pool => sqlx::query_as(concat!(
            "SELECT ", resource_columns!(), " FROM fhir_resources WHERE id = $1 AND resource_type = $2"
        ))
        .bind(id.0)
        .bind(resource_type.as_str())
        .fetch_optional(pool)
        .await)?;
        resource_from_row(row.ok_or(Error::NotFound)?)
    }

    /// The resources about `user`, of one type or (`None`) all, oldest first.
    pub async fn fhir_resources(
        &self,
        user: UserId,
        resource_type: Option<FhirType>,
    ) -> Result<Vec<StoredFhirResource>> {
        let rows: Vec<ResourceRow> = on!(self, pool => sqlx::query_as(concat!(
            "SELECT ", resource_columns!(), " FROM fhir_resources \
             WHERE user_id = $1 AND ($2 = '' OR resource_type = $2) ORDER BY created_at, id"
        ))
        .bind(user.0)
        .bind(resource_type.map_or("", FhirType::as_str))
        .fetch_all(pool)
        .await)?;
        rows.into_iter().map(resource_from_row).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::block_on;
    use crate::{Email, PasswordHash, connect};

    fn t(s: i64) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(1_790_000_000 + s).unwrap()
    }

    #[test]
    fn tokens_are_found_by_hash_until_expired_or_revoked() {
        block_on(async {
            let store = connect("sqlite::memory:").await.unwrap();
            store.migrate().await.unwrap();
            let hash = PasswordHash::new("$argon2id$v=19$x").unwrap();
            let ann = store
                .create_user(
                    &Email::parse("ann@example.org").unwrap(),
                    &hash,
                    Role::Patient,
                    t(0),
                )
                .await
                .unwrap();
            let h = TokenHash::new("a".repeat(64)).unwrap();
            let err = store
                .create_api_token(ann.id, &h, TokenScope::Panel, "", t(0), t(100))
                .await
                .unwrap_err();
            assert!(matches!(err, Error::Invalid(_)), "{err:?}");
            let made = store
                .create_api_token(ann.id, &h, TokenScope::Patient, "ehr", t(0), t(100))
                .await
                .unwrap();
            assert_eq!(made.last_used_at, None);
            let used = store.use_api_token(&h, t(10)).await.unwrap();
            assert_eq!((used.id, used.last_used_at), (made.id, Some(t(10))));
            assert!(matches!(
                store.use_api_token(&h, t(100)).await,
                Err(Error::NotFound)
            ));
            assert_eq!(store.api_tokens(ann.id).await.unwrap().len(), 1);
            store.revoke_api_token(made.id).await.unwrap();
            assert!(matches!(
                store.use_api_token(&h, t(20)).await,
                Err(Error::NotFound)
            ));
            assert!(matches!(
                store.revoke_api_token(made.id).await,
                Err(Error::NotFound)
            ));
        });
    }

    #[test]
    fn resources_keep_their_text_and_what_they_made() {
        block_on(async {
            let store = connect("sqlite::memory:").await.unwrap();
            store.migrate().await.unwrap();
            let hash = PasswordHash::new("$argon2id$v=19$x").unwrap();
            let ann = store
                .create_user(
                    &Email::parse("ann@example.org").unwrap(),
                    &hash,
                    Role::Patient,
                    t(0),
                )
                .await
                .unwrap();
            let body = r#"{"resourceType":"Observation", "valueDecimal": 1.50}"#;
            let o = store
                .save_fhir_resource(ann.id, FhirType::Observation, body, Outcome::Nothing, t(1))
                .await
                .unwrap();
            assert_eq!(o.body, body);
            let scores = serde_json::json!({"instrument": "odi"});
            let qr = store
                .save_fhir_resource(
                    ann.id,
                    FhirType::QuestionnaireResponse,
                    "{}",
                    Outcome::Reassessment { scores: &scores },
                    t(2),
                )
                .await
                .unwrap();
            assert!(qr.reassessment.is_some());
            assert_eq!(store.reassessments(ann.id).await.unwrap().len(), 1);
            assert_eq!(store.fhir_resources(ann.id, None).await.unwrap().len(), 2);
            assert_eq!(
                store
                    .fhir_resources(ann.id, Some(FhirType::Observation))
                    .await
                    .unwrap(),
                vec![o.clone()]
            );
            assert!(matches!(
                store
                    .fhir_resource(FhirType::QuestionnaireResponse, o.id)
                    .await,
                Err(Error::NotFound)
            ));
            assert!(matches!(
                store
                    .save_fhir_resource(
                        ann.id,
                        FhirType::Observation,
                        "[1]",
                        Outcome::Nothing,
                        t(3)
                    )
                    .await,
                Err(Error::Invalid(_))
            ));
        });
    }
}
