//! UD-style English tokenisation of the normalised text.
//!
//! The text is cut at whitespace into chunks; each chunk is split into
//! tokens by peeling leading and trailing punctuation, then splitting the
//! core at punctuation that is always a token, at hyphens (as UD
//! English-EWT does), and before clitics. All cuts fall next to ASCII bytes,
//! so they are always on char boundaries.
//!
//! Rules follow UD English-EWT (v2.16) tokenisation: "don't" -> "do" "n't",
//! "can't" -> "ca" "n't", "cannot" -> "can" "not", "gonna" -> "gon" "na",
//! apostrophe-less "dont" -> "do" "nt"; "$500" -> "$" "500"; "50%" -> "50"
//! "%"; "search-engine" -> "search" "-" "engine" but "e-mail", "non-human",
//! "co-workers" (prefix list) and phone numbers whole; "and/or" -> "and" "/"
//! "or" but "9/11" whole; "U.S.", "Dr.", "etc." keep their period.

use crate::abbrev::{self, Abbrev};

/// A token in the normalised text, before mapping to the original text.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct RawToken {
    pub(crate) start: u32,
    pub(crate) end: u32,
    /// Newlines in the whitespace before the token (capped at 2).
    pub(crate) nl_before: u8,
}

#[inline]
pub(crate) fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n')
}

const LETTER: u8 = 0;
const OTHER: u8 = 1;
const WS: u8 = 2;
const SPECIAL: u8 = 3;

/// Byte classes for the chunk scan: ASCII letters, whitespace, the bytes
/// that may start a URL, address or tag (`:`, `@`, `<`), and the rest.
const fn class_table() -> [u8; 256] {
    let mut t = [OTHER; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = match c {
            b'a'..=b'z' | b'A'..=b'Z' => LETTER,
            b' ' | b'\t' | b'\n' => WS,
            b':' | b'@' | b'<' => SPECIAL,
            _ => OTHER,
        };
        i += 1;
    }
    t
}
static CLASS: [u8; 256] = class_table();

/// The high bit of every byte of `w` (8 bytes, little-endian) that is not
/// an ASCII letter.
#[inline]
fn non_letters(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    // Lower-cased, 7 bits: the sums below cannot carry into the next byte.
    let x = (w | (ONES * 0x20)) & !HIGH;
    let ge_a = x + ONES * (0x80 - u64::from(b'a'));
    let gt_z = x + ONES * (0x80 - u64::from(b'z') - 1);
    HIGH & !(ge_a & !gt_z & !w)
}

#[inline]
fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// Tokenises the whole normalised text into `out` (appending).
pub(crate) fn tokenize(norm: &str, out: &mut Vec<RawToken>, suffix: &mut Vec<(usize, usize)>) {
    let b = norm.as_bytes();
    let n = b.len();
    // Each whitespace run is scanned once: the run after a chunk gives that
    // chunk's `next` and `para_end` and the next chunk's newline count.
    let (mut i, mut nl) = skip_ws(b, 0);
    let mut first = true;
    while i < n {
        let start = i;
        let mut colon_at = false;
        // Whether the chunk is made of ASCII letters only (the common case,
        // which skips the punctuation machinery).
        let mut letters = true;
        // An HTML tag is a chunk of its own ("<p>Troops" -> "<p>" "Troops").
        if b[i] == b'<'
            && let Some(len) = html_tag_len(&b[i..])
        {
            i += len;
            letters = false;
        } else {
            while i < n {
                // Skip ASCII letters 8 bytes at a time, up to the first
                // other byte, which the table then classifies.
                if let Some(w) = b.get(i..i + 8) {
                    let m = non_letters(u64::from_le_bytes([
                        w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7],
                    ]));
                    if m == 0 {
                        i += 8;
                        continue;
                    }
                    i += (m.trailing_zeros() / 8) as usize;
                }
                match CLASS[b[i] as usize] {
                    LETTER => {}
                    OTHER => letters = false,
                    WS => break,
                    _ => {
                        if b[i] == b'<' && html_tag_len(&b[i..]).is_some() {
                            break;
                        }
                        colon_at |= b[i] != b'<';
                        letters = false;
                    }
                }
                i += 1;
            }
        }
        let chunk = &b[start..i];
        let maybe_url = colon_at
            || (!letters && (0..3.min(chunk.len())).any(|o| starts_with_ci(&chunk[o..], b"www.")));
        let first_tok = out.len();
        let line_start = first || nl > 0;
        first = false;
        let (after, nl_after) = skip_ws(b, i);
        if letters {
            plain_word(b, out, start, i);
        } else {
            let next = b.get(after).copied();
            let para_end = next.is_none() || nl_after >= 2;
            let mut chunk =
                Chunk { s: norm, out, suffix, next, line_start, para_end, end: i, maybe_url };
            chunk.split(start, i);
        }
        if let Some(t) = out.get_mut(first_tok) {
            t.nl_before = nl.min(2);
        }
        (i, nl) = (after, nl_after);
    }
}

