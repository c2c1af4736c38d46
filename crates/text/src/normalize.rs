//! Normalisation of the original text into the form the tokeniser, tagger
//! and lexicon see, with a map back to original byte offsets.
//!
//! What is folded (each change is local to one character or entity, so a
//! token boundary in the normalised text is always a boundary in the
//! original text):
//!
//! - curly and low-9 quotes, primes and guillemets to `'` and `"`;
//! - hyphen, non-breaking hyphen, figure and en dash, minus sign to `-`;
//!   em dash and horizontal bar to `--` (the form the Penn/EWT data uses);
//!   the ellipsis character to `...`;
//! - NBSP and every other Unicode space to ` `; line and paragraph
//!   separators and NEL to newlines; lone CR to `\n` and the CR of CRLF to
//!   ` ` (so CRLF line ends behave as LF and a CRLF blank line is still a
//!   blank line); NUL and other control characters to ` `;
//! - soft hyphen, zero-width joiners and the word joiner are dropped;
//! - HTML entities (`&amp;`, `&quot;`, `&#8217;`, ...) to their character,
//!   folded again by the rules above;
//! - an ASCII letter followed by a common combining accent to the
//!   precomposed letter (the cheap part of NFC; other sequences are kept).
//!
//! The map stores only the changes that alter the byte length; replacements
//! of the same length (CR, NUL, ...) need no entry.

use crate::nfc_table::COMPOSE;

/// One length-changing replacement: `orig` bytes became `norm` bytes.
#[derive(Clone, Copy, Debug)]
struct Change {
    orig_start: u32,
    orig_end: u32,
    norm_start: u32,
    norm_end: u32,
}

/// Offsets map from normalised text back to the original text.
#[derive(Clone, Debug, Default)]
pub(crate) struct NormMap {
    changes: Vec<Change>,
}

/// Bytes that need a look in the ASCII range: controls (bar tab and LF),
/// CR, DEL and `&`.
const fn ascii_special_table() -> [bool; 128] {
    let mut t = [false; 128];
    let mut i = 0;
    while i < 0x20 {
        t[i] = !(i == b'\t' as usize || i == b'\n' as usize);
        i += 1;
    }
    t[0x7f] = true;
    t[b'&' as usize] = true;
    t
}
static ASCII_SPECIAL: [bool; 128] = ascii_special_table();

#[inline]
fn needs_look(b: u8) -> bool {
    b >= 0x80 || ASCII_SPECIAL[b as usize]
}

/// Whether any of the 8 bytes packed in `w` may need a look: a byte of
/// 0x80 or more, below 0x20 (tab and LF included, so this over-reports), DEL
/// or `&`. Never false when [`needs_look`] holds for one of the bytes.
#[inline]
fn may_need_look(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte of `x` is zero -> its high bit is set here (exact in whether
    // any byte is zero, which is all that is asked).
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH != 0;
    // Bytes below 0x20 (among bytes below 0x80; bytes of 0x80 or more are
    // caught by `HIGH` anyway).
    let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGH != 0;
    w & HIGH != 0
        || below_space
        || has_zero(w ^ (ONES * u64::from(b'&')))
        || has_zero(w ^ (ONES * 0x7f))
}

/// The replacement for a single non-ASCII character, if any.
fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{2039}'
        | '\u{203A}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => "\"",
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}' => "-",
        '\u{2014}' | '\u{2015}' => "--",
        '\u{2026}' => "...",
        '\u{0085}' | '\u{2028}' => "\n",
        '\u{2029}' => "\n\n",
        '\u{00AD}' | '\u{200C}' | '\u{200D}' | '\u{2060}' => "",
        '\u{00A0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200B}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}'
        | '\u{FEFF}' => " ",
        '\u{0080}'..='\u{009F}' => " ",
        _ => return None,
    })
}

