//! Layer 2, the care record model: a patient's records loaded from the store, and what
//! pages derive from them (plan, charts, concern, score lines, the intake as form fields).
//! It may use [`crate::infra`] (the page context translates), never [`crate::handlers`].

pub mod assessment;
pub mod bulk_export;
pub mod diary_days;
pub mod emergency;
pub mod fhir_record;
pub mod intake_form;
pub mod people;
pub mod record;
pub mod reminders;
pub mod share_code;
pub mod summary;
pub mod tailoring;
pub mod views;