/// Skips the whitespace from `i`: returns where it ends and how many
/// newlines it holds (saturating).
#[inline]
fn skip_ws(b: &[u8], mut i: usize) -> (usize, u8) {
    let mut nl = 0u8;
    while let Some(&c) = b.get(i) {
        if !is_ws(c) {
            break;
        }
        nl = nl.saturating_add(u8::from(c == b'\n'));
        i += 1;
    }
    (i, nl)
}

struct Chunk<'a> {
    s: &'a str,
    out: &'a mut Vec<RawToken>,
    suffix: &'a mut Vec<(usize, usize)>,
    /// The first byte of the next chunk, if any.
    next: Option<u8>,
    /// Whether the chunk starts a line.
    line_start: bool,
    /// Whether the chunk ends a paragraph (blank line or end of text next).
    para_end: bool,
    /// End of the chunk.
    end: usize,
    /// Whether the chunk may hold a URL or e-mail address.
    maybe_url: bool,
}

const EMOTICONS: &[&str] = &[
    ":)", ":-)", ":(", ":-(", ";)", ";-)", ":D", ":-D", ":P", ":-P", ":p", ":/", ":-/", ":'(",
    "=)", "<3", ":o", ":O", "XD", "xD", ":]", ":[", "^_^", "^^", "-_-",
];

/// Where a colon emoticon sits in a chunk that holds more than
/// it: glued to the word before it ("family:)", "THX:-)") or followed by
/// sentence-final marks (":-)."), as (start, end) in the chunk. EWT writes
/// the emoticon as a token of its own. An emoticon after anything but
/// letters (a URL, a time) is left alone.
fn glued_emoticon(whole: &[u8]) -> Option<(usize, usize)> {
    let z =
        whole.len() - whole.iter().rev().take_while(|c| matches!(c, b'.' | b'!' | b'?')).count();
    let body = &whole[..z];
    // Every colon emoticon is two or three bytes long and starts with its
    // colon.
    if z < 2 || !body[z.saturating_sub(3)..z - 1].contains(&b':') {
        return None;
    }
    let e = EMOTICONS.iter().map(|e| e.as_bytes()).find(|e| e[0] == b':' && body.ends_with(e))?;
    let a = z - e.len();
    let word = &body[..a];
    let glued = !word.is_empty() && word.iter().all(u8::is_ascii_alphabetic);
    let followed = word.is_empty() && z < whole.len();
    (glued || followed).then_some((a, z))
}

/// Apostrophe-less contractions that EWT splits, with their split points.
#[rustfmt::skip]
const BARE_CONTRACTIONS: &[(&str, usize)] = &[
    ("cannot", 3), ("gonna", 3), ("wanna", 3), ("gotta", 3), ("outta", 3), ("lemme", 3),
    ("gimme", 3), ("dont", 2), ("isnt", 2), ("wont", 2), ("cant", 2), ("aint", 2),
    ("didnt", 3), ("wasnt", 3), ("arent", 3), ("hasnt", 3), ("hadnt", 3), ("youre", 3),
    ("doesnt", 4), ("werent", 4), ("havent", 4), ("thats", 4), ("whats", 4), ("couldnt", 5),
    ("wouldnt", 5), ("theres", 5), ("shouldnt", 6), ("elses", 4), ("itll", 2), ("youll", 3),
    ("youve", 3), ("im", 1), ("ive", 1),
];

/// [`BARE_CONTRACTIONS`] as ([`lower_key`], split point), sorted by key.
static BARE_KEYS: [(u64, usize); BARE_CONTRACTIONS.len()] = {
    let mut out = [(0u64, 0usize); BARE_CONTRACTIONS.len()];
    let mut i = 0;
    while i < out.len() {
        let (w, k) = BARE_CONTRACTIONS[i];
        assert!(w.len() <= 8);
        out[i] = (lower_key(w.as_bytes()), k);
        i += 1;
    }
    crate::abbrev::sort_by_key(out)
};

