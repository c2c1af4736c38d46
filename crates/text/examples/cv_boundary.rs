//! Scores the sentence-boundary model's training recipe without touching
//! EWT test: 5-fold cross-validation on UD English-EWT train, with two
//! different ways of dealing the documents into folds, and EWT dev for a
//! model trained on all of train. Each figure is the sentence F1 at its
//! best decision threshold; their mean is the single number used to choose
//! features and settings (the dev set alone swings by about 0.5 between
//! neighbouring thresholds).
//!
//! Run: `cargo run --release -p dyad-text --example cv_boundary [EPOCHS [SEED]]`
//! (data found through `$DYAD_DATA` or `../shared/data`).

mod common;

use dyad_text::Gold;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let settings = common::settings()?;
    let ewt = common::data_root().join("ud/UD_English-EWT");
    let path = ewt.join("en_ewt-ud-train.conllu");
    let mut figures = Vec::new();
    for split in 0..2u64 {
        let (th, f) =
            common::best(&common::cross_validate(&common::folds(&[&path], split)?, settings));
        println!(
            "{}-fold CV on EWT train, split {split}: sentence F1 {f:.2} (threshold {th:+.2})",
            common::K
        );
        figures.push(f);
    }
    let train = Gold::read(&path)?;
    let dev = Gold::read(&ewt.join("en_ewt-ud-dev.conllu"))?;
    let (th, f) = common::best(&dyad_text::train_boundary_model(&[train], &[dev], settings).sweep);
    println!("train -> EWT dev: sentence F1 {f:.2} (threshold {th:+.2})");
    figures.push(f);
    println!("mean {:.2}", figures.iter().sum::<f64>() / figures.len() as f64);
    Ok(())
}
