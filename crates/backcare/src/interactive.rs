//! Asking the intake questions in the terminal.
//!
//! The questions themselves are data in `backcare_core::questions` (clinical questions)
//! and `backcare_core::instruments::prompts` (STarT Back, and optionally ODI and RMDQ).
//! This module only shows them and reads answers, in one of two modes:
//!
//! - **Keys** (standard input is a terminal): one question per screen; arrow keys and
//!   Enter, or a number key to choose at once; `b`/Backspace/Left to go back, `s` to skip,
//!   `q`/Esc/Ctrl-C to quit.
//! - **Lines** (standard input is a pipe or file): each question is printed to standard
//!   error with numbered options and one line is read per question (a number, `b`, `s`,
//!   `q`, or an empty line to skip). At the end of input the remaining questions are left
//!   unanswered. Standard output stays clean for the result.
//!
//! After every answer the partial intake is assessed; at an emergency the questions stop
//! at once and the caller prints the advice.

use std::io::{self, BufRead, IsTerminal};

use backcare_core::instruments::prompts::{self, Instrument, Item, Wording};
use backcare_core::questions::{self, AnswerValue, Kind, Question};
use backcare_core::triage::{Level, open};
use backcare_core::{Intake, Lang, Text, assess};
use console::{Key, Style, Term, measure_text_width};

/// Interface text, in English and Spanish.
mod ui {
    use backcare_core::lang::{Text, t};

    pub const QUESTION_OF: Text = t("Question {n} of {m}", "Pregunta {n} de {m}");
    pub const KEYS_CHOICE: Text = t(
        "↑↓ move · 1-{n} or Enter choose · b back · s skip · q quit",
        "↑↓ mover · 1-{n} o Intro elegir · b atrás · s saltar · q salir",
    );
    pub const KEYS_MULTI: Text = t(
        "↑↓ move · Space or 1-{n} tick · Enter done · b back · s skip · q quit",
        "↑↓ mover · Espacio o 1-{n} marcar · Intro listo · b atrás · s saltar · q salir",
    );
    pub const KEYS_NUMBER: Text = t(
        "0-9 type · Enter confirm · Backspace delete · b back · s skip · q quit",
        "0-9 escribir · Intro confirmar · Retroceso borrar · b atrás · s saltar · q salir",
    );
    pub const LINE_CHOICE: Text = t(
        "Type a number, then Enter (b = back, s or empty = skip, q = quit): ",
        "Escriba un número y pulse Intro (b = atrás, s o vacío = saltar, q = salir): ",
    );
    pub const LINE_MULTI: Text = t(
        "Type one or more numbers, like 1 3 (b = back, s or empty = skip, q = quit): ",
        "Escriba uno o más números, como 1 3 (b = atrás, s o vacío = saltar, q = salir): ",
    );
    pub const LINE_NUMBER: Text = t(
        "Type a number from {min} to {max} (b = back, s or empty = skip, q = quit): ",
        "Escriba un número de {min} a {max} (b = atrás, s o vacío = saltar, q = salir): ",
    );
    pub const RANGE: Text = t(
        "Please type a number from {min} to {max}.",
        "Escriba un número de {min} a {max}, por favor.",
    );
    pub const NOT_NUMBER: Text = t(
        "\"{x}\" is not a number. Please type a whole number from {min} to {max}.",
        "\"{x}\" no es un número. Escriba un número entero de {min} a {max}, por favor.",
    );
    pub const NO_OPTION: Text = t(
        "There is no option {x}. Please choose from 1 to {n}.",
        "No hay opción {x}. Elija de 1 a {n}, por favor.",
    );
    pub const FIRST: Text = t(
        "This is the first question; there is nothing to go back to.",
        "Esta es la primera pregunta; no se puede volver atrás.",
    );
    pub const TYPE_OR_SKIP: Text = t(
        "Type a number, or press s to skip.",
        "Escriba un número, o pulse s para saltar.",
    );
    pub const YOUR_ANSWER: Text = t("your answer", "su respuesta");
    pub const QUIT: Text = t(
        "You stopped before the end. Nothing was saved and no result was given.\nIf you are worried about your back, or it gets worse, contact a doctor.",
        "Ha parado antes del final. No se ha guardado nada ni se ha dado un resultado.\nSi le preocupa su espalda, o empeora, contacte con un médico.",
    );
    pub const END_OF_INPUT: Text = t(
        "End of input: the remaining questions are left unanswered.",
        "Fin de la entrada: las preguntas que faltan quedan sin responder.",
    );
    pub const INTRO: Text = t(
        "backcare will ask you some questions about your back pain. It takes about 10 minutes.",
        "backcare le hará unas preguntas sobre su dolor de espalda. Se tarda unos 10 minutos.",
    );
    pub const DAILY_LIFE: Text = t("How the pain affects you", "Cómo le afecta el dolor");
    pub const MORE: Text = t(
        "Would you like to answer {n} more questions about how pain affects your daily life?",
        "¿Quiere responder {n} preguntas más sobre cómo afecta el dolor a su vida diaria?",
    );
    pub const MORE_HELP: Text = t(
        "They help you and your clinician see how much the pain gets in the way, and track it over time.",
        "Ayudan a usted y a su profesional sanitario a ver cuánto le limita el dolor y a seguirlo con el tiempo.",
    );
    pub const FOLLOW_UP: Text = t(
        "Would you like to answer the {n} safety questions that were skipped or not sure now? The result may change.",
        "¿Quiere contestar ahora las {n} preguntas de seguridad que no contestó o de las que no estaba seguro? El resultado puede cambiar.",
    );
    pub const FOLLOW_UP_KEYS: Text = t(
        "Press 1 for yes, 2 for no: ",
        "Pulse 1 para sí, 2 para no: ",
    );
    pub const RESULT_STANDS: Text = t(
        "You stopped. The result above still applies.",
        "Ha parado. El resultado de arriba sigue siendo válido.",
    );
    pub const YES: Text = t("Yes", "Sí");
    pub const NO: Text = t("No, thank you", "No, gracias");
}

