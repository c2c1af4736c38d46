//! The crate's one error type.
//!
//! Every error that comes from input data names where the input came from
//! (a file path, or a label such as `<stdin>`) and the 1-based line, and says
//! what was expected.

use std::io;

/// An error from reading CoNLL-U or Penn trees, or from loading a model.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Malformed input text (CoNLL-U row, Penn tree, ...).
    #[error("{file}:{line}: {message}")]
    Input {
        /// Where the input came from (path or label).
        file: String,
        /// 1-based line number.
        line: u64,
        /// What was wrong and what was expected.
        message: String,
    },
    /// An I/O error while reading or writing.
    #[error("{file}:{line}: {source}")]
    Io {
        /// Where the input came from (path or label).
        file: String,
        /// 1-based line number (0 when not known).
        line: u64,
        /// The underlying error.
        #[source]
        source: io::Error,
    },
    /// A serialised model (or one of its sections) is malformed: bad magic,
    /// unsupported version, truncated or inconsistent data.
    #[error("model {what}: {message}")]
    Model {
        /// Which model or section (`"tagger"`, `"lemmatizer"`, a path, ...).
        what: String,
        /// What was wrong.
        message: String,
    },
    /// Training could not run (no data, bad options).
    #[error("training: {0}")]
    Train(String),
}

impl Error {
    /// An [`Error::Input`] for `file` at `line`.
    pub fn input(file: &str, line: u64, message: impl Into<String>) -> Error {
        Error::Input { file: file.to_owned(), line, message: message.into() }
    }

    /// An [`Error::Model`] for `what`.
    pub fn model(what: &str, message: impl Into<String>) -> Error {
        Error::Model { what: what.to_owned(), message: message.into() }
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_and_line() {
        let e = Error::input("a.conllu", 12, "expected 10 columns, found 3");
        assert_eq!(e.to_string(), "a.conllu:12: expected 10 columns, found 3");
        let e = Error::model("tagger", "bad magic");
        assert_eq!(e.to_string(), "model tagger: bad magic");
    }
}
