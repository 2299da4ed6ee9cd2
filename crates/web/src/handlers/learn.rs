//! Search and the article pages: `GET /search` and `GET /articles/{article}`.
//!
//! The search runs over the [`backcare_search::Index`] that [`crate::Server::bind`] builds once
//! and keeps in [`AppState`]; it is limited to the page's language and, if asked, one topic.
//! A search that cannot run (empty, too long, only common words, unknown topic) shows its
//! message in the page's language with 422, never a 500. Articles come from
//! [`backcare_content::articles`]; their HTML is made (and escaped) by
//! [`articles::to_html`], snippets by [`backcare_search::Snippet::to_html`].

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use backcare_content::articles::{self, Topic};
use backcare_search::SearchError;
use serde::Deserialize;

use crate::AppState;
use crate::infra::error::AppError;
use crate::infra::pages::{Ctx, message, render};

/// The most results shown on the search page.
const RESULTS: usize = 20;

/// The query string of the search page.
#[derive(Debug, Deserialize)]
pub struct SearchParams {
    /// The words typed; absent on a first visit.
    pub q: Option<String>,
    /// A topic id (`flare-ups`), or empty for every topic.
    pub topic: Option<String>,
}

/// One topic in the filter.
#[derive(Debug)]
pub struct TopicOption {
    /// Its id, the option's value.
    pub value: &'static str,
    /// Its name in the page's language.
    pub label: &'static str,
    /// Whether it is the topic searched.
    pub selected: bool,
}

/// One result.
#[derive(Debug)]
pub struct ResultView {
    /// The article id (its page is `/articles/{id}`).
    pub id: String,
    /// The title.
    pub title: String,
    /// The summary.
    pub summary: String,
    /// The snippet as HTML: escaped text with the matched words in `<b>`.
    pub snippet_html: String,
}

/// The search page.
#[derive(Template)]
#[template(path = "search.html")]
pub struct SearchPage {
    /// The page context.
    pub ctx: Ctx,
    /// The words typed, shown again in the field.
    pub q: String,
    /// The topic filter.
    pub topics: Vec<TopicOption>,
    /// Why the search could not run, in the page's language.
    pub error: Option<String>,
    /// The results, when a search ran.
    pub results: Option<Vec<ResultView>>,
    /// Every topic with its articles, to browse before searching (first visit only).
    pub browse: Vec<TopicGroup>,
}

/// One topic and its articles, in the page's language.
#[derive(Debug)]
pub struct TopicGroup {
    /// The topic's name.
    pub label: &'static str,
    /// Its articles: (id, title).
    pub articles: Vec<(String, String)>,
}

/// Every topic that has articles in `lang`, in display order, with their titles. An article
/// with several topics is under each.
fn browse(lang: backcare_core::Lang) -> Vec<TopicGroup> {
    Topic::ALL
        .into_iter()
        .filter_map(|topic| {
            let articles: Vec<(String, String)> = articles::all()
                .iter()
                .filter(|a| a.meta.lang == lang && a.meta.topics.contains(&topic))
                .map(|a| (a.meta.id.clone(), a.meta.title.clone()))
                .collect();
            (!articles.is_empty()).then(|| TopicGroup {
                label: topic.label().get(lang),
                articles,
            })
        })
        .collect()
}

/// `GET /search?q=...&topic=...`: the search form and, when words were given, the results.
pub async fn search_page(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(params): Query<SearchParams>,
) -> Result<Response, AppError> {
    let wanted = params.topic.as_deref().map(str::trim).unwrap_or_default();
    let topic = if wanted.is_empty() {
        Ok(None)
    } else {
        wanted.parse::<Topic>().map(Some)
    };
    let topics = Topic::ALL
        .into_iter()
        .map(|t| TopicOption {
            value: t.as_str(),
            label: t.label().get(ctx.lang),
            selected: matches!(topic, Ok(Some(chosen)) if chosen == t),
        })
        .collect();
    let first_visit = params.q.is_none();
    let q = params.q.unwrap_or_default();
    let mut page = SearchPage {
        q: q.clone(),
        topics,
        error: None,
        results: None,
        browse: Vec::new(),
        ctx,
    };
    let lang = page.ctx.lang;
    let topic = match topic {
        Ok(topic) => topic,
        Err(_) => {
            page.error = Some(page.ctx.t("search-bad-topic"));
            return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
        }
    };
    if first_visit {
        page.browse = browse(lang);
        return Ok(render(StatusCode::OK, &page));
    }
    let mut query = backcare_search::Query::new(q).lang(lang).limit(RESULTS);
    if let Some(topic) = topic {
        query = query.topic(topic);
    }
    match state.search.search(&query) {
        Ok(hits) => {
            page.results = Some(
                hits.into_iter()
                    .map(|h| ResultView {
                        snippet_html: h.snippet.to_html(),
                        id: h.id,
                        title: h.title,
                        summary: h.summary,
                    })
                    .collect(),
            );
            Ok(render(StatusCode::OK, &page))
        }
        Err(e @ (SearchError::Library(_) | SearchError::Engine(_))) => {
            Err(AppError::Internal(format!("search failed: {e}")))
        }
        Err(e) => {
            page.error = Some(e.message(lang));
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
    }
}

/// An article page.
#[derive(Template)]
#[template(path = "article.html")]
pub struct ArticlePage {
    /// The page context.
    pub ctx: Ctx,
    /// The title, for `<title>`.
    pub title: String,
    /// The article as HTML, made and escaped by [`articles::to_html`].
    pub html: String,
}

/// `GET /articles/{article}`: the article in the page's language, or the 404 page.
pub async fn article_page(ctx: Ctx, Path(id): Path<String>, parts: Parts) -> Response {
    let Some(article) = articles::get(&id, ctx.lang) else {
        return message(
            &parts,
            StatusCode::NOT_FOUND,
            "not-found-title",
            "not-found-text",
        );
    };
    let page = ArticlePage {
        title: article.meta.title.clone(),
        html: articles::to_html(article),
        ctx,
    };
    render(StatusCode::OK, &page)
}
