//! The coder's compiled view of a [`Lexicon`]: verb index, verb patterns
//! parsed into noun and prepositional slots, actor and agent tries, discard
//! and issue phrases, and the PICO code table.
//!
//! This is an adapter on top of `dyad-lexicon`'s public model (the lexicon
//! crate reads the files; the coder decides what the entries mean for a
//! dependency tree). Synsets are expanded here: single-word members become
//! one slot with alternatives, multi-word members one pattern variant each.

use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

/// FNV-1a: the coder's maps are keyed by short words and small integers,
/// where SipHash's DoS resistance buys nothing and costs a lot.
#[derive(Default, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A hash map with the FNV hasher.
pub(crate) type HashMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<Fnv>>;

use dyad_lexicon::model::{
    AgentPlacement, AgentPlural, CodeSpec, DateRange, Lexicon, PatternElem, PatternItem, Source,
    Synset,
};

/// Alternatives for one word slot, upper case.
pub(crate) type Alts = std::sync::Arc<[Box<str>]>;

/// A noun slot of a pattern: `{MOD MOD HEAD}` or a bare word.
#[derive(Clone, Debug, Default)]
pub(crate) struct NounPat {
    pub(crate) head: Alts,
    pub(crate) mods: Vec<Alts>,
}

/// A prepositional slot: `(PREP NOUN ...)`.
#[derive(Clone, Debug, Default)]
pub(crate) struct PrepPat {
    pub(crate) prep: Alts,
    pub(crate) nouns: Vec<NounPat>,
    /// `(PREP +)`: the target is this phrase.
    pub(crate) target: bool,
}

/// A verb pattern in slot form.
#[derive(Clone, Debug)]
pub(crate) struct CPattern {
    /// Nouns before `*`: matched against the subject phrase.
    pub(crate) pre: Vec<NounPat>,
    /// Nouns after `*`: matched against the object and oblique phrases.
    pub(crate) post_nouns: Vec<NounPat>,
    /// Prepositional phrases after `*`.
    pub(crate) post_preps: Vec<PrepPat>,
    /// Prepositional phrases before `*`: matched against the subject's preposition.
    pub(crate) pre_preps: Vec<PrepPat>,
    /// `+` before `*`: the target is the grammatical subject (swap on active verbs).
    pub(crate) target_before: bool,
    /// `$` after `*`: the source is after the verb (swap on active verbs).
    pub(crate) source_after: bool,
    /// `+` after `*` outside parentheses: the target is a phrase the pattern did not consume.
    pub(crate) target_after: bool,
    /// `%`: a compound actor; events are paired among conjoined subjects.
    pub(crate) pair: bool,
    /// The code.
    pub(crate) code: CodeSpec,
    /// Where it was read.
    pub(crate) source: Source,
    /// The pattern as written (rebuilt from its elements, synsets by name).
    pub(crate) text: Arc<str>,
    /// Number of words the pattern requires: more is more specific.
    pub(crate) weight: u32,
}

/// A verb of the verb index.
#[derive(Clone, Debug)]
pub(crate) struct VerbKey {
    pub(crate) group: u32,
    /// Words of a multi-word verb before the verb word (`WIRE` of `WIRE_+TAP`).
    pub(crate) before: Vec<Box<str>>,
    /// Words after the verb word (`OFF` of `+CORDON_OFF`).
    pub(crate) after: Vec<Box<str>>,
    /// The verb's code (its own, else the group's).
    pub(crate) code: CodeSpec,
    pub(crate) source: Source,
    /// The dictionary verb (`ATTACK`, `CORDON_OFF`), for transformations.
    pub(crate) word: Box<str>,
    /// Order of definition; later definitions win ties (UniversalPetrarch).
    pub(crate) order: u32,
}

