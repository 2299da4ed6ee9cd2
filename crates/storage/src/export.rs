//! Export of everything about a user, and the per-table check that deletion left nothing.

use crate::error::Result;
use crate::sharing::{AuditRow, audit_from_row};
use crate::{Account, Email, Store, UserExport, UserId, Validity, at};

/// What a row-count query binds as `$1`.
#[derive(Clone, Copy)]
enum Key {
    Id,
    Email,
    /// Nothing: the table holds nothing about any user (it is listed so that the list
    /// still names every table, and counts none).
    Nobody,
}

/// For each table, how to count the rows that belong to a user, by id or by email.
/// A test checks that this list names every table in the schema, so a new table cannot be
/// forgotten by [`Store::rows_for_user`] (and so by the deletion test).
const USER_ROWS: &[(&str, Key, &str)] = &[
    (
        "api_clients",
        Key::Id,
        "SELECT COUNT(*) FROM api_clients WHERE user_id = $1",
    ),
    (
        "api_tokens",
        Key::Id,
        "SELECT COUNT(*) FROM api_tokens WHERE user_id = $1",
    ),
    (
        "assessments",
        Key::Id,
        "SELECT COUNT(*) FROM assessments WHERE user_id = $1",
    ),
    (
        "audit_log",
        Key::Id,
        "SELECT COUNT(*) FROM audit_log WHERE patient_id = $1 OR clinician_id = $1",
    ),
    (
        "bulk_export_files",
        Key::Id,
        "SELECT COUNT(*) FROM bulk_export_files f JOIN bulk_exports e ON e.id = f.export_id \
         WHERE e.user_id = $1",
    ),
    (
        "bulk_export_patients",
        Key::Id,
        "SELECT COUNT(*) FROM bulk_export_patients WHERE patient_id = $1 \
         OR export_id IN (SELECT id FROM bulk_exports WHERE user_id = $1)",
    ),
    (
        "bulk_exports",
        Key::Id,
        "SELECT COUNT(*) FROM bulk_exports WHERE user_id = $1",
    ),
    (
        "client_assertions",
        Key::Id,
        "SELECT COUNT(*) FROM client_assertions a JOIN api_clients c ON c.id = a.client_id \
         WHERE c.user_id = $1",
    ),
    (
        "clinician_links",
        Key::Id,
        "SELECT COUNT(*) FROM clinician_links WHERE patient_id = $1 OR clinician_id = $1",
    ),
    (
        "clinician_notes",
        Key::Id,
        "SELECT COUNT(*) FROM clinician_notes WHERE patient_id = $1 OR clinician_id = $1",
    ),
    (
        "consents",
        Key::Id,
        "SELECT COUNT(*) FROM consents WHERE user_id = $1",
    ),
    (
        "diary_entries",
        Key::Id,
        "SELECT COUNT(*) FROM diary_entries WHERE user_id = $1",
    ),
    (
        "exercise_days",
        Key::Id,
        "SELECT COUNT(*) FROM exercise_days WHERE user_id = $1",
    ),
    (
        "fhir_resources",
        Key::Id,
        "SELECT COUNT(*) FROM fhir_resources WHERE user_id = $1",
    ),
    (
        "intake_drafts",
        Key::Id,
        "SELECT COUNT(*) FROM intake_drafts WHERE user_id = $1",
    ),
    ("jobs", Key::Nobody, "SELECT COUNT(*) FROM jobs WHERE 1 = 0"),
    (
        "login_challenges",
        Key::Id,
        "SELECT COUNT(*) FROM login_challenges WHERE user_id = $1",
    ),
    (
        "login_failures",
        Key::Email,
        "SELECT COUNT(*) FROM login_failures WHERE email = $1",
    ),
    (
        "mail_tokens",
        Key::Id,
        "SELECT COUNT(*) FROM mail_tokens WHERE user_id = $1",
    ),
    (
        "plan_templates",
        Key::Id,
        "SELECT COUNT(*) FROM plan_templates WHERE clinician_id = $1",
    ),
    (
        "plan_versions",
        Key::Id,
        "SELECT COUNT(*) FROM plan_versions WHERE patient_id = $1 OR clinician_id = $1",
    ),
    (
        "profiles",
        Key::Id,
        "SELECT COUNT(*) FROM profiles WHERE user_id = $1",
    ),
    (
        "questionnaire_schedules",
        Key::Id,
        "SELECT COUNT(*) FROM questionnaire_schedules WHERE patient_id = $1 OR clinician_id = $1",
    ),
    (
        "reassessments",
        Key::Id,
        "SELECT COUNT(*) FROM reassessments WHERE user_id = $1",
    ),
    (
        "recovery_codes",
        Key::Id,
        "SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1",
    ),
    (
        "reminder_settings",
        Key::Id,
        "SELECT COUNT(*) FROM reminder_settings WHERE user_id = $1",
    ),
    (
        "reminders_sent",
        Key::Id,
        "SELECT COUNT(*) FROM reminders_sent WHERE user_id = $1",
    ),
    (
        "seen_results",
        Key::Id,
        "SELECT COUNT(*) FROM seen_results WHERE user_id = $1",
    ),
    (
        "sessions",
        Key::Id,
        "SELECT COUNT(*) FROM sessions WHERE user_id = $1",
    ),
    (
        "share_codes",
        Key::Id,
        "SELECT COUNT(*) FROM share_codes WHERE clinician_id = $1",
    ),
    (
        "site_keys",
        Key::Nobody,
        "SELECT COUNT(*) FROM site_keys WHERE 1 = 0",
    ),
    (
        "two_factor",
        Key::Id,
        "SELECT COUNT(*) FROM two_factor WHERE user_id = $1",
    ),
    ("users", Key::Id, "SELECT COUNT(*) FROM users WHERE id = $1"),
    (
        "users (by email)",
        Key::Email,
        "SELECT COUNT(*) FROM users WHERE email = $1",
    ),
];

