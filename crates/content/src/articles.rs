//! The education articles, parsed from `articles/<id>.<lang>.md`.
//!
//! Each file is TOML front matter between `+++` lines, then a Markdown body of `## `
//! sections. Every article exists in English and Spanish with the same id and the same
//! shared metadata (topics, patterns, stages, related items, sources, review date); the
//! crate's tests check that, and that every related link resolves.
//!
//! Articles are shown two ways: as HTML ([`to_html`], for the web) and as a list of
//! [`Block`]s ([`to_blocks`], for the terminal).

use std::fmt;
use std::sync::OnceLock;

use backcare_core::Lang;
use backcare_core::date::Date;
use backcare_core::exercise::ExerciseId;
use backcare_core::lang::{Text, t};
use backcare_core::triage::safety_net;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::{Deserialize, Deserializer};

use crate::exercises::BadFile;

/// What an article is about; articles are filtered and searched by topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Topic {
    /// How backs work and why they hurt.
    Basics,
    /// Named conditions (sciatica, stenosis, ...).
    Conditions,
    /// Exercise.
    Exercise,
    /// Staying active in daily life.
    Activity,
    /// Work and returning to work.
    Work,
    /// Posture and sitting.
    Posture,
    /// Lifting and carrying.
    Lifting,
    /// Pain medicines.
    Medicines,
    /// X-rays, MRI and other scans.
    Imaging,
    /// Spine surgery.
    Surgery,
    /// Treatments other than medicines and surgery.
    Treatments,
    /// Thoughts, worry and mood.
    Mind,
    /// Sleep.
    Sleep,
    /// Weight, smoking and other habits.
    Lifestyle,
    /// Warning signs and when to get help.
    Safety,
    /// Flare-ups.
    FlareUps,
    /// Children, pregnancy, older adults.
    SpecialGroups,
    /// Questionnaire scores.
    Scores,
    /// Diagnosis and billing codes.
    Codes,
}

impl Topic {
    /// Every topic, in display order.
    pub const ALL: [Topic; 19] = [
        Topic::Basics,
        Topic::Conditions,
        Topic::Exercise,
        Topic::Activity,
        Topic::Work,
        Topic::Posture,
        Topic::Lifting,
        Topic::Medicines,
        Topic::Imaging,
        Topic::Surgery,
        Topic::Treatments,
        Topic::Mind,
        Topic::Sleep,
        Topic::Lifestyle,
        Topic::Safety,
        Topic::FlareUps,
        Topic::SpecialGroups,
        Topic::Scores,
        Topic::Codes,
    ];

    /// The topic's identifier, as written in the front matter (`flare-ups`).
    pub fn as_str(self) -> &'static str {
        match self {
            Topic::Basics => "basics",
            Topic::Conditions => "conditions",
            Topic::Exercise => "exercise",
            Topic::Activity => "activity",
            Topic::Work => "work",
            Topic::Posture => "posture",
            Topic::Lifting => "lifting",
            Topic::Medicines => "medicines",
            Topic::Imaging => "imaging",
            Topic::Surgery => "surgery",
            Topic::Treatments => "treatments",
            Topic::Mind => "mind",
            Topic::Sleep => "sleep",
            Topic::Lifestyle => "lifestyle",
            Topic::Safety => "safety",
            Topic::FlareUps => "flare-ups",
            Topic::SpecialGroups => "special-groups",
            Topic::Scores => "scores",
            Topic::Codes => "codes",
        }
    }

    /// The topic's name for a reader.
    pub fn label(self) -> Text {
        match self {
            Topic::Basics => t("Basics", "Conceptos básicos"),
            Topic::Conditions => t("Conditions", "Problemas de espalda"),
            Topic::Exercise => t("Exercise", "Ejercicio"),
            Topic::Activity => t("Staying active", "Mantenerse activo"),
            Topic::Work => t("Work", "Trabajo"),
            Topic::Posture => t("Posture", "Postura"),
            Topic::Lifting => t("Lifting", "Levantar peso"),
            Topic::Medicines => t("Medicines", "Medicamentos"),
            Topic::Imaging => t("Scans and X-rays", "Pruebas de imagen"),
            Topic::Surgery => t("Surgery", "Cirugía"),
            Topic::Treatments => t("Treatments", "Tratamientos"),
            Topic::Mind => t("Thoughts and mood", "Pensamientos y ánimo"),
            Topic::Sleep => t("Sleep", "Sueño"),
            Topic::Lifestyle => t("Lifestyle", "Estilo de vida"),
            Topic::Safety => t("Warning signs", "Señales de alarma"),
            Topic::FlareUps => t("Flare-ups", "Crisis de dolor"),
            Topic::SpecialGroups => t(
                "Children, pregnancy, older age",
                "Niños, embarazo, edad avanzada",
            ),
            Topic::Scores => t("Scores", "Puntuaciones"),
            Topic::Codes => t("Codes", "Códigos"),
        }
    }
}

