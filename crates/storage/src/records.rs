//! A patient's health records: assessments, the diary and reassessments.

use serde_json::Value;
use sqlx::types::Json;
use time::{Date, OffsetDateTime};

use crate::error::{Result, classify, corrupt, found};
use crate::{
    AssessmentId, BeginWrite, DiaryEntry, Effort, Error, ExerciseDay, MAX_EXERCISE_ID,
    Reassessment, ReassessmentId, SeenResult, Store, StoredAssessment, UserId, at, secs,
};

type AssessmentRow = (i64, i64, Json<Value>, Json<Value>);
type DiaryRow = (Date, i16, i32, i32, bool, String);
type ReassessmentRow = (i64, i64, Json<Value>);
type ExerciseDayRow = (Date, String, i32, Option<String>);

const UPSERT_DIARY: &str = "INSERT INTO diary_entries \
       (user_id, day, pain, sessions_done, minutes_walked, flare_up, notes, updated_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
     ON CONFLICT (user_id, day) DO UPDATE SET \
       pain = excluded.pain, sessions_done = excluded.sessions_done, \
       minutes_walked = excluded.minutes_walked, flare_up = excluded.flare_up, \
       notes = excluded.notes, updated_at = excluded.updated_at";

/// One more time done; a new rating replaces the day's, no rating keeps it.
const ADD_EXERCISE_DAY: &str = "INSERT INTO exercise_days \
       (user_id, day, exercise_id, times_done, effort, updated_at) \
     VALUES ($1, $2, $3, 1, $4, $5) \
     ON CONFLICT (user_id, day, exercise_id) DO UPDATE SET \
       times_done = exercise_days.times_done + 1, \
       effort = COALESCE(excluded.effort, exercise_days.effort), \
       updated_at = excluded.updated_at";

/// A stored exercise day. A row the schema should have refused (an effort the code does
/// not know, a count below 1) is an error naming the day and exercise, never dropped.
fn exercise_day_from_row((day, exercise, times, effort): ExerciseDayRow) -> Result<ExerciseDay> {
    let bad = |what: String| corrupt(format!("exercise {exercise:?} on {day}: {what}"));
    let times_done = u32::try_from(times)
        .ok()
        .filter(|n| *n >= 1)
        .ok_or_else(|| bad(format!("times done {times} is out of range")))?;
    let effort = match effort {
        None => None,
        Some(e) => Some(
            e.parse::<Effort>()
                .map_err(|_| bad(format!("unknown effort {e:?}")))?,
        ),
    };
    Ok(ExerciseDay {
        day,
        exercise,
        times_done,
        effort,
    })
}

fn assessment_from_row((id, created, intake, result): AssessmentRow) -> Result<StoredAssessment> {
    Ok(StoredAssessment {
        id: AssessmentId(id),
        created_at: at(created)?,
        intake: intake.0,
        assessment: result.0,
    })
}

/// A stored diary day. The schema's CHECK constraints keep the numbers in range; a row
/// that is out of range anyway (a database edited by hand) is an error naming the day,
/// never a 0 that would chart as a pain-free day.
fn diary_from_row((day, pain, sessions, minutes, flare_up, notes): DiaryRow) -> Result<DiaryEntry> {
    let out_of_range = |field: &str, value: i64| {
        corrupt(format!("diary day {day}: {field} {value} is out of range"))
    };
    Ok(DiaryEntry {
        day,
        pain: u8::try_from(pain)
            .ok()
            .filter(|p| *p <= 10)
            .ok_or_else(|| out_of_range("pain", pain.into()))?,
        sessions_done: u32::try_from(sessions)
            .map_err(|_| out_of_range("sessions", sessions.into()))?,
        minutes_walked: u32::try_from(minutes)
            .map_err(|_| out_of_range("minutes", minutes.into()))?,
        flare_up,
        notes,
    })
}

