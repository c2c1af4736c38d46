//! The compiled lexicon: phrase tries over interned tokens for actors, agents,
//! discards and issues (leftmost-longest matching), verb patterns indexed by
//! verb form, expanded synsets, and an on-disk cache with a magic+version
//! header. Built once, then shared read-only (`Send + Sync`).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use dyad_types::Date;
use serde::{Deserialize, Serialize};

use crate::error::LexiconError;
use crate::model::{
    AgentPlacement, AgentPlural, CodeSpec, DateRange, Lexicon, PatternElem, PatternItem, Source,
};

/// Magic bytes at the start of a compiled-lexicon cache file.
pub const CACHE_MAGIC: &[u8; 8] = b"DYADLEX\0";
/// Version of the cache layout; bumped whenever the compiled form changes.
pub const CACHE_VERSION: u32 = 1;

/// Upper-cases a token the way dictionary phrases are normalised (PETRARCH
/// stores phrases upper case; curly apostrophes become `'`).
pub fn normalize_token(tok: &str, out: &mut String) {
    out.clear();
    if tok.bytes().all(|b| b.is_ascii() && !b.is_ascii_lowercase()) {
        out.push_str(tok);
        return;
    }
    for c in tok.chars() {
        match c {
            '\u{2019}' | '\u{2018}' => out.push('\''),
            c if c.is_ascii() => out.push(c.to_ascii_uppercase()),
            c => out.extend(c.to_uppercase()),
        }
    }
}

fn hash_str(s: &str) -> u64 {
    // FxHash-style mixing; the table only needs a cheap, deterministic spread.
    let mut h: u64 = 0;
    for b in s.bytes() {
        h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    h
}

/// Interned strings in one arena with an open-addressing index, so that the
/// cache loads without allocating per string or rebuilding a hash map.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct StrTable {
    arena: String,
    /// End offset of string `i` in `arena`.
    ends: Vec<u32>,
    /// Open addressing: `id + 1`, 0 for an empty slot; length a power of two.
    slots: Vec<u32>,
}

impl StrTable {
    fn get(&self, id: u32) -> &str {
        let i = id as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.arena[start..self.ends[i] as usize]
    }

    fn find(&self, s: &str) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = hash_str(s) as usize & mask;
        loop {
            let v = self.slots[i];
            if v == 0 {
                return None;
            }
            if self.get(v - 1) == s {
                return Some(v - 1);
            }
            i = (i + 1) & mask;
        }
    }

    fn len(&self) -> usize {
        self.ends.len()
    }
}

#[derive(Default)]
struct StrTableBuilder {
    map: HashMap<String, u32>,
    order: Vec<String>,
}

impl StrTableBuilder {
    fn intern(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.map.get(s) {
            return i;
        }
        let i = self.order.len() as u32;
        self.map.insert(s.to_string(), i);
        self.order.push(s.to_string());
        i
    }

    fn build(self) -> StrTable {
        let mut arena = String::new();
        let mut ends = Vec::with_capacity(self.order.len());
        for s in &self.order {
            arena.push_str(s);
            ends.push(arena.len() as u32);
        }
        let cap = (self.order.len() * 2).next_power_of_two().max(2);
        let mut slots = vec![0u32; cap];
        for (id, s) in self.order.iter().enumerate() {
            let mut i = hash_str(s) as usize & (cap - 1);
            while slots[i] != 0 {
                i = (i + 1) & (cap - 1);
            }
            slots[i] = id as u32 + 1;
        }
        StrTable { arena, ends, slots }
    }
}

/// A trie over token ids; each node may end a phrase with a payload index.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Trie {
    /// Per node, start of its edges in `edges` (length nodes + 1).
    first_edge: Vec<u32>,
    /// (token, child), sorted by token within a node.
    edges: Vec<(u32, u32)>,
    /// Per node, payload index or `u32::MAX`.
    output: Vec<u32>,
}

/// Mutable trie used while compiling: one edge map for all nodes.
#[derive(Default)]
struct TrieBuilder {
    edges: HashMap<(u32, u32), u32>,
    output: Vec<u32>,
}

impl TrieBuilder {
    fn new() -> Self {
        TrieBuilder { edges: HashMap::new(), output: vec![u32::MAX] }
    }

    /// Inserts a phrase; returns the previous payload at its end (shadowed), if any.
    fn insert(&mut self, ids: &[u32], payload: u32) -> Option<u32> {
        let mut node = 0u32;
        for &t in ids {
            let next = self.output.len() as u32;
            let child = *self.edges.entry((node, t)).or_insert(next);
            if child == next {
                self.output.push(u32::MAX);
            }
            node = child;
        }
        let prev = std::mem::replace(&mut self.output[node as usize], payload);
        (prev != u32::MAX).then_some(prev)
    }

    fn build(self) -> Trie {
        let mut all: Vec<(u32, u32, u32)> =
            self.edges.into_iter().map(|((n, t), c)| (n, t, c)).collect();
        all.sort_unstable();
        let nodes = self.output.len();
        let mut first_edge = vec![0u32; nodes + 1];
        for &(n, _, _) in &all {
            first_edge[n as usize + 1] += 1;
        }
        for i in 0..nodes {
            first_edge[i + 1] += first_edge[i];
        }
        let edges = all.into_iter().map(|(_, t, c)| (t, c)).collect();
        Trie { first_edge, edges, output: self.output }
    }
}

