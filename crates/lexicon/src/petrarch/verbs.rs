//! The PETRARCH verb dictionary: synsets, verb groups, patterns, transformations.
//!
//! Both the PETRARCH-2 syntax (CAMEO.2.0.txt: `(PREP ...)` phrases, `{...}`
//! noun phrases) and the PETRARCH-1/TABARI syntax (CAMEO.verbpatterns.150430.txt,
//! PETR.Validate.verbs.txt: `_` connectors, `$ + % ^`) are read into the same
//! [`PatternElem`] sequence.

use std::collections::HashSet;

use super::{Ctx, Lines, split_brackets};
use crate::model::{
    CodeSpec, Lexicon, Pattern, PatternElem, PatternItem, Synset, SynsetMember, Transformation,
    Verb, VerbGroup,
};

/// Characters that can appear in a word of a pattern or synset.
fn is_word_char(c: char) -> bool {
    !(c.is_whitespace() || "_*$+%^(){}[]&<>|".contains(c))
}

/// Parses the element list of a pattern body (without the leading `-` and the code).
/// `synsets` holds the defined synset names (with and without a trailing `_`) so
/// that `&NAME_WORD` can be split where `NAME` is a synset.
pub(crate) fn parse_pattern_body(
    body: &str,
    synsets: &HashSet<String>,
) -> Result<Vec<PatternElem>, String> {
    let out = parse_elems(body, synsets)?;
    let verbs = out.iter().filter(|e| e.item == PatternItem::Verb).count();
    if verbs != 1 {
        return Err(format!("expected exactly one '*' (the verb) in a pattern, found {verbs}"));
    }
    Ok(out)
}

/// Parses pattern elements and checks bracket balance (no check on `*`).
pub(crate) fn parse_elems(
    body: &str,
    synsets: &HashSet<String>,
) -> Result<Vec<PatternElem>, String> {
    let mut out: Vec<PatternElem> = Vec::new();
    let mut joined = false;
    let chars: Vec<char> = body.chars().collect();
    let mut i = 0;
    let push = |out: &mut Vec<PatternElem>, item, joined: &mut bool| {
        out.push(PatternElem { item, joined: *joined && !out.is_empty() });
        *joined = false;
    };
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            joined = false;
            i += 1;
            continue;
        }
        match c {
            '_' => {
                // `X_ Y` is PETRARCH's legacy open match: the same as `X Y`.
                joined = chars.get(i + 1).is_some_and(|n| !n.is_whitespace());
                i += 1;
            }
            '*' => {
                push(&mut out, PatternItem::Verb, &mut joined);
                i += 1;
            }
            '$' => {
                push(&mut out, PatternItem::Source, &mut joined);
                i += 1;
            }
            '+' => {
                push(&mut out, PatternItem::Target, &mut joined);
                i += 1;
            }
            '%' => {
                push(&mut out, PatternItem::Compound, &mut joined);
                i += 1;
            }
            '^' => {
                push(&mut out, PatternItem::Skip, &mut joined);
                i += 1;
            }
            '(' => {
                push(&mut out, PatternItem::OpenPrep, &mut joined);
                i += 1;
            }
            ')' => {
                push(&mut out, PatternItem::ClosePrep, &mut joined);
                i += 1;
            }
            '{' => {
                push(&mut out, PatternItem::OpenNoun, &mut joined);
                i += 1;
            }
            '}' => {
                push(&mut out, PatternItem::CloseNoun, &mut joined);
                i += 1;
            }
            '[' | ']' => {
                return Err(format!(
                    "unexpected '{c}' inside the pattern; expected the [CODE] only at the end"
                ));
            }
            // TABARI constructs that no PETRARCH file here uses; refused rather than read as words.
            '<' | '>' | '|' => {
                return Err(format!("unsupported: TABARI '{c}' in a pattern is not read by dyad"));
            }
            '&' => {
                let start = i + 1;
                let mut end = start;
                while end < chars.len() && (is_word_char(chars[end]) || chars[end] == '_') {
                    end += 1;
                }
                let run: String = chars[start..end].iter().collect();
                if run.is_empty() {
                    return Err("expected a synset name after '&'".into());
                }
                // Longest defined synset name that is the whole run or a prefix ending at a `_`.
                let mut take = run.len();
                if !synsets.contains(&run) {
                    let mut best = None;
                    for (k, ch) in run.char_indices() {
                        if ch == '_' && synsets.contains(&run[..k]) {
                            best = Some(k);
                        }
                        if ch == '_' && synsets.contains(&run[..k + 1]) {
                            best = Some(k + 1);
                        }
                    }
                    match best {
                        Some(k) => take = k,
                        None => return Err(format!("undefined synset &{run}")),
                    }
                }
                let name = run[..take].trim_end_matches('_').to_string();
                push(&mut out, PatternItem::Synset(name), &mut joined);
                // Continue right after the name; a following `_` is a connector.
                i = start + run[..take].chars().count();
                if run[..take].ends_with('_') && take < run.len() {
                    joined = true;
                }
            }
            _ => {
                let start = i;
                while i < chars.len() && is_word_char(chars[i]) {
                    i += 1;
                }
                let w: String = chars[start..i].iter().collect();
                push(&mut out, PatternItem::Word(w), &mut joined);
            }
        }
    }
    let mut depth_p = 0i32;
    let mut depth_n = 0i32;
    for e in &out {
        match e.item {
            PatternItem::OpenPrep => depth_p += 1,
            PatternItem::ClosePrep => depth_p -= 1,
            PatternItem::OpenNoun => depth_n += 1,
            PatternItem::CloseNoun => depth_n -= 1,
            _ => {}
        }
        if depth_p < 0 || depth_n < 0 || depth_p > 1 {
            return Err(
                "unbalanced '(' ')' or nested '(' in the pattern; expected (PREP words)".into()
            );
        }
        if depth_n > 1 {
            return Err("nested '{' in the pattern; expected {words HEAD}".into());
        }
    }
    if depth_p != 0 || depth_n != 0 {
        return Err("unclosed '(' or '{' in the pattern".into());
    }
    Ok(out)
}

