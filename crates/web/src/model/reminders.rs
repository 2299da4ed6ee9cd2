//! Email reminders (issue 13): deciding who is reminded of what, and the job that sends
//! them.
//!
//! A patient who opted in (`handlers::reminders`) gets, at their chosen time in their own
//! time zone:
//! - on the weekdays they chose, "your plan for today is ready";
//! - once per due date, a note that it is time to answer the questionnaires again (the
//!   earliest date one of them became due, [`CareRecord::due`]).
//!
//! **Only while there is a plan with exercises to do** ([`plan_ready`]): while the plan is
//! withheld because the answers need a clinician first, what the person needs is care, not
//! a cheerful email, and their pages already say so; nor when their latest record cannot
//! be read.
//!
//! The letters name nothing clinical: no level, score, pain or exercise.
//!
//! **Each reminder goes out once**, however many instances share the database: the job
//! runs once a minute in all ([`backcare_storage::Job::Reminders`] in the job table), and
//! each email is claimed by its (person, kind, day) row before it is sent
//! ([`backcare_storage::Store::claim_reminder`]), so a late run or a second instance finds
//! it taken. A send that fails gives the claim back and is tried again on the next run, as
//! long as the reminder's time is less than [`AT_MOST_LATE`] ago; after that it is
//! skipped, so a server that was down all afternoon does not send the evening's reminder
//! the next morning.

use std::time::Duration;

use backcare_core::Lang;
use backcare_core::instruments::Instrument;
use backcare_storage::{Job, Language, ReminderKind, ReminderRecipient, Reminders, Store};
use time::{Date, OffsetDateTime, UtcOffset};
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tokio::time::MissedTickBehavior;

use crate::AppState;
use crate::infra::clock::Clock;
use crate::infra::mail::{Letter, Mailer};
use crate::infra::metrics;
use crate::infra::unsubscribe;
use crate::model::record::{CareRecord, Due};

/// How often the reminder job runs, by all instances together: a reminder goes out at
/// most this long (plus the job table's check interval) after its time.
pub const REMINDERS_EVERY: Duration = Duration::from_secs(60);

/// How late a reminder may still be sent after its time (a failed send is retried, a
/// server that was down catches up) before it is skipped for the day.
pub const AT_MOST_LATE: time::Duration = time::Duration::hours(2);

/// The person's local date, if their reminder time came less than [`AT_MOST_LATE`] ago on
/// that date (at `now`, at their `offset`). A window that would cross midnight ends at
/// midnight: the reminder is about that day.
pub fn time_has_come(
    reminders: &Reminders,
    offset: UtcOffset,
    now: OffsetDateTime,
) -> Option<Date> {
    let local = now.to_offset(offset);
    let minute = i64::from(local.hour()) * 60 + i64::from(local.minute());
    let at = i64::from(reminders.at.minutes());
    (minute >= at && minute < at + AT_MOST_LATE.whole_minutes()).then(|| local.date())
}

/// Whether the person has a plan with exercises to do: not while it is withheld (the
/// answers need a clinician first) or their latest record cannot be read.
pub fn plan_ready(record: &CareRecord) -> bool {
    record.newer_unreadable().next().is_none()
        && record.plan().is_some_and(|p| !p.exercises.is_empty())
}

/// The date the questionnaires became due, if any is due now (or overdue): the earliest
/// of their due dates, which is what the reminder is sent once for.
pub fn check_in_due(record: &CareRecord) -> Option<Date> {
    Instrument::ALL
        .into_iter()
        .filter_map(|i| match record.due(i) {
            Due::Now { last } | Due::Overdue { last } => {
                Some(last + time::Duration::days(record.due_every(i)))
            }
            Due::Never | Due::NotYet { .. } => None,
        })
        .min()
}

/// What one run sent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sent {
    /// Exercise-day reminders sent.
    pub exercise_days: u64,
    /// Check-in reminders sent.
    pub check_ins: u64,
    /// Reminders that could not be sent (tried again next run).
    pub failed: u64,
}

/// Sends the reminders whose time has come, if the reminder job is due at the clock's
/// "now" and this instance (`runner`) claims this period's run: `Ok(None)` when mail is
/// off, the job is not due, or another instance has it. One person's record that cannot
/// be loaded is logged and skipped; the others are still reminded.
pub async fn run_if_due(
    state: &AppState,
    runner: &str,
) -> Result<Option<Sent>, backcare_storage::Error> {
    let Some(mailer) = &state.mailer else {
        return Ok(None);
    };
    let now = state.clock.now();
    if !state
        .store
        .claim_job(Job::Reminders, runner, now, REMINDERS_EVERY)
        .await?
    {
        return Ok(None);
    }
    let mut sent = Sent::default();
    for person in state.store.reminder_recipients().await? {
        if let Err(e) = remind(&state.store, &state.clock, mailer, &person, now, &mut sent).await {
            tracing::warn!(user = %person.user, error = %e, "reminders not sent");
            sent.failed += 1;
        }
    }
    Ok(Some(sent))
}

