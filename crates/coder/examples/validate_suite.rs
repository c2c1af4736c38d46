//! Runs a PETRARCH validation file without the CLI (for quick iteration):
//! `cargo run -p dyad-coder --example validate_suite -- FILE [--given] [--verbs V] [--only ID]...`

use std::path::PathBuf;

use dyad_coder::validate::{Status, ValidateOptions, validate_file};

fn main() {
    let mut args = std::env::args().skip(1);
    let mut file = None;
    let mut opts = ValidateOptions::default();
    let mut only: Vec<String> = Vec::new();
    let mut quiet = false;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--given" => opts.use_given_parse = true,
            "--verbs" => opts.verbs = args.next().map(PathBuf::from),
            "--only" => only.extend(args.next()),
            "-q" => quiet = true,
            _ => file = Some(PathBuf::from(a)),
        }
    }
    let Some(file) = file else {
        eprintln!("usage: validate_suite FILE [--given] [--verbs V] [--only ID] [-q]");
        std::process::exit(2);
    };
    let r = match validate_file(&file, &opts) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    for rec in &r.records {
        if !only.is_empty() && !only.contains(&rec.id) {
            continue;
        }
        if quiet || (rec.status == Status::Pass && only.is_empty()) {
            continue;
        }
        if matches!(rec.status, Status::ExpectedError(..)) && only.is_empty() {
            continue;
        }
        println!(
            "{:?} {}: {}",
            rec.status,
            rec.id,
            rec.text.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        println!("  expected: {:?}", rec.expected);
        println!("  produced: {:?}", rec.produced);
        for e in &rec.events {
            println!(
                "    {} {} {} [{}] src:{} tgt:{} {:?}",
                e.cameo,
                e.source.code,
                e.target.code,
                e.explain.pattern_text,
                e.explain.source_rule,
                e.explain.target_rule,
                e.explain.rules
            );
        }
        if !only.is_empty() {
            print!("{}", rec.parse_dump);
        }
    }
    println!(
        "events: expected {}, produced {}, matched {}; precision {:.3}, recall {:.3}",
        r.expected,
        r.produced,
        r.tp,
        r.precision(),
        r.recall()
    );
    println!("{} passed, {} failed", r.passed, r.failed);
}
