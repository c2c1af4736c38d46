//! Cross-validates the sentence-boundary model on UD English-EWT train:
//! the documents are dealt into K folds, a model is trained on K - 1 and
//! scored on the held-out fold at every threshold, and the counts are
//! pooled. A steadier guide than EWT dev (12,544 sentences against 2,001)
//! for choosing features and training settings; test is never read.
//!
//! Run: `cargo run --release -p dyad-text --example cv_boundary [EPOCHS] [K]`
//! (data found through `$DYAD_DATA` or `../shared/data`).

use std::path::{Path, PathBuf};

use dyad_text::{Gold, Scores};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let epochs: usize = args.next().map_or(Ok(12), |a| a.parse())?;
    let k: usize = args.next().map_or(Ok(5), |a| a.parse())?.max(2);
    let root = std::env::var_os("DYAD_DATA").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"),
        PathBuf::from,
    );
    let path = root.join("ud/UD_English-EWT/en_ewt-ud-train.conllu");
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
    let mut folds = vec![String::new(); k];
    for (i, d) in docs.iter().enumerate() {
        folds[i % k].push_str(d);
    }
    let golds = folds.iter().map(|f| Gold::parse(f, &path)).collect::<Result<Vec<_>, _>>()?;
    let mut pooled: Vec<(f64, Scores)> = Vec::new();
    for i in 0..k {
        let train: Vec<Gold> =
            golds.iter().enumerate().filter(|&(j, _)| j != i).map(|(_, g)| g.clone()).collect();
        let t = dyad_text::train_boundary_model(&train, std::slice::from_ref(&golds[i]), epochs);
        if pooled.is_empty() {
            pooled = t.sweep;
        } else {
            for (p, s) in pooled.iter_mut().zip(&t.sweep) {
                p.1.add(s.1);
            }
        }
    }
    let f1 = |s: &Scores| 100.0 * s.sentences.f1();
    let Some(best) = pooled.iter().max_by(|a, b| f1(&a.1).total_cmp(&f1(&b.1))) else {
        return Err("no folds".into());
    };
    let zero = pooled.iter().find(|p| p.0 == 0.0).map_or(f64::NAN, |p| f1(&p.1));
    println!(
        "{k}-fold CV on {}: best threshold {:+.2}: sentence F1 {:.2}; threshold 0: {zero:.2}",
        Path::new(&path).display(),
        best.0,
        f1(&best.1)
    );
    Ok(())
}
