//! Averaged-perceptron part-of-speech tagger.
//!
//! The tagger predicts one joint tag per word, a (Penn XPOS, UD UPOS) pair as
//! seen in the training data (about 100 pairs in UD English EWT). Predicting
//! the pair at once lets context decide the cases the XPOS alone leaves
//! open (`VBZ` is `AUX` or `VERB`, `IN` is `ADP` or `SCONJ`, `NNP` is
//! `PROPN` or `ADJ`) without a second model and without passing errors
//! from one stage to the next.
//!
//! Decoding is greedy, left to right (Collins 2002; the feature set follows
//! Ratnaparkhi 1996 and Honnibal's "A good POS tagger in about 200 lines"),
//! with:
//! - a tag dictionary: frequent words seen with one tag at least 97% of the
//!   time take that tag without scoring;
//! - ambiguity classes: the set of XPOS tags a word had in training, for the
//!   word and its neighbours, which generalise better than word identity;
//! - unknown-word training: words seen once share one identity, and words
//!   seen up to 10 times lose theirs 70% of the time in training (word
//!   dropout), so spelling and context features learn to tag unseen words;
//! - a capitalisation-style feature for the whole sentence (headlines and
//!   titles capitalise common nouns, the main NN/NNP confusion in EWT);
//! - features hashed to `u64` once per word and per template (no `String` in
//!   the hot path), looked up in one table whose rows are sparse lists of
//!   (class, weight) in two flat arrays.
//!
//! Weights are averaged (Daumé's trick: one extra accumulator), pruned and
//! quantised to `i16` for serialisation.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::Write;

use dyad_types::{Sentence, Upos, Xpos};

use crate::error::{Error, Result};

/// Options for [`Tagger::train`].
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// Passes over the training data.
    pub epochs: u32,
    /// Seed for shuffling the sentences before each pass.
    pub seed: u64,
    /// Minimum count for a word to enter the tag dictionary.
    pub dict_min_count: u32,
    /// Minimum share of the word's most frequent tag for the dictionary.
    pub dict_min_share: f32,
    /// Averaged weights with an absolute value below this are dropped.
    pub prune: f32,
    /// Words seen fewer times than this in training are treated as unknown
    /// (their identity is not a feature).
    pub min_word_count: u32,
    /// Probability of hiding, during training, the identity of a word seen
    /// at most `rare_dropout_max_count` times (word dropout). Tuned on EWT
    /// dev: +0.2 UPOS/XPOS.
    pub rare_dropout: f32,
    /// See `rare_dropout`.
    pub rare_dropout_max_count: u32,
    /// Folds for training a second pass that also sees the first pass's
    /// tags of the next two words (0 or 1: one pass only). Measured with 4
    /// folds: UPOS/XPOS +0.29/+0.22 on EWT dev but +0.06/+0.03 on EWT test,
    /// for twice the tagging time and model size and five times the
    /// training time, so it is off by default.
    pub folds: u32,
    /// Print progress to stderr.
    pub verbose: bool,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 10,
            seed: 0x5eed,
            dict_min_count: 20,
            dict_min_share: 0.97,
            prune: 0.5,
            min_word_count: 2,
            rare_dropout: 0.7,
            rare_dropout_max_count: 10,
            folds: 0,
            verbose: false,
        }
    }
}

/// Identity hasher: feature keys are already well-mixed 64-bit hashes.
#[derive(Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub(crate) type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

const K1: u64 = 0x9E37_79B9_7F4A_7C15;
const K2: u64 = 0xD6E8_FEB8_6659_FD93;

/// Mixes two values into one hash (order matters).
#[inline]
pub(crate) fn mix(a: u64, b: u64) -> u64 {
    let mut x = a.rotate_left(23) ^ b.wrapping_mul(K1);
    x ^= x >> 32;
    x = x.wrapping_mul(K2);
    x ^= x >> 29;
    x
}

/// Streaming FNV-1a over bytes, finished with [`mix`].
#[derive(Clone, Copy)]
pub(crate) struct ByteHash(u64);

impl ByteHash {
    #[inline]
    pub(crate) fn new() -> Self {
        ByteHash(0xcbf2_9ce4_8422_2325)
    }
    #[inline]
    pub(crate) fn byte(&mut self, b: u8) {
        self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
    }
    #[inline]
    pub(crate) fn char(&mut self, c: char) {
        if c.is_ascii() {
            self.byte(c as u8);
        } else {
            let mut b = [0u8; 4];
            for &x in c.encode_utf8(&mut b).as_bytes() {
                self.byte(x);
            }
        }
    }
    #[inline]
    pub(crate) fn finish(self) -> u64 {
        mix(self.0, 0x51)
    }
}

/// Hash of a string as is.
pub(crate) fn hash_str(s: &str) -> u64 {
    let mut h = ByteHash::new();
    for &b in s.as_bytes() {
        h.byte(b);
    }
    h.finish()
}

#[inline]
fn lower(c: char) -> char {
    if c.is_ascii() { c.to_ascii_lowercase() } else { c.to_lowercase().next().unwrap_or(c) }
}

/// Hash of a string lower-cased (first char of each char's lower case).
pub(crate) fn hash_lower(s: &str) -> u64 {
    let mut h = ByteHash::new();
    for c in s.chars() {
        h.char(lower(c));
    }
    h.finish()
}

