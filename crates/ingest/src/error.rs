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
        /// Why it was skipped, for counts by reason.
        kind: SkipKind,
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
    /// An [`Error::Input`] at `file:line` ([`SkipKind::Malformed`]).
    pub fn input(file: &str, line: u64, message: impl Into<String>) -> Error {
        Error::input_kind(SkipKind::Malformed, file, line, message)
    }

    /// An [`Error::Input`] at `file:line` of the given kind.
    pub fn input_kind(kind: SkipKind, file: &str, line: u64, message: impl Into<String>) -> Error {
        Error::Input { file: file.to_owned(), line, record: None, message: message.into(), kind }
    }

    /// Why the input was skipped ([`SkipKind::Unreadable`] for I/O errors).
    pub fn kind(&self) -> SkipKind {
        match self {
            Error::Input { kind, .. } => *kind,
            Error::Io { .. } => SkipKind::Unreadable,
        }
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

/// Why an input (file, line or record) was skipped: a run summary counts
/// skips by this.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum SkipKind {
    /// The file could not be read (missing, no permission, I/O error).
    Unreadable,
    /// Malformed content: invalid JSON, not UTF-8, binary, a bad WARC header.
    Malformed,
    /// No text to code: an empty article, an HTML page with no main text.
    NoText,
    /// A truncated or corrupt gzip stream or WARC record.
    Truncated,
    /// A line, record or file over the size limit.
    TooLarge,
    /// A date that is not a date, or (when the caller asks) a missing or
    /// future date.
    BadDate,
    /// The article is not in English (see [`crate::language`]).
    NotEnglish,
}

impl SkipKind {
    /// A short label for summaries (`"not English"`).
    pub fn label(self) -> &'static str {
        match self {
            SkipKind::Unreadable => "unreadable",
            SkipKind::Malformed => "malformed",
            SkipKind::NoText => "no text",
            SkipKind::Truncated => "truncated",
            SkipKind::TooLarge => "too large",
            SkipKind::BadDate => "bad date",
            SkipKind::NotEnglish => "not English",
        }
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
