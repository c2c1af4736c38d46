//! Every PETRARCH dictionary file in the shared data loads, and what was read
//! matches independent, grep-like counts computed here: each line of a kind is
//! either read into the lexicon or reported as an error at that line.

use std::collections::{BTreeSet, HashSet};
use std::path::PathBuf;

use dyad_lexicon::{DictKind, Lexicon, Loaded, Severity};

const DIRS: [&str; 2] = ["petrarch2/dictionaries", "universalpetrarch/dictionaries"];

fn files() -> Option<Vec<PathBuf>> {
    let mut out = Vec::new();
    for d in DIRS {
        let dir = dyad_testdata::path(d)?;
        let mut v: Vec<PathBuf> =
            std::fs::read_dir(dir).ok()?.filter_map(|e| e.ok().map(|e| e.path())).collect();
        v.sort();
        out.extend(v);
    }
    Some(out)
}

/// Raw lines with CR and BOM removed, `#` comments cut, numbered from 1.
fn raw_lines(text: &str) -> Vec<(u32, String)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.lines()
        .enumerate()
        .map(|(i, l)| {
            let l = l.trim_end_matches('\r');
            let l = l.split('#').next().unwrap_or("");
            (i as u32 + 1, l.to_string())
        })
        .collect()
}

fn error_lines(load: &Loaded) -> HashSet<u32> {
    load.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| d.line).collect()
}

/// Every line `grep` selects is read or reported; nothing is read from other lines.
fn covers(what: &str, file: &str, grep: &[u32], parsed: &[u32], errors: &HashSet<u32>) {
    let g: BTreeSet<u32> = grep.iter().copied().collect();
    let p: BTreeSet<u32> = parsed.iter().copied().collect();
    let stray: Vec<_> = p.difference(&g).collect();
    assert!(stray.is_empty(), "{file}: {what} read from lines grep does not select: {stray:?}");
    let dropped: Vec<_> = g.iter().filter(|l| !p.contains(l) && !errors.contains(l)).collect();
    assert!(dropped.is_empty(), "{file}: {what} lines neither read nor reported: {dropped:?}");
}

