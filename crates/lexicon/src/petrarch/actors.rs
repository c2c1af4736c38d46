//! Actor and agent dictionaries.

use dyad_types::Date;

use super::{Ctx, Lines, phrase_words, split_brackets};
use crate::error::{DiagKind, Severity};
use crate::model::{
    Actor, Agent, AgentPlacement, AgentPlural, DateRange, DatedCode, Lexicon, Substitution,
};

/// Parses the inside of an actor code bracket: `CODE`, `CODE <D`, `CODE >D`, `CODE D1-D2`.
pub(crate) fn parse_dated_code(inner: &str) -> Result<(String, DateRange), String> {
    let inner = inner.trim();
    let mut it = inner.splitn(2, char::is_whitespace);
    let code = it.next().unwrap_or("").trim();
    let rest: String = it.next().unwrap_or("").chars().filter(|c| !c.is_whitespace()).collect();
    if code.is_empty() {
        return Err("expected [CODE] or [CODE DATE-RANGE]".into());
    }
    let date = |s: &str| {
        Date::parse_petrarch(s)
            .ok_or_else(|| format!("bad date {s:?}; expected YYMMDD or YYYYMMDD"))
    };
    let range = if rest.is_empty() {
        DateRange::Always
    } else if let Some(d) = rest.strip_prefix('<') {
        DateRange::Before(date(d)?)
    } else if let Some(d) = rest.strip_prefix('>') {
        DateRange::From(date(d)?)
    } else if let Some((a, b)) = rest.split_once('-') {
        let (a, b) = (date(a)?, date(b)?);
        if b < a {
            return Err(format!("date range ends ({b}) before it starts ({a})"));
        }
        DateRange::Between(a, b)
    } else {
        return Err(format!("bad date restriction {rest:?}; expected <DATE, >DATE or DATE-DATE"));
    };
    Ok((code.to_string(), range))
}

pub(crate) fn read_actors(
    text: &str,
    cx: &mut Ctx<'_>,
    lex: &mut Lexicon,
) -> Vec<(&'static str, usize)> {
    let actors0 = lex.actors.len();
    let (mut synonyms, mut codes, mut dated) = (0usize, 0usize, 0usize);
    let mut current: Option<usize> = None;
    let mut lines = Lines::new(text);
    for l in lines.by_ref() {
        let s: &str = &l.text;
        let no = l.no;
        let (head, groups) = match split_brackets(s) {
            Ok(x) => x,
            Err(e) => {
                cx.error(no, format!("actor: {e}"));
                continue;
            }
        };
        let mut parsed = Vec::new();
        let mut bad = false;
        for g in &groups {
            match parse_dated_code(g) {
                Ok((code, range)) => parsed.push(DatedCode { code, range, source: cx.src(no) }),
                Err(e) => {
                    cx.error(no, format!("actor code [{g}]: {e}"));
                    bad = true;
                }
            }
        }
        if bad {
            continue;
        }
        if head.is_empty() {
            // Code line(s) of the current actor.
            let Some(a) = current else {
                cx.error(no, "actor code line before any actor name; expected NAME [CODE]");
                continue;
            };
            codes += parsed.len();
            dated += parsed.iter().filter(|c| c.range != DateRange::Always).count();
            lex.actors[a].codes.extend(parsed);
        } else if let Some(syn) = head.strip_prefix('+') {
            let Some(a) = current else {
                cx.error(no, "synonym (+NAME) before any actor name");
                continue;
            };
            let words = phrase_words(syn);
            if words.is_empty() {
                cx.error(no, "synonym: expected +NAME");
                continue;
            }
            lex.actors[a].names.push((words, cx.src(no)));
            synonyms += 1;
            codes += parsed.len();
            dated += parsed.iter().filter(|c| c.range != DateRange::Always).count();
            lex.actors[a].codes.extend(parsed);
        } else {
            let words = phrase_words(head);
            if words.is_empty() || head.starts_with(['[', ']', '-', '~', '{']) {
                cx.error(no, "actor: expected NAME [CODE], +SYNONYM or an indented [CODE] line");
                continue;
            }
            codes += parsed.len();
            dated += parsed.iter().filter(|c| c.range != DateRange::Always).count();
            lex.actors.push(Actor {
                names: vec![(words, cx.src(no))],
                codes: parsed,
                source: cx.src(no),
            });
            current = Some(lex.actors.len() - 1);
        }
    }
    if let Some(at) = lines.unclosed() {
        cx.error(at, "'<!--' comment is never closed; expected '-->'");
    }
    // An actor with no code at all cannot be coded: PETRARCH stores it with an
    // empty code list; report it so the dictionary can be fixed.
    for a in &lex.actors[actors0..] {
        if a.codes.is_empty() {
            cx.diag(
                Severity::Warning,
                DiagKind::Syntax,
                a.source.line,
                format!("actor {} has no [CODE]", a.names[0].0.join("_")),
            );
        }
    }
    vec![
        ("actors", lex.actors.len() - actors0),
        ("synonyms", synonyms),
        ("codes", codes),
        ("dated_codes", dated),
    ]
}

