//! `backcare search` and `backcare read`: the education library in the terminal.

use std::io::{self, Write};
use std::process::ExitCode;

use backcare_content::articles::{self, Article, Block, Span, SpanStyle, Topic, labels};
use backcare_core::Lang;
use backcare_core::lang::{Text, t};
use backcare_search::{Hit, Index, Query, SearchError};
use clap::{Args, ValueEnum};
use console::{Style, style};

use crate::input::BadInput;

/// Interface text for the library commands.
mod ui {
    use super::{Text, t};
    pub const NO_RESULTS: Text = t(
        "No article matches. Try other words, or leave out --topic.",
        "Ningún artículo coincide. Pruebe con otras palabras o quite --topic.",
    );
    pub const READ_HINT: Text = t("Read it", "Léalo");
    pub const UNKNOWN_ID: Text = t("There is no article", "No hay ningún artículo");
    pub const DID_YOU_MEAN: Text = t("Did you mean", "Quizá quiso decir");
    pub const FIND_WITH: Text = t(
        "Find articles with: backcare search WORDS",
        "Busque artículos con: backcare search PALABRAS",
    );
    pub const TOPICS: Text = t("Topics", "Temas");
}

/// `backcare search` arguments.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  backcare search sciatica\n  backcare search \"ciatica ejercicios\" --lang es\n  backcare search sleep --topic sleep --format json"
)]
pub struct SearchArgs {
    /// The words to look for, in English or Spanish; typos and missing accents are fine.
    #[arg(value_name = "WORDS", required = true, num_args = 1..)]
    words: Vec<String>,
    /// Only articles in this language (and messages in it).
    #[arg(long, short = 'l', value_parser = crate::parse_lang)]
    lang: Option<Lang>,
    /// Only articles on this topic (basics, conditions, exercise, sleep, ...).
    #[arg(long, short = 't', value_parser = parse_topic)]
    topic: Option<Topic>,
    /// The most results to show.
    #[arg(long, short = 'n', default_value_t = 5)]
    limit: usize,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = SearchFormat::Text)]
    format: SearchFormat,
}

/// `backcare read` arguments.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  backcare read spinal-stenosis\n  backcare read slipped-disc-and-sciatica --lang es\n  backcare read sleep-and-back-pain --format html > sleep.html"
)]
pub struct ReadArgs {
    /// The article's id, as shown by `backcare search`.
    #[arg(value_name = "ID")]
    id: String,
    /// Language of the article.
    #[arg(long, short = 'l', value_parser = crate::parse_lang, default_value = "en")]
    lang: Lang,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ReadFormat::Text)]
    format: ReadFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SearchFormat {
    /// Ranked titles, summaries and the passages that matched.
    Text,
    /// The results as JSON.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReadFormat {
    /// The article, wrapped to the terminal.
    Text,
    /// The article as an HTML fragment.
    Html,
}

fn parse_topic(s: &str) -> Result<Topic, String> {
    s.parse().map_err(|e: articles::UnknownTopic| e.to_string())
}

fn width() -> usize {
    let term = console::Term::stdout();
    if term.is_term() {
        usize::from(term.size().1).clamp(40, 100)
    } else {
        88
    }
}

/// Writes `text` wrapped, each line in `look`, the first line after `marker` and the others
/// indented to match.
fn para(
    out: &mut (impl Write + ?Sized),
    width: usize,
    marker: &str,
    text: &str,
    look: &Style,
) -> io::Result<()> {
    let indent = " ".repeat(console::measure_text_width(marker));
    for (i, line) in crate::interactive::wrap(text, width, &indent)
        .iter()
        .enumerate()
    {
        let body = line.get(indent.len()..).unwrap_or(line);
        let lead = if i == 0 { marker } else { indent.as_str() };
        writeln!(out, "{lead}{}", look.apply_to(body))?;
    }
    Ok(())
}