/// Asks every question in `lang`, stopping early at an emergency answer.
///
/// Licensed instrument wording from `wording` is shown instead of backcare's own
/// prompts where it is given. Returns `None` when the person quits (a message has been
/// shown); otherwise the intake, possibly partial, with `language` set to `lang`.
pub fn run(lang: Lang, wording: Option<&Wording>) -> anyhow::Result<Option<Intake>> {
    with_ui(lang, |ui| Session::new(lang, wording).run(ui))
}

/// After the summary: when unanswered safety questions made the result more urgent,
/// offers to answer just those, and asks them (each skip is then accepted).
///
/// Returns the intake with the new answers, or `None` when nothing was offered, the
/// person said no, or quit.
pub fn follow_up(intake: &Intake, wording: Option<&Wording>) -> anyhow::Result<Option<Intake>> {
    let lang = intake.language;
    let open = open::open(intake, &assess(intake).triage);
    if !open.raised || open.questions.is_empty() {
        return Ok(None);
    }
    let offer = ui::FOLLOW_UP.fill(lang, &[("n", &open.questions.len())]);
    with_ui(lang, |ui| {
        if !ui.offer(&offer)? {
            return Ok(None);
        }
        Session::only(intake.clone(), wording, &open.questions).run(ui)
    })
}

/// Runs `f` with the terminal's interface: keys on a terminal, lines on a pipe.
fn with_ui(
    lang: Lang,
    f: impl FnOnce(&mut dyn Ui) -> io::Result<Option<Intake>>,
) -> anyhow::Result<Option<Intake>> {
    let keys =
        io::stdin().is_terminal() && (io::stdout().is_terminal() || io::stderr().is_terminal());
    if keys {
        let term = if io::stdout().is_terminal() {
            Term::stdout()
        } else {
            Term::stderr()
        };
        let color = console::colors_enabled()
            && (io::stdout().is_terminal() || console::colors_enabled_stderr());
        let mut ui = KeyUi { term, lang, color };
        let _cursor = CursorGuard(ui.term.clone());
        Ok(f(&mut ui)?)
    } else {
        let color = console::colors_enabled_stderr() && console::colors_enabled();
        let mut ui = LineUi {
            term: Term::stderr(),
            input: io::stdin().lock(),
            lang,
            color,
        };
        Ok(f(&mut ui)?)
    }
}

// ---- The flow: which question comes next, answers, going back ----

/// One screen of the questionnaire.
#[derive(Clone, Copy)]
enum Step {
    Question(&'static Question),
    /// "Would you like to answer N more questions?" before an optional instrument.
    OptIn(Instrument),
    Item(&'static Item),
}

/// What the person did on one screen.
enum Nav<T> {
    Answer(T),
    Skip,
    Back,
    Quit,
    /// Line mode only: standard input ended.
    EndOfInput,
}

/// What a screen shows above its options.
struct Screen {
    section: String,
    position: usize,
    total: usize,
    prompt: String,
    help: Option<String>,
    /// A message from the last key press (for example "nothing to go back to").
    flash: Option<String>,
    /// A welcome line, on the first screen only.
    intro: Option<String>,
}

struct Session<'w> {
    lang: Lang,
    wording: Option<&'w Wording>,
    intake: Intake,
    steps: Vec<Step>,
    /// Opt-in answers, by instrument (`None` = not asked yet or skipped).
    opt_in: Vec<(Instrument, bool)>,
    /// Instrument answers by step index: the index of the chosen option.
    items: std::collections::BTreeMap<usize, usize>,
    /// Whether a skipped safety question is asked once more, at the time.
    reask: bool,
    /// The steps already asked once more: a second skip is accepted.
    reasked: std::collections::BTreeSet<usize>,
    /// What to say when the person quits.
    quit: Text,
    /// A welcome line for the first screen.
    intro: Option<Text>,
}

impl<'w> Session<'w> {
    fn new(lang: Lang, wording: Option<&'w Wording>) -> Self {
        let mut steps: Vec<Step> = questions::questions().iter().map(Step::Question).collect();
        steps.extend(prompts::items(Instrument::StartBack).iter().map(Step::Item));
        for optional in [Instrument::Odi, Instrument::Rmdq] {
            steps.push(Step::OptIn(optional));
            steps.extend(prompts::items(optional).iter().map(Step::Item));
        }
        Session {
            lang,
            wording,
            intake: Intake {
                language: lang,
                ..Intake::default()
            },
            steps,
            opt_in: Vec::new(),
            items: Default::default(),
            reask: true,
            reasked: Default::default(),
            quit: ui::QUIT,
            intro: Some(ui::INTRO),
        }
    }

