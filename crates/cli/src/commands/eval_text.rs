//! `dyad eval text`: segmentation and tokenisation scores against gold CoNLL-U.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use dyad_text::{Counts, Gold, Scores, TextConfig};
use dyad_types::Document;

/// Arguments of `dyad eval text`.
#[derive(Args, Debug)]
pub(crate) struct EvalTextArgs {
    /// Gold CoNLL-U files (their `# text` lines give the raw text).
    #[arg(long, required = true, num_args = 1..)]
    gold: Vec<PathBuf>,
    /// Print up to N token and N sentence errors per file, with context.
    #[arg(long, default_value_t = 0)]
    errors: usize,
    /// Segment with the punctuation rules only (no boundary classifier).
    #[arg(long)]
    rules_only: bool,
}

pub(crate) fn run(args: EvalTextArgs) -> anyhow::Result<()> {
    let mut seg = TextConfig::builder().boundary_model(!args.rules_only).build().segmenter();
    let mut doc = Document::default();
    let mut total = Scores::default();
    for path in &args.gold {
        let gold = Gold::read(path).with_context(|| "reading gold data".to_string())?;
        let s = gold.evaluate(&mut seg, &mut doc);
        print_scores(&path.display().to_string(), &s);
        if !args.rules_only && trained_on(path) {
            println!(
                "  (in-sample: the embedded sentence-boundary model was trained on UD \
                 English-EWT train and dev; for a held-out figure use EWT test, or \
                 `cargo run --release -p dyad-text --example cv_boundary`)"
            );
        }
        if args.errors > 0 {
            print_errors(&gold, &doc, args.errors);
        }
        total.add(s);
    }
    if args.gold.len() > 1 {
        print_scores("total", &total);
    }
    Ok(())
}

/// Whether `path` is one of the treebank files the embedded boundary model
/// learned from (UD English-EWT train and dev, known by their file names).
fn trained_on(path: &std::path::Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("en_ewt-ud-train") || n.starts_with("en_ewt-ud-dev"))
}

fn line(what: &str, c: &Counts) -> String {
    format!("{what:<9} {c}")
}

fn print_scores(name: &str, s: &Scores) {
    println!("{name}");
    println!("  {}", line("sentences", &s.sentences));
    println!("  {}", line("tokens", &s.tokens));
    if s.unaligned > 0 {
        println!(
            "  ({} gold tokens could not be aligned with `# text` and were left out)",
            s.unaligned
        );
    }
}

/// Lists missed gold tokens and gold sentence ends, with some context.
fn print_errors(gold: &Gold, doc: &Document, n: usize) {
    use std::collections::HashSet;
    let sys: HashSet<(u32, u32)> = doc.tokens.iter().map(|t| (t.span.start, t.span.end)).collect();
    let ctx = |s: u32, e: u32| gold.context(s, e, 30);
    println!("  missed gold tokens:");
    for &(s, e) in gold.tokens.iter().filter(|t| !sys.contains(t)).take(n) {
        println!("    {}", ctx(s, e));
    }
    let sys_s: HashSet<u32> = doc.sentences.iter().map(|s| s.span.end).collect();
    let gold_s: HashSet<u32> = gold.sentences.iter().map(|s| s.1).collect();
    println!("  missed sentence ends:");
    for &(_, e) in gold.sentences.iter().filter(|s| !sys_s.contains(&s.1)).take(n) {
        println!("    {}", ctx(e, e));
    }
    println!("  spurious sentence ends:");
    for sb in doc.sentences.iter().filter(|s| !gold_s.contains(&s.span.end)).take(n) {
        println!("    {}", ctx(sb.span.end, sb.span.end));
    }
}
