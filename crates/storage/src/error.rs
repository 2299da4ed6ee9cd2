//! The one error type of the crate.

/// What can go wrong with a storage call. The web crate maps these to HTTP statuses:
/// `NotFound` to 404, `Conflict` to 409, `Invalid` to 400 (or a form error) and `Database`
/// to 500.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The thing asked for does not exist (or is expired, or is not this user's to see).
    #[error("not found")]
    NotFound,
    /// The write clashes with existing data, for example an email already registered.
    #[error("conflict: {0}")]
    Conflict(String),
    /// The input is not acceptable; the message names the field and says why.
    #[error("invalid input: {0}")]
    Invalid(String),
    /// The database failed (connection, migration, constraint we did not expect...).
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

impl From<sqlx::migrate::MigrateError> for Error {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        Error::Database(sqlx::Error::from(e))
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error for a stored value that cannot be read back (a corrupt or foreign database).
pub(crate) fn corrupt(msg: String) -> Error {
    Error::Database(sqlx::Error::Decode(msg.into()))
}

/// Maps a unique violation to `Conflict(what)` and a foreign-key violation to `NotFound`.
pub(crate) fn classify(e: sqlx::Error, what: &str) -> Error {
    if let sqlx::Error::Database(db) = &e {
        match db.kind() {
            sqlx::error::ErrorKind::UniqueViolation => return Error::Conflict(what.to_owned()),
            sqlx::error::ErrorKind::ForeignKeyViolation => return Error::NotFound,
            _ => {}
        }
    }
    Error::Database(e)
}

/// `Ok` when a write touched at least one row; [`Error::NotFound`] when it touched none (the
/// user or row it names does not exist).
pub(crate) fn found(rows: u64) -> Result<()> {
    if rows == 0 {
        Err(Error::NotFound)
    } else {
        Ok(())
    }
}
