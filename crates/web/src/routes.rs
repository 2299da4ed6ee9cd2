//! The route table: every URL of the app, who may use it, and its handler.
//!
//! **This table is the only place routes are declared.** [`crate::app`] builds the router
//! from it, wrapping each route in the guard ([`crate::infra::auth::authorize`]) that enforces its
//! [`Access`] (and checks the CSRF token of every non-GET request) before the handler runs.
//! The integration test `authorization_matrix` walks this same table for every kind of
//! visitor and keeps its own list of expected access levels, so adding a route without
//! declaring (and testing) who may use it fails the tests.
//!
//! To add a page: write the handler (in its area's module under `handlers/`), then add one line here
//! with [`route!`], then add the same line to `EXPECTED` in `tests/web/main.rs`. A path that
//! names another user's record uses the parameter `{user}` (a user id); the guard checks it
//! for [`Access::Owner`] and [`Access::LinkedClinician`].

use axum::routing::on;

use crate::handlers::{
    account, care, check, clinic, details, diary, fhir_api, fhir_auth, fhir_bulk, health, home,
    intake, learn, offline, password, privacy, progress, reassess, reminders, session, sessions,
    sharing, two_factor,
};
pub use crate::infra::route::{Access, Kind, Method, Route};

/// Declares one route: `route!(Get, "/path", Access, Kind, handler)`.
macro_rules! route {
    ($method:ident, $path:literal, $access:ident, $kind:ident, $handler:path) => {
        Route {
            method: Method::$method,
            path: $path,
            access: Access::$access,
            kind: Kind::$kind,
            handler: |filter| on(filter, $handler),
        }
    };
}

