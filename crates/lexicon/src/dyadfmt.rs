//! dyad's own dictionary format: reader and writer. See `FORMAT.md`.
//!
//! A lexicon directory holds UTF-8 text files whose kind comes from their
//! folder or name: `actors/*.txt` (or `actors.txt`), `agents/*.txt`,
//! `verbs/*.txt`, `discards/*.txt`, `issues/*.txt`, `prepositions/*.txt`,
//! `pico/*.txt`. `#` starts a comment anywhere on a line.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use dyad_types::Date;

use crate::error::{DiagKind, Diagnostic, LexiconError, Severity};
use crate::model::{
    Actor, Agent, AgentPlacement, AgentPlural, CodeSpec, DateRange, DatedCode, Discard, FileId,
    Issue, IssueExclusion, Lexicon, Pattern, PatternElem, PatternItem, PicoEntry, Source,
    Substitution, Synset, SynsetMember, Transformation, Verb, VerbGroup,
};
use crate::petrarch::{DictKind, FileReport, Loaded};

/// The kind of a file in a dyad lexicon directory, from its folder or name.
pub fn kind_of(rel: &Path) -> Option<DictKind> {
    let first = rel.components().next()?.as_os_str().to_string_lossy().to_ascii_lowercase();
    let stem = first.trim_end_matches(".txt");
    Some(match stem {
        "actors" => DictKind::Actors,
        "agents" => DictKind::Agents,
        "verbs" => DictKind::Verbs,
        "discards" => DictKind::Discards,
        "issues" => DictKind::Issues,
        "prepositions" => DictKind::Prepositions,
        "pico" => DictKind::Pico,
        _ => return None,
    })
}

fn collect_txt(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), LexiconError> {
    let rd = std::fs::read_dir(dir).map_err(|e| LexiconError::io(dir, e))?;
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect_txt(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "txt") {
            out.push(p);
        }
    }
    Ok(())
}

/// Reads every `.txt` file of a dyad lexicon directory.
///
/// # Errors
/// I/O errors. Syntax problems, and `.txt` files whose kind cannot be told
/// from their folder or name, are diagnostics.
pub fn read_dir(dir: &Path) -> Result<Loaded, LexiconError> {
    let mut files = Vec::new();
    collect_txt(dir, &mut files)?;
    let mut load = Loaded::default();
    // Synset names first: patterns may use synsets from other files.
    let mut texts = Vec::new();
    for p in &files {
        let bytes = std::fs::read(p).map_err(|e| LexiconError::io(p, e))?;
        let name = p.display().to_string();
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(_) => {
                load.diagnostics.push(Diagnostic {
                    severity: Severity::Error,
                    kind: DiagKind::Syntax,
                    file: name,
                    line: 0,
                    message: "invalid UTF-8; expected a UTF-8 text file".into(),
                });
                continue;
            }
        };
        let rel = p.strip_prefix(dir).unwrap_or(p).to_path_buf();
        texts.push((name, rel, text));
    }
    read_texts(&mut load, &texts);
    Ok(load)
}

/// Reads dyad-format files given as `(name, text)` pairs, where the name
/// is the path relative to the lexicon directory (it tells the kind, as in
/// [`read_dir`], and is what diagnostics and explanations cite). Used for the
/// default lexicon embedded in the binary.
pub fn read_str_files(files: &[(&str, &str)]) -> Loaded {
    let mut load = Loaded::default();
    let texts: Vec<(String, PathBuf, String)> = files
        .iter()
        .map(|(name, text)| {
            let rel = PathBuf::from(name.strip_prefix("lexicon/").unwrap_or(name));
            (name.to_string(), rel, text.to_string())
        })
        .collect();
    read_texts(&mut load, &texts);
    load
}

fn read_texts(load: &mut Loaded, texts: &[(String, PathBuf, String)]) {
    let mut names = HashSet::new();
    for (_, rel, text) in texts {
        if kind_of(rel) == Some(DictKind::Verbs) {
            for l in lines(text) {
                if let Some(r) = l.1.strip_prefix('&')
                    && let Some((n, _)) = r.split_once('=')
                {
                    names.insert(n.trim().to_string());
                    names.insert(n.trim().trim_end_matches('_').to_string());
                }
            }
        }
    }
    for (name, rel, text) in texts {
        match kind_of(rel) {
            Some(kind) => load.read_dyad_text(name, text, kind, &names),
            None => load.diagnostics.push(Diagnostic {
                severity: Severity::Error,
                kind: DiagKind::Syntax,
                file: name.clone(),
                line: 0,
                message: "unknown dictionary kind; expected the file under actors/, agents/, verbs/, discards/, issues/, prepositions/ or pico/ (or named so)".into(),
            }),
        }
    }
}

