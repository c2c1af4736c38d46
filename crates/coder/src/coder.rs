//! Coding one parsed sentence: clauses, verb patterns, actors, fallbacks,
//! embedded clauses, negation, paired and symmetric codes.
//!
//! The semantics follow UniversalPetrarch's PETR-2 path (see the design note
//! in `crates/coder/DESIGN.md`) with its known defects fixed: every conjunct
//! of a compound actor is resolved on its own, verbs are found by lemma or
//! form (with regular inflections), particles labelled `case` count as
//! multi-word verb material, and UD v1 and v2 relation names are both read.

use dyad_lexicon::model::{AgentPlacement, DateRange};
use dyad_types::event::{Actor, Event, Evidence, Explanation};
use dyad_types::{Date, Sentence, Span, Upos};

use crate::compile::{Alts, CPattern, Compiled, HashMap, NounPat, VerbKey};

/// What to do with a negated verb ("did not attack").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Negation {
    /// PETRARCH's convention: map the code through the PETRARCH internal
    /// coding ontology (PICO) and subtract 0xFFFF, which turns e.g. 110
    /// (disapprove) into 050 and 170 into 057; codes with no negated image
    /// are dropped. This is what the PETRARCH validation suites expect.
    #[default]
    Pico,
    /// Drop events of negated verbs.
    Drop,
    /// Keep the code and set [`Event::negated`].
    Flag,
}

/// Options of the coder.
#[derive(Clone, Debug)]
pub struct CoderOptions {
    /// Drop events with an uncoded source or target (PETRARCH's default).
    pub require_dyad: bool,
    /// Negation policy.
    pub negation: Negation,
    /// Resolve pronouns and definite descriptions ("he", "the ministry") to
    /// the most recent compatible actor of the document.
    pub resolve_pronouns: bool,
    /// Give a bare agent ("the government", "police", "protesters": `---GOV`,
    /// `---CVL`) the country of its context: for a target, the clause's
    /// coded source country; else the most recent country actor of the
    /// document. Flagged in the explanation as `context-country:...`.
    ///
    /// The same switch turns on dyad's other conventions that PETRARCH does
    /// not have (off in PETRARCH validation): a sector acting on its own
    /// country is not an event (ARMGOV -> ARM); a noun's participants ("an
    /// attack on its diplomat", "talks with Iran") do not say who the noun
    /// phrase is; a bare agent target takes the country of the verb's
    /// locative phrase ("shelled villages near Kharkiv") first.
    pub context_country: bool,
}

impl Default for CoderOptions {
    fn default() -> Self {
        CoderOptions {
            require_dyad: true,
            negation: Negation::Pico,
            resolve_pronouns: true,
            context_country: true,
        }
    }
}

/// Why a sentence produced nothing, when a dictionary rule said so.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Discarded {
    /// A sentence-level discard phrase matched.
    Sentence(String),
    /// A story-level discard phrase matched: the whole document is dropped.
    Story(String),
}

/// Result of coding one sentence, besides the events.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SentenceOutcome {
    /// Set when a discard phrase matched (no events are produced).
    pub discarded: Option<Discarded>,
}

/// A resolved actor phrase.
#[derive(Clone, Debug)]
pub(crate) struct Res {
    pub(crate) code: String,
    /// Words the actor or agents were matched on.
    pub(crate) words: Vec<usize>,
    entries: Vec<EntryRef>,
    /// The actor part of the code (empty for an agent alone), and the agent
    /// codes put before and after it.
    pub(crate) actor: String,
    pub(crate) pre: String,
    pub(crate) post: String,
}

/// A dictionary entry a resolution used; formatted only when an event is emitted.
#[derive(Clone, Copy, Debug)]
enum EntryRef {
    /// An actor entry and the index of the code picked.
    Actor(u32, u32),
    /// An agent entry.
    Agent(u32),
}

/// A side of a proto-event.
#[derive(Clone, Debug, Default)]
struct Side {
    res: Option<Res>,
    /// Head word of the phrase, if read from the sentence.
    head: Option<usize>,
    rule: &'static str,
}

impl Side {
    fn coded(&self) -> bool {
        self.res.is_some()
    }
    fn code(&self) -> &str {
        self.res.as_ref().map(|r| r.code.as_str()).unwrap_or("---")
    }
}

/// A clause-level event before combination.
#[derive(Clone, Debug)]
struct Proto {
    clause: usize,
    /// Whether the event is a root clause's own event (not combined, not from a lower clause).
    root: bool,
    source: Side,
    target: Side,
    /// The code; `None` when the verb and patterns give no code.
    code: Option<String>,
    pattern: Option<(usize, usize)>,
    pair: bool,
    rules: Vec<String>,
}

impl Proto {
    /// A clause's event with no code (an uncoded verb, or a negation that
    /// drops the code), kept so that an embedded clause can combine with it.
    fn uncoded(
        clause: usize,
        source: Side,
        target: Side,
        pattern: Option<(usize, usize)>,
        rules: Vec<String>,
    ) -> Proto {
        Proto { clause, root: false, source, target, code: None, pattern, pair: false, rules }
    }
}

/// How a matched pattern ranks (UniversalPetrarch's preferences): a
/// prepositional slot, a compound (`%`) pattern, any post-verb slot, a
/// subject slot, the number of words, then the later line.
type Rank = (bool, bool, bool, bool, u32, u32);

/// What a matched pattern consumed.
#[derive(Clone, Debug, Default)]
struct PMatch {
    /// Heads of the phrases the pattern's slots matched.
    used: Vec<usize>,
    /// The phrase a `(PREP +)` slot names as target.
    target_from: Option<usize>,
}

/// One predicate with its arguments.
#[derive(Clone, Debug, Default)]
struct Clause {
    verb: usize,
    verb_words: Vec<usize>,
    key: Option<VerbKey>,
    negated: bool,
    passive: bool,
    sources: Vec<(usize, &'static str)>,
    targets: Vec<(usize, &'static str)>,
    others: Vec<usize>,
    /// Non-verbal clausal complements ("allowed that Mordor isn't a pleasant place").
    complements: Vec<usize>,
}

/// Per-sentence views of the words.
pub(crate) struct View<'a> {
    s: &'a Sentence,
    form: Vec<String>,
    lemma: Vec<String>,
    rel: Vec<&'static str>,
    /// `rel` without its subtype.
    relbase: Vec<&'static str>,
    kids: Vec<Vec<usize>>,
    head: Vec<Option<usize>>,
}

/// The reusable buffers of a [`View`], kept in [`DocState`] between sentences.
#[derive(Clone, Debug, Default)]
pub(crate) struct ViewBufs {
    form: Vec<String>,
    lemma: Vec<String>,
    rel: Vec<&'static str>,
    relbase: Vec<&'static str>,
    kids: Vec<Vec<usize>>,
    head: Vec<Option<usize>>,
}

/// Writes the upper-case form of `src` into `dst`, reusing its allocation.
fn upper_into(dst: &mut String, src: &str) {
    dst.clear();
    if src.is_ascii() {
        dst.push_str(src);
        dst.make_ascii_uppercase();
    } else {
        dst.extend(src.chars().flat_map(char::to_uppercase));
    }
}

impl<'a> View<'a> {
    pub(crate) fn new(s: &'a Sentence, mut b: ViewBufs) -> View<'a> {
        let n = s.len();
        b.form.truncate(n);
        b.lemma.truncate(n);
        b.kids.truncate(n);
        b.rel.clear();
        b.relbase.clear();
        b.head.clear();
        b.head.resize(n, None);
        for k in &mut b.kids {
            k.clear();
        }
        while b.kids.len() < n {
            b.kids.push(Vec::new());
        }
        let mut v = View {
            s,
            form: b.form,
            lemma: b.lemma,
            rel: b.rel,
            relbase: b.relbase,
            kids: b.kids,
            head: b.head,
        };
        for i in 0..n {
            let w = &s.words[i];
            if i == v.form.len() {
                v.form.push(String::new());
                v.lemma.push(String::new());
            }
            upper_into(&mut v.form[i], s.form(i));
            let l = s.lemma(i);
            if l.is_empty() || l == "_" {
                let (f, le) = (&v.form[i], &mut v.lemma[i]);
                le.clear();
                le.push_str(f);
            } else {
                upper_into(&mut v.lemma[i], l);
            }
            let r = w.deprel.canonical();
            v.rel.push(r.as_str());
            v.relbase.push(r.base());
            if w.head != 0
                && w.head != u32::MAX
                && (w.head as usize) <= n
                && w.head as usize != i + 1
            {
                let h = w.head as usize - 1;
                v.head[i] = Some(h);
                v.kids[h].push(i);
            }
        }
        v
    }

    /// Gives the buffers back for the next sentence.
    fn into_bufs(self) -> ViewBufs {
        ViewBufs {
            form: self.form,
            lemma: self.lemma,
            rel: self.rel,
            relbase: self.relbase,
            kids: self.kids,
            head: self.head,
        }
    }

    fn n(&self) -> usize {
        self.form.len()
    }

    fn base(&self, i: usize) -> &'static str {
        self.relbase[i]
    }

    fn upos(&self, i: usize) -> Upos {
        self.s.words[i].upos
    }

    fn word_is(&self, i: usize, alts: &Alts) -> bool {
        alts.iter().any(|a| **a == *self.form[i] || **a == *self.lemma[i])
    }

    fn case_of(&self, i: usize) -> Option<usize> {
        self.kids[i].iter().copied().find(|&c| self.rel[c] == "case")
    }

    fn mark_of(&self, i: usize) -> Option<usize> {
        self.kids[i].iter().copied().find(|&c| self.rel[c] == "mark")
    }

    /// `i` and its `conj` siblings, in order.
    fn conjuncts(&self, i: usize) -> Vec<usize> {
        let mut out = vec![i];
        let mut k = 0;
        while k < out.len() && out.len() < 64 {
            let cur = out[k];
            for &c in &self.kids[cur] {
                if self.base(c) == "conj" && !out.contains(&c) && self.nominal_or_same(i, c) {
                    out.push(c);
                }
            }
            k += 1;
        }
        out
    }

    fn nominal_or_same(&self, a: usize, b: usize) -> bool {
        let nom = |u: Upos| {
            matches!(u, Upos::Noun | Upos::Propn | Upos::Pron | Upos::Adj | Upos::Num | Upos::X)
        };
        nom(self.upos(a)) == nom(self.upos(b)) || self.upos(a) == self.upos(b)
    }

    /// Whether word `i` is an oblique/nominal modifier of its head in the
    /// sense of UniversalPetrarch's "other nouns" (nmod, obl, advmod).
    fn is_other(&self, i: usize) -> bool {
        matches!(self.rel[i], "nmod" | "obl" | "obl:agent" | "advmod")
            && !matches!(self.form[i].as_str(), "NOT" | "N'T" | "NEVER")
    }

    /// The subtree of `i` (without `i`'s own conj/cc/appos/punct), in order.
    fn subtree(&self, i: usize, out: &mut Vec<usize>) {
        out.clear();
        out.push(i);
        let mut k = 0;
        while k < out.len() {
            let cur = out[k];
            for &c in &self.kids[cur] {
                if cur == i
                    && matches!(self.base(c), "conj" | "cc" | "appos" | "punct" | "parataxis")
                {
                    continue;
                }
                if out.len() < 4096 {
                    out.push(c);
                }
            }
            k += 1;
        }
        out.sort_unstable();
    }

