//! The crate's error type and the diagnostics that readers collect.

use std::fmt;
use std::path::PathBuf;

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Reported and counted; loading goes on.
    Warning,
    /// The line could not be read; `check` exits non-zero.
    Error,
}

/// What a diagnostic is about, so callers can count or promote classes of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DiagKind {
    /// A line that does not follow its file's syntax.
    Syntax,
    /// An event code that is not in the CAMEO table (an error under `--strict`).
    UnknownEventCode,
    /// A construct the reader recognises but dyad does not support; the line is kept out.
    Unsupported,
    /// A slip that PETRARCH tolerates and the reader repaired (e.g. `[~ENV}`).
    Repaired,
    /// A duplicate definition (synset, substitution marker).
    Duplicate,
}

/// One problem found while reading a dictionary, with its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Class of problem.
    pub kind: DiagKind,
    /// The file, as given to the reader.
    pub file: String,
    /// 1-based line number (0 when the problem concerns the whole file).
    pub line: u32,
    /// What was found and what was expected.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{}:{}: {sev}: {}", self.file, self.line, self.message)
    }
}

/// The error type of `dyad-lexicon`.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A dictionary has errors; the first is shown, all are in `diagnostics`.
    #[error("{first} ({count} error(s) in all)")]
    Invalid {
        /// The first error.
        first: Box<Diagnostic>,
        /// How many errors there were.
        count: usize,
        /// Every diagnostic (errors and warnings).
        diagnostics: Vec<Diagnostic>,
    },
    /// The kind of a PETRARCH file could not be told from its name or content.
    #[error(
        "{path}: cannot tell what kind of PETRARCH dictionary this is (expected a verbs, actors, agents, discards, issues, prepositions or PICO ontology file)"
    )]
    UnknownKind {
        /// The file.
        path: PathBuf,
    },
    /// A compiled-lexicon cache file is not usable.
    #[error("{path}: {message}")]
    Cache {
        /// The cache file.
        path: PathBuf,
        /// What is wrong (bad magic, version mismatch, truncated data).
        message: String,
    },
    /// An `<Environment>` block names no usable dictionary, or names one that is missing.
    #[error("environment: {0}")]
    Environment(String),
}

impl LexiconError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        LexiconError::Io { path: path.into(), source }
    }
}