impl fmt::Display for Topic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A topic name that is not one of [`Topic::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown topic {0:?}: use one of {list}", list = topic_list())]
pub struct UnknownTopic(pub String);

fn topic_list() -> String {
    Topic::ALL.map(Topic::as_str).join(", ")
}

impl std::str::FromStr for Topic {
    type Err = UnknownTopic;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace('_', "-");
        Topic::ALL
            .into_iter()
            .find(|t| t.as_str() == wanted)
            .ok_or_else(|| UnknownTopic(s.to_owned()))
    }
}

/// The pain patterns an article is written for (as named by `backcare_core::patterns`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PatternTag {
    /// Useful whatever the pattern.
    Any,
    /// Non-specific back pain.
    NonSpecific,
    /// Radicular pain (sciatica).
    Radicular,
    /// Inflammatory back pain.
    Inflammatory,
    /// Lumbar spinal stenosis.
    Stenosis,
    /// Facet joint pain.
    Facet,
    /// Thoracic or postural upper back pain.
    ThoracicPostural,
    /// A possible osteoporotic fracture.
    OsteoporoticFracture,
}

impl PatternTag {
    /// The core's pattern, or `None` for [`PatternTag::Any`].
    pub fn pattern(self) -> Option<backcare_core::patterns::Pattern> {
        use backcare_core::patterns::Pattern;
        match self {
            PatternTag::Any => None,
            PatternTag::NonSpecific => Some(Pattern::NonSpecific),
            PatternTag::Radicular => Some(Pattern::Radicular),
            PatternTag::Inflammatory => Some(Pattern::Inflammatory),
            PatternTag::Stenosis => Some(Pattern::Stenosis),
            PatternTag::Facet => Some(Pattern::Facet),
            PatternTag::ThoracicPostural => Some(Pattern::ThoracicPostural),
            PatternTag::OsteoporoticFracture => Some(Pattern::OsteoporoticFracture),
        }
    }
}

/// The stage of back pain an article is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Useful at any stage.
    Any,
    /// The first six weeks.
    Acute,
    /// Six to twelve weeks.
    Subacute,
    /// More than twelve weeks.
    Chronic,
    /// A flare-up of longer-standing pain.
    Flare,
}

/// Reads a review date written `YYYY-MM-DD`, as a TOML string or a TOML date, into the
/// core's one date type (so its error names what is wrong with the date).
fn review_date<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
    let text = match toml::Value::deserialize(d)? {
        toml::Value::String(s) => s,
        toml::Value::Datetime(dt) => dt.to_string(),
        other => {
            return Err(serde::de::Error::custom(format!(
                "expected a date written YYYY-MM-DD, found a TOML {}",
                other.type_str()
            )));
        }
    };
    Date::parse(&text).map_err(serde::de::Error::custom)
}

/// An article's front matter.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// Stable identifier, the same in every language (`slipped-disc-and-sciatica`).
    pub id: String,
    /// The language this file is written in.
    pub lang: Lang,
    /// The title.
    pub title: String,
    /// One or two sentences shown in lists and search results.
    pub summary: String,
    /// What the article is about.
    pub topics: Vec<Topic>,
    /// The pain patterns it is written for.
    pub patterns: Vec<PatternTag>,
    /// The stages it is written for.
    pub stages: Vec<Stage>,
    /// Exercises to link to.
    pub related_exercises: Vec<ExerciseId>,
    /// Articles to link to, by id.
    pub related_articles: Vec<String>,
    /// The published sources the article rests on.
    pub sources: Vec<String>,
    /// When a reviewer last checked it.
    #[serde(deserialize_with = "review_date")]
    pub last_reviewed: Date,
}

/// One article in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The front matter.
    pub meta: Meta,
    /// The Markdown body (after the front matter).
    pub body_markdown: String,
}

/// Labels used around an article, in both languages.
pub mod labels {
    use backcare_core::lang::{Text, t};

    /// Heading of the related exercises.
    pub const RELATED_EXERCISES: Text =
        t("Exercises that may help", "Ejercicios que pueden ayudar");
    /// Heading of the related articles.
    pub const RELATED_ARTICLES: Text = t("Read next", "Siga leyendo");
    /// Heading of the sources.
    pub const SOURCES: Text = t("Sources", "Fuentes");
    /// Before the review date.
    pub const LAST_REVIEWED: Text = t("Last reviewed", "Última revisión");
    /// Before the topics.
    pub const TOPICS: Text = t("Topics", "Temas");
}

fn valid_id(id: &str) -> bool {
    ExerciseId::new(id).is_ok()
}

/// Parses one article file named `file` (`<id>.<lang>.md`).
pub fn parse(file: &str, text: &str) -> Result<Article, BadFile> {
    let bad = |message: String| BadFile {
        file: file.to_owned(),
        message,
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    if lines.next().map(str::trim_end) != Some("+++") {
        return Err(bad("the file must start with a line \"+++\"".to_owned()));
    }
    let mut front = String::new();
    let mut closed = false;
    for line in lines.by_ref() {
        if line.trim_end() == "+++" {
            closed = true;
            break;
        }
        front.push_str(line);
    }
    if !closed {
        return Err(bad(
            "the front matter has no closing line \"+++\"".to_owned()
        ));
    }
    let body: String = lines.collect();
    let meta: Meta = toml::from_str(&front).map_err(|e| bad(e.to_string()))?;
    if !valid_id(&meta.id) {
        return Err(bad(format!(
            "id {:?} must be lowercase letters, digits and hyphens",
            meta.id
        )));
    }
    let expected = format!("{}.{}.md", meta.id, meta.lang.code());
    if expected != file {
        return Err(bad(format!(
            "id {:?} and lang {:?} do not match the file name (expected {expected})",
            meta.id,
            meta.lang.code()
        )));
    }
    let body = expand_directives(body.trim(), meta.lang).map_err(bad)?;
    Ok(Article {
        meta,
        body_markdown: body,
    })
}

/// Replaces each directive line with the text it stands for. Today there is one:
/// `{{safety-net}}`, or `{{safety-net: topic, topic}}`, the warning signs rendered from
/// the triage rule table (general signs plus those of the topics), so an article's
/// "when to get help" can never disagree with the engine. Expanding at parse time
/// means the HTML, the terminal blocks, the plain text and the search index all
/// show the same words.
fn expand_directives(body: &str, lang: Lang) -> Result<String, String> {
    let mut out = String::with_capacity(body.len());
    for (n, line) in body.lines().enumerate() {
        let trimmed = line.trim();
        let Some(inner) = trimmed
            .strip_prefix("{{")
            .and_then(|rest| rest.strip_suffix("}}"))
        else {
            if trimmed.starts_with("{{") {
                return Err(format!(
                    "body line {}: a directive must be one whole line, like {{{{safety-net: legs}}}}",
                    n + 1
                ));
            }
            out.push_str(line);
            out.push('\n');
            continue;
        };
        let (name, args) = inner.split_once(':').unwrap_or((inner, ""));
        if name.trim() != "safety-net" {
            return Err(format!(
                "body line {}: unknown directive {:?}; the only one is {{{{safety-net}}}}",
                n + 1,
                name.trim()
            ));
        }
        let topics = args
            .split(',')
            .filter(|a| !a.trim().is_empty())
            .map(|a| a.trim().parse::<safety_net::Topic>())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| format!("body line {}: {e}", n + 1))?;
        out.push_str(&safety_net::markdown(lang, &topics));
    }
    Ok(out.trim_end().to_owned())
}

/// Parses every article file, sorted by id, then English before Spanish.
pub fn parse_all() -> Result<Vec<Article>, BadFile> {
    let mut all = crate::files::ARTICLES
        .iter()
        .map(|(file, text)| parse(file, text))
        .collect::<Result<Vec<_>, _>>()?;
    all.sort_by(|a, b| {
        (a.meta.id.as_str(), a.meta.lang.code()).cmp(&(b.meta.id.as_str(), b.meta.lang.code()))
    });
    Ok(all)
}

/// Every article, or the first file that does not parse.
pub fn try_all() -> Result<&'static [Article], &'static BadFile> {
    static LIBRARY: OnceLock<Result<Vec<Article>, BadFile>> = OnceLock::new();
    LIBRARY.get_or_init(parse_all).as_deref()
}

/// Every article. The files are checked by tests, so this cannot fail in a release.
pub fn all() -> &'static [Article] {
    try_all().unwrap_or_else(|e| panic!("article library: {e}"))
}

/// One article by id and language.
pub fn get(id: &str, lang: Lang) -> Option<&'static Article> {
    all()
        .iter()
        .find(|a| a.meta.id == id && a.meta.lang == lang)
}

/// An article in both languages.
#[derive(Debug, Clone, Copy)]
pub struct Pair<'a> {
    /// The English version.
    pub en: &'a Article,
    /// The Spanish version.
    pub es: &'a Article,
}

/// Groups `articles` by id. Returns the pairs, and the ids that lack a language.
pub fn pair(articles: &[Article]) -> (Vec<Pair<'_>>, Vec<String>) {
    let mut ids: Vec<&str> = articles.iter().map(|a| a.meta.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    let find = |id: &str, lang| {
        articles
            .iter()
            .find(|a| a.meta.id == id && a.meta.lang == lang)
    };
    let mut pairs = Vec::new();
    let mut lonely = Vec::new();
    for id in ids {
        match (find(id, Lang::En), find(id, Lang::Es)) {
            (Some(en), Some(es)) => pairs.push(Pair { en, es }),
            _ => lonely.push(id.to_owned()),
        }
    }
    (pairs, lonely)
}

/// Every article id, sorted.
pub fn ids() -> Vec<&'static str> {
    let mut ids: Vec<&str> = all().iter().map(|a| a.meta.id.as_str()).collect();
    ids.dedup();
    ids
}

fn parser(markdown: &str) -> Parser<'_> {
    Parser::new_ext(markdown, Options::empty())
}

/// Escapes text for HTML and SVG, in content and in attribute values (quoted with either
/// quote); the one escaper of the workspace: the handouts, charts, figures and search
/// snippets call it too.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Keeps links that go to the web, to a page of ours or to an anchor; others become `#`.
fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    let lower = url.trim().to_ascii_lowercase();
    let ok = lower.starts_with("https://")
        || lower.starts_with("http://")
        || lower.starts_with("mailto:")
        || (lower.starts_with('/') && !lower.starts_with("//"))
        || lower.starts_with('#');
    if ok { url } else { CowStr::Borrowed("#") }
}

