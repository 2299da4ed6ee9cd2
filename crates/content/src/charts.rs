//! Progress charts as self-contained, accessible SVG: pain over time, function scores and
//! exercise adherence.
//!
//! Every chart is a pure function of its series, a [`Width`] and a language. Each width has its
//! own layout (how many date labels, how wide the bars, how the legend wraps), so a page sends
//! one drawing per width and shows the one that fits, and the labels stay readable on a phone
//! instead of shrinking with the picture. The SVG has a `viewBox` and `width="100%"`, so it
//! fills its container between those widths (and in print); it carries
//! `role="img"`, a `<title>` and a `<desc>` that states the data in words, so a screen reader
//! hears what a sighted reader sees. There are no scripts, no style attributes (a strict
//! Content-Security-Policy allows it inline) and no external references; text is in the
//! generic `sans-serif` font.
//!
//! Colours have at least 4.5:1 contrast on white and differ in lightness, and nothing is told
//! by colour alone: an important improvement is a downward triangle, an important worsening an
//! upward triangle, and the legend and the description say so.
//!
//! Clinically important changes follow `backcare_core::instruments::Measure::mcid`, measured
//! against the first entry: pain 2 points or 30% (a rise of 2 points is a worsening), ODI 10
//! points, RMDQ 5 points. The STarT Back total has no agreed important change; its chart marks
//! the low-risk range instead (a total of 3 or lower is always low risk), and points that
//! enter or leave it.
//!
//! The dated charts of one page share their dates: [`Span::of`] the page's series, passed to
//! [`pain_chart_over`] and [`score_chart_over`], gives each the same date axis.
//!
//! Bad input never panics: NaN values are skipped, out-of-range values are clamped, and an
//! empty series gives a friendly "No entries yet" chart.

use std::fmt::Write as _;

use backcare_core::instruments::{Mcid, Measure};
use backcare_core::lang::{Lang, Text, t};
use backcare_core::plan::Date;

use crate::articles::escape;

/// Which function score a [`score_chart`] shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScoreKind {
    /// Oswestry Disability Index, 0-100.
    Odi,
    /// Roland-Morris Disability Questionnaire, 0-24.
    Rmdq,
    /// STarT Back total score, 0-9.
    StartBack,
}

impl ScoreKind {
    /// Every kind, in the order backcare shows them.
    pub const ALL: [ScoreKind; 3] = [ScoreKind::Odi, ScoreKind::Rmdq, ScoreKind::StartBack];

    /// The highest possible score (the lowest is 0; lower is better for all three).
    pub fn max(self) -> f32 {
        match self {
            ScoreKind::Odi => 100.0,
            ScoreKind::Rmdq => 24.0,
            ScoreKind::StartBack => 9.0,
        }
    }

    /// The minimal important change, when one is agreed (none for the STarT Back total).
    pub fn mcid(self) -> Option<Mcid> {
        match self {
            ScoreKind::Odi => Some(Measure::Odi.mcid()),
            ScoreKind::Rmdq => Some(Measure::Rmdq.mcid()),
            ScoreKind::StartBack => None,
        }
    }

    fn rule(self) -> Rule {
        self.mcid().map_or(Rule::LowRisk, Rule::Mcid)
    }

    fn step(self) -> f32 {
        match self {
            ScoreKind::Odi => 20.0,
            ScoreKind::Rmdq => 4.0,
            ScoreKind::StartBack => 1.0,
        }
    }

    fn title(self) -> Text {
        match self {
            ScoreKind::Odi => label::ODI_TITLE,
            ScoreKind::Rmdq => label::RMDQ_TITLE,
            ScoreKind::StartBack => label::SB_TITLE,
        }
    }

    fn axis(self) -> Text {
        match self {
            ScoreKind::Odi => label::ODI_AXIS,
            ScoreKind::Rmdq => label::RMDQ_AXIS,
            ScoreKind::StartBack => label::SB_AXIS,
        }
    }
}

/// Interface text of the charts.
mod label {
    use super::{Text, t};
    pub const NO_ENTRIES: Text = t("No entries yet", "Todavía no hay registros");
    pub const NO_ENTRIES_DESC: Text = t(
        "No entries yet. The chart will fill in as entries are added.",
        "Todavía no hay registros. El gráfico se irá completando a medida que se añadan.",
    );
    pub const DATE: Text = t("Date", "Fecha");
    pub const WEEK: Text = t("Week", "Semana");

    pub const PAIN_TITLE: Text = t("Pain over time", "Dolor a lo largo del tiempo");
    pub const PAIN_AXIS: Text = t(
        "Pain 0-10 (lower is better)",
        "Dolor 0-10 (más bajo es mejor)",
    );
    pub const PAIN_SUBJECT: Text = t("Pain", "El dolor");
    pub const SCORE_SUBJECT: Text = t("The score", "La puntuación");
    pub const ODI_TITLE: Text = t(
        "Oswestry disability score over time",
        "Puntuación de discapacidad de Oswestry a lo largo del tiempo",
    );
    pub const ODI_AXIS: Text = t(
        "Oswestry (ODI) 0-100 (lower is better)",
        "Oswestry (ODI) 0-100 (más bajo es mejor)",
    );
    pub const RMDQ_TITLE: Text = t(
        "Roland-Morris everyday activities score over time",
        "Puntuación de actividades diarias de Roland-Morris a lo largo del tiempo",
    );
    pub const RMDQ_AXIS: Text = t(
        "Roland-Morris (RMDQ) 0-24 (lower is better)",
        "Roland-Morris (RMDQ) 0-24 (más bajo es mejor)",
    );
    pub const SB_TITLE: Text = t(
        "STarT Back score over time",
        "Puntuación STarT Back a lo largo del tiempo",
    );
    pub const SB_AXIS: Text = t(
        "STarT Back total 0-9 (lower is better)",
        "STarT Back total 0-9 (más bajo es mejor)",
    );

    pub const ONE_ENTRY: Text = t("One entry, on {d}: {v}.", "Un registro, el {d}: {v}.");
    pub const ENTRIES: Text = t(
        "{n} entries from {d1} to {d2}.",
        "{n} registros del {d1} al {d2}.",
    );
    pub const WENT: Text = t(
        "{subject} went from {a} on {d1} to {b} on {d2}: {verdict}.",
        "{subject} pasó de {a} el {d1} a {b} el {d2}: {verdict}.",
    );
    pub const IMPROVED: Text = t("an important improvement", "una mejora importante");
    pub const WORSE: Text = t("an important worsening", "un empeoramiento importante");
    pub const SMALL: Text = t(
        "not an important change",
        "un cambio que no llega a ser importante",
    );
    pub const SAME: Text = t("no change", "sin cambios");
    pub const SB_IN: Text = t(
        "now in the low-risk range",
        "ahora en la zona de riesgo bajo",
    );
    pub const SB_OUT: Text = t(
        "no longer in the low-risk range",
        "ya no está en la zona de riesgo bajo",
    );
    pub const SB_SAME: Text = t("still in the same range", "sigue en la misma zona");
    pub const RANGE: Text = t(
        "Lowest {lo} on {dlo}; highest {hi} on {dhi}.",
        "Mínimo {lo} el {dlo}; máximo {hi} el {dhi}.",
    );
    pub const GAPS: Text = t(
        "Gaps in the line are periods with no entries.",
        "Los huecos en la línea son periodos sin registros.",
    );
    pub const RULE_PAIN: Text = t(
        "An important improvement is a fall of 2 points, or of 30%, from the first entry; a rise of 2 points or more is an important worsening.",
        "Una mejora importante es una bajada de 2 puntos, o del 30%, respecto al primer registro; una subida de 2 puntos o más es un empeoramiento importante.",
    );
    pub const RULE_POINTS: Text = t(
        "An important change is {mcid} points or more from the first score.",
        "Un cambio importante es de {mcid} puntos o más respecto a la primera puntuación.",
    );
    pub const RULE_SB: Text = t(
        "There is no agreed important change for the STarT Back total; a total of 3 or lower means low risk.",
        "No hay un cambio importante acordado para el total de STarT Back; un total de 3 o menos indica riesgo bajo.",
    );
    pub const THRESHOLD: Text = t(
        "The dashed line at {v} marks an important improvement from the start.",
        "La línea discontinua en {v} marca una mejora importante respecto al inicio.",
    );
    pub const THRESHOLD_SB: Text = t(
        "The shaded band at 3 or lower is the low-risk range.",
        "La banda sombreada en 3 o menos es la zona de riesgo bajo.",
    );
    pub const MARKED_IMPROVED: Text = t(
        "Important improvement (downward triangles): {list}.",
        "Mejora importante (triángulos hacia abajo): {list}.",
    );
    pub const COUNT_IMPROVED: Text = t(
        "{k} entries reached an important improvement (downward triangles).",
        "{k} registros alcanzaron una mejora importante (triángulos hacia abajo).",
    );
    pub const MARKED_WORSE: Text = t(
        "Important worsening (upward triangles): {list}.",
        "Empeoramiento importante (triángulos hacia arriba): {list}.",
    );
    pub const COUNT_WORSE: Text = t(
        "{k} entries reached an important worsening (upward triangles).",
        "{k} registros llegaron a un empeoramiento importante (triángulos hacia arriba).",
    );
    pub const SB_MARKED_IN: Text = t(
        "Entered the low-risk range (downward triangles): {list}.",
        "Entró en la zona de riesgo bajo (triángulos hacia abajo): {list}.",
    );
    pub const SB_MARKED_OUT: Text = t(
        "Left the low-risk range (upward triangles): {list}.",
        "Salió de la zona de riesgo bajo (triángulos hacia arriba): {list}.",
    );

