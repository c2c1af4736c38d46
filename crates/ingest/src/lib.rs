//! Input formats: PETRARCH XML records, JSON Lines, plain text, HTML and WARC articles.
//!
//! - [`petrarch`]: PETRARCH validation and story files (records with text,
//!   optional Penn or CoNLL-U parse, expected codings), read with per-record
//!   errors.
//! - [`article`]: articles from plain-text files and JSON Lines, streamed
//!   with per-line errors.

pub mod article;
mod error;
pub mod petrarch;
mod xml;

pub use error::{Error, Result};
