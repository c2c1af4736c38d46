//! Matching behaviour as tables: leftmost-longest actor and agent phrases,
//! date-restricted codes, verb lookup by form; bad input; CRLF and BOM.

use std::collections::HashSet;
use std::path::PathBuf;

use dyad_lexicon::dyadfmt::ReadDyad;
use dyad_lexicon::{DiagKind, DictKind, Lexicon, Loaded, Severity};
use dyad_types::Date;

const ACTORS: &str = "\
UNITED_STATES [USA]
UNITED_STATES_ARMY [USAMIL]
UNITED [UAF]
NEW_YORK [USA]
BARACK_OBAMA
+OBAMA
+PRESIDENT_OBAMA
\t[USAELI <090120]
\t[USAGOV 090120-170120]
\t[USAELI >170121]
ILHAM_ALIYEV   # made-up ranges for the test
\t[AZEELI 19930615-20031030]
\t[AZEGOV >20031031]
";

const AGENTS: &str = "\
!MINIST! = MINISTER, MINISTERS, MINISTRY, MINISTRIES
FOREIGN_MINISTER [~GOVFRM]
MINISTER [~GOV]
!MINIST!_OF_DEFENSE [~GOVDEF]
POLICE {} [~COP]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]
HUMAN_RIGHTS_BODY [NGO~]
";

const VERBS: &str = "\
&CURRENCY
+DOLLAR
+EURO_

--- ACCUSE [112] ---
ACCUSE
CHARGE
- * + OF &CURRENCY [1121]  # test
- * (OF {WAR CRIMES}) [1122]

--- SAY [010] ---
SAY {SAID SAYING SAYS}
+BLOW_UP {+BLEW_UP +BLOWN_UP +BLOWS_UP +BLOWING_UP}
";

/// Expected matches: (start, end, code).
type Want = &'static [(usize, usize, &'static str)];

fn load(kind: DictKind, name: &str, text: &str) -> Loaded {
    let mut l = Loaded::default();
    l.read_text(name, text, Some(kind)).unwrap();
    l
}

fn lexicon() -> Lexicon {
    let mut l = Loaded::default();
    l.read_text("t.actors.txt", ACTORS, Some(DictKind::Actors)).unwrap();
    l.read_text("t.agents.txt", AGENTS, Some(DictKind::Agents)).unwrap();
    l.read_text("t.verbs.txt", VERBS, Some(DictKind::Verbs)).unwrap();
    assert_eq!(l.error_count(), 0, "{:?}", l.diagnostics);
    l.lexicon
}

#[test]
fn actors_leftmost_longest() {
    let c = lexicon().compile();
    // (sentence, date, expected matches as (start, end, code))
    let table: &[(&str, Option<&str>, Want)] = &[
        ("the United States Army said", None, &[(1, 4, "USAMIL")]),
        ("United States said", None, &[(0, 2, "USA")]),
        ("United Nations", None, &[(0, 1, "UAF")]),
        ("New York and the United States", None, &[(0, 2, "USA"), (4, 6, "USA")]),
        ("UNITED states ARMY", None, &[(0, 3, "USAMIL")]),
        ("united united states", None, &[(0, 1, "UAF"), (1, 3, "USA")]),
        ("nothing here", None, &[]),
        ("", None, &[]),
        ("States United", None, &[(1, 2, "UAF")]),
    ];
    for (sent, date, want) in table {
        let toks: Vec<&str> = sent.split_whitespace().collect();
        let got: Vec<(usize, usize, String)> = c
            .find_actors(&toks, date.and_then(Date::parse))
            .map(|m| (m.start, m.end, m.code.unwrap_or("").to_string()))
            .collect();
        let want: Vec<(usize, usize, String)> =
            want.iter().map(|(a, b, c)| (*a, *b, c.to_string())).collect();
        assert_eq!(got, want, "{sent:?}");
    }
}