/// Meaningful lines: (line number, text without comment, comment).
fn lines(text: &str) -> impl Iterator<Item = (u32, &str, Option<&str>)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.lines().enumerate().filter_map(|(i, raw)| {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let (body, comment) = match raw.find('#') {
            Some(k) => (&raw[..k], Some(raw[k + 1..].trim()).filter(|c| !c.is_empty())),
            None => (raw, None),
        };
        let body = body.trim();
        (!body.is_empty()).then_some((i as u32 + 1, body, comment))
    })
}

fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_string).collect()
}

/// Parses `CODE`, `CODE <DATE`, `CODE >=DATE`, `CODE DATE..DATE` (dates `YYYY-MM-DD`).
fn parse_code_item(s: &str) -> Result<(String, DateRange), String> {
    let mut it = s.split_whitespace();
    let code = it.next().ok_or("expected a code")?.to_string();
    let range: String = it.collect::<Vec<_>>().join("");
    let date =
        |d: &str| Date::parse(d).ok_or_else(|| format!("bad date {d:?}; expected YYYY-MM-DD"));
    let r = if range.is_empty() {
        DateRange::Always
    } else if let Some(d) = range.strip_prefix(">=") {
        DateRange::From(date(d)?)
    } else if let Some(d) = range.strip_prefix('<') {
        DateRange::Before(date(d)?)
    } else if let Some((a, b)) = range.split_once("..") {
        let (a, b) = (date(a)?, date(b)?);
        if b < a {
            return Err(format!("date range ends ({b}) before it starts ({a})"));
        }
        DateRange::Between(a, b)
    } else {
        return Err(format!("bad date range {range:?}; expected <DATE, >=DATE or DATE..DATE"));
    };
    Ok((code, r))
}

fn fmt_code_item(c: &DatedCode) -> String {
    match c.range {
        DateRange::Always => c.code.clone(),
        DateRange::Before(d) => format!("{} <{d}", c.code),
        DateRange::From(d) => format!("{} >={d}", c.code),
        DateRange::Between(a, b) => format!("{} {a}..{b}", c.code),
    }
}

/// Reading dyad-format text into a [`Loaded`].
pub trait ReadDyad {
    /// Reads one dyad-format file of the given kind; `synsets` holds all synset
    /// names of the directory (with and without a trailing `_`).
    fn read_dyad_text(&mut self, name: &str, text: &str, kind: DictKind, synsets: &HashSet<String>);
}

impl ReadDyad for Loaded {
    fn read_dyad_text(
        &mut self,
        name: &str,
        text: &str,
        kind: DictKind,
        synsets: &HashSet<String>,
    ) {
        let file = self.lexicon.add_file(name);
        let mut r = Reader { file, name, diags: &mut self.diagnostics };
        let lex = &mut self.lexicon;
        let counts = match kind {
            DictKind::Actors => r.actors(text, lex),
            DictKind::Agents => r.agents(text, lex),
            DictKind::Verbs => r.verbs(text, lex, synsets),
            DictKind::Discards => r.discards(text, lex),
            DictKind::Issues => r.issues(text, lex),
            DictKind::Prepositions => r.prepositions(text, lex),
            DictKind::Pico => r.pico(text, lex),
        };
        self.reports.push(FileReport { file: name.to_string(), kind, counts });
    }
}

struct Reader<'a> {
    file: FileId,
    name: &'a str,
    diags: &'a mut Vec<Diagnostic>,
}

