//! Questionnaires a clinician asks a patient to answer again on a schedule.
//!
//! Without a schedule, a questionnaire is due every 2 to 4 weeks (the web's rhythm). A linked
//! clinician can set one per questionnaire (every 7 to 182 days) or clear it; setting reads
//! the link in the same statement, as [`Store::open_patient_record`] does.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::error::{Result, corrupt, found};
use crate::{Error, Store, UserId, at, secs};

/// The shortest and the longest schedule, in days.
const EVERY_DAYS: std::ops::RangeInclusive<u16> = 7..=182;

/// A questionnaire that can be scheduled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Questionnaire {
    /// The STarT Back Screening Tool.
    StartBack,
    /// The Oswestry Disability Index.
    Odi,
    /// The Roland-Morris Disability Questionnaire.
    Rmdq,
}

impl Questionnaire {
    /// Every one, in the order backcare asks them.
    pub const ALL: [Questionnaire; 3] = [
        Questionnaire::StartBack,
        Questionnaire::Odi,
        Questionnaire::Rmdq,
    ];

    /// Its name in the database and in forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Questionnaire::StartBack => "start_back",
            Questionnaire::Odi => "odi",
            Questionnaire::Rmdq => "rmdq",
        }
    }

    /// The questionnaire named `s` (as [`Questionnaire::as_str`] gives it), if any.
    pub fn parse(s: &str) -> Option<Questionnaire> {
        Questionnaire::ALL.into_iter().find(|q| q.as_str() == s)
    }
}

/// A schedule as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    /// Which questionnaire.
    pub questionnaire: Questionnaire,
    /// Every how many days it is due.
    pub every_days: u16,
    /// The clinician who set it, or `None` once their account is deleted.
    pub clinician_id: Option<UserId>,
    /// When it was set.
    #[serde(with = "time::serde::rfc3339")]
    pub set_at: OffsetDateTime,
}

type ScheduleRow = (String, i64, Option<i64>, i64);

fn schedule_from_row((q, every, clinician, set): ScheduleRow) -> Result<Schedule> {
    Ok(Schedule {
        questionnaire: Questionnaire::parse(&q)
            .ok_or_else(|| corrupt(format!("unknown questionnaire {q:?}")))?,
        every_days: u16::try_from(every).map_err(|e| corrupt(e.to_string()))?,
        clinician_id: clinician.map(UserId),
        set_at: at(set)?,
    })
}

impl Store {
    /// A linked clinician asks `patient` to answer `questionnaire` every `every_days` days,
    /// or (`None`) clears that schedule. [`Error::NotFound`] if they are not linked;
    /// [`Error::Invalid`] for a schedule outside 7 to 182 days.
    pub async fn set_schedule(
        &self,
        clinician: UserId,
        patient: UserId,
        questionnaire: Questionnaire,
        every_days: Option<u16>,
        now: OffsetDateTime,
    ) -> Result<()> {
        let Some(every) = every_days else {
            // Clearing touches no row when there was no schedule, so the link is read
            // first; setting reads it in its own statement below.
            if !self.may_see(clinician, patient).await? {
                return Err(Error::NotFound);
            }
            on!(self, pool => sqlx::query(
                "DELETE FROM questionnaire_schedules WHERE patient_id = $1 AND questionnaire = $2",
            )
            .bind(patient.0)
            .bind(questionnaire.as_str())
            .execute(pool)
            .await
            .map(|done| done.rows_affected()))?;
            return Ok(());
        };
        if !EVERY_DAYS.contains(&every) {
            return Err(Error::Invalid(format!(
                "a schedule must be every 7 to 182 days, not {every}"
            )));
        }
        found(on!(self, pool => sqlx::query(
            "INSERT INTO questionnaire_schedules \
             (patient_id, questionnaire, every_days, clinician_id, set_at) \
             SELECT patient_id, $3, $4, clinician_id, $5 FROM clinician_links \
             WHERE patient_id = $1 AND clinician_id = $2 \
             ON CONFLICT (patient_id, questionnaire) DO UPDATE SET \
             every_days = excluded.every_days, clinician_id = excluded.clinician_id, \
             set_at = excluded.set_at",
        )
        .bind(patient.0)
        .bind(clinician.0)
        .bind(questionnaire.as_str())
        .bind(i64::from(every))
        .bind(secs(now))
        .execute(pool)
        .await?
        .rows_affected()))
    }

    /// A patient's schedules, in the order backcare asks the questionnaires.
    pub async fn schedules(&self, patient: UserId) -> Result<Vec<Schedule>> {
        let rows: Vec<ScheduleRow> = on!(self, pool => sqlx::query_as(
            "SELECT questionnaire, every_days, clinician_id, set_at FROM questionnaire_schedules \
             WHERE patient_id = $1",
        )
        .bind(patient.0)
        .fetch_all(pool)
        .await)?;
        let mut out: Vec<Schedule> = rows
            .into_iter()
            .map(schedule_from_row)
            .collect::<Result<_>>()?;
        out.sort_by_key(|s| {
            Questionnaire::ALL
                .iter()
                .position(|q| *q == s.questionnaire)
        });
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questionnaires_round_trip() {
        for q in Questionnaire::ALL {
            assert_eq!(Questionnaire::parse(q.as_str()), Some(q));
        }
        assert_eq!(Questionnaire::parse("nrs"), None);
    }
}