/// A verb group with its compiled patterns.
#[derive(Clone, Debug)]
pub(crate) struct CGroup {
    pub(crate) name: String,
    pub(crate) patterns: Vec<CPattern>,
    /// Patterns by a word that must occur in the sentence for them to match
    /// (the head of their first slot), so that a clause only tries the
    /// patterns its words can trigger.
    pub(crate) by_word: HashMap<Box<str>, Vec<u32>>,
    /// Patterns with no word slot (tried for every clause).
    pub(crate) always: Vec<u32>,
}

impl CGroup {
    fn new(name: String, patterns: Vec<CPattern>) -> CGroup {
        let mut by_word: HashMap<Box<str>, Vec<u32>> = HashMap::default();
        let mut always = Vec::new();
        for (i, p) in patterns.iter().enumerate() {
            let trigger = p
                .post_nouns
                .first()
                .map(|n| &n.head)
                .or_else(|| p.post_preps.first().map(|x| &x.prep))
                .or_else(|| p.pre.first().map(|n| &n.head))
                .or_else(|| p.pre_preps.first().map(|x| &x.prep));
            match trigger {
                Some(alts) => {
                    for a in alts.iter() {
                        let v = by_word.entry(a.clone()).or_default();
                        if v.last() != Some(&(i as u32)) {
                            v.push(i as u32);
                        }
                    }
                }
                None => always.push(i as u32),
            }
        }
        CGroup { name, patterns, by_word, always }
    }
}

/// A word trie (phrases of upper-case words): one interned vocabulary and
/// one edge map for the whole trie, so that a dictionary of 50,000 actors
/// costs a few large allocations rather than one map per node.
#[derive(Clone, Debug)]
pub(crate) struct Trie<T> {
    words: HashMap<Box<str>, u32>,
    edges: HashMap<(u32, u32), u32>,
    values: Vec<Option<T>>,
}

impl<T> Default for Trie<T> {
    fn default() -> Self {
        Trie { words: HashMap::default(), edges: HashMap::default(), values: vec![None] }
    }
}

impl<T> Trie<T> {
    /// Inserts a phrase; returns the value slot of its end node.
    pub(crate) fn insert<S: AsRef<str>>(&mut self, words: &[S]) -> &mut Option<T> {
        let mut n = 0u32;
        for w in words {
            let w = w.as_ref();
            let id = match self.words.get(w) {
                Some(&id) => id,
                None => {
                    let id = self.words.len() as u32;
                    self.words.insert(w.into(), id);
                    id
                }
            };
            n = match self.edges.get(&(n, id)) {
                Some(&k) => k,
                None => {
                    self.values.push(None);
                    let k = (self.values.len() - 1) as u32;
                    self.edges.insert((n, id), k);
                    k
                }
            };
        }
        &mut self.values[n as usize]
    }

    /// The child of node `n` by word `w`.
    #[inline]
    pub(crate) fn step(&self, n: usize, w: &str) -> Option<usize> {
        let id = *self.words.get(w)?;
        self.edges.get(&(n as u32, id)).map(|&k| k as usize)
    }

    /// The value at node `n`.
    #[inline]
    pub(crate) fn value(&self, n: usize) -> Option<&T> {
        self.values.get(n).and_then(Option::as_ref)
    }

    /// Whether the trie holds no phrase.
    pub(crate) fn is_empty(&self) -> bool {
        self.edges.is_empty()
    }
}

/// Codes of one actor entry.
#[derive(Clone, Debug)]
pub(crate) struct ActorEntry {
    pub(crate) codes: Vec<(String, DateRange)>,
    pub(crate) source: Source,
}

/// An agent entry.
#[derive(Clone, Debug)]
pub(crate) struct AgentEntry {
    pub(crate) code: String,
    pub(crate) placement: AgentPlacement,
    pub(crate) source: Source,
}

