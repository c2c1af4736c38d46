//! Measures the gazetteer's build time and the process's peak memory:
//! `cargo run --release -p dyad-geo --example geo_load [NAME...]`.

use std::time::Instant;

fn rss_kib(field: &str) -> u64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn main() {
    let before = rss_kib("VmRSS:");
    let t = Instant::now();
    let g = match dyad_geo::Gazetteer::global() {
        Ok(g) => g,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    let ms = t.elapsed().as_secs_f64() * 1e3;
    let after = rss_kib("VmRSS:");
    println!(
        "entries {} names {} load {ms:.1} ms rss before {before} KiB after {after} KiB (+{} KiB) peak {} KiB",
        g.len(),
        g.names(),
        after.saturating_sub(before),
        rss_kib("VmHWM:")
    );
    for name in std::env::args().skip(1) {
        for e in g.lookup(&name) {
            println!(
                "{name}\t{}\t{}\t{:?}\t{}\t{:?}",
                e.name(),
                e.country(),
                e.coords(),
                e.population(),
                e.kind()
            );
        }
    }
}
