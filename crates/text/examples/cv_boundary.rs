//! Scores the sentence-boundary model's training recipe without touching
//! EWT test: 5-fold cross-validation on UD English-EWT train, with two
//! different ways of dealing the documents into folds, and EWT dev for a
//! model trained on all of train. Each figure is the sentence F1 at its
//! best decision threshold; their mean is the single number used to choose
//! features and settings (the dev set alone swings by about 0.5 between
//! neighbouring thresholds).
//!
//! Run: `cargo run --release -p dyad-text --example cv_boundary [EPOCHS]`
//! (data found through `$DYAD_DATA` or `../shared/data`).

use std::path::PathBuf;

use dyad_text::{Gold, Scores};

/// Folds per cross-validation.
const K: usize = 5;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let epochs: usize = std::env::args().nth(1).map_or(Ok(12), |a| a.parse())?;
    let root = std::env::var_os("DYAD_DATA").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"),
        PathBuf::from,
    );
    let ewt = root.join("ud/UD_English-EWT");
    let path = ewt.join("en_ewt-ud-train.conllu");
    let src = std::fs::read_to_string(&path)?;
    // Documents, each a run of sentence blocks from one `# newdoc`.
    let mut docs: Vec<String> = Vec::new();
    for block in src.split("\n\n").filter(|b| !b.trim().is_empty()) {
        if block.starts_with("# newdoc") || docs.is_empty() {
            docs.push(String::new());
        }
        if let Some(d) = docs.last_mut() {
            d.push_str(block);
            d.push_str("\n\n");
        }
    }
    let f1 = |s: &Scores| 100.0 * s.sentences.f1();
    let best = |sweep: &[(f64, Scores)]| {
        sweep
            .iter()
            .map(|(th, s)| (*th, f1(s)))
            .fold((0.0, f64::MIN), |a, b| if b.1 > a.1 { b } else { a })
    };
    let mut figures = Vec::new();
    // Split 0 deals documents in turn; split 1 by a hash of their index.
    for split in 0..2u64 {
        let mut folds = vec![String::new(); K];
        for (i, d) in docs.iter().enumerate() {
            let f = match split {
                0 => i % K,
                _ => ((i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 40) as usize % K,
            };
            folds[f].push_str(d);
        }
        let golds = folds.iter().map(|f| Gold::parse(f, &path)).collect::<Result<Vec<_>, _>>()?;
        let mut pooled: Vec<(f64, Scores)> = Vec::new();
        for i in 0..K {
            let train: Vec<Gold> =
                golds.iter().enumerate().filter(|&(j, _)| j != i).map(|(_, g)| g.clone()).collect();
            let t =
                dyad_text::train_boundary_model(&train, std::slice::from_ref(&golds[i]), epochs);
            if pooled.is_empty() {
                pooled = t.sweep;
            } else {
                for (p, s) in pooled.iter_mut().zip(&t.sweep) {
                    p.1.add(s.1);
                }
            }
        }
        let (th, f) = best(&pooled);
        println!(
            "{K}-fold CV on EWT train, split {split}: sentence F1 {f:.2} (threshold {th:+.2})"
        );
        figures.push(f);
    }
    let train = Gold::read(&path)?;
    let dev = Gold::read(&ewt.join("en_ewt-ud-dev.conllu"))?;
    let (th, f) = best(&dyad_text::train_boundary_model(&[train], &[dev], epochs).sweep);
    println!("train -> EWT dev: sentence F1 {f:.2} (threshold {th:+.2})");
    figures.push(f);
    println!("mean {:.2}", figures.iter().sum::<f64>() / figures.len() as f64);
    Ok(())
}
