//! A learned sentence-boundary classifier for gaps inside a line.
//!
//! The rules in `segment.rs` handle punctuated text well, but web and news
//! text also has sentences without final punctuation ("Kay Mann 04/26/2001
//! 07:17 AM Will you ...", "Thanks, Anne", "Frank Sinatra died He also"),
//! and periods that do not end one ("because of X. So", "Yahoo! and AOL").
//! An averaged perceptron over hashed features of the tokens around a gap
//! (the three words before and after, their shapes, lower-case forms and
//! word classes, the first word of the sentence, the rules' own decision,
//! the length of the sentence so far, how it is capitalised, how the
//! sentence before it ended, open brackets and quotes, how far the line
//! goes on) decides every candidate gap (see [`is_candidate`]): it can add a boundary
//! the rules missed and remove one they made. The rules' decision is a
//! feature, so where the data says little the model follows them. A word's
//! class is its commonest universal part of speech in the training
//! treebank (words seen at least `LEX_MIN_COUNT` times), which lets what
//! is learned about one word carry over to others of its kind ("... the
//! year Frank Sinatra died He also"). Features and training settings were
//! chosen by cross-validation on EWT train and a train -> dev run
//! (`examples/cv_boundary.rs`), never on test.
//!
//! The model file is `MAGIC` (8 bytes), the threshold (`i32`, little
//! endian), `2^BITS` little-endian `i16` weights, then the word-class
//! table: `2^LEX_BITS` little-endian `u16` slots. The embedded model is
//! trained on UD English-EWT train and dev, its threshold chosen by
//! cross-validation on them, by
//! `cargo run --release -p dyad-text --example train_boundary`.

use std::sync::Arc;

use dyad_types::Upos;

use crate::eval::{Counts, Gold, Scores};
use crate::segment::{ends_sentence, stands_alone};
use crate::tokenize::{self, RawToken};

/// Magic and version of the model file.
const MAGIC: &[u8; 8] = b"DYADSB03";
/// log2 of the number of weights.
const BITS: u32 = 18;
const SIZE: usize = 1 << BITS;
/// Bytes before the weights: magic and threshold.
const HEADER: usize = 12;
/// log2 of the number of word-class slots.
const LEX_BITS: u32 = 15;
const LEX_SIZE: usize = 1 << LEX_BITS;
/// Words seen fewer times than this in training stay out of the table, so
/// that training sees unknown words as often as new text does.
const LEX_MIN_COUNT: u32 = 4;
/// Quantised weights are scaled so that the largest is this.
const SCALE: f64 = 32000.0;
/// Perceptrons trained (on different shuffles) and averaged.
const BAGS: u64 = 5;

/// The embedded model, trained on UD English-EWT train and dev.
static EMBEDDED: &[u8] = include_bytes!("boundary.model");

/// Perceptron weights and decision threshold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Model {
    weights: Vec<i16>,
    threshold: i32,
    lexicon: Lexicon,
}

/// Word classes: the commonest universal part of speech of each word seen
/// in training, in an open table indexed by the word's hash. A slot is 11
/// bits of the hash (to tell most other words apart) and 5 bits of class.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Lexicon {
    slots: Vec<u16>,
}

impl Lexicon {
    /// The class of the word with hash `h` (0: unknown).
    #[inline]
    pub(crate) fn class(&self, h: u32) -> u32 {
        let v = self.slots[..LEX_SIZE][h as usize & (LEX_SIZE - 1)];
        if u32::from(v >> 5) == h >> 21 { u32::from(v & 31) } else { 0 }
    }

    /// Builds the table from (form, UPOS) pairs; commoner words win a slot.
    /// A class is the tag's discriminant plus one (0 is "not in the table").
    fn learn<'a>(words: impl Iterator<Item = (&'a str, Upos)>) -> Lexicon {
        let mut counts: std::collections::HashMap<u32, (u32, [u32; Upos::ALL.len()])> =
            std::collections::HashMap::new();
        for (form, upos) in words {
            let e =
                counts.entry(word_hash(form.as_bytes()) | 1).or_insert((0, [0; Upos::ALL.len()]));
            e.0 += 1;
            e.1[upos as usize] += 1;
        }
        let mut entries: Vec<(u32, u32, u16)> = counts
            .into_iter()
            .filter(|(_, (n, _))| *n >= LEX_MIN_COUNT)
            .map(|(h, (n, by))| {
                let mut best = 0;
                for (i, &k) in by.iter().enumerate() {
                    if k > by[best] {
                        best = i;
                    }
                }
                (n, h, best as u16 + 1)
            })
            .collect();
        entries.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut slots = vec![0u16; LEX_SIZE];
        for (_, h, c) in entries {
            let slot = &mut slots[h as usize & (LEX_SIZE - 1)];
            if *slot == 0 {
                *slot = ((h >> 21) as u16) << 5 | c;
            }
        }
        Lexicon { slots }
    }
}

