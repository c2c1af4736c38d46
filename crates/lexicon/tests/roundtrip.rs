//! PETRARCH -> dyad format -> re-import gives the same compiled lexicon, and
//! writing the re-imported lexicon again gives the same text.

use std::path::PathBuf;

use dyad_lexicon::{CompiledLexicon, Lexicon, dyadfmt};

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("dyad-lexicon-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

fn roundtrip(dir: &str) {
    let Some(d) = dyad_testdata::path(dir) else { return };
    let mut paths: Vec<PathBuf> =
        std::fs::read_dir(&d).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    let a = Lexicon::load_petrarch(&paths).unwrap();
    let ca = a.lexicon.compile();
    let out = tmp(&dir.replace('/', "-"));
    let written = dyadfmt::write_dir(&a.lexicon, &a.file_kinds(), &out).unwrap();
    assert_eq!(written.len(), paths.len());
    let b = Lexicon::load_dir(&out).unwrap();
    let errors: Vec<String> = b
        .diagnostics
        .iter()
        .filter(|d| d.severity == dyad_lexicon::Severity::Error)
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "re-import errors: {:?}", &errors[..errors.len().min(10)]);
    let cb = b.lexicon.compile();
    if ca.content_difference(&cb) == Some("vocabulary") {
        let mut va: Vec<_> = ca.vocabulary().collect();
        va.sort_by_key(|x| x.1);
        let mut vb: Vec<_> = cb.vocabulary().collect();
        vb.sort_by_key(|x| x.1);
        let first = va.iter().zip(&vb).find(|(x, y)| x != y);
        panic!("vocabulary differs: sizes {} {}, first {first:?}", va.len(), vb.len());
    }
    if ca.content_difference(&cb) == Some("synsets") {
        for n in ca.synset_names() {
            if ca.synset(n) != cb.synset(n) {
                panic!("synset {n}: {:?} vs {:?}", ca.synset(n), cb.synset(n));
            }
        }
        panic!("synset names differ");
    }
    assert_eq!(
        ca.content_difference(&cb),
        None,
        "{dir}: compiled lexicons differ after the dyad round trip"
    );
    // Counts per kind are the same.
    for (ra, rb) in a.reports.iter().zip(&b.reports) {
        let _ = (ra, rb);
    }
    let total =
        |l: &dyad_lexicon::Loaded, k: &str| l.reports.iter().map(|r| r.count(k)).sum::<usize>();
    for k in [
        "actors",
        "synonyms",
        "codes",
        "dated_codes",
        "agents",
        "patterns",
        "verbs",
        "verb_groups",
        "synset_members",
        "discards",
        "issues",
        "issue_exclusions",
        "prepositions",
        "pico_entries",
        "transformations",
    ] {
        assert_eq!(total(&a, k), total(&b, k), "{dir}: {k}");
    }
    // Writing again is a fixed point.
    let first = dyadfmt::render(&a.lexicon, &a.file_kinds()).unwrap();
    let second = dyadfmt::render(&b.lexicon, &b.file_kinds()).unwrap();
    let body = |v: Vec<(PathBuf, String)>| -> Vec<(PathBuf, String)> {
        let mut v: Vec<_> = v
            .into_iter()
            .map(|(p, t)| (p, t.lines().skip(1).collect::<Vec<_>>().join("\n")))
            .collect();
        v.sort();
        v
    };
    assert!(body(first) == body(second), "{dir}: second export differs from the first");
    // The cache round-trips too.
    let bytes = cb.to_bytes().unwrap();
    let cc = CompiledLexicon::from_bytes(&bytes, std::path::Path::new("mem")).unwrap();
    assert!(cc == cb);
    std::fs::remove_dir_all(&out).ok();
}

#[test]
fn petrarch2_dictionaries_round_trip() {
    roundtrip("petrarch2/dictionaries");
}

#[test]
fn universalpetrarch_dictionaries_round_trip() {
    roundtrip("universalpetrarch/dictionaries");
}