impl Trie {
    fn step(&self, node: u32, tok: u32) -> Option<u32> {
        let a = self.first_edge[node as usize] as usize;
        let b = self.first_edge[node as usize + 1] as usize;
        let e = &self.edges[a..b];
        e.binary_search_by_key(&tok, |x| x.0).ok().map(|i| e[i].1)
    }

    /// Longest phrase starting at `start`: (end, payload).
    fn longest_at(&self, ids: &[u32], start: usize) -> Option<(usize, u32)> {
        let mut node = 0u32;
        let mut best = None;
        for (k, &t) in ids[start..].iter().enumerate() {
            if t == u32::MAX {
                break;
            }
            match self.step(node, t) {
                Some(n) => {
                    node = n;
                    let o = self.output[n as usize];
                    if o != u32::MAX {
                        best = Some((start + k + 1, o));
                    }
                }
                None => break,
            }
        }
        best
    }

    fn nodes(&self) -> usize {
        self.output.len()
    }
}

/// An actor as stored: name and codes live in the lexicon's string table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct ActorRec {
    name: u32,
    codes: (u32, u32),
    source: Source,
}

/// A compiled actor: its primary name and codes with date ranges.
#[derive(Clone, Copy, Debug)]
pub struct ActorView<'a> {
    lex: &'a CompiledLexicon,
    rec: &'a ActorRec,
}

impl<'a> ActorView<'a> {
    /// The primary name, words joined by blanks.
    pub fn name(&self) -> &'a str {
        self.lex.strings.get(self.rec.name)
    }

    /// Codes in file order, with their date ranges.
    pub fn codes(&self) -> impl Iterator<Item = (&'a str, DateRange)> + 'a {
        let (a, n) = self.rec.codes;
        let lex = self.lex;
        lex.actor_codes[a as usize..(a + n) as usize]
            .iter()
            .map(move |(c, r)| (lex.strings.get(*c), *r))
    }

    /// Where the actor was defined.
    pub fn source(&self) -> Source {
        self.rec.source
    }

    /// The code that applies on `date`: the first dated code whose range holds
    /// the date, else the first undated code. Without a date: the first undated
    /// code, else the first code. `"---"` (PETRARCH's null code) is returned as is.
    pub fn code_on(&self, date: Option<Date>) -> Option<&'a str> {
        if let Some(d) = date {
            if let Some((c, _)) =
                self.codes().find(|(_, r)| *r != DateRange::Always && r.contains(d))
            {
                return Some(c);
            }
            return self.codes().find(|(_, r)| *r == DateRange::Always).map(|(c, _)| c);
        }
        self.codes()
            .find(|(_, r)| *r == DateRange::Always)
            .or_else(|| self.codes().next())
            .map(|(c, _)| c)
    }
}

/// A compiled agent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompiledAgent {
    /// The code (`"GOVFRM"`).
    pub code: String,
    /// Where it goes relative to the actor code.
    pub placement: AgentPlacement,
    /// Where it was defined.
    pub source: Source,
}

/// A verb of a group, with the code it takes alone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompiledVerb {
    /// Group index.
    pub group: u32,
    /// Words of the (multi-word) verb in base form, upper case.
    pub phrase: Vec<String>,
    /// Index of the verb word in `phrase`.
    pub head: usize,
    /// The code of the verb alone: its own, else its group's.
    pub code: CodeSpec,
    /// Where it was defined.
    pub source: Source,
}

/// A verb pattern with its group and code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompiledPattern {
    /// Group index.
    pub group: u32,
    /// Elements, words upper case; synsets by name (see [`CompiledLexicon::synset`]).
    pub elems: Vec<PatternElem>,
    /// The code.
    pub code: CodeSpec,
    /// Where it was defined.
    pub source: Source,
}

/// A verb group as compiled.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompiledGroup {
    /// The group name.
    pub name: String,
    /// The group code.
    pub code: CodeSpec,
    /// Range of this group's patterns in the pattern table.
    pub patterns: (u32, u32),
}

/// What a phrase match found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PhraseMatch<'a> {
    /// First token of the match.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Index of the entry (actor, agent, discard or issue, by the method that found it).
    pub entry: u32,
    /// The code that applies (for actors: on the date asked; may be `None` when no code covers the date).
    pub code: Option<&'a str>,
    /// Where the entry was defined (use [`CompiledLexicon::location`]).
    pub source: Source,
}

/// A discard entry as compiled.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompiledDiscard {
    /// Discard the whole story (`+` in PETRARCH).
    pub story: bool,
    /// Where it was defined.
    pub source: Source,
}

/// An issue phrase as compiled (exclusions have `code` `None`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompiledIssue {
    /// The issue code; `None` for an exclusion phrase.
    pub code: Option<String>,
    /// For exclusions: the whole story (`~~`).
    pub story: bool,
    /// Where it was defined.
    pub source: Source,
}