/// How many rows of one table belong to a user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRows {
    /// The table.
    pub table: &'static str,
    /// Its rows that reference the user's id or email.
    pub rows: u64,
}

impl Store {
    /// Everything stored about a user, for them to download. Secrets are left out (see
    /// [`UserExport`]). [`crate::Error::NotFound`] if there is no such user.
    pub async fn export_user(&self, id: UserId) -> Result<UserExport> {
        let user = self.user(id).await?;
        let linked_clinicians = self.linked_clinicians(id).await?;
        let linked_patients = self.linked_patients(id).await?;
        let records_opened: Vec<AuditRow> = on!(self, pool => sqlx::query_as(
            "SELECT patient_id, clinician_id, clinician_email, at, action FROM audit_log \
             WHERE clinician_id = $1 ORDER BY at, id",
        )
        .bind(id.0)
        .fetch_all(pool)
        .await)?;
        let sessions: Vec<(i64, i64)> = on!(self, pool => sqlx::query_as(
            "SELECT created_at, expires_at FROM sessions WHERE user_id = $1 ORDER BY created_at",
        )
        .bind(id.0)
        .fetch_all(pool)
        .await)?;
        let share_codes: Vec<(i64, i64)> = on!(self, pool => sqlx::query_as(
            "SELECT created_at, expires_at FROM share_codes \
             WHERE clinician_id = $1 ORDER BY created_at",
        )
        .bind(id.0)
        .fetch_all(pool)
        .await)?;
        let failed: Vec<i64> = on!(self, pool => sqlx::query_scalar(
            "SELECT at FROM login_failures WHERE email = $1 ORDER BY at",
        )
        .bind(user.email.as_str())
        .fetch_all(pool)
        .await)?;
        let validity = |rows: Vec<(i64, i64)>| -> Result<Vec<Validity>> {
            rows.into_iter()
                .map(|(c, e)| {
                    Ok(Validity {
                        created_at: at(c)?,
                        expires_at: at(e)?,
                    })
                })
                .collect()
        };
        Ok(UserExport {
            profile: self.profile(id).await?,
            notes: self.notes(id).await?,
            schedules: self.schedules(id).await?,
            plan_versions: self.plan_versions(id).await?,
            plan_templates: self.plan_templates(id).await?,
            assessments: self.assessments(id).await?,
            intake_draft: self.intake_draft(id).await?,
            diary: self.whole_diary(id).await?,
            exercises_done: self.whole_exercise_days(id).await?,
            seen_results: self.seen_results(id).await?,
            reassessments: self.reassessments(id).await?,
            fhir_resources: self.fhir_resources(id, None).await?,
            api_tokens: self.api_tokens(id).await?,
            linked_clinicians,
            linked_patients,
            access_log: self.access_log(id).await?,
            records_opened: records_opened
                .into_iter()
                .map(audit_from_row)
                .collect::<Result<_>>()?,
            sessions: validity(sessions)?,
            share_codes: validity(share_codes)?,
            failed_logins: failed.into_iter().map(at).collect::<Result<_>>()?,
            consents: self.consents(id).await?,
            reminders: crate::reminders::ReminderExport::new(
                self.reminders(id).await?,
                self.reminders_sent(id).await?,
            ),
            account: Account {
                id: user.id,
                email: user.email,
                role: user.role,
                created_at: user.created_at,
            },
        })
    }

    /// For every table of the schema, how many rows reference this user id or email.
    /// After [`Store::delete_user`] all are zero (for a clinician, see the exception there).
    /// For erasure checks and tests.
    pub async fn rows_for_user(&self, id: UserId, email: &Email) -> Result<Vec<TableRows>> {
        let mut out = Vec::with_capacity(USER_ROWS.len());
        for &(table, key, sql) in USER_ROWS {
            let n: i64 = on!(self, pool => {
                let query = sqlx::query_scalar(sql);
                match key {
                    Key::Id => query.bind(id.0),
                    Key::Email => query.bind(email.as_str()),
                    Key::Nobody => query,
                }
                .fetch_one(pool)
                .await
            })?;
            out.push(TableRows {
                table,
                rows: n.unsigned_abs(),
            });
        }
        Ok(out)
    }

    /// The names of the tables in the schema (without the migrations table), sorted.
    pub async fn table_names(&self) -> Result<Vec<String>> {
        let mut names: Vec<String> = on!(self, pool => sqlx::query_scalar(match self.backend {
            crate::Backend::Sqlite(_) => {
                "SELECT name FROM sqlite_schema WHERE type = 'table' \
                 AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '\\_sqlx%' ESCAPE '\\'"
            }
            crate::Backend::Postgres(_) => {
                "SELECT table_name::text FROM information_schema.tables \
                 WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
                 AND table_name NOT LIKE '\\_sqlx%' ESCAPE '\\'"
            }
        })
        .fetch_all(pool)
        .await)?;
        names.sort();
        Ok(names)
    }
}
