//! A learned sentence-boundary classifier for gaps inside a line.
//!
//! The rules in `segment.rs` handle punctuated text well, but web and news
//! text also has sentences without final punctuation ("Kay Mann 04/26/2001
//! 07:17 AM Will you ...", "Thanks, Anne"). An averaged perceptron over
//! hashed features of the tokens around a gap learns where to add a
//! boundary the rules missed (it never removes one: in news text a period
//! before a capitalised word or an opening quote is a reliable end). It runs only at candidate
//! gaps (see [`is_candidate`]), so most gaps cost nothing.
//!
//! The model file is `MAGIC` (8 bytes), then `2^BITS` little-endian `i16`
//! weights. It is trained on UD English-EWT train by
//! `cargo run --release -p dyad-text --example train_boundary` and embedded
//! in the library.

use crate::eval::Gold;
use crate::segment::ends_sentence;
use crate::tokenize::{self, RawToken};

/// Magic and version of the model file.
const MAGIC: &[u8; 8] = b"DYADSB01";
/// log2 of the number of weights.
const BITS: u32 = 16;
const SIZE: usize = 1 << BITS;

/// The embedded model, trained on UD English-EWT train.
static EMBEDDED: &[u8] = include_bytes!("boundary.model");

/// Perceptron weights.
#[derive(Debug)]
pub(crate) struct Model {
    weights: Vec<i16>,
}

impl Model {
    /// The embedded model, parsed once; `None` if it is malformed (then
    /// the rules alone segment).
    pub(crate) fn embedded() -> Option<&'static Model> {
        static MODEL: std::sync::OnceLock<Option<Model>> = std::sync::OnceLock::new();
        MODEL.get_or_init(|| Model::from_bytes(EMBEDDED)).as_ref()
    }

    fn from_bytes(b: &[u8]) -> Option<Model> {
        if b.len() != MAGIC.len() + 2 * SIZE || &b[..8] != MAGIC {
            return None;
        }
        let weights = b[8..].chunks_exact(2).map(|c| i16::from_le_bytes([c[0], c[1]])).collect();
        Some(Model { weights })
    }

    /// Whether the gap between tokens `t` and `t + 1` ends a sentence.
    pub(crate) fn predict(&self, feats: &[u32]) -> bool {
        let s: i32 = feats.iter().map(|&f| i32::from(self.weights[f as usize])).sum();
        s > 0
    }
}

/// Whether the classifier looks at the gap before token `u`: only where
/// the next token starts with a capital, a digit or an opening symbol (the
/// rules alone decide before lower-case words and before punctuation that
/// continues a sentence).
#[inline]
pub(crate) fn is_candidate(norm: &str, toks: &[RawToken], u: usize) -> bool {
    let b = norm.as_bytes();
    let next0 = b[toks[u].start as usize];
    if next0.is_ascii_lowercase() {
        // A lower-case "i" often opens a sentence in web text.
        return toks[u].end - toks[u].start == 1 && next0 == b'i';
    }
    !matches!(next0, b',' | b';' | b':' | b')' | b']' | b'.' | b'!' | b'?' | b'%')
}

const FNV: u32 = 0x811c_9dc5;

/// Hash of a token's text, case-folded (ASCII letters; other bytes may
/// merge, which a hash can afford), first 24 bytes, 8 at a time.
fn word_hash(s: &[u8]) -> u32 {
    let n = s.len().min(24);
    let mut h: u64 = 0x9e37_79b9_7f4a_7c15 ^ n as u64;
    let mut i = 0;
    while i < n {
        let x = if i + 8 <= n {
            u64::from_le_bytes([
                s[i],
                s[i + 1],
                s[i + 2],
                s[i + 3],
                s[i + 4],
                s[i + 5],
                s[i + 6],
                s[i + 7],
            ])
        } else {
            s[i..n].iter().rev().fold(0u64, |a, &c| a << 8 | u64::from(c))
        };
        h = (h ^ (x | 0x2020_2020_2020_2020)).wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 29;
        i += 8;
    }
    (h >> 32) as u32
}

/// Character class of a byte for shapes: `X` upper, `x` lower, `d` digit,
/// `u` non-ASCII, else the byte itself.
const fn class_table() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = match c {
            b'A'..=b'Z' => b'X',
            b'a'..=b'z' => b'x',
            b'0'..=b'9' => b'd',
            0x80.. => b'u',
            _ => c,
        };
        i += 1;
    }
    t
}
static CLASS: [u8; 256] = class_table();

/// Hash of a token's shape: character classes with repeats collapsed
/// ("Mann" -> Xx, "04/26/2001" -> d/d/d, "..." -> .).
fn shape_hash(s: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    let mut last = 0u8;
    for &c in s.iter().take(10) {
        let k = CLASS[c as usize];
        if k != last {
            h = (h ^ u32::from(k)).wrapping_mul(0x0100_0193);
            last = k;
        }
    }
    h ^ u32::from(s.len() > 10)
}

/// Number of features of a gap.
pub(crate) const N_FEATS: usize = 22;

/// Per-document cache of token hashes (word, shape); `(0, 0)` is "not yet".
#[derive(Debug, Default)]
pub(crate) struct HashCache {
    h: Vec<(u32, u32)>,
}

impl HashCache {
    pub(crate) fn reset(&mut self, n: usize) {
        self.h.clear();
        self.h.resize(n, (0, 0));
    }

    fn get(&mut self, b: &[u8], toks: &[RawToken], i: usize) -> (u32, u32) {
        if let Some(&v) = self.h.get(i)
            && v != (0, 0)
        {
            return v;
        }
        let s = &b[toks[i].start as usize..toks[i].end as usize];
        let v = (word_hash(s) | 1, shape_hash(s));
        if let Some(slot) = self.h.get_mut(i) {
            *slot = v;
        }
        v
    }
}