/// Per-word values computed once per sentence; features combine them.
#[derive(Clone, Copy, Default, Debug)]
struct WordInfo {
    /// The form, case kept, for the tag dictionary.
    form: u64,
    /// The form, case kept; a shared "rare" value for words rare in training.
    raw: u64,
    /// The form, lower-cased; a shared "rare" value like `raw`.
    low: u64,
    /// Lower-cased suffixes of 1..=4 chars.
    sfx: [u64; 4],
    /// Lower-cased prefixes of 1..=3 chars.
    pfx: [u64; 3],
    /// Word shape (`Xx`, `dd,d`...).
    shape: u64,
    /// Ambiguity class: the XPOS tags seen with the word in training.
    amb: u64,
    /// Capitalisation style of the whole sentence (headline-like or not).
    style: u64,
}

const PAD: usize = 2;

/// The identity of words rare in training.
const RARE: u64 = 0x7a3e_11c0_9d2f_4b85;

impl WordInfo {
    fn pad(k: u64) -> WordInfo {
        let h = mix(0xbad, k);
        WordInfo { form: h, raw: h, low: h, sfx: [h; 4], pfx: [h; 3], shape: h, amb: h, style: h }
    }

    fn compute(form: &str, lex: &Lexicon) -> WordInfo {
        let raw = hash_str(form);
        let low = hash_lower(form);
        // Suffixes: last 4 chars, lower-cased, hashed from the end.
        let mut sfx = [0u64; 4];
        let mut h = ByteHash::new();
        let mut k = 0;
        for c in form.chars().rev() {
            if k == 4 {
                break;
            }
            h.char(lower(c));
            sfx[k] = mix(h.finish(), k as u64);
            k += 1;
        }
        for (j, x) in sfx.iter_mut().enumerate().skip(k) {
            *x = mix(low, 100 + j as u64);
        }
        let mut pfx = [0u64; 3];
        let mut h = ByteHash::new();
        let mut k = 0;
        for c in form.chars() {
            if k == 3 {
                break;
            }
            h.char(lower(c));
            pfx[k] = mix(h.finish(), 10 + k as u64);
            k += 1;
        }
        for (j, x) in pfx.iter_mut().enumerate().skip(k) {
            *x = mix(low, 200 + j as u64);
        }
        let mut sh = ByteHash::new();
        let mut last = '\0';
        let mut n = 0;
        for c in form.chars() {
            let s = if c.is_ascii_digit() {
                'd'
            } else if c.is_uppercase() {
                'X'
            } else if c.is_lowercase() {
                'x'
            } else if c.is_ascii() {
                c
            } else if c.is_alphabetic() {
                'a'
            } else {
                'o'
            };
            if s != last {
                sh.char(s);
                last = s;
                n += 1;
                if n == 8 {
                    break;
                }
            }
        }
        // Words rare in training (absent from `amb`) share one identity, so
        // that training learns to tag them from their spelling: this is what
        // an unseen word looks like at tagging time.
        let (id_raw, id_low, amb) = match lex.amb.get(&low) {
            Some(&amb) => (raw, low, amb),
            None => (RARE, RARE, 0),
        };
        WordInfo {
            form: raw,
            raw: id_raw,
            low: id_low,
            sfx,
            pfx,
            shape: sh.finish(),
            amb: mix(amb, 0xa3b),
            style: 0,
        }
    }
}

/// Word-level knowledge from the training data: the tag dictionary and the
/// ambiguity classes.
#[derive(Clone, Debug, Default)]
struct Lexicon {
    /// Raw form hash -> class, for frequent unambiguous words.
    dict: IdMap<u8>,
    /// Lower-cased form hash -> bit set of XPOS tags seen with it.
    amb: IdMap<u64>,
}

/// Number of feature templates of the first pass.
const NF1: usize = 39;
/// Number of feature templates of the second pass (first-pass ones plus
/// the first pass's tags of the next two words).
const NF: usize = NF1 + 6;

/// Fills `out` with the feature hashes of word `i` (index into the padded
/// `ctx`), given the two previous predicted classes and, in the second
/// pass, the first pass's classes of the next two words. Returns how many
/// features were written.
#[inline]
fn features(
    ctx: &[WordInfo],
    i: usize,
    p1: u64,
    p2: u64,
    right: Option<(u64, u64)>,
    out: &mut [u64; NF],
) -> usize {
    let w = &ctx[i];
    let (m1, m2, n1, n2) = (&ctx[i - 1], &ctx[i - 2], &ctx[i + 1], &ctx[i + 2]);
    let f = |t: u64, a: u64| mix(t, a);
    let g = |t: u64, a: u64, b: u64| mix(mix(t, a), b);
    let first: [u64; NF1] = [
        f(0, 1),
        f(1, w.low),
        f(2, w.raw),
        f(3, m1.low),
        f(4, n1.low),
        f(5, m2.low),
        f(6, n2.low),
        f(7, w.sfx[0]),
        f(8, w.sfx[1]),
        f(9, w.sfx[2]),
        f(10, w.sfx[3]),
        f(11, w.pfx[0]),
        f(12, w.pfx[1]),
        f(13, w.pfx[2]),
        f(14, w.shape),
        f(15, m1.shape),
        f(16, n1.shape),
        f(17, p1),
        g(18, p1, p2),
        g(19, p1, w.low),
        f(20, m1.sfx[2]),
        f(21, n1.sfx[2]),
        f(22, w.amb),
        f(23, n1.amb),
        f(24, n2.amb),
        g(25, w.amb, n1.amb),
        g(26, p1, w.amb),
        g(27, m1.low, w.low),
        g(28, w.low, n1.low),
        g(29, p1, w.sfx[2]),
        g(30, w.shape, n1.amb),
        g(31, p1, n1.amb),
        g(32, w.amb, m1.amb),
        g(33, w.sfx[1], n1.low),
        g(34, m1.shape, w.shape),
        g(35, w.shape, n1.shape),
        g(36, w.style, w.shape),
        g(37, w.style, w.amb),
        g(38, p1, w.shape),
    ];
    out[..NF1].copy_from_slice(&first);
    let Some((r1, r2)) = right else { return NF1 };
    out[NF1..].copy_from_slice(&[
        f(40, r1),
        g(41, r1, r2),
        g(42, r1, w.low),
        g(43, p1, r1),
        g(44, r1, w.sfx[2]),
        g(45, w.amb, r1),
    ]);
    NF
}