/// Compile-time counts (for `dyad lexicon stats`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompileStats {
    /// Actor phrases in the trie (names, after normalisation).
    pub actor_phrases: usize,
    /// Actor phrases that an earlier entry also defined (the later one wins, as in PETRARCH).
    pub actor_phrases_shadowed: usize,
    /// Agent phrases after plural and substitution expansion.
    pub agent_phrases: usize,
    /// Agent phrases defined twice (the later wins).
    pub agent_phrases_shadowed: usize,
    /// Verb forms indexed.
    pub verb_forms: usize,
    /// Interned tokens.
    pub vocabulary: usize,
    /// Trie nodes (actors + agents + discards + issues).
    pub trie_nodes: usize,
}

/// The compiled, read-only lexicon.
#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CompiledLexicon {
    files: Vec<String>,
    vocab: StrTable,
    /// Names and codes.
    strings: StrTable,
    actor_trie: Trie,
    actors: Vec<ActorRec>,
    actor_codes: Vec<(u32, DateRange)>,
    agent_trie: Trie,
    agents: Vec<CompiledAgent>,
    discard_trie: Trie,
    /// (trie node, stem, discard id), sorted by node.
    discard_stems: Vec<(u32, String, u32)>,
    discards: Vec<CompiledDiscard>,
    issue_trie: Trie,
    issues: Vec<CompiledIssue>,
    groups: Vec<CompiledGroup>,
    verbs: Vec<CompiledVerb>,
    /// (token id of a verb form, verb id), sorted.
    verb_index: Vec<(u32, u32)>,
    patterns: Vec<CompiledPattern>,
    /// Ordered, so that compiling the same lexicon twice writes the same
    /// bytes.
    synsets: BTreeMap<String, Vec<Vec<String>>>,
    prepositions: Vec<String>,
    stats: CompileStats,
}

fn upper(w: &str) -> String {
    let mut s = String::new();
    normalize_token(w, &mut s);
    s
}

/// PETRARCH's regular plural of a noun phrase's last word.
fn plural_of(phrase: &[String]) -> Vec<String> {
    let mut p = phrase.to_vec();
    if let Some(last) = p.last_mut() {
        *last = if let Some(stem) = last.strip_suffix('Y') {
            format!("{stem}IES")
        } else if last.ends_with('S') {
            format!("{last}ES")
        } else {
            format!("{last}S")
        };
    }
    p
}

/// Regular verb forms (PETRARCH's `make_verb_forms`): -S/-ES, -ED/-D, -ING.
fn regular_forms(v: &str) -> [String; 3] {
    let s = if v.ends_with(['S', 'X', 'Z']) { format!("{v}ES") } else { format!("{v}S") };
    if let Some(stem) = v.strip_suffix('E') {
        [s, format!("{v}D"), format!("{stem}ING")]
    } else {
        [s, format!("{v}ED"), format!("{v}ING")]
    }
}

/// Expands PETRARCH issue markers: `N:` noun (singular+plural), `V:` verb forms, `+` blank/hyphen.
fn expand_issue(words: &[String]) -> Vec<Vec<String>> {
    let mut forms: Vec<Vec<String>> = vec![Vec::new()];
    for w in words {
        let w = upper(w);
        let mut alts: Vec<Vec<String>> = Vec::new();
        let (marker, base) = if let Some(b) = w.strip_prefix("N:") {
            ('n', b.to_string())
        } else if let Some(b) = w.strip_prefix("V:") {
            ('v', b.to_string())
        } else if let Some(i) = w.find("+N:").or_else(|| w.find("+V:")) {
            // `pre+n:school`: the marker applies to the part after '+'.
            let (pre, rest) = w.split_at(i);
            let m = if rest.as_bytes()[1] == b'N' { 'n' } else { 'v' };
            (m, format!("{pre}+{}", &rest[3..]))
        } else {
            (' ', w.clone())
        };
        let inflect: Vec<String> = match marker {
            'n' => vec![base.clone(), plural_of(std::slice::from_ref(&base)).remove(0)],
            'v' => {
                let [a, b, c] = regular_forms(&base);
                vec![base.clone(), a, b, c]
            }
            _ => vec![base.clone()],
        };
        for f in inflect {
            if f.contains('+') {
                alts.push(f.replace('+', " ").split_whitespace().map(str::to_string).collect());
                alts.push(vec![f.replace('+', "-")]);
            } else {
                alts.push(vec![f]);
            }
        }
        let mut next = Vec::new();
        for pre in &forms {
            for a in &alts {
                let mut p = pre.clone();
                p.extend(a.iter().cloned());
                next.push(p);
            }
        }
        forms = next;
    }
    forms
}

struct Interner<'a> {
    vocab: &'a mut StrTableBuilder,
}

impl Interner<'_> {
    fn ids(&mut self, phrase: &[String]) -> Vec<u32> {
        phrase.iter().map(|w| self.vocab.intern(&upper(w))).collect()
    }
}