impl Model {
    /// The embedded model, parsed once; `None` if it is malformed (then
    /// the rules alone segment).
    pub(crate) fn embedded() -> Option<Arc<Model>> {
        static MODEL: std::sync::OnceLock<Option<Arc<Model>>> = std::sync::OnceLock::new();
        MODEL.get_or_init(|| Model::from_bytes(EMBEDDED).ok().map(Arc::new)).clone()
    }

    /// Parses a model file.
    pub(crate) fn from_bytes(b: &[u8]) -> Result<Model, String> {
        if b.len() < 8 || &b[..8] != MAGIC {
            return Err(format!(
                "not a dyad sentence-boundary model of this version (expected magic {:?})",
                std::str::from_utf8(MAGIC).unwrap_or("?")
            ));
        }
        if b.len() != HEADER + 2 * SIZE + 2 * LEX_SIZE {
            return Err(format!(
                "expected {} bytes, found {}",
                HEADER + 2 * SIZE + 2 * LEX_SIZE,
                b.len()
            ));
        }
        let threshold = i32::from_le_bytes([b[8], b[9], b[10], b[11]]);
        let (w, l) = b[HEADER..].split_at(2 * SIZE);
        let weights = w.chunks_exact(2).map(|c| i16::from_le_bytes([c[0], c[1]])).collect();
        let slots = l.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
        Ok(Model { weights, threshold, lexicon: Lexicon { slots } })
    }

    fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER + 2 * SIZE + 2 * LEX_SIZE);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.threshold.to_le_bytes());
        for w in &self.weights {
            out.extend_from_slice(&w.to_le_bytes());
        }
        for s in &self.lexicon.slots {
            out.extend_from_slice(&s.to_le_bytes());
        }
        out
    }

    /// The word-class table.
    pub(crate) fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Whether the gap with these features ends a sentence.
    #[inline]
    pub(crate) fn predict(&self, feats: &[u32]) -> bool {
        // Sliced to SIZE and masked, so that the compiler drops the bounds
        // checks (`from_bytes` and training make SIZE weights).
        let w = &self.weights[..SIZE];
        let s: i32 = feats.iter().map(|&f| i32::from(w[f as usize & (SIZE - 1)])).sum();
        s > self.threshold
    }
}

/// Whether the classifier decides the gap before token `u` (inside a line,
/// in a sentence that has a word, where the rules said `rule`): every gap
/// the rules call a boundary (the model may remove it), and the spaced gaps
/// before a token that does not start with a lower-case letter (except a
/// lone "i", common at the start of web sentences) or with punctuation
/// that continues a sentence. Elsewhere the rules' "no" stands; on EWT
/// train hardly any boundary hides there, and skipping those gaps keeps
/// the classifier off most of the text.
#[inline]
pub(crate) fn is_candidate(norm: &str, toks: &[RawToken], u: usize, rule: bool) -> bool {
    if rule {
        return true;
    }
    let b = norm.as_bytes();
    let next0 = b[toks[u].start as usize];
    if next0.is_ascii_lowercase() {
        return toks[u].end - toks[u].start == 1 && next0 == b'i';
    }
    !matches!(next0, b',' | b';' | b':' | b')' | b']' | b'%' | b'.' | b'!' | b'?')
}

/// Brackets and quotes opened in the current sentence.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Open {
    paren: u8,
    quote: bool,
    /// Words that start with a capital, and with a lower-case letter.
    upper: u8,
    lower: u8,
}

impl Open {
    /// Takes token `t` into account. A straight double quote opens a
    /// quotation when a space (or the line start) comes before it and none
    /// after it, and otherwise closes one, so that a quotation carried
    /// over from the sentence before ("... again," he said.) is not taken
    /// as still open.
    #[inline]
    pub(crate) fn push(&mut self, norm: &[u8], t: &RawToken) {
        let s = &norm[t.start as usize..t.end as usize];
        let c = s[0];
        // Counted without branches: capital and lower-case initials come
        // in no predictable order.
        self.upper = self.upper.saturating_add(u8::from(c.is_ascii_uppercase()));
        self.lower = self.lower.saturating_add(u8::from(c.is_ascii_lowercase()));
        if c < b'A' || matches!(c, b'[' | b']') {
            match c {
                b'(' | b'[' => self.paren = (self.paren + 1).min(2),
                b')' | b']' => self.paren = self.paren.saturating_sub(1),
                b'"' => {
                    let before = t.start == 0 || tokenize::is_ws(norm[t.start as usize - 1]);
                    let after = norm.get(t.end as usize).is_none_or(|&b| tokenize::is_ws(b));
                    self.quote = before && !after;
                }
                _ => {}
            }
        }
    }