#[test]
fn date_restricted_codes() {
    let c = lexicon().compile();
    let table: &[(&str, &str, Option<&str>)] = &[
        ("Obama spoke", "2005-06-01", Some("USAELI")),
        ("Obama spoke", "2009-01-19", Some("USAELI")),
        ("Obama spoke", "2009-01-20", Some("USAGOV")),
        ("President Obama spoke", "2012-03-01", Some("USAGOV")),
        ("Barack Obama spoke", "2017-01-20", Some("USAGOV")),
        ("Barack Obama spoke", "2017-01-21", Some("USAELI")),
        ("Barack Obama spoke", "2020-01-01", Some("USAELI")),
        // A leader's code differs before and after the start of the term.
        ("Ilham Aliyev said", "2003-10-30", Some("AZEELI")),
        ("Ilham Aliyev said", "2003-10-31", Some("AZEGOV")),
        ("Ilham Aliyev said", "2024-01-05", Some("AZEGOV")),
        // No range covers 1990 and there is no undated code.
        ("Ilham Aliyev said", "1990-01-01", None),
    ];
    for (sent, date, want) in table {
        let toks: Vec<&str> = sent.split_whitespace().collect();
        let m: Vec<_> = c.find_actors(&toks, Date::parse(date)).collect();
        assert_eq!(m.len(), 1, "{sent}");
        assert_eq!(m[0].code, *want, "{sent} on {date}");
        assert!(
            c.location(m[0].source).starts_with("t.actors.txt:"),
            "{}",
            c.location(m[0].source)
        );
    }
    // Without a date: the first undated code, else the first code.
    let m: Vec<_> = c.find_actors(&["Obama"], None).collect();
    assert_eq!(m[0].code, Some("USAELI"));
}

#[test]
fn agents_plurals_and_substitutions() {
    let c = lexicon().compile();
    let table: &[(&str, Want)] = &[
        ("the foreign minister said", &[(1, 3, "GOVFRM")]),
        ("foreign ministers met", &[(0, 2, "GOVFRM")]),
        ("the minister", &[(1, 2, "GOV")]),
        ("ministries of defense", &[(0, 3, "GOVDEF")]),
        ("ministry of defense", &[(0, 3, "GOVDEF")]),
        ("police said", &[(0, 1, "COP")]),
        ("polices said", &[]),
        ("attorneys general", &[(0, 2, "GOVATG")]),
        ("human rights bodies", &[(0, 3, "NGO")]),
    ];
    for (sent, want) in table {
        let toks: Vec<&str> = sent.split_whitespace().collect();
        let got: Vec<(usize, usize, String)> = c
            .find_agents(&toks)
            .map(|m| (m.start, m.end, m.code.unwrap_or("").to_string()))
            .collect();
        let want: Vec<(usize, usize, String)> =
            want.iter().map(|(a, b, c)| (*a, *b, c.to_string())).collect();
        assert_eq!(got, want, "{sent:?}");
    }
    let m: Vec<_> = c.find_agents(&["human", "rights", "body"]).collect();
    assert_eq!(
        c.agent(m[0].entry).unwrap().placement,
        dyad_lexicon::model::AgentPlacement::BeforeActor
    );
}

#[test]
fn verbs_by_form_and_patterns() {
    let c = lexicon().compile();
    for form in ["accuse", "accused", "accuses", "accusing", "charged"] {
        let v: Vec<_> = c.verbs(form).collect();
        assert_eq!(v.len(), 1, "{form}");
        assert_eq!(v[0].code.0, "112");
        assert_eq!(c.verb_patterns(form).count(), 2, "{form}");
    }
    assert_eq!(c.verbs("said").next().unwrap().code.0, "010");
    assert_eq!(c.verbs("sayed").count(), 0, "irregular forms replace the regular ones");
    let blew: Vec<_> = c.verbs("blew").collect();
    assert_eq!(blew[0].phrase, vec!["BLOW", "UP"]);
    assert_eq!(blew[0].head, 0);
    let p: Vec<_> = c.verb_patterns("accuse").collect();
    assert_eq!(p[0].code.0, "1121");
    assert!(c.location(p[0].source).ends_with(":8"), "{}", c.location(p[0].source));
    let cur = c.synset("CURRENCY").unwrap();
    assert!(cur.contains(&vec!["DOLLARS".to_string()]));
    assert!(cur.contains(&vec!["EURO".to_string()]));
    assert!(!cur.contains(&vec!["EUROS".to_string()]), "trailing _ suppresses the plural");
    let info = c.event_info("1122").unwrap();
    assert_eq!(info.quad_class.number(), 3);
    assert_eq!(c.verb_patterns("unknown").count(), 0);
}

