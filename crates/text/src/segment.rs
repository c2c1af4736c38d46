//! Sentence segmentation over the raw tokens.
//!
//! A sentence ends:
//! - at a blank line (a paragraph break; no sentence crosses one);
//! - after `.`, `!`, `?` or an ellipsis (with any closing quotes and
//!   brackets glued to them), unless the next token is punctuation that
//!   continues the sentence (an ellipsis only before a capital);
//! - after an abbreviation that may end a sentence ("Inc.", "U.S.") when the
//!   next word is a typical sentence opener ("The", "He", ...); never after a
//!   title, month or initial ("Gen.", "Jan.", "J.");
//! - after a URL, an emoticon or an e-mail address when a capital follows;
//! - at a single line break when the previous line has no final punctuation
//!   and the paragraph is not hard-wrapped (headlines, list items);
//! - after a news dateline ("BAKU, March 31 (Reuters) -"): the dateline is
//!   its own sentence, so it is never glued to the first sentence's
//!   subject;
//! - after `max_sentence_tokens` tokens (a safety cap for the parser).
//!
//! With the boundary classifier on, the in-line decisions above are one
//! feature of the classifier (see `boundary.rs`), which makes the final
//! call at each candidate gap; paragraph breaks, line breaks, datelines and
//! the cap stay rules.

use crate::abbrev::{self, Abbrev};
use crate::boundary::{self, Model};
use crate::tokenize::RawToken;

/// Segmentation settings (a copy of the relevant config fields).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Settings {
    pub(crate) max_sentence_tokens: usize,
    pub(crate) datelines: bool,
    pub(crate) line_breaks: bool,
}

/// Fills `starts` with the index of the first token of every sentence and
/// `para` with each sentence's paragraph index.
pub(crate) fn segment(
    norm: &str,
    toks: &[RawToken],
    set: Settings,
    model: Option<&Model>,
    cache: &mut boundary::HashCache,
    starts: &mut Vec<(u32, u32)>,
) {
    starts.clear();
    if toks.is_empty() {
        return;
    }
    if model.is_some() {
        cache.reset(toks.len());
    }
    let text = |t: &RawToken| &norm[t.start as usize..t.end as usize];
    let mut para = 0u32;
    let mut cur_start = 0usize;
    // Whether the current sentence has a token with a letter or digit, or
    // is a separator line (see `stands_alone`): only then can it end.
    let mut has_word = false;
    starts.push((0, 0));
    let mut width_cache: Option<(usize, usize)> = None; // (paragraph start token, width)
    let mut para_start = 0usize;
    // Brackets and quotes open in the current sentence.
    let mut open = boundary::Open::default();
    // The first token of the next line (recomputed once passed).
    let mut line_end = 0usize;
    let mut dateline_end = if set.datelines { dateline(norm, toks, 0) } else { None };
    let nb = norm.as_bytes();
    for u in 1..toks.len() {
        let t = u - 1;
        let tb = &nb[toks[t].start as usize..toks[t].end as usize];
        has_word = has_word || stands_alone(tb);
        open.push(norm.as_bytes(), &toks[t]);
        let next = &toks[u];
        let brk = if next.nl_before >= 2 {
            para += 1;
            para_start = u;
            true
        } else if let Some(e) = dateline_end
            && u <= e
        {
            // Inside a dateline only its end is a boundary.
            u == e
        } else if !has_word {
            false
        } else if next.nl_before == 0 {
            let rule = ends_sentence(norm, toks, cur_start, t, u);
            match model {
                // The classifier has the last word on in-line gaps.
                Some(m) if boundary::is_candidate(norm, toks, u, rule) => {
                    if line_end <= u {
                        line_end = boundary::next_line_start(toks, u);
                    }
                    let gap = boundary::Gap { first: cur_start, rest: line_end - u, rule, open };
                    m.predict(&boundary::features(norm, toks, t, u, gap, m.lexicon(), cache))
                }
                _ => rule,
            }
        } else if ends_sentence(norm, toks, cur_start, t, u) {
            true
        } else if set.line_breaks {
            let width = match width_cache {
                Some((p, w)) if p == para_start => w,
                _ => {
                    let w = paragraph_width(norm, toks[para_start].start as usize);
                    width_cache = Some((para_start, w));
                    w
                }
            };
            !is_wrap(norm, toks, t, u, width) && line_break_ends(text(&toks[t]), text(next))
        } else {
            false
        };
        let brk = brk || u - cur_start >= set.max_sentence_tokens;
        if brk {
            starts.push((u as u32, para));
            cur_start = u;
            has_word = false;
            open = boundary::Open::default();
            if set.datelines {
                dateline_end = dateline(norm, toks, u);
            }
        }
    }
}

