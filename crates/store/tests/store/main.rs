//! Integration tests of dyad-store, by topic.

mod aggregate;
mod common;
mod export;
mod ingest;
mod migrate;
mod places;
mod query;
mod wire;
