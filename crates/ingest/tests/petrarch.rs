//! PETRARCH XML reader: the shared suites, and malformed input.

use dyad_ingest::petrarch::{self, Expected, ParseFormat, PetrarchFile, ReadOptions};

const KEEP: ReadOptions = ReadOptions { keep_bad_parses: true };

fn load(rel: &str, opts: ReadOptions) -> Option<PetrarchFile> {
    let path = dyad_testdata::path(rel)?;
    Some(petrarch::read_with(path, opts).expect("readable"))
}

/// (records read, expected events, no-event records, error records).
fn counts(f: &PetrarchFile) -> (usize, usize, usize, usize) {
    let events = f.records.iter().map(|r| r.expected_events().count()).sum();
    let noev = f.records.iter().filter(|r| r.expects_no_events()).count();
    let err = f.records.iter().filter(|r| r.expected_error().is_some()).count();
    (f.records.len(), events, noev, err)
}

/// Every aligned word's span covers its form in the record text (up to
/// quote/dash/case folding); the words are in text order.
fn spans_ok(f: &PetrarchFile) -> usize {
    let mut checked = 0;
    for r in &f.records {
        let Some(p) = &r.parse else { continue };
        if r.parse_problem.is_some() {
            continue;
        }
        let s = &p.sentence;
        let mut last = 0;
        for i in 0..s.len() {
            let span = s.words[i].span;
            assert!(span.start as usize >= last, "{}: word {} out of order", r.id, i + 1);
            last = span.end as usize;
            let surface = &r.text[span.range()];
            let form = s.form(i);
            let plain = |t: &str| t.chars().all(|c| c.is_alphanumeric());
            if plain(form) && plain(surface) {
                assert!(surface.eq_ignore_ascii_case(form), "{}: {surface:?} vs {form:?}", r.id);
            }
        }
        checked += 1;
    }
    checked
}

#[test]
fn petrarch2_unit_tests() {
    let Some(f) = load("petrarch2/text/PETR.UnitTest.records.xml", KEEP) else { return };
    assert!(f.errors.is_empty(), "{:?}", f.errors);
    assert_eq!(f.seen, 284);
    assert_eq!(counts(&f), (284, 359, 19, 7));
    assert!(
        f.records.iter().all(|r| r.parse.as_ref().is_none_or(|p| p.format == ParseFormat::Penn))
    );
    // ERROR-02 and ERROR-03 carry deliberately unbalanced trees.
    let unreadable: Vec<&str> =
        f.records.iter().filter(|r| r.parse.is_none()).map(|r| r.id.as_str()).collect();
    assert_eq!(unreadable, ["ERROR-02", "ERROR-03"]);
    // Ids are not unique: AGENTS-18 and AGENTS-19 appear twice.
    assert_eq!(f.records.iter().filter(|r| r.id == "AGENTS-18").count(), 2);
    let ids: std::collections::HashSet<&str> = f.records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids.len(), 282);
    assert!(f.records.iter().enumerate().all(|(i, r)| r.index == i));
    // The environment and <Config> directives between records.
    assert_eq!(f.environment.get("Verbfile"), Some("PETR.Validate.verbs.txt"));
    assert_eq!(f.environment.config(), [("stop_on_error".to_string(), "True".to_string())]);
    let r = &f.records[0];
    assert_eq!(
        (r.id.as_str(), r.date.as_str(), r.category.as_deref()),
        ("DEMO-00", "19950101", Some("DEMO"))
    );
    assert_eq!(
        r.expected,
        [Expected::Event { source: "ARN".into(), target: "GON".into(), code: "064".into() }]
    );
    assert!(r.text.starts_with("Arnor is about to restore") && r.text.ends_with("embassy."));
    assert_eq!(r.config("require_dyad"), None);
    let changed = f.records.iter().filter(|r| r.config("require_dyad").is_some()).count();
    assert!(changed > 0);
    assert!(spans_ok(&f) > 260);
    // Strict reading skips the records whose parse does not match the text.
    let Some(strict) = load("petrarch2/text/PETR.UnitTest.records.xml", ReadOptions::default())
    else {
        return;
    };
    assert_eq!((strict.seen, strict.records.len(), strict.errors.len()), (284, 265, 19));
    let e =
        strict.errors.iter().find(|e| e.record() == Some("AGENT-12")).expect("AGENT-12 mismatch");
    assert_eq!(e.line(), 1782);
    assert!(e.to_string().contains("parse word 3 \"Congresses\" does not match the text"), "{e}");
}