fn reassessment_from_row((id, created, scores): ReassessmentRow) -> Result<Reassessment> {
    Ok(Reassessment {
        id: ReassessmentId(id),
        created_at: at(created)?,
        scores: scores.0,
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
    /// Saves an assessment: the intake and the engine's result, each a JSON object
    /// (`serde_json::to_value(&intake)`). [`Error::NotFound`] if the user does not exist.
    pub async fn save_assessment(
        &self,
        user: UserId,
        intake: &Value,
        assessment: &Value,
        now: OffsetDateTime,
    ) -> Result<AssessmentId> {
        check_object("intake", intake)?;
        check_object("assessment", assessment)?;
        let id: i64 = on!(self, pool => sqlx::query_scalar(
            "INSERT INTO assessments (user_id, created_at, intake, result) \
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(user.0)
        .bind(secs(now))
        .bind(Json(intake))
        .bind(Json(assessment))
        .fetch_one(pool)
        .await)
        .map_err(|e| classify(e, "assessment"))?;
        Ok(AssessmentId(id))
    }

    /// A user's assessments, oldest first.
    pub async fn assessments(&self, user: UserId) -> Result<Vec<StoredAssessment>> {
        let rows: Vec<AssessmentRow> = on!(self, pool => sqlx::query_as(
            "SELECT id, created_at, intake, result FROM assessments \
             WHERE user_id = $1 ORDER BY created_at, id",
        )
        .bind(user.0)
        .fetch_all(pool)
        .await)?;
        rows.into_iter().map(assessment_from_row).collect()
    }

    /// One of the user's assessments; [`Error::NotFound`] if it is not theirs.
    pub async fn assessment(&self, user: UserId, id: AssessmentId) -> Result<StoredAssessment> {
        let row: Option<AssessmentRow> = on!(self, pool => sqlx::query_as(
            "SELECT id, created_at, intake, result FROM assessments \
             WHERE user_id = $1 AND id = $2",
        )
        .bind(user.0)
        .bind(id.0)
        .fetch_optional(pool)
        .await)?;
        assessment_from_row(row.ok_or(Error::NotFound)?)
    }

    /// Saves the intake `user` is part-way through (a JSON object), replacing any earlier
    /// draft; `None` deletes it (when the finished assessment has been saved).
    /// [`Error::NotFound`] if the user does not exist.
    pub async fn save_intake_draft(
        &self,
        user: UserId,
        intake: Option<&Value>,
        now: OffsetDateTime,
    ) -> Result<()> {
        match intake {
            Some(intake) => {
                check_object("intake", intake)?;
                on!(self, pool => sqlx::query(
                    "INSERT INTO intake_drafts (user_id, intake, updated_at) VALUES ($1, $2, $3) \
                     ON CONFLICT (user_id) DO UPDATE SET intake = excluded.intake, \
                     updated_at = excluded.updated_at",
                )
                .bind(user.0)
                .bind(Json(intake))
                .bind(secs(now))
                .execute(pool)
                .await
                .map(|_| ()))
                .map_err(|e| classify(e, "intake draft"))?;
            }
            None => {
                on!(self, pool => sqlx::query("DELETE FROM intake_drafts WHERE user_id = $1")
                    .bind(user.0)
                    .execute(pool)
                    .await
                    .map(|_| ()))?;
            }
        }
        Ok(())
    }

    /// The intake `user` is part-way through, if any.
    pub async fn intake_draft(&self, user: UserId) -> Result<Option<Value>> {
        let row: Option<Json<Value>> = on!(self, pool => sqlx::query_scalar(
            "SELECT intake FROM intake_drafts WHERE user_id = $1",
        )
        .bind(user.0)
        .fetch_optional(pool)
        .await)?;
        Ok(row.map(|j| j.0))
    }

    /// The user's most recent assessment, if any.
    pub async fn latest_assessment(&self, user: UserId) -> Result<Option<StoredAssessment>> {
        let row: Option<AssessmentRow> = on!(self, pool => sqlx::query_as(
            "SELECT id, created_at, intake, result FROM assessments \
             WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1",
        )
        .bind(user.0)
        .fetch_optional(pool)
        .await)?;
        row.map(assessment_from_row).transpose()
    }

    /// Saves the diary entry for `entry.day`, replacing any entry for that day.
    /// [`Error::Invalid`] names a field out of range; [`Error::NotFound`] if the user does
    /// not exist.
    pub async fn upsert_diary_entry(
        &self,
        user: UserId,
        entry: &DiaryEntry,
        now: OffsetDateTime,
    ) -> Result<()> {
        entry.validate()?;
        on!(self, pool => sqlx::query(UPSERT_DIARY)
        .bind(user.0)
        .bind(entry.day)
        .bind(i16::from(entry.pain))
        .bind(i32::try_from(entry.sessions_done).unwrap_or(i32::MAX))
        .bind(i32::try_from(entry.minutes_walked).unwrap_or(i32::MAX))
        .bind(entry.flare_up)
        .bind(entry.notes.as_str())
        .bind(secs(now))
        .execute(pool)
        .await
        .map(|_| ()))
        .map_err(|e| classify(e, "diary entry"))?;
        Ok(())
    }

    /// Saves an exercise session in one transaction: the diary day `entry` (as
    /// [`Store::upsert_diary_entry`]) and, for each exercise `done` (an id, and how it felt
    /// if the person said), one more time done on that day. [`Error::Invalid`] names a
    /// field out of range or an exercise id that is empty or longer than
    /// [`MAX_EXERCISE_ID`]; [`Error::NotFound`] if the user does not exist.
    pub async fn save_session(
        &self,
        user: UserId,
        entry: &DiaryEntry,
        done: &[(&str, Option<Effort>)],
        now: OffsetDateTime,
    ) -> Result<()> {
        entry.validate()?;
        if let Some((id, _)) = done
            .iter()
            .find(|(id, _)| id.is_empty() || id.len() > MAX_EXERCISE_ID)
        {
            return Err(Error::Invalid(format!(
                "exercise id {id:?} must be 1 to {MAX_EXERCISE_ID} characters"
            )));
        }
        on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            sqlx::query(UPSERT_DIARY)
                .bind(user.0)
                .bind(entry.day)
                .bind(i16::from(entry.pain))
                .bind(i32::try_from(entry.sessions_done).unwrap_or(i32::MAX))
                .bind(i32::try_from(entry.minutes_walked).unwrap_or(i32::MAX))
                .bind(entry.flare_up)
                .bind(entry.notes.as_str())
                .bind(secs(now))
                .execute(&mut *tx)
                .await
                .map_err(|e| classify(e, "diary entry"))?;
            for (id, effort) in done {
                sqlx::query(ADD_EXERCISE_DAY)
                    .bind(user.0)
                    .bind(entry.day)
                    .bind(*id)
                    .bind(effort.map(Effort::as_str))
                    .bind(secs(now))
                    .execute(&mut *tx)
                    .await
                    .map_err(|e| classify(e, "exercise day"))?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// The exercises the user did from `from` to `to` (both included), by day and exercise.
    /// [`Error::Invalid`] if `from` is after `to`.
    pub async fn exercise_days(
        &self,
        user: UserId,
        from: Date,
        to: Date,
    ) -> Result<Vec<ExerciseDay>> {
        check_range("exercise", from, to)?;
        let rows: Vec<ExerciseDayRow> = on!(self, pool => sqlx::query_as(
            "SELECT day, exercise_id, times_done, effort FROM exercise_days \
             WHERE user_id = $1 AND day >= $2 AND day <= $3 ORDER BY day, exercise_id",
        )
        .bind(user.0)
        .bind(from)
        .bind(to)
        .fetch_all(pool)
        .await)?;
        rows.into_iter().map(exercise_day_from_row).collect()
    }

    /// All of the user's exercise days (for the export): every day the schema can hold.
    pub(crate) async fn whole_exercise_days(&self, user: UserId) -> Result<Vec<ExerciseDay>> {
        let first = time::macros::date!(0001 - 01 - 01);
        let last = time::macros::date!(9999 - 12 - 31);
        self.exercise_days(user, first, last).await
    }

    /// The user's diary entries from `from` to `to` (both included), by day.
    /// [`Error::Invalid`] if `from` is after `to`.
    pub async fn diary(&self, user: UserId, from: Date, to: Date) -> Result<Vec<DiaryEntry>> {
        check_range("diary", from, to)?;
        let rows: Vec<DiaryRow> = on!(self, pool => sqlx::query_as(
            "SELECT day, pain, sessions_done, minutes_walked, flare_up, notes \
             FROM diary_entries WHERE user_id = $1 AND day >= $2 AND day <= $3 ORDER BY day",
        )
        .bind(user.0)
        .bind(from)
        .bind(to)
        .fetch_all(pool)
        .await)?;
        rows.into_iter().map(diary_from_row).collect()
    }

    /// All of the user's diary entries, by day (for the export).
    pub(crate) async fn whole_diary(&self, user: UserId) -> Result<Vec<DiaryEntry>> {
        let rows: Vec<DiaryRow> = on!(self, pool => sqlx::query_as(
            "SELECT day, pain, sessions_done, minutes_walked, flare_up, notes \
             FROM diary_entries WHERE user_id = $1 ORDER BY day",
        )
        .bind(user.0)
        .fetch_all(pool)
        .await)?;
        rows.into_iter().map(diary_from_row).collect()
    }

    /// Deletes the user's diary entry for `day`; [`Error::NotFound`] if there is none.
    pub async fn delete_diary_entry(&self, user: UserId, day: Date) -> Result<()> {
        found(on!(self, pool => sqlx::query(
            "DELETE FROM diary_entries WHERE user_id = $1 AND day = $2",
        )
        .bind(user.0)
        .bind(day)
        .execute(pool)
        .await?
        .rows_affected()))
    }

    /// Saves a reassessment's instrument scores (a JSON object).
    pub async fn save_reassessment(
        &self,
        user: UserId,
        scores: &Value,
        now: OffsetDateTime,
    ) -> Result<ReassessmentId> {
        check_object("scores", scores)?;
        let id: i64 = on!(self, pool => sqlx::query_scalar(
            "INSERT INTO reassessments (user_id, created_at, scores) \
             VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(user.0)
        .bind(secs(now))
        .bind(Json(scores))
        .fetch_one(pool)
        .await)
        .map_err(|e| classify(e, "reassessment"))?;
        Ok(ReassessmentId(id))
    }

    /// A user's reassessments, oldest first.
    pub async fn reassessments(&self, user: UserId) -> Result<Vec<Reassessment>> {
        let rows: Vec<ReassessmentRow> = on!(self, pool => sqlx::query_as(
            "SELECT id, created_at, scores FROM reassessments \
             WHERE user_id = $1 ORDER BY created_at, id",
        )
        .bind(user.0)
        .fetch_all(pool)
        .await)?;
        rows.into_iter().map(reassessment_from_row).collect()
    }

    /// Records that the user has been seen by a clinician about their result `assessment`.
    /// Saying it again keeps the first time. [`Error::NotFound`] if the result is not the
    /// user's.
    pub async fn mark_seen(
        &self,
        user: UserId,
        assessment: AssessmentId,
        now: OffsetDateTime,
    ) -> Result<()> {
        on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            sqlx::query(
                "INSERT INTO seen_results (assessment_id, user_id, seen_at) \
                 SELECT id, user_id, $3 FROM assessments WHERE id = $1 AND user_id = $2 \
                 ON CONFLICT (assessment_id) DO NOTHING",
            )
            .bind(assessment.0)
            .bind(user.0)
            .bind(secs(now))
            .execute(&mut *tx)
            .await
            .map_err(|e| classify(e, "seen result"))?;
            let kept: Option<i64> = sqlx::query_scalar(
                "SELECT seen_at FROM seen_results WHERE assessment_id = $1 AND user_id = $2",
            )
            .bind(assessment.0)
            .bind(user.0)
            .fetch_optional(&mut *tx)
            .await?;
            if kept.is_none() {
                return Err(Error::NotFound);
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// Takes back [`Store::mark_seen`]: the result is again one the person has not been
    /// seen about. Nothing to take back is not an error.
    pub async fn unmark_seen(&self, user: UserId, assessment: AssessmentId) -> Result<()> {
        on!(self, pool => sqlx::query(
            "DELETE FROM seen_results WHERE assessment_id = $1 AND user_id = $2",
        )
        .bind(assessment.0)
        .bind(user.0)
        .execute(pool)
        .await
        .map(|_| ()))?;
        Ok(())
    }

    /// The results the user said they have been seen about, oldest result first.
    pub async fn seen_results(&self, user: UserId) -> Result<Vec<SeenResult>> {
        let rows: Vec<(i64, i64)> = on!(self, pool => sqlx::query_as(
            "SELECT assessment_id, seen_at FROM seen_results \
             WHERE user_id = $1 ORDER BY assessment_id",
        )
        .bind(user.0)
        .fetch_all(pool)
        .await)?;
        rows.into_iter()
            .map(|(id, seen)| {
                Ok(SeenResult {
                    assessment: AssessmentId(id),
                    seen_at: at(seen)?,
                })
            })
            .collect()
    }
}

/// A day range read from the store must not run backwards: say so rather than answer nothing.
fn check_range(what: &str, from: Date, to: Date) -> Result<()> {
    if from > to {
        return Err(Error::Invalid(format!(
            "{what} range starts ({from}) after it ends ({to})"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use time::macros::{date, datetime};

    use crate::testing::block_on;
    use crate::{AssessmentId, DiaryEntry, Email, Error, PasswordHash, Role, Store, connect};

    /// Every write to a person's record moves their care version, and only theirs; deleting
    /// the account still works.
    async fn care_version_moves_with_every_write(store: &Store) {
        let now = datetime!(2026-12-02 12:00 UTC);
        let ann = crate::testing::patient(store, "ann@example.org", now).await;
        let bob = crate::testing::patient(store, "bob@example.org", now).await;
        let version = |user| async move { store.care_version(user).await.unwrap().0 };
        let mut last = version(ann).await;
        let mut moved = |what: &str, now: i64| {
            assert!(now > last, "{what} did not move the care version");
            last = now;
        };
        store
            .save_assessment(ann, &json!({}), &json!({}), now)
            .await
            .unwrap();
        moved("an assessment", version(ann).await);
        store.save_reassessment(ann, &json!({}), now).await.unwrap();
        moved("a reassessment", version(ann).await);
        let mut day = DiaryEntry {
            day: date!(2026 - 12 - 02),
            pain: 3,
            sessions_done: 1,
            minutes_walked: 10,
            flare_up: false,
            notes: String::new(),
        };
        store.upsert_diary_entry(ann, &day, now).await.unwrap();
        moved("a new diary day", version(ann).await);
        // The same day changed within the same second still moves it.
        day.pain = 4;
        store.upsert_diary_entry(ann, &day, now).await.unwrap();
        moved("a diary day changed", version(ann).await);
        store.delete_diary_entry(ann, day.day).await.unwrap();
        moved("a diary day deleted", version(ann).await);
        assert_eq!(version(bob).await, 0, "another person's version stays");
        store.delete_user(ann).await.unwrap();
        assert!(store.care_version(ann).await.is_err());
    }

    /// A session writes the diary day and counts each exercise done, keeping the day's last
    /// rating; a session that cannot be saved leaves nothing behind.
    async fn sessions_count_exercises_and_keep_the_last_rating(store: &Store) {
        use crate::{Effort, ExerciseDay};
        let now = datetime!(2026-12-02 12:00 UTC);
        let ann = crate::testing::patient(store, "ann@example.org", now).await;
        let today = date!(2026 - 12 - 02);
        let day = |sessions| DiaryEntry {
            day: today,
            pain: 3,
            sessions_done: sessions,
            minutes_walked: 0,
            flare_up: false,
            notes: String::new(),
        };
        let version = |user| async move { store.care_version(user).await.unwrap().0 };
        let before = version(ann).await;
        store
            .save_session(
                ann,
                &day(1),
                &[("bridge", Some(Effort::TooHard)), ("cat-cow", None)],
                now,
            )
            .await
            .unwrap();
        assert!(version(ann).await > before);
        // The second session: bridge again without a rating (the rating stays), cat-cow
        // rated now.
        store
            .save_session(
                ann,
                &day(2),
                &[("bridge", None), ("cat-cow", Some(Effort::JustRight))],
                now,
            )
            .await
            .unwrap();
        let want = vec![
            ExerciseDay {
                day: today,
                exercise: "bridge".into(),
                times_done: 2,
                effort: Some(Effort::TooHard),
            },
            ExerciseDay {
                day: today,
                exercise: "cat-cow".into(),
                times_done: 2,
                effort: Some(Effort::JustRight),
            },
        ];
        assert_eq!(store.exercise_days(ann, today, today).await.unwrap(), want);
        assert_eq!(
            store.diary(ann, today, today).await.unwrap()[0].sessions_done,
            2
        );
        // A bad id refuses the whole session: the diary day is as it was.
        let refused = store
            .save_session(ann, &day(3), &[("bridge", None), ("", None)], now)
            .await;
        assert!(
            matches!(refused, Err(crate::Error::Invalid(_))),
            "{refused:?}"
        );
        assert_eq!(
            store.diary(ann, today, today).await.unwrap()[0].sessions_done,
            2
        );
        assert_eq!(store.exercise_days(ann, today, today).await.unwrap(), want);
        // Another day's range holds none; a backwards range is refused.
        let yesterday = date!(2026 - 12 - 01);
        assert!(
            store
                .exercise_days(ann, yesterday, yesterday)
                .await
                .unwrap()
                .is_empty()
        );
        assert!(store.exercise_days(ann, today, yesterday).await.is_err());
        // The export holds them, and deleting the account leaves none.
        assert_eq!(store.export_user(ann).await.unwrap().exercises_done, want);
        store.delete_user(ann).await.unwrap();
        let email = Email::parse("ann@example.org").unwrap();
        let left = store.rows_for_user(ann, &email).await.unwrap();
        let row = left.iter().find(|t| t.table == "exercise_days").unwrap();
        assert_eq!(row.rows, 0);
    }

    /// Saying "I have been seen" about a result is kept once, with the first time; only the
    /// result's owner can say it; "not yet" takes it back; the result itself is untouched.
    async fn a_result_seen_is_kept_once_and_can_be_taken_back(store: &Store) {
        use crate::SeenResult;
        let now = datetime!(2026-12-02 12:00 UTC);
        let ann = crate::testing::patient(store, "ann@example.org", now).await;
        let bob = crate::testing::patient(store, "bob@example.org", now).await;
        let result = json!({"triage": {"level": "urgent"}});
        let id = store
            .save_assessment(ann, &json!({}), &result, now)
            .await
            .unwrap();
        assert!(store.seen_results(ann).await.unwrap().is_empty());
        let later = now + time::Duration::hours(3);
        store.mark_seen(ann, id, later).await.unwrap();
        store
            .mark_seen(ann, id, later + time::Duration::days(1))
            .await
            .unwrap();
        let want = vec![SeenResult {
            assessment: id,
            seen_at: later,
        }];
        assert_eq!(store.seen_results(ann).await.unwrap(), want);
        // Not Bob's result, and no such result: nothing is kept for him.
        let refused = store.mark_seen(bob, id, now).await;
        assert!(matches!(refused, Err(Error::NotFound)), "{refused:?}");
        let refused = store.mark_seen(ann, AssessmentId(id.0 + 100), now).await;
        assert!(matches!(refused, Err(Error::NotFound)), "{refused:?}");
        store.unmark_seen(bob, id).await.unwrap();
        assert!(store.seen_results(bob).await.unwrap().is_empty());
        assert_eq!(store.export_user(ann).await.unwrap().seen_results, want);
        assert_eq!(
            store.assessment(ann, id).await.unwrap().assessment,
            result,
            "the result stays as issued"
        );
        store.unmark_seen(ann, id).await.unwrap();
        assert!(store.seen_results(ann).await.unwrap().is_empty());
        store.unmark_seen(ann, id).await.unwrap();
    }

    crate::testing::stories_on_both_backends!(
        seen_results_on_sqlite,
        seen_results_on_postgres,
        "storage_seen_results",
        [a_result_seen_is_kept_once_and_can_be_taken_back]
    );

    crate::testing::stories_on_both_backends!(
        care_version_on_sqlite,
        care_version_on_postgres,
        "storage_care_version",
        [care_version_moves_with_every_write]
    );

    crate::testing::stories_on_both_backends!(
        exercise_days_on_sqlite,
        exercise_days_on_postgres,
        "storage_exercise_days",
        [sessions_count_exercises_and_keep_the_last_rating]
    );

    #[test]
    fn a_diary_day_out_of_range_is_an_error_naming_the_day_not_a_zero() {
        block_on(async {
            let store = connect("sqlite::memory:").await.unwrap();
            store.migrate().await.unwrap();
            let hash =
                PasswordHash::new("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo")
                    .unwrap();
            let email = Email::parse("ann@example.org").unwrap();
            let now = datetime!(2026-12-02 12:00 UTC);
            let user = store
                .create_user(&email, &hash, Role::Patient, now)
                .await
                .unwrap();
            // As if the file had been edited by hand, past the schema's checks.
            on!(store, pool => {
                sqlx::query("PRAGMA ignore_check_constraints = ON").execute(pool).await.unwrap();
                sqlx::query(
                    "INSERT INTO diary_entries (user_id, day, pain, sessions_done, minutes_walked, \
                     flare_up, notes, updated_at) VALUES ($1, '2026-12-01', 42, 0, 0, 0, '', 0)",
                )
                .bind(user.id.0)
                .execute(pool)
                .await
                .map(drop)
            })
            .unwrap();
            let e = store
                .diary(user.id, date!(2026 - 11 - 01), date!(2026 - 12 - 02))
                .await
                .unwrap_err();
            assert!(
                e.to_string().contains("diary day 2026-12-01: pain 42"),
                "{e}"
            );
        });
    }
}
