//! CAMEO/PLOVER ontology, dictionaries in dyad's format, PETRARCH importer and compiled matcher.
//!
//! ```no_run
//! use dyad_lexicon::Lexicon;
//! use dyad_types::Date;
//! let loaded = Lexicon::load_dir(std::path::Path::new("lexicon")).unwrap();
//! let compiled = loaded.lexicon.compile();
//! for m in compiled.find_actors(&["President", "Ilham", "Aliyev", "said"], Date::parse("2024-01-05")) {
//!     println!("{}..{} {:?} {}", m.start, m.end, m.code, compiled.location(m.source));
//! }
//! ```

mod compiled;
mod default_lexicon {
    include!(concat!(env!("OUT_DIR"), "/default_lexicon.rs"));
}
pub mod dyadfmt;
mod error;
pub mod model;
pub mod ontology;
pub mod petrarch;

use std::path::Path;

pub use compiled::{
    ActorView, CACHE_MAGIC, CACHE_VERSION, CompileStats, CompiledAgent, CompiledDiscard,
    CompiledGroup, CompiledIssue, CompiledLexicon, CompiledPattern, CompiledVerb, PhraseMatch,
    normalize_token,
};
pub use error::{DiagKind, Diagnostic, LexiconError, Severity};
pub use model::{DateRange, Lexicon, Source};
pub use ontology::{EventInfo, Plover, QuadClass, event_info};
pub use petrarch::{DictKind, FileReport, Loaded};

impl Lexicon {
    /// Reads a dyad-format lexicon directory (see `FORMAT.md`).
    ///
    /// The result carries every diagnostic; use [`Loaded::into_result`] to
    /// refuse a lexicon with errors.
    ///
    /// # Errors
    /// I/O errors.
    pub fn load_dir(dir: &Path) -> Result<Loaded, LexiconError> {
        dyadfmt::read_dir(dir)
    }

    /// Reads PETRARCH-format dictionary files, each one's kind told from its
    /// name or content.
    ///
    /// # Errors
    /// I/O errors and files of unknown kind.
    pub fn load_petrarch<P: AsRef<Path>>(paths: &[P]) -> Result<Loaded, LexiconError> {
        petrarch::read_petrarch(paths)
    }

    /// Reads dyad's default lexicon, embedded in the binary from the
    /// workspace's `lexicon/` directory. Diagnostics and explanations cite
    /// its files as `lexicon/<kind>/<file>.txt:<line>`.
    pub fn load_default() -> Loaded {
        dyadfmt::read_str_files(default_lexicon::FILES)
    }

    /// The default lexicon's files as `(path, text)` pairs.
    pub fn default_files() -> &'static [(&'static str, &'static str)] {
        default_lexicon::FILES
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn default_lexicon_loads_without_errors() {
        let loaded = Lexicon::load_default();
        let errors: Vec<String> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| format!("{}:{}: {}", d.file, d.line, d.message))
            .collect();
        assert!(errors.is_empty(), "default lexicon errors:\n{}", errors.join("\n"));
        assert_eq!(loaded.lexicon.files.len(), Lexicon::default_files().len());
    }

    #[test]
    fn compiled_is_shareable() {
        assert_send_sync::<CompiledLexicon>();
    }
}
