//! The check without an account (`/check`, issue 14): warning signs first, a short screen
//! at a time, the emergency page with a call button at the first emergency answer, a
//! result at the end, and a sign-up that keeps the answers.

use backcare_storage::Role;

use crate::client::{Client, Resp};
use crate::{PASSWORD, TestApp, post_owned, user_id};

on_both_backends!(
    the_check_needs_no_account_and_stops_at_the_first_emergency,
    the_check_ends_with_a_result_and_sign_up_keeps_the_answers,
);

/// The value of the hidden field `name`, unescaped.
fn hidden(body: &str, name: &str) -> String {
    let marker = format!(r#"type="hidden" name="{name}" value=""#);
    let Some(at) = body.find(&marker) else {
        return String::new();
    };
    let rest = &body[at + marker.len()..];
    let value = &rest[..rest.find('"').expect("a closing quote")];
    value
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The names of the questions on a page, in order, once each.
fn question_names(body: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for input in body.split("<input ").skip(1) {
        let input = input.split('>').next().unwrap_or_default();
        if input.contains(r#"type="hidden""#) {
            continue;
        }
        let Some(name) = input
            .split("name=\"")
            .nth(1)
            .and_then(|n| n.split('"').next())
        else {
            continue;
        };
        if !names.iter().any(|n| n == name) {
            names.push(name.to_owned());
        }
    }
    names
}

/// A screen's form: the carried fields, `answers`, and `action`.
fn screen_form(body: &str, answers: &[(String, String)], action: &str) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = ["answers", "screens", "asked"]
        .iter()
        .map(|n| ((*n).to_owned(), hidden(body, n)))
        .collect();
    fields.extend(answers.iter().cloned());
    fields.push(("action".into(), action.into()));
    fields
}

/// The answers of a person without warning signs to the questions of `body`.
fn ordinary_answers(body: &str) -> Vec<(String, String)> {
    question_names(body)
        .into_iter()
        .map(|name| {
            let value = match name.as_str() {
                "age" => "40",
                "sex" => "male",
                "onset" => "gradual",
                "course" => "better",
                "leg_symptoms" => "none",
                "leg_weakness" => "none",
                "duration_weeks" => "2_to_6_weeks",
                "pain_areas" => "low",
                "pain.now" => "3",
                "pain.worst" => "5",
                _ if body.contains(&format!(r#"name="{name}" value="no""#)) => "no",
                other => panic!("no ordinary answer for {other}: add one to this test"),
            };
            (name, value.to_owned())
        })
        .collect()
}

async fn post(c: &mut Client, fields: &[(String, String)]) -> Resp {
    post_owned(c, "/check", fields).await
}

async fn the_check_needs_no_account_and_stops_at_the_first_emergency(app: TestApp) {
    let mut c = app.client();
    c.accept_language = Some("en-GB,en;q=0.8".into());
    let first = c.get("/check").await;
    assert_eq!(first.status, 200);
    let body = &first.body;
    assert!(body.contains("Check for warning signs"), "{body}");
    assert!(body.contains("You do not need an account"));
    assert!(
        body.contains(r#"name="other_symptoms.chest_pain""#),
        "warning signs first"
    );
    assert!(body.contains("Questions 1 to 3 of"), "progress is shown");
    assert_eq!(question_names(body).len(), 3, "a short screen");
    assert!(
        !body.contains(r#"value="back""#),
        "no Back on the first screen"
    );
    assert!(c.session().is_none(), "no session for a check");
    // The home page leads there, and says how long it takes.
    let home = c.get("/").await;
    assert!(home.body.contains(r#"href="/check""#));
    assert!(home.body.contains("minutes"), "{}", home.body);

    // The first emergency answer stops the check with the emergency page.
    let mut answers = ordinary_answers(body);
    answers.retain(|(n, _)| n != "other_symptoms.chest_pain");
    answers.push(("other_symptoms.chest_pain".into(), "yes".into()));
    let stop = post(&mut c, &screen_form(body, &answers, "next")).await;
    assert_eq!(stop.status, 200);
    let page = &stop.body;
    assert!(
        page.contains(r#"class="triage triage-emergency""#),
        "{page}"
    );
    let call = page.find(r#"class="call-button" href="tel:999""#);
    assert!(call.is_some(), "999 first for en-GB: {page}");
    assert!(page.contains(r#"href="tel:112""#) && page.contains(r#"href="tel:911""#));
    // The rule's own advice (what to do, and what to say) comes before the call buttons.
    let advice = page.find("What to do now").expect("the advice");
    assert!(advice < page.find("tel:999").unwrap());
    assert!(page.contains("If you call"));
    assert!(c.session().is_none());
    // "Change my answers" shows the screen again with the answer given.
    let change = post(&mut c, &screen_form(page, &[], "change")).await;
    assert_eq!(change.status, 200);
    assert!(
        change
            .body
            .contains(r#"id="q-other-symptoms-chest-pain-yes" name="other_symptoms.chest_pain" value="yes" checked"#),
        "{}",
        change.body
    );

    // In Spanish from Spain: 112 first, in Spanish.
    let mut es = app.client();
    es.accept_language = Some("es-ES,es;q=0.9".into());
    let first = es.get("/check").await;
    assert!(first.body.contains("Compruebe si hay señales de alarma"));
    let mut answers = ordinary_answers(&first.body);
    answers.retain(|(n, _)| n != "other_symptoms.chest_pain");
    answers.push(("other_symptoms.chest_pain".into(), "yes".into()));
    let stop = post(&mut es, &screen_form(&first.body, &answers, "next")).await;
    assert!(
        stop.body
            .contains(r#"class="call-button" href="tel:112">Llamar al 112"#),
        "{}",
        stop.body
    );

    // No region: no guess, every number offered.
    let mut plain = app.client();
    plain.accept_language = Some("en".into());
    let first = plain.get("/check").await;
    let stop = post(&mut plain, &screen_form(&first.body, &answers, "next")).await;
    assert!(!stop.body.contains("call-button"));
    for n in ["112", "911", "999"] {
        assert!(stop.body.contains(&format!(r#"href="tel:{n}""#)), "{n}");
    }

    // Answers that do not read start the check again, and say so.
    let mut broken = screen_form(&first.body, &[], "next");
    broken[0].1 = "{not json".into();
    let again = post(&mut plain, &broken).await;
    assert_eq!(again.status, 200);
    assert!(again.body.contains("We could not read your answers"));
}

async fn the_check_ends_with_a_result_and_sign_up_keeps_the_answers(app: TestApp) {
    let mut c = app.client();
    let mut page = c.get("/check").await;
    let mut screens = 0;
    let mut questions = 0;
    while !page.body.contains(r#"class="triage triage-"#) {
        screens += 1;
        assert!(screens < 20, "the check does not end");
        assert_eq!(page.status, 200, "{}", page.body);
        let answers = ordinary_answers(&page.body);
        questions += answers.len();
        page = post(&mut c, &screen_form(&page.body, &answers, "next")).await;
    }
    assert!(
        page.body.contains(r#"class="triage triage-self_care""#),
        "no warning sign: {}",
        page.body
    );
    assert!(
        page.body.contains("No warning signs came up"),
        "{}",
        page.body
    );
    assert!(page.body.contains("None of your answers is a warning sign"));
    assert!(
        !page.body.contains("follow your exercise plan"),
        "no plan is promised before there is one"
    );
    assert!(page.body.contains("Create an account to keep my answers"));
    assert!(c.session().is_none(), "still nothing kept");
    eprintln!("the check: {questions} questions on {screens} screens");

    // Back from the result's "change" goes through the screens with the answers kept.
    let change = post(&mut c, &screen_form(&page.body, &[], "change")).await;
    assert!(change.body.contains(r#"value="3""#), "{}", change.body);
    let back = post(&mut c, &screen_form(&change.body, &[], "back")).await;
    assert_eq!(back.status, 200);
    // Back from the last screen (the pain ratings) is the screen before it, answered.
    assert!(change.body.contains(r#"name="pain.now""#));
    assert!(!back.body.contains(r#"name="pain.now""#), "{}", back.body);
    assert!(
        back.body
            .contains(r#"name="other_symptoms.colicky_side_pain" value="no" checked"#),
        "{}",
        back.body
    );

    // "Keep my answers" opens the sign-up form with them.
    let answers = hidden(&page.body, "answers");
    assert!(answers.contains("\"age\":40"), "{answers}");
    let form = c
        .post("/signup", &[("answers", &answers), ("action", "start")])
        .await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains(r#"id="keeps-answers""#));
    assert!(!form.body.contains("error-summary"), "nothing to fix yet");
    let kept = hidden(&form.body, "answers");
    assert!(!kept.is_empty());

    // An email that is taken gets no answers: never into its owner's account.
    let owner = app.create_user("owner@example.org", Role::Patient).await;
    let taken = c
        .post(
            "/signup",
            &[
                ("email", "owner@example.org"),
                ("password", PASSWORD),
                ("consent", "yes"),
                ("answers", &kept),
            ],
        )
        .await;
    assert_eq!(taken.status, 422);
    assert!(
        taken.body.contains(r#"id="keeps-answers""#),
        "the answers are still carried"
    );
    assert_eq!(app.store.intake_draft(owner).await.unwrap(), None);

    // A new account keeps them as its intake draft, and the intake goes on after the
    // warning signs, with the answers filled in.
    let made = c
        .post(
            "/signup",
            &[
                ("email", "checked@example.org"),
                ("password", PASSWORD),
                ("consent", "yes"),
                ("answers", &kept),
            ],
        )
        .await;
    assert_eq!(made.status, 303, "{}", made.body);
    assert_eq!(made.location(), "/intake/2");
    let user = user_id(&app, "checked@example.org").await;
    let draft = app
        .store
        .intake_draft(user)
        .await
        .unwrap()
        .expect("a draft");
    let intake = backcare_core::record::decode_intake_draft(&draft).unwrap();
    assert_eq!(intake.age.map(|a| a.get()), Some(40));
    let step1 = c.get("/intake/1").await;
    assert!(
        step1.body.contains(r#"value="no" checked"#),
        "{}",
        step1.body
    );
    // A signed-in patient's /check is their intake.
    assert_eq!(c.get("/check").await.location(), "/intake/1");
}
