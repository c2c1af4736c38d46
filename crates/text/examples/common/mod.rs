//! What the boundary-model examples share: finding the data and dealing
//! EWT train into cross-validation folds.

use std::path::{Path, PathBuf};

use dyad_text::{BoundarySettings, Gold, Scores};

/// Folds per cross-validation.
pub(crate) const K: usize = 5;

/// The shared data folder (`$DYAD_DATA` or `../shared/data`).
pub(crate) fn data_root() -> PathBuf {
    std::env::var_os("DYAD_DATA").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"),
        PathBuf::from,
    )
}

/// Training settings from the command line, `[EPOCHS [SEED]]` (defaults
/// 12 and 0, the shipped model's).
pub(crate) fn settings() -> Result<BoundarySettings, Box<dyn std::error::Error>> {
    let mut s = BoundarySettings::default();
    let mut args = std::env::args().skip(1);
    if let Some(a) = args.next() {
        s.epochs = a.parse().map_err(|_| format!("EPOCHS: expected a number, got {a:?}"))?;
    }
    if let Some(a) = args.next() {
        s.seed = a.parse().map_err(|_| format!("SEED: expected a number, got {a:?}"))?;
    }
    if let Some(a) = args.next() {
        return Err(format!("unexpected argument {a:?} (usage: [EPOCHS [SEED]])").into());
    }
    Ok(s)
}

/// The documents of the CoNLL-U files at `paths` dealt into `K` folds:
/// split 0 deals them in turn, any other split by a hash of their index.
pub(crate) fn folds(paths: &[&Path], split: u64) -> Result<Vec<Gold>, Box<dyn std::error::Error>> {
    // Documents, each a run of sentence blocks from one `# newdoc`.
    let mut docs: Vec<String> = Vec::new();
    for path in paths {
        let src = std::fs::read_to_string(path)?;
        for (k, block) in src.split("\n\n").filter(|b| !b.trim().is_empty()).enumerate() {
            if block.starts_with("# newdoc") || k == 0 {
                docs.push(String::new());
            }
            if let Some(d) = docs.last_mut() {
                d.push_str(block);
                d.push_str("\n\n");
            }
        }
    }
    let path = paths.first().ok_or("no CoNLL-U file")?;
    let mut folds = vec![String::new(); K];
    for (i, d) in docs.iter().enumerate() {
        let f = match split {
            0 => i % K,
            _ => ((i as u64 ^ split).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 40) as usize % K,
        };
        folds[f].push_str(d);
    }
    Ok(folds.iter().map(|f| Gold::parse(f, path)).collect::<Result<Vec<_>, _>>()?)
}

/// The threshold sweep of `K`-fold cross-validation over `folds`, with the
/// counts of every held-out fold pooled.
pub(crate) fn cross_validate(folds: &[Gold], settings: BoundarySettings) -> Vec<(f64, Scores)> {
    let mut pooled: Vec<(f64, Scores)> = Vec::new();
    for i in 0..folds.len() {
        let train: Vec<Gold> =
            folds.iter().enumerate().filter(|&(j, _)| j != i).map(|(_, g)| g.clone()).collect();
        let t = dyad_text::train_boundary_model(&train, std::slice::from_ref(&folds[i]), settings);
        if pooled.is_empty() {
            pooled = t.sweep;
        } else {
            for (p, s) in pooled.iter_mut().zip(&t.sweep) {
                p.1.add(s.1);
            }
        }
    }
    pooled
}

/// The threshold with the best sentence F1 in a sweep, and that F1 (in %).
pub(crate) fn best(sweep: &[(f64, Scores)]) -> (f64, f64) {
    sweep
        .iter()
        .map(|(th, s)| (*th, 100.0 * s.sentences.f1()))
        .fold((0.0, f64::MIN), |a, b| if b.1 > a.1 { b } else { a })
}
