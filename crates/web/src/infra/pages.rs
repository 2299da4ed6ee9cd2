//! The page context, rendering, and the public, dashboard and error pages.
//!
//! Every template has a `ctx: Ctx` field: the language, the CSRF token for its forms, the
//! signed-in user (for the menu) and the current path (for the language switch). Templates
//! extend `templates/base.html` (skip link, header with menu and language switch, main,
//! footer) and take every word from the Fluent files through `ctx.t(KEY)`. askama
//! escapes everything it prints.
//!
//! To add a page: a template in `templates/`, a `#[derive(Template)]` struct here (or in
//! your own module) with `ctx: Ctx`, a handler returning [`render`]`(StatusCode::OK, &page)`,
//! and one line in [`crate::routes::ROUTES`].

use std::sync::LazyLock;

use askama::Template;
use axum::body::Bytes;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use backcare_core::Lang;
use backcare_storage::Role;

use crate::infra::auth::Viewer;
use crate::infra::cache::PageCache;
use crate::infra::csrf::CsrfToken;
use crate::infra::emergency::Numbers;
use crate::infra::i18n::{self, LANG_COOKIE};
// Where `next` used to be parsed: handlers import it from here or from `infra::next`.
pub use crate::infra::next::Next;
use crate::infra::privacy::RunBy;

/// The stylesheet, compiled in.
pub const APP_CSS: &str = include_str!("../../static/app.css");

/// The session player's script, compiled in: a page works without it (see `/session`).
pub const SESSION_JS: &str = include_str!("../../static/session.js");

/// The script on every page that installs the service worker, compiled in.
pub const APP_JS: &str = include_str!("../../static/app.js");

/// The service worker, compiled in with two blanks (`GET /sw.js` fills them: see [`SW_JS`]).
const SW_TEMPLATE: &str = include_str!("../../static/sw.js");

/// The app's icon (the manifest's, and the page's).
pub const ICON_SVG: &str = include_str!("../../static/icon.svg");

/// A hash of `content` in 16 hex digits. FNV-1a: stable across builds and platforms,
/// unlike `DefaultHasher`.
fn content_hash(content: &str) -> String {
    let hash = content.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}

/// A static file's URL with a hash of its content, so it can be cached for a year.
fn versioned(path: &str, content: &str) -> String {
    format!("{path}?v={}", content_hash(content))
}

/// The stylesheet's URL.
pub static STYLESHEET_HREF: LazyLock<String> =
    LazyLock::new(|| versioned("/static/app.css", APP_CSS));

/// The session player script's URL.
pub static SESSION_SCRIPT_HREF: LazyLock<String> =
    LazyLock::new(|| versioned("/static/session.js", SESSION_JS));

/// A compiled-in file, cacheable for a year (its URL changes with it).
pub fn immutable(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        body,
    )
        .into_response()
}

/// The page script's URL.
pub static APP_SCRIPT_HREF: LazyLock<String> =
    LazyLock::new(|| versioned("/static/app.js", APP_JS));

/// The icon's URL.
pub static ICON_HREF: LazyLock<String> = LazyLock::new(|| versioned("/static/icon.svg", ICON_SVG));

/// The service worker as served: the hashed files it keeps for offline use, and a version
/// that changes with any of them (a browser installs a worker again only when its bytes
/// change).
pub static SW_JS: LazyLock<String> = LazyLock::new(|| {
    let assets = [
        STYLESHEET_HREF.as_str(),
        APP_SCRIPT_HREF.as_str(),
        SESSION_SCRIPT_HREF.as_str(),
        ICON_HREF.as_str(),
    ];
    let version = content_hash(&format!("{assets:?}{SW_TEMPLATE}"));
    SW_TEMPLATE.replacen("__VERSION__", &version, 1).replacen(
        "__ASSETS__",
        &serde_json::to_string(&assets).unwrap_or_else(|_| "[]".to_owned()),
        1,
    )
});

/// What every template needs to know about the request.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// The page's language.
    pub lang: Lang,
    csrf: String,
    viewer: Option<Viewer>,
    path: String,
    run_by: RunBy,
    /// The request's `Accept-Language`, kept (a cheap copy) for the one page that needs its
    /// region, the emergency page, instead of parsing it for every page.
    accept_language: Option<HeaderValue>,
}

