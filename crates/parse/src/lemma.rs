//! A lemmatiser learned from a treebank.
//!
//! A lemma is produced by an edit script applied to the form: set the case
//! (keep, lower-case, title-case, or the XPOS's default), strip `n` chars
//! from the end, append a string ("running" -> strip 3, append "" -> "run").
//! Scripts come from, in order:
//! 1. an exception table keyed by (lower-cased form, tag group), holding the
//!    training majority lemma wherever it beats the rules below on that
//!    word's training tokens (irregulars: "was"/VBD -> "be", "better"/JJR ->
//!    "good"; pronouns: "It"/PRP -> "it" but "i"/PRP -> "I"). Tag groups
//!    (VB*, NN/NNS, NNP/NNPS, JJ*, RB*, others alone) make the table robust
//!    to the tagger's confusions inside a group, such as VBD/VBN;
//! 2. suffix rules keyed by (XPOS, last 0..=6 chars of the lower-cased form),
//!    learned from word types, longest suffix first; a rule is stored only
//!    where it differs from the rule of the next shorter suffix;
//! 3. the identity, with the case rule of the XPOS.
//!
//! Case follows UD English EWT, with what to do learned from the data:
//! lemmas are lower-cased except for proper nouns (and "I"), which keep
//! their case, or get a capital ("mexico"/NNP -> "Mexico"); all-caps proper
//! nouns of five letters or more are title-cased ("SOUTER" -> "Souter")
//! while shorter ones stay ("FBI"). Numbers with thousands separators lose
//! them ("1,993,045" -> "1993045"), as in EWT.

use std::collections::HashMap;
use std::io::Write;

use dyad_types::{Sentence, Xpos};

use crate::error::{Error, Result};
use crate::tagger::{IdMap, Reader, hash_lower, mix, put_u32, put_u64};

/// Longest suffix (in chars) the rules look at.
const MAX_SUFFIX: usize = 6;

/// How a script sets the case before editing.
const KEEP: u8 = 0;
const LOWER: u8 = 1;
/// Upper-case the first char (EWT writes proper-noun lemmas capitalised
/// even where the form is not: "mexico" -> "Mexico").
const TITLE: u8 = 2;
/// The case rule of the word's XPOS (keep or lower): for forms without
/// upper-case letters, where keeping and lower-casing agree, so that the
/// rules learned from them apply to capitalised words too ("Network"/NN ->
/// "network", "01-Feb-02"/CD -> "01-Feb-02").
const DEFAULT: u8 = 3;
/// `strip` value meaning "replace the whole form by `append`".
const WHOLE: u8 = u8::MAX;

/// An edit script from a form to its lemma.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Script {
    case: u8,
    strip: u8,
    append: String,
}

fn recase(form: &str, case: u8, out: &mut String) {
    out.clear();
    match case {
        LOWER => out.extend(form.chars().flat_map(char::to_lowercase)),
        TITLE => {
            let mut cs = form.chars();
            if let Some(c) = cs.next() {
                out.extend(c.to_uppercase());
            }
            out.push_str(cs.as_str());
        }
        _ => out.push_str(form),
    }
}

impl Script {
    /// The case mode that maps `form` closest to `lemma`.
    fn case_for(form: &str, lemma: &str) -> u8 {
        let title = || lemma.chars().next().is_some_and(char::is_uppercase);
        if !form.chars().any(char::is_uppercase) {
            if title() { TITLE } else { DEFAULT }
        } else if !lemma.chars().any(char::is_uppercase) {
            LOWER
        } else if form.chars().next().is_some_and(|c| !c.is_uppercase()) && title() {
            TITLE
        } else {
            KEEP
        }
    }

    /// The script turning `form` into `lemma`.
    fn between(form: &str, lemma: &str) -> Script {
        let case = Script::case_for(form, lemma);
        let mut cased = String::new();
        // DEFAULT only arises for forms without upper case: any case works.
        recase(form, if case == DEFAULT { KEEP } else { case }, &mut cased);
        let f: Vec<char> = cased.chars().collect();
        let l: Vec<char> = lemma.chars().collect();
        let common = f.iter().zip(&l).take_while(|(a, b)| a == b).count();
        let strip = (f.len() - common).min(WHOLE as usize - 1) as u8;
        Script { case, strip, append: l[common..].iter().collect() }
    }

