//! Discards, issues, prepositions and the PICO ontology file.

use super::{Ctx, Lines};
use crate::error::{DiagKind, Severity};
use crate::model::{Discard, Issue, IssueExclusion, Lexicon, PicoEntry};

pub(crate) fn read_discards(
    text: &str,
    cx: &mut Ctx<'_>,
    lex: &mut Lexicon,
) -> Vec<(&'static str, usize)> {
    let d0 = lex.discards.len();
    let mut lines = Lines::new(text);
    for l in lines.by_ref() {
        let s: &str = &l.text;
        let (story, body) = match s.strip_prefix('+') {
            Some(b) => (true, b),
            None => (false, s),
        };
        let phrase: Vec<String> = body.split_whitespace().map(str::to_string).collect();
        if phrase.is_empty() || body.contains(['[', ']']) {
            cx.error(l.no, "discard: expected a phrase (optionally +PHRASE for a story-level discard), no [CODE]");
            continue;
        }
        lex.discards.push(Discard { phrase, story, source: cx.src(l.no) });
    }
    if let Some(at) = lines.unclosed() {
        cx.error(at, "'<!--' comment is never closed; expected '-->'");
    }
    let story = lex.discards[d0..].iter().filter(|d| d.story).count();
    vec![("discards", lex.discards.len() - d0), ("story_discards", story)]
}

pub(crate) fn read_issues(
    text: &str,
    cx: &mut Ctx<'_>,
    lex: &mut Lexicon,
) -> Vec<(&'static str, usize)> {
    let i0 = lex.issues.len();
    let e0 = lex.issue_exclusions.len();
    let mut categories = 0usize;
    let mut category: Option<String> = None;
    let mut lines = Lines::new(text);
    for l in lines.by_ref() {
        let s: &str = &l.text;
        let no = l.no;
        if s.starts_with("<ISSUE") {
            let cat = s.split("CATEGORY=\"").nth(1).and_then(|r| r.split('"').next());
            match cat {
                Some(c) if !c.is_empty() && s.ends_with('>') => {
                    if category.is_some() {
                        cx.error(
                            no,
                            "issue section opened inside another; expected </ISSUE> first",
                        );
                    }
                    category = Some(c.to_string());
                    categories += 1;
                }
                _ => cx.error(no, "issue section: expected <ISSUE CATEGORY=\"NAME\" ...>"),
            }
            continue;
        }
        if s == "</ISSUE>" {
            if category.take().is_none() {
                cx.diag(
                    Severity::Warning,
                    DiagKind::Syntax,
                    no,
                    "</ISSUE> without an open <ISSUE ...> section (ignored)",
                );
            }
            continue;
        }
        if let Some(rest) = s.strip_prefix('~') {
            let (story, body) = match rest.strip_prefix('~') {
                Some(b) => (true, b),
                None => (false, rest),
            };
            let phrase: Vec<String> = body.split_whitespace().map(str::to_string).collect();
            if phrase.is_empty() || body.contains(['[', ']']) {
                cx.error(no, "issue exclusion: expected ~PHRASE or ~~PHRASE without a code");
                continue;
            }
            lex.issue_exclusions.push(IssueExclusion {
                phrase,
                story,
                category: category.clone(),
                source: cx.src(no),
            });
            continue;
        }
        if !s.contains(['[', ']']) {
            // PETRARCH skips such lines ("just do the codes now"); say so.
            cx.diag(
                Severity::Warning,
                DiagKind::Unsupported,
                no,
                "issue phrase without [CODE]: PETRARCH ignores it; not loaded",
            );
            continue;
        }
        let (Some(open), Some(close)) = (s.find('['), s.rfind(']')) else {
            cx.error(no, "issue: expected PHRASE [CODE]");
            continue;
        };
        let code = s[open + 1..close].trim();
        let phrase: Vec<String> = s[..open].split_whitespace().map(str::to_string).collect();
        if close < open
            || !s[close + 1..].trim().is_empty()
            || code.is_empty()
            || code.contains(char::is_whitespace)
            || phrase.is_empty()
        {
            cx.error(no, "issue: expected PHRASE [CODE] with one code");
            continue;
        }
        for w in &phrase {
            let u = w.to_ascii_uppercase();
            let bad_marker = u.matches(':').count() > 1
                || (u.contains(':') && !(u.contains("N:") || u.contains("V:")));
            if bad_marker {
                cx.error(
                    no,
                    format!("issue: bad expansion marker in {w:?}; expected n:WORD or v:WORD"),
                );
            }
        }
        lex.issues.push(Issue {
            phrase,
            code: code.to_string(),
            category: category.clone(),
            source: cx.src(no),
        });
    }
    if category.is_some() {
        cx.error(0, "an <ISSUE ...> section is not closed; expected </ISSUE>");
    }
    if let Some(at) = lines.unclosed() {
        cx.error(at, "'<!--' comment is never closed; expected '-->'");
    }
    vec![
        ("issues", lex.issues.len() - i0),
        ("issue_exclusions", lex.issue_exclusions.len() - e0),
        ("issue_categories", categories),
    ]
}

