//! The patient's own data: the export and delete-account pages.