    /// The script that replaces any form by `lemma`.
    fn whole(lemma: &str) -> Script {
        Script { case: KEEP, strip: WHOLE, append: lemma.to_owned() }
    }

    /// Applies the script to `form`, writing the lemma into `out`; `keep`
    /// is the XPOS's case rule. Returns false (leaving `out` unspecified)
    /// if the form is too short.
    fn apply(&self, form: &str, keep: bool, out: &mut String) -> bool {
        if self.strip == WHOLE {
            out.clear();
            out.push_str(&self.append);
            return !out.is_empty();
        }
        let case = match self.case {
            DEFAULT if keep => KEEP,
            DEFAULT => LOWER,
            c => c,
        };
        recase(form, case, out);
        for _ in 0..self.strip {
            if out.pop().is_none() {
                return false;
            }
        }
        out.push_str(&self.append);
        !out.is_empty()
    }
}

/// Options for [`Lemmatizer::train`].
#[derive(Clone, Debug)]
pub struct LemmaOptions {
    /// Minimum number of training word types behind a suffix rule.
    pub min_rule_count: u32,
}

impl Default for LemmaOptions {
    fn default() -> Self {
        LemmaOptions { min_rule_count: 2 }
    }
}

/// A trained lemmatiser. Immutable and `Sync`.
#[derive(Clone, Debug, Default)]
pub struct Lemmatizer {
    scripts: Vec<Script>,
    /// (lower form, XPOS) key -> script.
    exceptions: IdMap<u32>,
    /// (XPOS, suffix) key -> script.
    rules: IdMap<u32>,
    /// Bit `x` set: words tagged XPOS `x` keep their case.
    keep_case: u64,
    /// Bit `x` of entry `n`: all-caps forms of `n` letters (the last entry:
    /// or more) tagged XPOS `x` get a title-case lemma ("SOUTER"/NNP ->
    /// "Souter", while "FBI"/NNP stays).
    title_caps: [u64; CAPS_LEN],
}

/// Length buckets for all-caps forms.
const CAPS_LEN: usize = 8;

/// The bucketed length of an all-caps alphabetic form of 2 or more letters.
fn all_caps_len(form: &str) -> Option<usize> {
    let mut n = 0;
    for c in form.chars() {
        if !c.is_uppercase() {
            return None;
        }
        n += 1;
    }
    (n >= 2).then_some(n.min(CAPS_LEN - 1))
}

/// Whether `lemma` is `form` (or its start) in title case: "Souter" for
/// "SOUTER", "Senator" for "SENATORS".
fn is_title_of(lemma: &str, form: &str) -> bool {
    let mut lc = lemma.chars();
    let mut fc = form.chars();
    match (lc.next(), fc.next()) {
        (Some(a), Some(b)) if a == b => {}
        _ => return false,
    }
    lc.clone().next().is_some() && lc.all(|c| c.is_lowercase()) && fc.any(|c| c.is_uppercase())
}

const MAGIC: &[u8; 8] = b"DYADLEM\0";
const VERSION: u32 = 2;

/// Exceptions are keyed by a coarse tag group, so that the tagger's
/// confusions inside a group (VBD/VBN, NN/NNS, JJ/JJR...) do not lose them.
fn exception_key(form: &str, xpos: Xpos) -> u64 {
    let group = match xpos.as_str() {
        "VB" | "VBD" | "VBG" | "VBN" | "VBP" | "VBZ" => 1,
        "NN" | "NNS" => 2,
        "NNP" | "NNPS" => 3,
        "JJ" | "JJR" | "JJS" => 4,
        "RB" | "RBR" | "RBS" => 5,
        _ => 0x100 + u64::from(xpos.0),
    };
    mix(hash_lower(form), 0x1e00 + group)
}

/// Keys of the suffixes of `form` (lower-cased), from the empty suffix up to
/// `MAX_SUFFIX` chars, for `xpos`. Returns how many were written.
fn suffix_keys(form: &str, xpos: Xpos, out: &mut [u64; MAX_SUFFIX + 1]) -> usize {
    let mut h = mix(0x5f5f, u64::from(xpos.0));
    out[0] = h;
    let mut n = 1;
    for c in form.chars().rev() {
        if n > MAX_SUFFIX {
            break;
        }
        for l in c.to_lowercase() {
            h = mix(h, u64::from(l));
        }
        out[n] = h;
        n += 1;
    }
    n
}

