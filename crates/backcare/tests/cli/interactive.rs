//! `backcare assess` asking the questions: driven through a pseudo-terminal with keys,
//! and through a pipe with lines.

use std::process::Command;

use rexpect::ReadUntil;
use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};

use super::{backcare, root};

/// Screen words in one language.
struct Words {
    /// "Question {n} of", split around the number.
    question: &'static str,
    of: &'static str,
    /// The end of every question screen (choice, several-choice and number).
    footer: &'static str,
    /// The start of the summary's last line.
    end: &'static str,
    /// The re-ask of a skipped safety question.
    again: &'static str,
    /// The notice at the top of a result made more urgent by missing answers.
    raised: &'static str,
    /// The offer, after the summary, to answer those questions.
    offer: &'static str,
}

const EN: Words = Words {
    question: "Question",
    of: "of",
    footer: "s skip · q quit",
    end: "For the full result as JSON",
    again: "This question matters for your safety: yes, no or don't know?",
    raised: "This result is more urgent because some safety questions were skipped",
    offer: "Press 1 for yes, 2 for no",
};
const ES: Words = Words {
    question: "Pregunta",
    of: "de",
    footer: "s saltar · q salir",
    end: "Para ver el resultado completo",
    again: "Esta pregunta es importante para su seguridad: ¿sí, no o no lo sé?",
    raised: "Este resultado es más urgente porque algunas preguntas de seguridad no se contestaron",
    offer: "Pulse 1 para sí, 2 para no",
};

/// How many warning-sign questions come first.
const WARNING_SIGNS: usize = 12;
/// The leg-weakness question, whose "No" is option 1.
const LEG_WEAKNESS: usize = 11;

/// Starts `backcare assess` with `args` in a pseudo-terminal, without colour.
fn start(args: &[&str]) -> PtySession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_backcare"));
    cmd.arg("assess")
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    spawn_command(cmd, Some(20_000)).expect("backcare starts in a pseudo-terminal")
}

/// Waits for (the next drawing of) question `n`; returns its screen text.
///
/// Every key press redraws the screen, so tests wait for the question number rather than
/// for any screen.
fn at(p: &mut PtySession, w: &Words, n: usize) -> String {
    let marker = format!("{} {n} {} ", w.question, w.of);
    let before = expect(p, &marker);
    let rest = expect(p, w.footer);
    // Keep only the header line's start (the section name) from before the marker.
    let header = before.rsplit('\n').next().unwrap_or_default();
    format!("{header}{marker}{rest}")
}

fn press(p: &mut PtySession, keys: &str) {
    p.send(keys).unwrap();
    p.flush().unwrap();
}

/// Waits for question `n`, then presses `keys`. Returns the screen's text.
fn answer(p: &mut PtySession, w: &Words, n: usize, keys: &str) -> String {
    let screen = at(p, w, n);
    press(p, keys);
    screen
}

/// Answers "no" to warning signs `from` to the last.
fn no_warning_signs(p: &mut PtySession, w: &Words, from: usize) {
    for n in from..=WARNING_SIGNS {
        answer(p, w, n, if n == LEG_WEAKNESS { "1" } else { "2" });
    }
}

/// Skips every question from `n` on (a skipped safety question is asked once more and
/// skipped again), until the summary's last line; returns the summary.
fn skip_to_summary(p: &mut PtySession, w: &Words, n: usize) -> String {
    answer(p, w, n, "s");
    let mut skipped = 1;
    loop {
        let (before, found) = p
            .exp_any(vec![
                ReadUntil::String(to_bytes(w.footer)),
                ReadUntil::String(to_bytes(w.end)),
            ])
            .unwrap_or_else(|e| panic!("after {skipped} skips: {e}"));
        if found == to_bytes(w.end) {
            return plain(&before);
        }
        skipped += 1;
        assert!(skipped < 200, "the questions never end");
        press(p, "s");
    }
}

