//! The README's example article (`examples/baku-tehran.txt`) codes into the
//! events a reader expects (issue 6), with the dates and places the README
//! shows. A change that loses one of them, or adds a self-dyad, fails here.

mod common;

fn events() -> Vec<serde_json::Value> {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/baku-tehran.txt");
    let path = path.to_string_lossy();
    // No --date: the example's dateline has a year.
    common::dyad_events(&["code", path.as_ref()], None)
}

fn key(e: &serde_json::Value) -> (u64, String, String, String) {
    (
        e["sentence"].as_u64().unwrap(),
        e["source"]["code"].as_str().unwrap().to_string(),
        e["cameo"].as_str().unwrap().to_string(),
        e["target"]["code"].as_str().unwrap().to_string(),
    )
}

#[test]
fn the_example_codes_what_a_reader_expects() {
    let events = events();
    let got: Vec<_> = events.iter().map(key).collect();
    let expected = [
        // The headline: the ministry says the attack points to Iranian involvement.
        (1, "AZEGOV", "112", "IRN", "2026-03-27", "Tehran"),
        (1, "AZEGOV", "114", "IRNGOV", "2026-03-27", "Baku"),
        (2, "AZEGOV", "100", "IRN", "2026-03-31", "Baku"),
        // Reported by a spokesman: Iran's own appeal to Azerbaijan.
        (4, "IRN", "020", "AZE", "2026-03-31", "Tehran"),
        (5, "ARMGOV", "040", "FRAGOV", "2026-03-26", "Paris"),
        // "Russian troops shelled villages near the Ukrainian city of Kharkiv overnight."
        (7, "RUSMIL", "194", "UKRCVL", "2026-03-30", "Kharkiv"),
        (8, "UKR", "112", "RUS", "2026-03-31", ""),
    ];
    for (sent, src, code, tgt, date, place) in expected {
        let e = events
            .iter()
            .find(|e| key(e) == (sent, src.into(), code.into(), tgt.into()))
            .unwrap_or_else(|| panic!("missing {sent} {src} {code} {tgt}; got {got:?}"));
        assert_eq!(e["date"], date, "{e}");
        if !place.is_empty() {
            assert_eq!(e["location"]["name"], place, "{e}");
        }
    }
    // No actor acts on itself or on its own country.
    for (_, s, _, t) in &got {
        assert!(!(s.starts_with(t.as_str()) || t.starts_with(s.as_str())), "self-dyad {s} -> {t}");
    }
    // Nothing a reader would not code: at most one extra event (the
    // spokesman telling reporters, AZEGOV 010 AZEMED).
    assert!(got.len() <= expected.len() + 1, "{got:?}");
}