    /// How the sentence so far is capitalised: 0 no words, 1 all capitals,
    /// 2 at least one capital per two lower-case words, 3 mostly lower case.
    fn caps(self) -> u32 {
        let (u, l) = (u32::from(self.upper), u32::from(self.lower));
        if u + l == 0 {
            0
        } else if l == 0 {
            1
        } else if u * 2 >= l {
            2
        } else {
            3
        }
    }

    fn code(self) -> u32 {
        u32::from(self.paren) << 1 | u32::from(self.quote)
    }
}

/// What the segmenter knows about a gap besides its tokens.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Gap {
    /// The first token of the current sentence.
    pub(crate) first: usize,
    /// Tokens left on the line after the gap.
    pub(crate) rest: usize,
    /// The punctuation rules' decision.
    pub(crate) rule: bool,
    /// Open brackets and quotes.
    pub(crate) open: Open,
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
        // A select rather than a branch: class changes are unpredictable.
        let next = (h ^ u32::from(k)).wrapping_mul(0x0100_0193);
        h = if k != last { next } else { h };
        last = k;
    }
    h ^ u32::from(s.len() > 10)
}

/// Number of features of a gap.
pub(crate) const N_FEATS: usize = 52;

/// Per-document cache of each token's (word hash, shape hash, word class);
/// a word hash of 0 is "not yet" (real ones have their low bit set).
#[derive(Debug, Default)]
pub(crate) struct HashCache {
    h: Vec<(u32, u32, u32)>,
}

impl HashCache {
    pub(crate) fn reset(&mut self, n: usize) {
        self.h.clear();
        self.h.resize(n, (0, 0, 0));
    }

    /// The (word hash, shape hash, word class) of token `i`.
    #[inline(always)]
    fn get(&mut self, b: &[u8], toks: &[RawToken], lex: &Lexicon, i: usize) -> (u32, u32, u32) {
        match self.h.get(i) {
            Some(&v) if v.0 != 0 => v,
            _ => self.fill(b, toks, lex, i),
        }
    }

    // Out of line and marked cold so that the hit path, which most calls
    // take, inlines small.
    #[cold]
    #[inline(never)]
    fn fill(&mut self, b: &[u8], toks: &[RawToken], lex: &Lexicon, i: usize) -> (u32, u32, u32) {
        let s = &b[toks[i].start as usize..toks[i].end as usize];
        let w = word_hash(s) | 1;
        let v = (w, shape_hash(s), lex.class(w));
        if let Some(slot) = self.h.get_mut(i) {
            *slot = v;
        }
        v
    }
}

fn bucket(n: usize) -> u32 {
    match n {
        0..=2 => n as u32,
        3..=5 => 3,
        6..=10 => 4,
        11..=20 => 5,
        _ => 6,
    }
}

/// The weight index of feature `k` with values `a` and `c`.
#[inline(always)]
fn mix(k: u64, a: u32, c: u32) -> u32 {
    let x = (u64::from(a) << 32 | u64::from(c)) ^ (k << 58);
    (x.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - BITS)) as u32
}