/// The title an article has in `lang`, or its id if there is none.
fn article_title(id: &str, lang: Lang) -> String {
    try_all()
        .ok()
        .and_then(|all| all.iter().find(|a| a.meta.id == id && a.meta.lang == lang))
        .map_or_else(|| id.to_owned(), |a| a.meta.title.clone())
}

/// A related exercise or article: its title in the article's language and its page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The id.
    pub id: String,
    /// The title (or name) in the article's language.
    pub title: String,
    /// The web page: `/exercises/<id>` or `/articles/<id>`.
    pub href: String,
}

/// The exercises an article links to, named in its language.
pub fn related_exercises(article: &Article) -> Vec<Link> {
    let lang = article.meta.lang;
    let names = crate::exercises::parse_all().unwrap_or_default();
    article
        .meta
        .related_exercises
        .iter()
        .map(|id| Link {
            id: id.as_str().to_owned(),
            title: names
                .iter()
                .find(|e| &e.id == id)
                .map_or_else(|| id.as_str().to_owned(), |e| e.name.get(lang).to_owned()),
            href: format!("/exercises/{}", id.as_str()),
        })
        .collect()
}

/// The articles an article links to, titled in its language.
pub fn related_articles(article: &Article) -> Vec<Link> {
    let lang = article.meta.lang;
    article
        .meta
        .related_articles
        .iter()
        .map(|id| Link {
            id: id.clone(),
            title: article_title(id, lang),
            href: format!("/articles/{id}"),
        })
        .collect()
}