    pub const KEY_ENTRY: Text = t("Entry", "Registro");
    pub const KEY_THRESHOLD: Text = t(
        "Important improvement: {v} or lower",
        "Mejora importante: {v} o menos",
    );
    pub const KEY_LOW_RISK: Text = t("Low risk: 3 or lower", "Riesgo bajo: 3 o menos");
    pub const KEY_IMPROVED: Text = t("Important improvement", "Mejora importante");
    pub const KEY_WORSE: Text = t("Important worsening", "Empeoramiento importante");
    pub const KEY_SB_IN: Text = t("Entered low risk", "Entró en riesgo bajo");
    pub const KEY_SB_OUT: Text = t("Left low risk", "Salió de riesgo bajo");

    pub const ADH_TITLE: Text = t(
        "Exercise sessions per week",
        "Sesiones de ejercicio por semana",
    );
    pub const ADH_AXIS: Text = t("Sessions", "Sesiones");
    pub const KEY_DONE: Text = t("Done", "Hechas");
    pub const KEY_PLANNED: Text = t("Planned", "Previstas");
    pub const KEY_TARGET: Text = t("70% of planned", "70% de las previstas");
    pub const ADH_ONE: Text = t(
        "Exercise sessions in week {a}: {done} done of {planned} planned{pct}.",
        "Sesiones de ejercicio en la semana {a}: {done} hechas de {planned} previstas{pct}.",
    );
    pub const ADH_MANY: Text = t(
        "Exercise sessions over {n} weeks (weeks {a} to {b}): {done} done of {planned} planned{pct}.",
        "Sesiones de ejercicio en {n} semanas (semanas {a} a {b}): {done} hechas de {planned} previstas{pct}.",
    );
    pub const ADH_WEEKS: Text = t(
        "{k} of {m} weeks reached 70% of the plan.",
        "{k} de {m} semanas llegaron al 70% del plan.",
    );
    pub const ADH_LAST: Text = t(
        "Most recent, week {w}: {done} of {planned}.",
        "La más reciente, semana {w}: {done} de {planned}.",
    );
}

// ---------------------------------------------------------------------------------------------
// Layout and colours

/// The width a chart is drawn for. Each width has its own layout (date ticks, bars, legend
/// rows), so a page can send one drawing per width and show the one that fits: the labels
/// keep their size on a phone instead of shrinking with the picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Width {
    /// About a phone's width in CSS pixels (a 360-414 px screen less the page's margins).
    Phone,
    /// About the page's widest column (42rem) on a tablet or a computer.
    Wide,
}

impl Width {
    /// Both widths, narrowest first.
    pub const ALL: [Width; 2] = [Width::Phone, Width::Wide];

    /// The drawing's width in SVG units; the height depends on the legend.
    fn units(self) -> f64 {
        match self {
            Width::Phone => 340.0,
            Width::Wide => 600.0,
        }
    }

    /// The right edge of the plot.
    fn right(self) -> f64 {
        self.units() - 16.0
    }

    /// Its name in class names and ids: `phone` or `wide`.
    pub fn code(self) -> &'static str {
        match self {
            Width::Phone => "phone",
            Width::Wide => "wide",
        }
    }
}

const LEFT: f64 = 38.0;
/// Inner padding of the plot, so dots at the ends are not cut off.
const PAD: f64 = 10.0;
const TOP: f64 = 30.0;
const PLOT_H: f64 = 170.0;
const BOTTOM: f64 = TOP + PLOT_H;
const FONT: f64 = 12.0;
/// The least distance between the centres of two x-axis date labels, in SVG units: the widest
/// label ("30 Sep") plus a gap.
pub const MIN_TICK_GAP: f64 = 50.0;

/// Data line, dots and done bars: dark blue (12:1 on white).
const INK: &str = "#1d3557";
/// Text: dark grey.
const TEXT: &str = "#374151";
/// Axis lines and planned-bar outlines.
const AXIS: &str = "#5f6b78";
/// Grid lines (decorative).
const GRID: &str = "#d9dee3";
/// Important improvement: green, lighter in greyscale than the red.
const GOOD: &str = "#1a7f37";
/// Important worsening: dark red.
const BAD: &str = "#9f1c1c";
/// The improvement zone (decorative tint).
const BAND: &str = "#e3f1e7";
/// The 70% target line.
const TARGET: &str = "#c2410c";
/// Planned bars (decorative tint, outlined in `AXIS`).
const PLANNED: &str = "#e8edf3";

const EPS: f64 = 1e-3;

fn text_w(s: &str, size: f64) -> f64 {
    s.chars().count() as f64 * 0.6 * size
}

// ---------------------------------------------------------------------------------------------
// Numbers and dates in words

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

/// "3 Mar" / "3 mar": the short form used on axes.
pub fn short_date(d: Date, lang: Lang) -> String {
    let i = usize::from(d.month().clamp(1, 12) - 1);
    let m = match lang {
        Lang::En => &MONTHS_EN[i][..3],
        Lang::Es => &MONTHS_ES[i][..3],
    };
    format!("{} {m}", d.day())
}

/// "3 March" / "3 de marzo", with the year when `year` is set.
fn long_date(d: Date, lang: Lang, year: bool) -> String {
    let i = usize::from(d.month().clamp(1, 12) - 1);
    match (lang, year) {
        (Lang::En, false) => format!("{} {}", d.day(), MONTHS_EN[i]),
        (Lang::En, true) => format!("{} {} {}", d.day(), MONTHS_EN[i], d.year()),
        (Lang::Es, false) => format!("{} de {}", d.day(), MONTHS_ES[i]),
        (Lang::Es, true) => format!("{} de {} de {}", d.day(), MONTHS_ES[i], d.year()),
    }
}

/// A threshold with at most one decimal, rounded down so "or lower" stays true.
fn num_floor(v: f64, lang: Lang) -> String {
    num(((v * 10.0 + 1e-6).floor() / 10.0) as f32, lang)
}

/// A value with at most one decimal, with a decimal comma in Spanish.
fn num(v: f32, lang: Lang) -> String {
    let r = (f64::from(v) * 10.0).round() / 10.0;
    let s = if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    };
    match lang {
        Lang::En => s,
        Lang::Es => s.replace('.', ","),
    }
}

// ---------------------------------------------------------------------------------------------
// Important changes

/// How a change is judged.
#[derive(Debug, Clone, Copy)]
enum Rule {
    /// Against a minimal important change (lower is better).
    Mcid(Mcid),
    /// Entering or leaving the STarT Back low-risk range (total 3 or lower).
    LowRisk,
}

const LOW_RISK_MAX: f64 = 3.0;

/// What a point shows compared with the first one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Plain,
    Improved,
    Worse,
}

impl Rule {
    /// The mark for a change from `base` to `v`; the same verdict as
    /// [`Mcid::verdict`] on whole numbers, with a little tolerance for fractions.
    fn mark(self, base: f32, v: f32) -> Mark {
        let (base, v) = (f64::from(base), f64::from(v));
        let fall = base - v;
        match self {
            Rule::Mcid(m) => {
                let points = f64::from(m.points);
                let by_percent = m
                    .percent
                    .is_some_and(|p| base > 0.0 && fall * 100.0 + EPS >= f64::from(p) * base);
                if fall > EPS && (fall + EPS >= points || by_percent) {
                    Mark::Improved
                } else if -fall + EPS >= points {
                    Mark::Worse
                } else {
                    Mark::Plain
                }
            }
            Rule::LowRisk => {
                let low = |x: f64| x <= LOW_RISK_MAX + EPS;
                match (low(base), low(v)) {
                    (false, true) => Mark::Improved,
                    (true, false) => Mark::Worse,
                    _ => Mark::Plain,
                }
            }
        }
    }