/// Every route of the app.
pub static ROUTES: &[Route] = &[
    // Public pages and assets.
    route!(Get, "/", Anyone, Page, home::home),
    route!(Get, "/static/app.css", Anyone, Page, home::stylesheet),
    route!(
        Get,
        "/static/session.js",
        Anyone,
        Page,
        home::session_script
    ),
    route!(Get, "/static/handout.css", Anyone, Page, care::handout_css),
    // Installable and offline (issue 14): the manifest, the service worker at the root (so
    // its scope is every page), the script that installs it, the icon, the offline page.
    route!(
        Get,
        "/manifest.webmanifest",
        Anyone,
        Page,
        offline::manifest
    ),
    route!(Get, "/sw.js", Anyone, Page, offline::service_worker),
    route!(Get, "/static/app.js", Anyone, Page, offline::app_script),
    route!(Get, "/static/icon.svg", Anyone, Page, offline::icon),
    route!(Get, "/offline", Anyone, Page, offline::offline_page),
    route!(Get, "/lang/{lang}", Anyone, Page, home::switch_language),
    route!(Get, "/search", Anyone, Page, learn::search_page),
    route!(
        Get,
        "/articles/{article}",
        Anyone,
        Page,
        learn::article_page
    ),
    // Who runs this server, what it keeps and why (issue 12).
    route!(Get, "/privacy", Anyone, Page, privacy::privacy_page),
    // Probes for the operator's supervisor and load balancer (issue 13); kept out of the
    // request log's info lines (`security::PROBES`).
    route!(Get, "/healthz", Anyone, Api, health::healthz),
    route!(Get, "/readyz", Anyone, Api, health::readyz),
    // The warning signs first, without an account (issue 14); nothing is stored.
    route!(Get, "/check", Anyone, Page, check::check_start),
    route!(Post, "/check", Anyone, Page, check::check_step),
    // Accounts.
    route!(Get, "/signup", Anonymous, Page, account::signup_form),
    route!(Post, "/signup", Anonymous, Page, account::signup),
    route!(Get, "/login", Anonymous, Page, account::login_form),
    route!(Post, "/login", Anonymous, Page, account::login),
    route!(
        Get,
        "/login/two-factor",
        Anonymous,
        Page,
        two_factor::login_step_form
    ),
    route!(
        Post,
        "/login/two-factor",
        Anonymous,
        Page,
        two_factor::login_step
    ),
    route!(Post, "/logout", SignedIn, Page, account::logout),
    route!(Get, "/account", SignedIn, Page, account::account_page),
    route!(
        Post,
        "/account/password",
        SignedIn,
        Page,
        account::change_password
    ),
    route!(
        Post,
        "/account/time-zone",
        SignedIn,
        Page,
        account::set_time_zone
    ),
    route!(
        Get,
        "/account/details",
        SignedIn,
        Page,
        details::details_form
    ),
    route!(
        Post,
        "/account/details",
        SignedIn,
        Page,
        details::save_details
    ),
    route!(Get, "/account/email", SignedIn, Page, account::email_form),
    route!(
        Post,
        "/account/email",
        SignedIn,
        Page,
        account::change_email
    ),
    route!(
        Get,
        "/account/two-factor",
        SignedIn,
        Page,
        two_factor::account_page
    ),
    route!(
        Post,
        "/account/two-factor",
        SignedIn,
        Page,
        two_factor::account_change
    ),
    route!(Get, "/api/users/{user}/export", Owner, Api, account::export),
    route!(Get, "/account/export", SignedIn, Page, account::export_page),
    route!(
        Get,
        "/account/sessions",
        SignedIn,
        Page,
        sessions::sessions_page
    ),
    route!(
        Post,
        "/account/sessions/others",
        SignedIn,
        Page,
        sessions::sign_out_others
    ),
    // Email reminders (issue 13): a patient's choices, and the signed link in every
    // reminder that stops them without logging in.
    route!(
        Get,
        "/account/reminders",
        Patient,
        Page,
        reminders::reminders_page
    ),
    route!(
        Post,
        "/account/reminders",
        Patient,
        Page,
        reminders::save_reminders
    ),
    route!(
        Post,
        "/account/reminders/confirm-email",
        Patient,
        Page,
        reminders::send_confirmation
    ),
    route!(Get, "/reminders/stop", Anyone, Page, reminders::stop),
    route!(Get, "/account/delete", SignedIn, Page, account::delete_form),
    route!(
        Post,
        "/account/delete",
        SignedIn,
        Page,
        account::delete_account
    ),
    route!(Get, "/account/deleted", Anyone, Page, account::deleted_page),
    // Emailed links: forgot password, choose a new one, confirm an email.
    route!(
        Get,
        "/password/forgot",
        Anonymous,
        Page,
        password::forgot_form
    ),
    route!(Post, "/password/forgot", Anonymous, Page, password::forgot),
    route!(Get, "/password/reset", Anyone, Page, password::reset_form),
    route!(Post, "/password/reset", Anyone, Page, password::reset),
    route!(
        Get,
        "/password/reset/done",
        Anyone,
        Page,
        password::reset_done
    ),
    route!(Get, "/verify-email", Anyone, Page, password::verify_email),
    route!(Get, "/signup/sent", Anonymous, Page, password::signup_sent),
    // Patients.
    route!(Get, "/dashboard", Patient, Page, home::patient_dashboard),
    // "I have been seen" about an urgent or emergency result (issue 14): the banner moves down.
    route!(Post, "/seen", Patient, Page, home::result_seen),
    // Agreeing to the privacy notice, before any health data is stored.
    route!(Get, "/consent", Patient, Page, privacy::consent_form),
    route!(Post, "/consent", Patient, Page, privacy::give_consent),
    route!(Get, "/intake/{step}", Patient, Page, intake::show_step),
    route!(Post, "/intake/{step}", Patient, Page, intake::submit_step),
    route!(Get, "/result", Patient, Page, care::latest_result),
    route!(Get, "/result/{id}", Patient, Page, care::one_result),
    route!(
        Get,
        "/result/{id}/answer",
        Patient,
        Page,
        care::answer_open_form
    ),
    route!(
        Post,
        "/result/{id}/answer",
        Patient,
        Page,
        care::answer_open
    ),
    // Today's exercise session (issue 14): a checklist that writes the diary.
    route!(Get, "/session", Patient, Page, session::session_page),
    route!(Post, "/session", Patient, Page, session::finish_session),
    route!(Get, "/plan", Patient, Page, care::plan_page),
    route!(Get, "/plan/print", Patient, Page, care::plan_print),
    route!(Get, "/diary", Patient, Page, diary::diary_page),
    route!(Post, "/diary", Patient, Page, diary::save_entry),
    route!(Get, "/progress", Patient, Page, progress::progress_page),
    route!(Get, "/reassess", Patient, Page, reassess::overview),
    route!(Get, "/reassess/{instrument}", Patient, Page, reassess::show),
    route!(
        Post,
        "/reassess/{instrument}",
        Patient,
        Page,
        reassess::submit
    ),
    // Patients share their record with clinicians.
    route!(Get, "/sharing", Patient, Page, sharing::sharing_page),
    route!(Post, "/sharing/redeem", Patient, Page, sharing::redeem),
    route!(Post, "/sharing/revoke", Patient, Page, sharing::revoke),
    route!(Get, "/sharing/log", Patient, Page, sharing::access_log),
    // Clinicians.
    route!(Get, "/clinician", Clinician, Page, clinic::clinician_panel),
    route!(
        Post,
        "/clinician/share-codes",
        Clinician,
        Page,
        clinic::create_share_code
    ),
    route!(
        Get,
        "/clinician/patients/{user}",
        LinkedClinician,
        Page,
        clinic::patient_record
    ),
    route!(
        Post,
        "/clinician/patients/{user}/notes",
        LinkedClinician,
        Page,
        clinic::add_note
    ),
    route!(
        Post,
        "/clinician/patients/{user}/schedules",
        LinkedClinician,
        Page,
        clinic::set_schedules
    ),
    route!(
        Post,
        "/clinician/patients/{user}/plan",
        LinkedClinician,
        Page,
        clinic::tailor_plan
    ),
    route!(
        Get,
        "/clinician/patients/{user}/library",
        LinkedClinician,
        Page,
        clinic::library_page
    ),
    route!(
        Post,
        "/clinician/patients/{user}/templates",
        LinkedClinician,
        Page,
        clinic::save_template
    ),
    route!(
        Post,
        "/clinician/templates/{template}/delete",
        Clinician,
        Page,
        clinic::delete_template
    ),
    // The FHIR API for health records (docs/fhir.md): bearer tokens, no cookies.
    route!(Get, "/fhir/metadata", Anyone, Fhir, fhir_api::metadata),
    // SMART backend services (issue 16): discovery (at the root, and under the FHIR base
    // where SMART clients look first) and the token endpoint.
    route!(
        Get,
        "/.well-known/smart-configuration",
        Anyone,
        Api,
        fhir_auth::smart_configuration
    ),
    route!(
        Get,
        "/fhir/.well-known/smart-configuration",
        Anyone,
        Fhir,
        fhir_auth::smart_configuration
    ),
    route!(Post, "/fhir/auth/token", Client, Fhir, fhir_auth::token),
    route!(
        Get,
        "/fhir/Questionnaire",
        Anyone,
        Fhir,
        fhir_api::questionnaires
    ),
    route!(
        Get,
        "/fhir/Questionnaire/{questionnaire}",
        Anyone,
        Fhir,
        fhir_api::questionnaire
    ),
    route!(
        Post,
        "/fhir/QuestionnaireResponse",
        Token,
        Fhir,
        fhir_api::create_response
    ),
    route!(
        Get,
        "/fhir/QuestionnaireResponse",
        Token,
        Fhir,
        fhir_api::search_responses
    ),
    route!(
        Get,
        "/fhir/QuestionnaireResponse/{resource}",
        Token,
        Fhir,
        fhir_api::read_response
    ),
    route!(
        Post,
        "/fhir/Observation",
        Token,
        Fhir,
        fhir_api::create_observation
    ),
    route!(
        Get,
        "/fhir/Observation",
        Token,
        Fhir,
        fhir_api::search_observations
    ),
    route!(
        Get,
        "/fhir/Observation/{resource}",
        Token,
        Fhir,
        fhir_api::read_observation
    ),
    route!(Get, "/fhir/Patient", Token, Fhir, fhir_api::search_patients),
    route!(
        Get,
        "/fhir/Patient/$export",
        Token,
        Fhir,
        fhir_bulk::export_patients
    ),
    route!(
        Get,
        "/fhir/Patient/{patient}",
        Token,
        Fhir,
        fhir_api::read_patient
    ),
    route!(
        Get,
        "/fhir/Practitioner/{resource}",
        Token,
        Fhir,
        fhir_api::read_practitioner
    ),
    route!(
        Get,
        "/fhir/CarePlan/{resource}",
        Token,
        Fhir,
        fhir_api::read_care_plan
    ),
    route!(
        Get,
        "/fhir/CarePlan/{resource}/_history",
        Token,
        Fhir,
        fhir_api::care_plan_history
    ),
    route!(
        Get,
        "/fhir/Patient/{patient}/$everything",
        Token,
        Fhir,
        fhir_api::everything
    ),
    // Bulk Data export (issue 16): a panel as a Group, the kick-offs, status and files.
    route!(Get, "/fhir/Group", Token, Fhir, fhir_api::search_groups),
    route!(
        Get,
        "/fhir/Group/{resource}",
        Token,
        Fhir,
        fhir_api::read_group
    ),
    route!(
        Get,
        "/fhir/Group/{resource}/$export",
        Token,
        Fhir,
        fhir_bulk::export_group
    ),
    route!(
        Get,
        "/fhir/bulk-status/{export}",
        Token,
        Fhir,
        fhir_bulk::export_status
    ),
    route!(
        Delete,
        "/fhir/bulk-status/{export}",
        Token,
        Fhir,
        fhir_bulk::cancel_export
    ),
    route!(
        Get,
        "/fhir/bulk-files/{export}/{file}",
        Token,
        Fhir,
        fhir_bulk::export_file
    ),
];