/// A number with thousands separators: digits, commas and dots only, with
/// a comma between two digits.
fn is_grouped_number(form: &str) -> bool {
    let b = form.as_bytes();
    b.iter().all(|c| c.is_ascii_digit() || *c == b',' || *c == b'.')
        && b.windows(3).any(|w| w[0].is_ascii_digit() && w[1] == b',' && w[2].is_ascii_digit())
}

impl Lemmatizer {
    /// Learns from gold sentences (forms, XPOS and lemmas). Words without a
    /// lemma or XPOS are skipped.
    ///
    /// # Errors
    /// [`Error::Train`] if no word has both a lemma and an XPOS.
    pub fn train(sents: &[Sentence], opts: &LemmaOptions) -> Result<Lemmatizer> {
        // Case rule per XPOS, from words with an upper-case letter.
        let mut keep = [0u32; 64];
        let mut lower = [0u32; 64];
        // All-caps forms by length: lemma in title case or not.
        let mut caps = [[0u32; 64]; CAPS_LEN];
        let mut caps_title = [[0u32; 64]; CAPS_LEN];
        let mut seen = 0usize;
        for s in sents {
            for (i, w) in s.words.iter().enumerate() {
                let (f, l) = (s.form(i), s.lemma(i));
                if l.is_empty() || w.xpos == Xpos::NONE {
                    continue;
                }
                seen += 1;
                if let Some(n) = all_caps_len(f) {
                    let x = (w.xpos.0 % 64) as usize;
                    caps[n][x] += 1;
                    caps_title[n][x] += u32::from(is_title_of(l, f));
                }
                if f.chars().any(char::is_uppercase) {
                    let x = (w.xpos.0 % 64) as usize;
                    if l.chars().any(char::is_uppercase) {
                        keep[x] += 1;
                    } else {
                        lower[x] += 1;
                    }
                }
            }
        }
        if seen == 0 {
            return Err(Error::Train("no word with both a lemma and an XPOS".into()));
        }
        let mut keep_case = 0u64;
        for x in 0..64 {
            if keep[x] > lower[x] {
                keep_case |= 1 << x;
            }
        }
        let mut title_caps = [0u64; CAPS_LEN];
        for n in 0..CAPS_LEN {
            for x in 0..64 {
                if caps_title[n][x] * 2 > caps[n][x] {
                    title_caps[n] |= 1 << x;
                }
            }
        }
        let mut lem = Lemmatizer { keep_case, title_caps, ..Lemmatizer::default() };
        let mut script_ids: HashMap<Script, u32> = HashMap::new();
        let mut intern = |lem: &mut Lemmatizer, script: Script| -> u32 {
            *script_ids.entry(script).or_insert_with_key(|s| {
                lem.scripts.push(s.clone());
                lem.scripts.len() as u32 - 1
            })
        };
        // Per word key: counts of (form, lemma); per suffix key: counts of
        // scripts; per word key: its chain of suffix keys.
        let mut by_word: IdMap<HashMap<(String, String, Xpos), u32>> = IdMap::default();
        let mut by_suffix: IdMap<HashMap<u32, u32>> = IdMap::default();
        let mut chains: IdMap<[u64; MAX_SUFFIX + 1]> = IdMap::default();
        let mut keys = [0u64; MAX_SUFFIX + 1];
        let mut seen_types = std::collections::HashSet::new();
        for s in sents {
            for (i, w) in s.words.iter().enumerate() {
                let (f, l) = (s.form(i), s.lemma(i));
                if l.is_empty() || w.xpos == Xpos::NONE {
                    continue;
                }
                let script = Script::between(f, l);
                let strip = script.strip as usize;
                let id = intern(&mut lem, script);
                let wk = exception_key(f, w.xpos);
                let pair = (f.to_owned(), l.to_owned(), w.xpos);
                *by_word.entry(wk).or_default().entry(pair).or_default() += 1;
                let n = suffix_keys(f, w.xpos, &mut keys);
                // Rules count word types, not tokens: they are for unseen
                // words, which look like rare types. A rule must not strip
                // chars beyond its suffix.
                let first = seen_types.insert((wk, id));
                for (k, key) in keys.iter().enumerate().take(n) {
                    if first && k >= strip {
                        *by_suffix.entry(*key).or_default().entry(id).or_default() += 1;
                    }
                }
                chains.entry(mix(wk, u64::from(w.xpos.0))).or_insert_with(|| {
                    let mut c = [0u64; MAX_SUFFIX + 1];
                    c[..n].copy_from_slice(&keys[..n]);
                    c
                });
            }
        }
        // Rules: best script per suffix, kept where it differs from the
        // nearest shorter suffix's. Walk each word's chain of suffix keys.
        let best_rule: IdMap<(u32, u32)> = by_suffix
            .iter()
            .map(|(&k, counts)| {
                let best = counts.iter().map(|(&id, &n)| (n, std::cmp::Reverse(id))).max();
                (k, (best.map_or(0, |b| b.1.0), counts.values().sum::<u32>()))
            })
            .collect();
        for chain in chains.values() {
            let mut parent: Option<u32> = None;
            for (k, key) in chain.iter().enumerate() {
                if k > 0 && *key == 0 {
                    break;
                }
                // Suffixes shorter than this word's strip have no count from it.
                let Some(&(id, total)) = best_rule.get(key) else { continue };
                // The empty suffix is always kept as backoff.
                if k > 0 && total < opts.min_rule_count {
                    break;
                }
                if parent != Some(id) {
                    lem.rules.insert(*key, id);
                }
                parent = Some(id);
            }
        }
        // Exceptions: a training word's majority lemma, where it is right
        // more often than the rules are for that word.
        let mut out = String::new();
        let mut chain = [0u64; MAX_SUFFIX + 1];
        let mut keys: Vec<u64> = by_word.keys().copied().collect();
        keys.sort_unstable();
        for wk in keys {
            let pairs = &by_word[&wk];
            let mut lemmas: HashMap<&str, u32> = HashMap::new();
            for ((_, l, _), n) in pairs {
                *lemmas.entry(l.as_str()).or_default() += n;
            }
            let Some((n_major, major)) = lemmas.iter().map(|(l, n)| (*n, *l)).max() else {
                continue;
            };
            let mut rule_right = 0;
            for ((f, l, x), n) in pairs {
                let m = suffix_keys(f, *x, &mut chain);
                let rule = lem.rule_for(&chain[..m]);
                if rule.is_some_and(|id| {
                    lem.scripts[id as usize].apply(f, lem.keeps_case(*x), &mut out) && out == *l
                }) {
                    rule_right += n;
                }
            }
            if n_major > rule_right {
                let id = intern(&mut lem, Script::whole(major));
                lem.exceptions.insert(wk, id);
            }
        }
        lem.compact();
        Ok(lem)
    }

