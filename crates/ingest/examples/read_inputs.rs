//! Reads inputs with `open_inputs` and prints counts and speed:
//! `cargo run --release -p dyad-ingest --example read_inputs -- [--from FORMAT] PATH...`

use std::time::Instant;

use dyad_ingest::article::ArticleOptions;
use dyad_ingest::inputs::{Format, open_inputs};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut format = Format::Auto;
    if args.first().is_some_and(|a| a == "--from") && args.len() > 1 {
        format = args[1].parse().unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(2)
        });
        args.drain(..2);
    }
    let start = Instant::now();
    let (mut ok, mut bad, mut bytes) = (0u64, 0u64, 0usize);
    let mut inputs = open_inputs(&args, format, ArticleOptions::default());
    for item in inputs.by_ref() {
        match item {
            Ok(a) => {
                ok += 1;
                bytes += a.text.len();
            }
            Err(e) => {
                bad += 1;
                eprintln!("skipped: {e}");
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} files, {ok} articles ({bytes} bytes of text), {bad} errors, {} records passed over, \
         {secs:.2}s, {:.0} articles/s",
        inputs.files(),
        inputs.skipped_records(),
        ok as f64 / secs
    );
}
