//! `dyad bench parse`: single-thread throughput of tagging, lemmatising and
//! parsing with gold tokens.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use dyad_parse::read_conllu_file;
use dyad_types::Sentence;

use super::eval_parse::{load_model, strip};

/// Arguments of `dyad bench parse`.
#[derive(Args, Debug)]
pub(crate) struct BenchParseArgs {
    /// CoNLL-U file whose words are analysed (default: EWT test).
    file: Option<PathBuf>,
    /// Model file (default: the embedded model).
    #[arg(long)]
    model: Option<PathBuf>,
    /// Passes over the file.
    #[arg(long, default_value_t = 5)]
    repeat: usize,
}

pub(crate) fn run(args: BenchParseArgs) -> anyhow::Result<()> {
    let path = args
        .file
        .unwrap_or_else(|| PathBuf::from("../shared/data/ud/UD_English-EWT/en_ewt-ud-test.conllu"));
    let t0 = Instant::now();
    let model = load_model(args.model.as_deref())?;
    let load = t0.elapsed();
    let gold = read_conllu_file(&path).with_context(|| format!("reading {}", path.display()))?;
    let words: Vec<Sentence> = gold
        .iter()
        .map(|g| {
            let mut s = Sentence::new();
            strip(g, &mut s);
            s
        })
        .collect();
    let tokens: usize = words.iter().map(Sentence::len).sum();
    let mut s = Sentence::new();
    // One untimed pass warms caches and buffers.
    for w in &words {
        s.clone_from(w);
        model.analyze(&mut s);
    }
    let start = Instant::now();
    let cpu0 = thread_cpu_seconds();
    for _ in 0..args.repeat.max(1) {
        let mut arcs = 0usize;
        for w in &words {
            s.clone_from(w);
            model.analyze(&mut s);
            let n = s.len() as u32;
            arcs += s.words.iter().filter(|w| w.head <= n).count();
        }
        // Every word must have received a head: the loop cannot measure nothing.
        anyhow::ensure!(arcs == tokens, "parser produced {arcs} arcs for {tokens} words");
    }
    let secs = start.elapsed().as_secs_f64();
    let cpu = thread_cpu_seconds().zip(cpu0).map(|(b, a)| b - a);
    // The tagger and lemmatiser alone, for the split.
    let t_tag = Instant::now();
    for _ in 0..args.repeat.max(1) {
        let mut tagged = 0usize;
        for w in &words {
            s.clone_from(w);
            model.tag(&mut s);
            tagged += s.words.iter().filter(|w| w.xpos != dyad_types::Xpos::NONE).count();
        }
        anyhow::ensure!(tagged == tokens, "tagger tagged {tagged} of {tokens} words");
    }
    let tag_secs = t_tag.elapsed().as_secs_f64();
    let n = args.repeat.max(1) as f64;
    println!(
        "{}: {} sentences, {} tokens x {}: {:.0} tokens/s, {:.0} sentences/s (1 thread; model load {:.0} ms)",
        path.display(),
        words.len(),
        tokens,
        args.repeat.max(1),
        tokens as f64 * n / secs,
        words.len() as f64 * n / secs,
        load.as_secs_f64() * 1000.0
    );
    if let Some(cpu) = cpu.filter(|&c| c > 0.0) {
        // On a shared machine wall time includes waiting for a core; CPU
        // time of this thread is what one dedicated core would take.
        println!(
            "  per CPU second of this thread: {:.0} tokens/s ({:.2} s CPU for {:.2} s wall)",
            tokens as f64 * n / cpu,
            cpu,
            secs
        );
    }
    println!(
        "  of which tag+lemma alone: {:.0} tokens/s",
        tokens as f64 * args.repeat.max(1) as f64 / tag_secs
    );
    Ok(())
}

/// User+system CPU time of the calling thread, from `/proc/thread-self/stat`
/// (Linux; `None` elsewhere). Resolution is one clock tick (10 ms).
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are the
    // 14th and 15th fields of the whole line.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split(' ').collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}
