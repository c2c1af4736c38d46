//! The crate's one error type.

/// An error from the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A SQLite error, with the database path and what was being done.
    #[error("{db}: {context}: {source}")]
    Sqlite {
        /// The database file.
        db: String,
        /// What the store was doing.
        context: String,
        /// The underlying error.
        #[source]
        source: rusqlite::Error,
    },
    /// The database was written by a newer dyad (schema version too high),
    /// or is not a dyad store at all.
    #[error("{db}: {message}")]
    Schema {
        /// The database file.
        db: String,
        /// What is wrong.
        message: String,
    },
    /// Writing an export failed.
    #[error("export: {0}")]
    Io(#[from] std::io::Error),
    /// An invalid argument (a bad dyad, date or option).
    #[error("{0}")]
    Invalid(String),
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Adds the database path and an action to rusqlite errors.
pub(crate) trait SqlContext<T> {
    fn ctx(self, db: &str, context: &str) -> Result<T>;
}

impl<T> SqlContext<T> for rusqlite::Result<T> {
    fn ctx(self, db: &str, context: &str) -> Result<T> {
        self.map_err(|source| Error::Sqlite {
            db: db.to_owned(),
            context: context.to_owned(),
            source,
        })
    }
}
