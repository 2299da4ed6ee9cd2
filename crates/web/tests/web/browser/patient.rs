//! The patient's journeys in the browser: the whole way from sign-up to the progress chart,
//! in English and in Spanish (the language chosen with the switch in the menu, as a person
//! does), and the emergency stop.
//!
//! Like every browser test they run once, on SQLite: the pages are the same on both
//! backends, and the HTTP tests in `main.rs` already run everything on PostgreSQL too.

use fantoccini::key::Key;
use serde_json::json;
use time::Duration;

use super::{Browser, PASSWORD};

browser_tests!(
    patient_journey_in_english,
    patient_journey_in_spanish,
    emergency_journey,
    anonymous_emergency_on_a_phone_in_english,
    anonymous_emergency_on_a_phone_in_spanish,
);

/// The words a patient reads and clicks on the way, in one language (from the Fluent
/// files, so a changed wording fails here and is looked at).
pub(super) struct Words {
    pub(super) lang: &'static str,
    /// The language switch's link in the menu of an English page (none for English).
    switch: Option<&'static str>,
    start_now: &'static str,
    check_title: &'static str,
    keep_answers: &'static str,
    keeps_answers: &'static str,
    signup_title: &'static str,
    email: &'static str,
    password: &'static str,
    create_account: &'static str,
    dashboard_title: &'static str,
    next: &'static str,
    finish: &'static str,
    next_steps: &'static str,
    see_plan: &'static str,
    plan_title: &'static str,
    my_page: &'static str,
    my_diary: &'static str,
    diary_title: &'static str,
    pub(super) day: &'static str,
    pub(super) pain: &'static str,
    pub(super) sessions: &'static str,
    pub(super) minutes: &'static str,
    pub(super) notes: &'static str,
    pub(super) save_day: &'static str,
    saved: &'static str,
    /// The session player's progress line on its first exercise, without the total.
    player_first: &'static str,
    /// The notes of the three diary entries.
    diary_notes: [&'static str; 3],
}

pub(super) const ENGLISH: Words = Words {
    lang: "en",
    switch: None,
    start_now: "Start now",
    check_title: "Check for warning signs",
    keep_answers: "Create an account to keep my answers",
    keeps_answers: "Your answers to the warning-sign questions will be kept in your new account.",
    signup_title: "Create your account",
    email: "Email address",
    password: "Password",
    create_account: "Create account",
    dashboard_title: "My page",
    next: "Next",
    finish: "See my result",
    next_steps: "Next steps",
    see_plan: "See this week's plan of exercises",
    plan_title: "Your plan for this week",
    my_page: "My page",
    my_diary: "My diary",
    diary_title: "My diary",
    day: "Day",
    pain: "Pain today, from 0 (no pain) to 10 (worst pain you can imagine)",
    sessions: "Exercise sessions done",
    minutes: "Minutes walked",
    notes: "Notes (optional)",
    save_day: "Save this day",
    saved: "Saved. You can change a day by saving it again.",
    player_first: "Exercise 1 of ",
    diary_notes: [
        "Stiff after the long drive",
        "Walked to the shops",
        "Typed with the keyboard only",
    ],
};

pub(super) const SPANISH: Words = Words {
    lang: "es",
    switch: Some("Español"),
    start_now: "Empezar ahora",
    check_title: "Compruebe si hay señales de alarma",
    keep_answers: "Crear una cuenta y guardar mis respuestas",
    keeps_answers: "Sus respuestas a las preguntas sobre señales de alarma se guardarán en su nueva cuenta.",
    signup_title: "Cree su cuenta",
    email: "Correo electrónico",
    password: "Contraseña",
    create_account: "Crear cuenta",
    dashboard_title: "Mi página",
    next: "Siguiente",
    finish: "Ver mi resultado",
    next_steps: "Próximos pasos",
    see_plan: "Ver el plan de ejercicios de esta semana",
    plan_title: "Su plan para esta semana",
    my_page: "Mi página",
    my_diary: "Mi diario",
    diary_title: "Mi diario",
    day: "Día",
    pain: "Dolor hoy, de 0 (sin dolor) a 10 (el peor dolor imaginable)",
    sessions: "Sesiones de ejercicio hechas",
    minutes: "Minutos caminados",
    notes: "Notas (opcional)",
    save_day: "Guardar este día",
    saved: "Guardado. Puede cambiar un día guardándolo otra vez.",
    player_first: "Ejercicio 1 de ",
    diary_notes: [
        "Rígido tras el viaje en coche",
        "Fui andando a la compra",
        "Mejor que ayer",
    ],
};

/// The session player (`static/session.js`): one exercise at a time with Next and Back; a
/// repetition exercise counted to its end is ticked as done; a hold timer counts down.
/// Leaves the first exercise showing.
async fn session_player(b: &mut Browser, w: &Words) {
    let visible = "return [...document.querySelectorAll('li.exercise')]\
                   .map((l, i) => l.hidden ? -1 : i).filter(i => i >= 0)";
    let progress = "return document.querySelector('.player-progress').textContent";
    let total = b
        .js("return document.querySelectorAll('li.exercise').length")
        .await
        .as_u64()
        .unwrap();
    assert!(total >= 2);
    assert_eq!(b.js(visible).await, json!([0]), "one exercise at a time");
    assert_eq!(
        b.js(progress).await,
        json!(format!("{}{total}", w.player_first))
    );
    b.click_css("#player-next").await;
    assert_eq!(b.js(visible).await, json!([1]));
    assert_eq!(
        b.js("return document.activeElement.tagName").await,
        json!("H2"),
        "focus moves to the exercise shown"
    );
    b.click_css("#player-back").await;
    assert_eq!(b.js(visible).await, json!([0]));
    // Go to each exercise in turn: count a repetition exercise to its end, start a timer.
    let (mut counted, mut timed) = (false, false);
    for i in 0..total {
        let kind = b
            .js(&format!(
                "const li = document.querySelectorAll('li.exercise')[{i}]; \
                 return li.querySelector('.player-count') ? 'count' \
                 : li.querySelector('.player-start') ? 'timer' : 'none'"
            ))
            .await;
        if kind == json!("count") && !counted {
            let ticked = b
                .js(&format!(
                    "const li = document.querySelectorAll('li.exercise')[{i}]; \
                     const d = li.dataset; \
                     const n = d.sets * d.reps * d.sides; \
                     const box = li.querySelector('input[name=done]'); \
                     const before = box.checked; \
                     for (let k = 0; k < n - 1; k++) li.querySelector('.player-count').click(); \
                     const early = box.checked; \
                     li.querySelector('.player-count').click(); \
                     return [before, early, box.checked]"
                ))
                .await;
            assert_eq!(
                ticked,
                json!([false, false, true]),
                "ticked after the last repetition"
            );
            // Untick it again: the journey ticks its own exercise below.
            b.js(&format!(
                "document.querySelectorAll('li.exercise')[{i}]\
                 .querySelector('input[name=done]').checked = false; return 0"
            ))
            .await;
            counted = true;
        }
        if kind == json!("timer") && !timed {
            let clock = format!(
                "return document.querySelectorAll('li.exercise')[{i}]\
                 .querySelector('.player-clock').textContent"
            );
            b.click_css(&format!("#ex-{} .player-start", exercise_id(b, i).await))
                .await;
            let first: u64 = b.js(&clock).await.as_str().unwrap().parse().unwrap();
            b.wait_until(
                &format!(
                    "const t = document.querySelectorAll('li.exercise')[{i}]\
                     .querySelector('.player-clock').textContent; \
                     return t !== '' && Number(t) < {first}"
                ),
                "the timer to count down",
            )
            .await;
            page(b, w, "07-session-timer").await;
            timed = true;
        }
        if i + 1 < total {
            b.click_css("#player-next").await;
        }
    }
    assert!(
        counted && timed,
        "the plan has a repetition exercise and a timed one"
    );
    while b.js(visible).await != json!([0]) {
        b.click_css("#player-back").await;
    }
}

/// The id of the `i`-th exercise of the session.
async fn exercise_id(b: &Browser, i: u64) -> String {
    let id = b
        .js(&format!(
            "return document.querySelectorAll('li.exercise')[{i}].id.slice(3)"
        ))
        .await;
    id.as_str().unwrap().to_owned()
}

async fn patient_journey_in_english(b: &mut Browser) {
    patient_journey(b, &ENGLISH).await;
}

async fn patient_journey_in_spanish(b: &mut Browser) {
    patient_journey(b, &SPANISH).await;
}

/// Each chart is drawn for the screen: only the `width` drawings show (the others are not
/// shown at all), and their labels come out at 11 CSS pixels or more, not shrunk.
async fn charts_fit_the_screen(b: &Browser, width: &str) {
    let other = if width == "wide" { "phone" } else { "wide" };
    assert!(b.visible_svgs(&format!("main svg.chart-{width}")).await >= 1);
    assert_eq!(b.visible_svgs(&format!("main svg.chart-{other}")).await, 0);
    let smallest = b
        .js(&format!(
            "return Math.min(...[...document.querySelectorAll('main svg.chart-{width}')].map((svg) => \
               svg.getBoundingClientRect().width / svg.viewBox.baseVal.width \
               * parseFloat(svg.getAttribute('font-size'))))"
        ))
        .await;
    let px = smallest.as_f64().unwrap_or(0.0);
    assert!(px >= 11.0, "{width} chart labels are {px:.1}px");
}

/// Checks the page is in the journey's language, runs axe-core and saves the screenshot
/// `patient-<lang>-<name>.png`.
async fn page(b: &Browser, w: &Words, name: &str) {
    assert_eq!(b.lang().await, w.lang, "<html lang> of {}", b.path().await);
    b.check(&format!("patient-{}-{name}", w.lang)).await;
}

/// Sign-up, the whole intake wizard (a typical non-specific back pain), the result, the
/// plan with its pictures, diary entries on three days (the last one with the keyboard
/// only, in English), the progress chart and a reassessment.
async fn patient_journey(b: &mut Browser, w: &Words) {
    // The language is chosen with the switch in the menu of the home page.
    b.visit("/").await;
    if let Some(switch) = w.switch {
        b.click(switch).await;
        b.wait_for_path("/").await;
    }
    assert_eq!(b.lang().await, w.lang);
    // "Start" leads to the warning signs, without an account.
    b.click(w.start_now).await;
    b.wait_for_path("/check").await;
    assert_eq!(b.h1().await, w.check_title);
    let checked = walk_the_check(b, w).await;
    // The check's result: its banner first, then "keep my answers".
    let first = b.first_in_main().await;
    let class = first["class"].as_str().unwrap_or_default();
    assert!(
        class.contains("triage-self_care"),
        "no warning sign, so self-care: {first}"
    );
    page(b, w, "01-check-result").await;
    b.click(w.keep_answers).await;
    b.wait_for_path("/signup").await;
    assert_eq!(b.h1().await, w.signup_title);
    b.expect_text(w.keeps_answers).await;
    b.fill(w.email, &format!("journey-{}@example.org", w.lang))
        .await;
    b.fill(w.password, PASSWORD).await;
    b.choose("consent").await;
    page(b, w, "01-signup").await;
    b.click(w.create_account).await;
    // The intake goes on after the warning signs, with the check's answers in it.
    b.wait_for_path("/intake/2").await;
    let intake = walk_the_intake(b, w).await;
    let again: Vec<&String> = intake.iter().filter(|q| checked.contains(q)).collect();
    let total = checked.len() + intake.len() - again.len();
    eprintln!(
        "questions asked ({}): the check {}, then the intake {} (of which {} shown again, filled in): {total} in all",
        w.lang,
        checked.len(),
        intake.len(),
        again.len()
    );
    // A regression guard on the length of the whole intake for this self-care case (the
    // numbers are in docs/benchmarks.md).
    assert!(
        total <= MOST_QUESTIONS,
        "{total} questions: {checked:?} {intake:?}"
    );

    // The result: the triage banner is the first thing in <main>, and this case may go on
    // to a plan.
    assert!(b.path().await.starts_with("/result/"), "{}", b.path().await);
    let first = b.first_in_main().await;
    assert_eq!(first["tag"], json!("section"), "{first}");
    let class = first["class"].as_str().unwrap_or_default();
    assert!(
        class.contains("triage") && !class.contains("emergency"),
        "the first thing in <main> is a (non-emergency) triage banner: {first}"
    );
    b.expect_text(w.next_steps).await;
    page(b, w, "04-result").await;

    // The plan, with a picture for every exercise.
    b.click(w.see_plan).await;
    b.wait_for_path("/plan").await;
    assert_eq!(b.h1().await, w.plan_title);
    let exercises = b
        .js("return document.querySelectorAll('main article.exercise').length")
        .await
        .as_u64()
        .unwrap_or(0) as usize;
    assert!(exercises >= 2, "{exercises} exercises in the plan");
    // Every exercise shows its picture, and one done on each side also the still pictures
    // whose third panel is the other side.
    let both_sides = b
        .js("return document.querySelectorAll('main article.exercise svg.figure-both-sides').length")
        .await
        .as_u64()
        .unwrap_or(0) as usize;
    assert_eq!(
        b.visible_svgs("main article.exercise .figure svg").await,
        exercises + both_sides,
        "every exercise shows its picture"
    );
    assert_eq!(
        b.visible_svgs("main article.exercise .figure svg.figure-both-sides")
            .await,
        both_sides
    );
    // The figures move (the stylesheet's frames), and the other still pictures wait for
    // people who ask for less motion.
    let moving = b
        .js(
            "const f = document.querySelector('main .figure svg.figure-moving .frame'); \
             const still = [...document.querySelectorAll('main .figure svg.figure-moving + svg')] \
               .filter((s) => !s.classList.contains('figure-both-sides')) \
               .map((s) => getComputedStyle(s).display); \
             return [getComputedStyle(f).animationName, [...new Set(still)]]",
        )
        .await;
    assert_eq!(moving, json!(["figure-frame", ["none"]]));
    page(b, w, "05-plan").await;

    // The diary, reached from the menu and the dashboard: three days, from the day of
    // sign-up (the diary holds no day before the account) to two days later.
    b.clock.advance(Duration::days(2));
    b.click(w.my_page).await;
    b.wait_for_path("/dashboard").await;
    assert_eq!(b.h1().await, w.dashboard_title);
    page(b, w, "05-dashboard").await;
    b.click(w.my_diary).await;
    b.wait_for_path("/diary").await;
    assert_eq!(b.h1().await, w.diary_title);
    page(b, w, "06-diary-empty").await;
    let today = b.clock.now().date();
    for (n, days_ago, pain, flare_up) in [(0, 2, "6", "yes"), (1, 1, "4", "no")] {
        b.fill_date(w.day, today - Duration::days(days_ago)).await;
        b.fill(w.pain, pain).await;
        b.fill(w.sessions, "1").await;
        b.fill(w.minutes, "15").await;
        b.choose(&format!("flare-up-{flare_up}")).await;
        b.fill(w.notes, w.diary_notes[n]).await;
        b.click(w.save_day).await;
        b.wait_for_path("/diary?saved=1").await;
        b.expect_text(w.saved).await;
        b.expect_text(w.diary_notes[n]).await;
        page(b, w, &format!("07-diary-day-{}", n + 1)).await;
    }
    if w.lang == "en" {
        diary_entry_with_the_keyboard_only(b, w.diary_notes[2]).await;
    } else {
        b.fill(w.pain, "3").await;
        b.fill(w.sessions, "2").await;
        b.fill(w.minutes, "30").await;
        b.choose("flare-up-no").await;
        b.fill(w.notes, w.diary_notes[2]).await;
        b.click(w.save_day).await;
    }
    b.wait_for_path("/diary?saved=1").await;
    b.expect_text(w.diary_notes[2]).await;
    let days = b
        .js("return [...document.querySelectorAll('table.diary tbody th')].map((e) => e.innerText)")
        .await;
    let expected: Vec<String> = [0, 1, 2]
        .iter()
        .map(|n| (today - Duration::days(*n)).to_string())
        .collect();
    assert_eq!(
        days,
        json!(expected),
        "the three days are listed, newest first"
    );
    page(b, w, "07-diary-day-3").await;
    b.click(w.my_page).await;
    b.wait_for_path("/dashboard").await;
    // Today's session from the dashboard: tick the first exercise, say the pain, save.
    b.click_css("main a[href='/session']").await;
    b.wait_for_path("/session").await;
    page(b, w, "07-session").await;
    session_player(b, w).await;
    let first = b
        .js("return document.querySelector('main input[name=done]').id")
        .await;
    b.choose(first.as_str().unwrap_or_default()).await;
    b.fill("pain_after", "4").await;
    b.click_css("main form[action='/session'] button[type=submit]")
        .await;
    b.wait_for_path("/session?done=3").await;
    page(b, w, "07-session-saved").await;

    // The progress charts (server-rendered SVG) and one reassessment, from the dashboard.
    b.click(w.my_page).await;
    b.wait_for_path("/dashboard").await;
    b.click_css("main a[href='/progress']").await;
    b.wait_for_path("/progress").await;
    assert!(
        b.visible_svgs("main svg").await >= 1,
        "the progress page shows a chart; it says:\n{}",
        b.text().await
    );
    charts_fit_the_screen(b, "wide").await;
    page(b, w, "08-progress").await;
    b.use_phone().await;
    charts_fit_the_screen(b, "phone").await;
    page(b, w, "08-progress-phone").await;
    b.use_desktop().await;
    b.click(w.my_page).await;
    b.wait_for_path("/dashboard").await;
    b.click_css("main a[href='/reassess']").await;
    b.wait_for_path("/reassess").await;
    page(b, w, "09-reassess").await;
    reassess(b, w, "rmdq").await;
    // The reminders page (from the account page), in the journey's language.
    b.visit("/account").await;
    b.click_css("main a[href='/account/reminders']").await;
    b.wait_for_path("/account/reminders").await;
    page(b, w, "10-reminders").await;
}

/// The most questions the journey's self-care case is asked, check and intake together.
const MOST_QUESTIONS: usize = 67;

/// Walks the check (`/check`) screen by screen with [`answer_ordinary`], up to its result;
/// the names of the questions asked, once each.
async fn walk_the_check(b: &mut Browser, w: &Words) -> Vec<String> {
    let mut asked: Vec<String> = Vec::new();
    for screen in 1.. {
        assert!(screen < 30, "the check does not end");
        let done = b
            .js("return document.querySelector('main .triage') !== null")
            .await;
        if done == json!(true) {
            return asked;
        }
        for name in answer_ordinary(b).await {
            if !asked.contains(&name) {
                asked.push(name);
            }
        }
        page(b, w, &format!("00-check-{screen:0>2}")).await;
        // Every screen is the answer to a POST to /check, on the same path (and the same
        // screen again when a safety question is asked once more): mark this page, and
        // wait for one without the mark.
        b.js("document.body.dataset.answered = 'yes'; return null")
            .await;
        b.click(w.next).await;
        b.wait_until(
            "return document.readyState === 'complete' && document.body \
               && document.body.dataset.answered !== 'yes'",
            "the next screen of the check",
        )
        .await;
    }
    unreachable!()
}

/// Answers every step of the wizard as a person with ordinary, non-specific back pain
/// would ([`answer_ordinary`]; a safety question left blank is shown once more, and left
/// blank again). Takes the screenshot of each step (filled in) and ends on the result
/// page. The names of the questions asked, once each.
async fn walk_the_intake(b: &mut Browser, w: &Words) -> Vec<String> {
    let mut pages = 0;
    let mut asked: Vec<String> = Vec::new();
    loop {
        pages += 1;
        assert!(pages < 30, "the wizard does not end");
        let here = b.path().await;
        let Some(step) = here
            .strip_prefix("/intake/")
            .map(|s| s.split('?').next().unwrap_or_default().to_owned())
        else {
            return asked;
        };
        for name in answer_ordinary(b).await {
            if !asked.contains(&name) {
                asked.push(name);
            }
        }
        // A safety question left blank is asked once more (`ask=`): Next again accepts it.
        let suffix = if here.contains("ask=") {
            "-ask-again"
        } else if here.contains("more=1") {
            "-more"
        } else {
            ""
        };
        page(b, w, &format!("03-intake-{step:0>2}{suffix}")).await;
        let button = b
            .wait_for(
                fantoccini::Locator::Css("main form button[name=action][value=next]"),
                "the Next button",
            )
            .await;
        let label = button.text().await.unwrap();
        assert!(
            label == w.next || label == w.finish,
            "the button says {label:?}"
        );
        b.click(&label).await;
        let now = b.wait_to_leave(&here).await;
        assert!(
            now.starts_with("/intake/") || now.starts_with("/result/"),
            "after step {step}: {now}"
        );
    }
}

/// Answers the questions of the page in view as a person with ordinary, non-specific back
/// pain would: "no" to every warning sign and yes/no question, the few choices and numbers
/// below, and nothing where a question may be skipped. The names of the questions shown.
async fn answer_ordinary(b: &Browser) -> Vec<String> {
    // The answers that are not "no", by the field's name.
    let choices = [
        ("leg_weakness", "none"),
        ("sex", "male"),
        ("onset", "gradual"),
        ("course", "better"),
        ("leg_symptoms", "none"),
        ("start_back.bothersomeness", "slightly"),
    ];
    let numbers = [
        ("age", "40"),
        ("pain.now", "3"),
        ("pain.average", "3"),
        ("pain.worst", "5"),
    ];
    let mut names: Vec<String> = Vec::new();
    let questions = b
        .js(
            "return [...document.querySelectorAll('main form fieldset.question')].map((f) => \
                   [...f.querySelectorAll('input')].map((i) => [i.name, i.type, i.value, i.id]))",
        )
        .await;
    for options in questions.as_array().into_iter().flatten() {
        let options: Vec<[&str; 4]> = options
            .as_array()
            .into_iter()
            .flatten()
            .map(|o| std::array::from_fn(|k| o[k].as_str().unwrap_or_default()))
            .collect();
        let Some([name, kind, ..]) = options.first().copied() else {
            continue;
        };
        names.push(name.to_owned());
        let wanted = choices
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
            .or_else(|| {
                options
                    .iter()
                    .find(|o| kind == "radio" && (o[2] == "no" || o[2] == "false"))
                    .map(|o| o[2])
            });
        // Questions without an ordinary answer (and lists of checkboxes) stay blank.
        let Some(wanted) = wanted else { continue };
        let option = options
            .iter()
            .find(|o| o[2] == wanted)
            .unwrap_or_else(|| panic!("{name} has no option {wanted}: {options:?}"));
        b.choose(option[3]).await;
    }
    let fields = b
        .js(
            "return [...document.querySelectorAll('main form input[type=number]')] \
                   .map((i) => [i.name, \
                     document.querySelector(`label[for=\"${i.id}\"]`).innerText])",
        )
        .await;
    for field in fields.as_array().into_iter().flatten() {
        let name = field[0].as_str().unwrap_or_default();
        names.push(name.to_owned());
        if let Some((_, value)) = numbers.iter().find(|(n, _)| *n == name) {
            b.fill(field[1].as_str().unwrap_or_default().trim(), value)
                .await;
        }
    }
    names
}

/// Today's diary entry with the keyboard only: Tab to the skip link and into the form,
/// type the numbers, choose "no" with the arrow keys, Tab to the button and press Enter.
/// Every element Tab reaches must show its focus.
async fn diary_entry_with_the_keyboard_only(b: &mut Browser, note: &str) {
    b.visit("/diary").await;
    b.press(Key::Tab).await;
    assert!(
        b.focused().await.contains("class=\"skip\""),
        "Tab from the top reaches the skip link, not {}",
        b.focused().await
    );
    b.expect_focus_visible().await;
    b.press(Key::Enter).await;
    b.tab_to("pain").await;
    b.type_keys("3").await;
    b.tab_to("sessions").await;
    b.type_keys("2").await;
    b.tab_to("minutes").await;
    b.type_keys("25").await;
    // Tab enters the unanswered radio group on its first button; an arrow key moves on
    // to (and chooses) the next one.
    b.tab_to("flare-up-yes").await;
    b.screenshot("patient-en-07-diary-keyboard-focus").await;
    b.press(Key::Down).await;
    let chosen = b
        .js("return [document.getElementById('flare-up-no').checked, document.activeElement.id]")
        .await;
    assert_eq!(
        chosen,
        json!([true, "flare-up-no"]),
        "the arrow key chose No"
    );
    b.expect_focus_visible().await;
    b.tab_to("notes").await;
    b.type_keys(note).await;
    b.press(Key::Tab).await;
    assert!(
        b.focused().await.starts_with("<button type=\"submit\""),
        "Tab after the notes reaches the button, not {}",
        b.focused().await
    );
    b.expect_focus_visible().await;
    b.press(Key::Enter).await;
}

/// One reassessment, from its link on `/reassess`: today's pain, "no" (or else the first
/// answer) to every question, and the button. The page after it shows the score, not the
/// form again with errors.
async fn reassess(b: &mut Browser, w: &Words, instrument: &str) {
    let path = format!("/reassess/{instrument}");
    b.click_css(&format!("main a[href='{path}']")).await;
    b.wait_for_path(&path).await;
    b.fill("pain_now", "3").await;
    let ids = b
        .js(
            "return [...document.querySelectorAll('main form fieldset')].map((f) => { \
               const inputs = [...f.querySelectorAll('input[type=radio]')]; \
               const no = inputs.find((i) => i.value === 'no' || i.value === 'false'); \
               return (no || inputs[0] || {}).id; \
             }).filter((id) => id)",
        )
        .await;
    let ids = ids.as_array().cloned().unwrap_or_default();
    assert!(ids.len() >= 10, "{instrument} has {} questions", ids.len());
    for id in &ids {
        b.choose(id.as_str().unwrap_or_default()).await;
    }
    page(b, w, &format!("10-reassess-{instrument}")).await;
    b.click_css("main form [type=submit]").await;
    let form = format!("main form[action='{path}']");
    b.wait_until(
        &format!("return !document.querySelector({form:?})"),
        "the reassessment to be saved (the form to go away)",
    )
    .await;
    let errors = b
        .js("return document.querySelectorAll('main [aria-invalid=true], main .error').length")
        .await;
    assert_eq!(errors, json!(0), "{}", b.text().await);
    page(b, w, &format!("11-reassess-{instrument}-saved")).await;
}

/// A "yes" to the cauda equina warning sign on the first step: the emergency advice comes
/// at once, before anything else in the page, as an alert, and no plan or exercise is
/// offered anywhere.
async fn emergency_journey(b: &mut Browser) {
    b.sign_up("emergency@example.org").await;
    b.click("Answer the questions").await;
    b.wait_for_path("/intake/1").await;
    b.choose("q-bladder-change-yes").await;
    b.check("emergency-01-warning-sign").await;
    b.click("Next").await;
    // At once: the wizard stops on this step. (The old page can still be there just after
    // the click, on the same path: wait for the answer's alert.)
    b.wait_until(
        "return document.querySelector('main [role=alert]') !== null",
        "the emergency advice",
    )
    .await;
    b.wait_for_path("/intake/1").await;
    let first = b.first_in_main().await;
    assert_eq!(
        first["role"],
        json!("alert"),
        "the emergency advice is an alert, first in <main>: {first}"
    );
    let class = first["class"].as_str().unwrap_or_default();
    assert!(class.contains("triage-emergency"), "{first}");
    let text = first["text"].as_str().unwrap_or_default();
    assert!(
        text.contains("Emergency: get help now") && text.contains("emergency number"),
        "{first}"
    );
    let h1_in_alert = b
        .js("return document.querySelector('main h1').closest('[role=alert]') !== null")
        .await;
    assert_eq!(h1_in_alert, json!(true), "the page's heading is the advice");
    no_plan_offered(b).await;
    b.check("emergency-02-advice").await;

    // The wizard cannot be walked on past it.
    b.visit("/intake/2").await;
    assert_eq!(b.first_in_main().await["role"], json!("alert"));
    no_plan_offered(b).await;

    // The result and the plan lead with the same advice and hold no exercise.
    b.visit("/result").await;
    assert_eq!(b.first_in_main().await["role"], json!("alert"));
    no_plan_offered(b).await;
    b.check("emergency-03-result").await;
    b.visit("/plan").await;
    assert_eq!(b.first_in_main().await["role"], json!("alert"));
    b.expect_text("will wait until a clinician has seen you")
        .await;
    no_plan_offered(b).await;
    b.check("emergency-04-plan-withheld").await;

    // The start page keeps it at the top until the person says they have been seen; then
    // it moves below "Today" with the same advice, and can go back up.
    b.visit("/dashboard").await;
    b.expect_text("I have been seen about this").await;
    b.check("emergency-05-dashboard").await;
    b.click("I have been seen about this").await;
    b.wait_until(
        "return document.querySelector('.seen-card') !== null",
        "the result below Today",
    )
    .await;
    b.expect_text("I have not been seen yet").await;
    b.check("emergency-06-dashboard-seen").await;
    b.click("I have not been seen yet").await;
    b.wait_until(
        "return document.querySelector('.seen-form') !== null",
        "the result at the top again",
    )
    .await;
}

/// No exercise, picture or link to the plan in `<main>`.
async fn no_plan_offered(b: &Browser) {
    let found = b
        .js("const m = document.querySelector('main'); \
             return [m.querySelectorAll('article.exercise').length, \
                     m.querySelectorAll('svg').length, \
                     m.querySelectorAll('a[href^=\"/plan\"]').length]")
        .await;
    assert_eq!(
        found,
        json!([0, 0, 0]),
        "exercises, pictures and links to the plan on {}",
        b.path().await
    );
}

async fn anonymous_emergency_on_a_phone_in_english(b: &mut Browser) {
    anonymous_emergency_on_a_phone(b, &ENGLISH, "Call 911").await;
}

async fn anonymous_emergency_on_a_phone_in_spanish(b: &mut Browser) {
    anonymous_emergency_on_a_phone(b, &SPANISH, "Llamar al 911").await;
}

/// On a phone, without an account: "Start" on the home page, and a "yes" to chest pain on
/// the first screen of the check stops it with the emergency advice, a call button big
/// enough for a thumb (chromium asks for `en-US`, so 911 first), the other numbers and
/// what to say.
async fn anonymous_emergency_on_a_phone(b: &mut Browser, w: &Words, call: &str) {
    b.use_phone().await;
    b.visit("/").await;
    if let Some(switch) = w.switch {
        b.click(switch).await;
        b.wait_for_path("/").await;
    }
    page(b, w, "phone-00-home").await;
    b.click(w.start_now).await;
    b.wait_for_path("/check").await;
    b.choose("q-other-symptoms-chest-pain-yes").await;
    page(b, w, "phone-01-check").await;
    b.click(w.next).await;
    b.wait_until(
        "return document.querySelector('main [role=alert]') !== null",
        "the emergency advice",
    )
    .await;
    let first = b.first_in_main().await;
    assert_eq!(first["role"], json!("alert"), "{first}");
    let button = b
        .js("const a = document.querySelector('main a.call-button'); \
             const r = a.getBoundingClientRect(); \
             return [a.getAttribute('href'), a.innerText.trim(), r.width, r.height, window.innerWidth]")
        .await;
    assert_eq!(button[0], json!("tel:911"), "{button}");
    assert_eq!(button[1], json!(call), "{button}");
    let (width, height, window) = (
        button[2].as_f64().unwrap_or(0.0),
        button[3].as_f64().unwrap_or(0.0),
        button[4].as_f64().unwrap_or(0.0),
    );
    assert!(
        height >= 56.0 && width >= window * 0.8,
        "the call button is big enough for a thumb: {button}"
    );
    let others = b
        .js("return [...document.querySelectorAll('main a.call-other')].map((a) => a.getAttribute('href'))")
        .await;
    assert_eq!(others, json!(["tel:112", "tel:999"]));
    no_plan_offered(b).await;
    page(b, w, "phone-02-emergency").await;
}