impl Reader<'_> {
    fn src(&self, line: u32) -> Source {
        Source { file: self.file, line }
    }

    fn error(&mut self, line: u32, msg: impl Into<String>) {
        self.diags.push(Diagnostic {
            severity: Severity::Error,
            kind: DiagKind::Syntax,
            file: self.name.to_string(),
            line,
            message: msg.into(),
        });
    }

    fn check_code(&mut self, line: u32, code: &CodeSpec) {
        for c in code.codes() {
            if !crate::ontology::is_event_code(c) {
                self.diags.push(Diagnostic {
                    severity: Severity::Warning,
                    kind: DiagKind::UnknownEventCode,
                    file: self.name.to_string(),
                    line,
                    message: format!("event code {c} is not a CAMEO code"),
                });
            }
        }
    }

    fn actors(&mut self, text: &str, lex: &mut Lexicon) -> Vec<(&'static str, usize)> {
        let a0 = lex.actors.len();
        let (mut syn, mut codes, mut dated) = (0, 0, 0);
        let mut cur: Option<usize> = None;
        for (no, s, _) in lines(text) {
            if let Some(rest) = s.strip_prefix('+') {
                let Some(a) = cur else {
                    self.error(no, "synonym (+ NAME) before any actor; expected NAME = CODE first");
                    continue;
                };
                let w = words(rest);
                if w.is_empty() || rest.contains('=') {
                    self.error(no, "synonym: expected + NAME");
                    continue;
                }
                lex.actors[a].names.push((w, self.src(no)));
                syn += 1;
                continue;
            }
            let (head, code_txt) = match s.split_once('=') {
                Some((h, c)) => (h.trim(), Some(c)),
                None => (s, None),
            };
            let mut parsed = Vec::new();
            let mut bad = false;
            if let Some(ct) = code_txt {
                for item in ct.split(',') {
                    match parse_code_item(item) {
                        Ok((code, range)) => {
                            parsed.push(DatedCode { code, range, source: self.src(no) })
                        }
                        Err(e) => {
                            self.error(no, format!("actor code {:?}: {e}", item.trim()));
                            bad = true;
                        }
                    }
                }
            }
            if bad {
                continue;
            }
            codes += parsed.len();
            dated += parsed.iter().filter(|c| c.range != DateRange::Always).count();
            if head.is_empty() {
                let Some(a) = cur else {
                    self.error(
                        no,
                        "code line (= CODE) before any actor; expected NAME = CODE first",
                    );
                    continue;
                };
                if parsed.is_empty() {
                    self.error(no, "expected = CODE");
                    continue;
                }
                lex.actors[a].codes.extend(parsed);
            } else {
                lex.actors.push(Actor {
                    names: vec![(words(head), self.src(no))],
                    codes: parsed,
                    source: self.src(no),
                });
                cur = Some(lex.actors.len() - 1);
            }
        }
        vec![
            ("actors", lex.actors.len() - a0),
            ("synonyms", syn),
            ("codes", codes),
            ("dated_codes", dated),
        ]
    }

    fn agents(&mut self, text: &str, lex: &mut Lexicon) -> Vec<(&'static str, usize)> {
        let (g0, s0) = (lex.agents.len(), lex.substitutions.len());
        for (no, s, _) in lines(text) {
            let Some((lhs, rhs)) = s.rsplit_once('=') else {
                self.error(no, "agent: expected PHRASE [/ PLURAL] = ~CODE (or CODE~), or substitute !MARKER! = A, B");
                continue;
            };
            let (lhs, rhs) = (lhs.trim(), rhs.trim());
            if let Some(marker) = lhs.strip_prefix("substitute ") {
                let marker = marker.trim();
                if !(marker.starts_with('!')
                    && marker.ends_with('!')
                    && marker.len() > 2
                    && !marker.contains(char::is_whitespace))
                {
                    self.error(no, "substitution: expected substitute !MARKER! = WORD, WORD");
                    continue;
                }
                let values: Vec<String> = rhs
                    .split(',')
                    .map(|v| v.trim().to_string())
                    .filter(|v| !v.is_empty())
                    .collect();
                if values.is_empty() {
                    self.error(no, "substitution: expected !MARKER! = WORD, WORD");
                    continue;
                }
                lex.substitutions.push(Substitution {
                    name: marker.trim_matches('!').to_string(),
                    values,
                    source: self.src(no),
                });
                continue;
            }
            let (code, placement) = if let Some(c) = rhs.strip_prefix('~') {
                (c, AgentPlacement::AfterActor)
            } else if let Some(c) = rhs.strip_suffix('~') {
                (c, AgentPlacement::BeforeActor)
            } else {
                self.error(no, format!("agent code {rhs:?}: expected ~CODE (after the actor code) or CODE~ (before)"));
                continue;
            };
            if code.is_empty() || code.contains(char::is_whitespace) || code.contains('~') {
                self.error(no, format!("agent code {rhs:?}: expected one code"));
                continue;
            }
            let (phrase, plural) = match lhs.split_once(" / ") {
                Some((p, pl)) => {
                    let pl = pl.trim();
                    (
                        words(p),
                        if pl == "-" { AgentPlural::None } else { AgentPlural::Given(words(pl)) },
                    )
                }
                None => (words(lhs), AgentPlural::Regular),
            };
            if phrase.is_empty() || matches!(&plural, AgentPlural::Given(p) if p.is_empty()) {
                self.error(no, "agent: expected PHRASE [/ PLURAL or /-] = CODE");
                continue;
            }
            lex.agents.push(Agent {
                phrase,
                plural,
                code: code.to_string(),
                placement,
                source: self.src(no),
            });
        }
        vec![("agents", lex.agents.len() - g0), ("substitution_sets", lex.substitutions.len() - s0)]
    }

    fn verbs(
        &mut self,
        text: &str,
        lex: &mut Lexicon,
        names: &HashSet<String>,
    ) -> Vec<(&'static str, usize)> {
        let (g0, s0, t0) = (lex.verb_groups.len(), lex.synsets.len(), lex.transformations.len());
        let (mut verbs, mut patterns, mut members) = (0, 0, 0);
        let mut group: Option<usize> = None;
        for (no, s, comment) in lines(text) {
            if let Some(rest) = s.strip_prefix("group ") {
                let Some((name, code)) = rest.rsplit_once('=') else {
                    self.error(no, "group: expected group NAME = CODE (or = ---)");
                    continue;
                };
                let (name, code) = (name.trim(), code.trim());
                if name.is_empty() || code.is_empty() || code.contains(char::is_whitespace) {
                    self.error(no, "group: expected group NAME = CODE (or = ---)");
                    continue;
                }
                let code = CodeSpec(code.to_string());
                self.check_code(no, &code);
                lex.verb_groups.push(VerbGroup {
                    name: name.to_string(),
                    code,
                    verbs: Vec::new(),
                    patterns: Vec::new(),
                    source: self.src(no),
                });
                group = Some(lex.verb_groups.len() - 1);
            } else if let Some(rest) = s.strip_prefix('&') {
                let Some((name, member)) = rest.split_once('=') else {
                    self.error(no, "synset: expected &NAME = MEMBER");
                    continue;
                };
                let raw = name.trim();
                let no_plural_set = raw.ends_with('_');
                let base = raw.trim_end_matches('_');
                let member = member.trim();
                let no_plural = member.ends_with('_');
                let elems = match crate::petrarch::parse_elems_pub(member, names) {
                    Ok(e) if !e.is_empty() => e,
                    Ok(_) => {
                        self.error(no, "synset: expected &NAME = MEMBER");
                        continue;
                    }
                    Err(e) => {
                        self.error(no, format!("synset member: {e}"));
                        continue;
                    }
                };
                let m = SynsetMember { elems, no_plural, source: self.src(no) };
                // Consecutive lines with the same name (and flag) form one set.
                match lex.synsets[s0..]
                    .last_mut()
                    .filter(|x| x.name == base && x.no_plural == no_plural_set)
                {
                    Some(set) => set.members.push(m),
                    None => lex.synsets.push(Synset {
                        name: base.to_string(),
                        no_plural: no_plural_set,
                        members: vec![m],
                        source: self.src(no),
                    }),
                }
                members += 1;
            } else if let Some(rest) = s.strip_prefix("transform ") {
                let spaced = rest.replace('(', " ( ").replace(')', " ) ");
                match spaced.split_once('=') {
                    Some((l, r)) if !l.trim().is_empty() && !r.trim().is_empty() => {
                        lex.transformations.push(Transformation {
                            lhs: words(l),
                            rhs: words(r),
                            source: self.src(no),
                        })
                    }
                    _ => self.error(no, "transform: expected transform LEFT = RIGHT"),
                }
            } else if let Some(rest) = s.strip_prefix("verb ") {
                let Some(g) = group else {
                    self.error(no, "verb before any group; expected group NAME = CODE first");
                    continue;
                };
                match parse_verb(rest) {
                    Ok(v) => {
                        if let Some(c) = &v.3 {
                            self.check_code(no, c);
                        }
                        lex.verb_groups[g].verbs.push(Verb {
                            phrase: v.0,
                            head: v.1,
                            forms: v.2,
                            code: v.3,
                            source: self.src(no),
                        });
                        verbs += 1;
                    }
                    Err(e) => self.error(no, format!("verb: {e}")),
                }
            } else if let Some(rest) = s.strip_prefix('-') {
                let Some(g) = group else {
                    self.error(no, "pattern before any group; expected group NAME = CODE first");
                    continue;
                };
                let Some((body, code)) = rest.rsplit_once('=') else {
                    self.error(no, "pattern: expected - ELEMENTS = CODE");
                    continue;
                };
                let code = code.trim();
                if code.is_empty() || code.contains(char::is_whitespace) {
                    self.error(no, "pattern: expected one code after '='");
                    continue;
                }
                match crate::petrarch::parse_pattern_pub(body, names) {
                    Ok(elems) => {
                        let code = CodeSpec(code.to_string());
                        self.check_code(no, &code);
                        lex.verb_groups[g].patterns.push(Pattern {
                            elems,
                            code,
                            comment: comment.map(str::to_string),
                            source: self.src(no),
                        });
                        patterns += 1;
                    }
                    Err(e) => self.error(no, format!("pattern: {e}")),
                }
            } else {
                self.error(no, "verbs file: expected 'group NAME = CODE', 'verb ...', '- PATTERN = CODE', '&SYNSET = MEMBER' or 'transform ...'");
            }
        }
        vec![
            ("verb_groups", lex.verb_groups.len() - g0),
            ("verbs", verbs),
            ("patterns", patterns),
            ("synsets", lex.synsets.len() - s0),
            ("synset_members", members),
            ("transformations", lex.transformations.len() - t0),
        ]
    }

    fn discards(&mut self, text: &str, lex: &mut Lexicon) -> Vec<(&'static str, usize)> {
        let d0 = lex.discards.len();
        for (no, s, _) in lines(text) {
            let (story, rest) = if let Some(r) = s.strip_prefix("story:") {
                (true, r)
            } else if let Some(r) = s.strip_prefix("sentence:") {
                (false, r)
            } else {
                self.error(no, "discard: expected 'sentence: PHRASE' or 'story: PHRASE'");
                continue;
            };
            let phrase = words(rest);
            if phrase.is_empty() {
                self.error(no, "discard: expected a phrase after ':'");
                continue;
            }
            lex.discards.push(Discard { phrase, story, source: self.src(no) });
        }
        let story = lex.discards[d0..].iter().filter(|d| d.story).count();
        vec![("discards", lex.discards.len() - d0), ("story_discards", story)]
    }

    fn issues(&mut self, text: &str, lex: &mut Lexicon) -> Vec<(&'static str, usize)> {
        let (i0, e0) = (lex.issues.len(), lex.issue_exclusions.len());
        let mut cats = 0;
        let mut cat: Option<String> = None;
        for (no, s, _) in lines(text) {
            if let Some(r) = s.strip_prefix("section ") {
                cat = Some(r.trim().to_string());
                cats += 1;
            } else if s == "end section" {
                cat = None;
            } else if let Some(r) = s.strip_prefix("exclude-story ") {
                lex.issue_exclusions.push(IssueExclusion {
                    phrase: words(r),
                    story: true,
                    category: cat.clone(),
                    source: self.src(no),
                });
            } else if let Some(r) = s.strip_prefix("exclude ") {
                lex.issue_exclusions.push(IssueExclusion {
                    phrase: words(r),
                    story: false,
                    category: cat.clone(),
                    source: self.src(no),
                });
            } else if let Some((p, c)) = s.rsplit_once('=') {
                let (phrase, code) = (words(p), c.trim());
                if phrase.is_empty() || code.is_empty() || code.contains(char::is_whitespace) {
                    self.error(no, "issue: expected PHRASE = CODE");
                    continue;
                }
                lex.issues.push(Issue {
                    phrase,
                    code: code.to_string(),
                    category: cat.clone(),
                    source: self.src(no),
                });
            } else {
                self.error(no, "issues file: expected 'section NAME', 'end section', 'PHRASE = CODE', 'exclude PHRASE' or 'exclude-story PHRASE'");
            }
        }
        vec![
            ("issues", lex.issues.len() - i0),
            ("issue_exclusions", lex.issue_exclusions.len() - e0),
            ("issue_categories", cats),
        ]
    }

    fn prepositions(&mut self, text: &str, lex: &mut Lexicon) -> Vec<(&'static str, usize)> {
        let p0 = lex.prepositions.len();
        for (no, s, _) in lines(text) {
            if s.contains(char::is_whitespace) {
                self.error(no, "preposition: expected one word per line");
                continue;
            }
            lex.prepositions.push((s.to_string(), self.src(no)));
        }
        vec![("prepositions", lex.prepositions.len() - p0)]
    }

    fn pico(&mut self, text: &str, lex: &mut Lexicon) -> Vec<(&'static str, usize)> {
        let p0 = lex.pico.len();
        for (no, s, _) in lines(text) {
            let Some((c, e)) = s.split_once('=') else {
                self.error(no, "pico: expected CAMEO = 0xHEX[+0xHEX...]");
                continue;
            };
            match crate::petrarch::parse_pico_pub(e) {
                Ok(terms) => lex.pico.push(PicoEntry {
                    cameo: c.trim().to_string(),
                    terms,
                    source: self.src(no),
                }),
                Err(m) => self.error(no, format!("pico: {m}")),
            }
        }
        vec![("pico_entries", lex.pico.len() - p0)]
    }
}