    /// The value at or below which a point counts as an improvement (or the top of the
    /// low-risk range), when it is on the scale.
    fn threshold(self, base: f32) -> Option<f64> {
        match self {
            Rule::Mcid(m) => {
                let base = f64::from(base);
                let mut drop = f64::from(m.points);
                if let Some(p) = m.percent
                    && base > 0.0
                {
                    drop = drop.min(f64::from(p) * base / 100.0);
                }
                let v = base - drop;
                (base > 0.0 && v >= 0.0).then_some(v)
            }
            Rule::LowRisk => Some(LOW_RISK_MAX),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// SVG pieces

fn id_for(kind: &str, desc: &str, width: Width, lang: Lang) -> String {
    // FNV-1a: a stable id so two different charts on one page do not share ids.
    let mut h: u32 = 0x811c_9dc5;
    for b in kind.bytes().chain(desc.bytes()).chain(lang.code().bytes()) {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("chart-{kind}-{}-{h:08x}", width.code())
}

struct Head<'a> {
    kind: &'a str,
    width: Width,
    height: f64,
    title: &'a str,
    desc: &'a str,
}

fn open(s: &mut String, head: &Head, lang: Lang) {
    let Head {
        kind,
        width,
        height,
        title,
        desc,
    } = *head;
    let id = id_for(kind, desc, width, lang);
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {height:.0}" width="100%" role="img" aria-labelledby="{id}-title" aria-describedby="{id}-desc" lang="{code}" class="chart chart-{kind} chart-{size}" font-family="sans-serif" font-size="{FONT}"><title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc><rect width="{w}" height="{height:.0}" fill="#ffffff"/>"##,
        w = width.units(),
        size = width.code(),
        code = lang.code(),
        title = escape(title),
        desc = escape(desc),
    );
}

fn text(s: &mut String, x: f64, y: f64, anchor: &str, class: &str, content: &str) {
    let _ = write!(
        s,
        r#"<text x="{x:.1}" y="{y:.1}" text-anchor="{anchor}" class="{class}" fill="{TEXT}">{}</text>"#,
        escape(content)
    );
}

fn line(s: &mut String, x1: f64, y1: f64, x2: f64, y2: f64, stroke: &str, width: f64) {
    let _ = write!(
        s,
        r#"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="{stroke}" stroke-width="{width}"/>"#
    );
}

/// A dot, or a triangle pointing down (improved) or up (worse), centred on (x, y).
fn marker(s: &mut String, x: f64, y: f64, mark: Mark, size: f64, class: &str) {
    match mark {
        Mark::Plain => {
            let _ = write!(
                s,
                r##"<circle class="{class}" cx="{x:.1}" cy="{y:.1}" r="{:.1}" fill="{INK}" stroke="#ffffff" stroke-width="1"/>"##,
                size * 0.6
            );
        }
        Mark::Improved | Mark::Worse => {
            let (dir, colour) = if mark == Mark::Improved {
                (1.0, GOOD)
            } else {
                (-1.0, BAD)
            };
            let h = size * 0.9;
            let _ = write!(
                s,
                r##"<polygon class="{class}" points="{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}" fill="{colour}" stroke="#ffffff" stroke-width="1"/>"##,
                x - size,
                y - dir * h * 0.8,
                x + size,
                y - dir * h * 0.8,
                x,
                y + dir * h * 1.2,
            );
        }
    }
}

/// One legend entry: a small sample and its words.
enum Key {
    Dot,
    Mark(Mark),
    Dashed(&'static str),
    Bar(&'static str, &'static str),
}

/// Lays the legend out in rows from `y`, returning the height used.
fn legend(s: &mut String, width: Width, y: f64, items: &[(Key, String)]) -> f64 {
    if items.is_empty() {
        return 0.0;
    }
    let row_h = 18.0;
    let (mut x, mut row) = (8.0, 0.0);
    for (key, words) in items {
        let w = 24.0 + text_w(words, FONT) + 14.0;
        if x > 8.0 && x + w > width.units() - 4.0 {
            x = 8.0;
            row += row_h;
        }
        let cy = y + row;
        match key {
            Key::Dot => marker(s, x + 9.0, cy - 4.0, Mark::Plain, 6.0, "key"),
            Key::Mark(m) => marker(s, x + 9.0, cy - 4.0, *m, 6.0, "key"),
            Key::Dashed(colour) => {
                let _ = write!(
                    s,
                    r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{colour}" stroke-width="2" stroke-dasharray="5 3"/>"#,
                    x,
                    cy - 4.0,
                    x + 18.0,
                    cy - 4.0
                );
            }
            Key::Bar(fill_c, stroke) => {
                let _ = write!(
                    s,
                    r#"<rect x="{:.1}" y="{:.1}" width="14" height="10" fill="{fill_c}" stroke="{stroke}" stroke-width="1.2"/>"#,
                    x + 2.0,
                    cy - 9.0
                );
            }
        }
        text(s, x + 24.0, cy, "start", "key", words);
        x += w;
    }
    row + row_h
}

fn empty_chart(kind: &str, title: Text, axis: Text, width: Width, lang: Lang) -> String {
    let mut s = String::new();
    let right = width.right();
    open(
        &mut s,
        &Head {
            kind,
            width,
            height: BOTTOM + 24.0,
            title: title.get(lang),
            desc: label::NO_ENTRIES_DESC.get(lang),
        },
        lang,
    );
    text(&mut s, 4.0, 16.0, "start", "ytitle", axis.get(lang));
    for k in 0..=4 {
        let y = TOP + PLOT_H * f64::from(k) / 4.0;
        line(&mut s, LEFT, y, right, y, GRID, 1.0);
    }
    let words = label::NO_ENTRIES.get(lang);
    let (cx, cy) = ((LEFT + right) / 2.0, TOP + PLOT_H / 2.0);
    let half = text_w(words, 16.0) / 2.0 + 12.0;
    let _ = write!(
        s,
        r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="32" rx="6" fill="#ffffff" stroke="{GRID}"/><text x="{cx:.1}" y="{:.1}" text-anchor="middle" class="empty" fill="{TEXT}" font-size="16">{}</text></svg>"##,
        cx - half,
        cy - 16.0,
        2.0 * half,
        cy + 6.0,
        escape(words)
    );
    s
}

// ---------------------------------------------------------------------------------------------
// The date axis

/// Maps dates to x over a domain of at least six days.
/// The dates a page's charts share: each date axis runs at least from `first` to `last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// The earliest date on any of the charts.
    pub first: Date,
    /// The latest date on any of the charts.
    pub last: Date,
}

impl Span {
    /// The span of the dates in `series` that a chart draws (not those of NaN values), or
    /// `None` when there are none.
    pub fn of<'a>(series: impl IntoIterator<Item = &'a [(Date, f32)]>) -> Option<Span> {
        let mut dates = series
            .into_iter()
            .flatten()
            .filter(|p| !p.1.is_nan())
            .map(|p| p.0);
        let first = dates.next()?;
        let (first, last) = dates.fold((first, first), |(a, b), d| (a.min(d), b.max(d)));
        Some(Span { first, last })
    }
}

struct DateAxis {
    start: Date,
    span: i64,
    right: f64,
}

impl DateAxis {
    fn new(first: Date, last: Date, width: Width) -> DateAxis {
        let right = width.right();
        let span = first.days_until(last);
        if span >= 6 {
            return DateAxis {
                start: first,
                span,
                right,
            };
        }
        let start = first.add_days(-(6 - span) / 2);
        DateAxis {
            start,
            span: start.days_until(last).max(6),
            right,
        }
    }

    fn x(&self, d: Date) -> f64 {
        self.x_days(self.start.days_until(d))
    }

    fn x_days(&self, days: i64) -> f64 {
        LEFT + PAD + days as f64 / self.span as f64 * (self.right - LEFT - 2.0 * PAD)
    }

    /// Tick dates: every 1, 2, 3, 7 or 14 days from the start, or the first of every 1, 2,
    /// 3, 6 months (then whole years), the first spacing whose labels are `MIN_TICK_GAP`
    /// apart.
    fn ticks(&self) -> Vec<Date> {
        let inner = self.right - LEFT - 2.0 * PAD;
        let most = (inner / MIN_TICK_GAP).floor() as i64 + 1;
        let fits = |ds: &[i64]| {
            ds.windows(2)
                .all(|w| self.x_days(w[1]) - self.x_days(w[0]) >= MIN_TICK_GAP)
        };
        for step in [1, 2, 3, 7, 14] {
            if self.span / step + 1 > most {
                continue;
            }
            let days: Vec<i64> = (0..=self.span / step).map(|k| k * step).collect();
            if fits(&days) {
                return days.iter().map(|&k| self.start.add_days(k)).collect();
            }
        }
        for months in [1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200] {
            if self.span / (28 * months) > most {
                continue;
            }
            let mut dates = Vec::new();
            let mut index = i64::from(self.start.year()) * 12 + i64::from(self.start.month()) - 1;
            // The first month on or after the start's month that is a multiple of the step.
            index += (months - index.rem_euclid(months)) % months;
            loop {
                let (y, m) = (index / 12, index % 12 + 1);
                if y > i64::from(Date::MAX_YEAR) {
                    break;
                }
                let Ok(d) = Date::new(y as u16, m as u8, 1) else {
                    break;
                };
                let off = self.start.days_until(d);
                if off > self.span {
                    break;
                }
                if off >= 0 {
                    dates.push(d);
                }
                if dates.len() as i64 > most {
                    break;
                }
                index += months;
            }
            let days: Vec<i64> = dates.iter().map(|d| self.start.days_until(*d)).collect();
            if !dates.is_empty() && dates.len() as i64 <= most && fits(&days) {
                return dates;
            }
        }
        vec![self.start]
    }

