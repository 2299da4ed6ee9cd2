//! Email reminders (issue 13) against a real SMTP server (maildev), with **two servers on
//! one database** sharing one moved clock, as two instances behind a load balancer would:
//! each patient gets exactly one email when their time comes, whichever instance sends it;
//! nothing clinical is in it; its signed link stops the reminders without a log-in; the
//! check-in reminder goes once per due date; a withheld plan and an unconfirmed address
//! get none.

use std::time::Duration as StdDuration;

use backcare_core::Lang;
use backcare_storage::{
    Email, Job, Language, MailPurpose, ReminderKind, Reminders, Role, Store, TimeOfDay, UserId,
    Weekdays,
};
use backcare_web::infra::privacy::PRIVACY_NOTICE_VERSION;
use backcare_web::{Clock, Server, auth, i18n};
use time::{Duration, OffsetDateTime, UtcOffset};
use tokio::sync::oneshot;

use crate::client::Client;
use crate::mail::{Inbox, Letter, Maildev, address, maildev};
use crate::{PASSWORD, log_in};

/// The background jobs of the test servers ask the job table this often.
const JOBS_EVERY: StdDuration = StdDuration::from_millis(100);

struct Instances {
    bases: [String; 2],
    store: Store,
    clock: Clock,
    inbox: Inbox,
    _shutdown: [oneshot::Sender<()>; 2],
}

async fn start_two(database_url: &str, maildev: &Maildev) -> Instances {
    // A server zone that is not UTC, so "the server's date" is tested too.
    let clock = Clock::shifted().in_zone(UtcOffset::from_hms(-5, 0, 0).unwrap());
    let mut bases = Vec::new();
    let mut stops = Vec::new();
    let mut store = None;
    for _ in 0..2 {
        let server =
            Server::bind_with_clock(crate::test_config(database_url, false), clock.clone())
                .await
                .expect("the server starts")
                .with_mailer(&maildev.mail_config())
                .expect("the mail settings are good")
                .with_jobs_every(JOBS_EVERY);
        let (base, s, stop) = crate::run_in_background(server);
        bases.push(base);
        stops.push(stop);
        store = Some(s);
    }
    Instances {
        bases: bases.try_into().unwrap(),
        store: store.unwrap(),
        clock,
        inbox: maildev.inbox.clone(),
        _shutdown: stops.try_into().unwrap(),
    }
}

/// A patient with a confirmed (or not) email, who agreed to the notice, in `language`,
/// whose intake is the example `intake`.
async fn patient(
    app: &Instances,
    email: &str,
    language: Language,
    verified: bool,
    intake: &str,
) -> UserId {
    let now = app.clock.now();
    let hash = auth::hash_password(&auth::Password::parse(PASSWORD).unwrap()).unwrap();
    let email = Email::parse(email).unwrap();
    let user = app
        .store
        .create_user_with_consent(&email, &hash, Role::Patient, PRIVACY_NOTICE_VERSION, now)
        .await
        .unwrap();
    app.store.set_language(user.id, language).await.unwrap();
    if verified {
        let token = auth::token_hash(&format!("verify-{}", user.id.0));
        app.store
            .create_mail_token(
                &token,
                user.id,
                MailPurpose::Verify,
                &email,
                now,
                now + Duration::hours(1),
            )
            .await
            .unwrap();
        app.store
            .verify_email_with_token(&token, now)
            .await
            .unwrap();
    }
    let intake: backcare_core::Intake = serde_json::from_str(&crate::example_text(intake)).unwrap();
    let result = backcare_core::assess(&intake);
    app.store
        .save_assessment(
            user.id,
            &serde_json::to_value(&intake).unwrap(),
            &serde_json::to_value(&result).unwrap(),
            now,
        )
        .await
        .unwrap();
    user.id
}