type VerbParts = (Vec<String>, usize, Option<Vec<(Vec<String>, usize)>>, Option<CodeSpec>);

/// `WORDS [forms: F | F] [= CODE]`; a multi-word verb marks its verb word with `+`.
fn parse_verb(s: &str) -> Result<VerbParts, String> {
    let (main, code) = match s.rsplit_once('=') {
        Some((m, c)) => {
            let c = c.trim();
            if c.is_empty() || c.contains(char::is_whitespace) {
                return Err("expected one code after '='".into());
            }
            (m, Some(CodeSpec(c.to_string())))
        }
        None => (s, None),
    };
    let (verb, forms) = match main.split_once("forms:") {
        Some((v, f)) => {
            let mut forms = Vec::new();
            for part in f.split('|') {
                let part = part.trim();
                if part.is_empty() {
                    continue;
                }
                forms.push(marked_phrase(part)?);
            }
            (v, Some(forms))
        }
        None => (main, None),
    };
    let (p, h) = marked_phrase(verb.trim())?;
    Ok((p, h, forms, code))
}

fn marked_phrase(s: &str) -> Result<(Vec<String>, usize), String> {
    let mut head = None;
    let mut out = Vec::new();
    for (i, w) in s.split_whitespace().enumerate() {
        match w.strip_prefix('+') {
            Some(x) if !x.is_empty() => {
                if head.replace(i).is_some() {
                    return Err(format!("two '+' verb markers in {s:?}"));
                }
                out.push(x.to_string());
            }
            Some(_) => return Err(format!("'+' without a word in {s:?}")),
            None => out.push(w.to_string()),
        }
    }
    match (out.len(), head) {
        (0, _) => Err("expected a verb".into()),
        (1, None) => Ok((out, 0)),
        (_, Some(h)) => Ok((out, h)),
        (_, None) => Err(format!("multi-word verb {s:?} must mark its verb word with '+'")),
    }
}

