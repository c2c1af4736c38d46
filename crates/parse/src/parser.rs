//! Greedy transition-based labelled dependency parser.
//!
//! # Transition system
//!
//! Arc-hybrid (Kuhlmann, Gómez-Rodríguez and Satta 2011) with the artificial
//! ROOT at the *end* of the buffer (Ballesteros and Nivre 2013):
//!
//! - `SHIFT`: move the buffer front `b0` onto the stack;
//! - `LEFT-l`: make `b0` the head of the stack top `s0` with label `l`, pop `s0`;
//! - `RIGHT-l`: make `s1` the head of `s0` with label `l`, pop `s0`.
//!
//! `SHIFT` is not allowed when `b0` is ROOT, and `LEFT` onto ROOT only when
//! the stack holds one word, so every sentence ends as one tree with exactly
//! one word attached to ROOT (label `root`); no leftover words to repair.
//!
//! # Training
//!
//! Averaged perceptron with the dynamic oracle of Goldberg and Nivre (2013):
//! at each step the costs of all transitions are computed against the gold
//! tree (the number of gold arcs a transition makes unreachable, plus one for
//! a wrong label); the model is updated when its best transition costs more
//! than the cheapest one, and after the first epoch the parser follows its
//! own prediction with probability `explore_prob` (error exploration).
//! Non-projective gold trees are projectivised by lifting (Nivre and Nilsson
//! 2005, without label encoding): the shortest non-projective arc is moved to
//! its head's head until the tree is projective. Training is deterministic
//! for a given seed (one splitmix64 stream drives shuffling and exploration).
//!
//! # Features
//!
//! Zhang and Nivre (2011) style templates over `s0..s2`, `b0..b2`, the
//! left/rightmost two dependents of `s0`, `s1` and `b0` (words, tags,
//! labels), distances, valencies and label sets. Each feature is hashed to
//! one bucket of a single flat weight array whose rows hold one weight per
//! class (`SHIFT`, `LEFT-l...`, `RIGHT-l...`). Extraction writes bucket ids
//! into a reused buffer: no allocation per token.
//!
//! # Storage
//!
//! The trained weights are averaged, pruned (near-zero weights dropped) and
//! quantised to `i16` with one scale; both the serialised form (delta-coded
//! flat indices) and the in-memory form (per-bucket runs of (class, weight))
//! are sparse: after averaging, a bucket holds only a few non-zero classes.

use std::cell::RefCell;

use dyad_types::{Deprel, Sentence, Upos};

use crate::error::{Error, Result};

const NONE: u32 = u32::MAX;
const SHIFT: usize = 0;
const FORMAT_VERSION: u32 = 1;
/// Largest number of labels (so a label set fits in a `u64`).
const MAX_LABELS: usize = 63;

/// Training options for [`Parser::train`] and [`ParserTrainer`].
#[derive(Clone, Debug)]
pub struct ParserTrainOptions {
    /// Number of passes over the training data.
    pub epochs: usize,
    /// Seed for shuffling and exploration.
    pub seed: u64,
    /// log2 of the number of feature buckets (rows of the weight array),
    /// 10 to 24. Training holds 12 bytes per (row, class): 2.6 GB at 21.
    pub hash_bits: u32,
    /// Probability of following the model's own (possibly wrong) transition
    /// once exploration starts.
    pub explore_prob: f64,
    /// First epoch (0-based) that explores.
    pub explore_from: usize,
    /// Averaged weights with an absolute value below this are dropped when a
    /// trained model is frozen.
    pub prune: f32,
}

impl Default for ParserTrainOptions {
    fn default() -> Self {
        ParserTrainOptions {
            epochs: 12,
            seed: 1,
            hash_bits: 21,
            explore_prob: 0.9,
            explore_from: 1,
            prune: 0.0,
        }
    }
}

/// A trained parser: label table and quantised weights.
#[derive(Clone, Debug)]
pub struct Parser {
    bits: u32,
    /// Compact label index -> relation.
    labels: Vec<Deprel>,
    /// Compact index of `root`.
    root: usize,
    /// Labels allowed on LEFT (dependent before head) and RIGHT arcs.
    left_ok: Vec<bool>,
    right_ok: Vec<bool>,
    stride: usize,
    scale: f32,
    /// Start of each bucket's non-zero weights in `entries` (length
    /// `2^bits + 1`). Most rows hold a handful of non-zero classes after
    /// averaging, so a sparse row is far less memory traffic than a dense one.
    offsets: Vec<u32>,
    /// Non-zero quantised weights, bucket by bucket: class in the high 16
    /// bits, the `i16` weight in the low 16.
    entries: Vec<u32>,
}

/// Sparse rows from `(flat index, weight)` pairs in increasing index order.
fn build_sparse(
    bits: u32,
    stride: usize,
    items: impl Iterator<Item = (usize, i16)>,
) -> (Vec<u32>, Vec<u32>) {
    let nb = 1usize << bits;
    let mut offsets = Vec::with_capacity(nb + 1);
    let mut entries = Vec::new();
    offsets.push(0);
    for (i, w) in items {
        let b = i / stride;
        while offsets.len() <= b {
            offsets.push(entries.len() as u32);
        }
        entries.push(((i % stride) as u32) << 16 | u32::from(w as u16));
    }
    while offsets.len() <= nb {
        offsets.push(entries.len() as u32);
    }
    (offsets, entries)
}

/// Per-sentence parse state, kept between sentences to reuse allocations.
#[derive(Default, Debug)]
struct State {
    /// Number of words; ROOT is node `n`.
    n: usize,
    stack: Vec<u32>,
    /// Buffer front (`n` is ROOT).
    b: usize,
    head: Vec<u32>,
    label: Vec<u8>,
    lc1: Vec<u32>,
    lc2: Vec<u32>,
    rc1: Vec<u32>,
    rc2: Vec<u32>,
    nl: Vec<u8>,
    nr: Vec<u8>,
    lset: Vec<u64>,
    rset: Vec<u64>,
    /// Word hash and tag per node (ROOT included).
    word: Vec<u64>,
    tag: Vec<u64>,
    /// UPOS and lowercased 3-char suffix hash per node.
    upos: Vec<u64>,
    suf: Vec<u64>,
    /// Prefix counts of verbs and punctuation: `pv[i]` = verbs among words `0..i`.
    pv: Vec<u16>,
    pp: Vec<u16>,
    feats: Vec<u32>,
    /// Row bounds of the current features (parsing only).
    ranges: Vec<(u32, u32)>,
}

