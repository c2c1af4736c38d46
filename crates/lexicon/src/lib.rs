//! CAMEO/PLOVER ontology, dictionaries in dyad's format, PETRARCH importer and compiled matcher.

pub mod ontology;

pub use ontology::{EventInfo, Plover, QuadClass, event_info};