/// Inference weights: feature hash -> sparse row of (class, weight).
#[derive(Clone, Debug, Default)]
struct Weights {
    rows: IdMap<(u32, u32)>,
    classes: Vec<u8>,
    values: Vec<i16>,
    /// Real weight = value * scale.
    scale: f32,
}

impl Weights {
    #[inline]
    fn score(&self, feats: &[u64], scores: &mut [i32]) {
        for f in feats {
            if let Some(&(s, l)) = self.rows.get(f) {
                let (s, e) = (s as usize, (s + l) as usize);
                for (&c, &v) in self.classes[s..e].iter().zip(&self.values[s..e]) {
                    scores[c as usize] += i32::from(v);
                }
            }
        }
    }
}

/// Whether a Penn tag is a finite verb form (VBD, VBZ, VBP).
fn is_finite_verb(x: Xpos) -> bool {
    matches!(x.as_str(), "VBD" | "VBZ" | "VBP")
}

/// How decoding is steered: a forced class at one word, and where to record
/// finite-verb alternatives.
struct Steer<'a> {
    force: Option<(usize, u8)>,
    alts: Option<&'a mut Vec<FiniteAlt>>,
    finite: &'a [bool],
}

/// A word's best finite-verb reading: its class and how far its score fell
/// below the chosen class's (0 when the chosen class is a finite verb;
/// `i32::MAX` for words the tagger's dictionary fixes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FiniteAlt {
    /// Score of the chosen class minus the best finite-verb class's score.
    pub(crate) margin: i32,
    /// The best finite-verb class.
    pub(crate) class: u8,
}

impl FiniteAlt {
    const NONE: FiniteAlt = FiniteAlt { margin: i32::MAX, class: 0 };

    fn of(scores: &[i32], best: usize, finite: &[bool]) -> FiniteAlt {
        let mut alt = FiniteAlt::NONE;
        let mut top = i32::MIN;
        for (c, &sc) in scores.iter().enumerate() {
            if finite.get(c).copied().unwrap_or(false) && sc > top {
                top = sc;
                alt = FiniteAlt { margin: scores[best].saturating_sub(sc), class: c as u8 };
            }
        }
        alt
    }
}

