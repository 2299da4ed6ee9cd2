//! Printable handouts of a week's plan: HTML designed for print (A4 and Letter) and a real
//! PDF, both with the exercise illustrations.
//!
//! Both are built from the same sections in the same order, so they say the same things;
//! warning signs and the "this is not a diagnosis" note are on every handout.

use backcare_core::Lang;
use backcare_core::exercise::Dose;
use backcare_core::exercise::Exercise;
use backcare_core::lang::{Text, t};
use backcare_core::plan::{PlanStatus, WeekPlan};
use backcare_core::triage::{Level, safety_net};

use crate::articles::escape;
use crate::figure::{self, Shape};
use crate::pdf::{Document, Mark, Paper, Picture, Rgb, Weight};
use crate::{articles, exercises};

/// Interface text of the handout.
mod label {
    use super::{Text, t};
    pub const TITLE: Text = t("Your back plan", "Su plan para la espalda");
    pub const WEEK: Text = t("Week", "Semana");
    pub const TO: Text = t("to", "a");
    pub const EXERCISES: Text = t("This week's exercises", "Ejercicios de esta semana");
    pub const HOW: Text = t("How to do it", "Cómo hacerlo");
    pub const DOSE: Text = t("How much", "Cuánto");
    pub const FEEL: Text = t("What it should feel like", "Qué debería notar");
    pub const STOP: Text = t("When to stop", "Cuándo parar");
    pub const WHY: Text = t("Why this exercise", "Por qué este ejercicio");
    pub const ACTIVITY: Text = t("Walking goal", "Objetivo de caminar");
    pub const MINUTES_A_DAY: Text = t("minutes a day", "minutos al día");
    pub const READ: Text = t("Read this week", "Para leer esta semana");
    pub const AVOID: Text = t("Avoid for now", "Evite por ahora");
    pub const FLARE: Text = t("If your back flares up", "Si le aumenta el dolor");
    pub const CLINICIAN: Text = t("See a clinician", "Vea a un profesional sanitario");
    pub const NEXT: Text = t("Next steps", "Próximos pasos");
    pub const CHECK_IN: Text = t("Check in on", "Registre cómo va el");
    pub const REASSESS: Text = t(
        "Answer the questionnaires again on",
        "Vuelva a responder los cuestionarios el",
    );
    pub const WHY_PLAN: Text = t("Why this plan", "Por qué este plan");
    pub const NO_EXERCISES: Text = t(
        "No exercise plan this week: your answers need a clinician first.",
        "Esta semana no hay plan de ejercicios: sus respuestas necesitan antes la valoración de un profesional.",
    );
    pub const DISCLAIMER: Text = t(
        "backcare supports your decisions; it does not diagnose. If you are worried, or things get worse, contact a doctor.",
        "backcare le ayuda a decidir; no hace diagnósticos. Si le preocupa algo o empeora, contacte con un médico.",
    );
}

/// The warning box on every handout: the general emergency and same-day signs, in the
/// engine's own words for each level (`triage::safety_net`), so the box cannot give a
/// sign less urgency than the triage does.
pub fn warning(lang: Lang) -> String {
    [Level::Emergency, Level::Urgent]
        .into_iter()
        .filter_map(|level| safety_net::summary(lang, level))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The plan's reasons, with the week's decision once.
fn reasons(plan: &WeekPlan) -> Vec<&str> {
    let mut out: Vec<&str> = plan.reasons.iter().map(String::as_str).collect();
    if !out.contains(&plan.decision.reason()) {
        out.push(plan.decision.reason());
    }
    out
}

fn exercise_of(id: &backcare_core::exercise::ExerciseId) -> Option<&'static Exercise> {
    exercises::get(id)
}