/// For each word length, the first and the last letters (bit `c - b'a'`)
/// of the [`BARE_CONTRACTIONS`] of that length: a cheap test that rules out
/// most words before their key is made.
static BARE_ENDS: [(u32, u32); 9] = {
    let mut out = [(0u32, 0u32); 9];
    let mut i = 0;
    while i < BARE_CONTRACTIONS.len() {
        let w = BARE_CONTRACTIONS[i].0.as_bytes();
        assert!(w.len() <= 8);
        let (f, l) = (w[0], w[w.len() - 1]);
        assert!(f.is_ascii_lowercase() && l.is_ascii_lowercase());
        out[w.len()].0 |= 1 << (f - b'a');
        out[w.len()].1 |= 1 << (l - b'a');
        i += 1;
    }
    out
};

/// Apostrophe-less contractions that EWT splits: the split point of `w`
/// (ignoring ASCII case), if it is one.
#[inline]
fn bare_contraction(w: &[u8]) -> Option<usize> {
    let n = w.len();
    if !(2..=8).contains(&n) {
        return None;
    }
    let (f, l) = (w[0] | 0x20, w[n - 1] | 0x20);
    if !f.is_ascii_lowercase() || !l.is_ascii_lowercase() {
        return None;
    }
    let (first, last) = BARE_ENDS[n];
    if first >> (f - b'a') & 1 == 0 || last >> (l - b'a') & 1 == 0 {
        return None;
    }
    let key = lower_key(w);
    BARE_KEYS.binary_search_by(|e| e.0.cmp(&key)).ok().map(|i| BARE_KEYS[i].1)
}

/// Prefixes that EWT keeps attached to the following word ("e-mail",
/// "non-human", "co-workers", "pre-war", "anti-ship", "mid-july").
const HYPHEN_PREFIXES: &[&str] = &[
    "e", "non", "co", "pre", "post", "re", "pro", "anti", "mid", "multi", "ex", "over", "semi",
    "neo", "sub", "counter", "cross", "socio", "psycho", "intra", "arch", "mis", "bi", "tri",
    "micro", "macro", "mini", "ultra", "pseudo", "quasi", "trans", "uni",
];

fn starts_with_ci(s: &[u8], p: &[u8]) -> bool {
    s.len() >= p.len() && s[..p.len()].eq_ignore_ascii_case(p)
}

fn is_url_or_email(s: &[u8]) -> bool {
    if s.len() > 4 && s[0] | 0x20 == b'w' && starts_with_ci(s, b"www.") {
        return true;
    }
    // Scheme "xxx://" anywhere (after a peeled quote, say), or name@host.tld.
    let Some(k) = s.iter().position(|&c| c == b':' || c == b'@') else {
        return false;
    };
    if s[k] == b':' {
        return (k > 0
            && s[k + 1..].starts_with(b"//")
            && s[..k].iter().all(u8::is_ascii_alphabetic))
            || memchr::memchr(b'@', &s[k..]).is_some_and(|j| is_email(s, k + j));
    }
    is_email(s, k)
}

fn is_email(s: &[u8], at: usize) -> bool {
    let (user, host) = (&s[..at], &s[at + 1..]);
    !user.is_empty()
        && user.iter().all(|&c| is_word(c) || matches!(c, b'.' | b'_' | b'-' | b'+'))
        && host.len() >= 3
        && host.contains(&b'.')
        && host.iter().all(|&c| is_word(c) || matches!(c, b'.' | b'-'))
}

/// Length of an HTML tag starting at `s[0] == b'<'`, if it is one.
fn html_tag_len(s: &[u8]) -> Option<usize> {
    let second = *s.get(1)?;
    if !(second.is_ascii_alphabetic() || second == b'/' || second == b'!') {
        return None;
    }
    // Attributes may hold spaces (then there is an `=`), but not tabs or
    // line breaks; cap the length.
    let end =
        1 + s[1..].iter().take(200).position(|&c| matches!(c, b'>' | b'<' | b'\n' | b'\t'))?;
    let tag = &s[..end];
    // "<name@host.com>" is an address in angle brackets, not a tag.
    let attrs = tag.contains(&b'=');
    (s[end] == b'>' && (attrs || !tag.iter().any(|&c| c == b' ' || c == b'@'))).then_some(end + 1)
}