/// The feature indices of the gap between `t` and `u = t + 1`.
#[inline]
pub(crate) fn features(
    norm: &str,
    toks: &[RawToken],
    t: usize,
    u: usize,
    gap: Gap,
    lex: &Lexicon,
    cache: &mut HashCache,
) -> [u32; N_FEATS] {
    let b = norm.as_bytes();
    let none = (FNV, FNV, 31);
    let (wt, st, ct) = cache.get(b, toks, lex, t);
    let (wu, su, cu) = cache.get(b, toks, lex, u);
    let (wp, sp, cp) = if t > 0 { cache.get(b, toks, lex, t - 1) } else { none };
    let (wn, sn, cn) = if u + 1 < toks.len() { cache.get(b, toks, lex, u + 1) } else { none };
    let glued = u32::from(toks[t].end == toks[u].start);
    // The last two bytes of the previous token, case-folded.
    let tail = {
        let s = &b[toks[t].start as usize..toks[t].end as usize];
        let n = s.len();
        let a = if n >= 2 { s[n - 2] } else { 0 };
        u32::from(a | 0x20) << 8 | u32::from(s[n - 1] | 0x20) | 0x1_0000
    };
    // The first byte of the next token, case kept.
    let head = u32::from(b[toks[u].start as usize]);
    let r = u32::from(gap.rule);
    let len = bucket(u - gap.first);
    let wf = cache.get(b, toks, lex, gap.first).0;
    let rest = bucket(gap.rest);
    let open = gap.open.code();
    let (wq, sq, cq) = if t >= 2 { cache.get(b, toks, lex, t - 2) } else { none };
    let (w2, s2, c2) =
        if gap.rest > 2 && u + 2 < toks.len() { cache.get(b, toks, lex, u + 2) } else { none };
    // How the previous sentence on the line ended: 0 none (line start),
    // 1 a sentence-final mark, 2 other punctuation, 3 a word.
    let prev_end = if gap.first == 0 || toks[gap.first].nl_before > 0 {
        0
    } else {
        match b[toks[gap.first - 1].end as usize - 1] {
            b'.' | b'!' | b'?' => 1,
            c if c.is_ascii_alphanumeric() || c >= 0x80 => 3,
            _ => 2,
        }
    };
    let caps = gap.open.caps();
    [
        mix(0, 0, 0),
        mix(1, r, 0),
        mix(2, wt, r),
        mix(3, wu, r),
        mix(4, wp, 0),
        mix(5, wn, 0),
        mix(6, st, r),
        mix(7, su, r),
        mix(8, st, su),
        mix(9, wt, su),
        mix(10, st, wu),
        mix(11, wt, wu),
        mix(12, r, su ^ head << 8),
        mix(13, len, r),
        mix(14, rest, r),
        mix(15, sp ^ st.rotate_left(7), su),
        mix(16, glued, su),
        mix(17, sn, su ^ st.rotate_left(5)),
        mix(18, wp, wt),
        mix(19, wu, wn),
        mix(20, tail, su),
        mix(21, r, sn ^ su.rotate_left(3)),
        mix(22, open, r),
        mix(23, open, su),
        mix(24, len, su),
        mix(25, rest, su),
        mix(26, rest << 4 | len, r),
        mix(27, wp, wu),
        mix(28, wt, wn),
        mix(29, tail, head),
        mix(30, wf, len),
        mix(31, wf ^ st, su ^ len << 24),
        mix(32, wu, su ^ st.rotate_left(11)),
        mix(33, tail, wu),
        mix(34, ct << 10 | cu, r),
        mix(35, cp << 10 | ct, cu << 10 | cn),
        mix(36, ct << 10 | cu, su ^ st.rotate_left(9)),
        mix(37, ct << 10 | cu, len << 1 | r),
        mix(38, cu << 10 | cn, st),
        mix(39, cp << 10 | ct, su),
        mix(40, w2, su),
        mix(41, s2, sn ^ su.rotate_left(3)),
        mix(42, c2, cu << 10 | cn),
        mix(43, wq, st),
        mix(44, sq, sp ^ st.rotate_left(3)),
        mix(45, cq, cp << 10 | ct),
        mix(46, prev_end, r),
        mix(47, prev_end << 4 | len, su ^ st.rotate_left(3)),
        mix(48, prev_end, ct << 10 | cu),
        mix(49, caps, r),
        mix(50, caps << 4 | len, su ^ st.rotate_left(3)),
        mix(51, caps, ct << 10 | cu),
    ]
}

/// How [`train_boundary_model`] trains.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BoundarySettings {
    /// Passes over the training gaps per perceptron (default 12).
    pub epochs: usize,
    /// Seeds the order of the training gaps in each pass (default 0, the
    /// shipped model's). Other seeds show how much a figure owes to the
    /// order alone.
    pub seed: u64,
}

impl Default for BoundarySettings {
    fn default() -> Self {
        BoundarySettings { epochs: 12, seed: 0 }
    }
}

/// A trained sentence-boundary model and how its threshold was chosen.
#[derive(Clone, Debug)]
pub struct BoundaryTraining {
    /// The model file (the embedded one is `crates/text/src/boundary.model`).
    pub model: Vec<u8>,
    /// Every threshold tried (in units of the largest weight) with the
    /// scores on the tuning data; the model keeps the best sentence F1.
    pub sweep: Vec<(f64, Scores)>,
    /// The chosen threshold, in units of the largest weight.
    pub threshold: f64,
}

