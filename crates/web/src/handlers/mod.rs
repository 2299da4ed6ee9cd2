//! Layer 3, handlers and their templates: one module per area of the app. A handler uses
//! [`crate::infra`] and [`crate::model`], never another handler: what two areas share
//! belongs in the model. Only [`crate::routes`] names them all.

pub mod account;
pub mod care;
pub mod check;
pub mod clinic;
pub mod demo;
pub mod details;
pub mod diary;
pub mod fhir_api;
pub mod fhir_auth;
pub mod fhir_bulk;
pub mod health;
pub mod home;
pub mod intake;
pub mod learn;
pub mod offline;
pub mod password;
pub mod privacy;
pub mod progress;
pub mod reassess;
pub mod reminders;
pub mod session;
pub mod sessions;
pub mod sharing;
pub mod two_factor;