/// The summary's grouped list of open answers, on one line.
fn open_list(summary: &str) -> String {
    let flat = summary.split_whitespace().collect::<Vec<_>>().join(" ");
    let start = flat
        .find("Not answered or not sure:")
        .or_else(|| flat.find("Sin respuesta o no está seguro:"))
        .unwrap_or_else(|| panic!("no list of open answers: {summary}"));
    let rest = &flat[start..];
    let end = rest
        .find("We cannot rule")
        .or_else(|| rest.find("No los podemos"))
        .unwrap_or(rest.len());
    rest[..end].to_owned()
}

/// Says no to the offer, after the summary, to answer the open safety questions.
fn decline(p: &mut PtySession, w: &Words) {
    expect(p, w.offer);
    press(p, "2");
}

fn exit_code(p: &mut PtySession) -> i32 {
    eof(p);
    match p.process().wait().unwrap() {
        WaitStatus::Exited(_, code) => code,
        other => panic!("backcare did not exit normally: {other:?}"),
    }
}

/// rexpect reads the output one byte per `char`; these convert to and from that form.
fn to_bytes(text: &str) -> String {
    text.bytes().map(char::from).collect()
}

/// Turns what rexpect read back into UTF-8 text without colours or cursor moves.
fn plain(read: &str) -> String {
    let bytes: Vec<u8> = read
        .chars()
        .map(|c| u8::try_from(c).unwrap_or(b'?'))
        .collect();
    console::strip_ansi_codes(&String::from_utf8_lossy(&bytes)).into_owned()
}

/// Waits for `needle`; returns the plain text before it.
fn expect(p: &mut PtySession, needle: &str) -> String {
    let before = p
        .exp_string(&to_bytes(needle))
        .unwrap_or_else(|e| panic!("no {needle:?}: {e}"));
    plain(&before)
}

/// Waits for the end of output; returns its plain text.
fn eof(p: &mut PtySession) -> String {
    plain(&p.exp_eof().expect("backcare exits"))
}

#[test]
fn interactive_english_from_first_question_to_summary() {
    let mut p = start(&[]);
    let first = answer(&mut p, &EN, 1, "2");
    for wanted in [
        "Warning signs",
        "Do you have pain, pressure or tightness in your chest?",
        "Don't know",
        "b back",
    ] {
        assert!(first.contains(wanted), "{wanted:?} missing: {first}");
    }
    no_warning_signs(&mut p, &EN, 2);
    let age = answer(&mut p, &EN, 13, "45\r");
    assert!(
        age.contains("How old are you?") && age.contains("About you"),
        "{age}"
    );
    answer(&mut p, &EN, 14, "2"); // male: no pregnancy questions
    let areas = answer(&mut p, &EN, 15, "1\r"); // tick lower back, then Enter
    assert!(
        areas.contains("Where in your back") && areas.contains("[ ]"),
        "{areas}"
    );
    let side = answer(&mut p, &EN, 16, "3");
    assert!(
        side.contains("Which side"),
        "pregnancy questions are not asked of men: {side}"
    );
    let summary = skip_to_summary(&mut p, &EN, 17);
    assert!(summary.contains("Why"), "{summary}");
    assert!(summary.contains("does not diagnose"), "{summary}");
    assert!(!summary.contains("Emergency: get help now"), "{summary}");
    decline(&mut p, &EN);
    assert_eq!(exit_code(&mut p), 0);
}

#[test]
fn interactive_spanish_from_first_question_to_summary() {
    let mut p = start(&["--lang", "es"]);
    let first = answer(&mut p, &ES, 1, "2");
    for wanted in [
        "Señales de alarma",
        "¿Tiene dolor, presión u opresión en el pecho?",
        "No lo sé",
        "b atrás",
    ] {
        assert!(first.contains(wanted), "{wanted:?} missing: {first}");
    }
    no_warning_signs(&mut p, &ES, 2);
    let age = answer(&mut p, &ES, 13, "30\r");
    assert!(
        age.contains("¿Cuántos años tiene?") && age.contains("Sobre usted"),
        "{age}"
    );
    let sex = answer(&mut p, &ES, 14, "1");
    assert!(sex.contains("Mujer"), "{sex}");
    let pregnant = answer(&mut p, &ES, 15, "2");
    assert!(pregnant.contains("¿Está embarazada?"), "{pregnant}");
    let summary = skip_to_summary(&mut p, &ES, 16);
    assert!(summary.contains("Por qué"), "{summary}");
    assert!(summary.contains("No hace diagnósticos"), "{summary}");
    decline(&mut p, &ES);
    assert_eq!(exit_code(&mut p), 0);
}