/// One malformed line per PETRARCH dictionary kind: an error at that line saying what was expected.
#[test]
fn malformed_petrarch_lines() {
    let cases: &[(DictKind, &str, u32, &str)] = &[
        (DictKind::Verbs, "--- A [010] ---\nSAY\n- * + OF\n", 3, "expected [CODE]"),
        (DictKind::Verbs, "SAY\n", 1, "expected a --- NAME [CODE] --- header"),
        (DictKind::Verbs, "--- A [010] ---\n- * (TO [010]\n", 2, "unclosed"),
        (DictKind::Actors, "FOO [USA]\n\t[USAGOV 2001-2002]\n", 2, "expected YYMMDD or YYYYMMDD"),
        (DictKind::Actors, "[USA]\n", 1, "expected NAME [CODE]"),
        (DictKind::Actors, "FOO [USA\n", 1, "expected ']'"),
        (DictKind::Agents, "MINISTER ~GOV\n", 1, "a code is required"),
        (DictKind::Agents, "MINISTER [GOV]\n", 1, "expected ~CODE"),
        (DictKind::Discards, "BASEBALL [X]\n", 1, "expected a phrase"),
        (DictKind::Issues, "<ISSUE CATEGORY=\"X\">\nfoo [A B]\n</ISSUE>\n", 2, "one code"),
        (DictKind::Prepositions, "in to\n", 1, "one word per line"),
        (DictKind::Pico, "010:0xZZ\n", 1, "bad hexadecimal"),
    ];
    for (kind, text, line, expect) in cases {
        let l = load(*kind, "bad.txt", text);
        let e: Vec<_> = l.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
        assert!(!e.is_empty(), "{kind:?} {text:?}: no error");
        assert_eq!(e[0].line, *line, "{kind:?} {text:?}: {}", e[0]);
        assert!(e[0].message.contains(expect), "{kind:?}: {:?} lacks {expect:?}", e[0].message);
        assert!(e[0].to_string().starts_with(&format!("bad.txt:{line}: error:")), "{}", e[0]);
        assert!(l.clone().into_result().is_err());
    }
}

fn dyad(kind: DictKind, text: &str) -> Loaded {
    let mut l = Loaded::default();
    l.read_dyad_text("bad.txt", text, kind, &HashSet::new());
    l
}

/// One malformed line per dyad-format kind.
#[test]
fn malformed_dyad_lines() {
    let cases: &[(DictKind, &str, u32, &str)] = &[
        (DictKind::Actors, "FOO = USA\n  = USAGOV 2001..2002\n", 2, "expected YYYY-MM-DD"),
        (DictKind::Actors, "+ BAR\n", 1, "before any actor"),
        (DictKind::Agents, "MINISTER = GOV\n", 1, "expected ~CODE"),
        (DictKind::Verbs, "group SAY = 010\nverb SAY\n- * + OF\n", 3, "expected - ELEMENTS = CODE"),
        (DictKind::Verbs, "verb SAY\n", 1, "before any group"),
        (DictKind::Verbs, "group A = 010\nverb CLEAR UP\n", 2, "mark its verb word"),
        (DictKind::Discards, "BASEBALL\n", 1, "expected 'sentence: PHRASE'"),
        (DictKind::Issues, "foo bar\n", 1, "PHRASE = CODE"),
        (DictKind::Prepositions, "in to\n", 1, "one word per line"),
        (DictKind::Pico, "010 0x1\n", 1, "expected CAMEO ="),
    ];
    for (kind, text, line, expect) in cases {
        let l = dyad(*kind, text);
        let e: Vec<_> = l.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
        assert!(!e.is_empty(), "{kind:?} {text:?}: no error");
        assert_eq!(e[0].line, *line, "{kind:?} {text:?}: {}", e[0]);
        assert!(e[0].message.contains(expect), "{kind:?}: {:?} lacks {expect:?}", e[0].message);
    }
}

#[test]
fn unknown_event_code_warning_then_strict_error() {
    let text = "--- A [010] ---\nSAY\n- * + [999]\n- * $ [0101]\n";
    let mut l = load(DictKind::Verbs, "v.txt", text);
    assert_eq!(l.error_count(), 0);
    assert_eq!(l.unknown_code_count(), 2);
    let w: Vec<_> = l.diagnostics.iter().filter(|d| d.kind == DiagKind::UnknownEventCode).collect();
    assert_eq!((w[0].line, w[0].severity), (3, Severity::Warning));
    assert!(w[0].to_string().contains("v.txt:3: warning: event code 999"));
    l.make_strict();
    assert_eq!(l.error_count(), 2);
    let d = dyad(DictKind::Verbs, "group A = 010\nverb SAY\n- * + = 999\n");
    assert_eq!(d.unknown_code_count(), 1);
    assert_eq!(d.diagnostics[0].line, 3);
}

