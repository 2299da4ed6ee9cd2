//! Layer 1, infrastructure: what every request goes through, whatever it is about. The
//! route table's types, the guards (cookie sessions with CSRF, and FHIR bearer tokens),
//! security headers, languages, the page context and the FHIR answers. It knows nothing of
//! care records (`model`) or of any page (`handlers`).

pub mod auth;
pub mod cache;
pub mod clock;
pub mod csrf;
pub mod date;
pub mod device;
pub mod emergency;
pub mod error;
pub mod fhir;
pub mod housekeeping;
pub mod i18n;
pub mod limits;
pub mod mail;
pub mod metrics;
pub mod next;
pub mod pages;
pub mod privacy;
pub mod route;
pub mod security;
pub mod site;
pub mod smart;
pub mod two_factor;
pub mod unsubscribe;
