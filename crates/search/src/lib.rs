//! Full-text search over backcare's education articles, in English and Spanish.
//!
//! [`Index::build`] indexes the articles compiled into `backcare-content` in memory (a few
//! milliseconds; nothing is written to disk). Each language has its own fields and its own
//! analyzer: words are split, lower-cased, common words dropped, stemmed with the Snowball
//! stemmer of that language and folded to ASCII, so "ciatica" finds "ciática" and
//! "exercises" finds "exercise".
//!
//! A search scores titles above summaries above bodies (BM25). Words are also matched with
//! typos: each word of four to seven letters matches words one edit away, longer words two
//! edits away (tantivy's Levenshtein automaton, as in its `FuzzyTermQuery`). The words found
//! that way are scored like exact words but weighted down, so exact and stemmed matches rank
//! first. A short table of synonyms people type ("slipped disc", "lumbago") adds the words
//! the articles use.
//!
//! Every hit carries a snippet of the article with the matched words marked, as byte ranges
//! (for a terminal) or `<b>` markup (for the web).

mod synonyms;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;
use std::sync::Mutex;

use backcare_content::articles::{self, Article};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    StopWordFilter, TextAnalyzer,
};
use tantivy::{Searcher, TantivyDocument, Term};

pub use backcare_content::articles::Topic;
pub use backcare_core::Lang;

/// The longest search accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 200;
/// The most results one search returns.
pub const MAX_LIMIT: usize = 100;
/// The length of a snippet, in characters (about two lines).
pub const SNIPPET_CHARS: usize = 160;

/// Field weights: a word in the title counts more than one in the summary or the body.
const TITLE_BOOST: f32 = 3.0;
const SUMMARY_BOOST: f32 = 1.5;
const BODY_BOOST: f32 = 1.0;
/// Weight of a word found one or two edits away from a word typed.
const FUZZY_BOOST: [f32; 3] = [1.0, 0.5, 0.3];
/// Extra factor when the word typed is itself in the articles (probably not a typo).
const KNOWN_WORD_FUZZY_FACTOR: f32 = 0.2;
/// Weight of a synonym's words.
const SYNONYM_BOOST: f32 = 0.6;
/// At most this many near words per word typed.
const MAX_EXPANSIONS: usize = 8;

/// Why a search could not run.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// Nothing but spaces.
    #[error("the search is empty: type a few words, for example \"sciatica exercises\"")]
    EmptyQuery,
    /// Longer than [`MAX_QUERY_CHARS`].
    #[error("the search is too long ({chars} characters): use at most {MAX_QUERY_CHARS}")]
    TooLong {
        /// The length given.
        chars: usize,
    },
    /// Only words too common to search for ("the", "de la").
    #[error("the search has only very common words: add a word such as \"sciatica\" or \"sleep\"")]
    NothingToSearch,
    /// A limit of 0 or more than [`MAX_LIMIT`].
    #[error("the number of results must be between 1 and {MAX_LIMIT}, not {0}")]
    BadLimit(usize),
    /// The compiled-in articles do not parse (caught by the content crate's tests).
    #[error("the article library does not load: {0}")]
    Library(String),
    /// The search engine failed.
    #[error("search engine: {0}")]
    Engine(#[from] tantivy::TantivyError),
}

impl SearchError {
    /// The message in `lang`, for a person.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (SearchError::EmptyQuery, Lang::Es) => {
                "la búsqueda está vacía: escriba algunas palabras, por ejemplo \"ciática ejercicios\"".to_owned()
            }
            (SearchError::TooLong { chars }, Lang::Es) => format!(
                "la búsqueda es demasiado larga ({chars} caracteres): use como máximo {MAX_QUERY_CHARS}"
            ),
            (SearchError::NothingToSearch, Lang::Es) => {
                "la búsqueda solo tiene palabras muy comunes: añada una palabra como \"ciática\" o \"sueño\"".to_owned()
            }
            (SearchError::BadLimit(n), Lang::Es) => {
                format!("el número de resultados debe estar entre 1 y {MAX_LIMIT}, no {n}")
            }
            (SearchError::Library(e), Lang::Es) => {
                format!("la biblioteca de artículos no se puede cargar: {e}")
            }
            (SearchError::Engine(e), Lang::Es) => format!("motor de búsqueda: {e}"),
            (e, Lang::En) => e.to_string(),
        }
    }
}