/// An emergency answer stops the questions at once, and the advice is the first thing shown.
#[test]
fn interactive_emergency_answer_stops_and_advice_comes_first() {
    let mut p = start(&[]);
    for n in 1..=6 {
        answer(&mut p, &EN, n, "2");
    }
    let bladder = answer(&mut p, &EN, 7, "1");
    assert!(bladder.contains("bladder"), "{bladder}");
    let before = expect(&mut p, "Emergency: get help now");
    // A terminal may echo the key if it was pressed before backcare was ready to read it.
    let before = before.trim().trim_start_matches('1').trim();
    assert!(
        before.is_empty(),
        "nothing may come between the answer and the advice: {before:?}"
    );
    let rest = eof(&mut p);
    assert!(rest.contains("Call your emergency number"), "{rest}");
    assert!(
        !rest.contains("Question 8"),
        "the questions stopped: {rest}"
    );
    match p.process().wait().unwrap() {
        WaitStatus::Exited(_, 0) => {}
        other => panic!("{other:?}"),
    }
}

/// `b`, Backspace and Left go back, with the earlier answer marked and kept as the default.
#[test]
fn interactive_back_returns_to_the_previous_answer() {
    let mut p = start(&[]);
    answer(&mut p, &EN, 1, "2");
    answer(&mut p, &EN, 2, "b");
    let again = answer(&mut p, &EN, 1, "\r"); // Enter keeps the earlier answer
    assert!(
        again.contains("› 2  No") && again.contains("(your answer)"),
        "{again}"
    );
    answer(&mut p, &EN, 2, "\x7f"); // Backspace
    answer(&mut p, &EN, 1, "\x1b[D"); // Left arrow, on the first question
    let flash = answer(&mut p, &EN, 1, "2");
    assert!(flash.contains("nothing to go back to"), "{flash}");
    // Going back to a number question shows the number typed before.
    no_warning_signs(&mut p, &EN, 2);
    answer(&mut p, &EN, 13, "57\r");
    answer(&mut p, &EN, 14, "b");
    let age = answer(&mut p, &EN, 13, "q");
    assert!(
        age.contains("How old are you?") && age.contains("57 years"),
        "{age}"
    );
    assert!(eof(&mut p).contains("Nothing was saved"));
}

/// `s` leaves a question unanswered, even one answered before going back.
#[test]
fn interactive_skip_leaves_the_question_unanswered() {
    let mut p = start(&[]);
    answer(&mut p, &EN, 1, "2");
    answer(&mut p, &EN, 2, "b");
    answer(&mut p, &EN, 1, "s");
    answer(&mut p, &EN, 1, "s"); // asked once more: the second skip is accepted
    no_warning_signs(&mut p, &EN, 2);
    let summary = skip_to_summary(&mut p, &EN, 13);
    let unsure = summary
        .lines()
        .find(|l| l.contains("chest pain"))
        .unwrap_or_else(|| panic!("the skipped chest-pain question is reported: {summary}"));
    assert!(unsure.contains("Not answered or not sure"), "{unsure}");
    decline(&mut p, &EN);
    assert_eq!(exit_code(&mut p), 0);
}

/// A number out of range, or a letter, gives a message and the question is asked again.
#[test]
fn interactive_bad_number_gives_a_message_and_asks_again() {
    let mut p = start(&[]);
    no_warning_signs(&mut p, &EN, 1);
    answer(&mut p, &EN, 13, "300\r");
    expect(&mut p, "Please type a number from 0 to 120.");
    press(&mut p, "x");
    let again = expect(&mut p, "\"x\" is not a number");
    assert!(
        again.contains("Question 13 of") && again.contains("How old are you?"),
        "asked again: {again}"
    );
    press(&mut p, "45\r");
    let next = answer(&mut p, &EN, 14, "q");
    assert!(next.contains("What is your sex?"), "{next}");
    let bye = eof(&mut p);
    assert!(
        bye.contains("Nothing was saved and no result was given"),
        "{bye}"
    );
    assert!(!bye.contains("Why"), "no result after quitting: {bye}");
    match p.process().wait().unwrap() {
        WaitStatus::Exited(_, 1) => {}
        other => panic!("quitting exits with status 1, got {other:?}"),
    }
}

