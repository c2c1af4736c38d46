//! The crate's error type.

use std::path::PathBuf;

/// Errors of the text layer: reading gold CoNLL-U files for evaluation.
/// Segmentation itself cannot fail.
#[derive(Debug, thiserror::Error)]
pub enum TextError {
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A CoNLL-U line is malformed.
    #[error("{path}:{line}: {message}")]
    Conllu {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}