/// Renders an article as an HTML fragment (`<article>`): the title, the summary, the body,
/// then related exercises and articles, the sources and the review date, labelled in the
/// article's language. Raw HTML in the Markdown is shown as text, never passed through,
/// and links other than web, mail and site-relative ones are dropped.
pub fn to_html(article: &Article) -> String {
    let lang = article.meta.lang;
    let mut html = String::new();
    html.push_str(&format!(
        "<article lang=\"{}\">\n<h1>{}</h1>\n<p class=\"summary\">{}</p>\n",
        lang.code(),
        escape(&article.meta.title),
        escape(&article.meta.summary)
    ));
    let events = parser(&article.body_markdown).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        other => other,
    });
    pulldown_cmark::html::push_html(&mut html, events);

    let mut links = |heading: Text, class: &str, items: Vec<Link>| {
        if items.is_empty() {
            return;
        }
        html.push_str(&format!(
            "<section class=\"{class}\">\n<h2>{}</h2>\n<ul>\n",
            escape(heading.get(lang))
        ));
        for item in items {
            html.push_str(&format!(
                "<li><a href=\"{}\">{}</a></li>\n",
                escape(&item.href),
                escape(&item.title)
            ));
        }
        html.push_str("</ul>\n</section>\n");
    };
    links(
        labels::RELATED_EXERCISES,
        "related-exercises",
        related_exercises(article),
    );
    links(
        labels::RELATED_ARTICLES,
        "related-articles",
        related_articles(article),
    );
    if !article.meta.sources.is_empty() {
        html.push_str(&format!(
            "<section class=\"sources\">\n<h2>{}</h2>\n<ol>\n",
            escape(labels::SOURCES.get(lang))
        ));
        for source in &article.meta.sources {
            html.push_str(&format!("<li>{}</li>\n", escape(source)));
        }
        html.push_str("</ol>\n</section>\n");
    }
    let date = article.meta.last_reviewed;
    html.push_str(&format!(
        "<p class=\"reviewed\">{}: <time datetime=\"{date}\">{date}</time></p>\n</article>\n",
        escape(labels::LAST_REVIEWED.get(lang))
    ));
    html
}