#[test]
fn universalpetrarch_unit_tests() {
    let Some(f) =
        load("universalpetrarch/text/PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml", KEEP)
    else {
        return;
    };
    assert!(f.errors.is_empty(), "{:?}", f.errors);
    assert_eq!(counts(&f), (284, 349, 19, 7));
    assert!(
        f.records.iter().all(|r| r.parse.as_ref().is_some_and(|p| p.format == ParseFormat::Conllu))
    );
    // The petrarch2 copy writes DEMO-00, this one DEMO_00, with CAMEO codes.
    assert_eq!(f.records[0].id, "DEMO_00");
    assert_eq!(f.records[0].expected_events().next(), Some(("ARN", "GON", "050")));
    // PATTERN_28 is read as written: its second clause's "said" carries the
    // label root under a head of its own.
    let p28 = f.records.iter().find(|r| r.id == "PATTERN_28").unwrap();
    let s = &p28.parse.as_ref().unwrap().sentence;
    assert_eq!(s.len(), 29);
    assert_eq!((s.form(21), s.words[21].deprel.as_str(), s.words[21].head), ("said", "root", 21));
    assert_eq!(s.form(4), "bombing");
    assert_eq!(s.words[4].deprel.as_str(), "dobj");
    assert_eq!(s.lemma(1), "launch");
    assert!(spans_ok(&f) >= 282);
    let strict = load(
        "universalpetrarch/text/PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml",
        ReadOptions::default(),
    )
    .unwrap();
    assert_eq!((strict.records.len(), strict.errors.len()), (282, 2));
}

#[test]
fn gsr_validation_file() {
    let Some(f) = load("universalpetrarch/text/PETR2_GSR_validation.xml", KEEP) else { return };
    assert!(f.errors.is_empty(), "{:?}", f.errors);
    assert_eq!(f.seen, 78);
    let (n, events, noev, _) = counts(&f);
    assert_eq!((n, events, noev), (78, 80, 12));
    assert_eq!(
        f.environment.files("Actorfile"),
        [
            "Phoenix.Countries.actors.txt",
            "Phoenix.International.actors.txt",
            "Phoenix.MilNonState.actors.txt"
        ]
    );
    assert_eq!(f.environment.get("PICOfile"), Some("PETR.Internal.Coding.Ontology.txt"));
    let mut cats = std::collections::BTreeMap::new();
    for r in &f.records {
        *cats.entry(r.category.clone().unwrap_or_default()).or_insert(0) += 1;
    }
    let cats: Vec<(String, i32)> = cats.into_iter().collect();
    let want =
        [("AFP", 18), ("GOLD", 10), ("OTHER", 23), ("PASSIVE", 8), ("TEST", 11), ("VERB", 8)];
    assert_eq!(cats, want.map(|(c, n)| (c.to_string(), n)));
    // abc12_3 has an empty <Text>: the text is rebuilt from the parse.
    let r = f.records.iter().find(|r| r.id == "abc12_3").unwrap();
    assert!(r.text_from_parse);
    assert!(r.text.starts_with("Boko Haram has launched"));
    assert!(spans_ok(&f) >= 74);
}

#[test]
fn gigaword_sample() {
    let Some(f) = load("petrarch2/text/GigaWord.sample.PETR.xml", KEEP) else { return };
    assert!(f.errors.is_empty(), "{:?}", f.errors);
    assert_eq!(f.seen, 76);
    assert_eq!(f.records.len(), 76);
    // `date = "…" id ="…"`: spaces around '=' are allowed.
    assert_eq!(f.records[0].id, "AFP0808020625_4");
    assert_eq!(f.records[0].date, "20080804");
    assert_eq!(
        f.records[0].attrs.iter().find(|(k, _)| k == "source").map(|(_, v)| v.as_str()),
        Some("AFP")
    );
}

/// A file with one defect per record; the good records around them are read.
const MALFORMED: &str = r#"<?xml version='1.0' encoding='utf-8'?>
<Validation>
#### banner line outside a comment, with <angle> brackets
<Environment>
    <Verbfile>verbs.txt</Verbfile>
    <Config option="require_dyad" value="True"/>