    /// Drops scripts no table refers to and renumbers the rest.
    fn compact(&mut self) {
        let mut used: Vec<u32> =
            self.exceptions.values().chain(self.rules.values()).copied().collect();
        used.sort_unstable();
        used.dedup();
        let mut map = HashMap::new();
        let mut scripts = Vec::with_capacity(used.len());
        for (new, &old) in used.iter().enumerate() {
            map.insert(old, new as u32);
            scripts.push(self.scripts[old as usize].clone());
        }
        for v in self.exceptions.values_mut().chain(self.rules.values_mut()) {
            *v = map[v];
        }
        self.scripts = scripts;
    }

    fn keeps_case(&self, x: Xpos) -> bool {
        self.keep_case & (1 << (x.0 % 64)) != 0
    }

    /// The rule of the longest suffix in `chain` that has one.
    fn rule_for(&self, chain: &[u64]) -> Option<u32> {
        let mut found = None;
        for (k, key) in chain.iter().enumerate() {
            if k > 0 && *key == 0 {
                break;
            }
            if let Some(&id) = self.rules.get(key) {
                found = Some(id);
            }
        }
        found
    }

    /// The lemma of `form` tagged `xpos`, written into `out`.
    pub fn lemma_into(&self, form: &str, xpos: Xpos, out: &mut String) {
        if is_grouped_number(form) {
            // EWT writes "1,993,045" with the lemma "1993045" (all 108 such
            // numbers in train do).
            out.clear();
            out.extend(form.chars().filter(|&c| c != ','));
            return;
        }
        let script = match self.exceptions.get(&exception_key(form, xpos)) {
            Some(&id) => Some(id),
            None => {
                let mut keys = [0u64; MAX_SUFFIX + 1];
                let n = suffix_keys(form, xpos, &mut keys);
                if let Some(len) = all_caps_len(form)
                    && self.title_caps[len] & (1 << (xpos.0 % 64)) != 0
                {
                    // Title-case the form, then apply the rules to it.
                    let mut t = String::with_capacity(form.len());
                    recase(form, LOWER, &mut t);
                    let rest = t.chars().next().map_or(0, char::len_utf8);
                    let mut tt: String = form.chars().take(1).collect();
                    tt.push_str(&t[rest..]);
                    let mut keys2 = [0u64; MAX_SUFFIX + 1];
                    let m = suffix_keys(&tt, xpos, &mut keys2);
                    if let Some(id) = self.rule_for(&keys2[..m])
                        && self.scripts[id as usize].apply(&tt, true, out)
                    {
                        return;
                    }
                    out.clear();
                    out.push_str(&tt);
                    return;
                }
                self.rule_for(&keys[..n])
            }
        };
        if let Some(id) = script
            && self.scripts[id as usize].apply(form, self.keeps_case(xpos), out)
        {
            return;
        }
        out.clear();
        if self.keeps_case(xpos) {
            out.push_str(form);
        } else {
            out.extend(form.chars().flat_map(char::to_lowercase));
        }
    }

