//! The embedded event store: one SQLite database (bundled SQLite, WAL) that
//! holds articles, aggregated events with their mentions, and quotations.
//!
//! - Schema with a version in the database (`PRAGMA user_version`) and
//!   migrations ([`SCHEMA_VERSION`]).
//! - Idempotent, batched ingest ([`Store::ingest`]): an article whose id or
//!   text is already stored is skipped; each batch is one transaction, so a
//!   crash loses at most the open batch.
//! - Duplicate aggregation (`DUPLICATES.md`): reports of the same dyad, CAMEO
//!   family and date window become one event with mentions and GDELT-style
//!   counts; wire copies (MinHash near-duplicates) are grouped and count once.
//! - Queries ([`Store::dyad_series`]) and exports ([`Store::export`];
//!   `Store::export_parquet` with the cargo feature `parquet`).
//!
//! # Examples
//! ```
//! use dyad_store::{Aggregation, Coded, Store};
//! use dyad_ingest::article::Article;
//! use dyad_types::Date;
//!
//! let mut store = Store::open_in_memory(Aggregation::default()).unwrap();
//! let coder = |_: &Article| -> Result<Coded, String> { Ok(Coded::default()) };
//! let mut ingest = store.ingest(coder, 256, 1).unwrap();
//! let a = Article {
//!     id: "a1".into(), date: Date::new(2023, 3, 31), url: None, source: Some("AFP".into()),
//!     title: None, text: "Baku accused Tehran.".into(), file: "<doc>".into(), line: 1,
//! };
//! ingest.push(a.clone()).unwrap();
//! ingest.push(a).unwrap();
//! let summary = ingest.finish().unwrap();
//! assert_eq!((summary.stored, summary.duplicate_id), (1, 1));
//! ```

mod date;
mod error;
mod export;
mod hash;
pub mod minhash;
mod model;
#[cfg(feature = "parquet")]
mod parquet_export;
mod query;
mod schema;
mod store;

pub use date::{days_from_today, today};
pub use error::{Error, Result};
pub use export::ExportFormat;
pub use hash::content_hash;
pub use model::{Aggregation, ArticleCoder, Coded, Quote, SkipReason, Summary};
pub use query::{DyadQuery, Period, SeriesRow};
pub use schema::SCHEMA_VERSION;
pub use store::{Counts, DEFAULT_BATCH, Ingest, Skip, Store};