/// `HH:MM` of `t` at `offset`.
fn clock_time(t: OffsetDateTime, offset: UtcOffset) -> String {
    let t = t.to_offset(offset);
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// Moves the clock to `target` (not back) and lets both instances' jobs run a few times.
async fn move_to(app: &Instances, target: OffsetDateTime) {
    let by = target - app.clock.now();
    if by.is_positive() {
        app.clock.advance(by);
    }
    tokio::time::sleep(JOBS_EVERY * 6).await;
}

/// The exact text of a reminder: its words, the page it opens and the stop link; nothing
/// else (no level, score, pain or exercise).
fn assert_reminder(letter: &Letter, lang: Lang, base: &str, kind: ReminderKind) -> String {
    let (subject, intro, page) = match kind {
        ReminderKind::ExerciseDay => ("mail-exercise-subject", "mail-exercise-intro", "/plan"),
        ReminderKind::Reassessment => ("mail-check-in-subject", "mail-check-in-intro", "/reassess"),
    };
    assert_eq!(letter.subject, i18n::t(lang, subject));
    let stop = letter.link(base, "/reminders/stop?");
    let expected = format!(
        "{}\n\n{base}{page}\n\n{}\n\n{base}{stop}\n\n{}\n",
        i18n::t(lang, intro),
        i18n::t(lang, "mail-reminder-stop"),
        i18n::t(lang, "mail-signature"),
    );
    assert_eq!(letter.text.replace("\r\n", "\n"), expected);
    stop
}

async fn reminders_go_once_per_patient_across_two_instances(
    database_url: String,
    maildev: Maildev,
) {
    let app = start_two(&database_url, &maildev).await;
    let [one, two] = &app.bases;
    let (ann, bea, carl, dan) = (
        address("ann-reminded"),
        address("bea-reminded"),
        address("carl-unconfirmed"),
        address("dan-emergency"),
    );
    let ann_id = patient(&app, &ann, Language::En, true, "minimal.json").await;
    let bea_id = patient(&app, &bea, Language::Es, true, "self-care-sciatica-es.json").await;
    let carl_id = patient(&app, &carl, Language::En, false, "minimal.json").await;
    let dan_id = patient(
        &app,
        &dan,
        Language::En,
        true,
        "emergency-cauda-equina.json",
    )
    .await;

    // Everyone's reminder is two hours from now on their own clock: Ann in Madrid, the
    // others on the server's zone (UTC-5).
    let madrid = UtcOffset::from_hms(1, 0, 0).unwrap();
    app.store
        .set_utc_offset(ann_id, Some(madrid))
        .await
        .unwrap();
    let start = app.clock.now();
    let target = start + Duration::hours(2);
    let target = target - Duration::seconds(i64::from(target.second()));

    // Ann chooses through the page (on the first instance), every day, with check-ins.
    let mut ann_client = Client::new(one, false);
    ann_client.clock = Some(app.clock.clone());
    log_in(&mut ann_client, &ann, PASSWORD).await;
    let page = ann_client.get("/account/reminders").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("UTC+01:00"), "the page names her zone");
    assert!(
        !page.body.contains("/account/reminders/confirm-email"),
        "her email is confirmed"
    );
    let at = clock_time(target, madrid);
    let mut form: Vec<(&str, &str)> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .into_iter()
        .map(|d| (d, "yes"))
        .collect();
    form.extend([("at", at.as_str()), ("check_in", "yes")]);
    let r = ann_client.post("/account/reminders", &form).await;
    assert_eq!(
        (r.status, r.location()),
        (303, "/account/reminders?done=saved")
    );
    // A time that is not one is refused in plain words, and nothing changes.
    let bad = ann_client
        .post(
            "/account/reminders",
            &[("at", "half past six"), ("mon", "yes")],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(
        bad.body
            .contains(&i18n::t(Lang::En, "reminders-time-error"))
    );
    let every_day = Weekdays::of(Weekdays::ALL);
    assert_eq!(
        app.store.reminders(ann_id).await.unwrap(),
        Some(Reminders {
            exercise_days: every_day,
            at: TimeOfDay::parse(&at).unwrap(),
            reassessment: true,
        })
    );
    let server_zone = app.clock.server_offset();
    let same = Reminders {
        exercise_days: every_day,
        at: TimeOfDay::parse(&clock_time(target, server_zone)).unwrap(),
        reassessment: true,
    };
    for id in [bea_id, carl_id, dan_id] {
        app.store
            .set_reminders(id, Some(&same), start)
            .await
            .unwrap();
    }

    // Carl's address is not confirmed: his page says so and offers a link.
    let mut carl_client = Client::new(two, false);
    carl_client.clock = Some(app.clock.clone());
    log_in(&mut carl_client, &carl, PASSWORD).await;
    let carl_page = carl_client.get("/account/reminders").await.body;
    assert!(
        carl_page.contains("/account/reminders/confirm-email"),
        "{carl_page}"
    );

    // Before the time, nothing.
    move_to(&app, target - Duration::minutes(1)).await;
    for to in [&ann, &bea, &carl, &dan] {
        assert_eq!(app.inbox.letters(to).await.len(), 0, "{to} before the time");
    }
    // At the time: one email each for Ann and Bea, in their languages.
    move_to(&app, target).await;
    let ann_letters = app.inbox.wait_for(&ann, 1).await;
    let bea_letters = app.inbox.wait_for(&bea, 1).await;
    // Whichever instance sent it, the links are the site's (both run on one machine here,
    // so either base may appear): find which.
    let base_of = |letter: &Letter| {
        app.bases
            .iter()
            .find(|b| letter.text.contains(&format!("{b}/plan")))
            .cloned()
            .expect("a link to one of the instances")
    };
    let ann_stop = assert_reminder(
        &ann_letters[0],
        Lang::En,
        &base_of(&ann_letters[0]),
        ReminderKind::ExerciseDay,
    );
    assert_reminder(
        &bea_letters[0],
        Lang::Es,
        &base_of(&bea_letters[0]),
        ReminderKind::ExerciseDay,
    );
    // Minutes later, both instances have run the job again: still one each. Carl (not
    // confirmed) and Dan (whose plan waits for a clinician) get nothing.
    for minutes in [1, 2, 3] {
        move_to(&app, target + Duration::minutes(minutes)).await;
    }
    for (to, n) in [(&ann, 1), (&bea, 1), (&carl, 0), (&dan, 0)] {
        assert_eq!(app.inbox.letters(to).await.len(), n, "{to}");
    }
    let jobs = app.store.jobs().await.unwrap();
    let reminders_job = jobs.iter().find(|j| j.job == Job::Reminders).unwrap();
    assert!(reminders_job.runs >= 3, "{reminders_job:?}");

    // The stop link works without a log-in; a changed one does not.
    let mut anyone = Client::new(one, false);
    let forged = ann_stop.replace(&format!("user={}", ann_id.0), &format!("user={}", bea_id.0));
    let refused = anyone.get(&forged).await;
    assert_eq!(refused.status, 200);
    assert!(
        refused
            .body
            .contains(&i18n::t(Lang::En, "reminders-stop-bad"))
    );
    assert!(app.store.reminders(bea_id).await.unwrap().is_some());
    let stopped = anyone.get(&ann_stop).await;
    assert_eq!(stopped.status, 200);
    assert!(
        stopped
            .body
            .contains(&i18n::t(Lang::En, "reminders-stop-done"))
    );
    assert_eq!(app.store.reminders(ann_id).await.unwrap(), None);

    // The next day: Bea again, Ann no more.
    move_to(&app, target + Duration::days(1)).await;
    app.inbox.wait_for(&bea, 2).await;
    move_to(&app, target + Duration::days(1) + Duration::minutes(1)).await;
    assert_eq!(app.inbox.letters(&ann).await.len(), 1);
    assert_eq!(app.inbox.letters(&bea).await.len(), 2);

    // Two weeks after her intake the questionnaires are due (sixteen days on, whatever the
    // hour of the intake in UTC): an exercise-day email and one check-in; the day after,
    // the exercise-day email only (the check-in was sent for that due date).
    move_to(&app, target + Duration::days(16)).await;
    let letters = app.inbox.wait_for(&bea, 4).await;
    let mut subjects: Vec<&str> = letters[2..].iter().map(|l| l.subject.as_str()).collect();
    subjects.sort();
    let mut expected = [
        i18n::t(Lang::Es, "mail-exercise-subject"),
        i18n::t(Lang::Es, "mail-check-in-subject"),
    ];
    expected.sort();
    assert_eq!(subjects, expected);
    let check_in = letters[2..]
        .iter()
        .find(|l| l.subject == i18n::t(Lang::Es, "mail-check-in-subject"))
        .unwrap();
    assert_reminder(
        check_in,
        Lang::Es,
        &base_of_check_in(&app, check_in),
        ReminderKind::Reassessment,
    );
    move_to(&app, target + Duration::days(17)).await;
    let letters = app.inbox.wait_for(&bea, 5).await;
    assert_eq!(
        letters[4].subject,
        i18n::t(Lang::Es, "mail-exercise-subject")
    );
    move_to(&app, target + Duration::days(17) + Duration::minutes(1)).await;
    assert_eq!(app.inbox.letters(&bea).await.len(), 5);
    assert_eq!(
        app.inbox.letters(&dan).await.len(),
        0,
        "Dan's plan still waits for care"
    );
}

fn base_of_check_in(app: &Instances, letter: &Letter) -> String {
    app.bases
        .iter()
        .find(|b| letter.text.contains(&format!("{b}/reassess")))
        .cloned()
        .expect("a link to one of the instances")
}

#[test]
fn reminders_on_sqlite() {
    if let Some(maildev) = maildev() {
        crate::with_sqlite("reminders", |url| {
            reminders_go_once_per_patient_across_two_instances(url, maildev)
        });
    }
}

#[test]
fn reminders_on_postgres() {
    if let Some(maildev) = maildev() {
        crate::with_postgres("reminders", move |url| {
            reminders_go_once_per_patient_across_two_instances(url, maildev)
        });
    }
}
