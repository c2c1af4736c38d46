//! CAMEO/PLOVER ontology, dictionaries in dyad's format, PETRARCH importer and compiled matcher.
//!
//! ```no_run
//! use dyad_lexicon::{Date, Lexicon};
//! let loaded = Lexicon::load_dir(std::path::Path::new("lexicon")).unwrap();
//! let compiled = loaded.lexicon.compile();
//! for m in compiled.find_actors(&["President", "Ilham", "Aliyev", "said"], Date::parse("2024-01-05")) {
//!     println!("{}..{} {:?} {}", m.start, m.end, m.code, compiled.location(m.source));
//! }
//! ```

mod compiled;
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
pub use model::{Date, DateRange, Lexicon, Source};
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn compiled_is_shareable() {
        assert_send_sync::<CompiledLexicon>();
    }
}