const W_NULL: u64 = 0x5bd1_e995_0000_0001;
const W_ROOT: u64 = 0x5bd1_e995_0000_0002;
const T_NULL: u64 = 200;
const T_ROOT: u64 = 201;
const L_NULL: u64 = 100;

impl State {
    fn reset(&mut self, sent: &Sentence) {
        let n = sent.len();
        self.n = n;
        self.stack.clear();
        self.b = 0;
        for v in [&mut self.head, &mut self.lc1, &mut self.lc2, &mut self.rc1, &mut self.rc2] {
            v.clear();
            v.resize(n + 1, NONE);
        }
        self.label.clear();
        self.label.resize(n + 1, 0);
        for v in [&mut self.nl, &mut self.nr] {
            v.clear();
            v.resize(n + 1, 0);
        }
        for v in [&mut self.lset, &mut self.rset] {
            v.clear();
            v.resize(n + 1, 0);
        }
        self.word.clear();
        self.tag.clear();
        self.upos.clear();
        self.suf.clear();
        self.pv.clear();
        self.pp.clear();
        let (mut nv, mut np) = (0u16, 0u16);
        for (i, w) in sent.words.iter().enumerate() {
            let form = sent.form(i);
            self.word.push(word_hash(form));
            self.suf.push(suffix_hash(form));
            let t = if w.xpos.0 != 0 { w.xpos.0 as u64 } else { 64 + w.upos as u64 };
            self.tag.push(t);
            self.upos.push(w.upos as u64);
            self.pv.push(nv);
            self.pp.push(np);
            nv = nv.saturating_add(matches!(w.upos, Upos::Verb | Upos::Aux) as u16);
            np = np.saturating_add((w.upos == Upos::Punct) as u16);
        }
        self.word.push(W_ROOT);
        self.tag.push(T_ROOT);
        self.upos.push(T_ROOT);
        self.suf.push(W_ROOT);
        self.pv.push(nv);
        self.pp.push(np);
    }

    /// (verbs, punctuation) strictly between nodes `a` and `b`, capped at 3.
    fn between(&self, a: u32, b: u32) -> (u64, u64) {
        if a == NONE || b == NONE {
            return (9, 9);
        }
        let (lo, hi) = if a < b { (a as usize, b as usize) } else { (b as usize, a as usize) };
        if hi <= lo + 1 {
            return (0, 0);
        }
        let v = self.pv[hi] - self.pv[lo + 1];
        let p = self.pp[hi] - self.pp[lo + 1];
        (v.min(3) as u64, p.min(3) as u64)
    }

    fn done(&self) -> bool {
        self.stack.is_empty() && self.b >= self.n
    }

    fn s(&self, i: usize) -> u32 {
        let l = self.stack.len();
        if i < l { self.stack[l - 1 - i] } else { NONE }
    }

    fn bf(&self, i: usize) -> u32 {
        let p = self.b + i;
        if p <= self.n { p as u32 } else { NONE }
    }

    fn add_arc(&mut self, h: u32, d: u32, l: usize) {
        let (hu, du) = (h as usize, d as usize);
        self.head[du] = h;
        self.label[du] = l as u8;
        if d < h {
            if self.lc1[hu] == NONE || d < self.lc1[hu] {
                self.lc2[hu] = self.lc1[hu];
                self.lc1[hu] = d;
            } else if self.lc2[hu] == NONE || d < self.lc2[hu] {
                self.lc2[hu] = d;
            }
            self.nl[hu] = self.nl[hu].saturating_add(1);
            self.lset[hu] |= 1 << l;
        } else {
            if self.rc1[hu] == NONE || d > self.rc1[hu] {
                self.rc2[hu] = self.rc1[hu];
                self.rc1[hu] = d;
            } else if self.rc2[hu] == NONE || d > self.rc2[hu] {
                self.rc2[hu] = d;
            }
            self.nr[hu] = self.nr[hu].saturating_add(1);
            self.rset[hu] |= 1 << l;
        }
    }

    /// Applies class `c` (already checked valid).
    fn apply(&mut self, c: usize, nlab: usize) {
        if c == SHIFT {
            self.stack.push(self.b as u32);
            self.b += 1;
        } else if c <= nlab {
            let s0 = self.stack.pop().unwrap_or(NONE);
            self.add_arc(self.b as u32, s0, c - 1);
        } else {
            let s0 = self.stack.pop().unwrap_or(NONE);
            let s1 = *self.stack.last().unwrap_or(&NONE);
            self.add_arc(s1, s0, c - 1 - nlab);
        }
    }

    fn can_shift(&self) -> bool {
        self.b < self.n
    }
    fn can_left(&self) -> bool {
        !self.stack.is_empty() && (self.b < self.n || self.stack.len() == 1)
    }
    fn can_right(&self) -> bool {
        self.stack.len() >= 2
    }

    #[inline]
    fn w(&self, i: u32) -> u64 {
        if i == NONE { W_NULL } else { self.word[i as usize] }
    }
    #[inline]
    fn t(&self, i: u32) -> u64 {
        if i == NONE { T_NULL } else { self.tag[i as usize] }
    }
    #[inline]
    fn u(&self, i: u32) -> u64 {
        if i == NONE { T_NULL } else { self.upos[i as usize] }
    }
    #[inline]
    fn sf(&self, i: u32) -> u64 {
        if i == NONE { W_NULL } else { self.suf[i as usize] }
    }
    #[inline]
    fn l(&self, i: u32) -> u64 {
        if i == NONE || self.head[i as usize] == NONE {
            L_NULL
        } else {
            self.label[i as usize] as u64
        }
    }
    #[inline]
    fn get(v: &[u32], i: u32) -> u32 {
        if i == NONE { NONE } else { v[i as usize] }
    }