/// Sends `person` what is due for them at `now`.
async fn remind(
    store: &Store,
    clock: &Clock,
    mailer: &Mailer,
    person: &ReminderRecipient,
    now: OffsetDateTime,
    sent: &mut Sent,
) -> Result<(), backcare_storage::Error> {
    let offset = person.utc_offset.unwrap_or_else(|| clock.server_offset());
    let Some(today) = time_has_come(&person.reminders, offset, now) else {
        return Ok(());
    };
    let lang = match person.language {
        Some(Language::Es) => Lang::Es,
        Some(Language::En) | None => Lang::En,
    };
    let record = CareRecord::load(store, person.user, today, lang).await?;
    if !plan_ready(&record) {
        return Ok(());
    }
    let mut due = Vec::new();
    if person.reminders.exercise_days.contains(today.weekday()) {
        due.push((ReminderKind::ExerciseDay, today));
    }
    if person.reminders.reassessment
        && let Some(day) = check_in_due(&record)
    {
        due.push((ReminderKind::Reassessment, day));
    }
    for (kind, day) in due {
        if !store.claim_reminder(person.user, kind, day, now).await? {
            continue;
        }
        let stop = unsubscribe::link(store, person.user, now).await?;
        let letter = match kind {
            ReminderKind::ExerciseDay => Letter::ExerciseDay { stop },
            ReminderKind::Reassessment => Letter::CheckIn { stop },
        };
        match mailer.send(&person.email, lang, &letter).await {
            Ok(()) => {
                metrics::reminder(kind, true);
                tracing::info!(user = %person.user, letter = letter.kind(), "reminder sent");
                match kind {
                    ReminderKind::ExerciseDay => sent.exercise_days += 1,
                    ReminderKind::Reassessment => sent.check_ins += 1,
                }
            }
            Err(e) => {
                metrics::reminder(kind, false);
                tracing::warn!(user = %person.user, letter = letter.kind(), error = %e, "reminder not sent");
                sent.failed += 1;
                store.release_reminder(person.user, kind, day).await?;
            }
        }
    }
    Ok(())
}

/// Starts the reminder task, which asks every `check_every` whether the job is due, until
/// `stop` turns true: a run that has started is finished first, so await the handle. No
/// task when mail is off (nothing to send).
pub fn spawn(
    state: AppState,
    runner: String,
    check_every: Duration,
    mut stop: watch::Receiver<bool>,
) -> Option<JoinHandle<()>> {
    state.mailer.as_ref()?;
    Some(tokio::spawn(async move {
        let mut tick = tokio::time::interval(check_every);
        tick.set_missed_tick_behavior(MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = tick.tick() => {}
                // Asked to stop, or the server is gone.
                _ = stop.wait_for(|stop| *stop) => return,
            }
            match run_if_due(&state, &runner).await {
                Ok(None) => {}
                Ok(Some(sent)) => {
                    metrics::job_ran(Job::Reminders, true);
                    if sent != Sent::default() {
                        tracing::info!(
                            job = Job::Reminders.as_str(),
                            runner = %runner,
                            exercise_days = sent.exercise_days,
                            check_ins = sent.check_ins,
                            failed = sent.failed,
                            "reminders sent"
                        );
                    }
                }
                Err(e) => {
                    metrics::job_ran(Job::Reminders, false);
                    tracing::warn!(error = %e, runner = %runner, "the reminder job failed");
                }
            }
        }
    }))
}

#[cfg(test)]
mod tests {
    use backcare_storage::{TimeOfDay, Weekdays};
    use time::macros::{datetime, offset};

    use super::*;

    fn at(time: &str) -> Reminders {
        Reminders {
            exercise_days: Weekdays::WORKING_WEEK,
            at: TimeOfDay::parse(time).unwrap(),
            reassessment: true,
        }
    }

    #[test]
    fn the_time_comes_on_the_persons_own_clock_for_two_hours() {
        let madrid = offset!(+1);
        let r = at("18:30");
        // 17:29 UTC is 18:29 in Madrid: not yet.
        assert_eq!(
            time_has_come(&r, madrid, datetime!(2026-12-03 17:29 UTC)),
            None
        );
        for now in [
            datetime!(2026-12-03 17:30 UTC),
            datetime!(2026-12-03 19:29 UTC),
        ] {
            assert_eq!(
                time_has_come(&r, madrid, now),
                Some(time::macros::date!(2026 - 12 - 03))
            );
        }
        assert_eq!(
            time_has_come(&r, madrid, datetime!(2026-12-03 19:30 UTC)),
            None
        );
        // Late in the evening in Mexico City is already tomorrow in UTC: the person's day.
        assert_eq!(
            time_has_come(&at("21:00"), offset!(-6), datetime!(2026-12-04 03:15 UTC)),
            Some(time::macros::date!(2026 - 12 - 03))
        );
        // A window never runs past midnight into the next day.
        assert_eq!(
            time_has_come(
                &at("23:00"),
                UtcOffset::UTC,
                datetime!(2026-12-04 00:30 UTC)
            ),
            None
        );
    }
}
