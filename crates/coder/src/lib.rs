//! The event coder: a parsed sentence and a compiled lexicon in, CAMEO events
//! with their evidence and explanation out.
//!
//! ```no_run
//! use dyad_coder::{Coder, CoderOptions, load_petrarch};
//! let coder = load_petrarch(&["verbs.txt", "actors.txt"], CoderOptions::default()).unwrap();
//! let mut events = Vec::new();
//! let sentence = dyad_types::Sentence::new(); // filled by a parser
//! coder.code(&sentence, None, &mut events);
//! ```

mod coder;
mod compile;
mod error;
mod frames;
mod render;
pub mod validate;

use std::path::Path;

pub use coder::{Coder, CoderOptions, Context, DocState, Discarded, Negation, SentenceOutcome};
pub use compile::Compiled;
pub use error::{Error, Result};
pub use frames::{Arg, ArgRule, Frame, case_of, conjuncts, frames, phrase};
pub use render::render_event;

/// Rebuilds the text a sentence's word spans point into (forms at their
/// spans, blanks between), for sentences read from CoNLL-U.
pub fn text_from_spans(s: &dyad_types::Sentence) -> String {
    let end = s.words.iter().map(|w| w.span.end as usize).max().unwrap_or(0);
    let mut t = vec![b' '; end];
    for (i, w) in s.words.iter().enumerate() {
        let f = s.form(i).as_bytes();
        let r = w.span.range();
        if r.len() == f.len() {
            t[r].copy_from_slice(f);
        }
    }
    String::from_utf8(t).unwrap_or_default()
}

/// Builds a coder from PETRARCH dictionary files (kinds detected from the
/// names or contents). Warnings are ignored; syntax errors in a file are
/// reported as [`Error::Dictionary`] only when nothing of that file could be
/// read, so that one bad line does not stop a run (PETRARCH's behaviour).
///
/// # Errors
/// I/O errors and files of unknown kind.
pub fn load_petrarch<P: AsRef<Path>>(paths: &[P], opts: CoderOptions) -> Result<Coder> {
    let load = dyad_lexicon::petrarch::read_petrarch(paths)?;
    Ok(Coder::new(Compiled::new(&load.lexicon), opts))
}