#[test]
fn every_file_loads_and_counts_match() {
    let Some(files) = files() else { return };
    assert_eq!(files.len(), 28, "13 petrarch2 + 15 universalpetrarch files");
    for path in files {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let load = Lexicon::load_petrarch(&[&path]).unwrap_or_else(|e| panic!("{name}: {e}"));
        let lex = &load.lexicon;
        let errs = error_lines(&load);
        let lines = raw_lines(&text);
        let kind = load.reports[0].kind;
        let sel = |f: &dyn Fn(&str) -> bool| -> Vec<u32> {
            lines.iter().filter(|(_, l)| f(l)).map(|(n, _)| *n).collect()
        };
        match kind {
            DictKind::Verbs => {
                let groups = sel(&|l| l.starts_with("---"));
                let patterns = sel(&|l| l.starts_with('-') && !l.starts_with("---"));
                let synsets = sel(&|l| l.starts_with('&'));
                let trans = sel(&|l| l.starts_with('~'));
                covers(
                    "groups",
                    &name,
                    &groups,
                    &lex.verb_groups.iter().map(|g| g.source.line).collect::<Vec<_>>(),
                    &errs,
                );
                let pl: Vec<u32> = lex
                    .verb_groups
                    .iter()
                    .flat_map(|g| g.patterns.iter().map(|p| p.source.line))
                    .collect();
                covers("patterns", &name, &patterns, &pl, &errs);
                covers(
                    "synsets",
                    &name,
                    &synsets,
                    &lex.synsets.iter().map(|s| s.source.line).collect::<Vec<_>>(),
                    &errs,
                );
                covers(
                    "transformations",
                    &name,
                    &trans,
                    &lex.transformations.iter().map(|t| t.source.line).collect::<Vec<_>>(),
                    &errs,
                );
                // Synset members: '+' lines directly under an '&' header.
                let mut members = Vec::new();
                let mut in_set = false;
                for (n, l) in &lines {
                    let t = l.trim();
                    if t.is_empty() || t.starts_with("<!") {
                        continue;
                    }
                    if t.starts_with('&') {
                        in_set = true;
                    } else if in_set && t.starts_with('+') {
                        members.push(*n);
                    } else {
                        in_set = false;
                    }
                }
                let ml: Vec<u32> = lex
                    .synsets
                    .iter()
                    .flat_map(|s| s.members.iter().map(|m| m.source.line))
                    .collect();
                covers("synset members", &name, &members, &ml, &errs);
                // Verbs: every other meaningful line.
                let taken: HashSet<u32> = groups
                    .iter()
                    .chain(&patterns)
                    .chain(&synsets)
                    .chain(&trans)
                    .chain(&members)
                    .copied()
                    .collect();
                let verbs: Vec<u32> = lines
                    .iter()
                    .filter(|(n, l)| {
                        let t = l.trim();
                        !t.is_empty() && !t.starts_with("<!") && !taken.contains(n)
                    })
                    .map(|(n, _)| *n)
                    .collect();
                let vl: Vec<u32> = lex
                    .verb_groups
                    .iter()
                    .flat_map(|g| g.verbs.iter().map(|v| v.source.line))
                    .collect();
                covers("verbs", &name, &verbs, &vl, &errs);
            }
            DictKind::Actors => {
                let outside_comment = |l: &str| {
                    !l.trim().is_empty()
                        && !l.trim_start().starts_with("<!")
                        && !l.trim_start().starts_with("-->")
                };
                // PETRARCH strips lines, so an indented `NAME [CODE]` is a primary too.
                let primaries =
                    sel(&|l| outside_comment(l) && !l.trim_start().starts_with(['+', '[']));
                let synonyms = sel(&|l| l.trim_start().starts_with('+'));
                covers(
                    "actors",
                    &name,
                    &primaries,
                    &lex.actors.iter().map(|a| a.source.line).collect::<Vec<_>>(),
                    &errs,
                );
                let sl: Vec<u32> =
                    lex.actors.iter().flat_map(|a| a.names[1..].iter().map(|n| n.1.line)).collect();
                covers("synonyms", &name, &synonyms, &sl, &errs);
                // Codes: one per '[' on lines without an error.
                let brackets: usize = lines
                    .iter()
                    .filter(|(n, l)| outside_comment(l) && !errs.contains(n))
                    .map(|(_, l)| l.matches('[').count())
                    .sum();
                let codes: usize = lex.actors.iter().map(|a| a.codes.len()).sum();
                assert_eq!(codes, brackets, "{name}: codes");
                assert_eq!(load.reports[0].count("codes"), codes);
                // Date-restricted codes: brackets holding a digit after the code.
                let dated_grep: usize = lines
                    .iter()
                    .filter(|(n, l)| outside_comment(l) && !errs.contains(n))
                    .map(|(_, l)| {
                        l.split('[')
                            .skip(1)
                            .filter(|b| {
                                let inner = b.split(']').next().unwrap_or("");
                                inner
                                    .split_whitespace()
                                    .skip(1)
                                    .any(|w| w.contains(|c: char| c.is_ascii_digit()))
                            })
                            .count()
                    })
                    .sum();
                let dated: usize = lex
                    .actors
                    .iter()
                    .flat_map(|a| &a.codes)
                    .filter(|c| c.range != dyad_lexicon::DateRange::Always)
                    .count();
                assert_eq!(dated, dated_grep, "{name}: dated codes");
                assert_eq!(load.reports[0].count("dated_codes"), dated);
            }
            DictKind::Agents => {
                let agents = sel(&|l| l.contains('[') && !l.trim_start().starts_with("<!"));
                let subs = sel(&|l| l.starts_with('!') && l.contains('=') && !l.contains('['));
                covers(
                    "agents",
                    &name,
                    &agents,
                    &lex.agents.iter().map(|a| a.source.line).collect::<Vec<_>>(),
                    &errs,
                );
                covers(
                    "substitutions",
                    &name,
                    &subs,
                    &lex.substitutions.iter().map(|s| s.source.line).collect::<Vec<_>>(),
                    &errs,
                );
            }
            DictKind::Discards => {
                let d = sel(&|l| !l.trim().is_empty());
                covers(
                    "discards",
                    &name,
                    &d,
                    &lex.discards.iter().map(|x| x.source.line).collect::<Vec<_>>(),
                    &errs,
                );
                let story = lines.iter().filter(|(_, l)| l.trim_start().starts_with('+')).count();
                assert_eq!(load.reports[0].count("story_discards"), story, "{name}");
            }
            DictKind::Issues => {
                let warned: HashSet<u32> = load.diagnostics.iter().map(|d| d.line).collect();
                let issues =
                    sel(&|l| l.contains('[') && !l.starts_with('<') && !l.starts_with('~'));
                let excl = sel(&|l| l.starts_with('~'));
                let plain = sel(&|l| {
                    !l.trim().is_empty()
                        && !l.contains('[')
                        && !l.starts_with('<')
                        && !l.starts_with('~')
                });
                covers(
                    "issues",
                    &name,
                    &issues,
                    &lex.issues.iter().map(|x| x.source.line).collect::<Vec<_>>(),
                    &errs,
                );
                covers(
                    "exclusions",
                    &name,
                    &excl,
                    &lex.issue_exclusions.iter().map(|x| x.source.line).collect::<Vec<_>>(),
                    &errs,
                );
                // Lines without a code are reported (PETRARCH ignores them).
                for n in plain {
                    assert!(
                        warned.contains(&n),
                        "{name}:{n}: issue line without code not reported"
                    );
                }
                let cats = sel(&|l| l.starts_with("<ISSUE"));
                assert_eq!(load.reports[0].count("issue_categories"), cats.len(), "{name}");
            }
            DictKind::Prepositions => {
                let p = sel(&|l| !l.trim().is_empty());
                covers(
                    "prepositions",
                    &name,
                    &p,
                    &lex.prepositions.iter().map(|x| x.1.line).collect::<Vec<_>>(),
                    &errs,
                );
            }
            DictKind::Pico => {
                let p = sel(&|l| l.contains(':') && !l.trim().is_empty());
                covers(
                    "pico",
                    &name,
                    &p,
                    &lex.pico.iter().map(|x| x.source.line).collect::<Vec<_>>(),
                    &errs,
                );
            }
        }
    }
}