    fn span_of(&self, words: &[usize]) -> Span {
        let mut sp: Option<Span> = None;
        for &w in words {
            let x = self.s.words[w].span;
            sp = Some(match sp {
                Some(s) => s.cover(x),
                None => x,
            });
        }
        sp.unwrap_or_default()
    }
}

/// The event coder: a compiled lexicon plus options. Cheap to share across
/// threads (`&Coder` is all a worker needs).
#[derive(Clone, Debug)]
pub struct Coder {
    lex: Compiled,
    opts: CoderOptions,
    /// The gazetteer places are resolved in; none: no places (see `places.rs`).
    pub(crate) geo: Option<crate::places::GeoSource>,
}

/// A document-level memory of actors, for pronoun and definite-description
/// resolution. One per document; [`DocState::clear`] between documents.
#[derive(Clone, Debug, Default)]
pub struct DocState {
    /// Recent coded actors: (code, text, sentence).
    pub(crate) recent: Vec<(String, String, u32)>,
    /// Word buffers reused from sentence to sentence.
    bufs: ViewBufs,
    /// Event-date resolver, its buffers reused from sentence to sentence.
    dates: crate::dates::DateResolver,
    /// Quotations found so far in the document (see [`DocState::take_quotes`]).
    pub(crate) quotes: Vec<dyad_types::event::Quote>,
    /// Quotation state carried across sentences (open quotes, last speaker).
    pub(crate) quote_state: crate::quotes::QuoteState,
    /// The article's dateline place and countries, for places (see `places.rs`).
    pub(crate) places: crate::places::PlaceState,
    /// The date of the article's dateline, once read (see
    /// [`crate::dates::dateline_date`]).
    dateline: Option<Date>,
    /// Whether the dateline date was looked for (first two sentences).
    dateline_done: bool,
}

impl DocState {
    /// A fresh state.
    pub fn new() -> DocState {
        DocState::default()
    }

    /// Forgets everything (a new document starts); keeps the buffers.
    pub fn clear(&mut self) {
        self.recent.clear();
        self.quotes.clear();
        self.quote_state = crate::quotes::QuoteState::default();
        self.places = Default::default();
        self.dateline = None;
        self.dateline_done = false;
    }

    /// The quotations found since the last call (in text order), leaving
    /// none behind.
    pub fn take_quotes(&mut self) -> Vec<dyad_types::event::Quote> {
        std::mem::take(&mut self.quotes)
    }

    /// The country of the most recent actor with one, preferring an actor
    /// named with one of the same words ("the ministry's spokesman" after
    /// "Azerbaijan's Foreign Ministry"), then one of the same sector (`post`,
    /// e.g. "GOV"), then any.
    pub(crate) fn recent_country(&self, post: &str, words: &[&str]) -> Option<&str> {
        let named = |t: &str| {
            t.split(|c: char| !c.is_alphanumeric())
                .any(|w| words.iter().any(|x| x.eq_ignore_ascii_case(w)))
        };
        let same = |c: &str| !post.is_empty() && c.len() > 3 && c[3..].contains(post);
        let pick = |f: &dyn Fn(&str, &str) -> bool| {
            self.recent
                .iter()
                .rev()
                .find_map(|(c, t, _)| if f(c, t) { country_of(c) } else { None })
        };
        pick(&|_, t| named(t)).or_else(|| pick(&|c, _| same(c))).or_else(|| pick(&|_, _| true))
    }

    fn remember(&mut self, code: &str, text: &str, sentence: u32) {
        if code.starts_with("---") {
            return;
        }
        self.recent.push((code.to_string(), text.to_string(), sentence));
        if self.recent.len() > 32 {
            self.recent.remove(0);
        }
    }
}

/// Sentence-level context given by the caller.
#[derive(Clone, Copy, Debug, Default)]
pub struct Context<'t> {
    /// Index of the sentence in its document.
    pub sentence: u32,
    /// The date used for date-restricted actor codes (the article's date).
    pub date: Option<Date>,
    /// The document text that word spans point into, for evidence.
    pub text: Option<&'t str>,
}

impl Coder {
    /// A coder over a compiled lexicon.
    pub fn new(lex: Compiled, opts: CoderOptions) -> Coder {
        Coder { lex, opts, geo: None }
    }

    /// The options.
    pub fn options(&self) -> &CoderOptions {
        &self.opts
    }

    /// Changes the options (e.g. per-record `require_dyad` of a validation file).
    pub fn options_mut(&mut self) -> &mut CoderOptions {
        &mut self.opts
    }

    /// The compiled lexicon.
    pub fn lexicon(&self) -> &Compiled {
        &self.lex
    }

    /// Codes one parsed sentence, appending its events to `out` (which is not
    /// cleared: a caller codes a document into one buffer). Sentences that
    /// are not parsed (a head of `u32::MAX`) or empty give no events.
    pub fn code(&self, s: &Sentence, date: Option<Date>, out: &mut Vec<Event>) -> SentenceOutcome {
        let mut st = DocState::new();
        self.code_in(s, Context { sentence: 0, date, text: None }, &mut st, out)
    }

    /// Codes one sentence of a document, with the document's actor memory
    /// for pronoun resolution and its text for evidence.
    pub fn code_in(
        &self,
        s: &Sentence,
        cx: Context<'_>,
        st: &mut DocState,
        out: &mut Vec<Event>,
    ) -> SentenceOutcome {
        let mut outcome = SentenceOutcome::default();
        if s.is_empty() {
            return outcome;
        }
        // A dateline is the first or second sentence. Its date is the
        // story's: it also picks date-restricted actor codes.
        if !st.dateline_done {
            st.dateline = crate::dates::dateline_date(s, cx.date);
            st.dateline_done = st.dateline.is_some() || cx.sentence >= 1;
        }
        let cx = Context { date: st.dateline.or(cx.date), ..cx };
        let v = View::new(s, std::mem::take(&mut st.bufs));
        if let Some(d) = self.discard(&v) {
            // A discarded sentence codes no events, but what someone said
            // in it is still a quotation ("..., traders said").
            let sentence_only = matches!(d, Discarded::Sentence(_));
            outcome.discarded = Some(d);
            st.bufs = v.into_bufs();
            if sentence_only {
                crate::quotes::collect(self, s, &cx, st);
            }
            return outcome;
        }
        let clauses = self.clauses(&v);
        let mut protos: Vec<Proto> = Vec::new();
        let mut cache: HashMap<usize, Option<Res>> = HashMap::default();
        for (ci, c) in clauses.iter().enumerate() {
            self.clause_events(&v, &clauses, ci, c, cx.date, &mut cache, st, &mut protos);
        }
        let start = out.len();
        self.assemble(&v, &clauses, protos, cx, out);
        let issues = self.issues(&v);
        for e in &mut out[start..] {
            e.issues = issues.clone();
        }
        // Event dates: the expression attached to the event's verb, else one
        // elsewhere in the sentence, else the dateline's date or the
        // publication date. Relative expressions count from the dateline
        // when there is one: it is when the story was written.
        if let Some(reference) = cx.date {
            for e in &mut out[start..] {
                let verb = s
                    .words
                    .iter()
                    .position(|w| w.span.start == e.evidence.verb.start)
                    .or_else(|| s.words.iter().position(|w| w.head == 0))
                    .unwrap_or(0);
                let d = st.dates.resolve_parsed(reference, s, verb);
                e.date = Some(d.date.to_string());
                e.date_source = Some(match st.dateline {
                    Some(_) if d.source == "publication" => "dateline".to_string(),
                    _ => d.source,
                });
            }
        }
        crate::places::attach(self, s, &cx, st, &mut out[start..]);
        for e in &out[start..] {
            st.remember(&e.source.code, &e.source.text, cx.sentence);
            st.remember(&e.target.code, &e.target.text, cx.sentence);
        }
        // Remember the sentence's coded subjects even when no event came out.
        for c in &clauses {
            for &(h, _) in &c.sources {
                if let Some(Some(r)) = cache.get(&h) {
                    let text = r.words.iter().map(|&w| v.s.form(w)).collect::<Vec<_>>().join(" ");
                    st.remember(&r.code, &text, cx.sentence);
                }
            }
        }
        st.bufs = v.into_bufs();
        crate::quotes::collect(self, s, &cx, st);
        outcome
    }

    fn discard(&self, v: &View<'_>) -> Option<Discarded> {
        let t = &self.lex.discards;
        if t.is_empty() {
            return None;
        }
        for i in 0..v.n() {
            let mut n = 0usize;
            let mut j = i;
            while j < v.n() {
                let Some(k) = t.step(n, &v.form[j]).or_else(|| t.step(n, &v.lemma[j])) else {
                    break;
                };
                n = k;
                j += 1;
                if let Some(&(story, src)) = t.value(n) {
                    let what = format!("{} ({})", v.form[i..j].join(" "), self.lex.loc(src));
                    return Some(if story {
                        Discarded::Story(what)
                    } else {
                        Discarded::Sentence(what)
                    });
                }
            }
        }
        None
    }

    fn issues(&self, v: &View<'_>) -> Vec<String> {
        let t = &self.lex.issues;
        let mut out: Vec<String> = Vec::new();
        if t.is_empty() {
            return out;
        }
        for i in 0..v.n() {
            let mut n = 0usize;
            let mut j = i;
            while j < v.n() {
                let Some(k) = t.step(n, &v.form[j]).or_else(|| t.step(n, &v.lemma[j])) else {
                    break;
                };
                n = k;
                j += 1;
                if let Some((code, _)) = t.value(n)
                    && !out.contains(code)
                {
                    out.push(code.clone());
                }
            }
        }
        out
    }

    // ----- clauses -------------------------------------------------------

    fn find_verb(&self, v: &View<'_>, i: usize) -> (Option<VerbKey>, Vec<usize>) {
        let mut keys: Vec<&str> = vec![&v.lemma[i], &v.form[i]];
        let l = &v.lemma[i];
        let plus_e = format!("{l}E");
        let minus_e = l.strip_suffix('E').map(str::to_string);
        if !l.ends_with('E') {
            keys.push(&plus_e);
        }
        if let Some(m) = &minus_e {
            keys.push(m);
        }
        let mut best: Option<(usize, u32, VerbKey, Vec<usize>)> = None;
        for k in keys {
            let Some(cands) = self.lex.verbs.get(k) else { continue };
            for c in cands {
                let Some(extra) = multiword_match(v, i, c) else { continue };
                let score = c.before.len() + c.after.len();
                let better = match &best {
                    None => true,
                    Some((s, o, _, _)) => score > *s || (score == *s && c.order > *o),
                };
                if better {
                    best = Some((score, c.order, c.clone(), extra));
                }
            }
            if best.is_some() && k == v.lemma[i] {
                // A lemma hit is authoritative over form variants.
            }
        }
        match best {
            Some((_, _, k, extra)) => {
                let mut words = vec![i];
                words.extend(extra);
                words.sort_unstable();
                (Some(k), words)
            }
            None => (None, vec![i]),
        }
    }