impl Lexicon {
    /// Compiles the lexicon into its matcher form.
    pub fn compile(&self) -> CompiledLexicon {
        let mut vocab = StrTableBuilder::default();
        let mut strings = StrTableBuilder::default();
        let mut stats = CompileStats::default();
        let mut it = Interner { vocab: &mut vocab };

        let mut tb = TrieBuilder::new();
        let mut actors = Vec::with_capacity(self.actors.len());
        let mut actor_codes = Vec::new();
        for (i, a) in self.actors.iter().enumerate() {
            let start = actor_codes.len() as u32;
            for c in &a.codes {
                actor_codes.push((strings.intern(&c.code), c.range));
            }
            actors.push(ActorRec {
                name: strings.intern(&a.names[0].0.join(" ")),
                codes: (start, a.codes.len() as u32),
                source: a.source,
            });
            for (p, _) in &a.names {
                stats.actor_phrases += 1;
                if tb.insert(&it.ids(p), i as u32).is_some() {
                    stats.actor_phrases_shadowed += 1;
                }
            }
        }
        let actor_trie = tb.build();

        let mut tb = TrieBuilder::new();
        let mut agents = Vec::with_capacity(self.agents.len());
        let subs: HashMap<&str, &Vec<String>> =
            self.substitutions.iter().map(|s| (s.name.as_str(), &s.values)).collect();
        for (i, a) in self.agents.iter().enumerate() {
            agents.push(CompiledAgent {
                code: a.code.clone(),
                placement: a.placement,
                source: a.source,
            });
            let mut phrases: Vec<Vec<String>> = Vec::new();
            let joined = a.phrase.join(" ");
            if let Some(name) = joined.split('!').nth(1).filter(|_| joined.contains('!')) {
                // Substitution: every value replaces the marker; no plural is formed (PETRARCH).
                let marker = format!("!{name}!");
                for v in subs.get(name).map(|v| v.as_slice()).unwrap_or(&[]) {
                    phrases.push(
                        joined.replace(&marker, v).split_whitespace().map(str::to_string).collect(),
                    );
                }
            } else {
                let base: Vec<String> = a.phrase.iter().map(|w| upper(w)).collect();
                match &a.plural {
                    AgentPlural::Regular => {
                        phrases.push(plural_of(&base));
                        phrases.push(base);
                    }
                    AgentPlural::None => phrases.push(base),
                    AgentPlural::Given(p) => {
                        phrases.push(p.clone());
                        phrases.push(base);
                    }
                }
            }
            for p in phrases {
                stats.agent_phrases += 1;
                if tb.insert(&it.ids(&p), i as u32).is_some() {
                    stats.agent_phrases_shadowed += 1;
                }
            }
        }
        let agent_trie = tb.build();

        // Discards (PETRARCH's rule): a last word ending in `_` must match a
        // whole token; otherwise it is a stem that matches any token it starts.
        let mut tb = TrieBuilder::new();
        let mut discards = Vec::new();
        let mut stem_at: Vec<(Vec<u32>, String, u32)> = Vec::new();
        for (i, d) in self.discards.iter().enumerate() {
            discards.push(CompiledDiscard { story: d.story, source: d.source });
            let Some((last, init)) = d.phrase.split_last() else { continue };
            match last.strip_suffix('_') {
                Some(exact) => {
                    let mut p = init.to_vec();
                    p.push(exact.to_string());
                    tb.insert(&it.ids(&p), i as u32);
                }
                None => stem_at.push((it.ids(init), upper(last), i as u32)),
            }
        }
        // Stems hang off the trie node of the words before them.
        let mut discard_stems = Vec::new();
        for (prefix, stem, id) in stem_at {
            let mut node = 0u32;
            for &t in &prefix {
                let next = tb.output.len() as u32;
                node = *tb.edges.entry((node, t)).or_insert(next);
                if node == next {
                    tb.output.push(u32::MAX);
                }
            }
            discard_stems.push((node, stem, id));
        }
        discard_stems.sort();
        let discard_trie = tb.build();

        let mut tb = TrieBuilder::new();
        let mut issues = Vec::new();
        for i in &self.issues {
            let id = issues.len() as u32;
            issues.push(CompiledIssue {
                code: Some(i.code.clone()),
                story: false,
                source: i.source,
            });
            for f in expand_issue(&i.phrase) {
                tb.insert(&it.ids(&f), id);
            }
        }
        for e in &self.issue_exclusions {
            let id = issues.len() as u32;
            issues.push(CompiledIssue { code: None, story: e.story, source: e.source });
            for f in expand_issue(&e.phrase) {
                tb.insert(&it.ids(&f), id);
            }
        }
        let issue_trie = tb.build();

        // Synsets: members flattened to word lists, nested synsets expanded
        // one level deep at a time (cycle-safe), plurals added unless disabled.
        let mut synsets: BTreeMap<String, Vec<Vec<String>>> = BTreeMap::new();
        let by_name: HashMap<&str, Vec<&crate::model::Synset>> =
            self.synsets.iter().fold(HashMap::new(), |mut m, s| {
                m.entry(s.name.as_str()).or_default().push(s);
                m
            });
        fn expand(
            name: &str,
            by_name: &HashMap<&str, Vec<&crate::model::Synset>>,
            depth: usize,
            out: &mut Vec<Vec<String>>,
        ) {
            if depth > 8 {
                return;
            }
            for s in by_name.get(name).map(|v| v.as_slice()).unwrap_or(&[]) {
                for m in &s.members {
                    if let [PatternElem { item: PatternItem::Synset(inner), .. }] =
                        m.elems.as_slice()
                    {
                        expand(inner, by_name, depth + 1, out);
                        continue;
                    }
                    let words: Vec<String> = m
                        .elems
                        .iter()
                        .filter_map(|e| match &e.item {
                            PatternItem::Word(w) => Some(upper(w)),
                            _ => None,
                        })
                        .collect();
                    if words.is_empty() {
                        continue;
                    }
                    if !(s.no_plural || m.no_plural) {
                        out.push(plural_of(&words));
                    }
                    out.push(words);
                }
            }
        }
        for name in by_name.keys() {
            let mut v = Vec::new();
            expand(name, &by_name, 0, &mut v);
            v.sort();
            v.dedup();
            // A synset without members matches nothing, like an undefined one.
            if !v.is_empty() {
                synsets.insert((*name).to_string(), v);
            }
        }

        let mut groups = Vec::new();
        let mut verbs = Vec::new();
        let mut patterns = Vec::new();
        let mut verb_index: Vec<(u32, u32)> = Vec::new();
        for (gi, g) in self.verb_groups.iter().enumerate() {
            let p0 = patterns.len() as u32;
            for p in &g.patterns {
                let elems = p
                    .elems
                    .iter()
                    .map(|e| PatternElem {
                        item: match &e.item {
                            PatternItem::Word(w) => PatternItem::Word(upper(w)),
                            x => x.clone(),
                        },
                        joined: e.joined,
                    })
                    .collect();
                patterns.push(CompiledPattern {
                    group: gi as u32,
                    elems,
                    code: p.code.clone(),
                    source: p.source,
                });
            }
            groups.push(CompiledGroup {
                name: g.name.clone(),
                code: g.code.clone(),
                patterns: (p0, patterns.len() as u32),
            });
            for v in &g.verbs {
                let vid = verbs.len() as u32;
                let phrase: Vec<String> = v.phrase.iter().map(|w| upper(w)).collect();
                let head = phrase.get(v.head).cloned().unwrap_or_default();
                let mut keys = vec![head.clone()];
                match &v.forms {
                    Some(forms) => {
                        keys.extend(forms.iter().filter_map(|(p, h)| p.get(*h).map(|w| upper(w))))
                    }
                    None => keys.extend(regular_forms(&head)),
                }
                keys.sort();
                keys.dedup();
                for k in keys {
                    verb_index.push((it.vocab.intern(&k), vid));
                    stats.verb_forms += 1;
                }
                verbs.push(CompiledVerb {
                    group: gi as u32,
                    phrase,
                    head: v.head,
                    code: v.code.clone().unwrap_or_else(|| g.code.clone()),
                    source: v.source,
                });
            }
        }
        verb_index.sort_unstable();
        verb_index.dedup();
        let vocab = vocab.build();
        stats.vocabulary = vocab.len();
        stats.trie_nodes =
            actor_trie.nodes() + agent_trie.nodes() + discard_trie.nodes() + issue_trie.nodes();
        CompiledLexicon {
            files: self.files.clone(),
            vocab,
            strings: strings.build(),
            actor_trie,
            actors,
            actor_codes,
            agent_trie,
            agents,
            discard_trie,
            discard_stems,
            discards,
            issue_trie,
            issues,
            groups,
            verbs,
            verb_index,
            patterns,
            synsets,
            prepositions: self.prepositions.iter().map(|(p, _)| upper(p)).collect(),
            stats,
        }
    }
}

