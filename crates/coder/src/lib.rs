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
pub mod validate;

use std::path::Path;

pub use coder::{Coder, CoderOptions, Context, DocState, Discarded, Negation, SentenceOutcome};
pub use compile::Compiled;
pub use error::{Error, Result};
pub use frames::{Arg, ArgRule, Frame, case_of, conjuncts, frames, phrase};

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
