//! Input formats: PETRARCH XML records, JSON Lines, plain text, HTML and WARC articles.
//!
//! - [`petrarch`]: PETRARCH validation and story files (records with text,
//!   optional Penn or CoNLL-U parse, expected codings), read with per-record
//!   errors.
//! - [`article`]: articles from plain-text files and JSON Lines, streamed
//!   with per-line errors.
//! - [`html`]: HTML pages, main text without navigation and boilerplate,
//!   with title, publication date and canonical URL.
//! - [`warc`]: gzipped WARC files (Common Crawl News), streamed record by
//!   record with per-record errors.
//! - [`inputs`]: [`inputs::open_inputs`], every format and directories
//!   behind one iterator, the format detected by content or given.
//! - [`language`]: is an article in English (function-word share)?

pub mod article;
mod error;
pub mod html;
pub mod inputs;
pub mod language;
pub mod petrarch;
pub mod warc;
mod xml;

pub use error::{Error, Result, SkipKind};
pub use inputs::{Format, Inputs, open_inputs};