/// Decodes an HTML entity at the start of `s` (which starts with `&`).
/// Returns the character and the entity's byte length.
fn entity(s: &[u8]) -> Option<(char, usize)> {
    let end = s.iter().take(12).position(|&b| b == b';')?;
    let name = &s[1..end];
    let c = match name {
        b"amp" | b"AMP" => '&',
        b"lt" | b"LT" => '<',
        b"gt" | b"GT" => '>',
        b"quot" | b"QUOT" => '"',
        b"apos" => '\'',
        b"nbsp" => ' ',
        b"ndash" => '-',
        b"mdash" => '\u{2014}',
        b"hellip" => '\u{2026}',
        b"lsquo" | b"rsquo" => '\'',
        b"ldquo" | b"rdquo" => '"',
        [b'#', b'x' | b'X', hex @ ..] if !hex.is_empty() => {
            let v = u32::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
            char::from_u32(v)?
        }
        [b'#', dec @ ..] if !dec.is_empty() && dec.iter().all(u8::is_ascii_digit) => {
            let v: u32 = std::str::from_utf8(dec).ok()?.parse().ok()?;
            char::from_u32(v)?
        }
        _ => return None,
    };
    // An entity for a control character or NUL is not worth decoding.
    if (c as u32) < 0x20 && c != '\t' && c != '\n' {
        return None;
    }
    Some((c, end + 1))
}

impl NormMap {
    /// Normalises `text` into `norm` (cleared first) and records the map.
    pub(crate) fn build(&mut self, text: &str, norm: &mut String) {
        self.changes.clear();
        norm.clear();
        norm.reserve(text.len());
        let b = text.as_bytes();
        let mut copied = 0; // original bytes before this are handled
        let mut i = 0;
        while i < b.len() {
            if !needs_look(b[i]) {
                i += 1;
                // Skip plain text 8 bytes at a time.
                while let Some(w) = b.get(i..i + 8) {
                    if may_need_look(u64::from_le_bytes([
                        w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7],
                    ])) {
                        break;
                    }
                    i += 8;
                }
                continue;
            }
            let byte = b[i];
            if byte < 0x80 {
                let (repl, len): (&str, usize) = match byte {
                    b'\r' => (if b.get(i + 1) == Some(&b'\n') { " " } else { "\n" }, 1),
                    b'&' => match entity(&b[i..]) {
                        Some((c, len)) => {
                            norm.push_str(&text[copied..i]);
                            let start = norm.len();
                            let mut tmp = [0u8; 4];
                            let s: &str = fold_char(c).unwrap_or_else(|| c.encode_utf8(&mut tmp));
                            norm.push_str(s);
                            self.record(i, i + len, start, norm.len());
                            i += len;
                            copied = i;
                            continue;
                        }
                        None => {
                            i += 1;
                            continue;
                        }
                    },
                    _ => (" ", 1), // NUL, other controls, DEL
                };
                norm.push_str(&text[copied..i]);
                norm.push_str(repl);
                i += len;
                copied = i;
                continue;
            }
            // Non-ASCII: decode the char (i is on a boundary: we only ever
            // advance by whole chars or ASCII bytes).
            let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
            let clen = c.len_utf8();
            if let Some(repl) = fold_char(c) {
                norm.push_str(&text[copied..i]);
                let start = norm.len();
                norm.push_str(repl);
                if repl.len() != clen {
                    self.record(i, i + clen, start, norm.len());
                }
                i += clen;
                copied = i;
                continue;
            }
            // The base letter must still be uncopied original text (it is:
            // a change never ends in an ASCII letter of the original).
            if ('\u{0300}'..='\u{0328}').contains(&c)
                && i > copied
                && b[i - 1].is_ascii_alphabetic()
                && let Ok(k) =
                    COMPOSE.binary_search_by(|e| (e.0, e.1).cmp(&(c as u32 as u16, b[i - 1])))
            {
                norm.push_str(&text[copied..i - 1]);
                let start = norm.len();
                norm.push(COMPOSE[k].2);
                self.record(i - 1, i + clen, start, norm.len());
                i += clen;
                copied = i;
                continue;
            }
            i += clen;
        }
        norm.push_str(&text[copied..]);
    }

    fn record(&mut self, os: usize, oe: usize, ns: usize, ne: usize) {
        if oe - os == ne - ns {
            return;
        }
        self.changes.push(Change {
            orig_start: os as u32,
            orig_end: oe as u32,
            norm_start: ns as u32,
            norm_end: ne as u32,
        });
    }

    /// Whether the map has no length-changing entry (offsets are equal).
    pub(crate) fn is_identity(&self) -> bool {
        self.changes.is_empty()
    }

    /// A cursor that maps token offsets, in increasing order, from the
    /// normalised text back to the original text.
    pub(crate) fn cursor(&self) -> MapCursor<'_> {
        let first = self.changes.first().map_or(u32::MAX, |c| c.norm_start);
        MapCursor {
            changes: &self.changes,
            ks: 0,
            ke: 0,
            start_below: first,
            start_delta: 0,
            end_upto: first,
            end_delta: 0,
        }
    }

    #[inline]
    fn shift(p: u32, last: Option<&Change>) -> usize {
        match last {
            None => p as usize,
            Some(c) => (p - c.norm_end + c.orig_end) as usize,
        }
    }
}