impl Chunk<'_> {
    fn push(&mut self, a: usize, b: usize) {
        debug_assert!(a < b);
        self.out.push(RawToken { start: a as u32, end: b as u32, nl_before: 0 });
    }

    fn split(&mut self, lo: usize, hi: usize) {
        let b = self.s.as_bytes();
        let whole = &b[lo..hi];
        if whole[0] == b'<' && html_tag_len(whole) == Some(whole.len()) {
            self.push(lo, hi);
            return;
        }
        if whole.len() <= 3
            && matches!(whole[0], b':' | b';' | b'=' | b'<' | b'^' | b'-' | b'x' | b'X')
            && EMOTICONS.iter().any(|e| e.as_bytes() == whole)
        {
            self.push(lo, hi);
            return;
        }
        // `maybe_url` says the chunk has a colon.
        if self.maybe_url
            && let Some((a, z)) = glued_emoticon(whole)
        {
            // The word is letters only and the rest sentence-final marks,
            // one token each (as "?!" and "!!" are elsewhere).
            if a > 0 {
                self.push(lo, lo + a);
            }
            self.push(lo + a, lo + z);
            if lo + z < hi {
                self.push(lo + z, hi);
            }
            return;
        }
        // A list marker at the start of a line: "1." -> "1" "." as in EWT;
        // the segmenter knows not to end a sentence there.
        if self.line_start
            && whole.len() <= 3
            && whole.len() >= 2
            && matches!(whole[whole.len() - 1], b'.' | b')')
            && whole[..whole.len() - 1].iter().all(u8::is_ascii_digit)
        {
            self.push(lo, hi - 1);
            self.push(hi - 1, hi);
            return;
        }
        let (lo, hi, url) = self.peel(lo, hi);
        if lo < hi {
            if url {
                self.push(lo, hi);
            } else {
                self.core(lo, hi);
            }
        }
        while let Some((a, c)) = self.suffix.pop() {
            self.push(a, c);
        }
    }

    /// Peels leading and trailing punctuation; trailing tokens go on the
    /// suffix stack (in reverse order). Returns the core and whether it is
    /// a URL or e-mail address.
    fn peel(&mut self, mut lo: usize, mut hi: usize) -> (usize, usize, bool) {
        let b = self.s.as_bytes();
        let maybe_url = self.maybe_url;
        self.suffix.clear();
        // Leading.
        while lo < hi {
            if maybe_url && is_word(b[lo]) && is_url_or_email(&b[lo..hi]) {
                break;
            }
            let c = b[lo];
            let next = b.get(lo + 1).copied().filter(|_| lo + 1 < hi);
            let len = match c {
                b'"' | b'(' | b'[' | b'{' => 1,
                b'`' => run(&b[lo..hi], b'`'),
                b'$' if next.is_some() => 1,
                // "#2" -> "#" "2" (a hashtag "#audiobooks" stays whole).
                b'#' if next.is_some_and(|d| d.is_ascii_digit()) => 1,
                b'\'' => {
                    let rest = &b[lo + 1..hi];
                    let lower_is = |w: &[u8]| starts_with_ci(rest, w);
                    if next == Some(b'\'') {
                        2 // '' as a quote mark
                    } else if next.is_some_and(|d| d.is_ascii_digit())
                        || lower_is(b"em")
                        || lower_is(b"cause")
                        || lower_is(b"til")
                        || is_clitic(&b[lo..hi])
                    {
                        break;
                    } else {
                        1
                    }
                }
                // EWT splits a leading minus: "-0.39" -> "-" "0.39".
                b'-' => run(&b[lo..hi], b'-'),
                b'.' => {
                    let r = run(&b[lo..hi], b'.');
                    if r == 1 && next.is_some_and(|d| d.is_ascii_digit()) {
                        break;
                    }
                    r
                }
                b'+' if next.is_some_and(|d| d.is_ascii_digit()) => break, // "+1"
                b'*' | b'~' | b'=' | b'+' | b'|' => run(&b[lo..hi], c),
                b'<' if html_tag_len(&b[lo..hi]).is_none() => run(&b[lo..hi], b'<'),
                b'>' => run(&b[lo..hi], b'>'),
                0xC2 if matches!(next, Some(0xA3 | 0xA5)) && lo + 2 < hi => 2, // £ ¥
                0xE2 if b.get(lo + 1..lo + 3) == Some(&[0x82, 0xAC]) && lo + 3 < hi => 3, // €
                _ => break,
            };
            self.push(lo, lo + len);
            lo += len;
        }
        if maybe_url && lo < hi && is_url_or_email(&b[lo..hi]) {
            // Trailing sentence punctuation and closers are not part of it.
            while hi > lo + 1 {
                let c = b[hi - 1];
                let strip = match c {
                    b'.' | b',' | b';' | b':' | b'!' | b'?' | b'"' | b'\'' => true,
                    b')' => !b[lo..hi].contains(&b'('),
                    b']' => !b[lo..hi].contains(&b'['),
                    _ => false,
                };
                if !strip {
                    break;
                }
                let r = if matches!(c, b'.' | b'!' | b'?') { run_back(&b[lo..hi], c) } else { 1 };
                self.suffix.push((hi - r, hi));
                hi -= r;
            }
            return (lo, hi, true);
        }
        // Trailing.
        while lo < hi {
            let c = b[hi - 1];
            let len = match c {
                b'\'' if hi - lo >= 2 && b[hi - 2] == b'\'' => 2,
                b'"' | b')' | b']' | b'}' | b',' | b';' | b':' | b'%' | b'\'' => 1,
                b'`' => run_back(&b[lo..hi], b'`'),
                // "?!", "!!!", and EWT's "!." and ".?" are one token.
                b'!' | b'?' => {
                    let mut k = hi;
                    while k > lo && matches!(b[k - 1], b'!' | b'?' | b'.') {
                        k -= 1;
                    }
                    // A period right before belongs to an abbreviation
                    // ("U.S.?") only if the word keeps it; keep it simple:
                    // take the whole run.
                    hi - k
                }
                b'*' | b'~' | b'=' | b'+' | b'|' | b'>' => run_back(&b[lo..hi], c),
                b'<' => 1,
                // A dash run, or the hyphen of "pre-" in "pre- and post-war".
                b'-' => run_back(&b[lo..hi], b'-'),
                b'.' => {
                    let r = run_back(&b[lo..hi], b'.');
                    let k = hi - r;
                    if k > lo && matches!(b[k - 1], b'!' | b'?') {
                        // "!." is one token in EWT.
                        let q =
                            b[lo..k].iter().rev().take_while(|c| matches!(c, b'!' | b'?')).count();
                        r + q
                    } else if r == 2 && k > lo && self.keeps_period(&self.s[lo..k], hi) {
                        1 // "Inc.." is "Inc." "."
                    } else if r >= 2 || hi - lo == 1 {
                        r
                    } else if self.keeps_period(&self.s[lo..hi - 1], hi) {
                        break;
                    } else {
                        1
                    }
                }
                _ => break,
            };
            self.suffix.push((hi - len, hi));
            hi -= len;
        }
        (lo, hi, false)
    }

    /// Whether `w` followed by a period is an abbreviation token.
    fn keeps_period(&self, w: &str, end: usize) -> bool {
        match abbrev::classify(w) {
            Abbrev::No => false,
            // At the end of a paragraph EWT writes "U.S" "." (the period
            // ends the sentence too).
            Abbrev::Other if self.para_end && end == self.end && w.contains('.') => false,
            // "No. 5" but "I said no."
            _ if w == "No" || w == "Nos" => {
                matches!(self.next, Some(b'0'..=b'9' | b'#'))
            }
            _ => true,
        }
    }

    /// Splits the core of a chunk (no leading/trailing punctuation left).
    fn core(&mut self, lo: usize, hi: usize) {
        let b = self.s.as_bytes();
        if self.maybe_url && is_url_or_email(&b[lo..hi]) {
            self.push(lo, hi);
            return;
        }
        let mut seg = lo;
        let mut i = lo;
        while i < hi {
            let c = b[i];
            let cut: Option<usize> = match c {
                b'(' | b')' | b'[' | b']' | b'{' | b'}' | b'"' | b';' | b'!' | b'?' | b'*'
                | b'|' | b'=' => Some(1),
                b'<' => Some(html_tag_len(&b[i..hi]).unwrap_or(1)),
                b'#' if i > lo && b.get(i + 1).is_some_and(u8::is_ascii_digit) && i + 1 < hi => {
                    Some(1)
                }
                b',' | b':' => {
                    let digits = i > lo
                        && b[i - 1].is_ascii_digit()
                        && b.get(i + 1).is_some_and(|d| d.is_ascii_digit())
                        && i + 1 < hi;
                    if digits { None } else { Some(1) }
                }
                b'/' => {
                    if self.keep_slash(seg, i, hi) {
                        None
                    } else {
                        Some(1)
                    }
                }
                b'-' => {
                    let r = run(&b[i..hi], b'-');
                    if r >= 2 {
                        Some(r)
                    } else if i == seg || i + 1 == hi {
                        Some(1)
                    } else if self.keep_hyphen(seg, i, hi) {
                        None
                    } else {
                        Some(1)
                    }
                }
                b'.' => {
                    let r = run(&b[i..hi], b'.');
                    if r >= 2 { Some(r) } else { None }
                }
                _ => None,
            };
            match cut {
                None => i += 1,
                Some(len) => {
                    if seg < i {
                        self.word(seg, i);
                    }
                    self.push(i, i + len);
                    i += len;
                    seg = i;
                }
            }
        }
        if seg < hi {
            self.word(seg, hi);
        }
    }

    /// Whether the slash at `i` stays inside the word: between digits
    /// ("9/11", "11/28/2000") or between short letter groups ("l/c", "I/C").
    fn keep_slash(&self, seg: usize, i: usize, hi: usize) -> bool {
        let b = self.s.as_bytes();
        if i == seg || i + 1 >= hi {
            return false;
        }
        if b[i - 1].is_ascii_digit() && b[i + 1].is_ascii_digit() {
            return true;
        }
        let left = b[seg..i].iter().rev().take_while(|c| c.is_ascii_alphabetic()).count();
        let right = b[i + 1..hi].iter().take_while(|c| c.is_ascii_alphabetic()).count();
        left == i - seg && left == 1 && right == 1 && i + 2 == hi
    }

    /// Whether the hyphen at `i` stays inside the word.
    fn keep_hyphen(&self, seg: usize, i: usize, hi: usize) -> bool {
        let b = self.s.as_bytes();
        // The part of the word since the previous hyphen.
        let part_start = b[seg..i].iter().rposition(|&c| c == b'-').map_or(seg, |k| seg + k + 1);
        let left = &b[part_start..i];
        let right_len = b[i + 1..hi].iter().take_while(|c| is_word(**c)).count();
        let right = &b[i + 1..i + 1 + right_len];
        if left.is_empty() || right.is_empty() {
            return false;
        }
        if left.iter().all(u8::is_ascii_digit) && right.iter().all(u8::is_ascii_digit) {
            // Phone numbers and dates stay whole ("713-853-3989",
            // "345-9945", "2001-05-17"); ranges split ("3-4", "400-500",
            // "1969-1970").
            let more = part_start > seg || b.get(i + 1 + right_len) == Some(&b'-');
            return more || (left.len() <= 3 && right.len() >= 4);
        }
        let mut lower = [0u8; 8];
        if left.len() <= lower.len() && left.iter().all(u8::is_ascii_alphabetic) {
            let l = &mut lower[..left.len()];
            l.copy_from_slice(left);
            l.make_ascii_lowercase();
            return HYPHEN_PREFIXES.iter().any(|p| p.as_bytes() == l);
        }
        false
    }

    /// Emits a word, splitting off clitics.
    fn word(&mut self, a: usize, z: usize) {
        let w = &self.s.as_bytes()[a..z];
        let n = w.len();
        if w.contains(&b'\'') {
            let three = [&b"n't"[..], b"'re", b"'ve", b"'ll"];
            let cut = if n > 3 && three.iter().any(|c| ends_with_ci(w, c)) {
                Some(n - 3)
            } else if n > 2
                && (ends_with_ci(w, b"'s") || ends_with_ci(w, b"'m") || ends_with_ci(w, b"'d"))
                && !w[..n - 2].iter().all(u8::is_ascii_digit)
            {
                // "50's" and "47's" stay whole in EWT.
                Some(n - 2)
            } else {
                None
            };
            if let Some(k) = cut {
                self.word(a, a + k);
                self.push(a + k, z);
                return;
            }
        } else if w[0].is_ascii_digit() {
            if let Some(k) = unit_split(w) {
                // "7am" -> "7" "am", "55k" -> "55" "k", "180.9m" -> "180.9" "m".
                self.push(a, a + k);
                self.push(a + k, z);
                return;
            }
        } else {
            self.plain_word(a, z);
            return;
        }
        self.push(a, z);
    }

    /// See [`plain_word`].
    fn plain_word(&mut self, a: usize, z: usize) {
        plain_word(self.s.as_bytes(), self.out, a, z);
    }
}