/// A verb transformation `~ a (S T LOWER) ROOT = a VAR CODE`.
#[derive(Clone, Debug)]
pub(crate) struct CTrans {
    /// The governing verb.
    pub(crate) root: String,
    /// The embedded verb (`Q`: any).
    pub(crate) lower: String,
    /// The embedded clause's source: `a` (same as the root's), `b` (another actor), `_` (any).
    pub(crate) lower_source: char,
    /// The variable name of the embedded source (for the output side).
    pub(crate) lower_source_var: String,
    /// The variable the output's target is.
    pub(crate) out_var: String,
    /// The output code (`Q`: the embedded clause's code).
    pub(crate) code: String,
    pub(crate) source: Source,
}

/// The compiled lexicon the coder works with.
#[derive(Clone, Debug, Default)]
pub struct Compiled {
    pub(crate) files: Vec<String>,
    pub(crate) groups: Vec<CGroup>,
    pub(crate) verbs: HashMap<Box<str>, Vec<VerbKey>>,
    pub(crate) actors: Trie<u32>,
    pub(crate) actor_entries: Vec<ActorEntry>,
    pub(crate) agents: Trie<u32>,
    pub(crate) agent_entries: Vec<AgentEntry>,
    /// Discard phrases: value = (story, source).
    pub(crate) discards: Trie<(bool, Source)>,
    /// Issue phrases: value = (code, source).
    pub(crate) issues: Trie<(String, Source)>,
    pub(crate) pico: HashMap<String, i64>,
    pub(crate) pico_rev: HashMap<i64, String>,
    pub(crate) transformations: Vec<CTrans>,
}