/// How a run of text is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanStyle {
    /// Ordinary text.
    Plain,
    /// Strong emphasis (`**bold**`).
    Strong,
    /// Emphasis (`*italic*`).
    Emphasis,
    /// Code or a literal.
    Code,
}

/// A run of text in one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The text.
    pub text: String,
    /// Its style.
    pub style: SpanStyle,
}

/// A block of an article's body, for showing in a terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading (level 1-6).
    Heading {
        /// The level (2 for a `## ` section).
        level: u8,
        /// The heading text.
        text: String,
    },
    /// A paragraph.
    Paragraph(Vec<Span>),
    /// A list item.
    Item {
        /// Nesting depth, 0 for a top-level item.
        depth: usize,
        /// `•` or the item's number (`1.`).
        marker: String,
        /// The item's text.
        spans: Vec<Span>,
    },
    /// A quotation.
    Quote(Vec<Span>),
    /// Preformatted text.
    Code(String),
    /// A horizontal rule.
    Rule,
}

impl Block {
    /// The block's text without styles.
    pub fn text(&self) -> String {
        let join = |spans: &[Span]| spans.iter().map(|s| s.text.as_str()).collect::<String>();
        match self {
            Block::Heading { text, .. } | Block::Code(text) => text.clone(),
            Block::Paragraph(spans) | Block::Quote(spans) | Block::Item { spans, .. } => {
                join(spans)
            }
            Block::Rule => String::new(),
        }
    }
}