impl BoundaryTraining {
    /// The model file with its decision threshold set to `threshold` (in
    /// units of the largest weight) instead of the one chosen in training.
    pub fn with_threshold(&self, threshold: f64) -> Vec<u8> {
        match Model::from_bytes(&self.model) {
            Ok(mut m) => {
                m.threshold = (threshold * SCALE).round() as i32;
                m.to_bytes()
            }
            // `model` is always written by `to_bytes`.
            Err(_) => self.model.clone(),
        }
    }
}

/// Trains a boundary model on `train` and chooses its decision threshold
/// on `tune` (the best sentence F1 there; with no tuning data the
/// threshold is 0).
///
/// Every in-line gap of the system tokenisation that the classifier
/// decides (each gap the punctuation rules call a boundary, and each spaced
/// gap before a token that starts with neither a lower-case letter nor
/// punctuation that continues a sentence) is an example; it is positive
/// when a gold sentence ends where the earlier token ends. The sentence
/// length and the open brackets are counted from the gold boundaries. Five
/// perceptrons, each averaged over `settings.epochs` shuffled passes, are
/// averaged.
pub fn train_boundary_model(
    train: &[Gold],
    tune: &[Gold],
    settings: BoundarySettings,
) -> BoundaryTraining {
    let lexicon =
        Lexicon::learn(train.iter().flat_map(|g| g.words.iter().map(|(f, u)| (f.as_str(), *u))));
    let weights = fit(&examples(train, &lexicon, &mut Positions::default()), settings);
    let mut model = Arc::new(Model { weights, threshold: 0, lexicon });
    let mut sweep = Vec::new();
    let mut best: Option<(f64, f64)> = None; // (F1, threshold)
    let mut doc = dyad_types::Document::default();
    for k in if tune.is_empty() { 0..0 } else { -40..41 } {
        let th = f64::from(k) * 0.05;
        // The last threshold's segmenter is gone, so this copies nothing.
        Arc::make_mut(&mut model).threshold = (th * SCALE).round() as i32;
        let mut seg =
            crate::TextConfig::builder().with_model(Arc::clone(&model)).build().segmenter();
        let mut total = Scores::default();
        for g in tune {
            total.add(g.evaluate(&mut seg, &mut doc));
        }
        let f1 = total.sentences.f1();
        // Ties go to the threshold nearest 0.
        if best.is_none_or(|(b, bt)| f1 > b || (f1 == b && th.abs() < f64::abs(bt))) {
            best = Some((f1, th));
        }
        sweep.push((th, total));
    }
    let threshold = best.map_or(0.0, |b| b.1);
    Arc::make_mut(&mut model).threshold = (threshold * SCALE).round() as i32;
    BoundaryTraining { model: model.to_bytes(), sweep, threshold }
}

/// Where a boundary model's sentence errors on held-out gold data come
/// from (`examples/boundary_errors.rs` prints it).
///
/// Sentences are scored here by their boundaries alone: a sentence is
/// correct when the boundaries before and after it are consecutive gold
/// boundaries (so a token that differs at a sentence's edge does not count
/// against it, unlike [`Gold::evaluate`]). The three counts take away one
/// source of error at a time.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BoundaryDiagnosis {
    /// The segmenter's sentences: the classifier's own earlier decisions
    /// set where the current sentence started, which brackets are open and
    /// how it is capitalised.
    pub segmented: Counts,
    /// The classifier's decisions when those features come from the gold
    /// boundaries instead, with every gold paragraph break (what errors
    /// carried over from an earlier decision cost).
    pub gold_history: Counts,
    /// As `gold_history`, with every gold boundary added at the in-line
    /// gaps the classifier never decides (see [`is_candidate`]; nor does
    /// it after a sentence so far with neither a letter, a digit nor a
    /// separator such as "***", as in "-- Posted by"): what those gaps
    /// cost.
    pub all_gaps: Counts,
    /// In-line gaps the classifier decides, and those it never decides.
    pub gaps: (usize, usize),
    /// Gold boundaries at the gaps the classifier never decides.
    pub undecided_boundaries: usize,
    /// Every boundary the segmenter missed (`true`) or added (`false`), as
    /// the byte offset of the sentence end in the gold text.
    pub errors: Vec<(u32, bool)>,
}

