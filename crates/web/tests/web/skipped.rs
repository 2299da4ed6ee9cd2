//! Skipped safety questions: asked once more in the wizard, said at the top of the
//! result, and answered on their own page.

use std::sync::LazyLock;

use backcare_core::Intake;
use backcare_storage::UserId;

use crate::{TestApp, post_owned, sign_up, user_id};

on_both_backends!(
    a_skipped_safety_question_is_asked_once_more,
    a_result_raised_by_skipped_answers_says_so_and_offers_just_those,
);

/// The intake of an ordinary lifting strain: every answer given, self-care.
static INTAKE: LazyLock<String> =
    LazyLock::new(|| crate::example_text("self-care-lifting-strain.json"));

/// "No" to every warning sign on step 1, without `skip`.
fn step_one_without(skip: &str) -> Vec<(String, String)> {
    backcare_core::questions::questions()
        .iter()
        .filter(|q| q.section == backcare_core::questions::Section::WarningSigns)
        .filter(|q| q.id != skip)
        .map(|q| {
            let no = if q.id == "leg_weakness" { "none" } else { "no" };
            (q.id.to_owned(), no.to_owned())
        })
        .chain([("action".to_owned(), "next".to_owned())])
        .collect()
}

async fn a_skipped_safety_question_is_asked_once_more(app: TestApp) {
    for (lang, again, note) in [
        (
            "en",
            "This question matters for your safety: yes, no or don&#39;t know?",
            "Some questions below matter for your safety.",
        ),
        (
            "es",
            "Esta pregunta es importante para su seguridad: ¿sí, no o no lo sé?",
            "Algunas preguntas de abajo son importantes para su seguridad.",
        ),
    ] {
        let mut c = app.client();
        sign_up(&mut c, &format!("skip-{lang}@example.org")).await;
        c.get(&format!("/lang/{lang}")).await;
        c.get("/intake/1").await;
        let fields = step_one_without("bladder_change");
        let r = post_owned(&mut c, "/intake/1", &fields).await;
        assert_eq!(r.status, 303);
        assert_eq!(
            r.location(),
            "/intake/1?ask=bladder_change",
            "{lang}: {}",
            r.body
        );
        let page = c.get(r.location()).await;
        assert_eq!(page.status, 200);
        let body = &page.body;
        assert!(body.contains(note), "{lang}: {body}");
        // The message is by the skipped question only, and read with it.
        let at = body
            .find(r#"id="q-bladder-change-again""#)
            .unwrap_or_else(|| panic!("{lang}: the bladder question is marked: {body}"));
        assert!(body[at..].contains(again), "{lang}");
        assert_eq!(
            body.matches(again).count(),
            1,
            "{lang}: one question marked"
        );
        assert!(body.contains(r#"aria-describedby="q-bladder-change-again""#));
        assert!(body.contains(r#"name="asked" value="bladder_change""#));
        // The other answers were kept.
        assert!(body.contains(r#"id="q-bowel-change-no" name="bowel_change" value="no" checked"#));
        // Empty a second time: accepted as not answered.
        let mut second = fields.clone();
        second.push(("asked".into(), "bladder_change".into()));
        let r = post_owned(&mut c, "/intake/1", &second).await;
        assert_eq!(r.location(), "/intake/2", "{lang}");
        let user = user_id(&app, &format!("skip-{lang}@example.org")).await;
        let draft: Intake = backcare_core::record::decode_intake_draft(
            &app.store.intake_draft(user).await.unwrap().unwrap(),
        )
        .unwrap();
        assert_eq!(
            draft.bladder_change,
            backcare_core::intake::Answer::NotAnswered
        );
        assert_eq!(draft.bowel_change, backcare_core::intake::Answer::No);
        // "Don't know" is an answer: not asked again.
        let mut unsure = step_one_without("bladder_change");
        unsure.push(("bladder_change".into(), "dont_know".into()));
        let r = post_owned(&mut c, "/intake/1", &unsure).await;
        assert_eq!(r.location(), "/intake/2", "{lang}");
    }
}

/// Saves `intake` as an assessment of `user`; its id.
async fn save(app: &TestApp, user: UserId, intake: &Intake) -> i64 {
    let result = backcare_core::assess(intake);
    app.store
        .save_assessment(
            user,
            &serde_json::to_value(intake).unwrap(),
            &serde_json::to_value(&result).unwrap(),
            app.clock.now(),
        )
        .await
        .unwrap()
        .0
}

async fn a_result_raised_by_skipped_answers_says_so_and_offers_just_those(app: TestApp) {
    let mut c = app.client();
    sign_up(&mut c, "open@example.org").await;
    let user = user_id(&app, "open@example.org").await;
    // Sciatica with the four cauda equina answers skipped or "don't know".
    let mut intake: Intake = serde_json::from_str(&INTAKE).unwrap();
    intake.leg_symptoms = Some(backcare_core::intake::LegSymptoms::BelowKneeOneSide);
    intake.bladder_change = backcare_core::intake::Answer::NotAnswered;
    intake.bowel_change = backcare_core::intake::Answer::DontKnow;
    intake.saddle_numbness = backcare_core::intake::Answer::NotAnswered;
    intake.sexual_function_change = backcare_core::intake::Answer::DontKnow;
    let id = save(&app, user, &intake).await;
    let link = format!(r#"href="/result/{id}/answer""#);
    for (lang, notice, concern, why) in [
        (
            "en",
            "This result is more urgent because some safety questions were skipped",
            "cauda equina syndrome",
            "<h2>Why</h2>",
        ),
        (
            "es",
            "Este resultado es más urgente porque algunas preguntas de seguridad no se contestaron",
            "síndrome de cola de caballo",
            "<h2>Por qué</h2>",
        ),
    ] {
        c.get(&format!("/lang/{lang}")).await;
        let page = c.get(&format!("/result/{id}")).await;
        assert_eq!(page.status, 200);
        let body = &page.body;
        let banner = body.find("triage-urgent").expect("urgent");
        let at = body
            .find(notice)
            .unwrap_or_else(|| panic!("{lang}: the notice: {body}"));
        let why = body.find(why).unwrap();
        assert!(banner < at && at < why, "{lang}: the notice is at the top");
        assert!(
            body[at..why].contains(&link),
            "{lang}: the link is by the notice"
        );
        // The open answers, said once (the rule sources below may name it too).
        let open = &body[body.find("reason-open").expect("the open answers")..];
        let advice = &open[..open.find("</p>").unwrap()];
        assert_eq!(
            advice.matches(concern).count(),
            1,
            "{lang}: {concern} once: {body}"
        );
    }
    c.get("/lang/en").await;
    // Only those questions, in the wizard's form.
    let form = c.get(&format!("/result/{id}/answer")).await;
    assert_eq!(form.status, 200);
    assert_eq!(form.body.matches("<fieldset").count(), 4, "{}", form.body);
    for name in [
        "bladder_change",
        "bowel_change",
        "saddle_numbness",
        "sexual_function_change",
    ] {
        assert!(
            form.body.contains(&format!(r#"name="{name}" value="no""#)),
            "{name}"
        );
    }
    assert!(!form.body.contains(r#"name="history.cancer""#));
    // A bad value is explained and nothing is saved.
    let r = c
        .post(
            &format!("/result/{id}/answer"),
            &[("bladder_change", "maybe")],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("Please choose one of the answers"));
    assert_eq!(app.store.assessments(user).await.unwrap().len(), 1);
    // Answered: a new result, worked out again as at the end of the wizard.
    let r = c
        .post(
            &format!("/result/{id}/answer"),
            &[
                ("bladder_change", "no"),
                ("bowel_change", "no"),
                ("saddle_numbness", "no"),
                ("sexual_function_change", "no"),
            ],
        )
        .await;
    assert_eq!(r.status, 303);
    let new = r.location().to_owned();
    assert_ne!(new, format!("/result/{id}"));
    assert_eq!(app.store.assessments(user).await.unwrap().len(), 2);
    let page = c.get(&new).await;
    assert!(!page.body.contains("more urgent because"), "{}", page.body);
    assert!(!page.body.contains("triage-urgent"), "{}", page.body);
    // Nothing left open: the answer page goes back to the result.
    let again = c.get(&format!("{new}/answer")).await;
    assert_eq!(again.status, 303);
    // Another patient cannot see or answer them.
    let mut other = app.client();
    sign_up(&mut other, "other@example.org").await;
    assert_eq!(other.get(&format!("/result/{id}/answer")).await.status, 404);
    let r = other
        .post(&format!("/result/{id}/answer"), &[("bladder_change", "no")])
        .await;
    assert_eq!(r.status, 404);
}