    /// Sets the lemma of every word of `sent` from its form and XPOS (run the
    /// tagger first).
    pub fn lemmatize(&self, sent: &mut Sentence) {
        thread_local! {
            static OUT: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
        }
        OUT.with(|out| {
            let out = &mut *out.borrow_mut();
            for i in 0..sent.len() {
                let x = sent.words[i].xpos;
                let form = sent.words[i].form;
                self.lemma_into(form.of(&sent.buf), x, out);
                sent.set_lemma(i, out);
            }
        });
    }

    /// Number of exception entries and suffix rules.
    pub fn table_sizes(&self) -> (usize, usize) {
        (self.exceptions.len(), self.rules.len())
    }

    /// Serialises the lemmatiser (magic, version, tables; little-endian).
    ///
    /// # Errors
    /// The writer's error.
    pub fn write_to(&self, w: &mut impl Write) -> std::io::Result<()> {
        let mut b = Vec::with_capacity(1 << 18);
        b.extend_from_slice(MAGIC);
        put_u32(&mut b, VERSION);
        put_u64(&mut b, self.keep_case);
        for m in self.title_caps {
            put_u64(&mut b, m);
        }
        put_u32(&mut b, self.scripts.len() as u32);
        for s in &self.scripts {
            b.push(s.case);
            b.push(s.strip);
            let a = s.append.as_bytes();
            b.push(a.len().min(255) as u8);
            b.extend_from_slice(&a[..a.len().min(255)]);
        }
        for table in [&self.exceptions, &self.rules] {
            let mut v: Vec<_> = table.iter().map(|(&k, &id)| (k, id)).collect();
            v.sort_unstable();
            put_u32(&mut b, v.len() as u32);
            for (k, id) in v {
                put_u64(&mut b, k);
                put_u32(&mut b, id);
            }
        }
        w.write_all(&b)
    }