/// Figures checked by hand with the shell commands in the comments (petrarch2 copies).
#[test]
fn pinned_counts() {
    let Some(d) = dyad_testdata::path("petrarch2/dictionaries") else { return };
    let one = |f: &str| Lexicon::load_petrarch(&[d.join(f)]).unwrap();
    let c = one("CAMEO.2.0.txt");
    let r = &c.reports[0];
    // grep -c '^---' CAMEO.2.0.txt -> 397; grep -c '^-[^-]' -> 4668, of which 4 are
    // reported as errors (2 unbalanced parentheses at 2374, 7606; undefined &WEATHER and
    // &DEMONSTRATION at 8443, 8444); grep -c '^&' -> 40; grep -c '^~' -> 8.
    assert_eq!(r.count("verb_groups"), 397);
    assert_eq!(r.count("patterns"), 4664);
    assert_eq!(c.error_count(), 4);
    assert_eq!(r.count("synsets"), 40);
    assert_eq!(r.count("transformations"), 8);
    let a = one("Phoenix.Countries.actors.txt");
    let r = &a.reports[0];
    // sed 's/#.*//' F | grep -c '^[^[:space:]+[<]' -> 18390 actors;
    // sed 's/#.*//' F | grep -c '^[[:space:]]*+' -> 7527 synonyms (line 15346 "+FAEROYENE]_" is an error);
    // sed 's/#.*//' F | grep -o '\[' | wc -l -> 28389 codes, 8 of them on error lines.
    assert_eq!(r.count("actors"), 18390);
    assert_eq!(r.count("synonyms"), 7526);
    assert_eq!(r.count("codes"), 28381);
    let g = one("Phoenix.agents.txt");
    // sed 's/#.*//' Phoenix.agents.txt | grep -c '\[' -> 2244 agent lines; 5 have a
    // broken marker ("AD!MINIST!RATIVE") and one is malformed: 2238 read.
    assert_eq!(g.reports[0].count("agents"), 2238);
    assert_eq!(g.reports[0].count("substitution_sets"), 2);
    let i = one("Phoenix.IssueCoding.txt");
    // grep -c '^~' -> 181 exclusions; grep -c '^<ISSUE' -> 52 sections.
    assert_eq!(i.reports[0].count("issue_exclusions"), 181);
    assert_eq!(i.reports[0].count("issue_categories"), 52);
    let dd = one("Phoenix.discards.txt");
    // sed 's/#.*//' Phoenix.discards.txt | grep -c '[^[:space:]]' -> 506.
    assert_eq!(dd.reports[0].count("discards"), 506);
}