/// Parses a verb token (`SAY`, `+CORDON_OFF`, `RE_+ARREST`) into words and head index.
pub(crate) fn parse_verb_phrase(tok: &str) -> Result<(Vec<String>, usize), String> {
    let parts: Vec<&str> = tok.split('_').filter(|p| !p.is_empty()).collect();
    if parts.is_empty() {
        return Err("expected a verb".into());
    }
    let mut head = None;
    let mut words = Vec::new();
    for (k, p) in parts.iter().enumerate() {
        if let Some(w) = p.strip_prefix('+') {
            if head.is_some() {
                return Err(format!("two '+' verb markers in {tok}"));
            }
            head = Some(k);
            words.push(w.to_string());
        } else {
            words.push((*p).to_string());
        }
        if words.last().is_some_and(|w| w.is_empty() || w.contains('+')) {
            return Err(format!("misplaced '+' in {tok}; expected '+' before the verb word"));
        }
    }
    match head {
        Some(h) => Ok((words, h)),
        None if words.len() == 1 => Ok((words, 0)),
        None => Err(format!("multi-word verb {tok} needs a '+' before the word that is the verb")),
    }
}

enum Mode {
    None,
    Synset,
}

pub(crate) fn read(text: &str, cx: &mut Ctx<'_>, lex: &mut Lexicon) -> Vec<(&'static str, usize)> {
    // Pass 1: synset names (they may be used before they are defined).
    let mut names = HashSet::new();
    for l in Lines::new(text) {
        if let Some(n) = l.text.strip_prefix('&') {
            let n = n.trim();
            names.insert(n.to_string());
            names.insert(n.trim_end_matches('_').to_string());
        }
    }
    for s in &lex.synsets {
        names.insert(s.name.clone());
    }
    let groups0 = lex.verb_groups.len();
    let synsets0 = lex.synsets.len();
    let trans0 = lex.transformations.len();
    let (mut verbs, mut patterns, mut members) = (0usize, 0usize, 0usize);
    let mut mode = Mode::None;
    let mut group: Option<usize> = None;
    let mut lines = Lines::new(text);
    for l in lines.by_ref() {
        let s: &str = &l.text;
        let no = l.no;
        if let Some(rest) = s.strip_prefix("---") {
            mode = Mode::None;
            let inner = rest.trim_end_matches(|c: char| c == '-' || c.is_whitespace()).trim();
            let (name, codes) = match split_brackets(inner) {
                Ok(x) => x,
                Err(e) => {
                    cx.error(no, format!("verb group header: {e}; expected --- NAME [CODE] ---"));
                    group = None;
                    continue;
                }
            };
            if name.is_empty() || codes.len() > 1 {
                cx.error(no, "verb group header: expected --- NAME [CODE] --- with a NAME and at most one [CODE]");
                group = None;
                continue;
            }
            let code =
                CodeSpec(codes.first().map(|c| c.to_string()).unwrap_or_else(|| "---".into()));
            cx.check_event_code(no, &code);
            lex.verb_groups.push(VerbGroup {
                name: name.split_whitespace().collect::<Vec<_>>().join(" "),
                code,
                verbs: Vec::new(),
                patterns: Vec::new(),
                source: cx.src(no),
            });
            group = Some(lex.verb_groups.len() - 1);
        } else if let Some(name) = s.strip_prefix('&') {
            let name = name.trim();
            if name.is_empty() || name.contains(char::is_whitespace) {
                cx.error(no, "synset header: expected &NAME (one word)");
                mode = Mode::None;
                continue;
            }
            let no_plural = name.ends_with('_');
            let base = name.trim_end_matches('_').to_string();
            if lex.synsets.iter().any(|x| x.name == base) {
                cx.diag(
                    crate::error::Severity::Warning,
                    crate::error::DiagKind::Duplicate,
                    no,
                    format!("synset &{base} defined again; members are added to the first definition (PETRARCH-2 behaviour)"),
                );
            }
            lex.synsets.push(Synset {
                name: base,
                no_plural,
                members: Vec::new(),
                source: cx.src(no),
            });
            mode = Mode::Synset;
        } else if matches!(mode, Mode::Synset) && s.starts_with('+') {
            let body = s[1..].trim();
            let no_plural = body.ends_with('_');
            match parse_elems(body, &names) {
                Ok(elems) if !elems.is_empty() && !elems.iter().any(|e| matches!(e.item, PatternItem::Verb | PatternItem::Source | PatternItem::Target | PatternItem::Compound)) => {
                    if let Some(last) = lex.synsets.last_mut() {
                        last.members.push(SynsetMember { elems, no_plural, source: cx.src(no) });
                        members += 1;
                    }
                }
                Ok(_) => cx.error(no, "synset member: expected +WORDS (words, &SYNSET, (PREP ...) or {NOUN PHRASE}; no * $ + %)"),
                Err(e) => cx.error(no, format!("synset member: {e}")),
            }
        } else if let Some(body) = s.strip_prefix('-') {
            mode = Mode::None;
            let Some(g) = group else {
                cx.error(
                    no,
                    "pattern outside a verb group; expected a --- NAME [CODE] --- header first",
                );
                continue;
            };
            let (pat, code) = match body.rfind('[') {
                Some(i) if body.trim_end().ends_with(']') => {
                    (&body[..i], body[i + 1..].trim_end().trim_end_matches(']').trim())
                }
                _ => {
                    cx.error(no, "pattern: expected [CODE] at the end of the line");
                    continue;
                }
            };
            if code.is_empty() || code.contains(char::is_whitespace) {
                cx.error(no, "pattern: expected an event code inside [ ]");
                continue;
            }
            match parse_pattern_body(pat, &names) {
                Ok(elems) => {
                    let code = CodeSpec(code.to_string());
                    cx.check_event_code(no, &code);
                    lex.verb_groups[g].patterns.push(Pattern {
                        elems,
                        code,
                        comment: l.comment.as_ref().map(|c| c.to_string()),
                        source: cx.src(no),
                    });
                    patterns += 1;
                }
                Err(e) if e.starts_with("unsupported") => cx.diag(
                    crate::error::Severity::Error,
                    crate::error::DiagKind::Unsupported,
                    no,
                    format!("pattern: {e}"),
                ),
                Err(e) => cx.error(no, format!("pattern: {e}")),
            }
        } else if let Some(t) = s.strip_prefix('~') {
            mode = Mode::None;
            let spaced = t.replace('(', " ( ").replace(')', " ) ");
            let Some((lhs, rhs)) = spaced.split_once('=') else {
                cx.error(no, "transformation: expected ~ LEFT = RIGHT");
                continue;
            };
            let lhs: Vec<String> = lhs.split_whitespace().map(str::to_string).collect();
            let rhs: Vec<String> = rhs.split_whitespace().map(str::to_string).collect();
            if lhs.is_empty() || rhs.is_empty() || rhs.iter().any(|t| t.contains('=')) {
                cx.error(no, "transformation: expected ~ LEFT = RIGHT with words on both sides");
                continue;
            }
            lex.transformations.push(Transformation { lhs, rhs, source: cx.src(no) });
        } else {
            mode = Mode::None;
            let Some(g) = group else {
                cx.error(
                    no,
                    "verb outside a verb group; expected a --- NAME [CODE] --- header first",
                );
                continue;
            };
            // TABARI's `;` comment (`SCRAP {...};shan 8/30/93`): PETRARCH
            // ignores the text by accident of its parsing; read it as a comment.
            let s = match s.find(';') {
                Some(i) => {
                    cx.diag(
                        crate::error::Severity::Warning,
                        crate::error::DiagKind::Repaired,
                        no,
                        "TABARI-style ';' comment on a verb line read as a comment",
                    );
                    s[..i].trim()
                }
                None => s,
            };
            match parse_verb_line(s) {
                Ok((phrase, head, forms, code)) => {
                    if let Some(c) = &code {
                        cx.check_event_code(no, c);
                    }
                    lex.verb_groups[g].verbs.push(Verb {
                        phrase,
                        head,
                        forms,
                        code,
                        source: cx.src(no),
                    });
                    verbs += 1;
                }
                Err(e) => cx.error(no, format!("verb: {e}")),
            }
        }
    }
    if let Some(at) = lines.unclosed() {
        cx.error(at, "'<!--' comment is never closed; expected '-->'");
    }
    for i in synsets0..lex.synsets.len() {
        if lex.synsets[i].members.is_empty() {
            let (line, name) = (lex.synsets[i].source.line, lex.synsets[i].name.clone());
            cx.diag(
                crate::error::Severity::Warning,
                crate::error::DiagKind::Syntax,
                line,
                format!("synset &{name} has no +MEMBER lines; it matches nothing"),
            );
        }
    }
    vec![
        ("verb_groups", lex.verb_groups.len() - groups0),
        ("verbs", verbs),
        ("patterns", patterns),
        ("synsets", lex.synsets.len() - synsets0),
        ("synset_members", members),
        ("transformations", lex.transformations.len() - trans0),
    ]
}