/// Iterator over leftmost-longest matches of one trie.
struct Matches<'a, I, F> {
    trie: &'a Trie,
    ids: I,
    pos: usize,
    make: F,
}

impl<'a, I: AsRef<[u32]>, F: FnMut(usize, usize, u32) -> PhraseMatch<'a>> Iterator
    for Matches<'a, I, F>
{
    type Item = PhraseMatch<'a>;

    fn next(&mut self) -> Option<PhraseMatch<'a>> {
        let ids = self.ids.as_ref();
        while self.pos < ids.len() {
            let start = self.pos;
            if let Some((end, payload)) = self.trie.longest_at(ids, start) {
                self.pos = end;
                return Some((self.make)(start, end, payload));
            }
            self.pos += 1;
        }
        None
    }
}

impl CompiledLexicon {
    /// Interned ids of `tokens` (normalised; `u32::MAX` for a word in no phrase).
    pub fn token_ids(&self, tokens: &[&str], out: &mut Vec<u32>) {
        out.clear();
        let mut buf = String::new();
        for t in tokens {
            normalize_token(t, &mut buf);
            out.push(self.vocab.find(&buf).unwrap_or(u32::MAX));
        }
    }

    fn ids(&self, tokens: &[&str]) -> Vec<u32> {
        let mut v = Vec::with_capacity(tokens.len());
        self.token_ids(tokens, &mut v);
        v
    }