#[test]
fn crlf_and_bom_load() {
    let kinds = [
        (DictKind::Actors, ACTORS),
        (DictKind::Agents, AGENTS),
        (DictKind::Verbs, VERBS),
        (DictKind::Discards, "+WORLD CUP\nBASEBALL\n"),
        (DictKind::Issues, "<ISSUE CATEGORY=\"E\">\nn:school [SCHOOLS]\n~a school\n</ISSUE>\n"),
        (DictKind::Prepositions, "in\nat\n"),
        (DictKind::Pico, "010:0x1000#say\n011:0x1000-0xFFFF\n"),
    ];
    for (kind, text) in kinds {
        let plain = load(kind, "x.txt", text);
        let crlf = format!("\u{feff}{}", text.replace('\n', "\r\n"));
        let odd = load(kind, "x.txt", &crlf);
        assert_eq!(odd.error_count(), 0, "{kind:?}: {:?}", odd.diagnostics);
        assert_eq!(plain.reports[0].counts, odd.reports[0].counts, "{kind:?}");
        assert!(plain.lexicon.compile().same_content(&odd.lexicon.compile()), "{kind:?}");
    }
    // The dyad reader too.
    let dir = std::env::temp_dir().join(format!("dyad-crlf-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("actors")).unwrap();
    std::fs::write(dir.join("actors/a.txt"), "\u{feff}FOO = USA\r\n  + BAR\r\n").unwrap();
    let l = Lexicon::load_dir(&dir).unwrap();
    assert_eq!(l.error_count(), 0, "{:?}", l.diagnostics);
    assert_eq!(l.reports[0].count("synonyms"), 1);
    let c = l.lexicon.compile();
    assert_eq!(c.find_actors(&["bar"], None).next().unwrap().code, Some("USA"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn cache_header_errors() {
    let c = lexicon().compile();
    let bytes = c.to_bytes().unwrap();
    let p = PathBuf::from("x.dlx");
    assert!(dyad_lexicon::CompiledLexicon::from_bytes(&bytes, &p).unwrap() == c);
    let mut bad = bytes.clone();
    bad[0] = b'X';
    assert!(
        dyad_lexicon::CompiledLexicon::from_bytes(&bad, &p)
            .unwrap_err()
            .to_string()
            .contains("bad magic")
    );
    let mut v = bytes.clone();
    v[8] = 99;
    assert!(
        dyad_lexicon::CompiledLexicon::from_bytes(&v, &p)
            .unwrap_err()
            .to_string()
            .contains("version 99")
    );
    assert!(
        dyad_lexicon::CompiledLexicon::from_bytes(&bytes[..bytes.len() - 3], &p)
            .unwrap_err()
            .to_string()
            .contains("truncated")
    );
}

#[test]
fn discards_exact_and_stem() {
    let mut l = Loaded::default();
    l.read_text(
        "d.txt",
        "BASEBALL\n+WORLD GOLF\nGROUP A_\nMONTHS LATER\n",
        Some(DictKind::Discards),
    )
    .unwrap();
    let c = l.lexicon.compile();
    let table: &[(&str, Want)] = &[
        ("they played baseball", &[(2, 3, "")]),
        ("baseballs and baseballers", &[(0, 1, ""), (2, 3, "")]),
        ("the world golfers", &[(1, 3, "")]),
        ("in group A", &[(1, 3, "")]),
        ("in group Austria", &[]),
        ("two months later", &[(1, 3, "")]),
        ("two month later", &[]),
        ("base ball", &[]),
    ];
    for (sent, want) in table {
        let toks: Vec<&str> = sent.split_whitespace().collect();
        let got: Vec<(usize, usize, String)> =
            c.find_discards(&toks).map(|m| (m.start, m.end, String::new())).collect();
        let want: Vec<(usize, usize, String)> =
            want.iter().map(|(a, b, _)| (*a, *b, String::new())).collect();
        assert_eq!(got, want, "{sent:?}");
    }
    let m: Vec<_> = c.find_discards(&["world", "golf"]).collect();
    assert!(c.discard(m[0].entry).unwrap().story);
    assert!(!c.discard(c.find_discards(&["baseball"]).next().unwrap().entry).unwrap().story);
}
