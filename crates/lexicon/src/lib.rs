//! CAMEO/PLOVER ontology, dictionaries in dyad's format, PETRARCH importer and compiled matcher.

mod error;
pub mod model;
pub mod ontology;
pub mod petrarch;

pub use error::{DiagKind, Diagnostic, LexiconError, Severity};
pub use model::{Date, DateRange, Lexicon, Source};
pub use ontology::{EventInfo, Plover, QuadClass, event_info};
