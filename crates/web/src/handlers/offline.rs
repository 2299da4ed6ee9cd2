//! Installable and offline (issue 14): the web app manifest, the service worker and the
//! script that installs it, the icon, and the page shown when there is no connection.
//!
//! The worker (`static/sw.js`) keeps the pages a person opened (plan, session, diary,
//! articles) to read offline, and keeps a diary day or a session saved offline until the
//! connection returns. The server does nothing special for a form sent late: it is the same
//! POST, with the same session's CSRF token, as if it had been sent at once.

use askama::Template;
use axum::extract::Query;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::infra::pages::{APP_JS, Ctx, ICON_SVG, SW_JS, immutable, render};

/// `GET /manifest.webmanifest`: name, colours, icon and start page, in the page's language.
pub async fn manifest(ctx: Ctx) -> Response {
    let manifest = serde_json::json!({
        "name": ctx.t("brand"),
        "short_name": ctx.t("brand"),
        "description": ctx.t("manifest-description"),
        "lang": ctx.lang_code(),
        "start_url": "/dashboard",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0a4f8a",
        "icons": [{
            "src": ctx.icon(),
            "sizes": "any",
            "type": "image/svg+xml",
            "purpose": "any",
        }],
    });
    (
        [
            (header::CONTENT_TYPE, "application/manifest+json"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        manifest.to_string(),
    )
        .into_response()
}

/// `GET /sw.js`: the service worker. At the root, so that it may look after every page;
/// checked again on every visit (`no-cache`), so a new release reaches people at once.
pub async fn service_worker() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        SW_JS.as_str(),
    )
        .into_response()
}

/// `GET /static/app.js`: the script on every page that installs the service worker.
pub async fn app_script() -> Response {
    immutable("text/javascript; charset=utf-8", APP_JS)
}

/// `GET /static/icon.svg`: the app's icon.
pub async fn icon() -> Response {
    immutable("image/svg+xml", ICON_SVG)
}

/// The page for no connection.
#[derive(Template)]
#[template(path = "offline.html")]
pub struct OfflinePage {
    /// The page context.
    pub ctx: Ctx,
    /// Whether a form was just kept to send later.
    pub queued: bool,
}

/// `/offline?queued=1`.
#[derive(Debug, Deserialize)]
pub struct OfflineQuery {
    /// Set when the service worker kept a form to send later.
    #[serde(default)]
    pub queued: Option<String>,
}

/// `GET /offline`: what the service worker shows for a page it has not kept, and after
/// keeping a form to send later (`?queued=1`). It is fetched while online and kept.
pub async fn offline_page(ctx: Ctx, Query(query): Query<OfflineQuery>) -> Response {
    let queued = query.queued.is_some();
    render(StatusCode::OK, &OfflinePage { ctx, queued })
}
