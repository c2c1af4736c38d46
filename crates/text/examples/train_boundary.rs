//! Trains the embedded sentence-boundary model on UD English-EWT train,
//! chooses its decision threshold on UD English-EWT dev (never on test),
//! and writes it to `crates/text/src/boundary.model`.
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
    let ewt = root.join("ud/UD_English-EWT");
    let train = dyad_text::Gold::read(&ewt.join("en_ewt-ud-train.conllu"))?;
    let dev = dyad_text::Gold::read(&ewt.join("en_ewt-ud-dev.conllu"))?;
    let t = dyad_text::train_boundary_model(&[train], &[dev], epochs);
    for (th, s) in &t.sweep {
        eprintln!(
            "threshold {th:+.2}: dev sentence F1 {:.2} (P {:.2}, R {:.2})",
            100.0 * s.sentences.f1(),
            100.0 * s.sentences.precision(),
            100.0 * s.sentences.recall()
        );
    }
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/boundary.model");
    std::fs::write(&out, &t.model)?;
    eprintln!(
        "wrote {} ({} bytes, {epochs} epochs, threshold {:+.2} chosen on EWT dev)",
        out.display(),
        t.model.len(),
        t.threshold
    );
    Ok(())
}
