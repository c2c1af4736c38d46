//! Prints counts and diagnostics for PETRARCH dictionary files (development aid).
fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let load = match dyad_lexicon::petrarch::read_petrarch(&paths) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    for r in &load.reports {
        println!("{} [{}] {:?}", r.file, r.kind.name(), r.counts);
    }
    for d in &load.diagnostics {
        println!("{d}");
    }
}
