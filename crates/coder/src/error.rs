//! The coder's error type.

/// Errors of `dyad-coder`: loading dictionaries and reading validation files.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A dictionary could not be read (I/O, unknown kind, missing file).
    #[error("lexicon: {0}")]
    Lexicon(#[from] dyad_lexicon::LexiconError),
    /// A dictionary file has syntax errors (`file:line: message`, the first few).
    #[error("{count} dictionary error(s), first: {first}")]
    Dictionary {
        /// Number of error diagnostics.
        count: usize,
        /// The first one, with file and line.
        first: String,
    },
    /// A validation or input file could not be read.
    #[error("input: {0}")]
    Input(#[from] dyad_ingest::Error),
    /// Something else, with context.
    #[error("{0}")]
    Other(String),
}

/// The coder's result type.
pub type Result<T> = std::result::Result<T, Error>;