    /// Fills `self.feats` with bucket ids for the current configuration.
    fn extract(&mut self, bits: u32) {
        let mut f = std::mem::take(&mut self.feats);
        f.clear();
        let shift = 64 - bits;
        let mut push = |t: u64, a: u64, b: u64, c: u64| {
            f.push((hash4(t, a, b, c) >> shift) as u32);
        };
        let (s0, s1, s2) = (self.s(0), self.s(1), self.s(2));
        let (b0, b1, b2) = (self.bf(0), self.bf(1), self.bf(2));
        let (s0w, s0p) = (self.w(s0), self.t(s0));
        let (s1w, s1p) = (self.w(s1), self.t(s1));
        let s2p = self.t(s2);
        let (b0w, b0p) = (self.w(b0), self.t(b0));
        let (b1w, b1p) = (self.w(b1), self.t(b1));
        let (b2w, b2p) = (self.w(b2), self.t(b2));
        let s0l = Self::get(&self.lc1, s0);
        let s0l2 = Self::get(&self.lc2, s0);
        let s0r = Self::get(&self.rc1, s0);
        let s0r2 = Self::get(&self.rc2, s0);
        let s1l = Self::get(&self.lc1, s1);
        let s1r = Self::get(&self.rc1, s1);
        let s1r2 = Self::get(&self.rc2, s1);
        let b0l = Self::get(&self.lc1, b0);
        let b0l2 = Self::get(&self.lc2, b0);
        let (s0lw, s0lp, s0ll) = (self.w(s0l), self.t(s0l), self.l(s0l));
        let (s0rw, s0rp, s0rl) = (self.w(s0r), self.t(s0r), self.l(s0r));
        let (s0l2p, s0l2l) = (self.t(s0l2), self.l(s0l2));
        let (s0r2p, s0r2l) = (self.t(s0r2), self.l(s0r2));
        let (s1lw, s1lp, s1ll) = (self.w(s1l), self.t(s1l), self.l(s1l));
        let (s1rw, s1rp, s1rl) = (self.w(s1r), self.t(s1r), self.l(s1r));
        let (s1r2p, s1r2l) = (self.t(s1r2), self.l(s1r2));
        let (b0lw, b0lp, b0ll) = (self.w(b0l), self.t(b0l), self.l(b0l));
        let (b0l2p, b0l2l) = (self.t(b0l2), self.l(b0l2));
        let dist = |a: u32, b: u32| -> u64 {
            if a == NONE || b == NONE {
                0
            } else {
                match b.abs_diff(a) {
                    d @ 0..=4 => d as u64,
                    5..=9 => 5,
                    _ => 6,
                }
            }
        };
        let d0 = dist(s0, b0);
        let d1 = dist(s1, s0);
        let val = |v: &[u8], i: u32| -> u64 { if i == NONE { 99 } else { v[i as usize] as u64 } };
        let (s0vl, s0vr) = (val(&self.nl, s0), val(&self.nr, s0));
        let (s1vl, s1vr) = (val(&self.nl, s1), val(&self.nr, s1));
        let b0vl = val(&self.nl, b0);
        let set = |v: &[u64], i: u32| -> u64 { if i == NONE { u64::MAX } else { v[i as usize] } };
        let (s0sl, s0sr) = (set(&self.lset, s0), set(&self.rset, s0));
        let s1sr = set(&self.rset, s1);
        let b0sl = set(&self.lset, b0);
        let pp = |a: u64, b: u64| (a << 8) | b;

        // Unigrams.
        push(1, s0w, 0, 0);
        push(2, s0p, 0, 0);
        push(3, s0w, s0p, 0);
        push(4, s1w, 0, 0);
        push(5, s1p, 0, 0);
        push(6, s1w, s1p, 0);
        push(7, b0w, 0, 0);
        push(8, b0p, 0, 0);
        push(9, b0w, b0p, 0);
        push(10, b1w, 0, 0);
        push(11, b1p, 0, 0);
        push(12, b1w, b1p, 0);
        push(13, b2w, 0, 0);
        push(14, b2p, 0, 0);
        push(15, b2w, b2p, 0);
        // Pairs s0/b0.
        push(16, s0w, s0p, pp(b0p, 0) ^ b0w);
        push(17, s0w, s0p, b0w);
        push(18, s0w, b0w, b0p);
        push(19, s0w, s0p, b0p);
        push(20, s0p, b0w, b0p);
        push(21, s0w, b0w, 0);
        push(22, s0p, b0p, 0);
        push(23, b0p, b1p, 0);
        // Pairs s1/s0 (RIGHT decisions).
        push(24, s1w, s0w, 0);
        push(25, s1p, s0p, 0);
        push(26, s1w, s1p, s0p);
        push(27, s1p, s0w, s0p);
        push(28, s1w, s1p, pp(s0p, 0) ^ s0w);
        push(29, s1w, s0p, 0);
        push(30, s1p, s0w, 0);
        push(31, s1p, s0p, b0p);
        push(32, s1w, s0w, b0p);
        // Tag trigrams.
        push(33, b0p, b1p, b2p);
        push(34, s0p, b0p, b1p);
        push(35, s2p, s1p, s0p);
        push(36, s0p, s0lp, b0p);
        push(37, s0p, s0rp, b0p);
        push(38, s0p, b0p, b0lp);
        push(39, s1p, s0p, s0lp);
        push(40, s1p, s0p, s0rp);
        push(41, s1p, s1rp, s0p);
        push(42, s1p, s1lp, s0p);
        push(43, s0w, b0p, b1p);
        push(44, s0p, b0w, b1p);
        // Distance.
        push(45, s0w, d0, 0);
        push(46, s0p, d0, 0);
        push(47, b0w, d0, 0);
        push(48, b0p, d0, 0);
        push(49, s0w, b0w, d0);
        push(50, s0p, b0p, d0);
        push(51, s1p, s0p, d1);
        push(52, s1w, s0w, d1);
        // Valency.
        push(53, s0w, s0vr, 0);
        push(54, s0p, s0vr, 0);
        push(55, s0w, s0vl, 0);
        push(56, s0p, s0vl, 0);
        push(57, s1w, s1vr, 0);
        push(58, s1p, s1vr, 0);
        push(59, b0w, b0vl, 0);
        push(60, b0p, b0vl, 0);
        push(61, s1p, s1vl, s0p);
        // Dependents (unigrams).
        push(62, s0lw, 0, 0);
        push(63, s0lp, 0, 0);
        push(64, s0ll, 0, 0);
        push(65, s0rw, 0, 0);
        push(66, s0rp, 0, 0);
        push(67, s0rl, 0, 0);
        push(68, s1lw, s1ll, 0);
        push(69, s1rw, s1rl, 0);
        push(70, s1rp, s1rl, 0);
        push(71, b0lw, 0, 0);
        push(72, b0lp, 0, 0);
        push(73, b0ll, 0, 0);
        // Second dependents and label chains.
        push(74, s0l2p, s0l2l, 0);
        push(75, s0r2p, s0r2l, 0);
        push(76, s1r2p, s1r2l, 0);
        push(77, b0l2p, b0l2l, 0);
        push(78, s0p, s0lp, s0l2p);
        push(79, s0p, s0rp, s0r2p);
        push(80, b0p, b0lp, b0l2p);
        push(81, s1p, s1rp, s1r2p);
        push(82, s0ll, s0l2l, s0p);
        push(83, s0rl, s0r2l, s0p);
        push(84, b0ll, b0l2l, b0p);
        push(85, s0w, s0rl, b0p);
        push(86, s0p, s0ll, b0w);
        // Label sets.
        push(87, s0w, s0sr, 0);
        push(88, s0p, s0sr, 0);
        push(89, s0w, s0sl, 0);
        push(90, s0p, s0sl, 0);
        push(91, b0w, b0sl, 0);
        push(92, b0p, b0sl, 0);
        push(93, s1p, s1sr, s0p);
        // Bias.
        push(94, 0, 0, 0);
        // UPOS view (the tagger predicts both; they err differently).
        let (s0u, s1u, b0u, b1u) = (self.u(s0), self.u(s1), self.u(b0), self.u(b1));
        push(95, s0u, 0, 0);
        push(96, b0u, 0, 0);
        push(97, s1u, 0, 0);
        push(98, b1u, 0, 0);
        push(99, s0u, b0u, 0);
        push(100, s1u, s0u, 0);
        push(101, s0u, b0u, b1u);
        push(102, s1u, s0u, b0u);
        // Suffixes (robust to tagging errors on rare words).
        let (s0sf, s1sf, b0sf, b1sf) = (self.sf(s0), self.sf(s1), self.sf(b0), self.sf(b1));
        push(103, s0sf, s0p, 0);
        push(104, b0sf, b0p, 0);
        push(105, b1sf, 0, 0);
        push(106, s1sf, s1p, 0);
        push(107, s0sf, b0sf, 0);
        // Verbs and punctuation between the candidate pairs.
        let (v0, p0) = self.between(s0, b0);
        let (v1, p1) = self.between(s1, s0);
        push(108, s0p, b0p, v0);
        push(109, s0p, b0p, p0);
        push(110, s1p, s0p, v1);
        push(111, s1p, s0p, p1);
        self.feats = f;
    }
}

