//! Bad input: a malformed validation file, an empty sentence, a very long
//! sentence. Each must give a clear per-record error or nothing, never a
//! panic, and the run must go on.

use std::path::{Path, PathBuf};

use dyad_coder::validate::{Status, ValidateOptions, validate_file};
use dyad_coder::{Coder, CoderOptions, load_petrarch};
use dyad_types::{Deprel, Sentence, Span, Upos};

fn dict() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dict")
}

fn coder() -> Coder {
    let d = dict();
    let files = ["golden.verbs.txt", "golden.actors.txt", "golden.agents.txt", "golden.pico.txt"];
    let paths: Vec<PathBuf> = files.iter().map(|f| d.join(f)).collect();
    load_petrarch(&paths, CoderOptions::default()).expect("fixture dictionaries load")
}

const CONLLU_GOOD: &str = "1\tVelaria\tVelaria\tPROPN\t_\t_\t2\tnsubj\t_\t_
2\tcondemned\tcondemn\tVERB\t_\t_\t0\troot\t_\t_
3\tKestria\tKestria\tPROPN\t_\t_\t2\tobj\t_\t_";

#[test]
fn malformed_validation_file_reports_and_goes_on() {
    let dir = std::env::temp_dir().join(format!("dyad-coder-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bad.xml");
    let xml = format!(
        r#"<Validation>
<Environment>
<Verbfile>golden.verbs.txt</Verbfile>
<Actorfile>golden.actors.txt</Actorfile>
</Environment>
<Sentences>
<Sentence date="20100101" id="GOOD_1" category="T">
<EventCoding sourcecode="VEL" targetcode="KES" eventcode="111"/>
<Text>Velaria condemned Kestria</Text>
<Parse>
{CONLLU_GOOD}
</Parse>
</Sentence>
<Sentence id="NO_DATE" category="T">
<EventCoding noevents="True"/>
<Text>Velaria condemned Kestria</Text>
</Sentence>
<Sentence date="20100101" id="MISMATCH" category="T">
<EventCoding sourcecode="VEL" targetcode="KES" eventcode="111"/>
<Text>Something else entirely was said here</Text>
<Parse>
{CONLLU_GOOD}
</Parse>
</Sentence>
<Sentence date="20100101" id="UNCLOSED" category="T">
<Text>Velaria condemned Kestria
</Sentence>
<Sentence date="20100101" id="GOOD_2" category="T">
<EventCoding sourcecode="VEL" targetcode="KES" eventcode="111"/>
<Text>Velaria condemned Kestria</Text>
<Parse>
{CONLLU_GOOD}
</Parse>
</Sentence>
</Sentences>
</Validation>
"#
    );
    std::fs::write(&file, xml).unwrap();
    let opts = ValidateOptions {
        use_given_parse: true,
        dict_dir: Some(dict()),
        ..ValidateOptions::default()
    };
    let r = validate_file(&file, &opts).expect("a malformed file is read record by record");
    let _ = std::fs::remove_dir_all(&dir);
    // Both good records, around the bad ones, were coded and passed.
    let good: Vec<_> = r.records.iter().filter(|x| x.id.starts_with("GOOD")).collect();
    assert_eq!(good.len(), 2, "{:?}", r.records.iter().map(|x| &x.id).collect::<Vec<_>>());
    assert!(good.iter().all(|x| x.status == Status::Pass));
    // The record without a date and the unclosed one are counted as errors
    // with their line; the mismatched parse is either an error or a
    // record flagged with its problem, never a panic.
    assert!(r.errors >= 2, "errors {} read_errors {:?}", r.errors, r.read_errors);
    assert!(r.read_errors.iter().all(|e| e.contains("bad.xml:")), "{:?}", r.read_errors);
}

#[test]
fn empty_sentence_codes_nothing() {
    let c = coder();
    let mut out = Vec::new();
    let o = c.code(&Sentence::new(), None, &mut out);
    assert!(out.is_empty());
    assert!(o.discarded.is_none());
    // An unparsed sentence (heads unset) codes nothing either.
    let mut s = Sentence::new();
    s.push("Velaria", Span::new(0, 7), true);
    s.push("condemned", Span::new(8, 17), true);
    c.code(&s, None, &mut out);
    assert!(out.is_empty());
}

#[test]
fn five_thousand_token_sentence_is_coded_in_bounded_time() {
    // "Velaria condemned Kestria and Velaria condemned Kestria and ..." as
    // one sentence of 5,000 words: coordinated clauses, a long conj chain.
    let c = coder();
    let mut s = Sentence::new();
    let mut pos = 0usize;
    let words = ["Velaria", "condemned", "Kestria", "and"];
    let n = 5000;
    let mut prev_verb: Option<u32> = None;
    for i in 0..n {
        let w = words[i % 4];
        s.push(w, Span::new(pos, pos + w.len()), true);
        pos += w.len() + 1;
        let id = i as u32 + 1;
        let (upos, head, rel) = match i % 4 {
            0 => (Upos::Propn, id + 1, "nsubj"),
            1 => match prev_verb {
                None => (Upos::Verb, 0, "root"),
                Some(v) => (Upos::Verb, v, "conj"),
            },
            2 => (Upos::Propn, id - 1, "obj"),
            _ => (Upos::Cconj, id + 2, "cc"),
        };
        if i % 4 == 1 && prev_verb.is_none() {
            prev_verb = Some(id);
        }
        let head = if head as usize > n { 0 } else { head };
        let w = &mut s.words[i];
        w.upos = upos;
        w.head = head;
        w.deprel = Deprel::parse(rel).unwrap();
        let lemma = if i % 4 == 1 { "condemn" } else { w_lemma(i) };
        s.set_lemma(i, lemma);
    }
    let t = std::time::Instant::now();
    let mut out = Vec::new();
    c.code(&s, None, &mut out);
    let took = t.elapsed();
    // 1,250 clauses, each VEL -> KES 111.
    assert_eq!(out.len(), 1250);
    assert!(
        out.iter().all(|e| e.cameo == "111" && e.source.code == "VEL" && e.target.code == "KES")
    );
    assert!(took.as_secs() < 20, "took {took:?}");
}

fn w_lemma(i: usize) -> &'static str {
    ["Velaria", "condemn", "Kestria", "and"][i % 4]
}