    /// Only the questions `ids`, to change `intake`; no instruments. A skip is accepted at
    /// once: these were skipped twice already.
    fn only(intake: Intake, wording: Option<&'w Wording>, ids: &[&str]) -> Self {
        let steps = questions::questions()
            .iter()
            .filter(|q| ids.contains(&q.id))
            .map(Step::Question)
            .collect();
        Session {
            lang: intake.language,
            wording,
            intake,
            steps,
            opt_in: Vec::new(),
            items: Default::default(),
            reask: false,
            reasked: Default::default(),
            quit: ui::RESULT_STANDS,
            intro: None,
        }
    }

    fn opted_in(&self, instrument: Instrument) -> bool {
        self.opt_in.iter().any(|&(i, yes)| i == instrument && yes)
    }

    fn visible(&self, step: Step) -> bool {
        match step {
            Step::Question(q) => q.applies(&self.intake),
            Step::OptIn(_) => true,
            Step::Item(item) => match item.instrument {
                Instrument::StartBack => true,
                other => self.opted_in(other),
            },
        }
    }

    fn next_visible(&self, from: usize) -> Option<usize> {
        (from..self.steps.len()).find(|&i| self.visible(self.steps[i]))
    }

    /// Rewrites the instrument answers from `self.items`, so that skipping or changing
    /// an answer, or opting out, leaves no stale value behind.
    fn rebuild_instruments(&mut self) -> anyhow::Result<()> {
        self.intake.start_back = None;
        self.intake.odi = None;
        self.intake.rmdq = None;
        for (&step, &choice) in &self.items {
            let Step::Item(item) = self.steps[step] else {
                continue;
            };
            if self.visible(Step::Item(item)) {
                prompts::apply(&mut self.intake, item, item.choices[choice].value)
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
            }
        }
        Ok(())
    }

    fn is_emergency(&self) -> bool {
        assess(&self.intake).triage.level == Level::Emergency
    }

    fn run(mut self, ui: &mut dyn Ui) -> io::Result<Option<Intake>> {
        let mut history: Vec<usize> = Vec::new();
        let mut current = self.next_visible(0);
        let mut flash = None;
        while let Some(index) = current {
            let mut screen = self.screen(index, flash.take());
            if history.is_empty() {
                screen.intro = self.intro.map(|t| t.get(self.lang).to_owned());
            }
            let nav = self.ask(ui, index, screen)?;
            let answered = match nav {
                Nav::Quit => {
                    ui.quit(self.quit.get(self.lang))?;
                    return Ok(None);
                }
                Nav::EndOfInput => {
                    ui.note(ui::END_OF_INPUT.get(self.lang))?;
                    break;
                }
                Nav::Back => {
                    match history.pop() {
                        Some(previous) => current = Some(previous),
                        None => flash = Some(ui::FIRST.get(self.lang).to_owned()),
                    }
                    continue;
                }
                Nav::Skip if self.ask_again(index) => {
                    if let Step::Question(q) = self.steps[index] {
                        flash = Some(open::ask_again(q).get(self.lang).to_owned());
                    }
                    continue;
                }
                Nav::Skip => None,
                Nav::Answer(a) => Some(a),
            };
            self.record(index, answered).map_err(io::Error::other)?;
            if self.is_emergency() {
                ui.finish()?;
                return Ok(Some(self.intake));
            }
            history.push(index);
            current = self.next_visible(index + 1);
        }
        questions::clear_unasked(&mut self.intake);
        // A session of a few clinical questions leaves the instrument answers as they are.
        if self.steps.iter().any(|s| matches!(s, Step::Item(_))) {
            self.rebuild_instruments().map_err(io::Error::other)?;
        }
        ui.finish()?;
        Ok(Some(self.intake))
    }

    /// Whether a skip of the step at `index` is met by asking once more: a safety
    /// question skipped for the first time. A skip can make a simple case urgent, so it
    /// should be a choice, not a slip; the second skip is accepted as "not answered".
    fn ask_again(&mut self, index: usize) -> bool {
        let Step::Question(q) = self.steps[index] else {
            return false;
        };
        self.reask && q.is_safety() && self.reasked.insert(index)
    }