/// Splits an article's body into blocks for the terminal: headings, paragraphs, list items
/// (with their nesting and numbers), quotations and code. Links keep their text; a link
/// to the web is followed by its address in brackets.
pub fn to_blocks(article: &Article) -> Vec<Block> {
    blocks_of(&article.body_markdown)
}

fn blocks_of(markdown: &str) -> Vec<Block> {
    enum Open {
        None,
        Heading(u8),
        Para,
        Quote,
        Code,
    }
    let mut blocks = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let mut open = Open::None;
    let mut strong = 0usize;
    let mut emphasis = 0usize;
    let mut quote = 0usize;
    // For each open list: the next number, or None for bullets.
    let mut lists: Vec<Option<u64>> = Vec::new();
    // The marker of the item being read, until its text is flushed.
    let mut item: Option<(usize, String)> = None;
    let mut link: Option<String> = None;

    let push = |spans: &mut Vec<Span>, text: &str, style: SpanStyle| {
        if let Some(last) = spans.last_mut().filter(|s| s.style == style) {
            last.text.push_str(text);
        } else if !text.is_empty() {
            spans.push(Span {
                text: text.to_owned(),
                style,
            });
        }
    };
    let flush = |blocks: &mut Vec<Block>,
                 spans: &mut Vec<Span>,
                 item: &mut Option<(usize, String)>,
                 quoted: bool| {
        trim_spans(spans);
        if spans.is_empty() && item.is_none() {
            return;
        }
        let spans = std::mem::take(spans);
        if let Some((depth, marker)) = item.take() {
            blocks.push(Block::Item {
                depth,
                marker,
                spans,
            });
        } else if quoted {
            blocks.push(Block::Quote(spans));
        } else {
            blocks.push(Block::Paragraph(spans));
        }
    };

    for event in parser(markdown) {
        let style = if strong > 0 {
            SpanStyle::Strong
        } else if emphasis > 0 {
            SpanStyle::Emphasis
        } else {
            SpanStyle::Plain
        };
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut blocks, &mut spans, &mut item, quote > 0);
                open = Open::Heading(heading_level(level));
            }
            Event::End(TagEnd::Heading(_)) => {
                let text = spans
                    .drain(..)
                    .map(|s| s.text)
                    .collect::<String>()
                    .trim()
                    .to_owned();
                if let Open::Heading(level) = open {
                    blocks.push(Block::Heading { level, text });
                }
                open = Open::None;
            }
            Event::Start(Tag::Paragraph) => {
                if item.is_none() {
                    flush(&mut blocks, &mut spans, &mut item, quote > 0);
                } else if !spans.is_empty() {
                    push(&mut spans, " ", SpanStyle::Plain);
                }
                open = if quote > 0 { Open::Quote } else { Open::Para };
            }
            Event::End(TagEnd::Paragraph) => {
                if item.is_none() {
                    flush(&mut blocks, &mut spans, &mut item, quote > 0);
                }
                open = Open::None;
            }
            Event::Start(Tag::BlockQuote(_)) => {
                flush(&mut blocks, &mut spans, &mut item, quote > 0);
                quote += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                flush(&mut blocks, &mut spans, &mut item, true);
                quote = quote.saturating_sub(1);
            }
            Event::Start(Tag::CodeBlock(_)) => {
                flush(&mut blocks, &mut spans, &mut item, quote > 0);
                open = Open::Code;
            }
            Event::End(TagEnd::CodeBlock) => {
                let text = spans.drain(..).map(|s| s.text).collect::<String>();
                blocks.push(Block::Code(text.trim_end().to_owned()));
                open = Open::None;
            }
            Event::Start(Tag::List(first)) => {
                flush(&mut blocks, &mut spans, &mut item, quote > 0);
                lists.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                flush(&mut blocks, &mut spans, &mut item, quote > 0);
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                flush(&mut blocks, &mut spans, &mut item, quote > 0);
                let depth = lists.len().saturating_sub(1);
                let marker = match lists.last_mut() {
                    Some(Some(n)) => {
                        let m = format!("{n}.");
                        *n += 1;
                        m
                    }
                    _ => "•".to_owned(),
                };
                item = Some((depth, marker));
            }
            Event::End(TagEnd::Item) => flush(&mut blocks, &mut spans, &mut item, quote > 0),
            Event::Start(Tag::Strong) => strong += 1,
            Event::End(TagEnd::Strong) => strong = strong.saturating_sub(1),
            Event::Start(Tag::Emphasis) => emphasis += 1,
            Event::End(TagEnd::Emphasis) => emphasis = emphasis.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => {
                let url = dest_url.to_string();
                link = (url.starts_with("http://") || url.starts_with("https://")).then_some(url);
            }
            Event::End(TagEnd::Link) => {
                if let Some(url) = link.take() {
                    push(&mut spans, &format!(" ({url})"), SpanStyle::Plain);
                }
            }
            Event::Text(text) | Event::Html(text) | Event::InlineHtml(text) => {
                let style = if matches!(open, Open::Code) {
                    SpanStyle::Code
                } else {
                    style
                };
                push(&mut spans, &text, style);
            }
            Event::Code(text) => push(&mut spans, &text, SpanStyle::Code),
            Event::SoftBreak => push(&mut spans, " ", style),
            Event::HardBreak => push(&mut spans, "\n", style),
            Event::Rule => {
                flush(&mut blocks, &mut spans, &mut item, quote > 0);
                blocks.push(Block::Rule);
            }
            _ => {}
        }
    }
    flush(&mut blocks, &mut spans, &mut item, quote > 0);
    blocks
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn trim_spans(spans: &mut Vec<Span>) {
    if let Some(first) = spans.first_mut() {
        first.text = first.text.trim_start().to_owned();
    }
    if let Some(last) = spans.last_mut() {
        last.text = last.text.trim_end().to_owned();
    }
    spans.retain(|s| !s.text.is_empty());
}