/// The handout as a standalone HTML page, designed for printing on A4 or Letter.
pub fn html(plan: &WeekPlan) -> String {
    let lang = plan.language;
    let l = |x: Text| escape(x.get(lang));
    let mut h = String::new();
    let title = format!("{} · {} {}", l(label::TITLE), l(label::WEEK), plan.week);
    h.push_str(&format!(
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n",
        lang.code()
    ));
    h.push_str(&format!(
        "<header><h1>{title}</h1><p class=\"dates\">{} {} {}</p></header>\n",
        plan.dates.start,
        l(label::TO),
        plan.dates.end
    ));
    h.push_str(&format!(
        "<p class=\"warning\" role=\"note\">{}</p>\n",
        escape(&warning(lang))
    ));

    match &plan.status {
        PlanStatus::Withheld {
            title,
            action,
            advice,
            ..
        } => {
            h.push_str(&format!(
                "<section class=\"withheld\"><h2>{}</h2><p><strong>{}</strong></p><p>{}</p>",
                escape(title),
                escape(action),
                l(label::NO_EXERCISES)
            ));
            for a in advice {
                h.push_str(&format!("<p>{}</p>", escape(a)));
            }
            h.push_str("</section>\n");
        }
        PlanStatus::Active => {
            if let Some(note) = &plan.see_clinician {
                h.push_str(&format!(
                    "<section class=\"notice\"><h2>{}</h2><p>{}</p></section>\n",
                    l(label::CLINICIAN),
                    escape(note)
                ));
            }
            h.push_str(&format!("<section><h2>{}</h2>\n", l(label::EXERCISES)));
            for (n, p) in plan.exercises.iter().enumerate() {
                let Some(ex) = exercise_of(&p.id) else {
                    continue;
                };
                h.push_str("<article class=\"exercise\">\n");
                h.push_str(&format!(
                    "<h3>{}. {}</h3>\n",
                    n + 1,
                    escape(ex.name.get(lang))
                ));
                if let Some(fig) = figure::figure(p.id.as_str()) {
                    h.push_str(&format!(
                        "<div class=\"figure\">{}</div>\n",
                        figure::svg(fig, lang)
                    ));
                }
                h.push_str(&format!(
                    "<p class=\"dose\"><strong>{}:</strong> {} · {}</p>\n",
                    l(label::DOSE),
                    escape(&p.dose.describe(lang)),
                    escape(&Dose::frequency(p.days_per_week, lang))
                ));
                h.push_str(&format!(
                    "<p>{}</p>\n<h4>{}</h4>\n<ol>",
                    escape(ex.purpose.get(lang)),
                    l(label::HOW)
                ));
                for step in ex.steps.get(lang) {
                    h.push_str(&format!("<li>{}</li>", escape(step)));
                }
                h.push_str("</ol>\n");
                h.push_str(&format!(
                    "<p><strong>{}:</strong> {}</p>\n",
                    l(label::FEEL),
                    escape(ex.should_feel.get(lang))
                ));
                h.push_str(&format!(
                    "<p class=\"stop\"><strong>{}:</strong> {}</p>\n",
                    l(label::STOP),
                    escape(ex.stop_if.get(lang))
                ));
                h.push_str(&format!(
                    "<p class=\"why\"><strong>{}:</strong> {}</p>\n",
                    l(label::WHY),
                    escape(&p.reason)
                ));
                h.push_str("</article>\n");
            }
            h.push_str("</section>\n");
            if let Some(a) = &plan.activity {
                h.push_str(&format!(
                    "<section><h2>{}</h2><p class=\"big\">{} {}</p><p>{}</p></section>\n",
                    l(label::ACTIVITY),
                    a.walking_minutes_per_day,
                    l(label::MINUTES_A_DAY),
                    escape(&a.reason)
                ));
            }
            if !plan.avoid.is_empty() {
                h.push_str(&format!("<section><h2>{}</h2><ul>", l(label::AVOID)));
                for a in &plan.avoid {
                    h.push_str(&format!("<li>{}</li>", escape(&a.reason)));
                }
                h.push_str("</ul></section>\n");
            }
            if let Some(f) = &plan.flare_advice {
                h.push_str(&format!(
                    "<section class=\"notice\"><h2>{}</h2><p>{}</p></section>\n",
                    l(label::FLARE),
                    escape(f)
                ));
            }
        }
    }
    if !plan.education.is_empty() {
        h.push_str(&format!(
            "<section><h2>{}</h2><ul class=\"reading\">",
            l(label::READ)
        ));
        for e in &plan.education {
            if let Some(a) = articles::get(e.article_id, lang) {
                h.push_str(&format!(
                    "<li><a href=\"/articles/{}\">{}</a>: {}</li>",
                    escape(e.article_id),
                    escape(&a.meta.title),
                    escape(&a.meta.summary)
                ));
            }
        }
        h.push_str("</ul></section>\n");
    }
    h.push_str(&format!(
        "<section><h2>{}</h2><ul><li>{} {}</li><li>{} {}</li></ul></section>\n",
        l(label::NEXT),
        l(label::CHECK_IN),
        plan.dates.next_check_in,
        l(label::REASSESS),
        plan.dates.next_reassessment
    ));
    h.push_str(&format!(
        "<section class=\"reasons\"><h2>{}</h2><ul>",
        l(label::WHY_PLAN)
    ));
    for r in reasons(plan) {
        h.push_str(&format!("<li>{}</li>", escape(r)));
    }
    h.push_str("</ul></section>\n");
    h.push_str(&format!(
        "<footer><p>{}</p></footer>\n</main>\n</body>\n</html>\n",
        l(label::DISCLAIMER)
    ));
    h
}