/// Emits the word `b[a..z]`, which has no apostrophe and, if it starts with
/// a digit, no unit to split off (a chunk of ASCII letters comes straight
/// here): splits "Lets", "its" and apostrophe-less contractions.
fn plain_word(b: &[u8], out: &mut Vec<RawToken>, a: usize, z: usize) {
    let mut push = |a: usize, z: usize| {
        debug_assert!(a < z);
        out.push(RawToken { start: a as u32, end: z as u32, nl_before: 0 });
    };
    let w = &b[a..z];
    let n = w.len();
    if n == 4 && (w == b"Lets" || w == b"LETS" || (w == b"lets" && lets_is_let_us(b, z))) {
        // "Lets go" is "Let 's go" (EWT: "Let" "s").
        push(a, a + 3);
        push(a + 3, z);
        return;
    } else if n == 3 && w.eq_ignore_ascii_case(b"its") && its_is_it_is(b, z) {
        // "its a shame" is "it 's a shame" (EWT: "it" "s").
        push(a, a + 2);
        push(a + 2, z);
        return;
    } else if w[0].is_ascii_alphabetic()
        && let Some(k) = bare_contraction(w)
    {
        push(a, a + k);
        push(a + k, z);
        return;
    }
    push(a, z);
}

/// Whether "its" ending at byte `z` of `b` means "it is": the next word is one that
/// follows "it is" but not the possessive ("its not", "its a", "its
/// really").
fn its_is_it_is(b: &[u8], z: usize) -> bool {
    #[rustfmt::skip]
    const AFTER: &[&[u8]] = &[
        b"not", b"a", b"an", b"the", b"really", b"simply", b"very", b"so", b"just", b"all",
        b"been", b"now", b"also", b"only", b"definitely", b"nothing", b"getting", b"going",
        b"gonna", b"too", b"ok", b"okay", b"always", b"pretty", b"like", b"great", b"easy",
        b"in", b"for", b"from",
    ];
    next_word_in(b, z, AFTER)
}