/// Compares `model` (a model file from [`train_boundary_model`], not
/// trained on `dev`) with the gold boundaries of `dev`; see
/// [`BoundaryDiagnosis`].
///
/// # Errors
/// `model` is not a boundary model file.
pub fn diagnose_boundary_model(model: &[u8], dev: &Gold) -> Result<BoundaryDiagnosis, String> {
    let model = Arc::new(Model::from_bytes(model)?);
    let mut seg = crate::TextConfig::builder().with_model(Arc::clone(&model)).build().segmenter();
    let mut doc = dyad_types::Document::default();
    seg.segment(&dev.text, &mut doc);
    let gold: Vec<u32> = dev.sentences.iter().map(|s| s.1).collect();
    let system: Vec<u32> = doc.sentences.iter().map(|s| s.span.end).collect();
    let mut at = Positions::default();
    let examples = examples(std::slice::from_ref(dev), &model.lexicon, &mut at);
    // Gold boundaries at paragraph breaks and at the end of the text.
    let b = dev.text.as_bytes();
    let mut history: Vec<u32> =
        gold.iter().copied().filter(|&e| b.get(e as usize).is_none_or(|&c| c == b'\n')).collect();
    history.extend(
        examples.iter().zip(&at.decided).filter(|(e, _)| model.predict(&e.0)).map(|(_, p)| p.1),
    );
    history.sort_unstable();
    history.dedup();
    let mut all = history.clone();
    all.extend(at.undecided.iter().map(|p| p.1));
    all.sort_unstable();
    all.dedup();
    let gold_set: std::collections::HashSet<u32> = gold.iter().copied().collect();
    let system_set: std::collections::HashSet<u32> = system.iter().copied().collect();
    let mut errors: Vec<(u32, bool)> = gold
        .iter()
        .filter(|e| !system_set.contains(e))
        .map(|&e| (e, true))
        .chain(system.iter().filter(|e| !gold_set.contains(e)).map(|&e| (e, false)))
        .collect();
    errors.sort_unstable();
    Ok(BoundaryDiagnosis {
        segmented: by_boundaries(&gold, &system),
        gold_history: by_boundaries(&gold, &history),
        all_gaps: by_boundaries(&gold, &all),
        gaps: (at.decided.len(), at.gaps - at.decided.len()),
        undecided_boundaries: at.undecided.len(),
        errors,
    })
}

/// Sentence counts when sentences are the stretches between consecutive
/// boundaries (each the end offset of a sentence, sorted, the last at the
/// end of the text).
fn by_boundaries(gold: &[u32], system: &[u32]) -> Counts {
    let index: std::collections::HashMap<u32, usize> =
        gold.iter().enumerate().map(|(i, &e)| (e, i + 1)).collect();
    // Index 0 stands for the start of the text.
    let mut prev = Some(0);
    let mut correct = 0;
    for e in system {
        let cur = index.get(e).copied();
        if let (Some(p), Some(c)) = (prev, cur)
            && c == p + 1
        {
            correct += 1;
        }
        prev = cur;
    }
    Counts { gold: gold.len(), system: system.len(), correct }
}

