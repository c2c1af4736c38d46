//! Times loading and compiling PETRARCH files, and loading the compiled cache.
//!
//! `lexicon_timing text FILE...` reads and compiles, writes `$TMPDIR/dyad-timing.dlx`;
//! `lexicon_timing cache FILE.dlx` loads a cache. Run under `/usr/bin/time -v` for RSS.
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(mode) = args.first() else {
        eprintln!("usage: lexicon_timing text FILE... | cache FILE.dlx");
        std::process::exit(2);
    };
    let t0 = Instant::now();
    if mode == "cache" {
        let c = dyad_lexicon::CompiledLexicon::load(std::path::Path::new(&args[1])).unwrap_or_else(
            |e| {
                eprintln!("{e}");
                std::process::exit(2)
            },
        );
        println!("cache load {:.1} ms; sizes {:?}", t0.elapsed().as_secs_f64() * 1e3, c.sizes());
        return;
    }
    let loaded = dyad_lexicon::Lexicon::load_petrarch(&args[1..]).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2)
    });
    let t_read = t0.elapsed();
    let c = loaded.lexicon.compile();
    let t_all = t0.elapsed();
    println!(
        "read {:.1} ms + compile {:.1} ms = {:.1} ms; sizes {:?}; {} errors",
        t_read.as_secs_f64() * 1e3,
        (t_all - t_read).as_secs_f64() * 1e3,
        t_all.as_secs_f64() * 1e3,
        c.sizes(),
        loaded.error_count()
    );
    let p = std::env::temp_dir().join("dyad-timing.dlx");
    c.save(&p).unwrap();
    println!("wrote {}", p.display());
}
