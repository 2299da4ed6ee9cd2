//! Clinician links and the access log.
//!
//! A clinician creates a short-lived share code and gives it to a patient; the patient
//! redeems it, which links them (the patient's consent). While linked, the clinician may
//! open the patient's record, and every opening goes through [`Store::open_patient_record`],
//! which checks the link and writes the audit entry in one statement. The patient can read
//! the log and revoke the link at any time.

use time::OffsetDateTime;

use crate::error::{Result, classify, corrupt, found};
use crate::profiles::profile_from_row;
use crate::{
    AuditEntry, BeginWrite, Email, Error, Link, Role, Store, TokenHash, UserId, Validity, at,
    check_expiry, secs,
};

/// The longest audit action text.
const MAX_ACTION: usize = 200;

type LinkRow = (
    i64,
    String,
    i64,
    Option<String>,
    Option<time::Date>,
    Option<String>,
);
pub(crate) type AuditRow = (i64, Option<i64>, String, i64, String);

fn link_from_row((id, email, since, name, birth_date, profession): LinkRow) -> Result<Link> {
    Ok(Link {
        user_id: UserId(id),
        email: Email::parse(&email).map_err(|e| corrupt(e.to_string()))?,
        since: at(since)?,
        profile: profile_from_row((name, birth_date, profession))?,
    })
}

pub(crate) fn audit_from_row(
    (patient, clinician, email, when, action): AuditRow,
) -> Result<AuditEntry> {
    Ok(AuditEntry {
        patient_id: UserId(patient),
        clinician_id: clinician.map(UserId),
        clinician_email: email,
        at: at(when)?,
        action,
    })
}

impl Store {
    /// The role of a user, or [`Error::NotFound`].
    async fn role(&self, user: UserId) -> Result<Role> {
        let role: Option<String> = on!(self, pool => sqlx::query_scalar(
            "SELECT role FROM users WHERE id = $1",
        )
        .bind(user.0)
        .fetch_optional(pool)
        .await)?;
        Role::from_db(&role.ok_or(Error::NotFound)?)
    }

