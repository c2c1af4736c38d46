//! `dyad bench text`: throughput of segmentation and tokenisation.

use std::path::PathBuf;
use std::time::Instant;

use clap::Args;
use dyad_text::{Gold, TextConfig, decode};
use dyad_types::Document;

use super::input::read_bytes;

/// Arguments of `dyad bench text`.
#[derive(Args, Debug)]
pub(crate) struct BenchTextArgs {
    /// Raw text file; default: the text rebuilt from UD English-EWT train
    /// (found through `$DYAD_DATA` or `../shared/data`).
    input: Option<PathBuf>,
    /// How many times to segment the input.
    #[arg(long, default_value_t = 20)]
    repeat: usize,
    /// Segment with the punctuation rules only (no boundary classifier).
    #[arg(long)]
    rules_only: bool,
}

const EWT_TRAIN: &str = "ud/UD_English-EWT/en_ewt-ud-train.conllu";

fn default_input() -> anyhow::Result<String> {
    let mut roots: Vec<PathBuf> = Vec::new();
    if let Some(d) = std::env::var_os("DYAD_DATA") {
        roots.push(PathBuf::from(d));
    }
    roots.push(PathBuf::from("../shared/data"));
    roots.push(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    let Some(path) = roots.iter().map(|r| r.join(EWT_TRAIN)).find(|p| p.exists()) else {
        anyhow::bail!("no input given and {EWT_TRAIN} not found (set DYAD_DATA or pass a file)");
    };
    eprintln!("input: raw text rebuilt from {}", path.display());
    Ok(Gold::read(&path)?.text)
}

pub(crate) fn run(args: BenchTextArgs) -> anyhow::Result<()> {
    let text = match &args.input {
        None => default_input()?,
        Some(p) => {
            let bytes = read_bytes(Some(p))?;
            let d = decode(&bytes);
            if let Some(w) = d.warning() {
                eprintln!("dyad: warning: {}: {w}", p.display());
            }
            d.text.into_owned()
        }
    };
    let repeat = args.repeat.max(1);
    let mut seg = TextConfig::builder().boundary_model(!args.rules_only).build().segmenter();
    let mut doc = Document::default();
    // One warm-up run fixes the expected counts.
    seg.segment(&text, &mut doc);
    let (tokens, sentences) = (doc.tokens.len(), doc.sentences.len());
    let mut best = f64::INFINITY;
    let cpu_start = thread_cpu_ns();
    let start = Instant::now();
    for r in 0..repeat {
        let t = Instant::now();
        seg.segment(&text, &mut doc);
        best = best.min(t.elapsed().as_secs_f64());
        if doc.tokens.len() != tokens || doc.sentences.len() != sentences {
            anyhow::bail!(
                "repeat {r}: {} tokens / {} sentences, expected {tokens} / {sentences}",
                doc.tokens.len(),
                doc.sentences.len()
            );
        }
    }
    let secs = start.elapsed().as_secs_f64().max(1e-9);
    let cpu = cpu_start.zip(thread_cpu_ns()).map(|(a, b)| (b - a) as f64 / 1e9);
    let mb = text.len() as f64 * repeat as f64 / 1e6;
    println!(
        "{:.2} MB x {repeat}: {:.1} MB/s mean, {:.1} MB/s best; {:.2} M tokens/s; {:.0} sentences/s ({tokens} tokens, {sentences} sentences per run, 1 thread)",
        text.len() as f64 / 1e6,
        mb / secs,
        text.len() as f64 / 1e6 / best.max(1e-9),
        (tokens * repeat) as f64 / secs / 1e6,
        (sentences * repeat) as f64 / secs
    );
    if let Some(cpu) = cpu.filter(|&c| c > 0.0) {
        println!(
            "on-CPU time {cpu:.3} s of {secs:.3} s wall: {:.1} MB/s, {:.2} M tokens/s per CPU-second",
            mb / cpu,
            (tokens * repeat) as f64 / cpu / 1e6
        );
    }
    std::hint::black_box(&doc);
    Ok(())
}

/// Nanoseconds this thread has run on a CPU (Linux `schedstat`), so the
/// figure stays meaningful on a loaded machine.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}