    /// Stores an answer (`None` = skipped) for the step at `index`.
    fn record(&mut self, index: usize, answer: Option<Answer>) -> anyhow::Result<()> {
        match (self.steps[index], answer) {
            (Step::Question(q), None) => questions::clear(&mut self.intake, q),
            (Step::Question(q), Some(answer)) => {
                let choices = q.kind.choices();
                let value = match answer {
                    Answer::One(i) => AnswerValue::choice(choices[i].value),
                    Answer::Many(is) => AnswerValue::Multi(
                        is.iter().map(|&i| choices[i].value.to_owned()).collect(),
                    ),
                    Answer::Number(n) => AnswerValue::Number(n),
                };
                questions::apply(&mut self.intake, q, &value)?;
            }
            (Step::OptIn(instrument), answer) => {
                self.opt_in.retain(|&(i, _)| i != instrument);
                let yes = matches!(answer, Some(Answer::One(0)));
                self.opt_in.push((instrument, yes));
                self.rebuild_instruments()?;
            }
            (Step::Item(_), answer) => {
                match answer {
                    Some(Answer::One(i)) => self.items.insert(index, i),
                    _ => self.items.remove(&index),
                };
                self.rebuild_instruments()?;
            }
        }
        Ok(())
    }

    fn screen(&self, index: usize, flash: Option<String>) -> Screen {
        let lang = self.lang;
        let visible: Vec<usize> = (0..self.steps.len())
            .filter(|&i| self.visible(self.steps[i]))
            .collect();
        let position = visible.iter().filter(|&&i| i <= index).count();
        let total = visible.len();
        let (section, prompt, help) = match self.steps[index] {
            Step::Question(q) => (
                q.section.title().get(lang).to_owned(),
                q.prompt.get(lang).to_owned(),
                q.help.map(|h| h.get(lang).to_owned()),
            ),
            Step::OptIn(instrument) => (
                ui::DAILY_LIFE.get(lang).to_owned(),
                ui::MORE.fill(lang, &[("n", &prompts::items(instrument).len())]),
                Some(ui::MORE_HELP.get(lang).to_owned()),
            ),
            Step::Item(item) => {
                let (prompt, _) = prompts::render(item, lang, self.wording);
                // How to answer, and whose wording this is, before each instrument's items.
                let intro = (item.number() == 1).then(|| {
                    let i = item.instrument;
                    match self.wording {
                        Some(w) => format!("{}\n{}", w.instructions(i, lang), w.notice(i, lang)),
                        None => format!(
                            "{}\n{}",
                            prompts::instructions(i).get(lang),
                            prompts::notice(i).get(lang)
                        ),
                    }
                });
                let section = ui::DAILY_LIFE.get(lang).to_owned();
                return Screen {
                    section,
                    position,
                    total,
                    prompt: prompt.to_owned(),
                    help: None,
                    flash,
                    intro,
                };
            }
        };
        Screen {
            section,
            position,
            total,
            prompt,
            help,
            flash,
            intro: None,
        }
    }