    /// Draws the axis line, ticks, labels (with the year under the first and at each new
    /// year) and the axis title; returns the y below it.
    fn draw(&self, s: &mut String, lang: Lang) -> f64 {
        line(s, LEFT, BOTTOM, self.right, BOTTOM, AXIS, 1.2);
        let mut year = None;
        for d in self.ticks() {
            let x = self.x(d);
            line(s, x, BOTTOM, x, BOTTOM + 4.0, AXIS, 1.2);
            text(s, x, BOTTOM + 17.0, "middle", "xtick", &short_date(d, lang));
            if year != Some(d.year()) {
                text(
                    s,
                    x,
                    BOTTOM + 31.0,
                    "middle",
                    "xyear",
                    &d.year().to_string(),
                );
                year = Some(d.year());
            }
        }
        text(
            s,
            (LEFT + self.right) / 2.0,
            BOTTOM + 47.0,
            "middle",
            "xtitle",
            label::DATE.get(lang),
        );
        BOTTOM + 47.0
    }
}

// ---------------------------------------------------------------------------------------------
// Line charts: pain and scores

struct LineSpec {
    kind: &'static str,
    title: Text,
    axis: Text,
    subject: Text,
    max: f32,
    step: f32,
    rule: Rule,
    /// Leave gaps where entries are missing (daily or weekly diaries); scores are always
    /// joined.
    gaps: bool,
}

/// The series, cleaned: NaN skipped, values clamped to 0..=max, sorted by date.
fn clean(points: &[(Date, f32)], max: f32) -> Vec<(Date, f32)> {
    let mut v: Vec<(Date, f32)> = points
        .iter()
        .filter(|(_, y)| !y.is_nan())
        .map(|&(d, y)| (d, y.clamp(0.0, max)))
        .collect();
    v.sort_by_key(|p| p.0);
    v
}

/// Splits a sorted series into runs drawn as one line: a new run starts after a step longer
/// than 1.5 times the usual (median) step between entries.
fn runs(points: &[(Date, f32)], gaps: bool) -> Vec<std::ops::Range<usize>> {
    if points.is_empty() {
        return Vec::new();
    }
    if !gaps {
        return std::iter::once(0..points.len()).collect();
    }
    let mut steps: Vec<i64> = points
        .windows(2)
        .map(|w| w[0].0.days_until(w[1].0))
        .filter(|&d| d > 0)
        .collect();
    steps.sort_unstable();
    let usual = steps.get(steps.len() / 2).copied().unwrap_or(1).max(1) as f64;
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..points.len() {
        if points[i - 1].0.days_until(points[i].0) as f64 > 1.5 * usual {
            out.push(start..i);
            start = i;
        }
    }
    out.push(start..points.len());
    out
}

fn list(points: &[(Date, f32)], lang: Lang, year: bool) -> String {
    let v: Vec<String> = points
        .iter()
        .map(|&(d, y)| format!("{} ({})", long_date(d, lang, year), num(y, lang)))
        .collect();
    v.join(", ")
}

fn describe(
    spec: &LineSpec,
    pts: &[(Date, f32)],
    marks: &[Mark],
    gapped: bool,
    lang: Lang,
) -> String {
    let (first, last) = (pts[0], pts[pts.len() - 1]);
    let year = first.0.year() != last.0.year();
    let date = |d: Date| long_date(d, lang, year);
    let mut out = Vec::new();
    if pts.len() == 1 {
        out.push(label::ONE_ENTRY.fill(lang, &[("d", &date(first.0)), ("v", &num(first.1, lang))]));
    } else {
        out.push(label::ENTRIES.fill(
            lang,
            &[
                ("n", &pts.len().to_string()),
                ("d1", &date(first.0)),
                ("d2", &date(last.0)),
            ],
        ));
        let verdict = match (spec.rule, spec.rule.mark(first.1, last.1)) {
            (_, _) if num(first.1, lang) == num(last.1, lang) => label::SAME,
            (Rule::Mcid(_), Mark::Improved) => label::IMPROVED,
            (Rule::Mcid(_), Mark::Worse) => label::WORSE,
            (Rule::Mcid(_), Mark::Plain) => label::SMALL,
            (Rule::LowRisk, Mark::Improved) => label::SB_IN,
            (Rule::LowRisk, Mark::Worse) => label::SB_OUT,
            (Rule::LowRisk, Mark::Plain) => label::SB_SAME,
        };
        out.push(label::WENT.fill(
            lang,
            &[
                ("subject", spec.subject.get(lang)),
                ("a", &num(first.1, lang)),
                ("d1", &date(first.0)),
                ("b", &num(last.1, lang)),
                ("d2", &date(last.0)),
                ("verdict", verdict.get(lang)),
            ],
        ));
    }
    out.push(match spec.rule {
        Rule::Mcid(m) if m.percent.is_some() => label::RULE_PAIN.get(lang).to_owned(),
        Rule::Mcid(m) => label::RULE_POINTS.fill(lang, &[("mcid", &m.points.to_string())]),
        Rule::LowRisk => label::RULE_SB.get(lang).to_owned(),
    });
    match (spec.rule, spec.rule.threshold(first.1)) {
        (Rule::LowRisk, _) => out.push(label::THRESHOLD_SB.get(lang).to_owned()),
        (_, Some(v)) => out.push(label::THRESHOLD.fill(lang, &[("v", &num_floor(v, lang))])),
        _ => {}
    }
    for (mark, marked, count) in [
        (
            Mark::Improved,
            label::MARKED_IMPROVED,
            label::COUNT_IMPROVED,
        ),
        (Mark::Worse, label::MARKED_WORSE, label::COUNT_WORSE),
    ] {
        let hits: Vec<(Date, f32)> = pts
            .iter()
            .zip(marks)
            .filter(|(_, m)| **m == mark)
            .map(|(p, _)| *p)
            .collect();
        if hits.is_empty() {
            continue;
        }
        let marked = match (spec.rule, mark) {
            (Rule::LowRisk, Mark::Improved) => label::SB_MARKED_IN,
            (Rule::LowRisk, _) => label::SB_MARKED_OUT,
            _ => marked,
        };
        out.push(if hits.len() <= 6 {
            marked.fill(lang, &[("list", &list(&hits, lang, year))])
        } else {
            count.fill(lang, &[("k", &hits.len().to_string())])
        });
    }
    if pts.len() >= 3 {
        let lo = pts
            .iter()
            .fold(first, |a, p| if p.1 < a.1 { *p } else { a });
        let hi = pts
            .iter()
            .fold(first, |a, p| if p.1 > a.1 { *p } else { a });
        out.push(label::RANGE.fill(
            lang,
            &[
                ("lo", &num(lo.1, lang)),
                ("dlo", &date(lo.0)),
                ("hi", &num(hi.1, lang)),
                ("dhi", &date(hi.0)),
            ],
        ));
    }
    if gapped {
        out.push(label::GAPS.get(lang).to_owned());
    }
    out.join(" ")
}

fn line_chart(
    spec: &LineSpec,
    points: &[(Date, f32)],
    span: Option<Span>,
    width: Width,
    lang: Lang,
) -> String {
    let pts = clean(points, spec.max);
    if pts.is_empty() {
        return empty_chart(spec.kind, spec.title, spec.axis, width, lang);
    }
    let right = width.right();
    let base = pts[0].1;
    let marks: Vec<Mark> = pts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if i == 0 {
                Mark::Plain
            } else {
                spec.rule.mark(base, p.1)
            }
        })
        .collect();
    let runs = runs(&pts, spec.gaps);
    let desc = describe(spec, &pts, &marks, runs.len() > 1, lang);
    let threshold = spec.rule.threshold(base);

    // The legend decides the height, so lay it out first into its own buffer.
    let mut keys = vec![(Key::Dot, label::KEY_ENTRY.get(lang).to_owned())];
    if let Some(v) = threshold {
        let words = match spec.rule {
            Rule::LowRisk => label::KEY_LOW_RISK.get(lang).to_owned(),
            Rule::Mcid(_) => label::KEY_THRESHOLD.fill(lang, &[("v", &num_floor(v, lang))]),
        };
        keys.push((Key::Dashed(GOOD), words));
    }
    for (m, words) in [
        (Mark::Improved, label::KEY_IMPROVED),
        (Mark::Worse, label::KEY_WORSE),
    ] {
        if marks.contains(&m) {
            let words = match (spec.rule, m) {
                (Rule::LowRisk, Mark::Improved) => label::KEY_SB_IN,
                (Rule::LowRisk, _) => label::KEY_SB_OUT,
                _ => words,
            };
            keys.push((Key::Mark(m), words.get(lang).to_owned()));
        }
    }
    let mut body = String::new();
    let max = f64::from(spec.max);
    let y = |v: f32| BOTTOM - f64::from(v) / max * PLOT_H;

    text(&mut body, 4.0, 16.0, "start", "ytitle", spec.axis.get(lang));
    // Improvement zone and grid.
    if let Some(v) = threshold {
        let ty = BOTTOM - v / max * PLOT_H;
        let _ = write!(
            body,
            r#"<rect class="zone" x="{LEFT}" y="{ty:.1}" width="{:.1}" height="{:.1}" fill="{BAND}"/>"#,
            right - LEFT,
            BOTTOM - ty
        );
    }
    let mut v = 0.0;
    while v <= spec.max + 1e-3 {
        let yy = y(v);
        line(&mut body, LEFT, yy, right, yy, GRID, 1.0);
        text(
            &mut body,
            LEFT - 6.0,
            yy + 4.0,
            "end",
            "ytick",
            &num(v, lang),
        );
        v += spec.step;
    }
    if let Some(v) = threshold {
        let ty = BOTTOM - v / max * PLOT_H;
        let _ = write!(
            body,
            r#"<line class="threshold" x1="{LEFT}" y1="{ty:.1}" x2="{right}" y2="{ty:.1}" stroke="{GOOD}" stroke-width="2" stroke-dasharray="6 4"/>"#
        );
    }
    let (first, last) = (pts[0].0, pts[pts.len() - 1].0);
    let axis = match span {
        Some(span) => DateAxis::new(first.min(span.first), last.max(span.last), width),
        None => DateAxis::new(first, last, width),
    };
    let below = axis.draw(&mut body, lang);

    let dense = pts.len() > 60;
    for r in &runs {
        if r.len() < 2 {
            continue;
        }
        let coords: Vec<String> = pts[r.clone()]
            .iter()
            .map(|&(d, v)| format!("{:.1},{:.1}", axis.x(d), y(v)))
            .collect();
        let _ = write!(
            body,
            r#"<polyline class="series" points="{}" fill="none" stroke="{INK}" stroke-width="{}" stroke-linejoin="round" stroke-linecap="round"/>"#,
            coords.join(" "),
            if dense { 1.6 } else { 2.4 }
        );
    }
    // In a dense series the line carries the plain entries; only lone entries get a dot.
    let lone: Vec<usize> = runs
        .iter()
        .filter(|r| r.len() == 1)
        .map(|r| r.start)
        .collect();
    for (i, (&(d, v), &m)) in pts.iter().zip(&marks).enumerate() {
        let class = match m {
            Mark::Plain => "point",
            Mark::Improved => "point improved",
            Mark::Worse => "point worse",
        };
        let size = match (dense, m) {
            (true, Mark::Plain) if lone.contains(&i) => 4.5,
            (true, Mark::Plain) => continue,
            (true, _) => 3.5,
            (false, Mark::Plain) => 6.0,
            (false, _) => 6.5,
        };
        marker(&mut body, axis.x(d), y(v), m, size, class);
    }
    let legend_h = legend(&mut body, width, below + 24.0, &keys);
    let height = below + 24.0 + legend_h - 4.0;

    let mut s = String::new();
    open(
        &mut s,
        &Head {
            kind: spec.kind,
            width,
            height,
            title: spec.title.get(lang),
            desc: &desc,
        },
        lang,
    );
    s.push_str(&body);
    s.push_str("</svg>");
    s
}

/// Pain (0-10) over time, daily or weekly, as a line with dots.
///
/// The y axis is fixed at 0-10; the x axis shows dates ("3 Mar") at a spacing that suits
/// anything from one week to a year. Missing days or weeks break the line. Points that reached
/// an important improvement (2 points or 30%) or worsening (2 points) against the first entry
/// are triangles, and a dashed line marks the improvement threshold.
pub fn pain_chart(points: &[(Date, f32)], width: Width, lang: Lang) -> String {
    pain_chart_over(points, None, width, lang)
}

/// [`pain_chart`] with its date axis over at least `span`, so that the charts of one page
/// share their dates (a date in one chart is at the same place in the others).
pub fn pain_chart_over(
    points: &[(Date, f32)],
    span: Option<Span>,
    width: Width,
    lang: Lang,
) -> String {
    line_chart(
        &LineSpec {
            kind: "pain",
            title: label::PAIN_TITLE,
            axis: label::PAIN_AXIS,
            subject: label::PAIN_SUBJECT,
            max: 10.0,
            step: 2.0,
            rule: Rule::Mcid(Measure::NrsAverage.mcid()),
            gaps: true,
        },
        points,
        span,
        width,
        lang,
    )
}

