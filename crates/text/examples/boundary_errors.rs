//! Where the sentence-boundary model's errors on EWT dev come from, for a
//! model trained on EWT train (its threshold the best on dev, as in
//! `cv_boundary`): sentence F1 as segmented, with the sentence-so-far
//! features taken from the gold boundaries, and with the gold boundaries
//! added at the gaps the classifier never decides. `--errors` lists every
//! missed and added boundary with its context. Test is never read.
//!
//! Run: `cargo run --release -p dyad-text --example boundary_errors [--errors]`
//! (data found through `$DYAD_DATA` or `../shared/data`).

// Only `data_root` is used here.
#[allow(dead_code)]
mod common;

use dyad_text::{Counts, Gold};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let list = match std::env::args().nth(1).as_deref() {
        None => false,
        Some("--errors") => true,
        Some(a) => return Err(format!("unknown argument {a:?} (expected --errors)").into()),
    };
    let ewt = common::data_root().join("ud/UD_English-EWT");
    let train = Gold::read(&ewt.join("en_ewt-ud-train.conllu"))?;
    let dev = Gold::read(&ewt.join("en_ewt-ud-dev.conllu"))?;
    let t = dyad_text::train_boundary_model(
        &[train],
        std::slice::from_ref(&dev),
        dyad_text::BoundarySettings::default(),
    );
    let d = dyad_text::diagnose_boundary_model(&t.model, &dev)?;
    let line = |what: &str, c: &Counts| println!("{what:<42} {c}");
    println!("EWT train -> dev, threshold {:+.2}, sentences scored by boundaries:", t.threshold);
    line("segmented", &d.segmented);
    line("with gold sentence-so-far features", &d.gold_history);
    line("... and gold boundaries at undecided gaps", &d.all_gaps);
    println!(
        "in-line gaps: {} decided by the classifier, {} not; {} gold boundaries among the latter",
        d.gaps.0, d.gaps.1, d.undecided_boundaries
    );
    let missed = d.errors.iter().filter(|e| e.1).count();
    println!("boundaries missed {missed}, added {}", d.errors.len() - missed);
    if list {
        for &(e, miss) in &d.errors {
            println!("{} {}", if miss { "missed" } else { "added " }, dev.context(e, e, 60));
        }
    }
    Ok(())
}