    fn ask(&self, ui: &mut dyn Ui, index: usize, screen: Screen) -> io::Result<Nav<Answer>> {
        let lang = self.lang;
        Ok(match self.steps[index] {
            Step::Question(q) => {
                let current = questions::current(&self.intake, q);
                let labels: Vec<&str> =
                    q.kind.choices().iter().map(|c| c.label.get(lang)).collect();
                let position = |v: &str| q.kind.choices().iter().position(|c| c.value == v);
                match q.kind {
                    Kind::YesNo | Kind::Choice(_) => {
                        let default = match &current {
                            Some(AnswerValue::Choice(v)) => position(v),
                            _ => None,
                        };
                        ui.choose(&screen, &labels, default)?.map(Answer::One)
                    }
                    Kind::Multi(_) => {
                        let mut ticked = vec![false; labels.len()];
                        if let Some(AnswerValue::Multi(vs)) = &current {
                            vs.iter()
                                .filter_map(|v| position(v))
                                .for_each(|i| ticked[i] = true);
                        }
                        ui.choose_many(&screen, &labels, &ticked)?.map(Answer::Many)
                    }
                    Kind::Number { min, max, unit } => {
                        let default = match current {
                            Some(AnswerValue::Number(n)) => Some(n),
                            _ => None,
                        };
                        ui.number(&screen, (min, max), unit.get(lang), default)?
                            .map(Answer::Number)
                    }
                }
            }
            Step::OptIn(instrument) => {
                let default = self
                    .opt_in
                    .iter()
                    .find(|(i, _)| *i == instrument)
                    .map(|&(_, yes)| if yes { 0 } else { 1 });
                let labels = [ui::YES.get(lang), ui::NO.get(lang)];
                ui.choose(&screen, &labels, default)?.map(Answer::One)
            }
            Step::Item(item) => {
                let (_, labels) = prompts::render(item, lang, self.wording);
                let default = self.items.get(&index).copied();
                ui.choose(&screen, &labels, default)?.map(Answer::One)
            }
        })
    }
}

/// An answer as the interface gives it: option indexes or a number.
enum Answer {
    One(usize),
    Many(Vec<usize>),
    Number(i64),
}

impl<T> Nav<T> {
    fn map<U>(self, f: impl FnOnce(T) -> U) -> Nav<U> {
        match self {
            Nav::Answer(a) => Nav::Answer(f(a)),
            Nav::Skip => Nav::Skip,
            Nav::Back => Nav::Back,
            Nav::Quit => Nav::Quit,
            Nav::EndOfInput => Nav::EndOfInput,
        }
    }
}

// ---- The two front ends ----

/// Shows one screen and reads one answer.
trait Ui {
    /// One of `options`; `default` is highlighted first.
    fn choose(
        &mut self,
        screen: &Screen,
        options: &[&str],
        default: Option<usize>,
    ) -> io::Result<Nav<usize>>;
    /// Any of `options`; `ticked` says which start ticked.
    fn choose_many(
        &mut self,
        screen: &Screen,
        options: &[&str],
        ticked: &[bool],
    ) -> io::Result<Nav<Vec<usize>>>;
    /// A whole number in `range` (inclusive).
    fn number(
        &mut self,
        screen: &Screen,
        range: (i64, i64),
        unit: &str,
        default: Option<i64>,
    ) -> io::Result<Nav<i64>>;
    /// A message that stays on screen.
    fn note(&mut self, message: &str) -> io::Result<()>;
    /// The person quit: clear up and say what happened.
    fn quit(&mut self, message: &str) -> io::Result<()>;
    /// The questions are over: leave the screen ready for the result.
    fn finish(&mut self) -> io::Result<()>;
    /// A yes/no offer below what is on screen (which stays): true for yes.
    fn offer(&mut self, text: &str) -> io::Result<bool>;
}

fn style(color: bool, s: Style) -> Style {
    s.force_styling(color)
}

/// Greedy word wrap to `width` columns, each line starting with `indent`.
pub(crate) fn wrap(text: &str, width: usize, indent: &str) -> Vec<String> {
    let width = width.saturating_sub(indent.len()).max(20);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && measure_text_width(&line) + 1 + measure_text_width(word) > width
            {
                lines.push(format!("{indent}{line}"));
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(format!("{indent}{line}"));
    }
    lines
}

/// Shows the cursor again however the questions end.
struct CursorGuard(Term);

impl Drop for CursorGuard {
    fn drop(&mut self) {
        let _ = self.0.show_cursor();
    }
}

/// Full-screen, one key at a time.
struct KeyUi {
    term: Term,
    lang: Lang,
    color: bool,
}

/// What a key means on any screen.
enum Command {
    Up,
    Down,
    Enter,
    Space,
    Digit(u32),
    Back,
    Skip,
    Quit,
    Delete,
    Other,
}

fn command(key: &Key) -> Command {
    match key {
        Key::ArrowUp | Key::Char('k') => Command::Up,
        Key::ArrowDown | Key::Char('j') | Key::Tab => Command::Down,
        Key::Enter => Command::Enter,
        Key::Char(' ') => Command::Space,
        Key::Char(c) if c.is_ascii_digit() => Command::Digit(c.to_digit(10).unwrap_or(0)),
        Key::Char('b' | 'B') | Key::ArrowLeft => Command::Back,
        Key::Backspace => Command::Delete,
        Key::Char('s' | 'S') => Command::Skip,
        Key::Char('q' | 'Q' | '\x04') | Key::Escape | Key::CtrlC => Command::Quit,
        _ => Command::Other,
    }
}

impl KeyUi {
    fn width(&self) -> usize {
        usize::from(self.term.size().1).clamp(40, 88)
    }

    fn paint(&self, s: Style) -> Style {
        style(self.color, s)
    }

    /// The header, prompt and help of a screen.
    fn frame(&self, screen: &Screen) -> String {
        let lang = self.lang;
        let width = self.width();
        let mut out = String::new();
        let left = format!(" backcare · {}", screen.section);
        let right = ui::QUESTION_OF.fill(lang, &[("n", &screen.position), ("m", &screen.total)]);
        let gap = width
            .saturating_sub(measure_text_width(&left) + measure_text_width(&right) + 1)
            .max(2);
        out.push_str(&format!(
            "{}{}{}\n",
            self.paint(Style::new().bold().cyan()).apply_to(&left),
            " ".repeat(gap),
            self.paint(Style::new().dim()).apply_to(&right)
        ));
        let bar = width - 2;
        let done = (bar * screen.position.saturating_sub(1)) / screen.total.max(1);
        out.push_str(&format!(
            " {}{}\n\n",
            self.paint(Style::new().cyan()).apply_to("━".repeat(done)),
            self.paint(Style::new().dim())
                .apply_to("─".repeat(bar - done))
        ));
        if let Some(intro) = &screen.intro {
            for line in wrap(intro, width, "  ") {
                out.push_str(&format!("{line}\n"));
            }
            out.push('\n');
        }
        for line in wrap(&screen.prompt, width, "  ") {
            out.push_str(&format!(
                "{}\n",
                self.paint(Style::new().bold()).apply_to(line)
            ));
        }
        if let Some(help) = &screen.help {
            for line in wrap(help, width, "  ") {
                out.push_str(&format!(
                    "{}\n",
                    self.paint(Style::new().dim().italic()).apply_to(line)
                ));
            }
        }
        out.push('\n');
        out
    }

    fn footer(&self, out: &mut String, keys: &str, flash: Option<&str>) {
        out.push('\n');
        if let Some(flash) = flash {
            for line in wrap(flash, self.width(), "  ") {
                out.push_str(&format!(
                    "{}\n",
                    self.paint(Style::new().yellow()).apply_to(line)
                ));
            }
        }
        out.push_str(&format!(
            "  {}\n",
            self.paint(Style::new().dim()).apply_to(keys)
        ));
    }