pub(crate) fn read_prepositions(
    text: &str,
    cx: &mut Ctx<'_>,
    lex: &mut Lexicon,
) -> Vec<(&'static str, usize)> {
    let p0 = lex.prepositions.len();
    for l in Lines::new(text) {
        let s: &str = &l.text;
        if s.contains(char::is_whitespace) || s.contains(['[', ']']) {
            cx.error(l.no, "preposition: expected one word per line");
            continue;
        }
        lex.prepositions.push((s.to_string(), cx.src(l.no)));
    }
    vec![("prepositions", lex.prepositions.len() - p0)]
}

/// Parses `-0xFFFF+0x2040` into signed terms.
pub(crate) fn parse_pico_expr(s: &str) -> Result<Vec<(bool, u32)>, String> {
    let mut terms = Vec::new();
    let mut rest = s.trim();
    while !rest.is_empty() {
        let (neg, r) = match rest.as_bytes()[0] {
            b'-' => (true, &rest[1..]),
            b'+' => (false, &rest[1..]),
            _ if terms.is_empty() => (false, rest),
            _ => return Err(format!("expected '+' or '-' before {rest:?}")),
        };
        // `0` without `0x` appears once (`---:0`); a bare number is read as hexadecimal too.
        let r = r.strip_prefix("0x").or_else(|| r.strip_prefix("0X")).unwrap_or(r);
        let end = r.find(['+', '-']).unwrap_or(r.len());
        let v = u32::from_str_radix(&r[..end], 16)
            .map_err(|_| format!("bad hexadecimal {:?}", &r[..end]))?;
        terms.push((!neg, v));
        rest = &r[end..];
    }
    if terms.is_empty() {
        return Err("expected a PICO value".into());
    }
    Ok(terms)
}

pub(crate) fn read_pico(
    text: &str,
    cx: &mut Ctx<'_>,
    lex: &mut Lexicon,
) -> Vec<(&'static str, usize)> {
    let p0 = lex.pico.len();
    for l in Lines::new(text) {
        let s: &str = &l.text;
        let Some((code, expr)) = s.split_once(':') else {
            cx.error(l.no, "PICO: expected CAMEO:0xHEX");
            continue;
        };
        let code = code.trim();
        if code.is_empty() || !(code == "---" || code.bytes().all(|b| b.is_ascii_digit())) {
            cx.error(
                l.no,
                format!("PICO: {code:?} is not a CAMEO code; expected digits before ':'"),
            );
            continue;
        }
        match parse_pico_expr(expr) {
            Ok(terms) => {
                cx.check_event_code(l.no, &crate::model::CodeSpec(code.to_string()));
                lex.pico.push(PicoEntry { cameo: code.to_string(), terms, source: cx.src(l.no) })
            }
            Err(e) => cx.error(l.no, format!("PICO: {e}")),
        }
    }
    vec![("pico_entries", lex.pico.len() - p0)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pico() {
        assert_eq!(parse_pico_expr("0x1000").unwrap(), vec![(true, 0x1000)]);
        assert_eq!(
            parse_pico_expr("-0xFFFF+0x2040+0x300").unwrap(),
            vec![(false, 0xFFFF), (true, 0x2040), (true, 0x300)]
        );
        assert_eq!(
            parse_pico_expr("0x1000-0xFFFF").unwrap(),
            vec![(true, 0x1000), (false, 0xFFFF)]
        );
        assert_eq!(parse_pico_expr("0").unwrap(), vec![(true, 0)]);
        assert!(parse_pico_expr("0x1+").is_err());
        assert!(parse_pico_expr("0xZZ").is_err());
    }
}
