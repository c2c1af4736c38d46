//! The committed ontology tables equal the generator's output on the shared data.

#[allow(dead_code, unreachable_pub)]
#[path = "../src/ontology_gen.rs"]
mod ontology_gen;

#[test]
fn committed_tables_match_generator() {
    // Probe one of the inputs; skip (or panic under DYAD_REQUIRE_DATA=1) when absent.
    if dyad_testdata::path("cameo/gdelt/CAMEO.eventcodes.txt").is_none() {
        return;
    }
    let files = ontology_gen::generate(&dyad_testdata::root()).expect("generate");
    assert_eq!(files.len(), 6);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    for (name, text) in files {
        let committed = std::fs::read_to_string(dir.join(name)).expect(name);
        assert!(
            committed == text,
            "data/{name} differs from the generator output: run `cargo run -p dyad-lexicon --example gen_ontology`"
        );
    }
}
