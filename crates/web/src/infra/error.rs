//! One error type for every handler: [`AppError`].
//!
//! A handler returns `Result<Response, AppError>` and uses `?` on what can fail on the
//! server's side (the store, a record that cannot be written). The answer depends on the
//! route, which the handler's `IntoResponse` cannot see, so it is made in two steps:
//! [`AppError`] becomes a bare 500 marked with a [`Failure`], and the route's guard
//! ([`finish`], called by [`crate::infra::auth::authorize`] around every handler) logs it
//! at error level with the route and answers by the route's [`Kind`]: the friendly error
//! page in the person's language, a short text for JSON routes, or an OperationOutcome on
//! the FHIR API.

use std::sync::Arc;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::infra::fhir;
use crate::infra::pages::Ctx;
use crate::infra::route::{Kind, Route};

/// Something went wrong on the server's side while answering.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The store failed.
    #[error("storage: {0}")]
    Storage(#[from] backcare_storage::Error),
    /// Anything else that is the server's fault (a value that did not serialise...). The
    /// text is for the log: it must not hold personal data.
    #[error("{0}")]
    Internal(String),
}

impl AppError {
    /// Logs this error for `route`, without the parts that could hold personal data
    /// (storage messages can quote what a user typed).
    fn log(&self, route: &Route) {
        let (method, path) = (route.method.as_str(), route.path);
        match self {
            AppError::Storage(backcare_storage::Error::Database(e)) => {
                tracing::error!(method, route = path, error = %e, "database failure");
            }
            AppError::Storage(other) => tracing::error!(
                method,
                route = path,
                kind = ?std::mem::discriminant(other),
                "unexpected storage error"
            ),
            AppError::Internal(text) => {
                tracing::error!(method, route = path, error = %text, "internal error");
            }
        }
    }
}

/// The mark an [`AppError`] leaves on its response, for [`finish`].
#[derive(Debug, Clone)]
pub struct Failure(Arc<AppError>);

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut response = (StatusCode::INTERNAL_SERVER_ERROR, "internal error\n").into_response();
        response.extensions_mut().insert(Failure(Arc::new(self)));
        response
    }
}

/// Turns a handler's response marked with a [`Failure`] into the answer of `route`'s kind,
/// after logging it; any other response passes unchanged. `ctx` is the request's page
/// context (taken before the handler ran), for the error page.
pub fn finish(route: &Route, ctx: Option<Ctx>, response: Response) -> Response {
    let Some(Failure(error)) = response.extensions().get::<Failure>().cloned() else {
        return response;
    };
    error.log(route);
    match (route.kind, ctx) {
        (Kind::Fhir, _) => fhir::outcome(
            StatusCode::INTERNAL_SERVER_ERROR,
            "exception",
            "the server could not complete the request",
            None,
        ),
        (Kind::Page, Some(ctx)) => ctx.failure_page(),
        (Kind::Page | Kind::Api, _) => response,
    }
}

#[cfg(test)]
mod tests {
    use axum::body::to_bytes;
    use axum::http::{Request, header};
    use axum::routing::on;

    use super::*;
    use crate::infra::route::{Access, Method};

    fn route(kind: Kind) -> Route {
        Route {
            method: Method::Get,
            path: "/test",
            access: Access::Anyone,
            kind,
            handler: |filter| on(filter, || async { "" }),
        }
    }

    fn ctx() -> Ctx {
        let (parts, ()) = Request::builder()
            .header(header::ACCEPT_LANGUAGE, "es")
            .body(())
            .unwrap()
            .into_parts();
        Ctx::from_parts(&parts)
    }

    async fn body(response: Response) -> String {
        let bytes = to_bytes(response.into_body(), 1 << 20).await.unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    fn failed() -> Response {
        AppError::Storage(backcare_storage::Error::NotFound).into_response()
    }

    #[tokio::test]
    async fn an_error_is_answered_by_the_routes_kind() {
        let fhir = finish(&route(Kind::Fhir), None, failed());
        assert_eq!(fhir.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(fhir.headers()[header::CONTENT_TYPE], fhir::FHIR_JSON);
        assert!(
            body(fhir)
                .await
                .contains(r#""resourceType":"OperationOutcome""#)
        );

        let page = finish(&route(Kind::Page), Some(ctx()), failed());
        assert_eq!(page.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let html = body(page).await;
        assert!(
            html.contains("<html") && html.contains(r#"lang="es""#),
            "{html}"
        );

        let api = finish(&route(Kind::Api), None, failed());
        assert_eq!(api.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(body(api).await, "internal error\n");
    }

    #[tokio::test]
    async fn a_response_without_an_error_passes_unchanged() {
        let fine = (StatusCode::CREATED, "made").into_response();
        let out = finish(&route(Kind::Fhir), None, fine);
        assert_eq!(out.status(), StatusCode::CREATED);
        assert_eq!(body(out).await, "made");
    }
}