/// What to search for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// The words typed, in any order, with or without accents.
    pub text: String,
    /// Only articles in this language; `None` searches both.
    pub lang: Option<Lang>,
    /// Only articles on this topic.
    pub topic: Option<Topic>,
    /// The most results to return, 1 to [`MAX_LIMIT`].
    pub limit: usize,
}

impl Query {
    /// A search for `text` in every language and topic, with up to 10 results.
    pub fn new(text: impl Into<String>) -> Query {
        Query {
            text: text.into(),
            lang: None,
            topic: None,
            limit: 10,
        }
    }

    /// Only articles in `lang`.
    pub fn lang(mut self, lang: Lang) -> Query {
        self.lang = Some(lang);
        self
    }

    /// Only articles on `topic`.
    pub fn topic(mut self, topic: Topic) -> Query {
        self.topic = Some(topic);
        self
    }

    /// At most `limit` results.
    pub fn limit(mut self, limit: usize) -> Query {
        self.limit = limit;
        self
    }
}

/// A passage of an article with the words that matched.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snippet {
    /// The passage, as plain text.
    pub text: String,
    /// Byte ranges of `text` to highlight, in order, not overlapping.
    pub highlights: Vec<Range<usize>>,
}

impl Snippet {
    /// The passage as HTML, escaped, with the matches in `<b>`.
    pub fn to_html(&self) -> String {
        self.marked("<b>", "</b>", backcare_content::articles::escape)
    }

    /// The passage with each match between `open` and `close` (for example terminal
    /// styles), the rest unchanged.
    pub fn marked(&self, open: &str, close: &str, text: impl Fn(&str) -> String) -> String {
        let mut out = String::new();
        let mut at = 0;
        for r in &self.highlights {
            // Ranges out of order or not on character boundaries are skipped.
            let (Some(before), Some(marked)) =
                (self.text.get(at..r.start), self.text.get(r.clone()))
            else {
                continue;
            };
            out.push_str(&text(before));
            out.push_str(open);
            out.push_str(&text(marked));
            out.push_str(close);
            at = r.end;
        }
        out.push_str(&text(&self.text[at..]));
        out
    }
}

/// One article found.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The article's id.
    pub id: String,
    /// Its language.
    pub lang: Lang,
    /// Its title.
    pub title: String,
    /// Its summary.
    pub summary: String,
    /// Its topics.
    pub topics: Vec<Topic>,
    /// The passage that matched best (from the body, else the summary).
    pub snippet: Snippet,
    /// Relevance: higher is better; only comparable within one search.
    pub score: f32,
}

/// The fields of one language.
#[derive(Debug, Clone, Copy)]
struct LangFields {
    title: Field,
    summary: Field,
    body: Field,
}

impl LangFields {
    fn weighted(self) -> [(Field, f32); 3] {
        [
            (self.title, TITLE_BOOST),
            (self.summary, SUMMARY_BOOST),
            (self.body, BODY_BOOST),
        ]
    }
}

/// What the index keeps of each article, by document order.
#[derive(Debug, Clone)]
struct Doc {
    id: String,
    lang: Lang,
    title: String,
    summary: String,
    topics: Vec<Topic>,
    body: String,
}

/// A word to search for, after analysis, with its weight.
#[derive(Debug, Clone)]
struct Word {
    term: String,
    weight: f32,
}

/// The search index, built in memory. Cheap to share between threads (`Sync`).
pub struct Index {
    searcher: Searcher,
    id: Field,
    lang: Field,
    topic: Field,
    ord: Field,
    fields: [LangFields; 2],
    analyzers: [TextAnalyzer; 2],
    synonyms: [synonyms::Table; 2],
    docs: Vec<Doc>,
    /// The results of searches already run, by what was asked (see [`Index::search`]).
    cache: Mutex<HashMap<CacheKey, Vec<Hit>>>,
}

/// What a cached search was asked: the words as typed (trimmed), and the filters.
type CacheKey = (String, Option<Lang>, Option<Topic>, usize);

/// The most searches kept. The articles are compiled in, so a result never goes stale; the
/// bound only caps memory (about 10 KB a search, so about 40 MB at most), and a full cache
/// is emptied and fills again with what people search for now.
pub const CACHE_ENTRIES: usize = 4096;

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("articles", &self.docs.len())
            .finish_non_exhaustive()
    }
}

fn slot(lang: Lang) -> usize {
    match lang {
        Lang::En => 0,
        Lang::Es => 1,
    }
}