/// The feature indices of the gap between `t` and `u`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn features(
    norm: &str,
    toks: &[RawToken],
    t: usize,
    u: usize,
    sent_len: usize,
    rule: bool,
    cache: &mut HashCache,
) -> [u32; N_FEATS] {
    let b = norm.as_bytes();
    let none = (FNV, FNV);
    let (wt, st) = cache.get(b, toks, t);
    let (wu, su) = cache.get(b, toks, u);
    let (wp, sp) = if t > 0 { cache.get(b, toks, t - 1) } else { none };
    let (wn, sn) = if u + 1 < toks.len() { cache.get(b, toks, u + 1) } else { none };
    let glued = u32::from(toks[t].end == toks[u].start);
    // The last two bytes of the previous token, case-folded.
    let tail = {
        let s = &b[toks[t].start as usize..toks[t].end as usize];
        let n = s.len();
        let a = if n >= 2 { s[n - 2] } else { 0 };
        u32::from(a | 0x20) << 8 | u32::from(s[n - 1] | 0x20) | 0x1_0000
    };
    let r = u32::from(rule);
    let len = match sent_len {
        0..=2 => 0,
        3..=5 => 1,
        6..=10 => 2,
        11..=20 => 3,
        _ => 4,
    };
    let feats: [(u32, u32, u32); N_FEATS] = [
        (0, 0, 0),
        (1, r, 0),
        (2, wt, 0),
        (3, wu, 0),
        (4, wp, 0),
        (5, wn, 0),
        (6, st, 0),
        (7, su, 0),
        (8, st, su),
        (9, wt, su),
        (10, st, wu),
        (11, wt, wu),
        (12, r, su),
        (13, len, r),
        (14, r, wu),
        (15, sp ^ st.rotate_left(7), su),
        (16, glued, su),
        (17, sn, su ^ st.rotate_left(5)),
        (18, wp, wt),
        (19, wu, wn),
        (20, tail, su),
        (21, r, sn ^ su.rotate_left(3)),
    ];
    feats.map(|(k, a, c)| {
        let x = (u64::from(a) << 32 | u64::from(c)) ^ (u64::from(k) << 58);
        let h = x.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        (h >> (64 - BITS)) as u32
    })
}

/// Trains a boundary model on gold files and returns the model file bytes.
///
/// Every in-line gap between tokens of the system tokenisation is an
/// example; it is positive when a gold sentence ends where the earlier
/// token ends. The perceptron is averaged over `epochs` passes.
pub fn train_boundary_model(golds: &[Gold], epochs: usize) -> Vec<u8> {
    // (features, label) for every candidate gap.
    let mut examples: Vec<([u32; N_FEATS], bool)> = Vec::new();
    let mut map = crate::normalize::NormMap::default();
    let mut norm = String::new();
    let mut raw = Vec::new();
    let mut suffix = Vec::new();
    let mut cache = HashCache::default();
    for g in golds {
        map.build(&g.text, &mut norm);
        raw.clear();
        tokenize::tokenize(&norm, &mut raw, &mut suffix);
        let ends: std::collections::HashSet<u32> = g.sentences.iter().map(|s| s.1).collect();
        let mut cursor = map.cursor();
        let orig_end: Vec<u32> = raw.iter().map(|t| cursor.end(t.end as usize) as u32).collect();
        let mut cur_start = 0;
        let mut has_word = false;
        cache.reset(raw.len());
        for u in 1..raw.len() {
            let t = u - 1;
            has_word |= norm.as_bytes()[raw[t].start as usize..raw[t].end as usize]
                .iter()
                .any(|c| c.is_ascii_alphanumeric() || *c >= 0x80);
            let label = ends.contains(&orig_end[t]);
            if raw[u].nl_before == 0
                && has_word
                && is_candidate(&norm, &raw, u)
                && !ends_sentence(&norm, &raw, cur_start, t, u)
            {
                let rule = false;
                let f = features(&norm, &raw, t, u, u - cur_start, rule, &mut cache);
                examples.push((f, label));
            }
            if label || raw[u].nl_before > 0 {
                cur_start = u;
                has_word = false;
            }
        }
    }
    // Averaged perceptron with the usual lazy-update trick.
    let mut w = vec![0f64; SIZE];
    let mut acc = vec![0f64; SIZE];
    let mut c = 1f64;
    for _ in 0..epochs {
        for (f, y) in &examples {
            let s: f64 = f.iter().map(|&i| w[i as usize]).sum();
            if (s > 0.0) != *y {
                let d = if *y { 1.0 } else { -1.0 };
                for &i in f {
                    w[i as usize] += d;
                    acc[i as usize] += c * d;
                }
            }
            c += 1.0;
        }
    }
    let avg: Vec<f64> = w.iter().zip(&acc).map(|(w, a)| w - a / c).collect();
    let max = avg.iter().fold(0f64, |m, x| m.max(x.abs())).max(1e-9);
    let mut out = Vec::with_capacity(8 + 2 * SIZE);
    out.extend_from_slice(MAGIC);
    for x in avg {
        let q = (x / max * 32000.0).round() as i16;
        out.extend_from_slice(&q.to_le_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_bad_files() {
        assert!(Model::from_bytes(b"nope").is_none());
        let mut b = vec![0u8; 8 + 2 * SIZE];
        b[..8].copy_from_slice(b"DYADSB00");
        assert!(Model::from_bytes(&b).is_none());
        b[..8].copy_from_slice(MAGIC);
        assert!(Model::from_bytes(&b).is_some());
    }
}