/// Whether "lets" ending at byte `z` of `b` means "let us": a verb of suggestion
/// follows ("lets go", "lets hope").
fn lets_is_let_us(b: &[u8], z: usize) -> bool {
    #[rustfmt::skip]
    const AFTER: &[&[u8]] = &[
        b"go", b"take", b"try", b"hope", b"face", b"get", b"see", b"do", b"make", b"just",
        b"talk", b"meet", b"plan", b"start", b"keep", b"call", b"say", b"not", b"be",
    ];
    next_word_in(b, z, AFTER)
}

/// Whether the word after whitespace following byte `z` of `b` is in
/// `words`.
fn next_word_in(b: &[u8], z: usize, words: &[&[u8]]) -> bool {
    let rest = &b[z..];
    let skip = rest.iter().take_while(|&&c| is_ws(c)).count();
    if skip == 0 {
        return false;
    }
    let word = &rest[skip..];
    let len = word.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    words.iter().any(|a| word[..len].eq_ignore_ascii_case(a))
}

/// Packs the first 8 bytes of a word into a `u64`, little-endian,
/// zero-padded, with `| 0x20` on every byte. `| 0x20` maps an ASCII letter
/// to its lower case and any other byte to one that is neither a letter nor
/// 0, so a word of at most 8 bytes has the key of a lower-case all-letter
/// word exactly when it is that word ignoring ASCII case.
const fn lower_key(w: &[u8]) -> u64 {
    let mut k = 0u64;
    let mut i = 0;
    while i < w.len() && i < 8 {
        k |= ((w[i] | 0x20) as u64) << (8 * i);
        i += 1;
    }
    k
}