    fn draw(&self, text: &str) -> io::Result<()> {
        self.term.clear_screen()?;
        self.term.write_str(text)
    }

    fn option_line(
        &self,
        out: &mut String,
        n: usize,
        label: &str,
        at: bool,
        mark: &str,
        given: bool,
    ) {
        let pointer = if at { "›" } else { " " };
        let given = if given {
            format!(
                "  {}",
                self.paint(Style::new().dim())
                    .apply_to(format!("({})", ui::YOUR_ANSWER.get(self.lang)))
            )
        } else {
            String::new()
        };
        let text = format!("{pointer} {n}  {mark}{label}");
        let styled = if at {
            self.paint(Style::new().cyan().bold()).apply_to(text)
        } else {
            self.paint(Style::new()).apply_to(text)
        };
        out.push_str(&format!("  {styled}{given}\n"));
    }
}

impl Ui for KeyUi {
    fn choose(
        &mut self,
        screen: &Screen,
        options: &[&str],
        default: Option<usize>,
    ) -> io::Result<Nav<usize>> {
        self.term.hide_cursor()?;
        let n = options.len();
        let mut at = default.unwrap_or(0);
        let mut flash = screen.flash.clone();
        let keys = ui::KEYS_CHOICE.fill(self.lang, &[("n", &n)]);
        loop {
            let mut out = self.frame(screen);
            for (i, label) in options.iter().enumerate() {
                self.option_line(&mut out, i + 1, label, i == at, "", Some(i) == default);
            }
            self.footer(&mut out, &keys, flash.as_deref());
            self.draw(&out)?;
            flash = None;
            match command(&self.term.read_key_raw()?) {
                Command::Up => at = (at + n - 1) % n,
                Command::Down | Command::Space => at = (at + 1) % n,
                Command::Enter => return Ok(Nav::Answer(at)),
                Command::Digit(d) if (1..=n).contains(&(d as usize)) => {
                    return Ok(Nav::Answer(d as usize - 1));
                }
                Command::Digit(d) => {
                    flash = Some(
                        ui::NO_OPTION
                            .fill(self.lang, &[("x", d.to_string()), ("n", n.to_string())]),
                    )
                }
                Command::Back | Command::Delete => return Ok(Nav::Back),
                Command::Skip => return Ok(Nav::Skip),
                Command::Quit => return Ok(Nav::Quit),
                Command::Other => {}
            }
        }
    }

    fn choose_many(
        &mut self,
        screen: &Screen,
        options: &[&str],
        ticked: &[bool],
    ) -> io::Result<Nav<Vec<usize>>> {
        self.term.hide_cursor()?;
        let n = options.len();
        let mut ticked = ticked.to_vec();
        let mut at = 0;
        let mut flash = screen.flash.clone();
        let keys = ui::KEYS_MULTI.fill(self.lang, &[("n", &n)]);
        loop {
            let mut out = self.frame(screen);
            for (i, label) in options.iter().enumerate() {
                let mark = if ticked[i] { "[x] " } else { "[ ] " };
                self.option_line(&mut out, i + 1, label, i == at, mark, false);
            }
            self.footer(&mut out, &keys, flash.as_deref());
            self.draw(&out)?;
            flash = None;
            match command(&self.term.read_key_raw()?) {
                Command::Up => at = (at + n - 1) % n,
                Command::Down => at = (at + 1) % n,
                Command::Space => ticked[at] = !ticked[at],
                Command::Digit(d) if (1..=n).contains(&(d as usize)) => {
                    at = d as usize - 1;
                    ticked[at] = !ticked[at];
                }
                Command::Digit(d) => {
                    flash = Some(
                        ui::NO_OPTION
                            .fill(self.lang, &[("x", d.to_string()), ("n", n.to_string())]),
                    )
                }
                Command::Enter => {
                    // Enter with nothing ticked chooses the highlighted option.
                    if !ticked.contains(&true) {
                        ticked[at] = true;
                    }
                    return Ok(Nav::Answer((0..n).filter(|&i| ticked[i]).collect()));
                }
                Command::Back | Command::Delete => return Ok(Nav::Back),
                Command::Skip => return Ok(Nav::Skip),
                Command::Quit => return Ok(Nav::Quit),
                Command::Other => {}
            }
        }
    }