type VerbLine = (Vec<String>, usize, Option<Vec<(Vec<String>, usize)>>, Option<CodeSpec>);

fn parse_verb_line(s: &str) -> Result<VerbLine, String> {
    let (main, codes) = split_brackets(s)?;
    if codes.len() > 1 {
        return Err("expected at most one [CODE]".into());
    }
    let code = codes.first().map(|c| CodeSpec(c.to_string()));
    let (verb, forms) = match main.find('{') {
        Some(i) => {
            let Some(j) = main.rfind('}') else {
                return Err("expected '}' to close the list of forms".into());
            };
            if j < i || !main[j + 1..].trim().is_empty() {
                return Err("expected VERB {FORMS} [CODE]".into());
            }
            let mut forms = Vec::new();
            for f in main[i + 1..j].split_whitespace() {
                forms.push(parse_verb_phrase(f)?);
            }
            (main[..i].trim(), Some(forms))
        }
        None => (main, None),
    };
    if verb.is_empty()
        || verb.contains(char::is_whitespace)
        || verb.contains(['}', '*', '$', '%', '^', '(', ')'])
    {
        return Err(format!(
            "expected one verb (words joined by '_'), optional {{FORMS}} and [CODE]; found {s:?}"
        ));
    }
    let (phrase, head) = parse_verb_phrase(verb)?;
    Ok((phrase, head, forms, code))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[&str]) -> HashSet<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn pattern_syntax() {
        let syn = names(&["TIETYPES", "AUXVERB1_", "AUXVERB1", "FIGHT_OF_WORDS"]);
        let p = parse_pattern_body(" * (TO {BANNED PARTIES}) $ ", &syn).unwrap();
        let items: Vec<_> = p.iter().map(|e| e.item.clone()).collect();
        use PatternItem::*;
        assert_eq!(
            items,
            vec![
                Verb,
                OpenPrep,
                Word("TO".into()),
                OpenNoun,
                Word("BANNED".into()),
                Word("PARTIES".into()),
                CloseNoun,
                ClosePrep,
                Source
            ]
        );
        let p = parse_pattern_body(" * NEW_&TIETYPES_RELATIONS", &syn).unwrap();
        assert_eq!(p[2].item, Synset("TIETYPES".into()));
        assert!(p[2].joined && p[3].joined && !p[1].joined);
        let p = parse_pattern_body(" % SAID WOULD_*_TALKS", &syn).unwrap();
        assert!(p[3].joined && p[4].joined);
        let p = parse_pattern_body(" * &FIGHT_OF_WORDS", &syn).unwrap();
        assert_eq!(p[1].item, Synset("FIGHT_OF_WORDS".into()));
        let p = parse_pattern_body(" IN_ *", &syn).unwrap();
        assert!(!p[1].joined);
        assert!(parse_pattern_body(" * &NOPE", &syn).is_err());
        assert!(parse_pattern_body(" * (TO", &syn).is_err());
        assert!(parse_pattern_body(" A B", &syn).is_err());
        assert!(parse_pattern_body(" * A | B", &syn).unwrap_err().starts_with("unsupported"));
    }

    #[test]
    fn verb_lines() {
        let (p, h, f, c) =
            parse_verb_line("CLARIFY {CLARIFIES CLARIFIED CLARIFYING} [040]").unwrap();
        assert_eq!(
            (p, h, f.unwrap().len(), c.unwrap().0),
            (vec!["CLARIFY".to_string()], 0, 3, "040".to_string())
        );
        let (p, h, _, _) = parse_verb_line("RE_+ARREST").unwrap();
        assert_eq!((p.len(), h), (2, 1));
        let (_, _, f, _) = parse_verb_line("+ANGERED_BY {}").unwrap();
        assert_eq!(f, Some(vec![]));
        assert!(parse_verb_line("CLEAR_UP").is_err());
        assert!(parse_verb_line("SAY {SAID").is_err());
    }
}
