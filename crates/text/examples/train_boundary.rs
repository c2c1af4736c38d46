//! Trains the embedded sentence-boundary model on UD English-EWT train and
//! writes it to `crates/text/src/boundary.model`.
//!
//! Run: `cargo run --release -p dyad-text --example train_boundary [EPOCHS]`
//! (data found through `$DYAD_DATA` or `../shared/data`).

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let epochs: usize = std::env::args().nth(1).map_or(Ok(12), |a| a.parse())?;
    let root = std::env::var_os("DYAD_DATA").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"),
        PathBuf::from,
    );
    let path = root.join("ud/UD_English-EWT/en_ewt-ud-train.conllu");
    let gold = dyad_text::Gold::read(&path)?;
    let model = dyad_text::train_boundary_model(&[gold], epochs);
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/boundary.model");
    std::fs::write(&out, &model)?;
    eprintln!("wrote {} ({} bytes, {epochs} epochs)", out.display(), model.len());
    Ok(())
}