impl Compiled {
    /// Compiles a lexicon.
    pub fn new(lex: &Lexicon) -> Compiled {
        let mut c = Compiled { files: lex.files.clone(), ..Compiled::default() };
        let synsets: HashMap<&str, &Synset> =
            lex.synsets.iter().map(|s| (s.name.as_str(), s)).collect();
        let mut order = 0u32;
        for (gi, g) in lex.verb_groups.iter().enumerate() {
            let mut patterns = Vec::new();
            for p in &g.patterns {
                let text: Arc<str> = elems_text(&p.elems, &p.code).into();
                for elems in expand(&p.elems, &synsets, 0) {
                    if let Some(cp) = structure(&elems, &p.code, p.source, &text) {
                        patterns.push(cp);
                    }
                }
            }
            c.groups.push(CGroup::new(g.name.clone(), patterns));
            for v in &g.verbs {
                let code = v.code.clone().unwrap_or_else(|| g.code.clone());
                let mut heads: Vec<(Vec<String>, usize)> = vec![(v.phrase.clone(), v.head)];
                match &v.forms {
                    Some(forms) => heads.extend(forms.iter().cloned()),
                    None => {
                        if v.phrase.len() > v.head {
                            for f in regular_forms(&v.phrase[v.head]) {
                                let mut ph = v.phrase.clone();
                                ph[v.head] = f;
                                heads.push((ph, v.head));
                            }
                        }
                    }
                }
                for (ph, h) in heads {
                    if h >= ph.len() {
                        continue;
                    }
                    let key = VerbKey {
                        group: gi as u32,
                        before: ph[..h].iter().map(|w| upper(w).into()).collect(),
                        after: ph[h + 1..].iter().map(|w| upper(w).into()).collect(),
                        code: code.clone(),
                        source: v.source,
                        word: v
                            .phrase
                            .iter()
                            .map(|w| upper(w))
                            .collect::<Vec<_>>()
                            .join("_")
                            .into(),
                        order,
                    };
                    c.verbs.entry(upper(&ph[h]).into()).or_default().push(key);
                }
                order += 1;
            }
        }
        // Actors.
        for a in &lex.actors {
            let id = c.actor_entries.len() as u32;
            c.actor_entries.push(ActorEntry {
                codes: a.codes.iter().map(|d| (d.code.clone(), d.range)).collect(),
                source: a.source,
            });
            for (name, _) in &a.names {
                let words: Vec<String> = name
                    .iter()
                    .map(|w| upper(w.trim_end_matches('_')))
                    .filter(|w| !w.is_empty())
                    .collect();
                if words.is_empty() {
                    continue;
                }
                // A phrase listed under two actors goes to the later one
                // (PRESIDENT_BUSH under GEORGE_BUSH, then GEORGE_W._BUSH).
                *c.actors.insert(&words) = Some(id);
            }
        }
        // Agents, with substitution markers and plurals.
        let subs: HashMap<&str, &Vec<String>> =
            lex.substitutions.iter().map(|s| (s.name.as_str(), &s.values)).collect();
        for a in &lex.agents {
            let id = c.agent_entries.len() as u32;
            c.agent_entries.push(AgentEntry {
                code: a.code.clone(),
                placement: a.placement,
                source: a.source,
            });
            let mut variants: Vec<Vec<String>> = vec![Vec::new()];
            for w in &a.phrase {
                let w = upper(w);
                let alts: Vec<String> = match substitution(&w, &subs) {
                    Some(v) => v,
                    None => vec![w],
                };
                let mut next = Vec::new();
                for v in &variants {
                    for alt in &alts {
                        let mut v2 = v.clone();
                        v2.extend(
                            alt.split(['_', ' ']).filter(|x| !x.is_empty()).map(str::to_string),
                        );
                        next.push(v2);
                    }
                }
                variants = next;
            }
            let mut all = Vec::new();
            for v in variants {
                if v.is_empty() {
                    continue;
                }
                match &a.plural {
                    AgentPlural::Regular => {
                        let mut p = v.clone();
                        let last = p.len() - 1;
                        p[last] = plural(&p[last]);
                        all.push(p);
                    }
                    AgentPlural::Given(ph) => all.push(ph.iter().map(|w| upper(w)).collect()),
                    AgentPlural::None => {}
                }
                all.push(v);
            }
            for v in all {
                let slot = c.agents.insert(&v);
                if slot.is_none() {
                    *slot = Some(id);
                }
            }
        }
        for t in &lex.transformations {
            // Only the two-level form `a ( S T LOWER ) ROOT = a V CODE` is read.
            let l: Vec<&str> = t.lhs.iter().map(String::as_str).collect();
            let r: Vec<&str> = t.rhs.iter().map(String::as_str).collect();
            if let ([_, "(", s, tv, lower, ")", root], [_, ov, code]) = (l.as_slice(), r.as_slice())
            {
                let lower_source = if *s == l[0] {
                    'a'
                } else if *s == "_" {
                    '_'
                } else {
                    'b'
                };
                let _ = tv;
                c.transformations.push(CTrans {
                    root: upper(root),
                    lower: upper(lower),
                    lower_source,
                    lower_source_var: (*s).to_string(),
                    out_var: (*ov).to_string(),
                    code: (*code).to_string(),
                    source: t.source,
                });
            }
        }
        for d in &lex.discards {
            let words: Vec<String> = d.phrase.iter().map(|w| upper(w)).collect();
            *c.discards.insert(&words) = Some((d.story, d.source));
        }
        for i in &lex.issues {
            // Markers (`N:`, `V:`, `PRE+`) are dropped: words are matched as written.
            let words: Vec<String> = i
                .phrase
                .iter()
                .map(|w| {
                    let w = upper(w);
                    let w = w.rsplit('+').next().unwrap_or(&w).to_string();
                    match w.split_once(':') {
                        Some((m, rest)) if m.len() == 1 => rest.to_string(),
                        _ => w,
                    }
                })
                .filter(|w| !w.is_empty())
                .collect();
            if !words.is_empty() {
                *c.issues.insert(&words) = Some((i.code.clone(), i.source));
            }
        }
        for p in &lex.pico {
            let mut v: i64 = 0;
            // Each term is (positive, value).
            for (pos, t) in &p.terms {
                if *pos {
                    v += i64::from(*t);
                } else {
                    v -= i64::from(*t);
                }
            }
            c.pico.insert(p.cameo.clone(), v);
            c.pico_rev.insert(v, p.cameo.clone());
        }
        c
    }