    /// A clinician creates a share code (stored by its hash) valid until `expires_at`, to
    /// give to a patient. [`Error::Invalid`] if the user is not a clinician or the expiry
    /// is not after `now`; [`Error::Conflict`] if the code hash is already in use.
    pub async fn create_share_code(
        &self,
        clinician: UserId,
        code: &TokenHash,
        now: OffsetDateTime,
        expires_at: OffsetDateTime,
    ) -> Result<()> {
        check_expiry(now, expires_at)?;
        if self.role(clinician).await? != Role::Clinician {
            return Err(Error::Invalid(
                "only a clinician account can create a share code".into(),
            ));
        }
        on!(self, pool => sqlx::query(
            "INSERT INTO share_codes (code_hash, clinician_id, created_at, expires_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(code.as_str())
        .bind(clinician.0)
        .bind(secs(now))
        .bind(secs(expires_at))
        .execute(pool)
        .await
        .map(|_| ()))
        .map_err(|e| classify(e, "share code already in use"))?;
        Ok(())
    }

    /// A clinician's share codes that can still be redeemed at `now` (not used, not
    /// expired), newest first. Only their times: the codes themselves are never stored.
    pub async fn pending_share_codes(
        &self,
        clinician: UserId,
        now: OffsetDateTime,
    ) -> Result<Vec<Validity>> {
        let rows: Vec<(i64, i64)> = on!(self, pool => sqlx::query_as(
            "SELECT created_at, expires_at FROM share_codes \
             WHERE clinician_id = $1 AND expires_at > $2 ORDER BY created_at DESC, expires_at DESC",
        )
        .bind(clinician.0)
        .bind(secs(now))
        .fetch_all(pool)
        .await)?;
        rows.into_iter()
            .map(|(c, e)| {
                Ok(Validity {
                    created_at: at(c)?,
                    expires_at: at(e)?,
                })
            })
            .collect()
    }

    /// A patient redeems a share code, linking them to the clinician who made it; returns
    /// the clinician. The code is used up. [`Error::NotFound`] if the code is unknown,
    /// used or expired; [`Error::Invalid`] if the user is not a patient. Redeeming a code
    /// from a clinician one is already linked to is fine.
    pub async fn redeem_share_code(
        &self,
        patient: UserId,
        code: &TokenHash,
        now: OffsetDateTime,
    ) -> Result<UserId> {
        if self.role(patient).await? != Role::Patient {
            return Err(Error::Invalid(
                "only a patient account can redeem a share code".into(),
            ));
        }
        let clinician: i64 = on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let clinician: Option<i64> = sqlx::query_scalar(
                "DELETE FROM share_codes WHERE code_hash = $1 AND expires_at > $2 \
                 RETURNING clinician_id",
            )
            .bind(code.as_str())
            .bind(secs(now))
            .fetch_optional(&mut *tx)
            .await?;
            let Some(clinician) = clinician else {
                return Err(Error::NotFound);
            };
            sqlx::query(
                "INSERT INTO clinician_links (patient_id, clinician_id, created_at) \
                 VALUES ($1, $2, $3) ON CONFLICT (patient_id, clinician_id) DO NOTHING",
            )
            .bind(patient.0)
            .bind(clinician)
            .bind(secs(now))
            .execute(&mut *tx)
            .await
            .map_err(|e| classify(e, "link"))?;
            tx.commit().await?;
            clinician
        });
        Ok(UserId(clinician))
    }

    /// Removes the link between a patient and a clinician (either may do it): the clinician
    /// can no longer open the patient's record, and the clinician's Bulk Data exports that
    /// read it are deleted with their files. [`Error::NotFound`] if they are not linked.
    pub async fn revoke_link(&self, patient: UserId, clinician: UserId) -> Result<()> {
        on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let done = sqlx::query(
                "DELETE FROM clinician_links WHERE patient_id = $1 AND clinician_id = $2",
            )
            .bind(patient.0)
            .bind(clinician.0)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            found(done)?;
            sqlx::query(crate::bulk_exports::DELETE_CLINICIANS_EXPORTS_OF_PATIENT)
                .bind(patient.0)
                .bind(clinician.0)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// The patients linked to a clinician, with what they have said about themselves, by
    /// email.
    pub async fn linked_patients(&self, clinician: UserId) -> Result<Vec<Link>> {
        let rows: Vec<LinkRow> = on!(self, pool => sqlx::query_as(
            "SELECT u.id, u.email, l.created_at, p.display_name, p.birth_date, p.profession \
             FROM clinician_links l JOIN users u ON u.id = l.patient_id \
             LEFT JOIN profiles p ON p.user_id = u.id \
             WHERE l.clinician_id = $1 ORDER BY u.email",
        )
        .bind(clinician.0)
        .fetch_all(pool)
        .await)?;
        rows.into_iter().map(link_from_row).collect()
    }

    /// The clinicians a patient is linked to, with what they have said about themselves, by
    /// email.
    pub async fn linked_clinicians(&self, patient: UserId) -> Result<Vec<Link>> {
        let rows: Vec<LinkRow> = on!(self, pool => sqlx::query_as(
            "SELECT u.id, u.email, l.created_at, p.display_name, p.birth_date, p.profession \
             FROM clinician_links l JOIN users u ON u.id = l.clinician_id \
             LEFT JOIN profiles p ON p.user_id = u.id \
             WHERE l.patient_id = $1 ORDER BY u.email",
        )
        .bind(patient.0)
        .fetch_all(pool)
        .await)?;
        rows.into_iter().map(link_from_row).collect()
    }

    /// Whether `clinician` may see `patient`'s record (they are linked). Use
    /// [`Store::open_patient_record`] to actually open it, which also writes the audit
    /// entry.
    pub async fn may_see(&self, clinician: UserId, patient: UserId) -> Result<bool> {
        let n: i64 = on!(self, pool => sqlx::query_scalar(
            "SELECT COUNT(*) FROM clinician_links WHERE patient_id = $1 AND clinician_id = $2",
        )
        .bind(patient.0)
        .bind(clinician.0)
        .fetch_one(pool)
        .await)?;
        Ok(n > 0)
    }

    /// A clinician opens (part of) a patient's record: checks the link and writes an audit
    /// entry saying who, whom, when and what (`action`, for example `diary`), atomically.
    /// Call it before every read of a patient's data on a clinician's behalf.
    /// [`Error::NotFound`] if they are not linked (so the record's existence is not
    /// revealed); [`Error::Invalid`] if `action` is empty or longer than 200 characters.
    pub async fn open_patient_record(
        &self,
        clinician: UserId,
        patient: UserId,
        action: &str,
        now: OffsetDateTime,
    ) -> Result<()> {
        let action = action.trim();
        if action.is_empty() || action.chars().count() > MAX_ACTION {
            return Err(Error::Invalid(format!(
                "audit action must be 1 to {MAX_ACTION} characters"
            )));
        }
        found(on!(self, pool => sqlx::query(
            "INSERT INTO audit_log (patient_id, clinician_id, clinician_email, at, action) \
             SELECT l.patient_id, l.clinician_id, u.email, $3, $4 \
             FROM clinician_links l JOIN users u ON u.id = l.clinician_id \
             WHERE l.patient_id = $1 AND l.clinician_id = $2",
        )
        .bind(patient.0)
        .bind(clinician.0)
        .bind(secs(now))
        .bind(action)
        .execute(pool)
        .await?
        .rows_affected()))
    }

    /// Who opened this patient's record and what, oldest first.
    pub async fn access_log(&self, patient: UserId) -> Result<Vec<AuditEntry>> {
        let rows: Vec<AuditRow> = on!(self, pool => sqlx::query_as(
            "SELECT patient_id, clinician_id, clinician_email, at, action FROM audit_log \
             WHERE patient_id = $1 ORDER BY at, id",
        )
        .bind(patient.0)
        .fetch_all(pool)
        .await)?;
        rows.into_iter().map(audit_from_row).collect()
    }
}