fn first_char(s: &str) -> char {
    s.chars().next().unwrap_or(' ')
}

/// Whether a sentence ends between token `t` and token `u = t + 1`.
#[inline]
pub(crate) fn ends_sentence(
    norm: &str,
    toks: &[RawToken],
    cur_start: usize,
    t: usize,
    u: usize,
) -> bool {
    let text = |i: usize| &norm[toks[i].start as usize..toks[i].end as usize];
    // Fast path: after a plain word only a URL, an emoticon, an "AM"/"PM"
    // closing an e-mail header, or an e-mail header ahead can end a sentence.
    // (Byte slices: tokens start and end on char boundaries, and this runs
    // at nearly every gap.)
    let nb = norm.as_bytes();
    let wt = &nb[toks[t].start as usize..toks[t].end as usize];
    let (w0, wl) = (wt[0], wt[wt.len() - 1]);
    let n0 = nb[toks[u].start as usize];
    if (wl.is_ascii_alphanumeric() || wl >= 0x80)
        && !n0.is_ascii_digit()
        && !(matches!(w0, b'h' | b'H' | b'w' | b'W') && is_url(text(t)))
        // (Only a capital can follow an e-mail address at a boundary; test
        // that first, it is cheaper than looking for the `@`.)
        && !(n0.is_ascii_uppercase() && wt.len() > 4 && is_email(text(t)))
        && !(matches!(w0, b':' | b';') && is_emoticon(text(t)))
        && !(wt.len() == 2 && is_ampm(text(t)))
    {
        return false;
    }
    ends_sentence_slow(norm, toks, cur_start, t, u)
}

/// [`ends_sentence`] past its fast path (kept out of line: the fast path
/// runs at nearly every gap, this at the few after punctuation).
#[inline(never)]
fn ends_sentence_slow(norm: &str, toks: &[RawToken], cur_start: usize, t: usize, u: usize) -> bool {
    let text = |i: usize| &norm[toks[i].start as usize..toks[i].end as usize];
    let glued = |i: usize| toks[i].end == toks[i + 1].start;
    let next = text(u);
    // A closer glued to the previous token ends the sentence later.
    if glued(t) && is_closer(next) {
        return false;
    }
    // Walk back over closers glued to a terminal: `."`, `?)`, `.'"`.
    let mut k = t;
    while k > 0 && is_closer(text(k)) && glued(k - 1) {
        k -= 1;
    }
    let w = text(k);
    let nc = first_char(next);
    // Punctuation that carries on the sentence, or more terminals (". . .").
    let continues = matches!(nc, ',' | ';' | ':' | '%' | ')' | ']' | '}' | '.' | '!' | '?')
        || (nc == '-' && next.len() == 1);
    if is_terminal(w) {
        if continues {
            return false;
        }
        // An ellipsis trails off more often than it ends a sentence (EWT),
        // unless a capitalised word other than "I" follows.
        if w.len() >= 2 && w.bytes().all(|b| b == b'.') {
            return nc.is_uppercase() && next != "I";
        }
        // "1." at a line start is a list marker, not a sentence.
        return !(k == t && is_list_marker(norm, toks, cur_start, k));
    }
    // E-mail headers: "Kay Mann 04/26/2001 07:17 AM Will you ...".
    // ("... COMMUNICATIONS on 08/16/2000 03:14 PM" is one sentence.)
    if nc.is_ascii_digit()
        && !first_char(text(t)).is_lowercase()
        && is_date(next)
        && u + 2 < toks.len()
        && is_time(text(u + 1))
        && is_ampm(text(u + 2))
    {
        return true;
    }
    if is_ampm(w) && k == t && t >= 2 && is_time(text(t - 1)) && is_date(text(t - 2)) {
        return true;
    }
    if k == t && (is_url(w) || is_emoticon(w) || is_email(w)) {
        return nc.is_uppercase() || is_url(next);
    }
    // E-mail sign-offs: "Thanks, Anne", "Regards, Debra".
    if w == "," && k == t && t > 0 && nc.is_uppercase() && toks[u].end - toks[u].start > 1 {
        let prev = text(t - 1);
        if t - 1 == cur_start && SIGN_OFFS.iter().any(|s| s.eq_ignore_ascii_case(prev)) {
            return true;
        }
    }
    if w.len() > 1 && w.ends_with('.') && !w.starts_with('.') {
        // An abbreviation that kept its period.
        return match abbrev::classify(&w[..w.len() - 1]) {
            Abbrev::Title | Abbrev::Initial => false,
            Abbrev::Other => abbrev::is_sentence_starter(next) || next == "\"",
            Abbrev::No => false,
        };
    }
    false
}