/// Maps offsets back to the original text; see [`NormMap::cursor`]. Calls
/// to [`MapCursor::start`] must come with non-decreasing offsets, and so must
/// calls to [`MapCursor::end`].
pub(crate) struct MapCursor<'a> {
    changes: &'a [Change],
    /// Changes wholly before the last start offset.
    ks: usize,
    /// Changes wholly before the last end offset.
    ke: usize,
    /// `changes[ks].norm_start` (`u32::MAX` past the last change): a start
    /// offset below it needs neither a step of `ks` nor a snap, only the
    /// shift `start_delta` (`orig_end - norm_end` of `changes[ks - 1]`).
    start_below: u32,
    start_delta: i64,
    /// `changes[ke].norm_start` (`u32::MAX` past the last change): an end
    /// offset up to it needs only the shift `end_delta`.
    end_upto: u32,
    end_delta: i64,
}

impl MapCursor<'_> {
    /// Maps a token start. Dropped characters just before it are skipped; a
    /// start inside a multi-byte replacement snaps to the replacement's
    /// start.
    #[inline]
    pub(crate) fn start(&mut self, p: usize) -> usize {
        let p = p as u32;
        // Most tokens lie between two changes.
        if p < self.start_below {
            return (i64::from(p) + self.start_delta) as usize;
        }
        self.start_slow(p)
    }

    fn start_slow(&mut self, p: u32) -> usize {
        // Changes with norm_end <= p lie wholly before p (a dropped char at
        // p counts as before: the token starts after it).
        while self.ks < self.changes.len() && self.changes[self.ks].norm_end <= p {
            self.ks += 1;
        }
        (self.start_below, self.start_delta) = self.bounds(self.ks);
        if let Some(c) = self.changes.get(self.ks)
            && c.norm_start < p
        {
            return c.orig_start as usize;
        }
        NormMap::shift(p, self.ks.checked_sub(1).map(|j| &self.changes[j]))
    }

    /// Maps a token end. Dropped characters just after it are left out; an
    /// end inside a multi-byte replacement snaps to the replacement's end.
    #[inline]
    pub(crate) fn end(&mut self, p: usize) -> usize {
        let p = p as u32;
        if p <= self.end_upto {
            return (i64::from(p) + self.end_delta) as usize;
        }
        self.end_slow(p)
    }

    fn end_slow(&mut self, p: u32) -> usize {
        while self.ke < self.changes.len() && {
            let c = &self.changes[self.ke];
            c.norm_end < p || (c.norm_end == p && c.norm_start < p)
        } {
            self.ke += 1;
        }
        (self.end_upto, self.end_delta) = self.bounds(self.ke);
        if let Some(c) = self.changes.get(self.ke)
            && c.norm_start < p
        {
            return c.orig_end as usize;
        }
        NormMap::shift(p, self.ke.checked_sub(1).map(|j| &self.changes[j]))
    }

    /// The fast-path bound and shift once changes `..k` lie behind: the
    /// next change's `norm_start`, and the shift after change `k - 1`.
    fn bounds(&self, k: usize) -> (u32, i64) {
        let limit = self.changes.get(k).map_or(u32::MAX, |c| c.norm_start);
        let delta = k.checked_sub(1).map_or(0, |j| {
            i64::from(self.changes[j].orig_end) - i64::from(self.changes[j].norm_end)
        });
        (limit, delta)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> (String, NormMap) {
        let mut m = NormMap::default();
        let mut n = String::new();
        m.build(s, &mut n);
        (n, m)
    }

    impl NormMap {
        fn start(&self, p: usize) -> usize {
            self.cursor().start(p)
        }
        fn end(&self, p: usize) -> usize {
            self.cursor().end(p)
        }
    }

    #[test]
    fn ascii_is_identity() {
        let (n, m) = norm("Plain text, 8.75 percent.\n\nNext.");
        assert_eq!(n, "Plain text, 8.75 percent.\n\nNext.");
        assert!(m.is_identity());
    }

    #[test]
    fn folds_quotes_dashes_spaces() {
        let (n, m) = norm("\u{201C}Don\u{2019}t\u{201D}\u{00A0}\u{2014} ok\u{2026}");
        assert_eq!(n, "\"Don't\" -- ok...");
        // "Don't" in norm is 1..6; in the original it is 3..10.
        assert_eq!(m.start(1), 3);
        assert_eq!(m.end(6), 10);
        // The em dash "--" (norm 8..10) maps to its 3 original bytes.
        let dash = "\u{201C}Don\u{2019}t\u{201D}\u{00A0}".len();
        assert_eq!((m.start(8), m.end(10)), (dash, dash + 3));
    }

    #[test]
    fn crlf_and_controls_keep_length() {
        let (n, m) = norm("a\r\nb\rc\0d");
        assert_eq!(n, "a \nb\nc d");
        assert!(m.is_identity());
    }

    #[test]
    fn entities_and_soft_hyphen() {
        let (n, m) = norm("AT&amp;T co\u{00AD}op &#8220;x&#x201D; &bogus; &");
        assert_eq!(n, "AT&T coop \"x\" &bogus; &");
        assert_eq!(m.end(4), 8); // "AT&T" is "AT&amp;T"
        let co = "AT&amp;T ".len();
        assert_eq!((m.start(5), m.end(9)), (co, co + 6)); // "coop" covers the soft hyphen
    }

    #[test]
    fn word_filter_never_misses() {
        // Every byte that needs a look, at every position of a plain word.
        for special in (0u8..=255).filter(|&c| needs_look(c)) {
            for pos in 0..8 {
                let mut w = *b"plain tx";
                w[pos] = special;
                assert!(may_need_look(u64::from_le_bytes(w)), "{special:#x} at {pos}");
            }
        }
        for plain in (0u8..=255).filter(|&c| !needs_look(c) && c != b'\t' && c != b'\n') {
            assert!(!may_need_look(u64::from_le_bytes([plain; 8])), "{plain:#x}");
        }
        // Long plain runs around every kind of special byte.
        let long = format!("{0}\u{2019}{0}&amp;{0}\r\n{0}\u{7f}{0}", "word ".repeat(9));
        let (n, _) = norm(&long);
        assert_eq!(n, format!("{0}'{0}&{0} \n{0} {0}", "word ".repeat(9)));
    }

    #[test]
    fn composes_accents() {
        let (n, m) = norm("Cafe\u{0301} x");
        assert_eq!(n, "Caf\u{00E9} x");
        assert_eq!(m.end(5), 6);
        assert_eq!(m.start(6), 7);
    }
}