    /// Reads a lemmatiser written by [`Lemmatizer::write_to`].
    ///
    /// # Errors
    /// [`Error::Model`] on a bad magic, an unsupported version, truncated
    /// or inconsistent data.
    pub fn from_bytes(bytes: &[u8]) -> Result<Lemmatizer> {
        let mut r = Reader { b: bytes, pos: 0, what: "lemmatizer" };
        if r.take(8)? != MAGIC {
            return Err(Error::model("lemmatizer", "bad magic: not a dyad lemmatizer section"));
        }
        let v = r.u32()?;
        if v != VERSION {
            return Err(Error::model("lemmatizer", format!("version {v}, expected {VERSION}")));
        }
        let keep_case = r.u64()?;
        let mut title_caps = [0u64; CAPS_LEN];
        for m in &mut title_caps {
            *m = r.u64()?;
        }
        let n = r.count(3)?;
        let mut scripts = Vec::with_capacity(n);
        for _ in 0..n {
            let case = r.u8()?;
            if case > DEFAULT {
                return Err(Error::model("lemmatizer", format!("unknown case mode {case}")));
            }
            let strip = r.u8()?;
            let len = r.u8()? as usize;
            let append = std::str::from_utf8(r.take(len)?)
                .map_err(|_| Error::model("lemmatizer", "script is not UTF-8"))?
                .to_owned();
            scripts.push(Script { case, strip, append });
        }
        let mut tables = [IdMap::default(), IdMap::default()];
        for t in &mut tables {
            let n = r.count(12)?;
            t.reserve(n);
            for _ in 0..n {
                let k = r.u64()?;
                let id = r.u32()?;
                if id as usize >= scripts.len() {
                    return Err(Error::model("lemmatizer", format!("script {id} out of range")));
                }
                t.insert(k, id);
            }
        }
        if r.pos != bytes.len() {
            return Err(Error::model(
                "lemmatizer",
                format!("{} trailing bytes", bytes.len() - r.pos),
            ));
        }
        let [exceptions, rules] = tables;
        Ok(Lemmatizer { scripts, exceptions, rules, keep_case, title_caps })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_types::Span;

    fn sent(words: &[(&str, &str, &str)]) -> Sentence {
        let mut s = Sentence::new();
        for (i, (f, x, l)) in words.iter().enumerate() {
            s.push(f, Span::new(i, i), true);
            s.words[i].xpos = Xpos::parse(x).unwrap();
            s.set_lemma(i, l);
        }
        s
    }

    fn train() -> Lemmatizer {
        let data = vec![
            sent(&[
                ("Troops", "NNS", "troop"),
                ("attacked", "VBD", "attack"),
                ("Baku", "NNP", "Baku"),
            ]),
            sent(&[("dogs", "NNS", "dog"), ("walked", "VBD", "walk"), ("was", "VBD", "be")]),
            sent(&[("cats", "NNS", "cat"), ("jumped", "VBD", "jump"), ("Iran", "NNP", "Iran")]),
            sent(&[("The", "DT", "the"), ("talks", "NNS", "talk"), ("ended", "VBD", "end")]),
        ];
        Lemmatizer::train(&data, &LemmaOptions { min_rule_count: 1 }).unwrap()
    }

    #[test]
    fn rules_exceptions_and_case() {
        let l = train();
        let mut out = String::new();
        for (form, x, want) in [
            ("Protests", "NNS", "protest"),
            ("bombed", "VBD", "bomb"),
            ("Was", "VBD", "be"),
            ("Moscow", "NNP", "Moscow"),
            ("A", "DT", "a"),
            ("x", "NNS", "x"),
            ("1,993,045.5", "CD", "1993045.5"),
        ] {
            l.lemma_into(form, Xpos::parse(x).unwrap(), &mut out);
            assert_eq!(out, want, "{form}/{x}");
        }
    }

    #[test]
    fn script_between_and_apply() {
        let s = Script::between("Walking", "walk");
        assert_eq!(s, Script { case: LOWER, strip: 3, append: String::new() });
        assert_eq!(Script::between("mexico", "Mexico").case, TITLE);
        assert_eq!(Script::between("NASA", "NASA").case, KEEP);
        assert_eq!(Script::between("iPhone", "iPhone").case, KEEP);
        let mut out = String::new();
        assert!(s.apply("Jumping", false, &mut out));
        assert_eq!(out, "jump");
        assert!(!s.apply("ab", false, &mut out));
    }

    #[test]
    fn serialisation_round_trip() {
        let l = train();
        let mut b = Vec::new();
        l.write_to(&mut b).unwrap();
        let l2 = Lemmatizer::from_bytes(&b).unwrap();
        let mut b2 = Vec::new();
        l2.write_to(&mut b2).unwrap();
        assert_eq!(b, b2);
        assert!(Lemmatizer::from_bytes(&b[..b.len() - 2]).is_err());
        assert!(Lemmatizer::from_bytes(b"nope").is_err());
    }
}