fn argmax(scores: &[i32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}

/// A trained part-of-speech tagger. Immutable and `Sync`: share one across
/// threads.
#[derive(Clone, Debug)]
pub struct Tagger {
    /// Joint classes: (XPOS, UPOS).
    classes: Vec<(Xpos, Upos)>,
    lex: Lexicon,
    /// First pass: left context only.
    weights: Weights,
    /// Second pass, if trained: also the first pass's tags on the right.
    second: Option<Weights>,
}

/// Per-thread buffers for [`Tagger::tag`].
#[derive(Default)]
struct Scratch {
    ctx: Vec<WordInfo>,
    scores: Vec<i32>,
    first: Vec<u8>,
    out: Vec<u8>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

const MAGIC: &[u8; 8] = b"DYADTAG\0";
const VERSION: u32 = 2;

impl Tagger {
    /// Tags `sent` in place: sets the UPOS and XPOS of every word.
    pub fn tag(&self, sent: &mut Sentence) {
        self.tag_steered(sent, None, None);
    }

    /// Tags `sent` like [`Tagger::tag`], but with word `force.0` given class
    /// `force.1` (the rest decoded around it), and, when `alts` is given,
    /// fills it with each word's best finite-verb reading (see
    /// [`FiniteAlt`]). Used by the verbless-clause repair in
    /// [`crate::Model::analyze`].
    pub(crate) fn tag_steered(
        &self,
        sent: &mut Sentence,
        force: Option<(usize, u8)>,
        alts: Option<&mut Vec<FiniteAlt>>,
    ) {
        SCRATCH.with(|s| {
            let mut s = s.borrow_mut();
            let Scratch { ctx, scores, first, out } = &mut *s;
            self.fill_context(sent, ctx);
            scores.resize(self.classes.len(), 0);
            // Which classes are finite verbs: needed only to record alternatives.
            let finite: Vec<bool> = match alts {
                Some(_) => self.classes.iter().map(|c| is_finite_verb(c.0)).collect(),
                None => Vec::new(),
            };
            let mut alts = alts;
            let last = self.second.is_none();
            let steer = Steer {
                force,
                alts: if last { alts.as_deref_mut() } else { None },
                finite: &finite,
            };
            self.decode(&self.weights, ctx, None, steer, scores, first);
            let tags = match &self.second {
                Some(w) => {
                    let steer = Steer { force, alts, finite: &finite };
                    self.decode(w, ctx, Some(first), steer, scores, out);
                    out
                }
                None => first,
            };
            for (w, &c) in sent.words.iter_mut().zip(tags.iter()) {
                (w.xpos, w.upos) = self.classes[c as usize];
            }
        });
    }

    /// Greedy left-to-right decoding of the words in `ctx` into `out`.
    fn decode(
        &self,
        weights: &Weights,
        ctx: &[WordInfo],
        right: Option<&[u8]>,
        mut steer: Steer<'_>,
        scores: &mut [i32],
        out: &mut Vec<u8>,
    ) {
        out.clear();
        let n = ctx.len() - 2 * PAD;
        let start = self.classes.len() as u64;
        let (mut p1, mut p2) = (start, start + 1);
        let mut feats = [0u64; NF];
        if let Some(a) = steer.alts.as_deref_mut() {
            a.clear();
        }
        for i in 0..n {
            let c = match self.lex.dict.get(&ctx[i + PAD].form) {
                Some(&c) => {
                    if let Some(a) = steer.alts.as_deref_mut() {
                        // The classifier never trained on dictionary words,
                        // but its suffix and context features still rank a
                        // finite-verb reading.
                        let r = right.map(|r| right_context(r, i, start));
                        let k = features(ctx, i + PAD, p1, p2, r, &mut feats);
                        scores.iter_mut().for_each(|x| *x = 0);
                        weights.score(&feats[..k], scores);
                        a.push(if steer.finite[c as usize] {
                            FiniteAlt { margin: 0, class: c }
                        } else {
                            FiniteAlt::of(scores, argmax(scores), steer.finite)
                        });
                    }
                    match steer.force {
                        Some((f, fc)) if f == i => fc,
                        _ => c,
                    }
                }
                None => {
                    let r = right.map(|r| right_context(r, i, start));
                    let k = features(ctx, i + PAD, p1, p2, r, &mut feats);
                    scores.iter_mut().for_each(|x| *x = 0);
                    weights.score(&feats[..k], scores);
                    let best = argmax(scores);
                    if let Some(a) = steer.alts.as_deref_mut() {
                        a.push(FiniteAlt::of(scores, best, steer.finite));
                    }
                    match steer.force {
                        Some((f, c)) if f == i => c,
                        _ => best as u8,
                    }
                }
            };
            out.push(c);
            p2 = p1;
            p1 = u64::from(c);
        }
    }

    fn fill_context(&self, sent: &Sentence, ctx: &mut Vec<WordInfo>) {
        fill_context(&self.lex, sent, ctx);
    }

    /// The joint (XPOS, UPOS) classes the tagger predicts.
    pub fn classes(&self) -> &[(Xpos, Upos)] {
        &self.classes
    }

    /// Number of stored (feature, class) weights.
    pub fn weight_count(&self) -> usize {
        self.weights.values.len() + self.second.as_ref().map_or(0, |w| w.values.len())
    }

    /// Trains a tagger on gold-tagged sentences (their `upos` and `xpos`).
    ///
    /// Training is deterministic for given data and options.
    ///
    /// # Errors
    /// [`Error::Train`] if there is no word to train on or more than 255
    /// distinct (XPOS, UPOS) pairs.
    pub fn train(sents: &[Sentence], opts: &TrainOptions) -> Result<Tagger> {
        Tagger::train_with(sents, opts, |_, _| {})
    }

    /// Like [`Tagger::train`], calling `after_epoch(epoch, &tagger)` with the
    /// averaged model after each pass (for tuning on held-out data).
    ///
    /// # Errors
    /// As [`Tagger::train`].
    pub fn train_with(
        sents: &[Sentence],
        opts: &TrainOptions,
        mut after_epoch: impl FnMut(u32, &Tagger),
    ) -> Result<Tagger> {
        if opts.folds < 2 {
            return Trainer::new(sents, opts)?.run(sents, opts, None, after_epoch);
        }
        // The second pass is trained on first-pass tags of the training
        // data. Tags from a model that saw the sentence would be too good,
        // so each fold is tagged by a model trained on the other folds.
        let k = opts.folds as usize;
        let full = Trainer::new(sents, opts)?;
        let ids: HashMap<(Xpos, Upos), u8> =
            full.classes.iter().enumerate().map(|(i, &c)| (c, i as u8)).collect();
        let mut right: Vec<Vec<u8>> = vec![Vec::new(); sents.len()];
        for fold in 0..k {
            let sub: Vec<Sentence> = sents
                .iter()
                .enumerate()
                .filter(|(i, _)| i % k != fold)
                .map(|(_, s)| s.clone())
                .collect();
            let t = Trainer::new(&sub, opts)?.run(&sub, opts, None, |_, _| {})?;
            for i in (fold..sents.len()).step_by(k) {
                let mut s = sents[i].clone();
                t.tag(&mut s);
                right[i] = s
                    .words
                    .iter()
                    .map(|w| ids.get(&(w.xpos, w.upos)).copied().unwrap_or(0))
                    .collect();
            }
            if opts.verbose {
                eprintln!("tagger: fold {}/{k} tagged", fold + 1);
            }
        }
        let first = full.run(sents, opts, None, |_, _| {})?;
        let mut second = Trainer::new(sents, opts)?;
        second.right = Some(right);
        second.run(sents, opts, Some(&first.weights), |e, t| after_epoch(e, t))
    }

    /// Serialises the tagger (magic, version, classes, dictionaries,
    /// weights; little-endian).
    ///
    /// # Errors
    /// The writer's error.
    pub fn write_to(&self, w: &mut impl Write) -> std::io::Result<()> {
        let mut b = Vec::with_capacity(1 << 20);
        b.extend_from_slice(MAGIC);
        put_u32(&mut b, VERSION);
        put_u32(&mut b, self.classes.len() as u32);
        for &(x, u) in &self.classes {
            b.push(x.0);
            b.push(u as u8);
        }
        let mut dict: Vec<_> = self.lex.dict.iter().map(|(&k, &v)| (k, v)).collect();
        dict.sort_unstable();
        put_u32(&mut b, dict.len() as u32);
        for (k, v) in dict {
            put_u64(&mut b, k);
            b.push(v);
        }
        let mut amb: Vec<_> = self.lex.amb.iter().map(|(&k, &v)| (k, v)).collect();
        amb.sort_unstable();
        put_u32(&mut b, amb.len() as u32);
        for (k, v) in amb {
            put_u64(&mut b, k);
            put_u64(&mut b, v);
        }
        put_weights(&mut b, &self.weights);
        b.push(u8::from(self.second.is_some()));
        if let Some(w) = &self.second {
            put_weights(&mut b, w);
        }
        w.write_all(&b)
    }

    /// Reads a tagger written by [`Tagger::write_to`].
    ///
    /// # Errors
    /// [`Error::Model`] on a bad magic, an unsupported version, truncated
    /// or inconsistent data.
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger> {
        let mut r = Reader { b: bytes, pos: 0, what: "tagger" };
        if r.take(8)? != MAGIC {
            return Err(Error::model("tagger", "bad magic: not a dyad tagger section"));
        }
        let v = r.u32()?;
        if v != VERSION {
            return Err(Error::model("tagger", format!("version {v}, expected {VERSION}")));
        }
        let nc = r.u32()? as usize;
        if nc == 0 || nc > 255 {
            return Err(Error::model("tagger", format!("{nc} classes, expected 1..=255")));
        }
        let mut classes = Vec::with_capacity(nc);
        for _ in 0..nc {
            let x = r.u8()?;
            let u = r.u8()?;
            if x as usize >= Xpos::count() {
                return Err(Error::model("tagger", format!("unknown XPOS index {x}")));
            }
            let u = Upos::from_index(u as usize)
                .ok_or_else(|| Error::model("tagger", format!("unknown UPOS index {u}")))?;
            classes.push((Xpos(x), u));
        }
        let mut lex = Lexicon::default();
        let n = r.count(9)?;
        lex.dict.reserve(n);
        for _ in 0..n {
            let k = r.u64()?;
            let c = r.u8()?;
            if c as usize >= nc {
                return Err(Error::model("tagger", format!("dictionary class {c} out of range")));
            }
            lex.dict.insert(k, c);
        }
        let n = r.count(16)?;
        lex.amb.reserve(n);
        for _ in 0..n {
            let k = r.u64()?;
            lex.amb.insert(k, r.u64()?);
        }
        let weights = get_weights(&mut r, nc)?;
        let second = match r.u8()? {
            0 => None,
            1 => Some(get_weights(&mut r, nc)?),
            x => return Err(Error::model("tagger", format!("bad second-pass flag {x}"))),
        };
        if r.pos != bytes.len() {
            return Err(Error::model("tagger", format!("{} trailing bytes", bytes.len() - r.pos)));
        }
        Ok(Tagger { classes, lex, weights, second })
    }
}

/// The first-pass classes of words `i + 1` and `i + 2`, or end markers.
#[inline]
fn right_context(r: &[u8], i: usize, start: u64) -> (u64, u64) {
    let at = |j: usize| r.get(j).map_or(start + 2 + (j - i) as u64, |&c| u64::from(c));
    (at(i + 1), at(i + 2))
}

fn put_weights(b: &mut Vec<u8>, w: &Weights) {
    b.extend_from_slice(&w.scale.to_le_bytes());
    let mut rows: Vec<_> = w.rows.iter().map(|(&k, &v)| (k, v)).collect();
    rows.sort_unstable();
    put_u32(b, rows.len() as u32);
    for (k, (s, l)) in rows {
        put_u64(b, k);
        b.push(l as u8);
        for j in s as usize..(s + l) as usize {
            b.push(w.classes[j]);
            b.extend_from_slice(&w.values[j].to_le_bytes());
        }
    }
}

fn get_weights(r: &mut Reader<'_>, nc: usize) -> Result<Weights> {
    let s = r.take(4)?;
    let scale = f32::from_le_bytes([s[0], s[1], s[2], s[3]]);
    let n = r.count(9)?;
    let mut weights = Weights { scale, ..Weights::default() };
    weights.rows.reserve(n);
    for _ in 0..n {
        let k = r.u64()?;
        let l = u32::from(r.u8()?);
        let s = weights.classes.len() as u32;
        for _ in 0..l {
            let c = r.u8()?;
            if c as usize >= nc {
                return Err(Error::model("tagger", format!("weight class {c} out of range")));
            }
            weights.classes.push(c);
            weights.values.push(i16::from_le_bytes([r.u8()?, r.u8()?]));
        }
        weights.rows.insert(k, (s, l));
    }
    Ok(weights)
}

fn fill_context(lex: &Lexicon, sent: &Sentence, ctx: &mut Vec<WordInfo>) {
    ctx.clear();
    ctx.push(WordInfo::pad(1));
    ctx.push(WordInfo::pad(2));
    // Share of capitalised words among the alphabetic words after the first:
    // headlines and titles capitalise common nouns.
    let (mut alpha, mut caps) = (0u32, 0u32);
    for i in 0..sent.len() {
        ctx.push(WordInfo::compute(sent.form(i), lex));
        if i > 0
            && let Some(c) = sent.form(i).chars().next().filter(|c| c.is_alphabetic())
        {
            alpha += 1;
            caps += u32::from(c.is_uppercase());
        }
    }
    let style = match (alpha, caps) {
        (0, _) => 0,
        (a, c) if c * 5 < a => 1,
        (a, c) if c * 2 < a => 2,
        _ => 3,
    };
    for w in &mut ctx[PAD..] {
        w.style = style;
    }
    ctx.push(WordInfo::pad(3));
    ctx.push(WordInfo::pad(4));
}

pub(crate) fn put_u32(b: &mut Vec<u8>, v: u32) {
    b.extend_from_slice(&v.to_le_bytes());
}

pub(crate) fn put_u64(b: &mut Vec<u8>, v: u64) {
    b.extend_from_slice(&v.to_le_bytes());
}

/// A bounds-checked little-endian reader over a byte slice.
pub(crate) struct Reader<'a> {
    pub(crate) b: &'a [u8],
    pub(crate) pos: usize,
    pub(crate) what: &'static str,
}

impl<'a> Reader<'a> {
    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        if self.b.len() - self.pos < n {
            return Err(Error::model(self.what, format!("truncated at byte {}", self.pos)));
        }
        let s = &self.b[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    pub(crate) fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }
    pub(crate) fn u32(&mut self) -> Result<u32> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    pub(crate) fn u64(&mut self) -> Result<u64> {
        let s = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(s);
        Ok(u64::from_le_bytes(a))
    }
    /// A count of items of at least `min_size` bytes each; checked against
    /// the bytes left so a corrupt count cannot cause a huge allocation.
    pub(crate) fn count(&mut self, min_size: usize) -> Result<usize> {
        let n = self.u32()? as usize;
        if n.saturating_mul(min_size) > self.b.len() - self.pos {
            return Err(Error::model(self.what, format!("count {n} exceeds the data left")));
        }
        Ok(n)
    }
}

/// Training-time weights: feature -> sparse row of (class, weight,
/// accumulator).
struct Trainer {
    classes: Vec<(Xpos, Upos)>,
    lex: Lexicon,
    /// Gold class of each word of each sentence.
    gold: Vec<Vec<u8>>,
    rows: IdMap<u32>,
    entries: Vec<Vec<Entry>>,
    /// Instance counter for averaging.
    c: i64,
    /// First-pass classes of each word (second-pass training only).
    right: Option<Vec<Vec<u8>>>,
    /// Training count of each lower-cased word (by its hash).
    counts: IdMap<u32>,
}

#[derive(Clone, Copy)]
struct Entry {
    class: u8,
    w: i32,
    /// Sum of c * update, for averaging: avg = w - u / c.
    u: i64,
}

impl Trainer {
    fn new(sents: &[Sentence], opts: &TrainOptions) -> Result<Trainer> {
        let mut class_ids: HashMap<(Xpos, Upos), u8> = HashMap::new();
        let mut classes = Vec::new();
        let mut gold = Vec::with_capacity(sents.len());
        // Counts per raw form (for the dictionary) and lower form (ambiguity).
        let mut by_raw: IdMap<HashMap<u8, u32>> = IdMap::default();
        let mut by_low: IdMap<HashMap<u8, u32>> = IdMap::default();
        for s in sents {
            let mut g = Vec::with_capacity(s.len());
            for (i, w) in s.words.iter().enumerate() {
                let key = (w.xpos, w.upos);
                let c = match class_ids.get(&key) {
                    Some(&c) => c,
                    None => {
                        if classes.len() == 255 {
                            return Err(Error::Train("more than 255 (XPOS, UPOS) pairs".into()));
                        }
                        classes.push(key);
                        let c = (classes.len() - 1) as u8;
                        class_ids.insert(key, c);
                        c
                    }
                };
                g.push(c);
                *by_raw.entry(hash_str(s.form(i))).or_default().entry(c).or_default() += 1;
                *by_low.entry(hash_lower(s.form(i))).or_default().entry(w.xpos.0).or_default() += 1;
            }
            gold.push(g);
        }
        if classes.is_empty() {
            return Err(Error::Train("no words to train the tagger on".into()));
        }
        let mut lex = Lexicon::default();
        for (k, counts) in &by_raw {
            let total: u32 = counts.values().sum();
            let (&best, &n) = counts
                .iter()
                .max_by_key(|(c, n)| (**n, std::cmp::Reverse(**c)))
                .unwrap_or((&0, &0));
            if total >= opts.dict_min_count && n as f32 >= opts.dict_min_share * total as f32 {
                lex.dict.insert(*k, best);
            }
        }
        for (k, counts) in &by_low {
            let total: u32 = counts.values().sum();
            if total < opts.min_word_count {
                continue;
            }
            let mut mask = 0u64;
            for (&x, &n) in counts {
                // Ignore tags seen in under 5% of a word's uses (noise).
                if n * 20 >= total {
                    mask |= 1 << (x % 64);
                }
            }
            lex.amb.insert(*k, mask);
        }
        let counts = by_low.iter().map(|(&k, c)| (k, c.values().sum())).collect();
        Ok(Trainer {
            classes,
            lex,
            gold,
            rows: IdMap::default(),
            entries: Vec::new(),
            c: 1,
            right: None,
            counts,
        })
    }

    fn update(&mut self, feats: &[u64], class: u8, d: i32) {
        for f in feats {
            let n = self.entries.len() as u32;
            let r = *self.rows.entry(*f).or_insert(n) as usize;
            if r == self.entries.len() {
                self.entries.push(Vec::new());
            }
            let row = &mut self.entries[r];
            match row.iter_mut().find(|e| e.class == class) {
                Some(e) => {
                    e.w += d;
                    e.u += self.c * i64::from(d);
                }
                None => row.push(Entry { class, w: d, u: self.c * i64::from(d) }),
            }
        }
    }

    fn score(&self, feats: &[u64], scores: &mut [i32]) {
        for f in feats {
            if let Some(&r) = self.rows.get(f) {
                for e in &self.entries[r as usize] {
                    scores[e.class as usize] += e.w;
                }
            }
        }
    }

    fn run(
        mut self,
        sents: &[Sentence],
        opts: &TrainOptions,
        first: Option<&Weights>,
        mut after_epoch: impl FnMut(u32, &Tagger),
    ) -> Result<Tagger> {
        let mut order: Vec<usize> = (0..sents.len()).collect();
        let mut rng = opts.seed ^ 0x2545_F491_4F6C_DD1D;
        let mut ctx = Vec::new();
        let mut scores = vec![0i32; self.classes.len()];
        let mut feats = [0u64; NF];
        let start = self.classes.len() as u64;
        let mut tagger = None;
        let drop_p = f64::from(opts.rare_dropout);
        let drop_max = opts.rare_dropout_max_count;
        for epoch in 0..opts.epochs {
            // Fisher-Yates with xorshift64*.
            for i in (1..order.len()).rev() {
                rng ^= rng >> 12;
                rng ^= rng << 25;
                rng ^= rng >> 27;
                let j = (rng.wrapping_mul(K2) % (i as u64 + 1)) as usize;
                order.swap(i, j);
            }
            let (mut right, mut total) = (0usize, 0usize);
            for &si in &order {
                let s = &sents[si];
                fill_context(&self.lex, s, &mut ctx);
                // Word dropout: hide the identity of words rare in training
                // some of the time, so that spelling and context features
                // learn what unknown words at tagging time need.
                if drop_p > 0.0 {
                    for w in &mut ctx[PAD..PAD + s.len()] {
                        if self.counts.get(&w.low).is_some_and(|&n| n <= drop_max) {
                            rng ^= rng >> 12;
                            rng ^= rng << 25;
                            rng ^= rng >> 27;
                            if (rng.wrapping_mul(K2) >> 11) as f64 / (1u64 << 53) as f64 <= drop_p {
                                w.raw = RARE;
                                w.low = RARE;
                                w.amb = mix(0, 0xa3b);
                            }
                        }
                    }
                }
                let (mut p1, mut p2) = (start, start + 1);
                for i in 0..s.len() {
                    let g = self.gold[si][i];
                    let pred = match self.lex.dict.get(&ctx[i + PAD].form) {
                        Some(&c) => c,
                        None => {
                            let r = self.right.as_ref().map(|r| right_context(&r[si], i, start));
                            let k = features(&ctx, i + PAD, p1, p2, r, &mut feats);
                            scores.iter_mut().for_each(|x| *x = 0);
                            self.score(&feats[..k], &mut scores);
                            let p = argmax(&scores) as u8;
                            if p != g {
                                self.update(&feats[..k], g, 1);
                                self.update(&feats[..k], p, -1);
                            }
                            p
                        }
                    };
                    self.c += 1;
                    right += usize::from(pred == g);
                    total += 1;
                    p2 = p1;
                    p1 = u64::from(pred);
                }
            }
            if opts.verbose {
                eprintln!(
                    "tagger epoch {}: train accuracy {:.2}%, {} features",
                    epoch + 1,
                    100.0 * right as f64 / total.max(1) as f64,
                    self.entries.len()
                );
            }
            let t = self.model(opts.prune, first);
            after_epoch(epoch + 1, &t);
            tagger = Some(t);
        }
        Ok(tagger.unwrap_or_else(|| self.model(opts.prune, first)))
    }

    /// The tagger with the averaged weights as its only pass, or as the
    /// second pass after `first`.
    fn model(&self, prune: f32, first: Option<&Weights>) -> Tagger {
        let w = self.averaged(prune);
        let (weights, second) = match first {
            Some(f) => (f.clone(), Some(w)),
            None => (w, None),
        };
        Tagger { classes: self.classes.clone(), lex: self.lex.clone(), weights, second }
    }

    /// The averaged, pruned and quantised weights.
    fn averaged(&self, prune: f32) -> Weights {
        let c = self.c as f64;
        let mut max = 0f64;
        let mut rows: Vec<(u64, Vec<(u8, f64)>)> = Vec::with_capacity(self.rows.len());
        let mut keys: Vec<(u64, u32)> = self.rows.iter().map(|(&k, &r)| (k, r)).collect();
        keys.sort_unstable();
        for (k, r) in keys {
            let mut row: Vec<(u8, f64)> = Vec::new();
            for e in &self.entries[r as usize] {
                let avg = f64::from(e.w) - e.u as f64 / c;
                if avg.abs() >= f64::from(prune) {
                    max = max.max(avg.abs());
                    row.push((e.class, avg));
                }
            }
            if !row.is_empty() {
                row.sort_unstable_by_key(|e| e.0);
                rows.push((k, row));
            }
        }
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut weights = Weights { scale: scale as f32, ..Weights::default() };
        for (k, row) in rows {
            let s = weights.classes.len() as u32;
            let mut l = 0;
            for (class, v) in row {
                let q = (v / scale).round() as i16;
                if q != 0 {
                    weights.classes.push(class);
                    weights.values.push(q);
                    l += 1;
                }
            }
            if l > 0 {
                weights.rows.insert(k, (s, l));
            }
        }
        weights
    }
}

/// Tagging accuracy on gold sentences.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct TagAccuracy {
    /// Words scored.
    pub words: usize,
    /// Words with the right UPOS.
    pub upos: usize,
    /// Words with the right XPOS.
    pub xpos: usize,
    /// Words with the right lemma (0 when no lemmatiser was given).
    pub lemma: usize,
    /// Words with UPOS, XPOS and lemma right.
    pub all: usize,
}