    fn number(
        &mut self,
        screen: &Screen,
        (min, max): (i64, i64),
        unit: &str,
        default: Option<i64>,
    ) -> io::Result<Nav<i64>> {
        let mut typed = default.map(|d| d.to_string()).unwrap_or_default();
        let mut flash = screen.flash.clone();
        let hint = ui::LINE_NUMBER.fill(self.lang, &[("min", &min), ("max", &max)]);
        let hint = hint.split(" (").next().unwrap_or_default().to_owned();
        loop {
            let mut out = self.frame(screen);
            let row = out.matches('\n').count();
            out.push_str(&format!(
                "  {} {}{}\n",
                self.paint(Style::new().cyan().bold()).apply_to("›"),
                self.paint(Style::new().bold()).apply_to(&typed),
                self.paint(Style::new().dim()).apply_to(format!(" {unit}"))
            ));
            out.push_str(&format!(
                "  {}\n",
                self.paint(Style::new().dim()).apply_to(&hint)
            ));
            self.footer(&mut out, ui::KEYS_NUMBER.get(self.lang), flash.as_deref());
            self.draw(&out)?;
            // Put the cursor after the digits typed so far.
            self.term.move_cursor_to(4 + typed.len(), row)?;
            self.term.show_cursor()?;
            flash = None;
            let key = self.term.read_key_raw()?;
            match command(&key) {
                Command::Digit(d) if typed.len() < 6 => {
                    typed.push(char::from_digit(d, 10).unwrap_or('0'))
                }
                Command::Digit(_) => {}
                Command::Delete if !typed.is_empty() => {
                    typed.pop();
                }
                Command::Delete | Command::Back if typed.is_empty() => return Ok(Nav::Back),
                Command::Back => return Ok(Nav::Back),
                Command::Skip => return Ok(Nav::Skip),
                Command::Quit => return Ok(Nav::Quit),
                Command::Enter if typed.is_empty() => {
                    flash = Some(ui::TYPE_OR_SKIP.get(self.lang).to_owned())
                }
                Command::Enter => match typed.parse::<i64>() {
                    Ok(v) if (min..=max).contains(&v) => return Ok(Nav::Answer(v)),
                    _ => {
                        flash = Some(format!(
                            "{typed} {unit}? {}",
                            ui::RANGE.fill(self.lang, &[("min", &min), ("max", &max)])
                        ));
                        typed.clear();
                    }
                },
                _ => {
                    if let Key::Char(c) = key {
                        flash = Some(ui::NOT_NUMBER.fill(
                            self.lang,
                            &[
                                ("x", c.to_string()),
                                ("min", min.to_string()),
                                ("max", max.to_string()),
                            ],
                        ));
                    }
                }
            }
        }
    }

    fn note(&mut self, message: &str) -> io::Result<()> {
        self.term.write_line(message)
    }

    fn quit(&mut self, message: &str) -> io::Result<()> {
        self.term.clear_screen()?;
        self.term.show_cursor()?;
        self.term.write_line(message)
    }

    fn finish(&mut self) -> io::Result<()> {
        self.term.clear_screen()?;
        self.term.show_cursor()
    }

    fn offer(&mut self, text: &str) -> io::Result<bool> {
        self.term.write_line("")?;
        for line in wrap(text, self.width(), "") {
            self.term.write_line(&format!(
                "{}",
                self.paint(Style::new().bold()).apply_to(line)
            ))?;
        }
        self.term.write_str(ui::FOLLOW_UP_KEYS.get(self.lang))?;
        loop {
            match self.term.read_key_raw()? {
                Key::Char('1' | 'y' | 'Y' | 's' | 'S') => return Ok(true),
                Key::Char('2' | 'n' | 'N' | 'q' | 'Q') | Key::Escape | Key::CtrlC => {
                    self.term.write_line("")?;
                    return Ok(false);
                }
                _ => {}
            }
        }
    }
}

/// One line per answer, for pipes and files.
struct LineUi<R> {
    term: Term,
    input: R,
    lang: Lang,
    color: bool,
}

/// What one typed line means.
enum Line {
    Back,
    Skip,
    Quit,
    End,
    Text(String),
}

impl<R: BufRead> LineUi<R> {
    fn header(&self, screen: &Screen) -> io::Result<()> {
        let progress =
            ui::QUESTION_OF.fill(self.lang, &[("n", &screen.position), ("m", &screen.total)]);
        self.term.write_line("")?;
        if let Some(intro) = &screen.intro {
            self.term.write_line(intro)?;
        }
        if let Some(flash) = &screen.flash {
            self.term.write_line(flash)?;
        }
        self.term.write_line(&format!(
            "{}",
            style(self.color, Style::new().dim())
                .apply_to(format!("[{}] {progress}", screen.section))
        ))?;
        self.term.write_line(&format!(
            "{}",
            style(self.color, Style::new().bold()).apply_to(&screen.prompt)
        ))?;
        if let Some(help) = &screen.help {
            self.term.write_line(&format!(
                "{}",
                style(self.color, Style::new().dim()).apply_to(help)
            ))?;
        }
        Ok(())
    }

    fn options(&self, options: &[&str], given: &[bool]) -> io::Result<()> {
        for (i, label) in options.iter().enumerate() {
            let mark = if given[i] {
                format!(" ({})", ui::YOUR_ANSWER.get(self.lang))
            } else {
                String::new()
            };
            self.term
                .write_line(&format!("  {}) {label}{mark}", i + 1))?;
        }
        Ok(())
    }

    fn read(&mut self, prompt: &str) -> io::Result<Line> {
        self.term.write_str(prompt)?;
        let mut line = String::new();
        if self.input.read_line(&mut line)? == 0 {
            self.term.write_line("")?;
            return Ok(Line::End);
        }
        let text = line.trim();
        Ok(match text.to_lowercase().as_str() {
            "" | "s" | "skip" => Line::Skip,
            "b" | "back" => Line::Back,
            "q" | "quit" => Line::Quit,
            _ => Line::Text(text.to_owned()),
        })
    }