/// A function score (ODI, RMDQ or STarT Back total) over time.
///
/// A shaded band below a dashed line at the first score minus the minimal important change
/// shows where an important improvement starts; each later score that reached an important
/// improvement is a downward triangle and each that reached an important worsening an upward
/// triangle. For STarT Back, which has no agreed important change, the band is the low-risk
/// range (3 or lower) and the triangles mark entering or leaving it.
pub fn score_chart(measure: ScoreKind, points: &[(Date, f32)], width: Width, lang: Lang) -> String {
    score_chart_over(measure, points, None, width, lang)
}

/// [`score_chart`] with its date axis over at least `span` (see [`pain_chart_over`]).
pub fn score_chart_over(
    measure: ScoreKind,
    points: &[(Date, f32)],
    span: Option<Span>,
    width: Width,
    lang: Lang,
) -> String {
    let kind = match measure {
        ScoreKind::Odi => "odi",
        ScoreKind::Rmdq => "rmdq",
        ScoreKind::StartBack => "start-back",
    };
    line_chart(
        &LineSpec {
            kind,
            title: measure.title(),
            axis: measure.axis(),
            subject: label::SCORE_SUBJECT,
            max: measure.max(),
            step: measure.step(),
            rule: measure.rule(),
            gaps: false,
        },
        points,
        span,
        width,
        lang,
    )
}

// ---------------------------------------------------------------------------------------------
// Adherence

/// The smallest of 1, 2, 5, 10, 20, 50... that is at least `x`.
fn nice_step(x: f64) -> u32 {
    let mut step = 1u32;
    for k in 0.. {
        let s = [1, 2, 5][k % 3] * 10u32.pow((k / 3) as u32);
        step = s;
        if f64::from(s) >= x || k > 20 {
            break;
        }
    }
    step
}

/// Exercise sessions done (filled bars) against planned (outlined bars) per week, with a
/// dashed line at 70% of the planned sessions.
///
/// `weeks` holds `(week number, sessions done, sessions planned)`; weeks are placed by their
/// number, so a missing week is an empty slot, and repeated weeks are added together.
pub fn adherence_chart(weeks: &[(u16, u8, u8)], width: Width, lang: Lang) -> String {
    let mut rows: Vec<(u16, u32, u32)> = Vec::new();
    let mut sorted = weeks.to_vec();
    sorted.sort_by_key(|w| w.0);
    for (w, done, planned) in sorted {
        match rows.last_mut() {
            Some(last) if last.0 == w => {
                last.1 += u32::from(done);
                last.2 += u32::from(planned);
            }
            _ => rows.push((w, u32::from(done), u32::from(planned))),
        }
    }
    if rows.is_empty() {
        return empty_chart("adherence", label::ADH_TITLE, label::ADH_AXIS, width, lang);
    }
    let right = width.right();
    let desc = describe_adherence(&rows, lang);
    let first = rows[0].0;
    let slots = f64::from(rows[rows.len() - 1].0 - first) + 1.0;
    let slot = (right - LEFT - 2.0 * PAD) / slots;
    let bar = (slot * 0.64).min(36.0);
    let cx = |w: u16| LEFT + PAD + (f64::from(w - first) + 0.5) * slot;
    let top = rows.iter().map(|r| r.1.max(r.2)).max().unwrap_or(0).max(1);
    let step = nice_step(f64::from(top) / 5.0);
    let ymax = f64::from(top.div_ceil(step) * step);
    let y = |v: f64| BOTTOM - v / ymax * PLOT_H;

    let mut b = String::new();
    text(
        &mut b,
        4.0,
        16.0,
        "start",
        "ytitle",
        label::ADH_AXIS.get(lang),
    );
    let mut v = 0.0;
    while v <= ymax + 1e-9 {
        line(&mut b, LEFT, y(v), right, y(v), GRID, 1.0);
        text(
            &mut b,
            LEFT - 6.0,
            y(v) + 4.0,
            "end",
            "ytick",
            &format!("{v:.0}"),
        );
        v += f64::from(step);
    }
    for &(w, done, planned) in &rows {
        let x = cx(w) - bar / 2.0;
        let (yp, yd) = (y(f64::from(planned)), y(f64::from(done)));
        if planned > 0 {
            let _ = write!(
                b,
                r#"<rect class="planned" x="{x:.1}" y="{yp:.1}" width="{bar:.1}" height="{:.1}" fill="{PLANNED}"/>"#,
                BOTTOM - yp
            );
        }
        if done > 0 {
            let _ = write!(
                b,
                r#"<rect class="done" x="{x:.1}" y="{yd:.1}" width="{bar:.1}" height="{:.1}" fill="{INK}"/>"#,
                BOTTOM - yd
            );
        }
        if planned > 0 {
            let _ = write!(
                b,
                r#"<rect x="{x:.1}" y="{yp:.1}" width="{bar:.1}" height="{:.1}" fill="none" stroke="{AXIS}" stroke-width="1.2"/>"#,
                BOTTOM - yp
            );
        }
    }
    // The 70% line: a step for each run of consecutive planned weeks, on a white halo.
    let mut paths: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut prev: Option<u16> = None;
    for &(w, _, planned) in &rows {
        if planned == 0 {
            prev = None;
            continue;
        }
        let ty = y(0.7 * f64::from(planned));
        let (x0, x1) = (cx(w) - slot / 2.0 + 1.0, cx(w) + slot / 2.0 - 1.0);
        match (prev, paths.last_mut()) {
            (Some(p), Some(path)) if p + 1 == w => {
                path.push((x0, ty));
                path.push((x1, ty));
            }
            _ => paths.push(vec![(x0, ty), (x1, ty)]),
        }
        prev = Some(w);
    }
    for path in &paths {
        let pts: Vec<String> = path.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
        let pts = pts.join(" ");
        let _ = write!(
            b,
            r##"<polyline points="{pts}" fill="none" stroke="#ffffff" stroke-width="4.5"/><polyline class="target" points="{pts}" fill="none" stroke="{TARGET}" stroke-width="2" stroke-dasharray="6 3"/>"##
        );
    }
    line(&mut b, LEFT, BOTTOM, right, BOTTOM, AXIS, 1.2);
    // Value labels over the bars when they fit.
    let widest = rows
        .iter()
        .map(|r| text_w(&format!("{}/{}", r.1, r.2), 11.0))
        .fold(0.0, f64::max);
    if slot >= widest + 4.0 {
        for &(w, done, planned) in &rows {
            let yy = y(f64::from(done.max(planned))) - 5.0;
            let _ = write!(
                b,
                r#"<text x="{:.1}" y="{yy:.1}" text-anchor="middle" class="value" fill="{TEXT}" font-size="11">{done}/{planned}</text>"#,
                cx(w)
            );
        }
    }
    // Week numbers, spaced so they never touch.
    let last = rows[rows.len() - 1].0;
    let label_w = text_w(&last.to_string(), FONT) + 10.0;
    let every = nice_step(label_w / slot).max(1);
    let mut w = u32::from(first);
    while w <= u32::from(last) {
        let x = cx(w as u16);
        line(&mut b, x, BOTTOM, x, BOTTOM + 4.0, AXIS, 1.2);
        text(&mut b, x, BOTTOM + 17.0, "middle", "xtick", &w.to_string());
        w += every;
    }
    text(
        &mut b,
        (LEFT + right) / 2.0,
        BOTTOM + 33.0,
        "middle",
        "xtitle",
        label::WEEK.get(lang),
    );
    let keys = [
        (Key::Bar(INK, INK), label::KEY_DONE.get(lang).to_owned()),
        (
            Key::Bar(PLANNED, AXIS),
            label::KEY_PLANNED.get(lang).to_owned(),
        ),
        (Key::Dashed(TARGET), label::KEY_TARGET.get(lang).to_owned()),
    ];
    let legend_h = legend(&mut b, width, BOTTOM + 57.0, &keys);
    let height = BOTTOM + 57.0 + legend_h - 4.0;

    let mut s = String::new();
    open(
        &mut s,
        &Head {
            kind: "adherence",
            width,
            height,
            title: label::ADH_TITLE.get(lang),
            desc: &desc,
        },
        lang,
    );
    s.push_str(&b);
    s.push_str("</svg>");
    s
}

fn describe_adherence(rows: &[(u16, u32, u32)], lang: Lang) -> String {
    let done: u32 = rows.iter().map(|r| r.1).sum();
    let planned: u32 = rows.iter().map(|r| r.2).sum();
    let pct = if planned > 0 {
        format!(
            " ({}%)",
            (f64::from(done) * 100.0 / f64::from(planned)).round()
        )
    } else {
        String::new()
    };
    let (a, b) = (rows[0].0.to_string(), rows[rows.len() - 1].0.to_string());
    let (done, planned) = (done.to_string(), planned.to_string());
    let vars = [
        ("n", rows.len().to_string()),
        ("a", a),
        ("b", b),
        ("done", done),
        ("planned", planned),
        ("pct", pct),
    ];
    let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut out = vec![
        (if rows.len() == 1 {
            label::ADH_ONE
        } else {
            label::ADH_MANY
        })
        .fill(lang, &vars),
    ];
    let with_plan: Vec<_> = rows.iter().filter(|r| r.2 > 0).collect();
    if !with_plan.is_empty() && rows.len() > 1 {
        let reached = with_plan
            .iter()
            .filter(|r| f64::from(r.1) >= 0.7 * f64::from(r.2) - 1e-9)
            .count();
        out.push(label::ADH_WEEKS.fill(
            lang,
            &[
                ("k", &reached.to_string()),
                ("m", &with_plan.len().to_string()),
            ],
        ));
        let last = rows[rows.len() - 1];
        out.push(label::ADH_LAST.fill(
            lang,
            &[
                ("w", &last.0.to_string()),
                ("done", &last.1.to_string()),
                ("planned", &last.2.to_string()),
            ],
        ));
    }
    out.join(" ")
}