fn is_date(s: &str) -> bool {
    let mut parts = s.split('/');
    let ok = |p: Option<&str>, lo: usize, hi: usize| {
        p.is_some_and(|p| (lo..=hi).contains(&p.len()) && p.bytes().all(|c| c.is_ascii_digit()))
    };
    ok(parts.next(), 1, 2)
        && ok(parts.next(), 1, 2)
        && ok(parts.next(), 2, 4)
        && parts.next().is_none()
}

fn is_time(s: &str) -> bool {
    let b = s.as_bytes();
    (4..=8).contains(&b.len())
        && b.iter().all(|c| c.is_ascii_digit() || *c == b':')
        && b.contains(&b':')
        && b[0].is_ascii_digit()
}

fn is_ampm(s: &str) -> bool {
    matches!(s, "AM" | "PM" | "am" | "pm")
}

const SIGN_OFFS: &[&str] =
    &["Thanks", "Thank you", "Regards", "Sincerely", "Cheers", "Best", "Cordially", "Love"];

/// An e-mail address ("name@host.org"; EWT e-mails and web posts put one
/// on a line of its own, followed by the next sentence).
fn is_email(s: &str) -> bool {
    // ("a@.b" is the shortest; most tokens tested here are punctuation.)
    s.len() >= 4
        && s.split_once('@')
            .is_some_and(|(a, h)| !a.is_empty() && h.contains('.') && !h.ends_with('.'))
}

fn is_url(s: &str) -> bool {
    let b = s.as_bytes();
    let ci = |p: &[u8]| b.len() > p.len() && b[..p.len()].eq_ignore_ascii_case(p);
    ci(b"http://") || ci(b"https://") || ci(b"www.")
}

fn is_emoticon(s: &str) -> bool {
    matches!(s, ":)" | ":-)" | ":(" | ":-(" | ";)" | ";-)" | ":D" | ":-D" | ":P" | ":-P")
}

/// Whether a token lets the sentence it is in end after it: it has a letter
/// or a digit, or it is a separator ("***", "=====", "_____", "---"), which
/// UD English-EWT writes as a sentence of its own ("... Graae." "***" "Bush
/// also ..."): of the 40 sentences in train with neither a letter nor a
/// digit that another follows on the same line, 26 start with one.
#[inline]
pub(crate) fn stands_alone(t: &[u8]) -> bool {
    t.iter().any(|&c| c.is_ascii_alphanumeric() || c >= 0x80)
        || (t.len() >= 3 && b"-_=*~#+".contains(&t[0]) && t.iter().all(|&c| c == t[0]))
}

fn is_closer(s: &str) -> bool {
    match s.as_bytes().first() {
        Some(b'"' | b'\'' | b')' | b']' | b'}') => {
            matches!(s, "\"" | "'" | ")" | "]" | "}" | "''" | "'\"" | "\"'")
        }
        Some(b'<') => s.starts_with("</") && s.ends_with('>'),
        _ => false,
    }
}

/// `.`, `!`, `?` and their runs (`?!`, `...`, `!!!`).
fn is_terminal(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| matches!(b, b'.' | b'!' | b'?'))
}

fn is_list_marker(norm: &str, toks: &[RawToken], cur_start: usize, k: usize) -> bool {
    // "1" "." as the first two tokens of a line that starts the sentence.
    if k == 0 || k - 1 != cur_start || toks[k - 1].end != toks[k].start {
        return false;
    }
    let d = &norm[toks[k - 1].start as usize..toks[k - 1].end as usize];
    let line_start = k == 1 || toks[k - 1].nl_before > 0;
    line_start && d.len() <= 2 && d.bytes().all(|c| c.is_ascii_digit())
}

/// Whether a single line break between `prev` and `next` ends a sentence in
/// a paragraph that is not hard-wrapped.
fn line_break_ends(prev: &str, next: &str) -> bool {
    let p = prev.as_bytes().last().copied().unwrap_or(b' ');
    if matches!(p, b',' | b';' | b'(' | b'-' | b'&' | b'/') {
        return false;
    }
    let nc = first_char(next);
    !nc.is_lowercase()
}