/// The body as plain text: one block a line, without Markdown syntax (for search and
/// word counts).
pub fn plain_text(article: &Article) -> String {
    to_blocks(article)
        .iter()
        .map(Block::text)
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The number of words in the body.
pub fn word_count(article: &Article) -> usize {
    plain_text(article).split_whitespace().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"+++
id = "sample"
lang = "en"
title = "A <sample>"
summary = "Short & sweet."
topics = ["basics", "flare-ups"]
patterns = ["any"]
stages = ["acute"]
related_exercises = ["walking"]
related_articles = ["other"]
sources = ["NICE NG59"]
last_reviewed = 2026-11-23
+++

## First

Some **bold** and *soft* text with a [link](https://example.org) and <script>x</script>.

1. one
2. two
   - nested

[bad](javascript:alert(1))
"#;

    fn sample() -> Article {
        parse("sample.en.md", SAMPLE).unwrap()
    }

    #[test]
    fn parses_front_matter_and_body() {
        let a = sample();
        assert_eq!(a.meta.topics, [Topic::Basics, Topic::FlareUps]);
        assert_eq!(a.meta.last_reviewed.to_string(), "2026-11-23");
        assert!(a.body_markdown.starts_with("## First"));
    }

    #[test]
    fn rejects_bad_files() {
        let cases = [
            ("sample.es.md", SAMPLE, "file name"),
            ("sample.en.md", "no front matter", "start with"),
            ("sample.en.md", "+++\nid = \"sample\"\n", "closing"),
            (
                "sample.en.md",
                &SAMPLE.replace("stages = [\"acute\"]", "stages = [\"acute\"]\nextra = 1"),
                "unknown field",
            ),
            (
                "sample.en.md",
                &SAMPLE.replace("2026-11-23", "\"2026-02-30\""),
                "that month has 28 days",
            ),
            (
                "sample.en.md",
                &SAMPLE.replace("2026-11-23", "2026-11-23T10:00:00"),
                "write it as YYYY-MM-DD",
            ),
            (
                "sample.en.md",
                &SAMPLE.replace("2026-11-23", "20261123"),
                "found a TOML integer",
            ),
            (
                "sample.en.md",
                &SAMPLE.replace("\"basics\"", "\"gossip\""),
                "unknown variant",
            ),
        ];
        for (file, text, want) in cases {
            let err = parse(file, text).unwrap_err().to_string();
            assert!(err.contains(want), "{err:?} should mention {want:?}");
        }
    }

    #[test]
    fn escape_covers_content_and_both_quotes() {
        assert_eq!(
            escape(r#"<a title="x">Tom & Jerry's</a>"#),
            "&lt;a title=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"
        );
        assert_eq!(escape("año ñ"), "año ñ");
    }

    #[test]
    fn html_is_escaped_and_labelled() {
        let html = to_html(&sample());
        assert!(html.contains("<h1>A &lt;sample&gt;</h1>"), "{html}");
        assert!(html.contains("Short &amp; sweet."));
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<script>"));
        assert!(!html.contains("javascript:"));
        assert!(html.contains("<a href=\"https://example.org\">link</a>"));
        assert!(html.contains("<a href=\"/exercises/walking\">"));
        assert!(html.contains("<a href=\"/articles/other\">other</a>"));
        assert!(html.contains("<h2>Sources</h2>"));
        assert!(html.contains("Last reviewed: <time datetime=\"2026-11-23\">"));
    }

    #[test]
    fn blocks_keep_structure() {
        let blocks = to_blocks(&sample());
        assert_eq!(
            blocks[0],
            Block::Heading {
                level: 2,
                text: "First".into()
            }
        );
        let Block::Paragraph(spans) = &blocks[1] else {
            panic!("{blocks:?}")
        };
        assert!(
            spans
                .iter()
                .any(|s| s.text == "bold" && s.style == SpanStyle::Strong)
        );
        assert!(blocks[1].text().contains("link (https://example.org)"));
        let items: Vec<_> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Item { depth, marker, .. } => Some((*depth, marker.as_str())),
                _ => None,
            })
            .collect();
        assert_eq!(items, [(0, "1."), (0, "2."), (1, "•")]);
        assert!(blocks[3].text() == "two", "{blocks:?}");
    }

    #[test]
    fn safety_net_directives_expand_from_the_rule_table() {
        let text = SAMPLE.replace("[bad](javascript:alert(1))", "{{safety-net: belly}}");
        let a = parse("sample.en.md", &text).unwrap();
        assert!(!a.body_markdown.contains("{{"), "{}", a.body_markdown);
        let action = backcare_core::triage::Level::Emergency.action().en;
        assert!(a.body_markdown.contains(action), "{}", a.body_markdown);
        assert!(plain_text(&a).contains("Chest pain, pressure or tightness"));
        assert!(plain_text(&a).contains("A lump in the belly that beats like a pulse"));
        assert!(to_html(&a).contains("<li>Chest pain, pressure or tightness</li>"));
        for (directive, want) in [
            (
                "{{safety-net: elbows}}",
                "unknown safety-net topic \"elbows\"",
            ),
            ("{{warnings}}", "unknown directive"),
            ("{{safety-net", "one whole line"),
        ] {
            let text = SAMPLE.replace("[bad](javascript:alert(1))", directive);
            let err = parse("sample.en.md", &text).unwrap_err().to_string();
            assert!(err.contains(want), "{err:?} should mention {want:?}");
        }
    }

    #[test]
    fn topics_parse_from_the_command_line() {
        assert_eq!("flare_ups".parse::<Topic>(), Ok(Topic::FlareUps));
        for topic in Topic::ALL {
            assert_eq!(topic.as_str().parse::<Topic>(), Ok(topic));
        }
        let err = "gossip".parse::<Topic>().unwrap_err().to_string();
        assert!(err.contains("special-groups"), "{err}");
    }
}
