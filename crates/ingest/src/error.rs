//! The crate's one error type.

use std::io;

/// An error from reading an input file or one of its records.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Malformed input: a bad record, line or element. The record (or line)
    /// is skipped; the rest of the file is still read.
    #[error("{file}:{line}: {message}")]
    Input {
        /// Where the input came from (path or label).
        file: String,
        /// 1-based line number.
        line: u64,
        /// The record's id, when known.
        record: Option<String>,
        /// What was wrong.
        message: String,
    },
    /// The file could not be read at all.
    #[error("{file}: {source}")]
    Io {
        /// The path.
        file: String,
        /// The underlying error.
        #[source]
        source: io::Error,
    },
}

impl Error {
    /// An [`Error::Input`] at `file:line`.
    pub fn input(file: &str, line: u64, message: impl Into<String>) -> Error {
        Error::Input { file: file.to_owned(), line, record: None, message: message.into() }
    }

    /// The line the error points at (0 for I/O errors).
    pub fn line(&self) -> u64 {
        match self {
            Error::Input { line, .. } => *line,
            Error::Io { .. } => 0,
        }
    }

    /// The id of the record the error is about, when known.
    pub fn record(&self) -> Option<&str> {
        match self {
            Error::Input { record, .. } => record.as_deref(),
            Error::Io { .. } => None,
        }
    }

    pub(crate) fn with_record(mut self, id: Option<&str>) -> Error {
        if let Error::Input { record, .. } = &mut self
            && record.is_none()
        {
            *record = id.map(str::to_owned);
        }
        self
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