</Environment>
<Sentences>
<Sentence date="20230101" id="GOOD-1">
<EventCoding sourcecode="AZE" targetcode="IRN" eventcode="112"></EventCoding>
<Text>Azerbaijan &amp; Georgia accused Iran.</Text>
<Parse>(ROOT (S (NP (NNP Azerbaijan) (CC &amp;) (NNP Georgia)) (VP (VBD accused) (NP (NNP Iran))) (. .)))</Parse>
</Sentence>
<Sentence id="NODATE-1">
<Text>Iran protested.</Text>
</Sentence>
<Sentence date="20230101" id="UNCLOSED-TEXT">
<Text>Iran protested.
<Parse>(ROOT (S (NP (NNP Iran)) (VP (VBD protested)) (. .)))</Parse>
</Sentence>
<Sentence date="20230101" id="MISMATCH-1">
<Text>Iran protested loudly.</Text>
<Parse>(ROOT (S (NP (NNP Turkey)) (VP (VBD protested) (ADVP (RB loudly))) (. .)))</Parse>
</Sentence>
<Sentence date="20230101" id="UNBALANCED-1">
<Text>Iran protested.</Text>
<Parse>(ROOT (S (NP (NNP Iran)) (VP (VBD protested)) (. .))</Parse>
</Sentence>
<Config option="require_dyad" value="False"></Config>
<Sentence date="2023-01-01" id="BADDATE-1">
<Text>Iran protested.</Text>
</Sentence>
<Sentence date="20230102" id="BADCODING-1">
<EventCoding sourcecode="IRN"/>
<Text>Iran protested.</Text>
</Sentence>
<Sentence date="20230102" id="GOOD-2" category="X" place="Baku"/>
<EventCoding noevents="True"></EventCoding>
<Note kind="x">kept <b>raw</b></Note>
<Text>Iran protested.</Text>
<Parse>
1	Iran	Iran	PROPN	NNP	_	2	nsubj	_	_
2	protested	protest	VERB	VBD	_	0	root	_	SpaceAfter=No
3	.	.	PUNCT	.	_	2	punct	_	_
</Parse>
</Sentence>
<Sentence date="20230102" id="BADCONLLU-1">
<Text>Iran protested.</Text>
<Parse>
1	Iran	Iran	PROPN	NNP	_	x	nsubj	_	_
</Parse>
</Sentence>
</Sentence>
<Sentence date="20230103" id="UNCLOSED-AT-END">
<Text>Iran protested.</Text>
"#;

#[test]
fn malformed_records_are_reported_and_skipped() {
    let f = petrarch::read_str(MALFORMED, "bad.xml");
    let good: Vec<&str> = f.records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(good, ["GOOD-1", "GOOD-2"]);
    let errs: Vec<String> = f.errors.iter().map(|e| e.to_string()).collect();
    let want = [
        "bad.xml:14: record NODATE-1 has no date",
        "bad.xml:18: <Text> not closed with </Text>",
        "bad.xml:22: parse word 1 \"Turkey\" does not match the text (text has \"Iran protested loudl\")",
        "bad.xml:27: column 1: '(' never closed (1 bracket(s) open at the end)",
        "bad.xml:30: record BADDATE-1: date \"2023-01-01\" is not YYYYMMDD",
        "bad.xml:34: <EventCoding> has no eventcode, noevents=\"True\" or error",
        "bad.xml:50: HEAD must be a word ID or _, found \"x\"",
        "bad.xml:53: </Sentence> without an open <Sentence>",
        "bad.xml:54: <Sentence> not closed before the end of the file",
    ];
    for (got, want) in errs.iter().zip(want) {
        assert!(got.starts_with(want), "got {got:?}\nwant {want:?}");
    }
    assert_eq!(errs.len(), want.len(), "{errs:#?}");
    assert_eq!(f.seen, 10);
    let ids: Vec<Option<&str>> = f.errors.iter().map(|e| e.record()).collect();
    assert_eq!(ids[0], Some("NODATE-1"));
    assert_eq!(ids[7], None);
    // The good records: entities decoded, spans into the text, config in effect.
    let g1 = &f.records[0];
    assert_eq!(g1.text, "Azerbaijan & Georgia accused Iran.");
    let s = &g1.parse.as_ref().unwrap().sentence;
    assert_eq!(s.form(1), "&");
    assert_eq!(&g1.text[s.words[4].span.range()], "Iran");
    assert_eq!(g1.config("require_dyad"), Some("True"));
    assert_eq!(f.environment.get("Verbfile"), Some("verbs.txt"));
    let g2 = &f.records[1];
    assert_eq!(g2.config("require_dyad"), Some("False"));
    assert_eq!((g2.category.as_deref(), g2.place.as_deref()), (Some("X"), Some("Baku")));
    assert!(g2.expects_no_events());
    assert_eq!(g2.other.len(), 1);
    assert_eq!(g2.other[0].name, "Note");
    assert_eq!(g2.other[0].text, "kept <b>raw</b>");
    assert_eq!(g2.other[0].attr("kind"), Some("x"));
    let p = g2.parse.as_ref().unwrap();
    assert_eq!(p.format, ParseFormat::Conllu);
    assert!(!p.sentence.words[1].space_after);
    assert_eq!(&g2.text[p.sentence.words[2].span.range()], ".");
    // Kept with the problem noted when asked to.
    let k = petrarch::read_str_with(MALFORMED, "bad.xml", KEEP);
    let kept: Vec<&str> = k.records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(kept, ["GOOD-1", "MISMATCH-1", "UNBALANCED-1", "GOOD-2", "BADCONLLU-1"]);
    let m = &k.records[1];
    assert!(m.parse_problem.as_deref().unwrap().contains("\"Turkey\""));
    // Re-synchronised spans after the mismatch.
    let s = &m.parse.as_ref().unwrap().sentence;
    assert_eq!(&m.text[s.words[1].span.range()], "protested");
    assert!(k.records[2].parse.is_none());
}

#[test]
fn empty_and_binary_input() {
    let f = petrarch::read_str("", "empty.xml");
    assert_eq!((f.seen, f.records.len(), f.errors.len()), (0, 0, 0));
    let f = petrarch::read_str(
        "<Sentence date=\"2023\x00\" id=\"a\"><Text>\u{0}\u{1}</Text></Sentence><",
        "bin.xml",
    );
    assert_eq!(f.records.len(), 0);
    assert!(!f.errors.is_empty());
    let dir = std::env::temp_dir().join(format!("dyad-ingest-bin-{}", std::process::id()));
    std::fs::write(&dir, [0xff, 0xfe, 0x00]).unwrap();
    let e = petrarch::read(&dir).unwrap_err();
    std::fs::remove_file(&dir).ok();
    assert!(e.to_string().contains("not UTF-8"), "{e}");
    assert!(petrarch::read("/nonexistent/dyad.xml").is_err());
}

/// Label class for comparing a converted Penn parse with a UD v1/v2 parse:
/// v1 labels mapped to v2, `nmod` on a predicate read as `obl`, subtypes
/// dropped.
fn label_class(s: &dyad_types::Sentence, i: usize) -> String {
    let w = s.words[i];
    let mut l = w.deprel.canonical().base().to_string();
    if l == "nmod" && w.head > 0 {
        let h = s.words[w.head as usize - 1].upos;
        if matches!(h, dyad_types::Upos::Verb | dyad_types::Upos::Adj | dyad_types::Upos::Aux) {
            l = "obl".into();
        }
    }
    l
}

/// Agreement (UAS, LAS on base labels) between the petrarch2 records'
/// converted Penn parses (CoreNLP trees) and the UniversalPetrarch copies'
/// UDPipe parses, over records whose word sequences are identical. Silver
/// against silver from two different parsers: a guard against converter
/// regressions, not an accuracy figure.
#[test]
fn penn_conversion_agrees_with_udpipe() {
    let Some(penn) = load("petrarch2/text/PETR.UnitTest.records.xml", KEEP) else { return };
    let Some(ud) =
        load("universalpetrarch/text/PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml", KEEP)
    else {
        return;
    };
    let (mut recs, mut words, mut heads, mut labels) = (0, 0, 0, 0);
    for (a, b) in penn.records.iter().zip(&ud.records) {
        let (Some(pa), Some(pb)) = (&a.parse, &b.parse) else { continue };
        let (sa, sb) = (&pa.sentence, &pb.sentence);
        if sa.len() != sb.len() || (0..sa.len()).any(|i| sa.form(i) != sb.form(i)) {
            continue;
        }
        recs += 1;
        for i in 0..sa.len() {
            words += 1;
            if sa.words[i].head == sb.words[i].head {
                heads += 1;
                if label_class(sa, i) == label_class(sb, i) {
                    labels += 1;
                }
            }
        }
    }
    let (uas, las) = (heads as f64 / words as f64, labels as f64 / words as f64);
    println!("Penn->UD vs UDPipe over {recs} records, {words} words: UAS {uas:.3} LAS {las:.3}");
    // Measured: 234 records, 5148 words, UAS 0.758, LAS 0.719.
    assert!(recs >= 230, "{recs}");
    assert!(uas >= 0.745 && las >= 0.705, "UAS {uas:.3} LAS {las:.3}");
}
