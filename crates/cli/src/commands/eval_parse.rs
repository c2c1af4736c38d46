//! `dyad eval parse`: tagging, lemma and attachment scores against gold
//! CoNLL-U, with gold tokenisation (the words are taken from the gold file,
//! every analysis column is predicted afresh).

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use dyad_parse::{EvalCounts, Evaluation, Model, read_conllu_file};
use dyad_types::Sentence;

/// Arguments of `dyad eval parse`.
#[derive(Args, Debug)]
pub(crate) struct EvalParseArgs {
    /// Gold CoNLL-U files.
    #[arg(long, required = true, num_args = 1..)]
    gold: Vec<PathBuf>,
    /// Model file (default: the embedded model).
    #[arg(long)]
    model: Option<PathBuf>,
}

/// The model at `path`, or the embedded one. Loaded models live for the rest
/// of the process.
pub(crate) fn load_model(path: Option<&Path>) -> anyhow::Result<&'static Model> {
    match path {
        Some(p) => Ok(Box::leak(Box::new(Model::load(p)?))),
        None => Ok(Model::embedded()?),
    }
}

/// A copy of `gold` with only its words (form, span, spacing): no tags,
/// lemmas or tree.
pub(crate) fn strip(gold: &Sentence, out: &mut Sentence) {
    out.clear();
    for (i, w) in gold.words.iter().enumerate() {
        out.push(gold.form(i), w.span, w.space_after);
    }
}

pub(crate) fn run(args: EvalParseArgs) -> anyhow::Result<()> {
    let t0 = Instant::now();
    let model = load_model(args.model.as_deref())?;
    eprintln!("model loaded in {:.0} ms", t0.elapsed().as_secs_f64() * 1000.0);
    let mut total = Evaluation::default();
    let mut s = Sentence::new();
    println!(
        "{:<28} {:>7} {:>6} {:>6} {:>6} {:>6} {:>6}",
        "file", "words", "UPOS", "XPOS", "lemma", "UAS", "LAS"
    );
    for path in &args.gold {
        let gold = read_conllu_file(path).with_context(|| format!("reading {}", path.display()))?;
        let mut eval = Evaluation::default();
        for g in &gold {
            strip(g, &mut s);
            model.analyze(&mut s);
            eval.add(g, &s);
            total.add(g, &s);
        }
        let name = path
            .file_name()
            .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        print_rows(&name, &eval);
    }
    if args.gold.len() > 1 {
        print_rows("total", &total);
    }
    Ok(())
}

fn print_rows(name: &str, e: &Evaluation) {
    row(name, &e.all);
    row(&format!("{name} (no punct)"), &e.no_punct);
}

fn row(name: &str, c: &EvalCounts) {
    println!(
        "{:<28} {:>7} {:>6.2} {:>6.2} {:>6.2} {:>6.2} {:>6.2}",
        name,
        c.words,
        c.upos_pct(),
        c.xpos_pct(),
        c.lemma_pct(),
        c.uas_pct(),
        c.las_pct()
    );
}