// ---------------------------------------------------------------------------------------------
// Table fallback

/// A chart's data as a plain table, for a visually hidden HTML table beside the chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The chart's title.
    pub caption: String,
    /// Column headings.
    pub head: Vec<String>,
    /// One row per entry, in date (or week) order.
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// The table as HTML, escaped, with `class` on the `<table>` (such as
    /// "visually-hidden").
    pub fn html(&self, class: &str) -> String {
        let mut s = format!(
            "<table class=\"{}\"><caption>{}</caption><thead><tr>",
            escape(class),
            escape(&self.caption)
        );
        for h in &self.head {
            let _ = write!(s, "<th scope=\"col\">{}</th>", escape(h));
        }
        s.push_str("</tr></thead><tbody>");
        for r in &self.rows {
            s.push_str("<tr>");
            for c in r {
                let _ = write!(s, "<td>{}</td>", escape(c));
            }
            s.push_str("</tr>");
        }
        s.push_str("</tbody></table>");
        s
    }
}

fn series_table(
    title: Text,
    value: Text,
    rule: Rule,
    max: f32,
    points: &[(Date, f32)],
    lang: Lang,
) -> Table {
    let pts = clean(points, max);
    let year = pts.first().map(|p| p.0.year()) != pts.last().map(|p| p.0.year());
    let base = pts.first().map_or(0.0, |p| p.1);
    let rows = pts
        .iter()
        .enumerate()
        .map(|(i, &(d, v))| {
            let note = match (i, rule.mark(base, v), rule) {
                (0, _, _) | (_, Mark::Plain, _) => "",
                (_, Mark::Improved, Rule::LowRisk) => label::KEY_SB_IN.get(lang),
                (_, Mark::Worse, Rule::LowRisk) => label::KEY_SB_OUT.get(lang),
                (_, Mark::Improved, _) => label::KEY_IMPROVED.get(lang),
                (_, Mark::Worse, _) => label::KEY_WORSE.get(lang),
            };
            vec![long_date(d, lang, year), num(v, lang), note.to_owned()]
        })
        .collect();
    Table {
        caption: title.get(lang).to_owned(),
        head: vec![
            label::DATE.get(lang).to_owned(),
            value.get(lang).to_owned(),
            t("Change", "Cambio").get(lang).to_owned(),
        ],
        rows,
    }
}

/// The data of [`pain_chart`] as a table: date, pain, and any important change.
pub fn pain_table(points: &[(Date, f32)], lang: Lang) -> Table {
    series_table(
        label::PAIN_TITLE,
        label::PAIN_AXIS,
        Rule::Mcid(Measure::NrsAverage.mcid()),
        10.0,
        points,
        lang,
    )
}

/// The data of [`score_chart`] as a table: date, score, and any important change.
pub fn score_table(measure: ScoreKind, points: &[(Date, f32)], lang: Lang) -> Table {
    series_table(
        measure.title(),
        measure.axis(),
        measure.rule(),
        measure.max(),
        points,
        lang,
    )
}