/// Where a number glued to a unit splits ("7am", "2PM", "55k", "10ft").
fn unit_split(w: &[u8]) -> Option<usize> {
    let digits =
        w.iter().take_while(|c| c.is_ascii_digit() || matches!(c, b'.' | b',' | b':')).count();
    if digits == 0 || digits == w.len() || !w[digits - 1].is_ascii_digit() {
        return None;
    }
    let unit = &w[digits..];
    const UNITS: &[&[u8]] =
        &[b"am", b"pm", b"k", b"m", b"ft", b"mm", b"km", b"kg", b"lb", b"lbs", b"x"];
    UNITS.iter().any(|u| unit.eq_ignore_ascii_case(u)).then_some(digits)
}

fn ends_with_ci(s: &[u8], p: &[u8]) -> bool {
    s.len() >= p.len() && s[s.len() - p.len()..].eq_ignore_ascii_case(p)
}

/// Whether `w` is a bare clitic token ("'s", "'re", "n't").
fn is_clitic(w: &[u8]) -> bool {
    [&b"'s"[..], b"'m", b"'d", b"'re", b"'ve", b"'ll"].iter().any(|c| w.eq_ignore_ascii_case(c))
}

fn run(s: &[u8], c: u8) -> usize {
    s.iter().take_while(|&&x| x == c).count()
}

