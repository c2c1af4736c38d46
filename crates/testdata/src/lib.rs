//! Locates the shared reference data for tests and benches.
//!
//! The data lives in `$DYAD_DATA`, or else in `../shared/data` beside the
//! project checkout. Where a file is missing, [`path`] returns `None` after
//! printing a skip message, so the calling test can return early; with
//! `DYAD_REQUIRE_DATA=1` (as `.ci/run` sets) a missing file panics instead, so
//! CI cannot pass by skipping.

use std::path::PathBuf;

/// The data folder: `$DYAD_DATA`, else `<checkout>/../shared/data`.
pub fn root() -> PathBuf {
    if let Some(d) = std::env::var_os("DYAD_DATA") {
        return PathBuf::from(d);
    }
    // crates/testdata -> crates -> checkout -> its parent.
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data")
}

/// Whether missing data must fail rather than skip (`DYAD_REQUIRE_DATA=1`).
pub fn required() -> bool {
    std::env::var("DYAD_REQUIRE_DATA").is_ok_and(|v| v == "1" || v == "true")
}

/// The path of `rel` under the data folder, if it exists.
///
/// # Panics
/// Panics if the file is missing and `DYAD_REQUIRE_DATA=1`.
pub fn path(rel: &str) -> Option<PathBuf> {
    let p = root().join(rel);
    if p.exists() {
        return Some(p);
    }
    if required() {
        panic!(
            "required test data missing: {} (set DYAD_DATA or lay out ../shared/data)",
            p.display()
        );
    }
    eprintln!("SKIP: test data missing: {} (set DYAD_DATA to run this test)", p.display());
    None
}