/// The data of [`adherence_chart`] as a table: week, done, planned.
pub fn adherence_table(weeks: &[(u16, u8, u8)], lang: Lang) -> Table {
    let mut sorted = weeks.to_vec();
    sorted.sort_by_key(|w| w.0);
    Table {
        caption: label::ADH_TITLE.get(lang).to_owned(),
        head: vec![
            label::WEEK.get(lang).to_owned(),
            label::KEY_DONE.get(lang).to_owned(),
            label::KEY_PLANNED.get(lang).to_owned(),
        ],
        rows: sorted
            .iter()
            .map(|(w, d, p)| vec![w.to_string(), d.to_string(), p.to_string()])
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    /// Every chart kind for one series, in both languages.
    fn all_charts(points: &[(Date, f32)], weeks: &[(u16, u8, u8)]) -> Vec<(String, Lang, String)> {
        let mut out = Vec::new();
        for lang in Lang::ALL {
            for w in Width::ALL {
                out.push((format!("pain {w:?}"), lang, pain_chart(points, w, lang)));
                for k in ScoreKind::ALL {
                    out.push((
                        format!("{k:?} {w:?}"),
                        lang,
                        score_chart(k, points, w, lang),
                    ));
                }
                let adherence = adherence_chart(weeks, w, lang);
                out.push((format!("adherence {w:?}"), lang, adherence));
            }
        }
        out
    }

    /// The four numbers of a chart's `viewBox`.
    fn view_box(root: roxmltree::Node) -> Vec<f64> {
        let vb = root.attribute("viewBox").unwrap().split(' ');
        vb.map(|n| n.parse().unwrap()).collect()
    }

    /// Parses a chart and checks the parts every chart must have; returns (title, desc).
    fn well_formed(svg: &str) -> (String, String) {
        let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(root.attribute("role"), Some("img"));
        assert_eq!(root.attribute("width"), Some("100%"));
        assert_eq!(root.attribute("font-family"), Some("sans-serif"));
        let vb = view_box(root);
        assert!(vb.len() == 4 && vb[2] > 0.0 && vb[3] > 0.0, "{vb:?}");
        let title = root.children().find(|n| n.has_tag_name("title")).unwrap();
        let desc = root.children().find(|n| n.has_tag_name("desc")).unwrap();
        let ids = root.attribute("aria-labelledby").unwrap();
        assert_eq!(title.attribute("id"), Some(ids));
        assert_eq!(desc.attribute("id"), root.attribute("aria-describedby"));
        for bad in ["<script", "href", "url(", "style=", "NaN", "inf"] {
            assert!(!svg.contains(bad), "{bad} in {svg}");
        }
        // Every number in every coordinate is finite and inside the drawing.
        for n in doc.descendants() {
            for a in ["x", "y", "x1", "x2", "y1", "y2", "cx", "cy"] {
                if let Some(v) = n.attribute(a) {
                    let v: f64 = v.parse().unwrap();
                    let limit = if a.starts_with('x') || a == "cx" {
                        vb[2]
                    } else {
                        vb[3]
                    };
                    assert!((0.0..=limit).contains(&v), "{a}={v} outside {vb:?}");
                }
            }
        }
        let text = |n: roxmltree::Node| n.text().unwrap_or("").to_owned();
        (text(title), text(desc))
    }

    fn sample() -> Vec<(Date, f32)> {
        vec![
            (d("2025-03-03"), 6.0),
            (d("2025-03-17"), 5.0),
            (d("2025-03-31"), 3.0),
            (d("2025-04-14"), 2.0),
        ]
    }

    const WEEKS: [(u16, u8, u8); 4] = [(1, 2, 5), (2, 4, 5), (3, 5, 5), (4, 3, 4)];

    #[test]
    fn charts_parse_with_title_and_desc_in_both_languages() {
        for series in [sample(), Vec::new(), vec![(d("2025-03-03"), 4.0)]] {
            let weeks: &[(u16, u8, u8)] = if series.is_empty() { &[] } else { &WEEKS };
            let charts = all_charts(&series, weeks);
            for pair in charts
                .chunks(charts.len() / 2)
                .collect::<Vec<_>>()
                .windows(2)
            {
                for (en, es) in pair[0].iter().zip(pair[1]) {
                    assert_eq!((en.1, es.1), (Lang::En, Lang::Es));
                    let (te, de) = well_formed(&en.2);
                    let (ts, ds) = well_formed(&es.2);
                    assert!(te.len() > 5 && de.len() > 10, "{}: {te} / {de}", en.0);
                    assert!(ts.len() > 5 && ds.len() > 10, "{}: {ts} / {ds}", es.0);
                    assert_ne!(te, ts, "{}: title not translated", en.0);
                    assert_ne!(de, ds, "{}: desc not translated", en.0);
                    assert!(en.2.contains(r#"lang="en""#) && es.2.contains(r#"lang="es""#));
                }
            }
        }
    }

    #[test]
    fn charts_desc_states_the_data() {
        let pts = [(d("2025-03-03"), 6.0), (d("2025-04-14"), 2.0)];
        let (_, en) = well_formed(&pain_chart(&pts, Width::Phone, Lang::En));
        assert!(
            en.contains("Pain went from 6 on 3 March to 2 on 14 April: an important improvement."),
            "{en}"
        );
        let (_, es) = well_formed(&pain_chart(&pts, Width::Phone, Lang::Es));
        assert!(
            es.contains(
                "El dolor pasó de 6 el 3 de marzo a 2 el 14 de abril: una mejora importante."
            ),
            "{es}"
        );
        let odi = [
            (d("2024-12-02"), 42.0),
            (d("2025-01-13"), 46.5),
            (d("2025-02-10"), 30.0),
        ];
        let (_, en) = well_formed(&score_chart(ScoreKind::Odi, &odi, Width::Phone, Lang::En));
        assert!(
            en.contains("from 42 on 2 December 2024 to 30 on 10 February 2025"),
            "{en}"
        );
        assert!(en.contains("10 points or more"), "{en}");
        assert!(en.contains("dashed line at 32"), "{en}");
        let (_, es) = well_formed(&score_chart(ScoreKind::Odi, &odi, Width::Phone, Lang::Es));
        assert!(es.contains("46,5"), "{es}");
        let (_, en) = well_formed(&adherence_chart(&WEEKS, Width::Phone, Lang::En));
        assert!(en.contains("14 done of 19 planned (74%)"), "{en}");
        assert!(en.contains("3 of 4 weeks reached 70%"), "{en}");
        let (_, es) = well_formed(&adherence_chart(&WEEKS, Width::Phone, Lang::Es));
        assert!(es.contains("3 de 4 semanas llegaron al 70%"), "{es}");
    }

    #[test]
    fn charts_empty_series_say_no_entries_yet() {
        for (kind, lang, svg) in all_charts(&[], &[]) {
            let (_, desc) = well_formed(&svg);
            let words = label::NO_ENTRIES.get(lang);
            assert!(desc.contains(words), "{kind}: {desc}");
            assert!(svg.contains(&format!(">{words}</text>")), "{kind}");
        }
        // Only NaN is as good as nothing.
        let nan = [(d("2025-03-03"), f32::NAN)];
        assert!(pain_chart(&nan, Width::Phone, Lang::En).contains("No entries yet"));
    }

    #[test]
    fn charts_bad_values_are_skipped_or_clamped() {
        let pts = [
            (d("2025-03-05"), f32::NAN),
            (d("2025-03-03"), 15.0),
            (d("2025-03-04"), -3.0),
            (d("2025-03-06"), f32::INFINITY),
            (d("2025-03-07"), f32::NEG_INFINITY),
        ];
        for (kind, _, svg) in all_charts(&pts, &[(u16::MAX, 255, 0), (0, 0, 255)]) {
            well_formed(&svg);
            if !kind.starts_with("adherence") {
                let doc = roxmltree::Document::parse(&svg).unwrap();
                let points = doc
                    .descendants()
                    .filter(|n| n.attribute("class").is_some_and(|c| c.starts_with("point")))
                    .count();
                assert_eq!(points, 4, "{kind}: the NaN is skipped");
            }
        }
        let (_, desc) = well_formed(&pain_chart(&pts, Width::Phone, Lang::En));
        assert!(desc.contains("went from 10 on 3 March"), "{desc}");
        assert!(desc.contains("Lowest 0 on 4 March"), "{desc}");
    }

    /// Which mark the second point of a two-point series gets.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Want {
        None,
        Improved,
        Worse,
    }

    /// One row: chart (`None` is pain), first value, second value, the mark wanted.
    type Row = (Option<ScoreKind>, f32, f32, Want);

    fn check(rows: &[Row]) {
        for &(kind, base, value, want) in rows {
            let pts = [(d("2025-03-03"), base), (d("2025-03-31"), value)];
            for lang in Lang::ALL {
                let svg = match kind {
                    None => pain_chart(&pts, Width::Phone, lang),
                    Some(k) => score_chart(k, &pts, Width::Phone, lang),
                };
                let (_, desc) = well_formed(&svg);
                let doc = roxmltree::Document::parse(&svg).unwrap();
                let class = |c: &str| {
                    doc.descendants()
                        .filter(|n| n.attribute("class") == Some(c))
                        .count()
                };
                let got = match (class("point improved"), class("point worse")) {
                    (0, 0) => Want::None,
                    (1, 0) => Want::Improved,
                    (0, 1) => Want::Worse,
                    other => panic!("{kind:?} {base} -> {value}: {other:?}"),
                };
                assert_eq!(got, want, "{kind:?} {base} -> {value}: {desc}");
                // The text alternative says so, with the same words as the legend.
                let said = |t: Text| desc.contains(&format!(": {}.", t.get(lang)));
                let (improved, worse) = match kind {
                    Some(ScoreKind::StartBack) => (label::SB_IN, label::SB_OUT),
                    _ => (label::IMPROVED, label::WORSE),
                };
                assert_eq!(said(improved), want == Want::Improved, "{kind:?} {desc}");
                assert_eq!(said(worse), want == Want::Worse, "{kind:?} {desc}");
            }
        }
    }

    #[test]
    fn charts_mark_important_change_exactly_at_the_mcid() {
        use ScoreKind::*;
        check(&[
            // ODI: 10 points.
            (Some(Odi), 40.0, 30.0, Want::Improved),
            (Some(Odi), 40.0, 31.0, Want::None),
            (Some(Odi), 40.0, 50.0, Want::Worse),
            (Some(Odi), 40.0, 49.0, Want::None),
            (Some(Odi), 10.0, 0.0, Want::Improved),
            (Some(Odi), 95.0, 130.0, Want::None), // clamped to 100
            // RMDQ: 5 points.
            (Some(Rmdq), 12.0, 7.0, Want::Improved),
            (Some(Rmdq), 12.0, 8.0, Want::None),
            (Some(Rmdq), 12.0, 17.0, Want::Worse),
            (Some(Rmdq), 12.0, 16.0, Want::None),
            // Pain: 2 points or 30% down, 2 points up.
            (None, 6.0, 4.0, Want::Improved),
            (None, 6.0, 5.0, Want::None),
            (None, 10.0, 7.0, Want::Improved),
            (None, 3.0, 2.1, Want::Improved), // 30% of 3
            (None, 3.0, 2.2, Want::None),
            (None, 4.0, 6.0, Want::Worse),
            (None, 4.0, 5.0, Want::None),
            (None, 0.0, 1.0, Want::None),
            // STarT Back: entering or leaving the low-risk range (3 or lower).
            (Some(StartBack), 5.0, 3.0, Want::Improved),
            (Some(StartBack), 5.0, 4.0, Want::None),
            (Some(StartBack), 3.0, 4.0, Want::Worse),
            (Some(StartBack), 2.0, 3.0, Want::None),
        ]);
    }

    #[test]
    fn charts_marks_agree_with_the_core_verdict() {
        use backcare_core::instruments::Verdict;
        for (measure, max) in [
            (Measure::NrsNow, 10u8),
            (Measure::Odi, 100),
            (Measure::Rmdq, 24),
        ] {
            let m = measure.mcid();
            for a in 0..=max {
                for b in 0..=max {
                    let want = match m.verdict(a, b) {
                        Verdict::ImportantImprovement => Mark::Improved,
                        Verdict::ImportantWorsening => Mark::Worse,
                        Verdict::NoImportantChange => Mark::Plain,
                    };
                    assert_eq!(
                        Rule::Mcid(m).mark(f32::from(a), f32::from(b)),
                        want,
                        "{measure:?} {a}->{b}"
                    );
                    // The dashed line sits exactly where improvement starts.
                    if let Some(th) = Rule::Mcid(m).threshold(f32::from(a)) {
                        assert_eq!(
                            f64::from(b) <= th + EPS,
                            want == Mark::Improved,
                            "{measure:?} {a}->{b}"
                        );
                    }
                }
            }
        }
    }

    fn tick_xs(svg: &str, class: &str) -> Vec<(f64, String)> {
        let doc = roxmltree::Document::parse(svg).unwrap();
        doc.descendants()
            .filter(|n| n.attribute("class") == Some(class))
            .map(|n| {
                (
                    n.attribute("x").unwrap().parse().unwrap(),
                    n.text().unwrap().to_owned(),
                )
            })
            .collect()
    }

    #[test]
    fn charts_date_labels_never_overlap_from_1_to_365_days() {
        for start in ["2025-01-01", "2024-02-20", "2025-12-20", "2025-06-30"] {
            let start = d(start);
            for days in 0..=365 {
                let pts = [(start, 5.0), (start.add_days(days), 3.0)];
                // Each width in one language, which keeps the 1,464 spans quick.
                for (lang, width) in Lang::ALL.into_iter().zip(Width::ALL) {
                    let svg = pain_chart(&pts, width, lang);
                    let ticks = tick_xs(&svg, "xtick");
                    assert!(ticks.len() >= 2, "{start} + {days}: {ticks:?}");
                    let most = match width {
                        Width::Phone => 6,
                        Width::Wide => 11,
                    };
                    assert!(ticks.len() <= most, "{start} + {days}: {ticks:?}");
                    for w in ticks.windows(2) {
                        assert!(
                            w[1].0 - w[0].0 >= MIN_TICK_GAP,
                            "{start} + {days}: {:?} and {:?} overlap",
                            w[0],
                            w[1]
                        );
                    }
                    for (x, words) in &ticks {
                        let half = text_w(words, FONT) / 2.0;
                        assert!(words.len() <= 6, "{words}");
                        assert!(
                            *x - half >= 0.0 && *x + half <= width.units(),
                            "{words} at {x} is cut off"
                        );
                    }
                }
            }
        }
        assert_eq!(short_date(d("2025-03-03"), Lang::En), "3 Mar");
        assert_eq!(short_date(d("2025-03-03"), Lang::Es), "3 mar");
    }

    /// Each width is a drawing of its own, not the other one scaled: the same font size in
    /// its own units, a wider view box, and more date labels where a long span has room.
    #[test]
    fn charts_are_redrawn_for_each_width() {
        let pts: Vec<(Date, f32)> = (0..90)
            .map(|i| (d("2026-01-05").add_days(i), 5.0))
            .collect();
        let [phone, wide] = Width::ALL.map(|w| pain_chart(&pts, w, Lang::En));
        let view = |svg: &str| {
            let doc = roxmltree::Document::parse(svg).unwrap();
            let root = doc.root_element();
            let vb = view_box(root);
            (
                vb[2],
                root.attribute("font-size").unwrap().to_owned(),
                root.attribute("class").unwrap().to_owned(),
            )
        };
        let (p, w) = (view(&phone), view(&wide));
        assert!(w.0 > 1.5 * p.0, "{p:?} {w:?}");
        assert_eq!(p.1, w.1, "the same text size in both");
        assert!(p.2.ends_with("chart-phone") && w.2.ends_with("chart-wide"));
        assert!(tick_xs(&wide, "xtick").len() > tick_xs(&phone, "xtick").len());
        // Two drawings of one chart on one page never share an id.
        let id = |svg: &str| {
            svg[svg.find("aria-labelledby=").unwrap()..]
                .split('"')
                .nth(1)
                .unwrap()
                .to_owned()
        };
        assert_ne!(id(&phone), id(&wide));
    }

    /// Charts drawn over one span share their dates: the same tick labels at the same
    /// places, and an entry on one day at the same x in each; without the span, a short
    /// series gets an axis of its own.
    #[test]
    fn charts_over_one_span_share_their_dates() {
        let pain: Vec<(Date, f32)> = (0..40)
            .map(|i| (d("2026-10-01").add_days(i), 5.0))
            .collect();
        let odi = [(d("2026-10-20"), 40.0), (d("2026-11-03"), 28.0)];
        let span = Span::of([pain.as_slice(), odi.as_slice()]).unwrap();
        assert_eq!((span.first, span.last), (d("2026-10-01"), d("2026-11-09")));
        for lang in Lang::ALL {
            let p = pain_chart_over(&pain, Some(span), Width::Phone, lang);
            let o = score_chart_over(ScoreKind::Odi, &odi, Some(span), Width::Phone, lang);
            assert_eq!(tick_xs(&p, "xtick"), tick_xs(&o, "xtick"));
            let x_of = |svg: &str, class: &str| -> f64 {
                let doc = roxmltree::Document::parse(svg).unwrap();
                doc.descendants()
                    .filter(|n| n.attribute("class").is_some_and(|c| c.starts_with(class)))
                    .filter_map(|n| n.attribute("cx").or(n.attribute("points")))
                    .map(|a| a.split([',', ' ']).next().unwrap().parse::<f64>().unwrap())
                    .next()
                    .unwrap()
            };
            // The ODI's first entry (20 October) sits where the pain line's 20th day does.
            let pain_20 = pain_chart_over(&pain[19..20], Some(span), Width::Phone, lang);
            assert!((x_of(&o, "point") - x_of(&pain_20, "point")).abs() < 0.05);
            let alone = score_chart(ScoreKind::Odi, &odi, Width::Phone, lang);
            assert_ne!(tick_xs(&alone, "xtick"), tick_xs(&o, "xtick"));
        }
        assert_eq!(Span::of([[(d("2026-10-01"), f32::NAN)].as_slice()]), None);
    }

    #[test]
    fn charts_week_labels_never_overlap() {
        for n in [1u16, 4, 12, 26, 52, 104, 500] {
            let weeks: Vec<(u16, u8, u8)> = (1..=n).map(|w| (w, 3, 5)).collect();
            for width in Width::ALL {
                let ticks = tick_xs(&adherence_chart(&weeks, width, Lang::En), "xtick");
                assert!(!ticks.is_empty());
                for w in ticks.windows(2) {
                    let need = (text_w(&w[0].1, FONT) + text_w(&w[1].1, FONT)) / 2.0 + 4.0;
                    assert!(w[1].0 - w[0].0 >= need, "{n} weeks {width:?}: {w:?}");
                }
            }
        }
    }

    #[test]
    fn charts_gaps_in_data_are_gaps_in_the_line() {
        let lines = |pts: &[(Date, f32)]| {
            let svg = pain_chart(pts, Width::Phone, Lang::En);
            svg.matches(r#"class="series""#).count()
        };
        let start = d("2025-03-01");
        let daily: Vec<(Date, f32)> = (0..14).map(|i| (start.add_days(i), 5.0)).collect();
        assert_eq!(lines(&daily), 1);
        let mut missing = daily.clone();
        missing.drain(5..8);
        assert_eq!(lines(&missing), 2);
        assert!(pain_chart(&missing, Width::Phone, Lang::En).contains("Gaps in the line"));
        let weekly: Vec<(Date, f32)> = (0..10).map(|i| (start.add_days(7 * i), 5.0)).collect();
        assert_eq!(lines(&weekly), 1);
        let mut missing = weekly.clone();
        missing.remove(4);
        assert_eq!(lines(&missing), 2);
        // Scores come weeks apart and are always joined.
        let scores = [
            (start, 30.0),
            (start.add_days(14), 28.0),
            (start.add_days(60), 20.0),
        ];
        let svg = score_chart(ScoreKind::Odi, &scores, Width::Phone, Lang::En);
        assert_eq!(svg.matches(r#"class="series""#).count(), 1);
    }

    #[test]
    fn charts_adherence_marks_the_70_percent_line() {
        let svg = adherence_chart(
            &[(1, 2, 10), (2, 7, 10), (4, 0, 0), (5, 3, 3)],
            Width::Phone,
            Lang::En,
        );
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let targets: Vec<_> = doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("target"))
            .collect();
        // Weeks 1-2 are one run; week 5 is apart (week 3 missing, week 4 planned nothing).
        assert_eq!(targets.len(), 2);
        let ys: Vec<f64> = targets[0]
            .attribute("points")
            .unwrap()
            .split([' ', ','])
            .skip(1)
            .step_by(2)
            .map(|v| v.parse().unwrap())
            .collect();
        let seven = BOTTOM - 7.0 / 10.0 * PLOT_H;
        assert!(ys.iter().all(|y| (y - seven).abs() < 0.06), "{ys:?}");
        let (_, desc) = well_formed(&svg);
        assert!(desc.contains("2 of 3 weeks reached 70%"), "{desc}");
        assert!(desc.contains("weeks 1 to 5"), "{desc}");
    }

    fn luminance(hex: &str) -> f64 {
        let c = |i: usize| {
            let v = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * c(1) + 0.7152 * c(3) + 0.0722 * c(5)
    }

    fn contrast(a: f64, b: f64) -> f64 {
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    #[test]
    fn charts_colours_have_contrast_and_differ_in_greyscale() {
        for c in [INK, TEXT, AXIS, GOOD, BAD, TARGET] {
            assert!(contrast(luminance(c), 1.0) >= 4.5, "{c} on white");
        }
        // The line, the improvement and the worsening marks differ in lightness too.
        for (a, b) in [(INK, BAD), (BAD, GOOD), (INK, GOOD)] {
            assert!(
                contrast(luminance(a), luminance(b)) >= 1.5,
                "{a} vs {b} in greyscale"
            );
        }
    }

    #[test]
    fn charts_tables_hold_the_same_data() {
        let tab = pain_table(&sample(), Lang::Es);
        assert_eq!(tab.rows.len(), 4);
        assert_eq!(tab.rows[3], vec!["14 de abril", "2", "Mejora importante"]);
        let html = tab.html("visually-hidden");
        assert!(roxmltree::Document::parse(&html).is_ok(), "{html}");
        assert!(html.starts_with(r#"<table class="visually-hidden"><caption>Dolor"#));
        assert_eq!(score_table(ScoreKind::Rmdq, &[], Lang::En).rows.len(), 0);
        assert_eq!(
            adherence_table(&WEEKS, Lang::En).rows[0],
            vec!["1", "2", "5"]
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn charts_any_series_is_well_formed_xml(
            series in proptest::collection::vec((-40_000i64..400_000, proptest::num::f32::ANY), 0..80),
            weeks in proptest::collection::vec((any::<u16>(), any::<u8>(), any::<u8>()), 0..30),
            dense in proptest::collection::vec((0i64..400, -2.0f32..12.0), 0..400),
        ) {
            let start = d("1990-01-01");
            let pts: Vec<(Date, f32)> = series.iter().map(|&(k, v)| (start.add_days(k), v)).collect();
            for (_, _, svg) in all_charts(&pts, &weeks) {
                well_formed(&svg);
            }
            let pts: Vec<(Date, f32)> = dense.iter().map(|&(k, v)| (d("2025-01-01").add_days(k), v)).collect();
            for (_, _, svg) in all_charts(&pts, &weeks) {
                well_formed(&svg);
            }
        }
    }

    /// `BACKCARE_CHARTS_OUT=dir cargo test -p backcare-content charts_write` writes sample
    /// charts as SVG there, for looking at (`rsvg-convert -w 360`).
    #[test]
    fn charts_write_svgs_for_review() {
        let Ok(dir) = std::env::var("BACKCARE_CHARTS_OUT") else {
            return;
        };
        std::fs::create_dir_all(&dir).unwrap();
        let start = d("2025-03-03");
        let daily: Vec<(Date, f32)> = (0..42)
            .filter(|i| !(17..21).contains(i))
            .map(|i| {
                let v = 6.5 - i as f32 * 0.1 + ((i * 7 % 5) as f32 - 2.0) * 0.5;
                (start.add_days(i), v)
            })
            .collect();
        let year: Vec<(Date, f32)> = (0..52)
            .map(|i| {
                (
                    start.add_days(7 * i),
                    7.0 - (i as f32 / 8.0) + ((i % 3) as f32),
                )
            })
            .collect();
        let every_day: Vec<(Date, f32)> = (0..365)
            .map(|i| {
                (
                    start.add_days(i),
                    7.0 - i as f32 / 70.0 + ((i * 13 % 7) as f32 - 3.0) * 0.4,
                )
            })
            .collect();
        let odi = [
            (start, 42.0),
            (start.add_days(21), 38.0),
            (start.add_days(49), 30.0),
            (start.add_days(77), 26.0),
            (start.add_days(105), 44.0),
        ];
        let rmdq = [
            (start, 14.0),
            (start.add_days(28), 9.0),
            (start.add_days(56), 6.0),
        ];
        let sb = [
            (start, 6.0),
            (start.add_days(28), 4.0),
            (start.add_days(56), 2.0),
        ];
        let weeks: Vec<(u16, u8, u8)> = vec![
            (1, 2, 5),
            (2, 4, 5),
            (3, 5, 5),
            (4, 3, 5),
            (5, 6, 6),
            (6, 4, 6),
            (8, 5, 6),
        ];
        for (lang, width) in Lang::ALL
            .into_iter()
            .flat_map(|l| Width::ALL.map(|w| (l, w)))
        {
            let c = format!("{}.{}", width.code(), lang.code());
            let files = [
                ("pain-daily", pain_chart(&daily, width, lang)),
                ("pain-year", pain_chart(&year, width, lang)),
                ("pain-365-days", pain_chart(&every_day, width, lang)),
                ("pain-one", pain_chart(&daily[..1], width, lang)),
                ("odi", score_chart(ScoreKind::Odi, &odi, width, lang)),
                ("rmdq", score_chart(ScoreKind::Rmdq, &rmdq, width, lang)),
                (
                    "start-back",
                    score_chart(ScoreKind::StartBack, &sb, width, lang),
                ),
                ("adherence", adherence_chart(&weeks, width, lang)),
                ("empty", pain_chart(&[], width, lang)),
            ];
            for (name, svg) in files {
                std::fs::write(format!("{dir}/{name}.{c}.svg"), svg).unwrap();
            }
        }
    }
}