impl Ctx {
    /// The context of a request (after the guard and the CSRF middleware have run).
    pub fn from_parts(parts: &Parts) -> Self {
        let accept_language = parts.headers.get(header::ACCEPT_LANGUAGE).cloned();
        let lang = i18n::negotiate(
            crate::infra::security::cookie(parts, LANG_COOKIE),
            accept_language.as_ref().and_then(|v| v.to_str().ok()),
        );
        Self {
            lang,
            csrf: parts
                .extensions
                .get::<CsrfToken>()
                .map(|t| t.value.clone())
                .unwrap_or_default(),
            viewer: parts.extensions.get::<Viewer>().cloned(),
            path: parts
                .uri
                .path_and_query()
                .map_or_else(|| "/".to_owned(), |p| p.as_str().to_owned()),
            run_by: parts
                .extensions
                .get::<RunBy>()
                .cloned()
                .unwrap_or(RunBy::Unnamed),
            accept_language,
        }
    }

    /// The emergency numbers to offer, the one of the browser's region first.
    pub fn emergency_numbers(&self) -> Numbers {
        Numbers::for_request(self.accept_language.as_ref().and_then(|v| v.to_str().ok()))
    }

    /// Who runs this server (the privacy notice and the footer name them).
    pub fn run_by(&self) -> &RunBy {
        &self.run_by
    }

    /// The footer's line naming who runs this server.
    pub fn run_by_line(&self) -> String {
        match &self.run_by {
            RunBy::Named(operator) => self.t_args("privacy-run-by", &[("name", operator.name())]),
            RunBy::Demo => self.t("privacy-run-by-demo"),
            RunBy::Unnamed => self.t("privacy-run-by-unnamed"),
        }
    }

    /// The text for `key` in the page's language.
    pub fn t(&self, key: &str) -> String {
        i18n::t(self.lang, key)
    }

    /// The text for `key` with named arguments.
    pub fn t_args(&self, key: &str, args: &[(&str, &str)]) -> String {
        i18n::t_args(self.lang, key, args)
    }

    /// The text for `key` with the signed-in user's email as `$email`.
    pub fn t_email(&self, key: &str) -> String {
        let email = self.viewer.as_ref().map_or("", |v| v.email.as_str());
        i18n::t_args(self.lang, key, &[("email", email)])
    }

    /// `en` or `es`, for `<html lang>`.
    pub fn lang_code(&self) -> &'static str {
        self.lang.code()
    }

    /// The other language's code, for the switch link's `lang`/`hreflang`.
    pub fn other_lang_code(&self) -> &'static str {
        self.other_lang().code()
    }

    fn other_lang(&self) -> Lang {
        match self.lang {
            Lang::En => Lang::Es,
            Lang::Es => Lang::En,
        }
    }

    /// The language switch link: sets the other language and comes back to this page.
    pub fn switch_href(&self) -> String {
        let query = serde_urlencoded::to_string([("next", self.path.as_str())]).unwrap_or_default();
        format!("/lang/{}?{query}", self.other_lang().code())
    }

    /// The CSRF token for the hidden field of forms.
    pub fn csrf(&self) -> &str {
        &self.csrf
    }

    /// The stylesheet's URL.
    pub fn stylesheet(&self) -> &str {
        &STYLESHEET_HREF
    }

    /// The session player script's URL.
    pub fn session_script(&self) -> &str {
        &SESSION_SCRIPT_HREF
    }

    /// The page script's URL.
    pub fn app_script(&self) -> &str {
        &APP_SCRIPT_HREF
    }

    /// The icon's URL.
    pub fn icon(&self) -> &str {
        &ICON_HREF
    }

    /// Whether someone is signed in.
    pub fn signed_in(&self) -> bool {
        self.viewer.is_some()
    }

    /// Whether a clinician is signed in.
    pub fn is_clinician(&self) -> bool {
        self.viewer
            .as_ref()
            .is_some_and(|v| v.role == Role::Clinician)
    }

    /// The signed-in user's start page, or `/`.
    pub fn home_href(&self) -> &'static str {
        self.viewer.as_ref().map_or("/", Viewer::home)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Ctx::from_parts(parts))
    }
}

