//! Near-duplicate articles (wire copies) by MinHash over word shingles.
//!
//! Shingles are runs of [`SHINGLE`] lower-cased words taken *within* a
//! sentence, so reordering sentences leaves the shingle set unchanged; a
//! synonym swapped or a lead rewritten only removes the shingles that touch
//! it. The signature keeps, for each of [`NUM_HASHES`] seeded hash functions,
//! the smallest hash over the shingles; the share of equal positions in two
//! signatures estimates the Jaccard similarity of the shingle sets (Broder,
//! "On the resemblance and containment of documents", 1997). Candidates are
//! found by LSH banding ([`BANDS`] bands of [`ROWS`] rows): two articles are
//! compared only when some band agrees exactly.
//!
//! A pair whose signatures agree in a share `s` of positions becomes a
//! candidate with probability `1 - (1 - s^4)^32`: 0.23 at 0.3, 0.56 at 0.4
//! (the default threshold), 0.87 at 0.5, 0.99 at 0.6. Narrower bands make
//! more pairs candidates (42 x 3: 0.94 at 0.4; 64 x 2: 1.00) and were
//! measured and not taken (crates/store/DUPLICATES.md): on the generated
//! wire-copy set they raise recall but lower precision (the pairs they add
//! include follow-up articles built from one shared template whose estimate
//! reaches the threshold), and 64 x 2 halves ingest throughput.

use crate::hash::{FNV_OFFSET, fnv1a, mix};

/// Words per shingle.
pub const SHINGLE: usize = 3;
/// Hash functions in a signature.
pub const NUM_HASHES: usize = 128;
/// LSH bands.
pub const BANDS: usize = 32;
/// Rows (signature positions) per band.
pub const ROWS: usize = NUM_HASHES / BANDS;

/// A MinHash signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature(pub [u32; NUM_HASHES]);

impl Signature {
    /// The signature of a text; `None` when it has no word at all.
    pub fn of(text: &str) -> Option<Signature> {
        let mut sig = [u32::MAX; NUM_HASHES];
        let mut any = false;
        let mut eat = |h: u64| {
            any = true;
            for (s, seed) in sig.iter_mut().zip(SEEDS.iter()) {
                let v = (mix(h ^ seed) >> 32) as u32;
                if v < *s {
                    *s = v;
                }
            }
        };
        let mut words: Vec<u64> = Vec::new();
        for sentence in text.split(SENTENCE_END) {
            words.clear();
            words.extend(
                sentence
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(word_hash),
            );
            if words.is_empty() {
                continue;
            }
            if words.len() < SHINGLE {
                eat(shingle_hash(&words));
            } else {
                for w in words.windows(SHINGLE) {
                    eat(shingle_hash(w));
                }
            }
        }
        any.then_some(Signature(sig))
    }

    /// Estimated Jaccard similarity: the share of equal positions.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let same = self.0.iter().zip(other.0.iter()).filter(|(a, b)| a == b).count();
        same as f64 / NUM_HASHES as f64
    }

    /// The LSH band keys: one 63-bit hash per band (band index included).
    pub fn bands(&self) -> [i64; BANDS] {
        let mut out = [0i64; BANDS];
        for (b, o) in out.iter_mut().enumerate() {
            let mut h = FNV_OFFSET ^ b as u64;
            for v in &self.0[b * ROWS..(b + 1) * ROWS] {
                h = mix(h ^ u64::from(*v));
            }
            *o = (h >> 1) as i64;
        }
        out
    }

    /// The signature as little-endian bytes (for the database).
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// Reads [`Signature::to_bytes`] output back; `None` on a wrong length.
    pub fn from_bytes(b: &[u8]) -> Option<Signature> {
        if b.len() != NUM_HASHES * 4 {
            return None;
        }
        let mut sig = [0u32; NUM_HASHES];
        for (s, c) in sig.iter_mut().zip(b.chunks_exact(4)) {
            *s = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        }
        Some(Signature(sig))
    }
}

/// Where sentences end, for shingling.
const SENTENCE_END: [char; 4] = ['.', '!', '?', '\n'];

/// A lower-cased word's hash.
fn word_hash(w: &str) -> u64 {
    let mut h = FNV_OFFSET;
    let mut buf = [0u8; 4];
    for c in w.chars().flat_map(char::to_lowercase) {
        h = fnv1a(h, c.encode_utf8(&mut buf).as_bytes());
    }
    h
}

fn shingle_hash(words: &[u64]) -> u64 {
    words.iter().fold(0x5851_f42d_4c95_7f2d, |h, w| mix(h ^ *w))
}

/// Fixed seeds, so that signatures stored by one run compare with the next.
const SEEDS: [u64; NUM_HASHES] = {
    let mut s = [0u64; NUM_HASHES];
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let mut i = 0;
    while i < NUM_HASHES {
        // xorshift64*, evaluated at compile time.
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        s[i] = x.wrapping_mul(0x2545_f491_4f6c_dd1d);
        i += 1;
    }
    s
};

/// Exact Jaccard similarity of two texts' shingle sets (for tests and
/// measurement; the store uses the signature estimate).
pub fn jaccard(a: &str, b: &str) -> f64 {
    let sa = shingles(a);
    let sb = shingles(b);
    if sa.is_empty() && sb.is_empty() {
        return 1.0;
    }
    let inter = sa.intersection(&sb).count();
    inter as f64 / (sa.len() + sb.len() - inter) as f64
}

fn shingles(text: &str) -> std::collections::HashSet<Vec<String>> {
    let mut out = std::collections::HashSet::new();
    for sentence in text.split(SENTENCE_END) {
        let words: Vec<String> = sentence
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        if words.is_empty() {
            continue;
        }
        if words.len() < SHINGLE {
            out.insert(words);
        } else {
            for w in words.windows(SHINGLE) {
                out.insert(w.to_vec());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_texts_have_equal_signatures() {
        let t = "Azerbaijan accused Iran of massing troops. Tehran denied it.";
        assert_eq!(Signature::of(t), Signature::of(t));
        assert_eq!(Signature::of("  ,, "), None);
    }

    #[test]
    fn sentence_order_does_not_matter() {
        let a = "Azerbaijan accused Iran of massing troops. Tehran denied the claim.";
        let b = "Tehran denied the claim. Azerbaijan accused Iran of massing troops.";
        assert_eq!(Signature::of(a), Signature::of(b));
        assert!((jaccard(a, b) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn estimate_tracks_exact_jaccard() {
        let a = "the minister said the talks in geneva would resume on monday after a pause of two weeks and that both delegations had agreed on an agenda";
        let b = "the minister said the talks in geneva would resume on tuesday after a pause of three weeks and that both delegations had agreed on an agenda";
        let c = "heavy rain flooded the northern provinces and the army sent boats to evacuate villagers from the river plains";
        let (sa, sb, sc) =
            (Signature::of(a).unwrap(), Signature::of(b).unwrap(), Signature::of(c).unwrap());
        let j = jaccard(a, b);
        assert!(j > 0.5 && j < 0.9, "{j}");
        assert!((sa.similarity(&sb) - j).abs() < 0.15, "{} vs {j}", sa.similarity(&sb));
        assert!(sa.similarity(&sc) < 0.1);
        assert_eq!(Signature::from_bytes(&sa.to_bytes()), Some(sa.clone()));
        let shared = sa.bands().iter().zip(sb.bands().iter()).filter(|(x, y)| x == y).count();
        assert!(shared > 0);
    }
}