/// Averaged, bagged perceptron weights for `examples`, quantised.
fn fit(examples: &[([u32; N_FEATS], bool)], settings: BoundarySettings) -> Vec<i16> {
    // BAGS perceptrons, each averaged over its own shuffled passes, are
    // averaged again: a linear model still, with less variance than one
    // run (5-fold cross-validation on EWT train with an earlier feature
    // set: sentence F1 90.60 against 90.48 for one unshuffled run).
    let mut avg = vec![0f64; SIZE];
    for bag in 0..BAGS {
        let mut w = vec![0f64; SIZE];
        let mut acc = vec![0f64; SIZE];
        let mut c = 1f64;
        let mut order: Vec<usize> = (0..examples.len()).collect();
        // Seed 0 gives the shuffles the shipped model was trained with.
        let mut rng: u64 = 0x2545_f491_4f6c_dd1d
            ^ settings.seed.wrapping_mul(0x1234_5678_9abc_def1)
            ^ (bag + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        for _ in 0..settings.epochs {
            // Fisher-Yates with xorshift64: reproducible without a crate.
            for i in (1..order.len()).rev() {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                order.swap(i, (rng % (i as u64 + 1)) as usize);
            }
            for &e in &order {
                let (f, y) = &examples[e];
                let s: f64 = f.iter().map(|&i| w[i as usize]).sum();
                let d = if *y { 1.0 } else { -1.0 };
                if s * d <= 0.0 {
                    for &i in f {
                        w[i as usize] += d;
                        acc[i as usize] += c * d;
                    }
                }
                c += 1.0;
            }
        }
        for (x, (w, a)) in avg.iter_mut().zip(w.iter().zip(&acc)) {
            *x += w - a / c;
        }
    }
    let max = avg.iter().fold(0f64, |m, x| m.max(x.abs())).max(1e-9);
    let weights: Vec<i16> = avg.iter().map(|x| (x / max * SCALE).round() as i16).collect();
    weights
}

/// Where the examples of [`examples`] sit: (index of the gold text, byte
/// offset of the end of the token before the gap).
#[derive(Debug, Default)]
struct Positions {
    /// In-line gaps (between two tokens on one line).
    gaps: usize,
    /// The gap of each example.
    decided: Vec<(usize, u32)>,
    /// In-line gaps the classifier does not decide (see [`is_candidate`];
    /// nor those after a sentence so far with neither a letter, a digit nor
    /// a separator) where a gold sentence ends.
    undecided: Vec<(usize, u32)>,
}

/// The (features, label) of every gap the classifier decides.
fn examples(golds: &[Gold], lex: &Lexicon, at: &mut Positions) -> Vec<([u32; N_FEATS], bool)> {
    let mut examples = Vec::new();
    let mut map = crate::normalize::NormMap::default();
    let mut norm = String::new();
    let mut raw = Vec::new();
    let mut suffix = Vec::new();
    let mut cache = HashCache::default();
    for (doc, g) in golds.iter().enumerate() {
        map.build(&g.text, &mut norm);
        raw.clear();
        tokenize::tokenize(&norm, &mut raw, &mut suffix);
        let ends: std::collections::HashSet<u32> = g.sentences.iter().map(|s| s.1).collect();
        let mut cursor = map.cursor();
        let orig_end: Vec<u32> = raw.iter().map(|t| cursor.end(t.end as usize) as u32).collect();
        let nb = norm.as_bytes();
        let mut cur_start = 0;
        let mut has_word = false;
        let mut open = Open::default();
        let mut line_end = 0;
        cache.reset(raw.len());
        for u in 1..raw.len() {
            let t = u - 1;
            let ts = &nb[raw[t].start as usize..raw[t].end as usize];
            has_word = has_word || stands_alone(ts);
            open.push(nb, &raw[t]);
            let label = ends.contains(&orig_end[t]);
            let rule = raw[u].nl_before == 0 && ends_sentence(&norm, &raw, cur_start, t, u);
            if raw[u].nl_before == 0 {
                at.gaps += 1;
                if has_word && is_candidate(&norm, &raw, u, rule) {
                    if line_end <= u {
                        line_end = next_line_start(&raw, u);
                    }
                    let gap = Gap { first: cur_start, rest: line_end - u, rule, open };
                    examples.push((features(&norm, &raw, t, u, gap, lex, &mut cache), label));
                    at.decided.push((doc, orig_end[t]));
                } else if label {
                    at.undecided.push((doc, orig_end[t]));
                }
            }
            if label || raw[u].nl_before > 0 {
                cur_start = u;
                has_word = false;
                open = Open::default();
            }
        }
    }
    examples
}

/// The index of the first token after `u` that starts a new line (or the
/// number of tokens).
pub(crate) fn next_line_start(toks: &[RawToken], u: usize) -> usize {
    toks[u + 1..].iter().position(|t| t.nl_before > 0).map_or(toks.len(), |k| u + 1 + k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_bad_files() {
        assert!(Model::from_bytes(b"nope").is_err());
        let mut b = vec![0u8; HEADER + 2 * SIZE + 2 * LEX_SIZE];
        b[..8].copy_from_slice(b"DYADSB01");
        assert!(Model::from_bytes(&b).unwrap_err().contains("magic"));
        b[..8].copy_from_slice(MAGIC);
        b[8..12].copy_from_slice(&(-7i32).to_le_bytes());
        let m = Model::from_bytes(&b).unwrap();
        assert_eq!(m.threshold, -7);
        assert_eq!(m.to_bytes(), b);
        assert!(Model::from_bytes(&b[..b.len() - 1]).unwrap_err().contains("expected"));
    }

    fn conllu(sentences: &[&str]) -> String {
        let mut out = String::from("# newdoc id = d\n");
        for s in sentences {
            // A paragraph of three sentences, like the test text.
            if s.contains("Yahoo") {
                out.push_str("# newpar\n");
            }
            out.push_str(&format!("# text = {s}\n"));
            let mut n = 0;
            for w in s.split(' ') {
                // "Yahoo!" and "AOL." are two words each.
                let (a, p) = match w.strip_suffix(['!', '.']) {
                    Some(a) => (a, &w[a.len()..]),
                    None => (w, ""),
                };
                for f in [a, p].into_iter().filter(|f| !f.is_empty()) {
                    n += 1;
                    out.push_str(&format!("{n}\t{f}\t_\n"));
                }
            }
            out.push('\n');
        }
        out
    }

    #[test]
    fn learns_to_remove_a_rule_boundary() {
        // The rules end a sentence at "!" even before a lower-case word;
        // the training data says "Yahoo! and" does not, so the model drops
        // that boundary and keeps the one after the period.
        let mut sents = Vec::new();
        for (a, b) in [("We", "AOL"), ("They", "Google"), ("You", "Bing"), ("I", "Lycos")] {
            sents.push(format!("{a} like Yahoo! and {b}."));
            sents.push(format!("{a} stay home."));
            sents.push(format!("Wow! {a} left."));
        }
        let sents: Vec<&str> = sents.iter().map(String::as_str).collect();
        let gold = Gold::parse(&conllu(&sents).repeat(20), std::path::Path::new("x")).unwrap();
        let settings = BoundarySettings { epochs: 5, ..BoundarySettings::default() };
        let t = train_boundary_model(
            std::slice::from_ref(&gold),
            std::slice::from_ref(&gold),
            settings,
        );
        let model = Arc::new(Model::from_bytes(&t.model).unwrap());
        let text = "You like Yahoo! and Excite. Wow! They left.";
        let split = |seg: &mut crate::Segmenter| {
            let mut doc = dyad_types::Document::default();
            seg.segment(text, &mut doc);
            doc.sentences.iter().map(|s| s.span.of(text).to_string()).collect::<Vec<_>>()
        };
        let rules = crate::TextConfig::builder().boundary_model(false).build();
        assert_eq!(
            split(&mut rules.segmenter()),
            ["You like Yahoo!", "and Excite.", "Wow!", "They left."]
        );
        // In the training data "Wow! We left." is one sentence too.
        let learned = crate::TextConfig::builder().with_model(model).build();
        assert_eq!(
            split(&mut learned.segmenter()),
            ["You like Yahoo! and Excite.", "Wow! They left."]
        );
    }

    #[test]
    fn diagnosis_separates_undecided_gaps() {
        // "home we" is a gold boundary before a lower-case word, a gap the
        // classifier never decides; nothing else in the text is a candidate.
        let gold = Gold::parse(&conllu(&["They stay home", "we left."]), std::path::Path::new("x"))
            .unwrap();
        let settings = BoundarySettings { epochs: 1, ..BoundarySettings::default() };
        let t = train_boundary_model(std::slice::from_ref(&gold), &[], settings);
        let d = diagnose_boundary_model(&t.model, &gold).unwrap();
        assert_eq!(d.segmented, Counts { gold: 2, system: 1, correct: 0 });
        assert_eq!(d.gold_history, d.segmented);
        assert_eq!(d.all_gaps, Counts { gold: 2, system: 2, correct: 2 });
        assert_eq!(d.gaps, (0, 5), "no gap is a candidate");
        assert_eq!(d.undecided_boundaries, 1);
        assert_eq!(d.errors, [(14, true)]);
        assert!(diagnose_boundary_model(b"nope", &gold).is_err());
    }

    #[test]
    fn embedded_model_loads() {
        assert!(Model::embedded().is_some());
    }

    #[test]
    fn open_brackets_and_quotes() {
        // Pushes every token of `text` (split at spaces, quotes and
        // brackets as the tokeniser would) and returns the state.
        fn run(text: &str) -> Open {
            let mut toks = Vec::new();
            let mut suffix = Vec::new();
            tokenize::tokenize(text, &mut toks, &mut suffix);
            let mut o = Open::default();
            for t in &toks {
                o.push(text.as_bytes(), t);
            }
            o
        }
        assert_eq!(run("( \"x )").code(), 1, "a quote opens before a word");
        assert_eq!(run("( \"x\" )").code(), 0, "and closes after one");
        assert_eq!(run("( \"x\" [ ( (").code(), 4, "brackets are capped at 2");
        // A quotation carried over from the sentence before is closed.
        assert_eq!(run("We will try again,\" he said.").code(), 0);
        assert_eq!(run("He said \"we").code(), 1);
        let caps = run("Take Care Traci and").caps();
        assert_eq!(caps, 2);
        assert_eq!(run("all lower case words here And").caps(), 3);
        assert_eq!(run("ALL CAPS").caps(), 1);
    }
}