/// Print-first styling: black text on white, large type, cards that do not split across
/// pages, and page margins that suit both A4 and Letter (the printer picks the size).
const CSS: &str = "
@page { margin: 14mm; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; color: #111; background: #fff; font-size: 12pt; line-height: 1.45; margin: 0; }
main { max-width: 46rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 20pt; margin: 0; }
h2 { font-size: 15pt; border-bottom: 2px solid #1d3557; padding-bottom: 2pt; margin-top: 1.2rem; }
h3 { font-size: 13pt; margin: 0 0 .3rem; }
h4 { font-size: 11pt; margin: .4rem 0 .2rem; }
.dates { color: #333; margin: .2rem 0 .6rem; }
.warning { border: 2px solid #b00020; padding: .5rem .7rem; border-radius: 6px; }
.withheld { border: 3px solid #b00020; padding: .6rem .9rem; border-radius: 6px; }
.notice { border-left: 5px solid #c2410c; padding-left: .7rem; }
.exercise { border: 1px solid #8a949e; border-radius: 8px; padding: .7rem .9rem; margin: .7rem 0; break-inside: avoid; page-break-inside: avoid; }
.figure svg { width: 100%; max-width: 34rem; height: auto; display: block; margin: .3rem auto; }
.dose { font-size: 12.5pt; }
.stop { color: #7a0014; }
.why, .reasons { color: #333; font-size: 10.5pt; }
.big { font-size: 18pt; font-weight: 700; margin: .2rem 0; }
a { color: #1d3557; }
footer { margin-top: 1.2rem; font-size: 10pt; color: #333; }
@media print { a { color: #111; text-decoration: none; } main { max-width: none; padding: 0; } }
";

fn rgb(c: [u8; 3]) -> Rgb {
    (
        f32::from(c[0]) / 255.0,
        f32::from(c[1]) / 255.0,
        f32::from(c[2]) / 255.0,
    )
}

/// The illustration as PDF marks, from the same geometry as the SVG, and how many panels it
/// has.
fn picture(fig: &figure::Figure) -> (Picture, usize) {
    let d = figure::geometry(fig);
    let p = |pt: figure::Point| (pt.x as f32, pt.y as f32);
    let mut marks = Vec::new();
    for s in &d.shapes {
        match s {
            Shape::Line {
                from,
                to,
                width,
                tone,
            } => marks.push(Mark::Line {
                points: vec![p(*from), p(*to)],
                width: *width as f32,
                color: rgb(tone.rgb()),
            }),
            Shape::Polyline {
                points,
                width,
                tone,
            } => marks.push(Mark::Line {
                points: points.iter().copied().map(p).collect(),
                width: *width as f32,
                color: rgb(tone.rgb()),
            }),
            Shape::Circle {
                center,
                r,
                tone,
                fill,
                width,
            } => marks.push(Mark::Circle {
                center: p(*center),
                r: *r as f32,
                color: rgb(if *fill { tone.fill_rgb() } else { tone.rgb() }),
                fill: *fill,
                width: *width as f32,
            }),
            Shape::Rect {
                min,
                max,
                tone,
                fill,
                width,
                ..
            } => {
                let (x0, y0, x1, y1) = (min.x as f32, min.y as f32, max.x as f32, max.y as f32);
                if *fill {
                    marks.push(Mark::Rect {
                        at: (x0, y0),
                        size: (x1 - x0, y1 - y0),
                        color: rgb(tone.fill_rgb()),
                    });
                } else {
                    marks.push(Mark::Line {
                        points: vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)],
                        width: *width as f32,
                        color: rgb(tone.rgb()),
                    });
                }
            }
            Shape::Arrow {
                shaft,
                head,
                width,
                tone,
            } => {
                marks.push(Mark::Line {
                    points: shaft.iter().copied().map(p).collect(),
                    width: *width as f32,
                    color: rgb(tone.rgb()),
                });
                marks.push(Mark::Polygon {
                    points: head.iter().copied().map(p).collect(),
                    color: rgb(tone.rgb()),
                });
            }
        }
    }
    for (i, c) in d.steps.iter().enumerate() {
        marks.push(Mark::Label {
            center: p(*c),
            text: (i + 1).to_string(),
            size: 11.0,
            color: (1.0, 1.0, 1.0),
        });
    }
    let picture = Picture {
        width: d.width as f32,
        height: d.height as f32,
        marks,
    };
    (picture, d.steps.len())
}

const INK: Rgb = (0.07, 0.07, 0.07);
const NAVY: Rgb = (0.11, 0.21, 0.34);
const RED: Rgb = (0.6, 0.0, 0.08);
const GREY: Rgb = (0.25, 0.25, 0.25);

/// The handout as a PDF on `paper`.
pub fn pdf(plan: &WeekPlan, paper: Paper) -> Vec<u8> {
    let lang = plan.language;
    let l = |x: Text| x.get(lang);
    let mut doc = Document::new(paper);
    let title = format!("{} · {} {}", l(label::TITLE), l(label::WEEK), plan.week);
    doc.text(&title, 20.0, Weight::Bold, NAVY, 0.0);
    doc.text(
        &format!("{} {} {}", plan.dates.start, l(label::TO), plan.dates.end),
        11.0,
        Weight::Regular,
        GREY,
        0.0,
    );
    doc.space(6.0);
    doc.text(&warning(lang), 10.5, Weight::Bold, RED, 0.0);
    let heading = |doc: &mut Document, text: &str| {
        doc.space(10.0);
        doc.need(60.0);
        doc.text(text, 14.0, Weight::Bold, NAVY, 0.0);
        doc.rule(NAVY);
    };
    match &plan.status {
        PlanStatus::Withheld {
            title,
            action,
            advice,
            ..
        } => {
            heading(&mut doc, title);
            doc.text(action, 12.0, Weight::Bold, INK, 0.0);
            doc.text(l(label::NO_EXERCISES), 11.0, Weight::Regular, INK, 0.0);
            for a in advice {
                doc.space(4.0);
                doc.text(a, 11.0, Weight::Regular, INK, 0.0);
            }
        }
        PlanStatus::Active => {
            if let Some(note) = &plan.see_clinician {
                heading(&mut doc, l(label::CLINICIAN));
                doc.text(note, 11.0, Weight::Regular, INK, 0.0);
            }
            heading(&mut doc, l(label::EXERCISES));
            let width = doc.text_width();
            for (n, p) in plan.exercises.iter().enumerate() {
                let Some(ex) = exercise_of(&p.id) else {
                    continue;
                };
                // Keep the name, picture and dose together.
                doc.need(width * 0.47 + 60.0);
                doc.space(6.0);
                doc.text(
                    &format!("{}. {}", n + 1, ex.name.get(lang)),
                    13.0,
                    Weight::Bold,
                    INK,
                    0.0,
                );
                if let Some(fig) = figure::figure(p.id.as_str()) {
                    // Two panels take three quarters of the line, centred; three panels are
                    // drawn at the same scale as far as the line allows.
                    let (pic, panels) = picture(fig);
                    let w = (width * 0.75 * panels as f32 / 2.0).min(width);
                    doc.picture(&pic, w, (width - w) / 2.0);
                }
                let dose = format!(
                    "{}: {} · {}",
                    l(label::DOSE),
                    p.dose.describe(lang),
                    Dose::frequency(p.days_per_week, lang)
                );
                doc.text(&dose, 11.5, Weight::Bold, INK, 0.0);
                doc.text(ex.purpose.get(lang), 10.5, Weight::Regular, INK, 0.0);
                for (i, step) in ex.steps.get(lang).iter().enumerate() {
                    doc.text(
                        &format!("{}. {step}", i + 1),
                        10.5,
                        Weight::Regular,
                        INK,
                        12.0,
                    );
                }
                doc.text(
                    &format!("{}: {}", l(label::FEEL), ex.should_feel.get(lang)),
                    10.5,
                    Weight::Regular,
                    INK,
                    0.0,
                );
                doc.text(
                    &format!("{}: {}", l(label::STOP), ex.stop_if.get(lang)),
                    10.5,
                    Weight::Bold,
                    RED,
                    0.0,
                );
                doc.text(
                    &format!("{}: {}", l(label::WHY), p.reason),
                    9.5,
                    Weight::Regular,
                    GREY,
                    0.0,
                );
            }
            if let Some(a) = &plan.activity {
                heading(&mut doc, l(label::ACTIVITY));
                doc.text(
                    &format!("{} {}", a.walking_minutes_per_day, l(label::MINUTES_A_DAY)),
                    16.0,
                    Weight::Bold,
                    INK,
                    0.0,
                );
                doc.text(&a.reason, 10.5, Weight::Regular, INK, 0.0);
            }
            if !plan.avoid.is_empty() {
                heading(&mut doc, l(label::AVOID));
                for a in &plan.avoid {
                    doc.text(&format!("• {}", a.reason), 10.5, Weight::Regular, INK, 0.0);
                }
            }
            if let Some(f) = &plan.flare_advice {
                heading(&mut doc, l(label::FLARE));
                doc.text(f, 10.5, Weight::Regular, INK, 0.0);
            }
        }
    }
    if !plan.education.is_empty() {
        heading(&mut doc, l(label::READ));
        for e in &plan.education {
            if let Some(a) = articles::get(e.article_id, lang) {
                doc.text(
                    &format!("• {}: {}", a.meta.title, a.meta.summary),
                    10.5,
                    Weight::Regular,
                    INK,
                    0.0,
                );
            }
        }
    }
    heading(&mut doc, l(label::NEXT));
    doc.text(
        &format!("• {} {}", l(label::CHECK_IN), plan.dates.next_check_in),
        10.5,
        Weight::Regular,
        INK,
        0.0,
    );
    doc.text(
        &format!("• {} {}", l(label::REASSESS), plan.dates.next_reassessment),
        10.5,
        Weight::Regular,
        INK,
        0.0,
    );
    heading(&mut doc, l(label::WHY_PLAN));
    for r in reasons(plan) {
        doc.text(&format!("• {r}"), 9.5, Weight::Regular, GREY, 0.0);
    }
    doc.space(10.0);
    doc.text(l(label::DISCLAIMER), 10.0, Weight::Regular, GREY, 0.0);
    doc.finish(&title, "backcare")
}