    fn problem(&self, message: &str) -> io::Result<()> {
        self.term.write_line(&format!(
            "{}",
            style(self.color, Style::new().yellow()).apply_to(message)
        ))
    }
}

impl<R: BufRead> Ui for LineUi<R> {
    fn choose(
        &mut self,
        screen: &Screen,
        options: &[&str],
        default: Option<usize>,
    ) -> io::Result<Nav<usize>> {
        self.header(screen)?;
        let given: Vec<bool> = (0..options.len()).map(|i| Some(i) == default).collect();
        self.options(options, &given)?;
        let n = options.len();
        loop {
            match self.read(ui::LINE_CHOICE.get(self.lang))? {
                Line::Back => return Ok(Nav::Back),
                Line::Skip => return Ok(Nav::Skip),
                Line::Quit => return Ok(Nav::Quit),
                Line::End => return Ok(Nav::EndOfInput),
                Line::Text(x) => match x.parse::<usize>() {
                    Ok(d) if (1..=n).contains(&d) => return Ok(Nav::Answer(d - 1)),
                    _ => self.problem(
                        &ui::NO_OPTION
                            .fill(self.lang, &[("x", x.to_string()), ("n", n.to_string())]),
                    )?,
                },
            }
        }
    }

    fn choose_many(
        &mut self,
        screen: &Screen,
        options: &[&str],
        ticked: &[bool],
    ) -> io::Result<Nav<Vec<usize>>> {
        self.header(screen)?;
        self.options(options, ticked)?;
        let n = options.len();
        'ask: loop {
            match self.read(ui::LINE_MULTI.get(self.lang))? {
                Line::Back => return Ok(Nav::Back),
                Line::Skip => return Ok(Nav::Skip),
                Line::Quit => return Ok(Nav::Quit),
                Line::End => return Ok(Nav::EndOfInput),
                Line::Text(x) => {
                    let mut chosen = Vec::new();
                    for part in x
                        .split(|c: char| c == ',' || c.is_whitespace())
                        .filter(|p| !p.is_empty())
                    {
                        match part.parse::<usize>() {
                            Ok(d) if (1..=n).contains(&d) => chosen.push(d - 1),
                            _ => {
                                self.problem(&ui::NO_OPTION.fill(
                                    self.lang,
                                    &[("x", part.to_string()), ("n", n.to_string())],
                                ))?;
                                continue 'ask;
                            }
                        }
                    }
                    chosen.sort_unstable();
                    chosen.dedup();
                    return Ok(Nav::Answer(chosen));
                }
            }
        }
    }

    fn number(
        &mut self,
        screen: &Screen,
        (min, max): (i64, i64),
        unit: &str,
        default: Option<i64>,
    ) -> io::Result<Nav<i64>> {
        self.header(screen)?;
        if let Some(d) = default {
            self.term.write_line(&format!(
                "  ({}: {d} {unit})",
                ui::YOUR_ANSWER.get(self.lang)
            ))?;
        }
        let prompt = ui::LINE_NUMBER.fill(self.lang, &[("min", &min), ("max", &max)]);
        loop {
            match self.read(&prompt)? {
                Line::Back => return Ok(Nav::Back),
                Line::Skip => return Ok(Nav::Skip),
                Line::Quit => return Ok(Nav::Quit),
                Line::End => return Ok(Nav::EndOfInput),
                Line::Text(x) => match x.parse::<i64>() {
                    Ok(v) if (min..=max).contains(&v) => return Ok(Nav::Answer(v)),
                    Ok(_) => {
                        self.problem(&ui::RANGE.fill(self.lang, &[("min", &min), ("max", &max)]))?
                    }
                    Err(_) => self.problem(&ui::NOT_NUMBER.fill(
                        self.lang,
                        &[
                            ("x", x.to_string()),
                            ("min", min.to_string()),
                            ("max", max.to_string()),
                        ],
                    ))?,
                },
            }
        }
    }

    fn note(&mut self, message: &str) -> io::Result<()> {
        self.term.write_line(message)
    }

    fn quit(&mut self, message: &str) -> io::Result<()> {
        self.term.write_line(message)
    }

    fn finish(&mut self) -> io::Result<()> {
        self.term.write_line("")
    }

    fn offer(&mut self, text: &str) -> io::Result<bool> {
        self.term.write_line("")?;
        self.term.write_line(text)?;
        let mut line = String::new();
        self.term.write_str(ui::FOLLOW_UP_KEYS.get(self.lang))?;
        if self.input.read_line(&mut line)? == 0 {
            self.term.write_line("")?;
            return Ok(false);
        }
        Ok(matches!(
            line.trim().to_lowercase().as_str(),
            "1" | "y" | "yes" | "s" | "sí" | "si"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_words_whole_and_indents() {
        let lines = wrap(
            "one two three four five six seven eight nine ten eleven twelve",
            24,
            "  ",
        );
        assert!(lines.len() > 1);
        assert!(
            lines
                .iter()
                .all(|l| l.starts_with("  ") && measure_text_width(l) <= 24)
        );
        assert_eq!(lines.join(" ").split_whitespace().count(), 12);
    }
}