#[inline]
fn mix(x: u64) -> u64 {
    let x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    let x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

#[inline]
fn hash4(t: u64, a: u64, b: u64, c: u64) -> u64 {
    let h = mix(t.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ a);
    let h = mix(h ^ b.rotate_left(17));
    mix(h ^ c.rotate_left(41))
}

/// FNV-1a over the lowercased form with ASCII digits mapped to `9`.
fn word_hash(form: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |c: char| {
        let mut buf = [0u8; 4];
        for &byte in c.encode_utf8(&mut buf).as_bytes() {
            h ^= byte as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for c in form.chars() {
        if c.is_ascii_digit() {
            eat('9');
        } else if c.is_ascii() {
            eat(c.to_ascii_lowercase());
        } else {
            for l in c.to_lowercase() {
                eat(l);
            }
        }
    }
    h
}

/// FNV-1a over the last three chars of the lowercased form.
fn suffix_hash(form: &str) -> u64 {
    let mut h: u64 = 0x84222325_cbf29ce4;
    for c in form.chars().rev().take(3) {
        for l in c.to_lowercase() {
            h ^= l as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// A deterministic splitmix64 stream.
#[derive(Clone, Debug)]
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix(self.0)
    }
    fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// Gold tree of one training sentence: heads (ROOT = `n`) and compact labels.
#[derive(Clone, Debug)]
struct Gold {
    head: Vec<u32>,
    label: Vec<u8>,
}

/// Gold heads as 0-based nodes with ROOT = n; `None` if the tree is not a
/// single-rooted tree over the words.
fn gold_heads(sent: &Sentence) -> Option<Vec<u32>> {
    let n = sent.len();
    let mut heads = Vec::with_capacity(n);
    let mut roots = 0;
    for w in &sent.words {
        let h = w.head as usize;
        if w.head == u32::MAX || h > n {
            return None;
        }
        if h == 0 {
            roots += 1;
            heads.push(n as u32);
        } else {
            heads.push((h - 1) as u32);
        }
    }
    if roots != 1 {
        return None;
    }
    // Acyclic: every word reaches ROOT within n steps.
    for i in 0..n {
        let mut k = i;
        let mut steps = 0;
        while k != n {
            k = heads[k] as usize;
            steps += 1;
            if steps > n {
                return None;
            }
        }
    }
    Some(heads)
}

/// Whether `d`'s arc from `heads[d]` is projective: every node strictly
/// between them descends from the head.
fn arc_projective(heads: &[u32], d: usize) -> bool {
    let n = heads.len();
    let h = heads[d] as usize;
    let (lo, hi) = if h < d { (h, d) } else { (d, h) };
    for k in lo + 1..hi {
        let mut a = k;
        loop {
            if a == h {
                break;
            }
            if a == n {
                return false;
            }
            a = heads[a] as usize;
        }
    }
    true
}

/// Lifts non-projective arcs (shortest first) until the tree is projective.
/// Returns the number of lifts.
fn projectivise(heads: &mut [u32]) -> usize {
    let n = heads.len();
    let mut lifts = 0;
    loop {
        let mut best: Option<(usize, usize)> = None;
        for d in 0..n {
            if !arc_projective(heads, d) {
                let len = (heads[d] as usize).abs_diff(d);
                if best.is_none_or(|(_, l)| len < l) {
                    best = Some((d, len));
                }
            }
        }
        let Some((d, _)) = best else { return lifts };
        let h = heads[d] as usize;
        if h == n {
            return lifts; // cannot lift above ROOT; cannot happen for single-rooted trees
        }
        heads[d] = heads[h];
        lifts += 1;
    }
}

/// Trains a parser one epoch at a time (so a caller can evaluate between
/// epochs and keep the best).
#[derive(Debug)]
pub struct ParserTrainer {
    opts: ParserTrainOptions,
    labels: Vec<Deprel>,
    root: usize,
    left_ok: Vec<bool>,
    right_ok: Vec<bool>,
    stride: usize,
    ncls: usize,
    w: Vec<f32>,
    u: Vec<f64>,
    /// Instances seen (for averaging); starts at 1.
    c: f64,
    golds: Vec<Option<Gold>>,
    rng: Rng,
    epoch: usize,
    state: State,
    scores: Vec<f32>,
    costs: Vec<u32>,
    order: Vec<usize>,
}

/// What one training epoch did.
#[derive(Clone, Copy, Debug, Default)]
pub struct EpochStats {
    /// 1-based epoch number.
    pub epoch: usize,
    /// Transitions taken.
    pub transitions: usize,
    /// Transitions where the model's choice was not optimal.
    pub errors: usize,
    /// Training sentences used (not skipped as malformed).
    pub sentences: usize,
}

impl ParserTrainer {
    /// Prepares training on `data` (gold `head`/`deprel` in each word; the
    /// tags in the sentences are the features, so pass predicted tags to
    /// train for predicted-tag input).
    ///
    /// # Errors
    /// [`Error::Train`] if no sentence has a usable tree or the options are
    /// out of range.
    pub fn new(data: &[Sentence], opts: &ParserTrainOptions) -> Result<ParserTrainer> {
        if !(10..=24).contains(&opts.hash_bits) {
            return Err(Error::Train(format!("hash_bits {} not in 10..=24", opts.hash_bits)));
        }
        // Label inventory, in Deprel order for determinism.
        let mut seen = vec![false; Deprel::count()];
        let root_rel = Deprel::parse("root").expect("root in table");
        seen[root_rel.0 as usize] = true;
        for s in data {
            for w in &s.words {
                if (w.deprel.0 as usize) < seen.len() {
                    seen[w.deprel.0 as usize] = true;
                }
            }
        }
        seen[0] = false;
        let labels: Vec<Deprel> =
            (0..seen.len()).filter(|&i| seen[i]).map(|i| Deprel(i as u8)).collect();
        if labels.len() > MAX_LABELS {
            return Err(Error::Train(format!("{} labels, at most {MAX_LABELS}", labels.len())));
        }
        let mut compact = vec![u8::MAX; Deprel::count()];
        for (i, l) in labels.iter().enumerate() {
            compact[l.0 as usize] = i as u8;
        }
        let root = compact[root_rel.0 as usize] as usize;
        let nl = labels.len();
        let mut left_ok = vec![false; nl];
        let mut right_ok = vec![false; nl];
        let mut golds = Vec::with_capacity(data.len());
        let mut usable = 0;
        for s in data {
            let g = gold_heads(s).and_then(|mut heads| {
                projectivise(&mut heads);
                let mut label = Vec::with_capacity(heads.len());
                for (d, w) in s.words.iter().enumerate() {
                    let l = compact[w.deprel.0 as usize];
                    if l == u8::MAX {
                        return None;
                    }
                    // A lifted root-attached word keeps its label; fine.
                    let l = if heads[d] as usize == s.len() { root as u8 } else { l };
                    let l = if l as usize == root && (heads[d] as usize) != s.len() {
                        // Only ROOT's dependent may be `root`.
                        return None;
                    } else {
                        l
                    };
                    if (heads[d] as usize) < s.len() {
                        if (d as u32) < heads[d] {
                            left_ok[l as usize] = true;
                        } else {
                            right_ok[l as usize] = true;
                        }
                    }
                    label.push(l);
                }
                Some(Gold { head: heads, label })
            });
            if g.is_some() {
                usable += 1;
            }
            golds.push(g);
        }
        if usable == 0 {
            return Err(Error::Train("no training sentence has a well-formed tree".into()));
        }
        left_ok[root] = false;
        right_ok[root] = false;
        let ncls = 1 + 2 * nl;
        let stride = ncls.div_ceil(8) * 8;
        let size = (1usize << opts.hash_bits) * stride;
        Ok(ParserTrainer {
            opts: opts.clone(),
            labels,
            root,
            left_ok,
            right_ok,
            stride,
            ncls,
            w: vec![0.0; size],
            u: vec![0.0; size],
            c: 1.0,
            golds,
            rng: Rng(opts.seed),
            epoch: 0,
            state: State::default(),
            scores: vec![0.0; stride],
            costs: vec![0; stride],
            order: (0..data.len()).collect(),
        })
    }

    /// Runs one epoch over `data` (the same slice given to [`ParserTrainer::new`]).
    ///
    /// # Errors
    /// [`Error::Train`] if `data` is not the slice the trainer was built on.
    pub fn epoch(&mut self, data: &[Sentence]) -> Result<EpochStats> {
        if data.len() != self.golds.len() {
            return Err(Error::Train("epoch called with different data".into()));
        }
        // Fisher-Yates shuffle of a fresh identity order (deterministic).
        for (i, o) in self.order.iter_mut().enumerate() {
            *o = i;
        }
        for i in (1..self.order.len()).rev() {
            let j = self.rng.below(i + 1);
            self.order.swap(i, j);
        }
        let explore = self.epoch >= self.opts.explore_from;
        let mut stats = EpochStats { epoch: self.epoch + 1, ..EpochStats::default() };
        let order = std::mem::take(&mut self.order);
        for &i in &order {
            let Some(gold) = self.golds[i].take() else { continue };
            self.train_sentence(&data[i], &gold, explore, &mut stats);
            self.golds[i] = Some(gold);
            stats.sentences += 1;
        }
        self.order = order;
        self.epoch += 1;
        Ok(stats)
    }

    fn valid(&self, st: &State, c: usize) -> bool {
        let nl = self.labels.len();
        if c == SHIFT {
            st.can_shift()
        } else if c <= nl {
            let l = c - 1;
            st.can_left() && if st.b == st.n { l == self.root } else { self.left_ok[l] }
        } else {
            st.can_right() && self.right_ok[c - 1 - nl]
        }
    }

    fn train_sentence(&mut self, sent: &Sentence, gold: &Gold, explore: bool, st: &mut EpochStats) {
        let mut state = std::mem::take(&mut self.state);
        state.reset(sent);
        let nl = self.labels.len();
        let bits = self.opts.hash_bits;
        let mut steps = 0;
        while !state.done() && steps < 4 * state.n + 4 {
            steps += 1;
            state.extract(bits);
            // Scores with the current weights.
            let scores = &mut self.scores;
            scores.iter_mut().for_each(|s| *s = 0.0);
            for &f in &state.feats {
                let row = &self.w[f as usize * self.stride..][..self.stride];
                for (s, &x) in scores.iter_mut().zip(row) {
                    *s += x;
                }
            }
            // Base costs.
            let (shift_cost, left_cost, right_cost) = base_costs(&state, gold);
            let s0 = state.s(0);
            let mut pred = usize::MAX;
            let mut best = usize::MAX;
            let mut min_cost = u32::MAX;
            for c in 0..self.ncls {
                if !self.valid(&state, c) {
                    continue;
                }
                let cost = if c == SHIFT {
                    shift_cost
                } else if c <= nl {
                    let g = gold.head[s0 as usize] as usize == state.b
                        && gold.label[s0 as usize] as usize != c - 1;
                    left_cost + g as u32
                } else {
                    let s1 = state.s(1);
                    let g = gold.head[s0 as usize] == s1
                        && gold.label[s0 as usize] as usize != c - 1 - nl;
                    right_cost + g as u32
                };
                self.costs[c] = cost;
                if pred == usize::MAX || self.scores[c] > self.scores[pred] {
                    pred = c;
                }
                if cost < min_cost || (cost == min_cost && self.scores[c] > self.scores[best]) {
                    min_cost = cost;
                    best = c;
                }
            }
            if pred == usize::MAX {
                break; // no valid move: cannot happen by construction
            }
            st.transitions += 1;
            if self.costs[pred] > min_cost {
                st.errors += 1;
                let c = self.c;
                for &f in &state.feats {
                    let base = f as usize * self.stride;
                    self.w[base + best] += 1.0;
                    self.u[base + best] += c;
                    self.w[base + pred] -= 1.0;
                    self.u[base + pred] -= c;
                }
            }
            self.c += 1.0;
            let next =
                if explore && self.rng.next_f64() < self.opts.explore_prob { pred } else { best };
            state.apply(next, nl);
        }
        self.state = state;
    }

    /// The averaged, pruned and quantised parser as of now.
    pub fn to_parser(&self) -> Parser {
        let c = self.c;
        let avg = |i: usize| -> f32 { (self.w[i] as f64 - self.u[i] / c) as f32 };
        let mut max = 0f32;
        for i in 0..self.w.len() {
            max = max.max(avg(i).abs());
        }
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let prune = self.opts.prune;
        let items = (0..self.w.len()).filter_map(|i| {
            let a = avg(i);
            let q = (a / scale).round().clamp(-32767.0, 32767.0) as i16;
            (a.abs() >= prune && q != 0).then_some((i, q))
        });
        let (offsets, entries) = build_sparse(self.opts.hash_bits, self.stride, items);
        Parser {
            bits: self.opts.hash_bits,
            labels: self.labels.clone(),
            root: self.root,
            left_ok: self.left_ok.clone(),
            right_ok: self.right_ok.clone(),
            stride: self.stride,
            scale,
            offsets,
            entries,
        }
    }
}

/// Unlabelled costs of SHIFT, LEFT and RIGHT in the current state (arc-hybrid
/// dynamic oracle, Goldberg and Nivre 2013); only meaningful for valid moves.
fn base_costs(st: &State, gold: &Gold) -> (u32, u32, u32) {
    let n = st.n;
    let b = st.b;
    let s0 = st.s(0);
    let s1 = st.s(1);
    // Buffer words (not ROOT) whose gold head is x.
    let deps_in_buffer = |x: u32| -> u32 { (b..n).filter(|&d| gold.head[d] == x).count() as u32 };
    let shift = if b < n {
        let gh = gold.head[b];
        let mut c = 0;
        let l = st.stack.len();
        for (k, &x) in st.stack.iter().enumerate() {
            if gh == x && k + 1 != l {
                c += 1; // head below s0 becomes unreachable
            }
            if gold.head[x as usize] == b as u32 {
                c += 1; // stack word can no longer take b as head
            }
        }
        c
    } else {
        0
    };
    let (left, right) = if s0 != NONE {
        let gh = gold.head[s0 as usize];
        let deps = deps_in_buffer(s0);
        let left_head = (gh as usize != b && (gh == s1 || gh as usize > b)) as u32;
        let right_head = (gh as usize >= b) as u32;
        (left_head + deps, right_head + deps)
    } else {
        (0, 0)
    };
    (shift, left, right)
}

thread_local! {
    static WORK: RefCell<(State, Vec<i32>)> = RefCell::new((State::default(), Vec::new()));
}

impl Parser {
    /// Trains a parser on `data` for `opts.epochs` epochs.
    ///
    /// # Errors
    /// See [`ParserTrainer::new`].
    pub fn train(data: &[Sentence], opts: &ParserTrainOptions) -> Result<Parser> {
        let mut t = ParserTrainer::new(data, opts)?;
        for _ in 0..opts.epochs {
            t.epoch(data)?;
        }
        Ok(t.to_parser())
    }

    /// Parses `sent` in place: sets every word's `head` (1-based, 0 = root)
    /// and `deprel`. Always produces one tree with exactly one root, using
    /// the tags already in the sentence.
    pub fn parse(&self, sent: &mut Sentence) {
        WORK.with(|w| {
            let mut w = w.borrow_mut();
            let (state, scores) = &mut *w;
            self.parse_with(sent, state, scores);
        });
    }

    fn parse_with(&self, sent: &mut Sentence, st: &mut State, scores: &mut Vec<i32>) {
        st.reset(sent);
        let n = st.n;
        if n == 0 {
            return;
        }
        let nl = self.labels.len();
        let ncls = 1 + 2 * nl;
        scores.clear();
        scores.resize(self.stride, 0);
        while !st.done() {
            if st.stack.is_empty() {
                // SHIFT is the only move: no need to score.
                st.apply(SHIFT, nl);
                continue;
            }
            st.extract(self.bits);
            scores.iter_mut().for_each(|s| *s = 0);
            // Two passes: first all row bounds (independent loads the CPU
            // overlaps), then the rows; interleaving them serialises misses.
            st.ranges.clear();
            st.ranges.extend(st.feats.iter().map(|&f| {
                let f = f as usize;
                (self.offsets[f], self.offsets[f + 1])
            }));
            for &(a, b) in &st.ranges {
                for &e in &self.entries[a as usize..b as usize] {
                    scores[(e >> 16) as usize] += i32::from(e as u16 as i16);
                }
            }
            let mut pred = usize::MAX;
            if st.can_shift() {
                pred = SHIFT;
            }
            if st.can_left() {
                if st.b == n {
                    let c = 1 + self.root;
                    if pred == usize::MAX || scores[c] > scores[pred] {
                        pred = c;
                    }
                } else {
                    for l in 0..nl {
                        let c = 1 + l;
                        if self.left_ok[l] && (pred == usize::MAX || scores[c] > scores[pred]) {
                            pred = c;
                        }
                    }
                }
            }
            if st.can_right() {
                for l in 0..nl {
                    let c = 1 + nl + l;
                    if self.right_ok[l] && (pred == usize::MAX || scores[c] > scores[pred]) {
                        pred = c;
                    }
                }
            }
            debug_assert!(pred < ncls);
            if pred == usize::MAX {
                // Unreachable for a well-formed model; keep the tree valid anyway.
                pred = if st.can_shift() {
                    SHIFT
                } else if st.can_right() {
                    1 + nl
                } else {
                    1 + self.root
                };
            }
            st.apply(pred, nl);
        }
        for (d, w) in sent.words.iter_mut().enumerate() {
            let h = st.head[d] as usize;
            if h == n {
                w.head = 0;
                w.deprel = self.labels[self.root];
            } else {
                w.head = h as u32 + 1;
                w.deprel = self.labels[st.label[d] as usize];
            }
        }
    }

    /// A copy without the weights whose magnitude is below `min_abs` (in
    /// perceptron units), for a smaller model file.
    pub fn pruned(&self, min_abs: f32) -> Parser {
        let cut = (min_abs / self.scale).round() as i32;
        let items = self.items().filter(|&(_, w)| i32::from(w).abs() >= cut);
        let (offsets, entries) = build_sparse(self.bits, self.stride, items);
        Parser { offsets, entries, ..self.clone() }
    }

    /// The non-zero weights as (flat index, weight), in index order.
    fn items(&self) -> impl Iterator<Item = (usize, i16)> + '_ {
        self.offsets.windows(2).enumerate().flat_map(move |(b, w)| {
            self.entries[w[0] as usize..w[1] as usize]
                .iter()
                .map(move |&e| (b * self.stride + (e >> 16) as usize, e as u16 as i16))
        })
    }

    /// Number of non-zero weights.
    pub fn nonzero(&self) -> usize {
        self.entries.len()
    }

    /// The labels this parser can output.
    pub fn labels(&self) -> &[Deprel] {
        &self.labels
    }

    /// Serialises the parser (sparse, delta-coded quantised weights).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&(self.stride as u32).to_le_bytes());
        out.extend_from_slice(&(self.labels.len() as u32).to_le_bytes());
        out.extend_from_slice(&(self.root as u32).to_le_bytes());
        for (i, l) in self.labels.iter().enumerate() {
            let name = l.as_str().as_bytes();
            out.push(name.len() as u8);
            out.extend_from_slice(name);
            out.push(self.left_ok[i] as u8 | (self.right_ok[i] as u8) << 1);
        }
        out.extend_from_slice(&self.scale.to_le_bytes());
        let nnz = self.nonzero() as u64;
        out.extend_from_slice(&nnz.to_le_bytes());
        let mut last = 0usize;
        for (i, w) in self.items() {
            put_varint(&mut out, (i - last) as u64);
            out.extend_from_slice(&w.to_le_bytes());
            last = i;
        }
        out
    }

    /// Reads a parser written by [`Parser::to_bytes`].
    ///
    /// # Errors
    /// [`Error::Model`] on an unsupported version or truncated/inconsistent data.
    pub fn from_bytes(bytes: &[u8]) -> Result<Parser> {
        let err = |m: &str| Error::model("parser", m.to_owned());
        let mut r = Reader { bytes, pos: 0 };
        let version = r.u32().ok_or_else(|| err("truncated header"))?;
        if version != FORMAT_VERSION {
            return Err(err(&format!(
                "unsupported parser format version {version} (this build reads {FORMAT_VERSION})"
            )));
        }
        let bits = r.u32().ok_or_else(|| err("truncated header"))?;
        let stride = r.u32().ok_or_else(|| err("truncated header"))? as usize;
        let nl = r.u32().ok_or_else(|| err("truncated header"))? as usize;
        let root = r.u32().ok_or_else(|| err("truncated header"))? as usize;
        if !(10..=24).contains(&bits) || nl == 0 || nl > MAX_LABELS || root >= nl {
            return Err(err("inconsistent header"));
        }
        if stride < 1 + 2 * nl || stride > 1 + 2 * nl + 8 {
            return Err(err("inconsistent row width"));
        }
        let mut labels = Vec::with_capacity(nl);
        let mut left_ok = Vec::with_capacity(nl);
        let mut right_ok = Vec::with_capacity(nl);
        for _ in 0..nl {
            let len = r.u8().ok_or_else(|| err("truncated label table"))? as usize;
            let name = r.take(len).ok_or_else(|| err("truncated label table"))?;
            let name = std::str::from_utf8(name).map_err(|_| err("label is not UTF-8"))?;
            let rel = Deprel::parse(name).ok_or_else(|| err(&format!("unknown label {name:?}")))?;
            let flags = r.u8().ok_or_else(|| err("truncated label table"))?;
            labels.push(rel);
            left_ok.push(flags & 1 != 0);
            right_ok.push(flags & 2 != 0);
        }
        let scale = r.f32().ok_or_else(|| err("truncated scale"))?;
        if !scale.is_finite() || scale <= 0.0 {
            return Err(err("bad weight scale"));
        }
        let nnz = r.u64().ok_or_else(|| err("truncated weights"))?;
        let size = (1usize << bits) * stride;
        if nnz > size as u64 {
            return Err(err("more weights than the table holds"));
        }
        // Decode straight into sparse rows (indices arrive in increasing order).
        let nb = 1usize << bits;
        let mut offsets: Vec<u32> = Vec::with_capacity(nb + 1);
        let mut entries: Vec<u32> = Vec::with_capacity(nnz as usize);
        offsets.push(0);
        let mut pos = 0usize;
        for k in 0..nnz {
            let delta = r.varint().ok_or_else(|| err("truncated weights"))?;
            pos = pos
                .checked_add(delta as usize)
                .filter(|&p| p < size && (k == 0 || delta > 0))
                .ok_or_else(|| err("weight index out of range"))?;
            let v = r.take(2).ok_or_else(|| err("truncated weights"))?;
            let w = i16::from_le_bytes([v[0], v[1]]);
            if w == 0 {
                return Err(err("zero weight stored"));
            }
            let b = pos / stride;
            while offsets.len() <= b {
                offsets.push(entries.len() as u32);
            }
            entries.push(((pos % stride) as u32) << 16 | u32::from(w as u16));
        }
        if r.pos != bytes.len() {
            return Err(err("trailing bytes after weights"));
        }
        while offsets.len() <= nb {
            offsets.push(entries.len() as u32);
        }
        Ok(Parser { bits, labels, root, left_ok, right_ok, stride, scale, offsets, entries })
    }
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Bounds-checked little-endian reader.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let s = self.bytes.get(self.pos..end)?;
        self.pos = end;
        Some(s)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    fn u32(&mut self) -> Option<u32> {
        self.take(4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn u64(&mut self) -> Option<u64> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Some(u64::from_le_bytes(a))
    }
    fn f32(&mut self) -> Option<f32> {
        self.u32().map(f32::from_bits)
    }
    fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_types::{Span, Xpos};

    fn sent(words: &[(&str, &str, u32, &str)]) -> Sentence {
        let mut s = Sentence::new();
        for (i, (f, x, h, d)) in words.iter().enumerate() {
            s.push(f, Span::new(i, i + 1), true);
            s.words[i].xpos = Xpos::parse(x).unwrap();
            s.words[i].head = *h;
            s.words[i].deprel = Deprel::parse(d).unwrap();
        }
        s
    }

    fn toy() -> Vec<Sentence> {
        vec![
            sent(&[
                ("Troops", "NNS", 2, "nsubj"),
                ("attacked", "VBD", 0, "root"),
                ("the", "DT", 4, "det"),
                ("village", "NN", 2, "obj"),
                (".", ".", 2, "punct"),
            ]),
            sent(&[
                ("Iran", "NNP", 2, "nsubj"),
                ("accused", "VBD", 0, "root"),
                ("Baku", "NNP", 2, "obj"),
                ("of", "IN", 5, "mark"),
                ("spying", "VBG", 2, "advcl"),
                (".", ".", 2, "punct"),
            ]),
        ]
    }

    #[test]
    fn learns_toy_trees_and_round_trips() {
        let data = toy();
        let opts = ParserTrainOptions { epochs: 10, hash_bits: 12, ..Default::default() };
        let p = Parser::train(&data, &opts).unwrap();
        for gold in &data {
            let mut s = gold.clone();
            for w in &mut s.words {
                w.head = u32::MAX;
            }
            p.parse(&mut s);
            for (a, b) in s.words.iter().zip(&gold.words) {
                assert_eq!((a.head, a.deprel), (b.head, b.deprel));
            }
        }
        let bytes = p.to_bytes();
        let q = Parser::from_bytes(&bytes).unwrap();
        assert_eq!(q.to_bytes(), bytes);
        assert!(Parser::from_bytes(&bytes[..bytes.len() - 1]).is_err());
    }

    #[test]
    fn lifting_makes_trees_projective() {
        // 0 -> 2, 1 -> 3 crossing; ROOT = 4 heads 0.
        let mut heads = vec![4, 3, 0, 0];
        assert!(!arc_projective(&heads, 1));
        assert_eq!(projectivise(&mut heads), 1);
        assert!((0..4).all(|d| arc_projective(&heads, d)));
        assert_eq!(heads, vec![4, 0, 0, 0]);
    }

    #[test]
    fn oracle_costs_zero_on_gold_path() {
        // Follow the cheapest transition on a gold tree: it must reach it exactly.
        let data = toy();
        let mut t =
            ParserTrainer::new(&data, &ParserTrainOptions { hash_bits: 10, ..Default::default() })
                .unwrap();
        t.opts.explore_from = usize::MAX;
        let s = t.epoch(&data).unwrap();
        assert_eq!(s.sentences, 2);
        assert_eq!(s.transitions, 2 * (5 + 6));
    }
}