// ---------------------------------------------------------------- writer

/// Writes a lexicon as a dyad-format directory: one output file per input
/// file, under the folder of its kind (`actors/Phoenix.Countries.actors.txt`).
/// Returns the files written.
///
/// # Errors
/// I/O errors, and a phrase that cannot be written in the format (e.g. a word
/// containing `=` or `#`), reported as [`LexiconError::Invalid`].
pub fn write_dir(
    lex: &Lexicon,
    kinds: &[(FileId, DictKind)],
    out: &Path,
) -> Result<Vec<PathBuf>, LexiconError> {
    let texts = render(lex, kinds)?;
    let mut written = Vec::new();
    for (rel, text) in texts {
        let p = out.join(&rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).map_err(|e| LexiconError::io(parent, e))?;
        }
        std::fs::write(&p, text).map_err(|e| LexiconError::io(&p, e))?;
        written.push(p);
    }
    Ok(written)
}

fn check_word(w: &str, problems: &mut Vec<String>, what: &str) {
    if w.contains(['=', '#', '|']) || w.contains(char::is_whitespace) {
        problems.push(format!(
            "{what}: word {w:?} cannot be written in dyad format (contains = # or |)"
        ));
    }
}

fn folder(kind: DictKind) -> &'static str {
    match kind {
        DictKind::Actors => "actors",
        DictKind::Agents => "agents",
        DictKind::Verbs => "verbs",
        DictKind::Discards => "discards",
        DictKind::Issues => "issues",
        DictKind::Prepositions => "prepositions",
        DictKind::Pico => "pico",
    }
}