pub(crate) fn read_agents(
    text: &str,
    cx: &mut Ctx<'_>,
    lex: &mut Lexicon,
) -> Vec<(&'static str, usize)> {
    let agents0 = lex.agents.len();
    let subs0 = lex.substitutions.len();
    let mut lines = Lines::new(text);
    for l in lines.by_ref() {
        let s: &str = &l.text;
        let no = l.no;
        if s.starts_with('!') && s.contains('=') && !s.contains('[') {
            // !MARKER! = A, B, C
            let (lhs, rhs) = s.split_once('=').unwrap_or((s, ""));
            let name = lhs.trim().trim_matches('!');
            if !lhs.trim().starts_with('!')
                || !lhs.trim().ends_with('!')
                || name.is_empty()
                || name.contains('!')
            {
                cx.error(no, "substitution set: expected !MARKER! = WORD, WORD, ...");
                continue;
            }
            let values: Vec<String> =
                rhs.split(',').map(|v| v.trim().to_string()).filter(|v| !v.is_empty()).collect();
            if values.is_empty() {
                cx.error(no, "substitution set: expected at least one word after '='");
                continue;
            }
            if lex.substitutions.iter().any(|x| x.name == name) {
                cx.diag(
                    Severity::Warning,
                    DiagKind::Duplicate,
                    no,
                    format!("substitution !{name}! defined again; the later definition is used"),
                );
            }
            lex.substitutions.push(Substitution {
                name: name.to_string(),
                values,
                source: cx.src(no),
            });
            continue;
        }
        let Some(open) = s.find('[') else {
            cx.error(no, "agent: expected PHRASE {PLURAL} [~CODE] (a code is required)");
            continue;
        };
        let mut inner = &s[open + 1..];
        match inner.find(']') {
            Some(end) => {
                if !inner[end + 1..].trim().is_empty() {
                    cx.error(
                        no,
                        "agent: unexpected text after ']'; expected PHRASE {PLURAL} [~CODE]",
                    );
                    continue;
                }
                inner = &inner[..end];
            }
            None => {
                // PETRARCH reads `[~ENV}` as the code `~ENV}`; repair the slip and say so.
                let fixed = inner.trim().trim_end_matches(['}', ')']);
                if fixed.is_empty() || fixed.contains(char::is_whitespace) {
                    cx.error(no, "agent: expected ']' to close the code");
                    continue;
                }
                cx.diag(
                    Severity::Warning,
                    DiagKind::Repaired,
                    no,
                    format!("agent: code [{inner} has no closing ']'; read as [{fixed}]"),
                );
                inner = fixed;
            }
        }
        let code_raw = inner.trim();
        let (code, placement) = if let Some(c) = code_raw.strip_prefix('~') {
            (c.trim(), AgentPlacement::AfterActor)
        } else if let Some(c) = code_raw.strip_suffix('~') {
            (c.trim(), AgentPlacement::BeforeActor)
        } else {
            cx.error(no, format!("agent code [{code_raw}]: expected ~CODE (added after the actor code) or CODE~ (before)"));
            continue;
        };
        if code.is_empty() || code.contains(char::is_whitespace) || code.contains('~') {
            cx.error(no, format!("agent code [{code_raw}]: expected one code with one '~'"));
            continue;
        }
        let head = &s[..open];
        let (phrase_txt, plural) = match head.find('{') {
            Some(i) => {
                let Some(j) = head[i..].find('}') else {
                    cx.error(no, "agent: expected '}' to close the plural");
                    continue;
                };
                let inside = head[i + 1..i + j].trim();
                if !head[i + j + 1..].trim().is_empty() {
                    cx.error(no, "agent: unexpected text after the {PLURAL}");
                    continue;
                }
                let plural = if inside.is_empty() {
                    AgentPlural::None
                } else {
                    AgentPlural::Given(phrase_words(inside))
                };
                (&head[..i], plural)
            }
            None => (head, AgentPlural::Regular),
        };
        let phrase = phrase_words(phrase_txt);
        if phrase.is_empty() {
            cx.error(no, "agent: expected a phrase before the code");
            continue;
        }
        // Markers must be well formed and defined.
        let joined = phrase.join(" ");
        if joined.contains('!') {
            let bangs = joined.matches('!').count();
            if bangs != 2 {
                cx.error(no, "agent: a substitution marker must be written !NAME!");
                continue;
            }
            let name = joined.split('!').nth(1).unwrap_or("");
            if !lex.substitutions.iter().any(|x| x.name == name) {
                cx.error(no, format!("agent: substitution marker !{name}! is not defined (expected a !{name}! = ... line before it)"));
                continue;
            }
        }
        lex.agents.push(Agent {
            phrase,
            plural,
            code: code.to_string(),
            placement,
            source: cx.src(no),
        });
    }
    if let Some(at) = lines.unclosed() {
        cx.error(at, "'<!--' comment is never closed; expected '-->'");
    }
    vec![
        ("agents", lex.agents.len() - agents0),
        ("substitution_sets", lex.substitutions.len() - subs0),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(n: u32) -> Date {
        Date::from_yyyymmdd(n).unwrap()
    }

    #[test]
    fn dated_codes() {
        assert_eq!(
            parse_dated_code("HOB < 950601").unwrap(),
            ("HOB".into(), DateRange::Before(d(19950601)))
        );
        assert_eq!(
            parse_dated_code("HOBGOV 19950601 - 19990815").unwrap(),
            ("HOBGOV".into(), DateRange::Between(d(19950601), d(19990815)))
        );
        assert_eq!(
            parse_dated_code("EGYGOV > 140608").unwrap(),
            ("EGYGOV".into(), DateRange::From(d(20140608)))
        );
        assert_eq!(parse_dated_code("USA").unwrap(), ("USA".into(), DateRange::Always));
        assert!(parse_dated_code("USA 99").is_err());
        assert!(parse_dated_code("USA 20100101-20090101").is_err());
        assert!(parse_dated_code("").is_err());
    }
}