/// Runs `backcare search`.
pub fn search(out: &mut impl Write, args: SearchArgs) -> anyhow::Result<ExitCode> {
    let ui_lang = args.lang.unwrap_or_default();
    let query = Query {
        text: args.words.join(" "),
        lang: args.lang,
        topic: args.topic,
        limit: args.limit,
    };
    let bad = |e: SearchError| -> anyhow::Error {
        match e {
            SearchError::Library(_) | SearchError::Engine(_) => anyhow::Error::new(e),
            e => BadInput(e.message(ui_lang)).into(),
        }
    };
    // Check the query before building the index: bad input fails fast.
    if query.text.trim().is_empty() {
        return Err(bad(SearchError::EmptyQuery));
    }
    let index = Index::build().map_err(bad)?;
    let hits = index.search(&query).map_err(bad)?;
    match args.format {
        SearchFormat::Json => {
            let results: Vec<serde_json::Value> = hits.iter().map(hit_json).collect();
            serde_json::to_writer_pretty(&mut *out, &results)?;
            writeln!(out)?;
        }
        SearchFormat::Text => {
            if hits.is_empty() {
                writeln!(out, "{}", ui::NO_RESULTS.get(ui_lang))?;
            }
            let width = width();
            for (n, hit) in hits.iter().enumerate() {
                if n > 0 {
                    writeln!(out)?;
                }
                write_hit(out, width, n + 1, hit)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn hit_json(hit: &Hit) -> serde_json::Value {
    serde_json::json!({
        "id": hit.id,
        "lang": hit.lang.code(),
        "title": hit.title,
        "summary": hit.summary,
        "topics": hit.topics.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
        "snippet": hit.snippet.text,
        "snippet_html": hit.snippet.to_html(),
        "highlights": hit.snippet.highlights.iter().map(|r| [r.start, r.end]).collect::<Vec<_>>(),
        "score": hit.score,
    })
}

fn write_hit(out: &mut impl Write, width: usize, rank: usize, hit: &Hit) -> io::Result<()> {
    let plain = Style::new();
    let marker = format!("{rank}. ");
    let indent = " ".repeat(marker.len());
    let lang = hit.lang;
    para(out, width, &marker, &hit.title, &Style::new().bold())?;
    para(out, width, &indent, &hit.summary, &plain)?;
    if hit.snippet.text != hit.summary {
        // The matched words in bold, when colour is on.
        let (open, close) = if console::colors_enabled() {
            ("\u{1b}[1m", "\u{1b}[0m")
        } else {
            ("", "")
        };
        let snippet = hit.snippet.marked(open, close, str::to_owned);
        para(out, width, &indent, &snippet, &plain)?;
    }
    let topics: Vec<&str> = hit.topics.iter().map(|t| t.label().get(lang)).collect();
    let dim = Style::new().dim();
    let topics = format!("{}: {}", ui::TOPICS.get(lang), topics.join(", "));
    para(out, width, &indent, &topics, &dim)?;
    // A command to copy, never wrapped.
    let hint = format!(
        "{}: backcare read {} --lang {}",
        ui::READ_HINT.get(lang),
        hit.id,
        lang.code()
    );
    writeln!(out, "{indent}{}", dim.apply_to(hint))
}

/// Runs `backcare read`.
pub fn read(out: &mut impl Write, args: ReadArgs) -> anyhow::Result<ExitCode> {
    let all = articles::try_all().map_err(|e| anyhow::anyhow!("article library: {e}"))?;
    let id = args.id.trim().to_lowercase();
    let Some(article) = all
        .iter()
        .find(|a| a.meta.id == id && a.meta.lang == args.lang)
    else {
        let lang = args.lang;
        let ids = articles::ids();
        let close = backcare_search::similar_ids(&id, ids.iter().copied());
        let mut msg = format!("{} {:?}.", ui::UNKNOWN_ID.get(lang), args.id);
        if close.is_empty() {
            msg.push(' ');
            msg.push_str(ui::FIND_WITH.get(lang));
        } else {
            msg.push_str(&format!(
                " {}: {}?",
                ui::DID_YOU_MEAN.get(lang),
                close.join(", ")
            ));
        }
        return Err(BadInput(msg).into());
    };
    match args.format {
        ReadFormat::Html => write!(out, "{}", articles::to_html(article))?,
        ReadFormat::Text => write_article(out, width(), article)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Styles each word of a span, so that wrapping never splits a style.
fn styled(spans: &[Span]) -> String {
    let mut text = String::new();
    for span in spans {
        let look = match span.style {
            SpanStyle::Plain => None,
            SpanStyle::Strong => Some(Style::new().bold()),
            SpanStyle::Emphasis => Some(Style::new().italic()),
            SpanStyle::Code => Some(Style::new().cyan()),
        };
        match look {
            None => text.push_str(&span.text),
            Some(look) => {
                // Keep the spaces around the span; style the words.
                let lead = span.text.len() - span.text.trim_start().len();
                let trail = span.text.len() - span.text.trim_end().len();
                text.push_str(&span.text[..lead]);
                let words: Vec<String> = span
                    .text
                    .split_whitespace()
                    .map(|w| look.apply_to(w).to_string())
                    .collect();
                text.push_str(&words.join(" "));
                text.push_str(&span.text[span.text.len() - trail..]);
            }
        }
    }
    text
}

fn write_article(out: &mut impl Write, width: usize, article: &Article) -> io::Result<()> {
    let lang = article.meta.lang;
    let plain = Style::new();
    let dim = Style::new().dim();
    let heading =
        |out: &mut dyn Write, text: &str| writeln!(out, "\n{}", style(text).bold().underlined());
    para(out, width, "", &article.meta.title, &Style::new().bold())?;
    para(
        out,
        width,
        "",
        &article.meta.summary,
        &Style::new().italic(),
    )?;
    for block in articles::to_blocks(article) {
        match block {
            Block::Heading { text, .. } => heading(out, &text)?,
            Block::Paragraph(spans) => {
                writeln!(out)?;
                para(out, width, "", &styled(&spans), &plain)?;
            }
            Block::Item {
                depth,
                marker,
                spans,
            } => {
                let marker = format!("{}{marker} ", "  ".repeat(depth + 1));
                para(out, width, &marker, &styled(&spans), &plain)?;
            }
            Block::Quote(spans) => {
                writeln!(out)?;
                para(out, width, "│ ", &styled(&spans), &plain)?;
            }
            Block::Code(text) => {
                for line in text.lines() {
                    writeln!(out, "    {}", style(line).cyan())?;
                }
            }
            Block::Rule => writeln!(out, "\n{}", "─".repeat(width.min(40)))?,
        }
    }
    let exercises = articles::related_exercises(article);
    if !exercises.is_empty() {
        heading(out, labels::RELATED_EXERCISES.get(lang))?;
        for link in exercises {
            let text = format!("{} ({})", link.title, link.id);
            para(out, width, "  • ", &text, &plain)?;
        }
    }
    let related = articles::related_articles(article);
    if !related.is_empty() {
        heading(out, labels::RELATED_ARTICLES.get(lang))?;
        for link in related {
            para(out, width, "  • ", &link.title, &plain)?;
            let hint = format!("backcare read {} --lang {}", link.id, lang.code());
            writeln!(out, "    {}", dim.apply_to(hint))?;
        }
    }
    heading(out, labels::SOURCES.get(lang))?;
    for (n, source) in article.meta.sources.iter().enumerate() {
        para(out, width, &format!("  {}. ", n + 1), source, &dim)?;
    }
    writeln!(out)?;
    let reviewed = format!(
        "{}: {}",
        labels::LAST_REVIEWED.get(lang),
        article.meta.last_reviewed
    );
    para(out, width, "", &reviewed, &dim)
}