/// Writes pattern elements in the shared PETRARCH-style notation.
pub(crate) fn fmt_elems(elems: &[PatternElem]) -> String {
    let mut s = String::new();
    for (i, e) in elems.iter().enumerate() {
        if i > 0 {
            s.push(if e.joined { '_' } else { ' ' });
        }
        match &e.item {
            PatternItem::Word(w) => s.push_str(w),
            PatternItem::Synset(n) => {
                s.push('&');
                s.push_str(n);
            }
            PatternItem::Verb => s.push('*'),
            PatternItem::Source => s.push('$'),
            PatternItem::Target => s.push('+'),
            PatternItem::Compound => s.push('%'),
            PatternItem::Skip => s.push('^'),
            PatternItem::OpenPrep => s.push('('),
            PatternItem::ClosePrep => s.push(')'),
            PatternItem::OpenNoun => s.push('{'),
            PatternItem::CloseNoun => s.push('}'),
        }
    }
    s
}

fn fmt_marked(p: &[String], head: usize) -> String {
    if p.len() == 1 {
        return p[0].clone();
    }
    p.iter()
        .enumerate()
        .map(|(i, w)| if i == head { format!("+{w}") } else { w.clone() })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Renders each input file as (relative path, text).
///
/// # Errors
/// [`LexiconError::Invalid`] listing words that the format cannot hold.
pub fn render(
    lex: &Lexicon,
    kinds: &[(FileId, DictKind)],
) -> Result<Vec<(PathBuf, String)>, LexiconError> {
    let mut problems = Vec::new();
    let mut out = Vec::new();
    let mut used = HashSet::new();
    for &(fid, kind) in kinds {
        let src_name = lex.files.get(fid.0 as usize).cloned().unwrap_or_default();
        let base = Path::new(&src_name)
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_else(|| "lexicon.txt".into());
        let mut stem = base.trim_end_matches(".txt").to_string();
        while !used.insert((kind, stem.clone())) {
            stem.push_str("_2");
        }
        let rel = PathBuf::from(folder(kind)).join(format!("{stem}.txt"));
        let mut t = String::new();
        let _ = writeln!(
            t,
            "# dyad lexicon ({}) converted from {base}; format: crates/lexicon/FORMAT.md",
            folder(kind)
        );
        let of = |s: &Source| s.file == fid;
        match kind {
            DictKind::Actors => {
                for a in lex.actors.iter().filter(|a| of(&a.source)) {
                    for (p, _) in &a.names {
                        for w in p {
                            check_word(w, &mut problems, &lex.location(a.source));
                        }
                    }
                    let name = a.names[0].0.join(" ");
                    if name.starts_with('+') {
                        problems.push(format!(
                            "{}: an actor name cannot start with '+' in dyad format",
                            lex.location(a.source)
                        ));
                    }
                    if a.codes.len() == 1 && a.codes[0].range == DateRange::Always {
                        let _ = writeln!(t, "{name} = {}", a.codes[0].code);
                    } else {
                        let _ = writeln!(t, "{name}");
                    }
                    for (p, _) in &a.names[1..] {
                        let _ = writeln!(t, "  + {}", p.join(" "));
                    }
                    if !(a.codes.len() == 1 && a.codes[0].range == DateRange::Always) {
                        for c in &a.codes {
                            let _ = writeln!(t, "  = {}", fmt_code_item(c));
                        }
                    }
                }
            }
            DictKind::Agents => {
                for s in lex.substitutions.iter().filter(|s| of(&s.source)) {
                    let _ = writeln!(t, "substitute !{}! = {}", s.name, s.values.join(", "));
                }
                for a in lex.agents.iter().filter(|a| of(&a.source)) {
                    for w in &a.phrase {
                        check_word(w, &mut problems, &lex.location(a.source));
                        if w == "/" {
                            problems.push(format!(
                                "{}: agent word '/' would read as the plural separator",
                                lex.location(a.source)
                            ));
                        }
                    }
                    let plural = match &a.plural {
                        AgentPlural::Regular => String::new(),
                        AgentPlural::None => " / -".into(),
                        AgentPlural::Given(p) => format!(" / {}", p.join(" ")),
                    };
                    let code = match a.placement {
                        AgentPlacement::AfterActor => format!("~{}", a.code),
                        AgentPlacement::BeforeActor => format!("{}~", a.code),
                    };
                    let _ = writeln!(t, "{}{plural} = {code}", a.phrase.join(" "));
                }
            }
            DictKind::Verbs => {
                for s in lex.synsets.iter().filter(|s| of(&s.source)) {
                    let name = if s.no_plural { format!("{}_", s.name) } else { s.name.clone() };
                    for m in &s.members {
                        let _ = writeln!(
                            t,
                            "&{name} = {}{}",
                            fmt_elems(&m.elems),
                            if m.no_plural { "_" } else { "" }
                        );
                    }
                }
                for g in lex.verb_groups.iter().filter(|g| of(&g.source)) {
                    let _ = writeln!(t, "\ngroup {} = {}", g.name, g.code.0);
                    for v in &g.verbs {
                        let mut line = format!("verb {}", fmt_marked(&v.phrase, v.head));
                        if let Some(forms) = &v.forms {
                            line.push_str(" forms:");
                            let fs: Vec<String> =
                                forms.iter().map(|(p, h)| fmt_marked(p, *h)).collect();
                            if !fs.is_empty() {
                                line.push(' ');
                                line.push_str(&fs.join(" | "));
                            }
                        }
                        if let Some(c) = &v.code {
                            let _ = write!(line, " = {}", c.0);
                        }
                        let _ = writeln!(t, "{line}");
                    }
                    for p in &g.patterns {
                        let mut line = format!("- {} = {}", fmt_elems(&p.elems), p.code.0);
                        if let Some(c) = &p.comment {
                            let _ = write!(line, "  # {c}");
                        }
                        let _ = writeln!(t, "{line}");
                    }
                }
                for x in lex.transformations.iter().filter(|x| of(&x.source)) {
                    let _ = writeln!(t, "transform {} = {}", x.lhs.join(" "), x.rhs.join(" "));
                }
            }
            DictKind::Discards => {
                for d in lex.discards.iter().filter(|d| of(&d.source)) {
                    let _ = writeln!(
                        t,
                        "{} {}",
                        if d.story { "story:" } else { "sentence:" },
                        d.phrase.join(" ")
                    );
                }
            }
            DictKind::Issues => {
                let mut cat: Option<&str> = None;
                // Issues and exclusions interleaved in source order.
                let mut items: Vec<(u32, String, Option<&str>)> = Vec::new();
                for i in lex.issues.iter().filter(|i| of(&i.source)) {
                    items.push((
                        i.source.line,
                        format!("{} = {}", i.phrase.join(" "), i.code),
                        i.category.as_deref(),
                    ));
                }
                for e in lex.issue_exclusions.iter().filter(|e| of(&e.source)) {
                    let kw = if e.story { "exclude-story" } else { "exclude" };
                    items.push((
                        e.source.line,
                        format!("{kw} {}", e.phrase.join(" ")),
                        e.category.as_deref(),
                    ));
                }
                items.sort_by_key(|x| x.0);
                for (_, line, c) in items {
                    if c != cat {
                        if cat.is_some() {
                            let _ = writeln!(t, "end section");
                        }
                        if let Some(c) = c {
                            let _ = writeln!(t, "\nsection {c}");
                        }
                        cat = c;
                    }
                    let _ = writeln!(t, "{line}");
                }
                if cat.is_some() {
                    let _ = writeln!(t, "end section");
                }
            }
            DictKind::Prepositions => {
                for (p, s) in lex.prepositions.iter().filter(|(_, s)| of(s)) {
                    check_word(p, &mut problems, &lex.location(*s));
                    let _ = writeln!(t, "{p}");
                }
            }
            DictKind::Pico => {
                for p in lex.pico.iter().filter(|p| of(&p.source)) {
                    let mut e = String::new();
                    for (i, (pos, v)) in p.terms.iter().enumerate() {
                        if !pos {
                            e.push('-');
                        } else if i > 0 {
                            e.push('+');
                        }
                        let _ = write!(e, "0x{v:04X}");
                    }
                    let _ = writeln!(t, "{} = {e}", p.cameo);
                }
            }
        }
        out.push((rel, t));
    }
    if !problems.is_empty() {
        let diagnostics: Vec<Diagnostic> = problems
            .into_iter()
            .map(|m| Diagnostic {
                severity: Severity::Error,
                kind: DiagKind::Syntax,
                file: String::new(),
                line: 0,
                message: m,
            })
            .collect();
        return Err(LexiconError::Invalid {
            first: Box::new(diagnostics[0].clone()),
            count: diagnostics.len(),
            diagnostics,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(n: u32) -> Date {
        Date::from_yyyymmdd(n).unwrap()
    }

    #[test]
    fn code_items() {
        assert_eq!(
            parse_code_item("AFGGOV 1933-11-08..1973-07-17").unwrap().1,
            DateRange::Between(d(19331108), d(19730717))
        );
        assert_eq!(parse_code_item("X <2001-01-01").unwrap().1, DateRange::Before(d(20010101)));
        assert_eq!(parse_code_item("X >=2001-01-01").unwrap().1, DateRange::From(d(20010101)));
        assert!(parse_code_item("X 2001").is_err());
        for r in [
            DateRange::Always,
            DateRange::Before(d(20010101)),
            DateRange::From(d(20010101)),
            DateRange::Between(d(20010101), d(20020101)),
        ] {
            let c = DatedCode { code: "X".into(), range: r, source: Source::default() };
            assert_eq!(parse_code_item(&fmt_code_item(&c)).unwrap().1, r);
        }
    }

    #[test]
    fn verbs() {
        let (p, h, f, c) =
            parse_verb("+CORDON OFF forms: +CORDONED OFF | +CORDONS OFF = 040").unwrap();
        assert_eq!((p.len(), h, f.unwrap().len(), c.unwrap().0), (2, 0, 2, "040".into()));
        let (_, _, f, _) = parse_verb("ANGER forms:").unwrap();
        assert_eq!(f, Some(vec![]));
        assert!(parse_verb("CLEAR UP").is_err());
    }
}