/// The length in bytes of the longest line of the paragraph that starts at
/// byte `start` (looking at no more than 64 lines).
fn paragraph_width(norm: &str, start: usize) -> usize {
    let b = norm.as_bytes();
    let mut width = 0;
    let mut line_start = start;
    let mut lines = 0;
    for nl in memchr::memchr_iter(b'\n', &b[start..]).map(|k| start + k) {
        width = width.max(nl - line_start);
        lines += 1;
        let rest = &b[nl + 1..];
        let blank = rest.iter().take_while(|&&c| c == b' ' || c == b'\t').count();
        if rest.get(blank).is_none_or(|&c| c == b'\n') || lines > 64 {
            return width;
        }
        line_start = nl + 1;
    }
    width.max(b.len() - line_start)
}

/// Whether the line break between tokens `t` and `u` is just hard wrapping:
/// the next line's first word would not have fitted on the previous line
/// within the paragraph's width (and the paragraph is wide enough to be
/// running text).
fn is_wrap(norm: &str, toks: &[RawToken], t: usize, u: usize, width: usize) -> bool {
    let b = norm.as_bytes();
    let nl = toks[t].end as usize
        + memchr::memrchr(b'\n', &b[toks[t].end as usize..toks[u].start as usize]).unwrap_or(0);
    let line_start = memchr::memrchr(b'\n', &b[..nl]).map_or(0, |k| k + 1);
    let prev_len = nl - line_start;
    let word = toks[u].end as usize - toks[u].start as usize;
    width >= 50 && prev_len + 1 + word > width
}

/// If the paragraph starting at token `p0` opens with a dateline
/// ("BAKU, March 31 (Reuters) -", "WASHINGTON (AP) --"), returns the index of
/// the first token after its dash.
fn dateline(norm: &str, toks: &[RawToken], p0: usize) -> Option<usize> {
    let text = |i: usize| &norm[toks[i].start as usize..toks[i].end as usize];
    let first = text(p0).as_bytes();
    if first.len() < 3 || !first.iter().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let limit = (p0 + 16).min(toks.len());
    for i in p0 + 1..limit {
        let s = text(i);
        if toks[i].nl_before >= 1 {
            return None;
        }
        if matches!(s, "-" | "--" | ":") {
            // The dash must stand free ("BAKU -", not "BAKU-based").
            let free = toks[i - 1].end < toks[i].start;
            return (free && i + 1 < toks.len() && toks[i + 1].nl_before == 0).then_some(i + 1);
        }
        if is_terminal(s) {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_stand_alone() {
        for t in ["***", "=====", "______", "---", "~~~", "word", "5", "\u{e9}"] {
            assert!(stands_alone(t.as_bytes()), "{t}");
        }
        for t in ["--", "**", "*-*", "...", "!!!", "???", "\"", "(", "<>"] {
            assert!(!stands_alone(t.as_bytes()), "{t}");
        }
    }

    #[test]
    fn email_addresses() {
        assert!(is_email("vangie.mcgilloway@powersrc.com"));
        assert!(is_email("franz371...@gmail.com"));
        assert!(!is_email("@home"));
        assert!(!is_email("me@host"));
        assert!(!is_email("me@host."));
        assert!(is_email("a@.b"));
        assert!(!is_email("a@b") && !is_email("a@.") && !is_email("@.b"));
    }

    #[test]
    fn closers() {
        for c in ["\"", "'", ")", "]", "}", "''", "'\"", "\"'", "</p>", "</a href>"] {
            assert!(is_closer(c), "{c}");
        }
        for c in ["(", "\"\"", "<p>", "</p", "x", ".", "''\""] {
            assert!(!is_closer(c), "{c}");
        }
    }

    #[test]
    fn email_then_capital_ends_a_sentence() {
        let norm = "Email: ann@example.org Site made!";
        let mut toks = Vec::new();
        crate::tokenize::tokenize(norm, &mut toks, &mut Vec::new());
        let text = |i: usize| &norm[toks[i].start as usize..toks[i].end as usize];
        let at = (0..toks.len()).find(|&i| text(i) == "ann@example.org").unwrap();
        assert!(ends_sentence(norm, &toks, 0, at, at + 1));
        assert!(!ends_sentence(norm, &toks, 0, at - 1, at));
    }
}
