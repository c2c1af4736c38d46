//! Regenerates `crates/lexicon/data/*.tsv` from the shared CAMEO/PLOVER tables.
//!
//! Usage: `cargo run -p dyad-lexicon --example gen_ontology [SHARED_DATA_DIR]`
//! (default: `$DYAD_DATA` or `../shared/data`).

#[allow(dead_code, unreachable_pub)]
#[path = "../src/ontology_gen.rs"]
mod ontology_gen;

fn main() {
    let root = std::env::args_os()
        .nth(1)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(dyad_testdata::root);
    let files = match ontology_gen::generate(&root) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("gen_ontology: {e}");
            std::process::exit(2);
        }
    };
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    for (name, text) in files {
        let p = out.join(name);
        if let Err(e) = std::fs::write(&p, text) {
            eprintln!("gen_ontology: {}: {e}", p.display());
            std::process::exit(2);
        }
        println!("wrote {}", p.display());
    }
}