/// Without a terminal, one line per question: questions on stderr, the result on stdout.
#[test]
fn interactive_line_mode_reads_piped_answers() {
    // Number, skip (empty), back, a bad line, then the end of input.
    let out = backcare(&["assess"], "2\n\n2\nb\n9\n2\n");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("Question 1 of") && stderr.contains("1) Yes"),
        "{stderr}"
    );
    assert!(stderr.contains("There is no option 9"), "{stderr}");
    assert!(stderr.contains("End of input"), "{stderr}");
    assert!(
        !stdout.contains("Question 1 of") && !stdout.contains("1) Yes"),
        "stdout holds only the result: {stdout}"
    );
    assert!(
        stdout.lines().next().unwrap_or_default().contains(':'),
        "{stdout}"
    );

    let out = backcare(&["assess", "--lang", "es"], "2\n1\n");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.trim_start().starts_with("Emergencia"),
        "emergency first: {stdout}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("Pregunta 2 de"));
}

/// A skipped safety question is asked once more, at the time, with its hint; a second
/// skip is accepted. The summary then says at the top that the result is more urgent
/// because of it, names the concern once, and offers to answer just those questions;
/// answering them gives a new summary.
fn skip_twice_then_answer_the_open_questions(w: &Words, lang: &str, concern: &str) {
    let mut p = start(&["--lang", lang]);
    for n in 1..=6 {
        answer(&mut p, w, n, "2");
    }
    // Bladder, bowel, saddle and sexual function: each skipped, asked again, skipped.
    for n in 7..=10 {
        answer(&mut p, w, n, "s");
        let again = answer(&mut p, w, n, "s");
        assert!(
            again.contains(w.again),
            "question {n} is asked once more: {again}"
        );
    }
    let next = answer(&mut p, w, 11, "1");
    assert!(!next.contains(w.again), "no re-ask before a skip: {next}");
    answer(&mut p, w, 12, "2");
    answer(&mut p, w, 13, "40\r");
    answer(&mut p, w, 14, "2"); // male
    answer(&mut p, w, 15, "1\r"); // lower back
    let summary = skip_to_summary(&mut p, w, 16);
    // Paragraphs wrap; join their lines to search and count.
    let flat = summary.split_whitespace().collect::<Vec<_>>().join(" ");
    let notice = flat
        .find(w.raised)
        .unwrap_or_else(|| panic!("the notice is shown: {summary}"));
    let why = flat
        .find(if lang == "es" { "Por qué" } else { "Why" })
        .unwrap();
    assert!(notice < why, "the notice comes at the top: {summary}");
    assert_eq!(flat.matches(concern).count(), 1, "{concern:?} once: {flat}");
    // Yes to the offer: the open questions only, bladder first; answering it "no" and
    // skipping the rest (accepted at once) gives a new summary.
    expect(&mut p, w.offer);
    press(&mut p, "1");
    let first = at(&mut p, w, 1);
    assert!(
        first.contains(if lang == "es" { "vejiga" } else { "bladder" }),
        "{first}"
    );
    press(&mut p, "2");
    let again = skip_to_summary(&mut p, w, 2);
    let bladder = if lang == "es" { "vejiga" } else { "bladder" };
    assert!(open_list(&summary).contains(bladder), "{summary}");
    assert!(
        !open_list(&again).contains(bladder),
        "answered now, so no longer open: {again}"
    );
    assert_eq!(exit_code(&mut p), 0);
}

#[test]
fn interactive_english_skipped_safety_questions() {
    skip_twice_then_answer_the_open_questions(&EN, "en", "cauda equina syndrome");
}

#[test]
fn interactive_spanish_skipped_safety_questions() {
    skip_twice_then_answer_the_open_questions(&ES, "es", "síndrome de cola de caballo");
}
