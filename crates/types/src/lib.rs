//! Shared types of the dyad pipeline.
//!
//! Every stage of dyad (text, parse, lexicon, coder, store) speaks in these
//! types, so no stage needs another stage's internals. Each module is owned by
//! the stage that produces its values:
//!
//! - [`Span`]: a byte range into a document's original text.
//! - [`Document`], [`Token`], [`SentenceBounds`]: the text layer's output.
//! - [`Upos`], [`Xpos`], [`Deprel`]: the closed tag vocabularies.
//! - [`Sentence`], [`Word`]: a sentence of words, filled in by the tagger and
//!   parser (caller-owned buffer, cleared and refilled).
//! - [`event`]: coded events with their evidence and explanation.
//! - [`Date`]: the calendar date of every stage ([`calendar`]).

pub mod calendar;
mod doc;
pub mod event;
mod sentence;
mod span;
mod tags;

pub use calendar::Date;
pub use doc::{Document, SentenceBounds, Token};
pub use sentence::{Sentence, Word};
pub use span::Span;
pub use tags::{Deprel, Upos, Xpos};