    /// `file:line` of a source.
    pub(crate) fn loc(&self, s: Source) -> String {
        let f = self.files.get(s.file.0 as usize).map(String::as_str).unwrap_or("?");
        let f = f.rsplit('/').next().unwrap_or(f);
        format!("{f}:{}", s.line)
    }

    /// Number of verb groups, verb keys and patterns (for reports).
    pub fn stats(&self) -> (usize, usize, usize) {
        (self.groups.len(), self.verbs.len(), self.groups.iter().map(|g| g.patterns.len()).sum())
    }
}

pub(crate) fn upper(s: &str) -> String {
    if s.bytes().all(|b| !b.is_ascii_lowercase()) && s.is_ascii() {
        return s.to_string();
    }
    s.to_uppercase()
}

fn substitution(w: &str, subs: &HashMap<&str, &Vec<String>>) -> Option<Vec<String>> {
    let start = w.find('!')?;
    let end = start + 1 + w[start + 1..].find('!')?;
    let name = &w[start + 1..end];
    let vals = subs.get(name).or_else(|| subs.get(name.to_ascii_uppercase().as_str()))?;
    Some(vals.iter().map(|v| format!("{}{}{}", &w[..start], upper(v), &w[end + 1..])).collect())
}

/// The regular English plural of an upper-case word (PETRARCH's rule).
pub(crate) fn plural(w: &str) -> String {
    if w.ends_with('Y') && !w.ends_with("AY") && !w.ends_with("EY") && !w.ends_with("OY") {
        format!("{}IES", &w[..w.len() - 1])
    } else if w.ends_with('S') || w.ends_with("SH") || w.ends_with("CH") || w.ends_with('X') {
        format!("{w}ES")
    } else {
        format!("{w}S")
    }
}

/// Regular inflections of a verb: -S, -ED, -ING (with the usual spelling rules).
fn regular_forms(v: &str) -> Vec<String> {
    let v = upper(v);
    let mut out = Vec::new();
    if v.len() < 2 {
        return out;
    }
    let stem_e = v.strip_suffix('E');
    out.push(plural(&v));
    match stem_e {
        Some(stem) => {
            out.push(format!("{v}D"));
            out.push(format!("{stem}ING"));
        }
        None if v.ends_with('Y')
            && !v.ends_with("AY")
            && !v.ends_with("EY")
            && !v.ends_with("OY") =>
        {
            out.push(format!("{}IED", &v[..v.len() - 1]));
            out.push(format!("{v}ING"));
        }
        None => {
            out.push(format!("{v}ED"));
            out.push(format!("{v}ING"));
        }
    }
    out
}

/// A pattern element after synset expansion.
#[derive(Clone, Debug)]
enum Tok {
    Word(Alts),
    Item(PatternItem),
}

const MAX_VARIANTS: usize = 256;