/// The analyzer of `lang`: split, drop very long tokens, lower-case, drop stop words,
/// stem, fold accents.
pub fn analyzer(lang: Lang) -> TextAnalyzer {
    let language = match lang {
        Lang::En => Language::English,
        Lang::Es => Language::Spanish,
    };
    // Both languages have a stop-word list in tantivy; none is a safe fallback.
    let stop = StopWordFilter::new(language)
        .unwrap_or_else(|| StopWordFilter::remove(Vec::<String>::new()));
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(stop)
        .filter(Stemmer::new(language))
        .filter(AsciiFoldingFilter)
        .build()
}

/// The terms `text` is indexed under in `lang`, in order.
pub fn analyze(lang: Lang, text: &str) -> Vec<String> {
    terms(&mut analyzer(lang), text)
}

fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        out.push(token.text.clone());
    }
    out
}

/// Optimal string alignment distance (a swap of two neighbours counts one), by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
        }
    }
    rows[a.len()][b.len()]
}

/// The edits allowed for a word of `chars` characters.
fn allowed_edits(chars: usize) -> u8 {
    match chars {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

impl Index {
    /// Indexes every article compiled into `backcare-content`.
    pub fn build() -> Result<Index, SearchError> {
        let articles = articles::try_all().map_err(|e| SearchError::Library(e.to_string()))?;
        Index::from_articles(articles)
    }

    /// Indexes `articles` (for tests and tools; [`Index::build`] is the usual way).
    pub fn from_articles(articles: &[Article]) -> Result<Index, SearchError> {
        let mut schema = Schema::builder();
        let id = schema.add_text_field("id", STRING | STORED);
        let lang = schema.add_text_field("lang", STRING | STORED);
        let topic = schema.add_text_field("topic", STRING | STORED);
        let ord = schema.add_u64_field("ord", STORED);
        let mut lang_fields = |code: &str| {
            let options = TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(code)
                    .set_index_option(IndexRecordOption::WithFreqs),
            );
            LangFields {
                title: schema.add_text_field(&format!("title_{code}"), options.clone()),
                summary: schema.add_text_field(&format!("summary_{code}"), options.clone()),
                body: schema.add_text_field(&format!("body_{code}"), options),
            }
        };
        let fields = [lang_fields("en"), lang_fields("es")];
        let index = tantivy::Index::create_in_ram(schema.build());
        for l in Lang::ALL {
            index.tokenizers().register(l.code(), analyzer(l));
        }

        let docs: Vec<Doc> = articles
            .iter()
            .map(|a| Doc {
                id: a.meta.id.clone(),
                lang: a.meta.lang,
                title: a.meta.title.clone(),
                summary: a.meta.summary.clone(),
                topics: a.meta.topics.clone(),
                body: body_text(a),
            })
            .collect();
        let mut writer = index.writer_with_num_threads::<TantivyDocument>(1, 15_000_000)?;
        for (n, d) in docs.iter().enumerate() {
            let f = fields[slot(d.lang)];
            let mut doc = TantivyDocument::default();
            doc.add_text(id, &d.id);
            doc.add_text(lang, d.lang.code());
            for t in &d.topics {
                doc.add_text(topic, t.as_str());
            }
            doc.add_u64(ord, n as u64);
            doc.add_text(f.title, &d.title);
            doc.add_text(f.summary, &d.summary);
            doc.add_text(f.body, &d.body);
            writer.add_document(doc)?;
        }
        writer.commit()?;
        writer.wait_merging_threads()?;
        let reader = index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()?;
        let searcher = tantivy::IndexReader::searcher(&reader);
        let analyzers = [analyzer(Lang::En), analyzer(Lang::Es)];
        let synonyms = [
            synonyms::Table::new(Lang::En, &mut analyzers[0].clone()),
            synonyms::Table::new(Lang::Es, &mut analyzers[1].clone()),
        ];
        Ok(Index {
            searcher,
            id,
            lang,
            topic,
            ord,
            fields,
            analyzers,
            synonyms,
            docs,
            cache: Mutex::new(HashMap::new()),
        })
    }

    /// The number of articles indexed (each language counts once).
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether no article is indexed.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Whether `term` (already analyzed) occurs in any field of `lang`.
    fn known(&self, lang: Lang, term: &str) -> Result<bool, SearchError> {
        for (field, _) in self.fields[slot(lang)].weighted() {
            if self
                .searcher
                .doc_freq(&Term::from_field_text(field, term))?
                > 0
            {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Indexed terms of `lang` within the allowed edits of `term`, nearest first.
    fn near_terms(&self, lang: Lang, term: &str) -> Result<Vec<(String, usize)>, SearchError> {
        let edits = allowed_edits(term.chars().count());
        if edits == 0 {
            return Ok(Vec::new());
        }
        let mut found = BTreeSet::new();
        for (field, _) in self.fields[slot(lang)].weighted() {
            let query = FuzzyTermQuery::new(Term::from_field_text(field, term), edits, true);
            for segment in self.searcher.segment_readers() {
                let inverted = segment.inverted_index(field)?;
                let mut stream = inverted
                    .terms()
                    .search(query.automaton()?)
                    .into_stream()
                    .map_err(tantivy::TantivyError::from)?;
                while stream.advance() {
                    if let Ok(text) = std::str::from_utf8(stream.key())
                        && text != term
                    {
                        found.insert(text.to_owned());
                    }
                }
            }
        }
        let mut near: Vec<(String, usize)> = found
            .into_iter()
            .map(|t| {
                let d = edit_distance(term, &t);
                (t, d)
            })
            .filter(|(_, d)| (1..=usize::from(edits)).contains(d))
            .collect();
        near.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
        near.truncate(MAX_EXPANSIONS);
        Ok(near)
    }

    /// The words to search for in `lang`: the query's own (weight 1), synonyms and near
    /// words (weighted down). Empty if the query has only stop words in that language.
    fn words(&self, lang: Lang, text: &str) -> Result<Vec<Word>, SearchError> {
        let typed = terms(&mut self.analyzers[slot(lang)].clone(), text);
        let mut weights: BTreeMap<String, f32> = BTreeMap::new();
        let mut add = |term: &str, weight: f32| {
            let w = weights.entry(term.to_owned()).or_insert(0.0);
            *w = w.max(weight);
        };
        for term in &typed {
            add(term, 1.0);
        }
        for extra in self.synonyms[slot(lang)].expand(&typed) {
            add(&extra, SYNONYM_BOOST);
        }
        let unique: BTreeSet<&String> = typed.iter().collect();
        for term in unique {
            let factor = if self.known(lang, term)? {
                KNOWN_WORD_FUZZY_FACTOR
            } else {
                1.0
            };
            for (near, d) in self.near_terms(lang, term)? {
                add(&near, FUZZY_BOOST[d.min(2)] * factor);
            }
        }
        Ok(weights
            .into_iter()
            .map(|(term, weight)| Word { term, weight })
            .collect())
    }

    /// Searches the articles. Results are ranked best first.
    ///
    /// The index never changes once built, so the results of a search are kept
    /// ([`CACHE_ENTRIES`] of them) and the same search again is a copy of them: what people
    /// search for repeats ("sciatica", "exercises"), and a search costs about a millisecond,
    /// most of it in the typo-tolerant lookups. Refused searches are not kept.
    pub fn search(&self, query: &Query) -> Result<Vec<Hit>, SearchError> {
        let key: CacheKey = (
            query.text.trim().to_owned(),
            query.lang,
            query.topic,
            query.limit,
        );
        // A poisoned lock only means another search panicked mid-insert: the map is
        // still a map, so go on with it.
        if let Some(hits) = self
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(&key)
        {
            return Ok(hits.clone());
        }
        let hits = self.search_uncached(query)?;
        let mut cache = self
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if cache.len() >= CACHE_ENTRIES {
            cache.clear();
        }
        cache.insert(key, hits.clone());
        Ok(hits)
    }

    /// [`Index::search`] without the kept results: what a search costs the first time
    /// (the benchmark measures both).
    pub fn search_uncached(&self, query: &Query) -> Result<Vec<Hit>, SearchError> {
        let text = query.text.trim();
        if text.is_empty() {
            return Err(SearchError::EmptyQuery);
        }
        let chars = text.chars().count();
        if chars > MAX_QUERY_CHARS {
            return Err(SearchError::TooLong { chars });
        }
        if query.limit == 0 || query.limit > MAX_LIMIT {
            return Err(SearchError::BadLimit(query.limit));
        }
        let langs: Vec<Lang> = match query.lang {
            Some(l) => vec![l],
            None => Lang::ALL.to_vec(),
        };

        let mut should: Vec<(Occur, Box<dyn tantivy::query::Query>)> = Vec::new();
        let mut highlight: [BTreeMap<String, f32>; 2] = Default::default();
        for &l in &langs {
            let words = self.words(l, text)?;
            for word in &words {
                for (field, boost) in self.fields[slot(l)].weighted() {
                    let q = TermQuery::new(
                        Term::from_field_text(field, &word.term),
                        IndexRecordOption::WithFreqs,
                    );
                    should.push((
                        Occur::Should,
                        Box::new(BoostQuery::new(Box::new(q), boost * word.weight)),
                    ));
                }
                highlight[slot(l)].insert(word.term.clone(), word.weight);
            }
        }
        if should.is_empty() {
            return Err(SearchError::NothingToSearch);
        }
        let mut must: Vec<(Occur, Box<dyn tantivy::query::Query>)> =
            vec![(Occur::Must, Box::new(BooleanQuery::new(should)))];
        let mut filter = |field: Field, value: &str| {
            let q = TermQuery::new(
                Term::from_field_text(field, value),
                IndexRecordOption::Basic,
            );
            must.push((Occur::Must, Box::new(BoostQuery::new(Box::new(q), 0.0))));
        };
        if let Some(l) = query.lang {
            filter(self.lang, l.code());
        }
        if let Some(t) = query.topic {
            filter(self.topic, t.as_str());
        }
        let full = BooleanQuery::new(must);
        let top = self
            .searcher
            .search(&full, &TopDocs::with_limit(query.limit).order_by_score())?;

        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let stored: TantivyDocument = self.searcher.doc(address)?;
            let Some(doc) = stored
                .get_first(self.ord)
                .and_then(|v| v.as_u64())
                .and_then(|n| usize::try_from(n).ok())
                .and_then(|n| self.docs.get(n))
            else {
                continue;
            };
            debug_assert_eq!(
                stored.get_first(self.id).and_then(|v| v.as_str()),
                Some(doc.id.as_str())
            );
            let snippet = self.snippet(doc, &highlight[slot(doc.lang)]);
            hits.push(Hit {
                id: doc.id.clone(),
                lang: doc.lang,
                title: doc.title.clone(),
                summary: doc.summary.clone(),
                topics: doc.topics.clone(),
                snippet,
                score,
            });
        }
        Ok(hits)
    }

    /// The best passage of the body with the query's words, else of the summary, else the
    /// summary itself.
    fn snippet(&self, doc: &Doc, words: &BTreeMap<String, f32>) -> Snippet {
        let analyzer = self.analyzers[slot(doc.lang)].clone();
        let fields = self.fields[slot(doc.lang)];
        for (field, text) in [(fields.body, &doc.body), (fields.summary, &doc.summary)] {
            let generator =
                SnippetGenerator::new(words.clone(), analyzer.clone(), field, SNIPPET_CHARS);
            let found = generator.snippet(text);
            if !found.is_empty() {
                return tidy(text, found.fragment_range(), found.highlighted());
            }
        }
        Snippet {
            text: doc.summary.clone(),
            highlights: Vec::new(),
        }
    }

    /// Did-you-mean: article ids close to `id` (for an unknown id), nearest first.
    pub fn similar_ids(&self, id: &str) -> Vec<String> {
        similar_ids(id, self.docs.iter().map(|d| d.id.as_str()))
    }
}

/// Ids among `ids` that look like `wanted`: within a few edits, or sharing a word with it.
pub fn similar_ids<'a>(wanted: &str, ids: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let wanted = wanted.trim().to_lowercase();
    let words: Vec<&str> = wanted
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 3)
        .collect();
    let mut scored: Vec<(usize, String)> = Vec::new();
    for id in ids {
        if scored.iter().any(|(_, s)| s == id) {
            continue;
        }
        let d = edit_distance(&wanted, id);
        let shares = words.iter().any(|w| {
            id.split('-')
                .any(|part| part.starts_with(w) || w.starts_with(part) && part.len() >= 4)
        });
        if d <= 3 || shares {
            scored.push((d, id.to_owned()));
        }
    }
    scored.sort();
    scored.into_iter().take(5).map(|(_, id)| id).collect()
}

/// The body as one line of plain text: blocks joined by a space, or by " · " after a
/// heading or other block that does not end a sentence (so snippets read well).
fn body_text(article: &Article) -> String {
    let mut out = String::new();
    for block in articles::to_blocks(article) {
        let text = block
            .text()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if text.is_empty() {
            continue;
        }
        if !out.is_empty() {
            let ends_sentence = out.ends_with(['.', '!', '?', ':', ';', ',', ')']);
            out.push_str(if ends_sentence { " " } else { " · " });
        }
        out.push_str(&text);
    }
    out
}

/// Widens a tantivy fragment to whole words, trims it, and adds "…" where it was cut.
fn tidy(text: &str, range: Range<usize>, highlighted: &[Range<usize>]) -> Snippet {
    let mut start = range.start;
    while start > 0 && !text.is_char_boundary(start) {
        start -= 1;
    }
    // Back to the start of the word, and to the start of the sentence if it is near.
    while start > 0 {
        let prev = text[..start].chars().next_back().unwrap_or(' ');
        if prev.is_whitespace() {
            break;
        }
        start -= prev.len_utf8();
    }
    let end = range.end.min(text.len());
    let raw = &text[start..end];
    let lead = raw.len() - raw.trim_start().len();
    let body = raw.trim();
    let shift = start + lead;
    let mut out = String::new();
    let cut_before = shift > 0;
    let cut_after = shift + body.len() < text.trim_end().len();
    if cut_before {
        out.push_str("… ");
    }
    let offset = out.len();
    out.push_str(&body.replace('\n', " "));
    if cut_after {
        out.push_str(" …");
    }
    let highlights = highlighted
        .iter()
        .map(|r| {
            let s = range.start + r.start;
            let e = range.start + r.end;
            (s.saturating_sub(shift) + offset)..(e.saturating_sub(shift) + offset)
        })
        .filter(|r| r.start < r.end && r.end <= offset + body.len())
        .collect();
    Snippet {
        text: out,
        highlights,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analyzers_stem_and_fold() {
        assert_eq!(
            analyze(Lang::Es, "La ciática y los ejercicios de relajación"),
            ["ciatic", "ejercici", "relaj"]
        );
        assert_eq!(
            analyze(Lang::Es, "ciatica ejercicios relajacion"),
            ["ciatic", "ejercici", "relaj"]
        );
        assert_eq!(
            analyze(Lang::En, "Stretching exercises for the sciatica"),
            ["stretch", "exercis", "sciatica"]
        );
    }

    #[test]
    fn edit_distance_counts_swaps_once() {
        assert_eq!(edit_distance("sciatca", "sciatica"), 1);
        assert_eq!(edit_distance("esteonsis", "estenosis"), 1);
        assert_eq!(edit_distance("abc", "abc"), 0);
        assert_eq!(edit_distance("", "ab"), 2);
        assert_eq!(allowed_edits(3), 0);
        assert_eq!(allowed_edits(4), 1);
        assert_eq!(allowed_edits(7), 1);
        assert_eq!(allowed_edits(8), 2);
    }

    #[test]
    fn snippets_mark_matches() {
        let s = Snippet {
            text: "a <b> & sciatica".into(),
            highlights: vec![Range { start: 8, end: 16 }],
        };
        assert_eq!(s.to_html(), "a &lt;b&gt; &amp; <b>sciatica</b>");
        assert_eq!(s.marked("[", "]", str::to_owned), "a <b> & [sciatica]");
        let odd = Snippet {
            text: "ñandú".into(),
            highlights: vec![Range { start: 1, end: 9 }],
        };
        assert_eq!(odd.to_html(), "ñandú");
    }

    #[test]
    fn tidy_widens_to_words() {
        let text = "First sentence here. Second one mentions sciatica pain.";
        let at = text.find("sciatica").unwrap();
        let found = Range {
            start: at - 25,
            end: at - 25 + 8,
        };
        let s = tidy(text, 25..text.len(), std::slice::from_ref(&found));
        assert!(s.text.starts_with("… Second one"), "{s:?}");
        assert_eq!(&s.text[s.highlights[0].clone()], "sciatica");
    }

    #[test]
    fn similar_ids_suggest_close_ones() {
        let ids = ["spinal-stenosis", "spine-surgery", "sleep-and-back-pain"];
        assert_eq!(similar_ids("spinal-stenoss", ids), ["spinal-stenosis"]);
        assert!(similar_ids("stenosis", ids).contains(&"spinal-stenosis".to_owned()));
        assert!(similar_ids("zzz", ids).is_empty());
    }
}
