//! The types of the route table: who may use a route ([`Access`]), how it answers a
//! refusal ([`Kind`]), and one entry ([`Route`]). The table itself, which names every
//! handler, is [`crate::routes::ROUTES`], above the layers.

use axum::routing::{MethodFilter, MethodRouter};

use crate::AppState;

/// Who may use a route. The guard decides before the handler runs; handlers then read the
/// signed-in user with the [`crate::infra::auth::Viewer`] extractor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Everyone, signed in or not (home, static files, language switch).
    Anyone,
    /// Only visitors who are not signed in (sign-up, log-in). Signed-in users are sent to
    /// their own start page (303).
    Anonymous,
    /// Any signed-in user, patient or clinician (account, log-out).
    SignedIn,
    /// Signed-in patients.
    Patient,
    /// Signed-in clinicians.
    Clinician,
    /// A clinician linked to the patient named by `{user}`. Other clinicians get 404 (the
    /// record's existence is not revealed); patients get 403.
    LinkedClinician,
    /// The user named by `{user}` themself. Anyone else signed in gets 404.
    Owner,
    /// An API client with a live bearer token (`backcare token add`); cookies count for
    /// nothing, so there is no CSRF check. The handler checks the token's scope for the
    /// patient concerned (`handlers::fhir_api`).
    Token,
    /// A backend services client asking for an access token: it proves who it is with the
    /// JWT it signed, in the request (`infra::smart`). No session, bearer token or CSRF
    /// check: the handler checks the assertion.
    Client,
}

/// How a route answers a visitor who is not allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An HTML page: anonymous visitors are redirected to log in; others see a friendly
    /// 403 or 404 page.
    Page,
    /// A machine-readable endpoint (JSON): 401, 403 or 404 with a short plain-text body.
    Api,
    /// The FHIR API: every refusal and error is an OperationOutcome
    /// (`application/fhir+json`); 401 says `WWW-Authenticate: Bearer`.
    Fhir,
}

/// The HTTP method of a route. Everything that changes state from a page is a POST from a
/// form carrying a CSRF token; DELETE is only for the FHIR API, whose bearer tokens are no
/// cookies (a Bulk Data export is cancelled by deleting its status).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Reads (also answers HEAD).
    Get,
    /// Changes state; needs a valid CSRF token.
    Post,
    /// Deletes (FHIR routes with a bearer token only).
    Delete,
}

impl Method {
    /// The method's name, `GET`, `POST` or `DELETE`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        }
    }

    fn filter(self) -> MethodFilter {
        match self {
            Method::Get => MethodFilter::GET,
            Method::Post => MethodFilter::POST,
            Method::Delete => MethodFilter::DELETE,
        }
    }
}

/// One entry of the table.
#[derive(Debug)]
pub struct Route {
    /// GET, POST or DELETE.
    pub method: Method,
    /// The axum 0.8 path, e.g. `/clinician/patients/{user}`.
    pub path: &'static str,
    /// Who may use it.
    pub access: Access,
    /// Page or API (how refusals look).
    pub kind: Kind,
    /// Builds the method router for this route's handler ([`crate::routes`] fills it in).
    pub(crate) handler: fn(MethodFilter) -> MethodRouter<AppState>,
}

impl Route {
    /// The method router for this route's handler (without its guard).
    pub(crate) fn method_router(&self) -> MethodRouter<AppState> {
        (self.handler)(self.method.filter())
    }
}