    /// Leftmost-longest actor matches in `tokens`, each with the code that applies on `date`.
    pub fn find_actors<'a>(
        &'a self,
        tokens: &[&str],
        date: Option<Date>,
    ) -> impl Iterator<Item = PhraseMatch<'a>> + 'a {
        self.actor_matches(self.ids(tokens), date)
    }

    /// As [`CompiledLexicon::find_actors`], over ids from [`CompiledLexicon::token_ids`]
    /// (no allocation: for hot loops that reuse an id buffer).
    pub fn find_actors_in_ids<'a>(
        &'a self,
        ids: &'a [u32],
        date: Option<Date>,
    ) -> impl Iterator<Item = PhraseMatch<'a>> + 'a {
        self.actor_matches(ids, date)
    }

    fn actor_matches<'a, I: AsRef<[u32]> + 'a>(
        &'a self,
        ids: I,
        date: Option<Date>,
    ) -> impl Iterator<Item = PhraseMatch<'a>> + 'a {
        Matches {
            trie: &self.actor_trie,
            ids,
            pos: 0,
            make: move |start, end, e| {
                let a = ActorView { lex: self, rec: &self.actors[e as usize] };
                PhraseMatch { start, end, entry: e, code: a.code_on(date), source: a.rec.source }
            },
        }
    }

    /// Leftmost-longest agent matches in `tokens`.
    pub fn find_agents<'a>(
        &'a self,
        tokens: &[&str],
    ) -> impl Iterator<Item = PhraseMatch<'a>> + 'a {
        self.agent_matches(self.ids(tokens))
    }

    /// As [`CompiledLexicon::find_agents`], over ids from [`CompiledLexicon::token_ids`].
    pub fn find_agents_in_ids<'a>(
        &'a self,
        ids: &'a [u32],
    ) -> impl Iterator<Item = PhraseMatch<'a>> + 'a {
        self.agent_matches(ids)
    }

    fn agent_matches<'a, I: AsRef<[u32]> + 'a>(
        &'a self,
        ids: I,
    ) -> impl Iterator<Item = PhraseMatch<'a>> + 'a {
        Matches {
            trie: &self.agent_trie,
            ids,
            pos: 0,
            make: move |start, end, e| {
                let a = &self.agents[e as usize];
                PhraseMatch { start, end, entry: e, code: Some(a.code.as_str()), source: a.source }
            },
        }
    }

    /// Discard phrases found in `tokens`, leftmost-longest (see
    /// [`CompiledLexicon::discard`] for story/sentence). A discard whose last
    /// word was written without a trailing `_` matches any token that word starts
    /// (`BASEBALL` matches `baseballs`), as PETRARCH documents.
    pub fn find_discards(&self, tokens: &[&str]) -> impl Iterator<Item = PhraseMatch<'_>> + '_ {
        let norm: Vec<String> = tokens.iter().map(|t| upper(t)).collect();
        let ids = self.ids(tokens);
        let stems_at = |node: u32, k: usize, best: &mut Option<(usize, u32)>| {
            let Some(tok) = norm.get(k) else { return };
            let from = self.discard_stems.partition_point(|x| x.0 < node);
            for (n, stem, id) in &self.discard_stems[from..] {
                if *n != node {
                    break;
                }
                if tok.starts_with(stem.as_str()) && best.is_none_or(|b| b.0 < k + 1) {
                    *best = Some((k + 1, *id));
                }
            }
        };
        let mut out = Vec::new();
        let mut i = 0;
        while i < ids.len() {
            let mut best: Option<(usize, u32)> = None;
            let mut node = 0u32;
            stems_at(node, i, &mut best);
            for (k, &t) in ids.iter().enumerate().skip(i) {
                if t == u32::MAX {
                    break;
                }
                match self.discard_trie.step(node, t) {
                    Some(n) => {
                        node = n;
                        let o = self.discard_trie.output[n as usize];
                        if o != u32::MAX && best.is_none_or(|b| b.0 < k + 1) {
                            best = Some((k + 1, o));
                        }
                        stems_at(node, k + 1, &mut best);
                    }
                    None => break,
                }
            }
            match best {
                Some((end, e)) => {
                    out.push(PhraseMatch {
                        start: i,
                        end,
                        entry: e,
                        code: None,
                        source: self.discards[e as usize].source,
                    });
                    i = end;
                }
                None => i += 1,
            }
        }
        out.into_iter()
    }

    /// Issue phrases found in `tokens`; exclusions come with `code: None` (see [`CompiledLexicon::issue`]).
    pub fn find_issues<'a>(
        &'a self,
        tokens: &[&str],
    ) -> impl Iterator<Item = PhraseMatch<'a>> + 'a {
        Matches {
            trie: &self.issue_trie,
            ids: self.ids(tokens),
            pos: 0,
            make: move |start, end, e| {
                let i = &self.issues[e as usize];
                PhraseMatch { start, end, entry: e, code: i.code.as_deref(), source: i.source }
            },
        }
    }

    /// The id of a normalised token, if any phrase uses it.
    pub fn token_id(&self, token: &str) -> Option<u32> {
        let mut buf = String::new();
        normalize_token(token, &mut buf);
        self.vocab.find(&buf)
    }

    /// Number of interned tokens.
    pub fn vocabulary_len(&self) -> usize {
        self.vocab.len()
    }

    /// The interned tokens (normalised form and id), unordered.
    pub fn vocabulary(&self) -> impl Iterator<Item = (&str, u32)> {
        (0..self.vocab.len() as u32).map(|i| (self.vocab.get(i), i))
    }

    /// An actor by entry id.
    pub fn actor(&self, id: u32) -> Option<ActorView<'_>> {
        self.actors.get(id as usize).map(|rec| ActorView { lex: self, rec })
    }

    /// An agent by entry id.
    pub fn agent(&self, id: u32) -> Option<&CompiledAgent> {
        self.agents.get(id as usize)
    }

    /// A discard by entry id.
    pub fn discard(&self, id: u32) -> Option<&CompiledDiscard> {
        self.discards.get(id as usize)
    }

    /// An issue or exclusion by entry id.
    pub fn issue(&self, id: u32) -> Option<&CompiledIssue> {
        self.issues.get(id as usize)
    }

    /// The verbs whose base or inflected form is `word` (case-insensitive).
    pub fn verbs(&self, word: &str) -> impl Iterator<Item = &CompiledVerb> {
        let (a, b) = match self.token_id(word) {
            Some(t) => (
                self.verb_index.partition_point(|x| x.0 < t),
                self.verb_index.partition_point(|x| x.0 <= t),
            ),
            None => (0, 0),
        };
        self.verb_index[a..b].iter().map(|&(_, v)| &self.verbs[v as usize])
    }

    /// The patterns of every group that has `lemma` (or a form of it) as a verb.
    pub fn verb_patterns(&self, lemma: &str) -> impl Iterator<Item = &CompiledPattern> {
        let mut gs: Vec<u32> = self.verbs(lemma).map(|v| v.group).collect();
        gs.sort_unstable();
        gs.dedup();
        gs.into_iter().flat_map(move |g| {
            let (a, b) = self.groups[g as usize].patterns;
            self.patterns[a as usize..b as usize].iter()
        })
    }

    /// A verb group by index.
    pub fn group(&self, id: u32) -> Option<&CompiledGroup> {
        self.groups.get(id as usize)
    }

    /// The expanded members of a synset (upper case, plurals included), by name without `&`.
    pub fn synset(&self, name: &str) -> Option<&[Vec<String>]> {
        self.synsets.get(name.trim_start_matches('&')).map(Vec::as_slice)
    }

    /// Names of all synsets (without `&`), in name order.
    pub fn synset_names(&self) -> impl Iterator<Item = &str> {
        self.synsets.keys().map(String::as_str)
    }

    /// Whether `word` is in the preposition list.
    pub fn is_preposition(&self, word: &str) -> bool {
        let u = upper(word);
        self.prepositions.contains(&u)
    }

    /// Name, Goldstein value, quad class and PLOVER mapping of a CAMEO event code.
    pub fn event_info(&self, code: &str) -> Option<&'static crate::ontology::EventInfo> {
        crate::ontology::event_info(code)
    }

    /// `file:line` of an entry's source.
    pub fn location(&self, s: Source) -> String {
        format!(
            "{}:{}",
            self.files.get(s.file.0 as usize).map(String::as_str).unwrap_or("?"),
            s.line
        )
    }

    /// Counts gathered while compiling.
    pub fn stats(&self) -> &CompileStats {
        &self.stats
    }

    /// Numbers of (actors, agents, verbs, patterns, discards, issues and exclusions).
    pub fn sizes(&self) -> (usize, usize, usize, usize, usize, usize) {
        (
            self.actors.len(),
            self.agents.len(),
            self.verbs.len(),
            self.patterns.len(),
            self.discards.len(),
            self.issues.len(),
        )
    }

    /// Whether two compiled lexicons hold the same entries, ignoring where they were read from.
    pub fn same_content(&self, other: &CompiledLexicon) -> bool {
        self.content_difference(other).is_none()
    }

    /// The first part in which two compiled lexicons differ (sources ignored), if any.
    pub fn content_difference(&self, other: &CompiledLexicon) -> Option<&'static str> {
        fn strip<T: Clone>(v: &[T], f: impl Fn(&mut T)) -> Vec<T> {
            v.iter()
                .cloned()
                .map(|mut x| {
                    f(&mut x);
                    x
                })
                .collect()
        }
        let z = Source::default();
        let checks: [(&'static str, bool); 17] = [
            ("vocabulary", self.vocab == other.vocab),
            ("actor trie", self.actor_trie == other.actor_trie),
            ("agent trie", self.agent_trie == other.agent_trie),
            (
                "discard trie",
                self.discard_trie == other.discard_trie
                    && self.discard_stems == other.discard_stems,
            ),
            ("issue trie", self.issue_trie == other.issue_trie),
            (
                "actors",
                strip(&self.actors, |a| a.source = z) == strip(&other.actors, |a| a.source = z),
            ),
            ("actor codes", self.actor_codes == other.actor_codes && self.strings == other.strings),
            (
                "agents",
                strip(&self.agents, |a| a.source = z) == strip(&other.agents, |a| a.source = z),
            ),
            (
                "discards",
                strip(&self.discards, |a| a.source = z) == strip(&other.discards, |a| a.source = z),
            ),
            (
                "issues",
                strip(&self.issues, |a| a.source = z) == strip(&other.issues, |a| a.source = z),
            ),
            (
                "verbs",
                strip(&self.verbs, |a| a.source = z) == strip(&other.verbs, |a| a.source = z),
            ),
            (
                "patterns",
                strip(&self.patterns, |a| a.source = z) == strip(&other.patterns, |a| a.source = z),
            ),
            ("groups", self.groups == other.groups),
            ("verb index", self.verb_index == other.verb_index),
            ("synsets", self.synsets == other.synsets),
            ("prepositions", self.prepositions == other.prepositions),
            ("stats", self.stats == other.stats),
        ];
        checks.iter().find(|(_, same)| !same).map(|(n, _)| *n)
    }

    /// Serialises to bytes with the magic+version header.
    ///
    /// # Errors
    /// [`LexiconError::Cache`] if serialisation fails.
    pub fn to_bytes(&self) -> Result<Vec<u8>, LexiconError> {
        let body = postcard::to_stdvec(self)
            .map_err(|e| LexiconError::Cache { path: "<memory>".into(), message: e.to_string() })?;
        let mut out = Vec::with_capacity(body.len() + 20);
        out.extend_from_slice(CACHE_MAGIC);
        out.extend_from_slice(&CACHE_VERSION.to_le_bytes());
        out.extend_from_slice(&(body.len() as u64).to_le_bytes());
        out.extend_from_slice(&body);
        Ok(out)
    }

    /// Reads bytes written by [`CompiledLexicon::to_bytes`]; `path` names them in errors.
    ///
    /// # Errors
    /// [`LexiconError::Cache`] on a wrong magic, another version, truncation or corrupt data.
    pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<CompiledLexicon, LexiconError> {
        let err = |m: String| LexiconError::Cache { path: path.into(), message: m };
        if bytes.len() < 20 || &bytes[..8] != CACHE_MAGIC {
            return Err(err("not a dyad compiled-lexicon file (bad magic)".into()));
        }
        let version = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
        if version != CACHE_VERSION {
            return Err(err(format!(
                "compiled-lexicon version {version}, this dyad reads version {CACHE_VERSION}; recompile the lexicon"
            )));
        }
        let mut n = [0u8; 8];
        n.copy_from_slice(&bytes[12..20]);
        let len = u64::from_le_bytes(n) as usize;
        if bytes.len() - 20 != len {
            return Err(err(format!(
                "truncated or padded: header says {len} bytes, file has {}",
                bytes.len() - 20
            )));
        }
        postcard::from_bytes(&bytes[20..])
            .map_err(|e| err(format!("corrupt compiled lexicon: {e}")))
    }

    /// Writes the cache file.
    ///
    /// # Errors
    /// I/O and serialisation errors.
    pub fn save(&self, path: &Path) -> Result<(), LexiconError> {
        std::fs::write(path, self.to_bytes()?).map_err(|e| LexiconError::io(path, e))
    }

    /// Reads a cache file.
    ///
    /// # Errors
    /// I/O errors and [`LexiconError::Cache`].
    pub fn load(path: &Path) -> Result<CompiledLexicon, LexiconError> {
        let bytes = std::fs::read(path).map_err(|e| LexiconError::io(path, e))?;
        CompiledLexicon::from_bytes(&bytes, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_and_plurals() {
        assert_eq!(
            regular_forms("ACCUSE"),
            ["ACCUSES".to_string(), "ACCUSED".into(), "ACCUSING".into()]
        );
        assert_eq!(
            regular_forms("ATTACK"),
            ["ATTACKS".to_string(), "ATTACKED".into(), "ATTACKING".into()]
        );
        assert_eq!(plural_of(&["MINISTRY".into()]), vec!["MINISTRIES".to_string()]);
        assert_eq!(plural_of(&["BUS".into()]), vec!["BUSES".to_string()]);
        let f = expand_issue(&["pre+n:school".into()]);
        assert!(f.contains(&vec!["PRE".to_string(), "SCHOOL".into()]));
        assert!(f.contains(&vec!["PRE-SCHOOLS".to_string()]));
        assert_eq!(expand_issue(&["v:purge".into()]).len(), 4);
    }

    #[test]
    fn normalise() {
        let mut s = String::new();
        normalize_token("Aliyev’s", &mut s);
        assert_eq!(s, "ALIYEV'S");
        normalize_token("U.S.", &mut s);
        assert_eq!(s, "U.S.");
        normalize_token("Çankaya", &mut s);
        assert_eq!(s, "ÇANKAYA");
    }
}