    fn clauses(&self, v: &View<'_>) -> Vec<Clause> {
        let mut out: Vec<Clause> = Vec::new();
        let mut index = vec![usize::MAX; v.n()];
        #[allow(clippy::needless_range_loop)] // `i` is a word index used across several views
        for i in 0..v.n() {
            if v.upos(i) != Upos::Verb {
                continue;
            }
            if matches!(v.base(i), "aux" | "cop" | "case" | "mark" | "det" | "amod" | "compound") {
                continue;
            }
            let (key, verb_words) = self.find_verb(v, i);
            let mut c = Clause { verb: i, verb_words, key, ..Clause::default() };
            for &k in &v.kids[i] {
                match v.rel[k] {
                    "nsubj" | "nsubj:outer" => {
                        let list = v.conjuncts(k);
                        let in_list = list.len() > 1;
                        for x in list {
                            c.sources.push((x, if x == k { "nsubj" } else { "nsubj+conj" }));
                            // "Evil Mordor, the awful Arnor, and Gondor": an
                            // apposition inside a list is one more conjunct.
                            for &a in &v.kids[x] {
                                if in_list && v.rel[a] == "appos" {
                                    c.sources.push((a, "nsubj+appos"));
                                }
                            }
                        }
                    }
                    "nsubj:pass" => {
                        c.passive = true;
                        for x in v.conjuncts(k) {
                            c.targets.push((x, "nsubj:pass"));
                        }
                    }
                    "aux:pass" => c.passive = true,
                    "obj" | "iobj" => {
                        if c.verb_words.contains(&k) {
                            continue;
                        }
                        for x in v.conjuncts(k) {
                            c.targets.push((x, if x == k { v.rel[k] } else { "obj+conj" }));
                        }
                    }
                    "advmod" if matches!(v.form[k].as_str(), "NOT" | "N'T" | "NEVER") => {
                        c.negated = true
                    }
                    "ccomp" if v.upos(k) != Upos::Verb => {
                        c.complements.push(k);
                        for &x in &v.kids[k] {
                            if v.base(x) == "nsubj" {
                                for y in v.conjuncts(x) {
                                    c.targets.push((y, "ccomp-subject"));
                                }
                            }
                        }
                    }
                    _ => {
                        if v.s.words[k].deprel.as_str() == "neg" {
                            c.negated = true;
                        } else if v.is_other(k) && !c.verb_words.contains(&k) {
                            for x in v.conjuncts(k) {
                                c.others.push(x);
                            }
                        }
                    }
                }
            }
            // An infinitival complement whose verb the dictionary does not
            // know is transparent: "vowed to wage war on the Rohans" reads as
            // "vowed war on the Rohans", "signed an accord to supply Gondor"
            // finds Gondor.
            for &x in &v.kids[i] {
                let to = v.mark_of(x).is_some_and(|m| v.form[m] == "TO");
                if matches!(v.rel[x], "xcomp" | "advcl")
                    && to
                    && v.upos(x) == Upos::Verb
                    && self.find_verb(v, x).0.is_none()
                {
                    for &y in &v.kids[x] {
                        if matches!(v.rel[y], "obj" | "iobj") || v.is_other(y) {
                            for z in v.conjuncts(y) {
                                if !c.others.contains(&z) {
                                    c.others.push(z);
                                }
                            }
                        }
                    }
                }
            }
            c.others.sort_unstable();
            index[i] = out.len();
            out.push(c);
        }
        // Inheritance along conj / xcomp / ccomp, governors first (a few passes).
        for _ in 0..3 {
            for ci in 0..out.len() {
                let i = out[ci].verb;
                let Some(h) = v.head[i] else { continue };
                let gi = index[h];
                let rel = v.rel[i];
                if gi == usize::MAX {
                    // xcomp of a non-verb predicate ("is about to restore"): its subject.
                    if rel == "xcomp" && out[ci].sources.is_empty() {
                        let subj: Vec<(usize, &'static str)> = v.kids[h]
                            .iter()
                            .copied()
                            .filter(|&k| v.base(k) == "nsubj")
                            .flat_map(|k| v.conjuncts(k))
                            .map(|x| (x, "xcomp-controller"))
                            .collect();
                        out[ci].sources = subj;
                    }
                    continue;
                }
                if out[ci].sources.is_empty() {
                    if v.base(i) == "conj" {
                        let src: Vec<_> = out[gi]
                            .sources
                            .iter()
                            .map(|&(x, _)| (x, "conj-shared-subject"))
                            .collect();
                        out[ci].sources = src;
                    } else if rel == "xcomp" {
                        let g = &out[gi];
                        let src: Vec<_> = if !g.targets.is_empty() && !g.passive {
                            g.targets.iter().map(|&(x, _)| (x, "xcomp-object-controller")).collect()
                        } else if g.passive {
                            g.targets.iter().map(|&(x, _)| (x, "xcomp-controller")).collect()
                        } else {
                            g.sources.iter().map(|&(x, _)| (x, "xcomp-controller")).collect()
                        };
                        out[ci].sources = src;
                    }
                }
                if v.base(i) == "conj"
                    && out[ci].passive
                    && out[ci].targets.is_empty()
                    && out[gi].passive
                {
                    let t: Vec<_> =
                        out[gi].targets.iter().map(|&(x, _)| (x, "conj-shared-subject")).collect();
                    out[ci].targets = t;
                }
            }
        }
        // Participles and relative clauses: the modified noun is the subject
        // (a passive participle's object).
        for c in out.iter_mut() {
            let i = c.verb;
            let Some(h) = v.head[i] else { continue };
            if v.base(i) != "acl" || !is_nominal(v.upos(h)) {
                continue;
            }
            let relpron = c.sources.iter().all(|&(x, _)| v.upos(x) == Upos::Pron);
            let participle = v.s.words[i].xpos.as_str() == "VBN";
            if participle && c.targets.is_empty() && c.sources.is_empty() {
                c.targets = v.conjuncts(h).into_iter().map(|x| (x, "acl-head")).collect();
                c.passive = true;
            } else if relpron {
                c.sources = v.conjuncts(h).into_iter().map(|x| (x, "acl-head")).collect();
            }
        }
        // ccomp: the clause's subjects are the governor's targets; a pronoun
        // subject of the clause is the governor's subject.
        for ci in 0..out.len() {
            let i = out[ci].verb;
            let Some(h) = v.head[i] else { continue };
            let gi = index[h];
            if gi == usize::MAX || v.rel[i] != "ccomp" {
                continue;
            }
            // A clause reported before its verb is not the verb's target
            // ("Gondor welcomed ..., the agency said").
            let fronted = i < out[gi].verb;
            let subj: Vec<(usize, &'static str)> = out[ci].sources.clone();
            let gsrc = out[gi].sources.clone();
            let mut new_src = Vec::new();
            for (x, r) in subj {
                if v.upos(x) == Upos::Pron && !gsrc.is_empty() {
                    new_src.extend(gsrc.iter().map(|&(g, _)| (g, "ccomp-pronoun-subject")));
                } else {
                    new_src.push((x, r));
                    if !fronted && out[gi].targets.iter().all(|&(t, _)| t != x) {
                        out[gi].targets.push((x, "ccomp-subject"));
                    }
                }
            }
            out[ci].sources = new_src;
            // The passive subject of the clause is also what the governor is about
            // ("expressed hopes that Osgiliath could be drawn into ...").
            if out[ci].sources.is_empty() && !fronted {
                let pass: Vec<usize> =
                    out[ci].targets.iter().filter(|t| t.1 == "nsubj:pass").map(|t| t.0).collect();
                for x in pass {
                    if out[gi].targets.iter().all(|&(t, _)| t != x) {
                        out[gi].targets.push((x, "ccomp-subject"));
                    }
                }
            }
        }
        out
    }

    // ----- actors --------------------------------------------------------

    /// Resolves the phrase headed by `h` (cached per head).
    fn resolve(
        &self,
        v: &View<'_>,
        h: usize,
        date: Option<Date>,
        cache: &mut HashMap<usize, Option<Res>>,
    ) -> Option<Res> {
        if let Some(r) = cache.get(&h) {
            return r.clone();
        }
        let r = self.resolve_masked(v, h, date, None);
        cache.insert(h, r.clone());
        r
    }

    /// Resolves the phrase headed by `h`, one result per conjunct of a
    /// coordinated modifier inside it ("ties with Gondor and Arnor",
    /// "ambassadors of Arnor, Osgiliath and Gondor").
    fn resolve_multi(
        &self,
        v: &View<'_>,
        h: usize,
        date: Option<Date>,
        cache: &mut HashMap<usize, Option<Res>>,
    ) -> Vec<Option<Res>> {
        let mut sub = Vec::new();
        v.subtree(h, &mut sub);
        let m = sub.iter().copied().find(|&m| {
            m != h
                && !matches!(v.base(m), "acl" | "advcl" | "ccomp" | "xcomp" | "parataxis")
                && (is_nominal(v.upos(m)) || v.upos(m) == Upos::Adj)
                && v.kids[m].iter().any(|&k| {
                    v.base(k) == "conj" && (is_nominal(v.upos(k)) || v.upos(k) == Upos::Adj)
                })
        });
        let Some(m) = m else { return vec![self.resolve(v, h, date, cache)] };
        let conj = v.conjuncts(m);
        if conj.len() < 2 {
            return vec![self.resolve(v, h, date, cache)];
        }
        let mut full = Vec::new();
        full_subtree(v, m, &mut full);
        let mut out = Vec::new();
        for c in conj {
            let mut add = Vec::new();
            v.subtree(c, &mut add);
            out.push(self.resolve_masked(v, h, date, Some((&full, &add))));
        }
        out
    }

    pub(crate) fn resolve_masked(
        &self,
        v: &View<'_>,
        h: usize,
        date: Option<Date>,
        mask: Option<(&[usize], &[usize])>,
    ) -> Option<Res> {
        let apply = |list: &mut Vec<usize>| {
            if let Some((excl, add)) = mask
                && list.iter().any(|w| excl.contains(w))
            {
                list.retain(|w| !excl.contains(w));
                list.extend_from_slice(add);
                list.sort_unstable();
                list.dedup();
            }
        };
        // Pass 1: the core noun phrase.
        let mut p1 = vec![h];
        let mut k = 0;
        while k < p1.len() {
            let cur = p1[k];
            for &c in &v.kids[cur] {
                let keep = matches!(
                    v.base(c),
                    "compound" | "det" | "flat" | "name" | "fixed" | "goeswith"
                ) || (cur != h && !matches!(v.base(c), "conj" | "cc" | "acl" | "punct"));
                if keep {
                    p1.push(c);
                }
            }
            k += 1;
        }
        p1.sort_unstable();
        apply(&mut p1);
        let r1 = self.match_words(v, &p1, date);
        // Pass 2: with adjectives and nominal modifiers (possessors, "of" phrases).
        let mut p2 = p1.clone();
        for &c in &v.kids[h] {
            if matches!(v.base(c), "amod" | "nummod")
                || (v.base(c) == "nmod" && self.nmod_identifies(v, c))
            {
                let mut sub = Vec::new();
                v.subtree(c, &mut sub);
                p2.extend(sub);
            }
        }
        p2.sort_unstable();
        p2.dedup();
        apply(&mut p2);
        let r2 = if p2.len() > p1.len() { self.match_words(v, &p2, date) } else { None };
        let pick = match (r1, r2) {
            (Some(a), Some(b)) => {
                if a.0 && a.1 && !(b.0 && b.1) {
                    Some(a)
                } else if (b.0 as u8 + b.1 as u8) >= (a.0 as u8 + a.1 as u8) {
                    Some(b)
                } else {
                    Some(a)
                }
            }
            (a, b) => a.or(b),
        };
        if let Some(p) = pick {
            return Some(p.2);
        }
        // The whole phrase (participles and relative clauses included, a
        // few levels deep: "the links leading into Mordor").
        let mut all = Vec::new();
        limited_subtree(v, h, 3, &mut all);
        for &c in &v.kids[h] {
            if v.base(c) == "nmod" && !self.nmod_identifies(v, c) {
                let mut sub = Vec::new();
                v.subtree(c, &mut sub);
                all.retain(|w| !sub.contains(w));
            }
        }
        apply(&mut all);
        if all.len() > p2.len() {
            return self.match_words(v, &all, date).map(|r| r.2);
        }
        None
    }

    /// The country named by a locative phrase of verb `verb` ("near the
    /// Ukrainian city of Kharkiv", "in Gaza"), if one names exactly one.
    fn locative_country(&self, v: &View<'_>, verb: usize, date: Option<Date>) -> Option<String> {
        let mut found: Option<String> = None;
        for &k in &v.kids[verb] {
            if v.base(k) != "obl" {
                continue;
            }
            let Some(case) = v.case_of(k) else { continue };
            if !matches!(
                v.form[case].as_str(),
                "IN" | "NEAR" | "AT" | "OUTSIDE" | "INSIDE" | "AROUND" | "ACROSS" | "ALONG"
            ) {
                continue;
            }
            let mut sub = Vec::new();
            v.subtree(k, &mut sub);
            sub.sort_unstable();
            let Some((true, _, r)) = self.match_words(v, &sub, date) else { continue };
            let Some(cc) = country_of(&r.actor) else { continue };
            match &found {
                Some(f) if f != cc => return None,
                _ => found = Some(cc.to_string()),
            }
        }
        found
    }

    /// Whether a nominal modifier says who a phrase is (a possessor, an "of",
    /// "from", or locative phrase: "Iran's minister", "officials from Iran",
    /// "villages near Kharkiv") rather than naming another participant
    /// ("an attack on its diplomat", "talks with Iran", "sanctions against
    /// Russia").
    fn nmod_identifies(&self, v: &View<'_>, c: usize) -> bool {
        if !self.opts.context_country {
            return true;
        }
        match v.case_of(c) {
            None => true,
            Some(k) => !matches!(
                v.form[k].as_str(),
                "ON" | "AGAINST"
                    | "OVER"
                    | "WITH"
                    | "ABOUT"
                    | "TO"
                    | "FOR"
                    | "INTO"
                    | "TOWARD"
                    | "TOWARDS"
                    | "AFTER"
                    | "BEFORE"
                    | "DURING"
                    | "DESPITE"
                    | "AMID"
                    | "BETWEEN"
                    | "AMONG"
                    | "BY"
                    | "UPON"
            ),
        }
    }

    /// Matches actors and agents on a word list: (has actor, has agent, result).
    fn match_words(
        &self,
        v: &View<'_>,
        words: &[usize],
        date: Option<Date>,
    ) -> Option<(bool, bool, Res)> {
        let mut actor: Option<(String, Vec<usize>, EntryRef)> = None;
        // Actor: leftmost start, longest match.
        let t = &self.lex.actors;
        for s in 0..words.len() {
            // A pronoun never starts an actor name: "attacked us" is not the
            // USA, "IT" is not Italy.
            if v.s.words[words[s]].upos == Upos::Pron {
                continue;
            }
            let mut n = 0usize;
            let mut best: Option<(usize, u32)> = None;
            let mut j = s;
            while j < words.len() {
                let w = words[j];
                let next = t.step(n, &v.form[w]).or_else(|| {
                    if v.lemma[w] != v.form[w] { t.step(n, &v.lemma[w]) } else { None }
                });
                let Some(k) = next else {
                    // PETRARCH tolerates possessive markers inside names.
                    if j > s && (v.form[w] == "'S" || v.form[w] == "'") {
                        j += 1;
                        continue;
                    }
                    break;
                };
                n = k;
                j += 1;
                if let Some(&id) = t.value(n) {
                    best = Some((j, id));
                }
            }
            if let Some((end, id)) = best {
                let e = &self.lex.actor_entries[id as usize];
                if let Some(ci) = pick_code(&e.codes, date) {
                    actor = Some((
                        e.codes[ci].0.clone(),
                        words[s..end].to_vec(),
                        EntryRef::Actor(id, ci as u32),
                    ));
                    break;
                }
            }
        }
        // Agents: every start, longest match, no overlap.
        let mut agents: Vec<(usize, usize, u32)> = Vec::new();
        let a = &self.lex.agents;
        let mut s = 0;
        while s < words.len() {
            if actor.as_ref().is_some_and(|(_, ws, _)| ws.contains(&words[s])) {
                s += 1;
                continue;
            }
            let mut n = 0usize;
            let mut best: Option<(usize, u32)> = None;
            let mut j = s;
            while j < words.len() {
                let w = words[j];
                let next = a.step(n, &v.form[w]).or_else(|| {
                    if v.lemma[w] != v.form[w] { a.step(n, &v.lemma[w]) } else { None }
                });
                let Some(k) = next else { break };
                n = k;
                j += 1;
                if let Some(&id) = a.value(n) {
                    best = Some((j, id));
                }
            }
            if let Some((end, id)) = best {
                agents.push((s, end, id));
                s = end;
            } else {
                s += 1;
            }
        }
        if actor.is_none() && agents.is_empty() {
            return None;
        }
        let mut used: Vec<usize> = Vec::new();
        let mut entries = Vec::new();
        let base = match &actor {
            Some((c, ws, e)) => {
                used.extend(ws.iter().copied());
                entries.push(*e);
                c.clone()
            }
            None => String::new(),
        };
        let mut after: Vec<String> = Vec::new();
        let mut before: Vec<String> = Vec::new();
        for &(s, e, id) in &agents {
            let ag = &self.lex.agent_entries[id as usize];
            used.extend(words[s..e].iter().copied());
            entries.push(EntryRef::Agent(id));
            let list = match ag.placement {
                AgentPlacement::AfterActor => &mut after,
                AgentPlacement::BeforeActor => &mut before,
            };
            if !list.contains(&ag.code) {
                list.push(ag.code.clone());
            }
        }
        // Agents already in the actor code, or inside another agent, add nothing.
        let snapshot = after.clone();
        after.retain(|x| {
            let in_actor = base.len() > 3 && base[3..].contains(x.as_str());
            let in_other = snapshot.iter().any(|y| y != x && y.contains(x.as_str()));
            !(in_actor || in_other)
        });
        if after.len() > 1 {
            after.retain(|x| x != "PPL");
        }
        // Agents stay in text order ("Islamist media" -> MUS then MED).

        let mut code = String::new();
        for b in &before {
            code.push_str(b);
        }
        if base.is_empty() {
            code.push_str("---");
        } else {
            code.push_str(&base);
        }
        for x in &after {
            if !code.ends_with(x.as_str()) {
                code.push_str(x);
            }
        }
        used.sort_unstable();
        used.dedup();
        let pre: String = before.concat();
        let post: String = after.concat();
        Some((
            actor.is_some(),
            !agents.is_empty(),
            Res { code, words: used, entries, actor: base, pre, post },
        ))
    }

    // ----- patterns ------------------------------------------------------

    /// Candidate phrases after the verb: (head, preposition).
    /// Candidate phrases after the verb: (head, preposition, nested).
    fn post_phrases(
        &self,
        v: &View<'_>,
        c: &Clause,
        target: Option<usize>,
    ) -> Vec<(usize, Option<usize>, bool)> {
        let mut out: Vec<(usize, Option<usize>, bool)> = Vec::new();
        let mut nested = false;
        let push = |h: usize, out: &mut Vec<(usize, Option<usize>, bool)>, nested: bool| {
            if !out.iter().any(|x| x.0 == h) {
                out.push((h, v.case_of(h), nested));
            }
        };
        let mut top = 0;
        if let Some(t) = target {
            push(t, &mut out, nested);
        }
        for &(t, r) in &c.targets {
            if r != "ccomp-subject" {
                push(t, &mut out, nested);
            }
        }
        for &o in &c.others {
            push(o, &mut out, nested);
        }
        for &o in &c.complements {
            push(o, &mut out, nested);
        }
        nested = true;
        top = top.max(out.len());
        // Phrases nested in those ("willingness for talks"), and clausal complements ("to leave").
        // One level deep only.
        let mut k = 0;
        while k < top && out.len() < 32 {
            let h = out[k].0;
            for &x in &v.kids[h] {
                if matches!(v.rel[x], "nmod" | "obl") {
                    push(x, &mut out, nested);
                }
            }
            k += 1;
        }
        for &x in &v.kids[c.verb] {
            if matches!(v.rel[x], "xcomp" | "advcl")
                && let Some(m) = v.mark_of(x)
                && !out.iter().any(|y| y.0 == x)
            {
                out.push((x, Some(m), false));
            }
            // "demanded that Russia release ...": a verbal `that` clause,
            // which `(TO ...)` patterns match as they match "demanded Russia
            // to release ..." (dyad's conventions only).
            if self.opts.context_country
                && v.rel[x] == "ccomp"
                && v.upos(x) == Upos::Verb
                && let Some(m) = v.mark_of(x).filter(|&m| v.form[m] == "THAT")
                && !out.iter().any(|y| y.0 == x)
            {
                out.push((x, Some(m), false));
            }
        }
        out
    }

    fn noun_matches(&self, v: &View<'_>, n: &NounPat, head: usize) -> bool {
        if !v.word_is(head, &n.head) && !plural_of(v, head, &n.head) {
            // A non-verbal clausal complement ("that Mordor isn't a really
            // pleasant place"): the pattern's words anywhere in it.
            if v.rel[head] == "ccomp" && v.upos(head) != Upos::Verb {
                let mut sub = Vec::new();
                v.subtree(head, &mut sub);
                return sub.iter().any(|&w| v.word_is(w, &n.head))
                    && n.mods.iter().all(|m| sub.iter().any(|&w| v.word_is(w, m)));
            }
            return false;
        }
        if n.mods.is_empty() {
            return true;
        }
        let mut sub = Vec::new();
        v.subtree(head, &mut sub);
        n.mods.iter().all(|m| sub.iter().any(|&w| w != head && v.word_is(w, m)))
    }

    /// Matches a pattern against the clause's phrases: the phrases its
    /// slots consumed, and the phrase its `(PREP +)` slot names as target.
    fn pattern_matches(
        &self,
        v: &View<'_>,
        p: &CPattern,
        subj: &[usize],
        post: &[(usize, Option<usize>, bool)],
    ) -> Option<PMatch> {
        for n in &p.pre {
            if !subj.iter().any(|&h| self.noun_matches(v, n, h)) {
                return None;
            }
        }
        for pp in &p.pre_preps {
            if !subj.iter().any(|&h| v.case_of(h).is_some_and(|c| v.word_is(c, &pp.prep))) {
                return None;
            }
        }
        let mut m = PMatch::default();
        for n in &p.post_nouns {
            // Noun slots see the verb's own phrases, not phrases nested in them.
            let hit = post.iter().find(|&&(h, _, nested)| {
                !nested && !m.used.contains(&h) && self.noun_matches(v, n, h)
            });
            match hit {
                Some(&(h, _, _)) => m.used.push(h),
                None => return None,
            }
        }
        for pp in &p.post_preps {
            let mut ok = false;
            for &(h, prep, _) in post {
                if m.used.contains(&h) {
                    continue;
                }
                let Some(pw) = prep else { continue };
                let that_as_to = v.form[pw] == "THAT"
                    && v.rel[h] == "ccomp"
                    && pp.prep.iter().any(|p| &**p == "TO");
                if !v.word_is(pw, &pp.prep) && !that_as_to {
                    continue;
                }
                // In a `that` clause the pattern's first word is the clause's
                // verb ("that Pakistan extradite ..."), not any word in it.
                if that_as_to
                    && !v.word_is(pw, &pp.prep)
                    && !pp.nouns.first().is_some_and(|n| v.word_is(h, &n.head))
                {
                    continue;
                }
                let mut sub = Vec::new();
                v.subtree(h, &mut sub);
                let nouns_ok = pp.nouns.iter().all(|n| {
                    sub.iter()
                        .any(|&w| w != pw && (v.word_is(w, &n.head) || plural_of(v, w, &n.head)))
                        && n.mods.iter().all(|md| sub.iter().any(|&w| v.word_is(w, md)))
                });
                if nouns_ok {
                    if pp.target {
                        m.target_from = Some(h);
                    } else {
                        m.used.push(h);
                    }
                    ok = true;
                    break;
                }
            }
            if !ok {
                return None;
            }
        }
        Some(m)
    }

    /// The best pattern of the clause's verb group for these phrases.
    fn best_pattern(
        &self,
        v: &View<'_>,
        c: &Clause,
        subj: &[usize],
        target: Option<usize>,
    ) -> Option<(usize, PMatch)> {
        let key = c.key.as_ref()?;
        let g = &self.lex.groups[key.group as usize];
        if g.patterns.is_empty() {
            return None;
        }
        // Candidate patterns: those whose trigger word occurs in the sentence.
        let mut cands: Vec<u32> = g.always.clone();
        let look = |w: &str, cands: &mut Vec<u32>| {
            if let Some(ps) = g.by_word.get(w) {
                cands.extend_from_slice(ps);
            }
        };
        for i in 0..v.n() {
            look(&v.form[i], &mut cands);
            if self.opts.context_country && v.form[i] == "THAT" {
                // `(TO ...)` patterns also match a `that` clause (post_phrases).
                look("TO", &mut cands);
            }
            if v.lemma[i] != v.form[i] {
                look(&v.lemma[i], &mut cands);
            }
            // Regular plurals of a pattern word (`plural_of`).
            if let Some(x) = v.form[i].strip_suffix('S') {
                look(x, &mut cands);
                if let Some(y) = x.strip_suffix('E') {
                    look(y, &mut cands);
                }
            }
        }
        if cands.is_empty() {
            return None;
        }
        cands.sort_unstable();
        cands.dedup();
        let post = self.post_phrases(v, c, target);
        let mut best: Option<(Rank, usize, PMatch)> = None;
        for pi in cands {
            let pi = pi as usize;
            let p = &g.patterns[pi];
            let Some(m) = self.pattern_matches(v, p, subj, &post) else { continue };
            let has_post = !p.post_nouns.is_empty() || !p.post_preps.is_empty();
            let rank = (
                !p.post_preps.is_empty(),
                p.pair,
                has_post,
                !p.pre.is_empty(),
                p.weight,
                p.source.line,
            );
            if best.as_ref().is_none_or(|(r, _, _)| rank > *r) {
                best = Some((rank, pi, m));
            }
        }
        best.map(|b| (b.1, b.2))
    }

    // ----- events --------------------------------------------------------

    /// Resolves argument heads into sides, one per conjunct; uncoded
    /// conjuncts are dropped when another conjunct is coded ("The lions and
    /// Gondor" -> Gondor).
    fn sides(
        &self,
        v: &View<'_>,
        args: &[(usize, &'static str)],
        date: Option<Date>,
        cache: &mut HashMap<usize, Option<Res>>,
        st: &DocState,
        rules: &mut Vec<String>,
    ) -> Vec<Side> {
        let mut out: Vec<Side> = Vec::new();
        for &(h, r) in args {
            for res in self.resolve_multi(v, h, date, cache) {
                let mut side = Side { res, head: Some(h), rule: r };
                if side.res.is_none() && self.opts.resolve_pronouns {
                    // A subject pronoun first looks for a coded subject
                    // earlier in the same sentence ("Azerbaijan's ministry
                    // said ..., and it summoned ...").
                    if let Some((a, r)) = self.sentence_antecedent(v, h, date, cache) {
                        rules.push(format!(
                            "pronoun:{}->{} (subject '{}' in the sentence)",
                            v.form[h].to_ascii_lowercase(),
                            r.code,
                            v.s.form(a)
                        ));
                        side.res = Some(r);
                        side.rule = "pronoun";
                    } else if let Some((code, why)) = self.pronoun(v, h, st) {
                        rules.push(format!("pronoun:{why}->{code}"));
                        side.res = Some(Res {
                            actor: code.clone(),
                            code,
                            words: vec![h],
                            entries: Vec::new(),
                            pre: String::new(),
                            post: String::new(),
                        });
                        side.rule = "pronoun";
                    }
                }
                out.push(side);
            }
        }
        // Coordinated phrases share their country: "Danish media and
        // government" -> DNKMED, DNKGOV; "lawmakers and officials in Arnor"
        // -> ARNLEG, ARNGOV.
        let mut bases: Vec<(String, Vec<EntryRef>)> = Vec::new();
        for sd in &out {
            if let Some(r) = &sd.res
                && !r.actor.is_empty()
                && !bases.iter().any(|b| b.0 == r.actor)
            {
                let e = r
                    .entries
                    .iter()
                    .copied()
                    .filter(|e| matches!(e, EntryRef::Actor(..)))
                    .collect();
                bases.push((r.actor.clone(), e));
            }
        }
        if !bases.is_empty() && out.len() > 1 {
            let mut shared = Vec::with_capacity(out.len());
            for sd in out {
                match &sd.res {
                    Some(r) if r.actor.is_empty() => {
                        for (b, e) in &bases {
                            let mut r2 = r.clone();
                            r2.code = format!(
                                "{}{}{}",
                                r.pre,
                                b,
                                if b.ends_with(r.post.as_str()) { "" } else { r.post.as_str() }
                            );
                            r2.actor = b.clone();
                            r2.entries.extend(e.iter().copied());
                            rules.push(format!("shared-country {b}"));
                            shared.push(Side { res: Some(r2), head: sd.head, rule: sd.rule });
                        }
                    }
                    _ => shared.push(sd),
                }
            }
            out = shared;
        }
        if out.iter().any(Side::coded) {
            out.retain(Side::coded);
        }
        let mut seen: Vec<(String, usize)> = Vec::new();
        out.retain(|s| {
            if !s.coded() {
                return true;
            }
            let k = (s.code().to_string(), s.head.unwrap_or(usize::MAX));
            if seen.contains(&k) {
                false
            } else {
                seen.push(k);
                true
            }
        });
        out
    }

    /// The first coded phrase among `cands` (heads after the verb unless
    /// `any_side`), with its coded conjuncts.
    #[allow(clippy::too_many_arguments)]
    fn first_coded(
        &self,
        v: &View<'_>,
        c: &Clause,
        skip: &[usize],
        used: (&[usize], Option<&CPattern>),
        by_only: bool,
        date: Option<Date>,
        cache: &mut HashMap<usize, Option<Res>>,
    ) -> Vec<(usize, Res)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < c.others.len() {
            let o = c.others[i];
            i += 1;
            if o < c.verb && !c.passive {
                continue;
            }
            let is_by = v.case_of(o).is_some_and(|p| v.form[p] == "BY");
            if by_only && !is_by {
                continue;
            }
            if !by_only && o < c.verb {
                continue;
            }
            let mut rs = self.resolve_multi(v, o, date, cache);
            let (used_heads, pat) = used;
            if used_heads.contains(&o) {
                // A phrase a pattern slot consumed counts only through words
                // the pattern did not name ("over the efforts of Eriadori";
                // "agrees with France" under a bare `(WITH)` slot).
                for r in &mut rs {
                    let named = r.as_ref().is_some_and(|r| {
                        pat.is_some_and(|p| {
                            r.words.iter().any(|&w| {
                                pattern_names(p, &v.form[w]) || pattern_names(p, &v.lemma[w])
                            })
                        })
                    });
                    if named {
                        *r = None;
                    }
                }
            } else if skip.contains(&o) {
                // Another argument's phrase: only through its modifiers.
                for r in &mut rs {
                    if r.as_ref().is_some_and(|r| r.words.contains(&o)) {
                        *r = None;
                    }
                }
            }
            if rs.iter().any(Option::is_some) {
                for r in rs.into_iter().flatten() {
                    out.push((o, r));
                }
                // Conjuncts listed after it in `others` ("with A and B").
                let conj = v.conjuncts(o);
                for &x in &conj[1..] {
                    if let Some(r) = self.resolve(v, x, date, cache) {
                        out.push((x, r));
                    }
                }
                return out;
            }
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn clause_events(
        &self,
        v: &View<'_>,
        clauses: &[Clause],
        ci: usize,
        c: &Clause,
        date: Option<Date>,
        cache: &mut HashMap<usize, Option<Res>>,
        st: &DocState,
        out: &mut Vec<Proto>,
    ) {
        let _ = clauses;
        let mut rules0 = Vec::new();
        let mut sources = self.sides(v, &c.sources, date, cache, st, &mut rules0);
        let Some(key) = &c.key else {
            // No verb entry: still a proto-event with no code, so that an
            // embedded clause can be combined with it.
            let src = sources.into_iter().next().unwrap_or_default();
            out.push(Proto::uncoded(ci, src, Side::default(), None, Vec::new()));
            return;
        };
        let mut targets = self.sides(v, &c.targets, date, cache, st, &mut rules0);
        let subj_heads: Vec<usize> = c.sources.iter().map(|x| x.0).collect();
        let first_target = c.targets.first().map(|x| x.0);
        let pm = self.best_pattern(v, c, &subj_heads, first_target);
        let mut used: Vec<usize> = Vec::new();
        if let Some((_, m)) = &pm {
            used = m.used.clone();
            if let Some(h) = m.target_from {
                let t = self.sides(v, &[(h, "pattern-target")], date, cache, st, &mut rules0);
                if t.iter().any(Side::coded) {
                    targets = t;
                    used.push(h);
                }
            }
            let p = &self.lex.groups[key.group as usize].patterns
                [pm.as_ref().map(|x| x.0).unwrap_or(0)];
            if m.target_from.is_none() && p.target_after {
                let mut post = self.post_phrases(v, c, first_target);
                post.sort_unstable();
                for (h, _, _) in post {
                    if used.contains(&h) || h < c.verb {
                        continue;
                    }
                    let t = self.sides(v, &[(h, "pattern-target")], date, cache, st, &mut rules0);
                    if t.iter().any(Side::coded) {
                        targets = t;
                        break;
                    }
                }
            }
            // A target the pattern consumed ("- * TIES") is no target unless
            // an actor was found in its modifiers.
            // The `(PREP +)` phrase itself is the pattern's target.
            targets.retain(|t| match (&t.res, t.head) {
                (Some(r), Some(h)) if used.contains(&h) && m.target_from != Some(h) => {
                    !r.words.contains(&h)
                        && !r
                            .words
                            .iter()
                            .any(|&w| pattern_names(p, &v.form[w]) || pattern_names(p, &v.lemma[w]))
                }
                _ => true,
            });
        }
        // Fallbacks (UniversalPetrarch §4): an uncoded target comes from the
        // first coded oblique after the verb; a passive's agent from a "by"
        // phrase, else the first coded oblique.
        let pat = pm.as_ref().map(|(pi, _)| &self.lex.groups[key.group as usize].patterns[*pi]);
        if c.passive && !sources.iter().any(Side::coded) {
            let skip: Vec<usize> = targets.iter().filter_map(|t| t.head).collect();
            let mut f = self.first_coded(v, c, &skip, (&used, pat), true, date, cache);
            if f.is_empty() {
                f = self.first_coded(v, c, &skip, (&used, pat), false, date, cache);
            }
            if !f.is_empty() {
                rules0.push("passive-agent".into());
                sources = f
                    .into_iter()
                    .map(|(o, r)| Side { res: Some(r), head: Some(o), rule: "obl:agent" })
                    .collect();
            }
        }
        if !targets.iter().any(Side::coded) {
            let skip: Vec<usize> = sources.iter().filter_map(|t| t.head).collect();
            let f = self.first_coded(v, c, &skip, (&used, pat), false, date, cache);
            if !f.is_empty() {
                targets = f
                    .into_iter()
                    .map(|(o, r)| Side { res: Some(r), head: Some(o), rule: "fallback:oblique" })
                    .collect();
            }
        }
        if !targets.iter().any(Side::coded) {
            // A target in a prepositional phrase under the object or an
            // oblique after the verb ("aid to Israel", "talks with Ukraine",
            // "sanctions on Iran", "imports of Japanese seafood").
            let mut heads: Vec<usize> = c.targets.iter().map(|x| x.0).collect();
            heads.extend(c.others.iter().copied().filter(|&o| o > c.verb));
            // Nouns a multi-word verb consumed ("+SHELL POSITIONS"): their
            // modifiers name the target ("shelled Pakistani positions").
            // Likewise a noun a pattern slot consumed ("RELEASE - * PRISONERS":
            // "released two American prisoners").
            let material: Vec<usize> = c
                .verb_words
                .iter()
                .chain(used.iter())
                .copied()
                .filter(|&w| w > c.verb && matches!(v.upos(w), Upos::Noun | Upos::Propn))
                .collect();
            heads.extend(material.iter().copied());
            heads.sort_unstable();
            heads.dedup();
            let srcs: Vec<usize> = sources.iter().filter_map(|t| t.head).collect();
            'outer: for h in heads {
                for &k in &v.kids[h] {
                    let modifier = material.contains(&h)
                        && matches!(v.relbase[k], "amod" | "compound" | "nmod")
                        && !c.verb_words.contains(&k);
                    let pp = v.relbase[k] == "nmod" && v.case_of(k).is_some();
                    if !(modifier || pp) || srcs.contains(&k) {
                        continue;
                    }
                    let t = self.sides(v, &[(k, "nmod-of-object")], date, cache, st, &mut rules0);
                    if t.iter()
                        .any(|t| t.coded() && t.res.as_ref().is_some_and(|r| !r.actor.is_empty()))
                    {
                        rules0.push("fallback:nested-oblique".into());
                        targets = t;
                        break 'outer;
                    }
                }
            }
        }
        if !sources.iter().any(Side::coded)
            && !c.passive
            && c.sources.is_empty()
            && let Some((o, r)) = self.preceding_noun(v, c.verb, date, cache)
        {
            sources = vec![Side { res: Some(r), head: Some(o), rule: "fallback:preceding-noun" }];
        }
        // "Israel put its army on alert ahead of an Iranian attack": a bare
        // military/police target of a bare-country source is the source's
        // own forces; a coded oblique after the verb names the real target.
        let own_forces = |t: &Side| {
            t.res.as_ref().is_some_and(|r| {
                r.actor.is_empty() && (r.post.contains("MIL") || r.post.contains("COP"))
            })
        };
        if self.opts.context_country
            && !targets.is_empty()
            && targets.iter().all(own_forces)
            && sources.iter().any(|s| s.res.as_ref().is_some_and(|r| r.code.len() == 3))
        {
            let mut skip: Vec<usize> = sources.iter().filter_map(|t| t.head).collect();
            skip.extend(targets.iter().filter_map(|t| t.head));
            let f = self.first_coded(v, c, &skip, (&used, pat), false, date, cache);
            if f.iter().any(|(_, r)| !r.actor.is_empty()) {
                rules0.push("own-forces: target from oblique".into());
                targets = f
                    .into_iter()
                    .filter(|(_, r)| !r.actor.is_empty())
                    .map(|(o, r)| Side { res: Some(r), head: Some(o), rule: "fallback:oblique" })
                    .collect();
            }
        }
        if self.opts.context_country {
            let src_country = sources
                .iter()
                .find_map(|s| s.res.as_ref().and_then(|r| country_of(&r.actor)))
                .map(str::to_string);
            let doc_country = |sd: &Side| {
                let r = sd.res.as_ref()?;
                let words: Vec<&str> = r
                    .words
                    .iter()
                    .filter(|&&w| matches!(v.upos(w), Upos::Noun | Upos::Propn))
                    .map(|&w| v.s.form(w))
                    .collect();
                st.recent_country(&r.post, &words).map(str::to_string)
            };
            // Where the event happened says whose villages or civilians they
            // were ("shelled villages near Kharkiv"): the verb's locative
            // phrase first, then the source's country.
            let loc_country = self.locative_country(v, c.verb, date);
            // (context_country is on here: dyad's conventions.)
            for t in &mut targets {
                let (c, why) = match (&loc_country, &src_country) {
                    (Some(c), _) => (c.clone(), "place"),
                    (None, Some(c)) => (c.clone(), "source"),
                    (None, None) => match doc_country(t) {
                        Some(c) => (c, "document"),
                        None => continue,
                    },
                };
                if fill_country(t, &c) {
                    rules0.push(format!("context-country:target<-{why} {c}"));
                }
            }
            for s in &mut sources {
                if let Some(c) = doc_country(s)
                    && fill_country(s, &c)
                {
                    rules0.push(format!("context-country:source<-document {c}"));
                }
            }
        }
        if sources.is_empty() {
            sources.push(Side::default());
        }
        if targets.is_empty() {
            targets.push(Side::default());
        }
        let (code0, pattern, pair0) = match &pm {
            Some((pi, _)) => {
                let p = &self.lex.groups[key.group as usize].patterns[*pi];
                (p.code.0.clone(), Some((key.group as usize, *pi)), p.pair)
            }
            None => (key.code.0.clone(), None, false),
        };
        let swap = pattern.is_some_and(|(g, pi)| {
            let p = &self.lex.groups[g].patterns[pi];
            !c.passive && (p.target_before || p.source_after)
        });
        for s in &sources {
            for t in &targets {
                let mut rules = rules0.clone();
                let (mut source, mut target) = (s.clone(), t.clone());
                if swap {
                    std::mem::swap(&mut source, &mut target);
                    rules.push("pattern-swap".into());
                }
                let mut code = code0.clone();
                if code == "---" || code.is_empty() {
                    out.push(Proto::uncoded(ci, source, target, pattern, rules));
                    continue;
                }
                if c.negated {
                    match self.opts.negation {
                        Negation::Pico => match self.negate(&code) {
                            Some(n) => {
                                rules.push(format!("negation:pico {code}->{n}"));
                                code = n;
                            }
                            None => {
                                rules.push(format!(
                                    "negation:pico {code} has no negated code; dropped"
                                ));
                                out.push(Proto::uncoded(ci, source, target, pattern, rules));
                                continue;
                            }
                        },
                        Negation::Drop => {
                            rules.push("negation:dropped".into());
                            out.push(Proto::uncoded(ci, source, target, pattern, rules));
                            continue;
                        }
                        Negation::Flag => rules.push("negation:flagged".into()),
                    }
                }
                let pair = pair0
                    || (source.coded()
                        && !target.coded()
                        && ["03", "04", "05", "06"].iter().any(|p| code.starts_with(p)));
                out.push(Proto {
                    clause: ci,
                    root: false,
                    source,
                    target,
                    code: Some(code),
                    pattern,
                    pair,
                    rules,
                });
            }
        }
    }

    fn preceding_noun(
        &self,
        v: &View<'_>,
        verb: usize,
        date: Option<Date>,
        cache: &mut HashMap<usize, Option<Res>>,
    ) -> Option<(usize, Res)> {
        for i in (0..verb).rev() {
            if !matches!(v.upos(i), Upos::Noun | Upos::Propn | Upos::Adj) {
                continue;
            }
            if !matches!(
                v.rel[i],
                "nsubj" | "obj" | "iobj" | "nmod" | "obl" | "nsubj:pass" | "amod"
            ) {
                continue;
            }
            if let Some(r) = self.resolve(v, i, date, cache) {
                return Some((i, r));
            }
        }
        None
    }

    /// For a subject "it"/"they"/"he"/"she": the nearest coded subject
    /// before it in the sentence (a sectored one for a person pronoun).
    fn sentence_antecedent(
        &self,
        v: &View<'_>,
        h: usize,
        date: Option<Date>,
        cache: &mut HashMap<usize, Option<Res>>,
    ) -> Option<(usize, Res)> {
        let f = v.form[h].as_str();
        let personal = matches!(f, "HE" | "SHE");
        if !(personal || matches!(f, "IT" | "THEY")) || v.relbase[h] != "nsubj" {
            return None;
        }
        // "A said he ..." is the ccomp rule's case (the governor's subject).
        if v.head[h].is_some_and(|g| matches!(v.relbase[g], "ccomp" | "xcomp" | "advcl")) {
            return None;
        }
        for i in (0..h).rev() {
            if v.relbase[i] != "nsubj" || !matches!(v.upos(i), Upos::Noun | Upos::Propn) {
                continue;
            }
            if let Some(r) = self.resolve(v, i, date, cache) {
                if r.actor.is_empty() || (personal && r.code.len() <= 3) {
                    continue;
                }
                return Some((i, r));
            }
        }
        None
    }

    fn pronoun(&self, v: &View<'_>, h: usize, st: &DocState) -> Option<(String, String)> {
        let f = v.form[h].as_str();
        let personal = matches!(f, "HE" | "SHE" | "HIM" | "HER");
        let collective = matches!(f, "THEY" | "IT" | "THEM");
        let definite = v.upos(h) == Upos::Noun
            && v.kids[h].iter().any(|&k| v.rel[k] == "det" && v.form[k] == "THE")
            && matches!(
                v.lemma[h].as_str(),
                "MINISTRY"
                    | "GOVERNMENT"
                    | "COUNTRY"
                    | "REGIME"
                    | "ARMY"
                    | "MILITARY"
                    | "PRESIDENT"
                    | "MINISTER"
                    | "LEADER"
            );
        if !(personal || collective || definite) {
            return None;
        }
        // The most recent actor of the document; for a definite description,
        // one whose sector fits ("the ministry" -> a GOV actor; "the country"
        // -> a bare country code).
        for (code, _, _) in st.recent.iter().rev() {
            let ok = if definite {
                match v.lemma[h].as_str() {
                    "COUNTRY" => code.len() == 3,
                    "ARMY" | "MILITARY" => code.ends_with("MIL"),
                    _ => code.contains("GOV"),
                }
            } else if personal {
                code.len() > 3
            } else {
                true
            };
            if ok {
                return Some((code.clone(), f.to_ascii_lowercase()));
            }
        }
        None
    }

    /// Whether a verb (with its clause code) is the verb a transformation names:
    /// the verb word itself, its group, or a verb with the same code
    /// ("KILL" counts as "ATTACK": both code 190).
    fn verb_is(&self, k: &VerbKey, code: Option<&str>, name: &str) -> bool {
        let name = name.strip_prefix("WILL_").unwrap_or(name);
        if *k.word == *name || self.lex.groups[k.group as usize].name == name {
            return true;
        }
        let Some(code) = code else { return false };
        match self.lex.verbs.get(name).and_then(|ks| ks.iter().max_by_key(|x| x.order)) {
            Some(nk) => !nk.code.is_null() && nk.code.0 == code,
            None => false,
        }
    }

    /// PETRARCH's negation through PICO: `code - 0xFFFF`.
    fn negate(&self, code: &str) -> Option<String> {
        let n: u32 = code.parse().ok()?;
        if n > 200 && code.len() <= 3 {
            return None;
        }
        let val = match self.lex.pico.get(code) {
            Some(v) => *v,
            None => *self.lex.pico.get(&format!("{}0", &code[..2.min(code.len())]))?,
        };
        self.lex.pico_rev.get(&(val - 0xFFFF)).cloned()
    }

    /// PETRARCH's code combination for a governing verb P and an embedded clause Q.
    fn combine(&self, p: &str, q: &str) -> Option<String> {
        if self.lex.pico.is_empty() {
            // No PICO table (dyad's own lexicon): a plain statement takes the
            // code of what was said; any other verb keeps its own event.
            return (p == "010").then(|| q.to_string());
        }
        let pv = *self.lex.pico.get(p)?;
        let qv = *self.lex.pico.get(q)?;
        // UniversalPetrarch's rules: a negative Q adds; two "big" codes or a
        // stronger Q keep Q; a plain statement (0x1000) defers to the other.
        let keep_q = qv > 0 && ((pv > 0x1000 && qv > 0x1000) || qv >= pv || pv == 0x1000);
        if keep_q {
            // Keep Q's own code rather than another code with the same value.
            return Some(q.to_string());
        }
        if qv == 0x1000 {
            return Some(p.to_string());
        }
        self.lex.pico_rev.get(&(pv + qv)).cloned()
    }

    // ----- assembly ------------------------------------------------------

    fn assemble(
        &self,
        v: &View<'_>,
        clauses: &[Clause],
        protos: Vec<Proto>,
        cx: Context<'_>,
        out: &mut Vec<Event>,
    ) {
        // Root clauses: the root verb, or the verbal children of a non-verb
        // root, plus conj/parataxis children of the root.
        let mut is_root = vec![false; clauses.len()];
        let mut clause_of = vec![usize::MAX; v.n()];
        for (ci, c) in clauses.iter().enumerate() {
            clause_of[c.verb] = ci;
        }
        for (ci, c) in clauses.iter().enumerate() {
            let i = c.verb;
            match v.head[i] {
                None => is_root[ci] = true,
                Some(h) => {
                    if v.head[h].is_none() {
                        if v.upos(h) != Upos::Verb && !matches!(v.rel[i], "cop") {
                            is_root[ci] = true;
                        }
                        if matches!(v.base(i), "conj" | "parataxis") {
                            is_root[ci] = true;
                        }
                    }
                }
            }
        }
        // Embedded clauses of a root: advcl/ccomp/xcomp children (and their conj).
        let mut gov_of = vec![usize::MAX; clauses.len()];
        for (ci, c) in clauses.iter().enumerate() {
            let i = c.verb;
            let Some(h) = v.head[i] else { continue };
            let mut gi = clause_of[h];
            let mut rel = v.rel[i];
            if v.base(i) == "conj" && gi != usize::MAX && !is_root[gi] {
                // A conjunct of an embedded clause belongs to the same governor.
                if let Some(hh) = v.head[h] {
                    rel = v.rel[h];
                    gi = clause_of[hh];
                }
            }
            if gi != usize::MAX
                && is_root[gi]
                && matches!(rel, "ccomp" | "xcomp" | "advcl")
                && !is_root[ci]
            {
                // A clause reported before its verb ("Arnor will contribute
                // ..., an official said") is the sentence's main content: it
                // stays a root of its own instead of being folded into the
                // reporting verb.
                if rel == "ccomp" && c.verb < clauses[gi].verb {
                    is_root[ci] = true;
                } else {
                    gov_of[ci] = gi;
                }
            }
        }
        let mut keep: Vec<Proto> = Vec::new();
        let mut paired: Vec<Proto> = Vec::new();
        let mut root_events: Vec<Proto> = Vec::new();
        let mut lower: Vec<Proto> = Vec::new();
        let mut other: Vec<Proto> = Vec::new();
        for p in protos {
            if p.pair && p.code.is_some() {
                paired.push(p);
            } else if is_root[p.clause] {
                root_events.push(p);
            } else if gov_of[p.clause] != usize::MAX {
                lower.push(p);
            } else {
                other.push(p);
            }
        }
        // Combine embedded clause events with their root's events: the
        // dictionary's transformations first (`~ a (b . ATTACK) SAY = a b
        // 112`), else PETRARCH's PICO code combination.
        let mut transformed_roots: Vec<usize> = Vec::new();
        let mut by_transformation: Vec<usize> = Vec::new();
        let mut consumed = vec![false; lower.len()];
        for (ri, r) in root_events.iter().enumerate() {
            if !r.source.coded() {
                continue;
            }
            let root_sources: Vec<&str> = root_events
                .iter()
                .filter(|x| x.clause == r.clause && x.source.coded())
                .map(|x| x.source.code())
                .collect();
            for (li, l) in lower.iter().enumerate() {
                if gov_of[l.clause] != r.clause {
                    continue;
                }
                let Some(q) = &l.code else { continue };
                // A lower subject that is another speaker of the same root
                // ("A and B said they ...") pairs with that speaker only.
                if l.source.coded()
                    && l.source.code() != r.source.code()
                    && root_sources.contains(&l.source.code())
                {
                    continue;
                }
                if by_transformation.contains(&ri) {
                    consumed[li] = true;
                    continue;
                }
                let same = l.source.coded() && l.source.code() == r.source.code();
                let lower_verb = clauses[l.clause].key.as_ref();
                let root_verb = clauses[r.clause].key.as_ref();
                let mut out_side: Option<(Side, String, String)> = None;
                for t in &self.lex.transformations {
                    let Some(rk) = root_verb else { break };
                    if !self.verb_is(rk, r.code.as_deref(), &t.root) {
                        continue;
                    }
                    let lower_ok = t.lower == "Q"
                        || lower_verb.is_some_and(|lk| self.verb_is(lk, Some(q), &t.lower));
                    if !lower_ok {
                        continue;
                    }
                    let src_ok = match t.lower_source {
                        'a' => same,
                        'b' => l.source.coded() && !same,
                        _ => !l.source.coded() || same,
                    };
                    if !src_ok {
                        continue;
                    }
                    let side = if t.out_var == t.lower_source_var {
                        l.source.clone()
                    } else {
                        l.target.clone()
                    };
                    let code = if t.code == "Q" { q.clone() } else { t.code.clone() };
                    out_side =
                        Some((side, code, format!("transformation {}", self.lex.loc(t.source))));
                    break;
                }
                let no_pico = self.lex.pico.is_empty();
                if out_side.is_none()
                    && no_pico
                    && r.code.as_deref() == Some("010")
                    && l.source.coded()
                    && !same
                    && l.target.coded()
                {
                    // Without a PICO table (dyad's own lexicon), a statement
                    // reports the event of its clause: "a spokesman said Iran
                    // called on Azerbaijan to ..." is Iran's appeal to
                    // Azerbaijan, not the spokesman's statement about Iran.
                    let mut rules = r.rules.clone();
                    rules.extend(l.rules.iter().cloned());
                    rules.push(format!("reported-by:{}", r.source.code()));
                    keep.push(Proto { rules, ..l.clone() });
                    consumed[li] = true;
                    if !transformed_roots.contains(&r.clause) {
                        transformed_roots.push(r.clause);
                    }
                    continue;
                }
                let (tgt, code, why) = match out_side {
                    Some(x) => {
                        by_transformation.push(ri);
                        x
                    }
                    None => {
                        let (tgt, why) = if !l.source.coded() || same {
                            (l.target.clone(), "combine:same-source")
                        } else {
                            (l.source.clone(), "combine:speaker-source")
                        };
                        let code = match &r.code {
                            None => Some(q.clone()),
                            Some(p) => self.combine(p, q),
                        };
                        let Some(code) = code else { continue };
                        // A combination that loses the target keeps the
                        // root event instead ("agrees with France that
                        // disputes should be resolved").
                        if !tgt.coded() {
                            continue;
                        }
                        (tgt, code, why.to_string())
                    }
                };
                let mut rules = r.rules.clone();
                rules.extend(l.rules.iter().cloned());
                rules.push(format!("{why} {}+{}->{code}", r.code.as_deref().unwrap_or("---"), q));
                keep.push(Proto {
                    clause: l.clause,
                    root: false,
                    source: r.source.clone(),
                    target: tgt,
                    code: Some(code),
                    pattern: l.pattern,
                    pair: false,
                    rules,
                });
                consumed[li] = true;
                if !transformed_roots.contains(&r.clause) {
                    transformed_roots.push(r.clause);
                }
            }
        }
        // A root event counts when it will be output (both sides coded
        // under require_dyad), or when it was combined with a lower clause.
        let root_coded = !transformed_roots.is_empty()
            || root_events.iter().any(|r| {
                r.code.is_some()
                    && if self.opts.require_dyad {
                        r.source.coded() && r.target.coded()
                    } else {
                        r.source.coded() || r.target.coded()
                    }
            });
        for mut r in root_events {
            if !transformed_roots.contains(&r.clause) && r.code.is_some() {
                r.root = true;
                keep.push(r);
            }
        }
        for (li, l) in lower.into_iter().enumerate() {
            if !consumed[li] && l.code.is_some() {
                other.push(l);
            }
        }
        for o in other {
            if o.code.is_none() {
                continue;
            }
            // Events of clauses below the roots (relative clauses,
            // participles, clauses under non-root verbs) count only when the
            // sentence has no root event at all (UniversalPetrarch's rule;
            // it raises precision on the GSR suite at no cost on the unit tests).
            if !root_coded {
                keep.push(o);
            }
        }
        // Paired events: all distinct sources of a code, both ways.
        let mut by_code: Vec<(String, Vec<Proto>)> = Vec::new();
        for p in paired {
            let code = p.code.as_deref().unwrap_or_default();
            let code = code.split(':').find(|x| !x.is_empty()).unwrap_or(code).to_string();
            match by_code.iter_mut().find(|(c, _)| *c == code) {
                Some((_, v)) => v.push(p),
                None => by_code.push((code, vec![p])),
            }
        }
        for (code, ps) in by_code {
            let mut sources: Vec<&Proto> = Vec::new();
            for p in &ps {
                if p.source.coded() && !sources.iter().any(|q| q.source.code() == p.source.code()) {
                    sources.push(p);
                }
            }
            if sources.len() < 2 {
                // A lone source: the event's own target, if any.
                for p in &ps {
                    if p.source.coded() && p.target.coded() {
                        keep.push(p.clone());
                    }
                }
                continue;
            }
            for a in &sources {
                for b in &sources {
                    if a.source.code() == b.source.code() {
                        continue;
                    }
                    let mut rules = a.rules.clone();
                    rules.push("paired-compound".into());
                    keep.push(Proto {
                        clause: a.clause,
                        root: false,
                        source: a.source.clone(),
                        target: b.source.clone(),
                        code: Some(code.clone()),
                        pattern: a.pattern,
                        pair: true,
                        rules,
                    });
                }
            }
        }
        for p in keep {
            self.emit(v, clauses, p, cx, out);
        }
    }

    fn emit(
        &self,
        v: &View<'_>,
        clauses: &[Clause],
        p: Proto,
        cx: Context<'_>,
        out: &mut Vec<Event>,
    ) {
        let Some(code) = &p.code else { return };
        let c = &clauses[p.clause];
        let parts: Vec<&str> = code.split(':').collect();
        let mut pieces: Vec<(bool, &str)> = Vec::new();
        if parts.len() == 2 {
            // `X:Y` gives source->target X and target->source Y for a root
            // clause's own event; an event from an embedded or lower clause
            // keeps only X (UniversalPetrarch turns combined codes into one
            // PICO value, losing the second half); `:Y` has only the reverse
            // reading.
            if parts[0] == parts[1] || p.root {
                pieces.push((false, parts[0]));
                pieces.push((true, parts[1]));
            } else if !parts[0].is_empty() {
                pieces.push((false, parts[0]));
            } else {
                pieces.push((true, parts[1]));
            }
        } else {
            pieces.push((false, code.as_str()));
        }
        for (swap, cc) in pieces {
            if cc.is_empty() || cc == "---" {
                continue;
            }
            let (s, t) = if swap { (&p.target, &p.source) } else { (&p.source, &p.target) };
            if !s.coded() && !t.coded() {
                continue;
            }
            // An actor acting on itself is not an event between two actors.
            if s.coded() && s.code() == t.code() {
                continue;
            }
            // Nor is a sector acting on its own country ("Armenia's leaders
            // discussed ... Armenia", ARMGOV -> ARM), under dyad's conventions.
            if self.opts.context_country
                && s.coded()
                && t.coded()
                && same_country_self(s.code(), t.code())
            {
                continue;
            }
            if self.opts.require_dyad && (!s.coded() || !t.coded()) {
                continue;
            }
            let verb_span = v.span_of(&c.verb_words);
            let actor = |side: &Side| -> Actor {
                let (text, span) = match &side.res {
                    Some(r) if !r.words.is_empty() => {
                        let sp = v.span_of(&r.words);
                        let text = match cx.text {
                            Some(t) if t.get(sp.range()).is_some() => t[sp.range()].to_string(),
                            _ => r.words.iter().map(|&w| v.s.form(w)).collect::<Vec<_>>().join(" "),
                        };
                        (text, sp)
                    }
                    _ => (String::new(), Span::default()),
                };
                let code = side.code().to_string();
                let (country, sectors) = split_code(&code);
                Actor { code, country, sectors, text, span }
            };
            let mut explain = Explanation {
                verb_entry: c.key.as_ref().map(|k| self.lex.loc(k.source)).unwrap_or_default(),
                source_rule: s.rule.to_string(),
                target_rule: t.rule.to_string(),
                ..Explanation::default()
            };
            if let Some((g, pi)) = p.pattern {
                let pat = &self.lex.groups[g].patterns[pi];
                explain.verb_pattern = self.lex.loc(pat.source);
                explain.pattern_text = format!("{} {}", self.lex.groups[g].name, pat.text);
            }
            for side in [s, t] {
                if let Some(r) = &side.res {
                    for en in &r.entries {
                        explain.actor_entries.push(match *en {
                            EntryRef::Actor(id, ci) => {
                                let e = &self.lex.actor_entries[id as usize];
                                format!("{} {}", e.codes[ci as usize].0, self.lex.loc(e.source))
                            }
                            EntryRef::Agent(id) => {
                                let ag = &self.lex.agent_entries[id as usize];
                                format!("~{} {}", ag.code, self.lex.loc(ag.source))
                            }
                        });
                    }
                }
            }
            explain.rules = p.rules.clone();
            if swap {
                explain.rules.push(format!("symmetric-code {code}"));
            }
            let evidence = Evidence {
                text: String::new(),
                verb: verb_span,
                source: s.res.as_ref().filter(|r| !r.words.is_empty()).map(|r| v.span_of(&r.words)),
                target: t.res.as_ref().filter(|r| !r.words.is_empty()).map(|r| v.span_of(&r.words)),
            };
            out.push(Event {
                sentence: cx.sentence,
                date: cx.date.map(|d| d.to_string()),
                date_source: cx.date.map(|_| "publication".to_string()),
                source: actor(s),
                target: actor(t),
                cameo: cc.to_string(),
                negated: c.negated,
                issues: Vec::new(),
                evidence,
                explain,
                place: None,
            });
        }
    }
}

/// Whether a pattern names a word in any of its slots.
fn pattern_names(p: &CPattern, w: &str) -> bool {
    let has = |a: &Alts| a.iter().any(|x| **x == *w);
    let noun = |n: &NounPat| has(&n.head) || n.mods.iter().any(&has);
    p.pre.iter().any(noun)
        || p.post_nouns.iter().any(noun)
        || p.post_preps
            .iter()
            .chain(&p.pre_preps)
            .any(|pp| has(&pp.prep) || pp.nouns.iter().any(noun))
}

/// Whether one code is a bare country and the other that country with
/// sectors ("ARM" and "ARMGOV").
fn same_country_self(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.len() == 3 && long.len() > 3 && long.starts_with(short) && country_of(long) == Some(short)
}

/// The country part of an actor code ("GEO" of "GEOCOP"), if it starts with
/// a country (not an IGO, NGO, multinational or an agent alone).
fn country_of(actor: &str) -> Option<&str> {
    let c = actor.get(..3)?;
    if !c.bytes().all(|b| b.is_ascii_uppercase())
        || matches!(c, "IGO" | "NGO" | "NGM" | "MNC" | "INT" | "UAF" | "---")
    {
        return None;
    }
    Some(c)
}

/// Gives a coded side that is an agent alone (`---GOV`) the country `c`.
fn fill_country(side: &mut Side, c: &str) -> bool {
    let Some(r) = side.res.as_mut() else { return false };
    if !r.actor.is_empty() || !r.code.contains("---") {
        return false;
    }
    r.code = format!("{}{}{}", r.pre, c, r.post);
    r.actor = c.to_string();
    true
}

fn is_nominal(u: Upos) -> bool {
    matches!(u, Upos::Noun | Upos::Propn | Upos::Pron | Upos::Num | Upos::X)
}

/// All descendants of `m` (conjuncts included), `m` too.
fn full_subtree(v: &View<'_>, m: usize, out: &mut Vec<usize>) {
    out.clear();
    out.push(m);
    let mut k = 0;
    while k < out.len() && out.len() < 4096 {
        let cur = out[k];
        out.extend(v.kids[cur].iter().copied());
        k += 1;
    }
}

/// The subtree of `h` down to `depth` levels, without clausal adjuncts,
/// appositions and `h`'s own conjuncts.
fn limited_subtree(v: &View<'_>, h: usize, depth: u32, out: &mut Vec<usize>) {
    out.clear();
    let mut frontier = vec![h];
    out.push(h);
    for _ in 0..depth {
        let mut next = Vec::new();
        for &cur in &frontier {
            for &c in &v.kids[cur] {
                if matches!(
                    v.base(c),
                    "conj" | "cc" | "appos" | "punct" | "parataxis" | "advcl" | "ccomp"
                ) {
                    continue;
                }
                out.push(c);
                next.push(c);
            }
        }
        frontier = next;
    }
    out.sort_unstable();
}

/// Checks the extra words of a multi-word verb; returns the words they matched.
fn multiword_match(v: &View<'_>, i: usize, k: &VerbKey) -> Option<Vec<usize>> {
    let mut extra = Vec::new();
    let near = |j: usize| -> bool {
        v.head[j] == Some(i) || (j > i && j - i <= 3) || (j < i && i - j <= 3)
    };
    for w in &k.after {
        let hit = (i + 1..v.n().min(i + 6)).find(|&j| {
            (*v.form[j] == **w || *v.lemma[j] == **w) && near(j) && !extra.contains(&j)
        })?;
        extra.push(hit);
    }
    for w in &k.before {
        let hit = (i.saturating_sub(5)..i).rev().find(|&j| {
            (*v.form[j] == **w || *v.lemma[j] == **w) && near(j) && !extra.contains(&j)
        })?;
        extra.push(hit);
    }
    Some(extra)
}

/// Whether word `w` is a regular plural of one of the alternatives.
fn plural_of(v: &View<'_>, w: usize, alts: &Alts) -> bool {
    let f = &v.form[w];
    alts.iter()
        .any(|a| f.len() > a.len() && f.starts_with(&**a) && matches!(&f[a.len()..], "S" | "ES"))
}

/// Picks an actor code for a date: the narrowest dated range containing it
/// (by [`DateRange::contains`]: `Before` excludes its date), else the first
/// undated code. Returns its index.
fn pick_code(codes: &[(String, DateRange)], date: Option<Date>) -> Option<usize> {
    let mut best: Option<(i64, usize)> = None;
    if let Some(d) = date {
        for (i, (_, r)) in codes.iter().enumerate() {
            if *r == DateRange::Always || !r.contains(d) {
                continue;
            }
            // Open-ended ranges are wider than any closed one.
            let width = match r {
                DateRange::Between(a, b) => b.days() - a.days(),
                _ => i64::MAX,
            };
            if best.is_none_or(|(w, _)| width < w) {
                best = Some((width, i));
            }
        }
    }
    if let Some((_, i)) = best {
        return Some(i);
    }
    codes.iter().position(|(_, r)| *r == DateRange::Always)
}

/// Splits an actor code into its country part and 3-letter sectors.
pub(crate) fn split_code(code: &str) -> (Option<String>, Vec<String>) {
    if code.starts_with("---") || code.len() < 3 || !code.is_ascii() {
        let rest = code.trim_start_matches('-');
        return (None, chunks(rest));
    }
    let head = &code[..3];
    if dyad_lexicon::ontology::country(head).is_some()
        || dyad_lexicon::ontology::known_group(head).is_some()
    {
        (Some(head.to_string()), chunks(&code[3..]))
    } else {
        (None, chunks(code))
    }
}

fn chunks(s: &str) -> Vec<String> {
    if !s.is_ascii() {
        return vec![s.to_string()];
    }
    s.as_bytes()
        .chunks(3)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .filter(|c| !c.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn pick_code_takes_the_narrowest_range_containing_the_date() {
        let codes = vec![
            ("USAELI".to_string(), DateRange::Before(d("2009-01-20"))),
            ("USAGOV".to_string(), DateRange::Between(d("2009-01-20"), d("2017-01-20"))),
            ("USAGOV2".to_string(), DateRange::Between(d("2013-01-20"), d("2013-12-31"))),
            ("USAOPP".to_string(), DateRange::From(d("2017-01-21"))),
            ("USA".to_string(), DateRange::Always),
        ];
        assert_eq!(pick_code(&codes, Some(d("2009-01-19"))), Some(0));
        // `Before` excludes its own date, as `DateRange::contains` says.
        assert_eq!(pick_code(&codes, Some(d("2009-01-20"))), Some(1));
        let before_or_always = [codes[0].clone(), codes[4].clone()];
        assert_eq!(pick_code(&before_or_always, Some(d("2009-01-20"))), Some(1));
        // Two ranges hold the date: the narrower wins.
        assert_eq!(pick_code(&codes, Some(d("2013-06-01"))), Some(2));
        assert_eq!(pick_code(&codes, Some(d("2017-01-20"))), Some(1));
        assert_eq!(pick_code(&codes, Some(d("2020-05-05"))), Some(3));
        // No date, or no range holding it: the undated code.
        assert_eq!(pick_code(&codes, None), Some(4));
        assert_eq!(pick_code(&codes[..3], Some(d("2020-05-05"))), None);
    }
}
