//! The event coder: a parsed sentence and a compiled lexicon in, CAMEO events
//! with their evidence and explanation out.

mod frames;

pub use frames::{Arg, ArgRule, Frame, case_of, conjuncts, frames, phrase};