/// Expands synsets: single-word members become one slot, others one variant each.
fn expand(elems: &[PatternElem], synsets: &HashMap<&str, &Synset>, depth: u32) -> Vec<Vec<Tok>> {
    let mut variants: Vec<Vec<Tok>> = vec![Vec::new()];
    for e in elems {
        match &e.item {
            PatternItem::Word(w) => {
                for v in &mut variants {
                    v.push(Tok::Word(vec![Box::<str>::from(upper(w))].into()));
                }
            }
            PatternItem::Synset(name) => {
                let Some(s) = synsets.get(name.as_str()).filter(|_| depth < 4) else {
                    // Unknown synset: a slot that matches nothing.
                    for v in &mut variants {
                        v.push(Tok::Word(vec![Box::<str>::from(format!("&{name}"))].into()));
                    }
                    continue;
                };
                let mut singles: Vec<Box<str>> = Vec::new();
                let mut complex: Vec<Vec<Tok>> = Vec::new();
                for m in &s.members {
                    if let [PatternElem { item: PatternItem::Word(w), .. }] = m.elems.as_slice() {
                        let w = upper(w);
                        if !(m.no_plural || s.no_plural) {
                            singles.push(plural(&w).into());
                        }
                        singles.push(w.into());
                    } else {
                        complex.extend(expand(&m.elems, synsets, depth + 1));
                    }
                }
                let singles: Alts = singles.into();
                let mut next = Vec::new();
                for v in &variants {
                    if !singles.is_empty() {
                        let mut v2 = v.clone();
                        v2.push(Tok::Word(singles.clone()));
                        next.push(v2);
                    }
                    for cx in &complex {
                        if next.len() >= MAX_VARIANTS {
                            break;
                        }
                        // A multi-word member inside `{...}` or `(...)` is spliced
                        // in; elsewhere it is its own noun phrase.
                        let mut v2 = v.clone();
                        let bare_words = cx.iter().all(|t| matches!(t, Tok::Word(_)));
                        let in_group = open_group(v);
                        if bare_words && cx.len() > 1 && !in_group {
                            v2.push(Tok::Item(PatternItem::OpenNoun));
                            v2.extend(cx.iter().cloned());
                            v2.push(Tok::Item(PatternItem::CloseNoun));
                        } else {
                            v2.extend(cx.iter().cloned());
                        }
                        next.push(v2);
                    }
                }
                variants = next;
            }
            other => {
                for v in &mut variants {
                    v.push(Tok::Item(other.clone()));
                }
            }
        }
        variants.truncate(MAX_VARIANTS);
    }
    variants
}

/// Whether a `{` or `(` is open at the end of `v`.
fn open_group(v: &[Tok]) -> bool {
    let mut depth = 0i32;
    for t in v {
        match t {
            Tok::Item(PatternItem::OpenNoun | PatternItem::OpenPrep) => depth += 1,
            Tok::Item(PatternItem::CloseNoun | PatternItem::ClosePrep) => depth -= 1,
            _ => {}
        }
    }
    depth > 0
}

/// Reads the slot structure of an expanded pattern.
fn structure(toks: &[Tok], code: &CodeSpec, source: Source, text: &Arc<str>) -> Option<CPattern> {
    let mut p = CPattern {
        pre: Vec::new(),
        post_nouns: Vec::new(),
        post_preps: Vec::new(),
        pre_preps: Vec::new(),
        target_before: false,
        source_after: false,
        target_after: false,
        pair: false,
        code: code.clone(),
        source,
        text: text.clone(),
        weight: 0,
    };
    let mut after = false;
    let mut i = 0;
    let mut weight = 0u32;
    while i < toks.len() {
        match &toks[i] {
            Tok::Item(PatternItem::Verb) => {
                after = true;
                i += 1;
            }
            Tok::Item(PatternItem::Source) => {
                if after {
                    p.source_after = true;
                }
                i += 1;
            }
            Tok::Item(PatternItem::Target) => {
                if after {
                    p.target_after = true;
                } else {
                    p.target_before = true;
                }
                i += 1;
            }
            Tok::Item(PatternItem::Compound) => {
                p.pair = true;
                i += 1;
            }
            Tok::Item(PatternItem::Skip) => {
                i += 1;
            }
            Tok::Item(PatternItem::OpenNoun) => {
                let (n, k) = noun_group(toks, i + 1)?;
                weight += 1 + n.mods.len() as u32;
                if after {
                    p.post_nouns.push(n)
                } else {
                    p.pre.push(n)
                }
                i = k;
            }
            Tok::Item(PatternItem::OpenPrep) => {
                let mut j = i + 1;
                let Some(Tok::Word(prep)) = toks.get(j) else { return None };
                let mut pp = PrepPat { prep: prep.clone(), nouns: Vec::new(), target: false };
                j += 1;
                weight += 1;
                loop {
                    match toks.get(j)? {
                        Tok::Item(PatternItem::ClosePrep) => {
                            j += 1;
                            break;
                        }
                        Tok::Item(PatternItem::OpenNoun) => {
                            let (n, k) = noun_group(toks, j + 1)?;
                            weight += 1 + n.mods.len() as u32;
                            pp.nouns.push(n);
                            j = k;
                        }
                        Tok::Word(w) => {
                            weight += 1;
                            pp.nouns.push(NounPat { head: w.clone(), mods: Vec::new() });
                            j += 1;
                        }
                        Tok::Item(PatternItem::Target) => {
                            pp.target = true;
                            j += 1;
                        }
                        Tok::Item(PatternItem::Source | PatternItem::Compound) => {
                            j += 1;
                        }
                        Tok::Item(_) => j += 1,
                    }
                }
                if after {
                    p.post_preps.push(pp);
                } else {
                    p.pre_preps.push(pp);
                }
                i = j;
            }
            Tok::Word(w) => {
                weight += 1;
                let n = NounPat { head: w.clone(), mods: Vec::new() };
                if after {
                    p.post_nouns.push(n)
                } else {
                    p.pre.push(n)
                }
                i += 1;
            }
            Tok::Item(_) => i += 1,
        }
    }
    p.weight = weight;
    Some(p)
}