impl TagAccuracy {
    /// UPOS accuracy in percent.
    pub fn upos_pct(&self) -> f64 {
        pct(self.upos, self.words)
    }
    /// XPOS accuracy in percent.
    pub fn xpos_pct(&self) -> f64 {
        pct(self.xpos, self.words)
    }
    /// Lemma accuracy in percent.
    pub fn lemma_pct(&self) -> f64 {
        pct(self.lemma, self.words)
    }
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { 100.0 * a as f64 / b as f64 }
}

/// Tags (and, given a lemmatiser, lemmatises) a copy of each gold sentence
/// and counts the words whose UPOS, XPOS and lemma match the gold ones.
/// Lemmas are compared exactly (case included), as UD evaluation does.
pub fn evaluate_tagging(
    tagger: &Tagger,
    lemmatizer: Option<&crate::lemma::Lemmatizer>,
    gold: &[Sentence],
) -> TagAccuracy {
    let mut acc = TagAccuracy::default();
    let mut s = Sentence::new();
    for g in gold {
        s.clear();
        for (i, w) in g.words.iter().enumerate() {
            s.push(g.form(i), w.span, w.space_after);
        }
        tagger.tag(&mut s);
        if let Some(l) = lemmatizer {
            l.lemmatize(&mut s);
        }
        for (i, (p, w)) in s.words.iter().zip(&g.words).enumerate() {
            acc.words += 1;
            let u = p.upos == w.upos;
            let x = p.xpos == w.xpos;
            let l = lemmatizer.is_some() && s.lemma(i) == g.lemma(i);
            acc.upos += usize::from(u);
            acc.xpos += usize::from(x);
            acc.lemma += usize::from(l);
            acc.all += usize::from(u && x && l);
        }
    }
    acc
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_types::Span;

    fn sent(words: &[(&str, &str, &str)]) -> Sentence {
        let mut s = Sentence::new();
        for (i, (f, u, x)) in words.iter().enumerate() {
            s.push(f, Span::new(i, i), true);
            s.words[i].upos = Upos::parse(u).unwrap();
            s.words[i].xpos = Xpos::parse(x).unwrap();
        }
        s
    }

    /// Determiner + noun + verb sentences over made-up words, most seen
    /// once, so the tagger must learn from context and spelling.
    fn toy() -> Vec<Sentence> {
        let syl = ["ka", "lo", "mi", "tu", "ze", "ri", "po", "sa"];
        let mut v = Vec::new();
        for i in 0..64 {
            let noun = format!("{}{}", syl[i % 8], syl[i / 8]);
            let verb = format!("{}{}s", syl[(i * 3) % 8], syl[(i * 5 + 1) % 8]);
            let det = if i % 2 == 0 { "the" } else { "a" };
            v.push(sent(&[(det, "DET", "DT"), (&noun, "NOUN", "NN"), (&verb, "VERB", "VBZ")]));
        }
        v
    }

    #[test]
    fn learns_toy_data_and_generalises_suffixes() {
        let t =
            Tagger::train(&toy(), &TrainOptions { epochs: 5, ..TrainOptions::default() }).unwrap();
        let mut s = Sentence::new();
        for (i, w) in ["the", "glorp", "frobs"].iter().enumerate() {
            s.push(w, Span::new(i, i), true);
        }
        t.tag(&mut s);
        let tags: Vec<_> = s.words.iter().map(|w| (w.upos.as_str(), w.xpos.as_str())).collect();
        assert_eq!(tags, [("DET", "DT"), ("NOUN", "NN"), ("VERB", "VBZ")]);
    }

    #[test]
    fn serialisation_round_trip_and_errors() {
        let t =
            Tagger::train(&toy(), &TrainOptions { epochs: 3, ..TrainOptions::default() }).unwrap();
        let mut b = Vec::new();
        t.write_to(&mut b).unwrap();
        let t2 = Tagger::from_bytes(&b).unwrap();
        let mut b2 = Vec::new();
        t2.write_to(&mut b2).unwrap();
        assert_eq!(b, b2);
        assert!(Tagger::from_bytes(&b[..b.len() - 1]).is_err());
        assert!(Tagger::from_bytes(b"DYADTAGX").is_err());
        let mut bad = b.clone();
        bad[8] = 9; // version
        assert!(Tagger::from_bytes(&bad).unwrap_err().to_string().contains("version 9"));
    }

    #[test]
    fn empty_input() {
        assert!(Tagger::train(&[], &TrainOptions::default()).is_err());
        let t =
            Tagger::train(&toy(), &TrainOptions { epochs: 1, ..TrainOptions::default() }).unwrap();
        let mut s = Sentence::new();
        t.tag(&mut s);
        assert!(s.is_empty());
    }
}