fn run_back(s: &[u8], c: u8) -> usize {
    s.iter().rev().take_while(|&&x| x == c).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        let mut out = Vec::new();
        tokenize(s, &mut out, &mut Vec::new());
        out.iter().map(|t| &s[t.start as usize..t.end as usize]).collect()
    }

    #[test]
    fn letter_word_test_matches_the_table() {
        for c in 0u8..=255 {
            for pos in 0..8 {
                let mut w = *b"abcXYZqr";
                w[pos] = c;
                let m = non_letters(u64::from_le_bytes(w));
                let expect = if CLASS[c as usize] == LETTER { 0 } else { 0x80u64 << (8 * pos) };
                assert_eq!(m, expect, "{c:#x} at {pos}");
            }
        }
        assert_eq!(
            toks("Unbelievably long words, abcdefghijklmnop-qrstuvwx."),
            ["Unbelievably", "long", "words", ",", "abcdefghijklmnop", "-", "qrstuvwx", "."]
        );
    }

    #[test]
    fn clitics() {
        assert_eq!(toks("I don't know"), ["I", "do", "n't", "know"]);
        assert_eq!(toks("can't won't cannot"), ["ca", "n't", "wo", "n't", "can", "not"]);
        assert_eq!(
            toks("he's we're I'm they'll"),
            ["he", "'s", "we", "'re", "I", "'m", "they", "'ll"]
        );
        assert_eq!(toks("gonna dont"), ["gon", "na", "do", "nt"]);
        // Any case, every length from 2 to 8, and near misses whole.
        assert_eq!(
            toks("DONT Cannot Im shouldnt shouldn dont1 d0nt Lets lets go"),
            [
                "DO", "NT", "Can", "not", "I", "m", "should", "nt", "shouldn", "dont1", "d0nt",
                "Let", "s", "let", "s", "go"
            ]
        );
    }

    #[test]
    fn punctuation_and_numbers() {
        assert_eq!(toks("$500 million, 8.75%."), ["$", "500", "million", ",", "8.75", "%", "."]);
        assert_eq!(toks("1,000 (U.S.)"), ["1,000", "(", "U.S.", ")"]);
        assert_eq!(toks("\"Yes,\" he said."), ["\"", "Yes", ",", "\"", "he", "said", "."]);
        assert_eq!(toks("Wait...what?!"), ["Wait", "...", "what", "?!"]);
    }

    #[test]
    fn hyphens_and_slashes() {
        assert_eq!(toks("search-engine e-mail"), ["search", "-", "engine", "e-mail"]);
        assert_eq!(
            toks("713-853-3989 3-4 400-500"),
            ["713-853-3989", "3", "-", "4", "400", "-", "500"]
        );
        assert_eq!(toks("and/or 9/11"), ["and", "/", "or", "9/11"]);
        assert_eq!(toks("war -- again"), ["war", "--", "again"]);
    }

    #[test]
    fn emoticons() {
        assert_eq!(toks("fine :) ok"), ["fine", ":)", "ok"]);
        assert_eq!(toks("lingerie :-)."), ["lingerie", ":-)", "."]);
        assert_eq!(toks("my family:) THX:-)!"), ["my", "family", ":)", "THX", ":-)", "!"]);
        // Other colons: times and URLs are not emoticons.
        assert_eq!(toks("at 10:30:)"), ["at", "10:30", ":", ")"]);
        assert_eq!(toks("Note: (a)"), ["Note", ":", "(", "a", ")"]);
    }

    #[test]
    fn urls_and_emails() {
        assert_eq!(toks("(see http://x.org/a?b=c)."), ["(", "see", "http://x.org/a?b=c", ")", "."]);
        assert_eq!(toks("mail bob@ex.com."), ["mail", "bob@ex.com", "."]);
    }
}