#[test]
fn unknown_event_codes_are_counted_warnings_or_strict_errors() {
    let Some(d) = dyad_testdata::path("petrarch2/dictionaries") else { return };
    let mut l = Lexicon::load_petrarch(&[d.join("CAMEO.2.0.txt")]).unwrap();
    // 176 (x5), 080!, 1952 and others: codes the CAMEO table lacks.
    let n = l.unknown_code_count();
    assert!(n >= 7, "{n}");
    let before = l.error_count();
    assert!(l.diagnostics.iter().any(|d| d.message.contains("176") && d.line == 2059));
    l.make_strict();
    assert_eq!(l.error_count(), before + n);
}

#[test]
fn kinds_detected_from_content_alone() {
    let Some(files) = files() else { return };
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let by_name = DictKind::detect(&path.display().to_string(), &text).unwrap();
        // Preposition lists are one word a line, like a discard list: only the name tells them apart.
        if by_name == DictKind::Prepositions {
            continue;
        }
        assert_eq!(DictKind::detect("unnamed.txt", &text), Some(by_name), "{}", path.display());
    }
}

#[test]
fn environment_of_the_validation_files() {
    let (Some(dir), Some(_)) = (
        dyad_testdata::path("universalpetrarch/dictionaries"),
        dyad_testdata::path("universalpetrarch/text/PETR2_GSR_validation.xml"),
    ) else {
        return;
    };
    // The <Environment> block of PETR2_GSR_validation.xml, as (element, text) pairs.
    let env = [
        ("Verbfile", "CAMEO.2.0.txt"),
        (
            "Actorfile",
            "Phoenix.Countries.actors.txt,Phoenix.International.actors.txt,Phoenix.MilNonState.actors.txt",
        ),
        ("Agentfile", "Phoenix.agents.txt"),
        ("Discardfile", "Phoenix.discards.txt"),
        ("PICOfile", "PETR.Internal.Coding.Ontology.txt"),
        ("Include", "valid AFP TEST GOLD VERB PASSIVE OTHER"),
    ];
    let files = dyad_lexicon::petrarch::environment_files(&env, &dir).unwrap();
    assert_eq!(files.len(), 7);
    let paths: Vec<_> = files.iter().map(|f| f.path.clone()).collect();
    let load = Lexicon::load_petrarch(&paths).unwrap();
    let kinds: Vec<DictKind> = load.reports.iter().map(|r| r.kind).collect();
    assert_eq!(
        kinds,
        files.iter().map(|f| f.kind).collect::<Vec<_>>(),
        "detected kinds agree with the elements"
    );
    assert!(load.reports.iter().any(|r| r.count("pico_entries") > 200));
}