/// Renders a template as an HTML response with `status`.
pub fn render(status: StatusCode, page: &impl Template) -> Response {
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed to render");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error\n").into_response()
        }
    }
}

/// Renders `page` as a 200 HTML response and keeps the HTML in `cache` under `key`
/// ([`crate::infra::cache`]); a template error is a 500, and nothing is kept.
pub fn render_kept(cache: &PageCache, key: String, page: &impl Template) -> Response {
    match page.render() {
        Ok(html) => kept(cache.put(key, html)),
        Err(e) => {
            tracing::error!(error = %e, "template failed to render");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error\n").into_response()
        }
    }
}

/// A kept page as a 200 HTML response.
pub fn kept(html: Bytes) -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response()
}

/// A page with a title, a paragraph and a link home: errors and refusals.
#[derive(Template)]
#[template(path = "message.html")]
pub struct MessagePage {
    /// The page context.
    pub ctx: Ctx,
    /// The heading (already translated).
    pub title: String,
    /// The paragraph (already translated).
    pub text: String,
}

/// A short page with a title, a text and one link.
#[derive(Template)]
#[template(path = "link_message.html")]
pub struct LinkPage {
    /// The page context.
    pub ctx: Ctx,
    /// The heading.
    pub title: String,
    /// The text.
    pub text: String,
    /// Where the link goes.
    pub href: &'static str,
    /// The link's words.
    pub label: String,
}

impl LinkPage {
    /// The page in `ctx`'s language from three Fluent keys: title, text, the link's words.
    pub fn render(ctx: Ctx, status: StatusCode, keys: [&str; 3], href: &'static str) -> Response {
        let [title, text, label] = keys.map(|k| ctx.t(k));
        render(
            status,
            &LinkPage {
                ctx,
                title,
                text,
                href,
                label,
            },
        )
    }
}

/// A [`MessagePage`] from two Fluent keys.
pub fn message(parts: &Parts, status: StatusCode, title_key: &str, text_key: &str) -> Response {
    Ctx::from_parts(parts).message_page(status, title_key, text_key)
}

impl Ctx {
    /// The friendly error page (500). Handlers do not call it: they return an
    /// [`crate::infra::error::AppError`], and the route's guard logs it and answers with
    /// this page on a page route.
    pub fn failure_page(&self) -> Response {
        self.message_page(
            StatusCode::INTERNAL_SERVER_ERROR,
            "error-title",
            "error-text",
        )
    }

    /// The friendly "not found" page (404).
    pub fn not_found_page(&self) -> Response {
        self.message_page(StatusCode::NOT_FOUND, "not-found-title", "not-found-text")
    }

    /// A [`MessagePage`] from two Fluent keys.
    pub fn message_page(&self, status: StatusCode, title_key: &str, text_key: &str) -> Response {
        let page = MessagePage {
            title: self.t(title_key),
            text: self.t(text_key),
            ctx: self.clone(),
        };
        render(status, &page)
    }
}

/// The fallback for unknown URLs: the friendly 404 page, or under `/fhir` an
/// OperationOutcome (a FHIR client reads no HTML).
pub async fn not_found(parts: Parts) -> Response {
    if crate::infra::fhir::is_fhir_path(parts.uri.path()) {
        return crate::infra::fhir::unknown_path(parts.uri.path());
    }
    message(
        &parts,
        StatusCode::NOT_FOUND,
        "not-found-title",
        "not-found-text",
    )
}

/// Helper for handlers: a 303 redirect that also sets a cookie.
pub fn redirect_with_cookie(to: &str, cookie: HeaderValue) -> Response {
    let mut response = Redirect::to(to).into_response();
    response.headers_mut().append(header::SET_COOKIE, cookie);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stylesheet_url_changes_with_its_content() {
        assert!(STYLESHEET_HREF.starts_with("/static/app.css?v="));
        assert_eq!(STYLESHEET_HREF.len(), "/static/app.css?v=".len() + 16);
        assert!(SESSION_SCRIPT_HREF.starts_with("/static/session.js?v="));
        assert_ne!(versioned("/a", "x"), versioned("/a", "y"));
    }
}