fn noun_group(toks: &[Tok], mut j: usize) -> Option<(NounPat, usize)> {
    let mut words: Vec<Alts> = Vec::new();
    loop {
        match toks.get(j)? {
            Tok::Item(PatternItem::CloseNoun) => {
                j += 1;
                break;
            }
            Tok::Word(w) => {
                words.push(w.clone());
                j += 1;
            }
            Tok::Item(_) => j += 1,
        }
    }
    let head = words.pop()?;
    Some((NounPat { head, mods: words }, j))
}

/// A pattern as written, from its elements (synsets by name).
fn elems_text(elems: &[PatternElem], code: &CodeSpec) -> String {
    let mut s = String::from("-");
    for e in elems {
        let piece: &str = match &e.item {
            PatternItem::Word(w) => w,
            PatternItem::Synset(n) => {
                s.push_str(if e.joined { "_&" } else { " &" });
                s.push_str(n);
                continue;
            }
            PatternItem::Verb => "*",
            PatternItem::Source => "$",
            PatternItem::Target => "+",
            PatternItem::Compound => "%",
            PatternItem::Skip => "^",
            PatternItem::OpenPrep => "(",
            PatternItem::ClosePrep => ")",
            PatternItem::OpenNoun => "{",
            PatternItem::CloseNoun => "}",
        };
        s.push(if e.joined { '_' } else { ' ' });
        s.push_str(piece);
    }
    let s = s.replace("( ", "(").replace(" )", ")").replace("{ ", "{").replace(" }", "}");
    format!("{s} [{}]", code.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_and_plurals() {
        assert_eq!(plural("ARMY"), "ARMIES");
        assert_eq!(plural("CHURCH"), "CHURCHES");
        assert_eq!(plural("TIE"), "TIES");
        assert_eq!(regular_forms("ACCUSE"), vec!["ACCUSES", "ACCUSED", "ACCUSING"]);
        assert_eq!(regular_forms("ATTACK"), vec!["ATTACKS", "ATTACKED", "ATTACKING"]);
    }

    #[test]
    fn trie_insert_and_step() {
        let mut t: Trie<u32> = Trie::default();
        *t.insert(&["UNITED", "STATES"]) = Some(7);
        let n = t.step(0, "UNITED").unwrap();
        let m = t.step(n, "STATES").unwrap();
        assert_eq!(t.value(m), Some(&7));
        assert_eq!(t.value(n), None);
        assert!(t.step(0, "STATES").is_none());
    }
}
