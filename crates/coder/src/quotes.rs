//! Quotations: direct and reported speech with the speaker resolved to an
//! actor (issue 7). Collected sentence by sentence into the document state.
//!
//! Direct speech is text between quotation marks (`"…"`, `“…”`, `«…»`) that
//! a verb of saying governs, or that is governed by one (`"…," he said`),
//! possibly opening in one sentence and closing in a later one; a quotation
//! of a whole sentence with no verb of saying of its own, right after
//! another quotation, continues that speaker's words. Reported speech is the
//! complement clause of a verb of saying ("X said (that) …", "X told
//! reporters …"), the main clause a sentence-final "…, X said" reports, or
//! the clause "according to X" qualifies.
//!
//! The speaker is the subject of the verb of saying, resolved with the
//! coder's own actor resolution; a bare agent ("the spokesman") takes the
//! country of the document's recent actors like an event source does, and a
//! pronoun ("he said") the last speaker of the document.
//!
//! False positives are held down by requiring at least three words in a
//! quotation and a verb of saying (or a preceding quotation it continues):
//! titles and scare quotes ("the so-called 'peace plan'") give nothing of
//! their own, and a reported clause that contains them is reported whole.

use dyad_types::event::{Actor, Quote};
use dyad_types::{Sentence, Span, Upos};

use crate::coder::{Coder, Context, DocState, View, ViewBufs, split_code};

/// Lemmas of the verbs of saying.
const SPEECH_LEMMAS: &[&str] = &[
    "say",
    "tell",
    "add",
    "state",
    "warn",
    "insist",
    "claim",
    "announce",
    "deny",
    "declare",
    "stress",
    "note",
    "explain",
    "assert",
    "argue",
    "confirm",
    "reply",
    "acknowledge",
    "admit",
    "allege",
    "tweet",
    "write",
    "comment",
    "remark",
    "reiterate",
    "emphasize",
    "emphasise",
    "caution",
    "vow",
    "complain",
    "ask",
    "answer",
    "report",
    "maintain",
    "contend",
    "predict",
];

/// Lemmas of verbs that name what they quote (direct quotations only).
const NAMING_LEMMAS: &[&str] = &["call", "describe", "dub", "brand", "term", "label"];

/// Forms of irregular or common inflections, for words with no lemma.
const SPEECH_FORMS: &[&str] =
    &["said", "says", "saying", "told", "tells", "telling", "wrote", "writes", "written"];

/// How many sentences a quotation may stay open before it is given up.
const MAX_OPEN_SENTENCES: u32 = 6;

/// How many sentences after a quotation a verb-less quotation still
/// continues its speaker's words.
const CONTINUE_SENTENCES: u32 = 2;

/// The longest sentence looked at, in words.
const MAX_WORDS: usize = 400;

/// The fewest words a quotation has (titles and scare words have fewer).
const MIN_WORDS: usize = 3;

/// A speaker and the verb that introduced them.
#[derive(Clone, Debug, Default)]
struct Attribution {
    speaker: Actor,
    verb: String,
}

/// A direct quotation whose closing mark has not been seen yet.
#[derive(Clone, Debug, Default)]
struct Open {
    /// First byte after the opening mark.
    start: usize,
    /// Sentence of the opening mark.
    sentence: u32,
    /// End of the last word seen inside the quotation.
    last_end: usize,
    /// Words inside so far (punctuation not counted).
    words: usize,
    /// Whether a verb occurred inside so far.
    has_verb: bool,
    /// The speaker found in an earlier sentence of the quotation.
    att: Option<Attribution>,
}

/// Quotation memory of a document, kept in [`DocState`].
#[derive(Clone, Debug, Default)]
pub(crate) struct QuoteState {
    /// A direct quotation still open at the end of the last sentence.
    open: Option<Open>,
    /// The last speaker quoted and the sentence of that quotation.
    last: Option<(Attribution, u32)>,
    /// Named subjects and speakers of the document, oldest first.
    mentions: Vec<Mention>,
    /// The country of the article's dateline ("BAKU, March 31 -"), once read.
    dateline: Option<String>,
    /// Whether the dateline was looked for.
    dateline_done: bool,
}

/// A subject of an earlier sentence, for pronouns and surnames.
#[derive(Clone, Debug, Default)]
struct Mention {
    actor: Actor,
    /// Its proper-noun words, lower-case.
    names: Vec<String>,
    /// Its phrase, lower-case.
    text: String,
    sentence: u32,
    /// Whether it names a person (not a country).
    person: bool,
}

/// A closed direct quotation in the current sentence.
struct Direct {
    start: usize,
    end: usize,
    sentence: u32,
    /// Its words in this sentence (punctuation included).
    inside: Vec<usize>,
    words: usize,
    has_verb: bool,
    att: Option<Attribution>,
}

/// Per-sentence helpers over the parse.
struct Tree<'s> {
    s: &'s Sentence,
    head: Vec<Option<usize>>,
    kids: Vec<Vec<usize>>,
}

impl<'s> Tree<'s> {
    fn new(s: &'s Sentence) -> Tree<'s> {
        let n = s.len();
        let mut head = vec![None; n];
        let mut kids = vec![Vec::new(); n];
        for (i, w) in s.words.iter().enumerate() {
            if w.head != 0
                && w.head != u32::MAX
                && (w.head as usize) <= n
                && w.head as usize != i + 1
            {
                let h = w.head as usize - 1;
                head[i] = Some(h);
                kids[h].push(i);
            }
        }
        Tree { s, head, kids }
    }

    fn rel(&self, i: usize) -> &'static str {
        self.s.words[i].deprel.canonical().as_str()
    }

    fn base(&self, i: usize) -> &'static str {
        self.s.words[i].deprel.canonical().base()
    }

    fn upos(&self, i: usize) -> Upos {
        self.s.words[i].upos
    }

    fn is_punct(&self, i: usize) -> bool {
        self.upos(i) == Upos::Punct || self.s.form(i).chars().all(|c| !c.is_alphanumeric())
    }

    fn lower(&self, i: usize) -> String {
        self.s.form(i).to_lowercase()
    }

    /// Whether `a` is `b` or one of its ancestors (bounded against cycles).
    fn dominates(&self, a: usize, mut b: usize) -> bool {
        for _ in 0..=self.s.len() {
            if a == b {
                return true;
            }
            match self.head[b] {
                Some(h) => b = h,
                None => return false,
            }
        }
        false
    }

    /// `i` and all its descendants, except the children `skip` rejects, in order.
    fn subtree(&self, i: usize, skip: &dyn Fn(usize) -> bool) -> Vec<usize> {
        let mut seen = vec![false; self.s.len()];
        seen[i] = true;
        let mut out = vec![i];
        let mut k = 0;
        while k < out.len() {
            let cur = out[k];
            for &c in &self.kids[cur] {
                if !seen[c] && !skip(c) {
                    seen[c] = true;
                    out.push(c);
                }
            }
            k += 1;
        }
        out.sort_unstable();
        out
    }

    /// The phrase headed by `h` as a speaker is written: without its
    /// relative clauses, coordination and edge punctuation.
    fn phrase(&self, h: usize) -> Vec<usize> {
        let mut p = self.subtree(h, &|c| {
            (matches!(self.base(c), "acl" | "conj" | "cc" | "parataxis" | "ccomp" | "advcl")
                || (self.head[c] == Some(h) && self.base(c) == "case"))
                && c != h
        });
        while p.len() > 1 && p.first().is_some_and(|&w| self.is_punct(w)) {
            p.remove(0);
        }
        while p.len() > 1 && p.last().is_some_and(|&w| self.is_punct(w)) {
            p.pop();
        }
        p
    }

    /// The lower-case words of a person's name in a phrase headed by `h`:
    /// the head and its `flat` parts, and names in apposition (titles,
    /// read as compounds, are left out).
    fn names(&self, phrase: &[usize], h: usize) -> Vec<String> {
        phrase
            .iter()
            .copied()
            .filter(|&w| self.upos(w) == Upos::Propn && self.s.form(w).len() > 2)
            .filter(|&w| {
                let name_part = |x: usize| {
                    x == h
                        || matches!(self.base(x), "flat" | "appos")
                        || (self.base(x) == "nmod"
                            && self.kids[x].iter().all(|&k| self.base(k) != "case"))
                };
                name_part(w) || self.head[w].is_some_and(name_part)
            })
            .map(|w| self.lower(w))
            .filter(|w| !PERSON_NOUNS.contains(&w.as_str()) && !TITLE_WORDS.contains(&w.as_str()))
            .collect()
    }

    /// Whether word `i` is a verb that names what it quotes ("called the
    /// arrests 'a copy of the Kremlin's playbook'"): a speaker for a direct
    /// quotation, never for reported speech.
    fn is_naming(&self, i: usize) -> bool {
        NAMING_LEMMAS.contains(&self.s.lemma(i).to_lowercase().as_str())
    }

    /// Whether word `i` is a verb of saying.
    fn is_speech(&self, i: usize) -> bool {
        if self.upos(i) != Upos::Verb {
            return false;
        }
        let lemma = self.s.lemma(i).to_lowercase();
        if SPEECH_LEMMAS.contains(&lemma.as_str()) {
            return true;
        }
        let f = self.lower(i);
        let no_lemma = lemma.is_empty() || lemma == "_";
        SPEECH_FORMS.contains(&f.as_str())
            || (no_lemma
                && ["s", "ed", "d", "ing"].iter().any(|suf| {
                    f.strip_suffix(suf).is_some_and(|stem| SPEECH_LEMMAS.contains(&stem))
                }))
    }

    fn negated(&self, i: usize) -> bool {
        self.kids[i].iter().any(|&c| {
            matches!(self.rel(c), "advmod" | "neg")
                && matches!(self.lower(c).as_str(), "not" | "n't" | "never")
        })
    }

    /// The subject of a verb: its own `nsubj` nearest before it, else the
    /// subject of the verb it is coordinated with ("said … and added …").
    fn subject(&self, v: usize) -> Option<usize> {
        let mut cur = v;
        for _ in 0..8 {
            let subj = self.kids[cur]
                .iter()
                .copied()
                .filter(|&c| matches!(self.rel(c), "nsubj" | "nsubj:outer" | "obl:agent"))
                .min_by_key(|&c| if c < cur { cur - c } else { usize::MAX / 2 + c });
            if subj.is_some() {
                return subj;
            }
            if self.base(cur) == "conj" {
                cur = self.head[cur]?;
            } else {
                break;
            }
        }
        // An inverted '"…," said the minister' read with the minister as
        // another verb's subject: the nominal phrase right after the verb.
        let mut w = (v + 1..self.s.len()).find(|&w| !self.is_punct(w))?;
        if !matches!(self.upos(w), Upos::Noun | Upos::Propn | Upos::Det | Upos::Adj) {
            return None;
        }
        for _ in 0..8 {
            match self.head[w] {
                Some(h) if h > v && matches!(self.upos(h), Upos::Noun | Upos::Propn) => w = h,
                _ => break,
            }
        }
        matches!(self.upos(w), Upos::Noun | Upos::Propn).then_some(w)
    }

    fn has_verb(&self, words: &[usize]) -> bool {
        words.iter().any(|&w| matches!(self.upos(w), Upos::Verb | Upos::Aux))
    }

    fn count_words(&self, words: &[usize]) -> usize {
        words.iter().filter(|&&w| !self.is_punct(w)).count()
    }

    /// Byte span of a word list with leading "that" and punctuation at both
    /// ends removed; `None` when nothing is left.
    fn trimmed_span(&self, words: &[usize]) -> Option<Span> {
        let mut a = 0;
        let mut b = words.len();
        while a < b
            && (self.is_punct(words[a])
                || (a == 0 && self.rel(words[a]) == "mark" && self.lower(words[a]) == "that"))
        {
            a += 1;
        }
        while b > a && self.is_punct(words[b - 1]) {
            b -= 1;
        }
        if a == b {
            return None;
        }
        let sp = self.s.words[words[a]].span.cover(self.s.words[words[b - 1]].span);
        Some(sp)
    }
}

/// Which way a quotation mark faces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dir {
    Open,
    Close,
    /// A straight mark: decided by the text around it and the open state.
    Either,
}

fn mark_dir(form: &str) -> Option<Dir> {
    match form {
        "“" | "«" | "``" | "„" => Some(Dir::Open),
        "”" | "»" | "''" => Some(Dir::Close),
        "\"" => Some(Dir::Either),
        _ => None,
    }
}

/// Decides a straight mark's direction from its neighbours: a mark after a
/// space and before a letter opens, one after a letter or punctuation and
/// before a space closes; otherwise it closes an open quotation.
fn straight_dir(text: &str, sp: Span, open: bool) -> Dir {
    let before = text.get(..sp.start as usize).and_then(|t| t.chars().next_back());
    let after = text.get(sp.end as usize..).and_then(|t| t.chars().next());
    let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let left = (space(before) || before.is_some_and(|c| "([{—–-".contains(c))) && !space(after);
    let right = !space(before)
        && (space(after) || after.is_some_and(|c| c.is_ascii_punctuation() && c != '('));
    match (left, right) {
        (true, false) => Dir::Open,
        (false, true) => Dir::Close,
        _ if open => Dir::Close,
        _ => Dir::Open,
    }
}

/// Finds the quotations of one sentence and pushes them onto the document
/// state. Called by [`Coder::code_in`] after the sentence's events.
pub(crate) fn collect(coder: &Coder, s: &Sentence, cx: &Context<'_>, st: &mut DocState) {
    // Unparsed, empty, or longer than any real sentence (the tree walks
    // below are quadratic in the worst case).
    if s.is_empty() || s.len() > MAX_WORDS || s.words.iter().any(|w| w.head == u32::MAX) {
        return;
    }
    let owned;
    let text = match cx.text {
        Some(t) => t,
        None => {
            owned = crate::text_from_spans(s);
            owned.as_str()
        }
    };
    if s.words.iter().any(|w| text.get(w.span.range()).is_none()) {
        return;
    }
    let t = Tree::new(s);
    let mut view: Option<View<'_>> = None;
    let mut qs = std::mem::take(&mut st.quote_state);
    if qs.open.as_ref().is_some_and(|o| cx.sentence > o.sentence + MAX_OPEN_SENTENCES) {
        qs.open = None;
    }
    let mut found: Vec<Quote> = Vec::new();
    if !qs.dateline_done {
        qs.dateline = dateline_country(coder, &t, text);
        qs.dateline_done = qs.dateline.is_some() || cx.sentence >= 1;
    }

    // 1. Quotation marks: pair them, carrying an open quotation across sentences.
    let mut directs: Vec<Direct> = Vec::new();
    let mut open_here: Option<usize> = None; // word index of this sentence's opening mark
    for i in 0..s.len() {
        let Some(d) = mark_dir(s.form(i)) else { continue };
        let is_open = open_here.is_some() || qs.open.is_some();
        let d = match d {
            Dir::Either => straight_dir(text, s.words[i].span, is_open),
            Dir::Open if open_here.is_some() => Dir::Close,
            d => d,
        };
        match d {
            Dir::Open => {
                if let Some(o) = qs.open.take() {
                    // A new paragraph of a quotation reopens without closing
                    // the last one: the earlier part ends where its words did.
                    directs.push(Direct {
                        start: o.start,
                        end: o.last_end,
                        sentence: o.sentence,
                        inside: Vec::new(),
                        words: o.words,
                        has_verb: o.has_verb,
                        att: o.att,
                    });
                }
                open_here = Some(i);
            }
            Dir::Close | Dir::Either => {
                if let Some(o) = open_here.take() {
                    let inside: Vec<usize> = (o + 1..i).collect();
                    directs.push(Direct {
                        start: s.words[o].span.end as usize,
                        end: s.words[i].span.start as usize,
                        sentence: cx.sentence,
                        words: t.count_words(&inside),
                        has_verb: t.has_verb(&inside),
                        inside,
                        att: None,
                    });
                } else if let Some(o) = qs.open.take() {
                    let inside: Vec<usize> = (0..i).collect();
                    directs.push(Direct {
                        start: o.start,
                        end: s.words[i].span.start as usize,
                        sentence: o.sentence,
                        words: o.words + t.count_words(&inside),
                        has_verb: o.has_verb || t.has_verb(&inside),
                        inside,
                        att: o.att,
                    });
                }
            }
        }
    }

    // Words inside quotation marks of this sentence (for scare quotes too).
    let mut quoted = vec![false; s.len()];
    for d in &directs {
        for &w in &d.inside {
            quoted[w] = true;
        }
    }
    if let Some(o) = open_here {
        for q in quoted.iter_mut().skip(o + 1) {
            *q = true;
        }
    }
    if open_here.is_none() && qs.open.is_some() {
        // No closing mark: the whole sentence continues a quotation opened earlier.
        quoted.iter_mut().for_each(|q| *q = true);
    }

    // Words inside quotations long enough to be quotations of their own:
    // a reported clause that contains them is not reported again.
    let mut long = vec![false; s.len()];
    for d in directs.iter().filter(|d| d.words >= MIN_WORDS) {
        for &w in &d.inside {
            long[w] = true;
        }
    }
    if let Some(o) = open_here {
        let rest: Vec<usize> = (o + 1..s.len()).collect();
        if t.count_words(&rest) >= MIN_WORDS {
            rest.iter().for_each(|&w| long[w] = true);
        }
    }
    if open_here.is_none() && qs.open.is_some() {
        long.iter_mut().for_each(|q| *q = true);
    }

    // 2. Direct quotations of at least MIN_WORDS words.
    let mut covered = vec![false; s.len()];
    for d in directs {
        if d.words < MIN_WORDS {
            continue;
        }
        let linked = if d.inside.is_empty() { None } else { linked_verb(&t, &d.inside, &quoted) };
        let att = match linked {
            Some(v) => Some(attribution(coder, &t, &mut view, v, cx, st, &qs)),
            None => d.att.clone().or_else(|| {
                // A whole quoted sentence right after a quotation continues it.
                let whole = !d.inside.is_empty()
                    && (0..s.len()).filter(|w| !d.inside.contains(w)).all(|w| t.is_punct(w));
                match &qs.last {
                    Some((a, k))
                        if (whole || d.inside.is_empty())
                            && d.has_verb
                            && cx.sentence <= k + CONTINUE_SENTENCES =>
                    {
                        Some(a.clone())
                    }
                    _ => None,
                }
            }),
        };
        let Some(att) = att else { continue };
        let Some(sp) = trim_quote(text, d.start, d.end) else { continue };
        for &w in &d.inside {
            covered[w] = true;
        }
        qs.last = Some((att.clone(), cx.sentence));
        found.push(Quote {
            sentence: d.sentence,
            speaker: att.speaker,
            verb: att.verb,
            quote: text[sp.range()].to_string(),
            span: sp,
        });
    }

    // A quotation still open at the end of the sentence: remember it, with
    // the speaker this sentence names for it.
    if let Some(o) = open_here {
        let inside: Vec<usize> = (o + 1..s.len()).collect();
        let att = linked_verb(&t, &inside, &quoted)
            .map(|v| attribution(coder, &t, &mut view, v, cx, st, &qs));
        qs.open = Some(Open {
            start: s.words[o].span.end as usize,
            sentence: cx.sentence,
            last_end: inside
                .last()
                .map_or(s.words[o].span.end as usize, |&w| s.words[w].span.end as usize),
            words: t.count_words(&inside),
            has_verb: t.has_verb(&inside),
            att,
        });
    } else if let Some(o) = qs.open.as_mut()
        && o.sentence < cx.sentence
        && quoted.iter().all(|&q| q)
    {
        let all: Vec<usize> = (0..s.len()).collect();
        o.words += t.count_words(&all);
        o.has_verb |= t.has_verb(&all);
        o.last_end = s.words[s.len() - 1].span.end as usize;
    }

    // 3. Reported speech, outside direct quotations.
    let mut reported: Vec<(usize, Vec<usize>, usize)> = Vec::new(); // (verb, words, speaker head)
    for r in 0..s.len() {
        if quoted[r] || covered[r] || !t.is_speech(r) || t.negated(r) {
            continue;
        }
        // "asked for …" is a request, not a quotation.
        if t.s.lemma(r).eq_ignore_ascii_case("ask") {
            continue;
        }
        let Some((words, subj)) = complement(&t, r) else { continue };
        // The speaker inside the clause: a misparse ("said France's
        // ambassador X, whose country drafted …").
        if words.contains(&subj) {
            continue;
        }
        reported.push((r, words, subj));
    }
    let in_direct = covered.clone();
    for (r, words, subj) in reported {
        // A clause that quotes some of its words ("said Somalia's
        // sovereignty was 'not negotiable'") is reported too, unless the
        // quotation is nearly all of it ("told reporters that the
        // government 'will not tolerate …'": the direct quotation).
        let unquoted: Vec<usize> = words
            .iter()
            .copied()
            .filter(|&w| !in_direct[w] && !long[w] && t.lower(w) != "that")
            .collect();
        if words.iter().any(|&w| covered[w] && !in_direct[w])
            || t.count_words(&unquoted) < MIN_WORDS
        {
            continue;
        }
        if !t.has_verb(&words) {
            continue;
        }
        let Some(sp) = t.trimmed_span(&words) else { continue };
        let speaker = speaker(coder, &t, &mut view, subj, cx, st, &qs);
        let att = Attribution { speaker, verb: s.form(r).to_string() };
        record(&words, att, sp, text, cx.sentence, &mut covered, &mut qs, &mut found);
    }

    // "according to X, …"
    for (i, &q) in quoted.iter().enumerate().take(s.len().saturating_sub(1)) {
        if q || t.lower(i) != "according" || t.lower(i + 1) != "to" {
            continue;
        }
        let Some(x) = according_head(&t, i) else { continue };
        let xs = t.subtree(x, &|_| false);
        let clause = match t.head[x] {
            Some(h) if !xs.contains(&h) => {
                let mut top = h;
                while !matches!(t.upos(top), Upos::Verb | Upos::Aux | Upos::Adj)
                    && t.head[top].is_some()
                {
                    top = t.head[top].unwrap_or(top);
                }
                t.subtree(top, &|c| xs.contains(&c))
            }
            _ => (0..s.len()).filter(|w| !xs.contains(w)).collect(),
        };
        let words: Vec<usize> =
            clause.into_iter().filter(|&w| !xs.contains(&w) && w != i && w != i + 1).collect();
        if words.iter().any(|&w| covered[w] || long[w])
            || t.count_words(&words) < MIN_WORDS
            || !t.has_verb(&words)
        {
            continue;
        }
        let Some(sp) = t.trimmed_span(&words) else { continue };
        let speaker = speaker(coder, &t, &mut view, x, cx, st, &qs);
        let att = Attribution { speaker, verb: format!("{} {}", s.form(i), s.form(i + 1)) };
        record(&words, att, sp, text, cx.sentence, &mut covered, &mut qs, &mut found);
    }

    remember_subjects(coder, &t, &mut view, cx, st, &mut qs);
    found.sort_by_key(|q| (q.span.start, q.span.end));
    st.quote_state = qs;
    st.quotes.extend(found);
}

/// Records one reported-speech quotation: marks its words as covered, makes
/// its speaker the last one, and adds the record.
#[allow(clippy::too_many_arguments)] // the collecting loop's state, passed as is
fn record(
    words: &[usize],
    att: Attribution,
    sp: Span,
    text: &str,
    sentence: u32,
    covered: &mut [bool],
    qs: &mut QuoteState,
    found: &mut Vec<Quote>,
) {
    for &w in words {
        covered[w] = true;
    }
    qs.last = Some((att.clone(), sentence));
    found.push(Quote {
        sentence,
        speaker: att.speaker,
        verb: att.verb,
        quote: text[sp.range()].to_string(),
        span: sp,
    });
}

/// The verb of saying a quotation hangs on: one outside the quotation that
/// governs the quotation's top words ("said: '…'") or that one of them
/// governs ("'…,' he said"), the nearest first.
fn linked_verb(t: &Tree<'_>, inside: &[usize], quoted: &[bool]) -> Option<usize> {
    let tops: Vec<usize> = inside
        .iter()
        .copied()
        .filter(|&w| t.head[w].is_none_or(|h| !inside.contains(&h)))
        .filter(|&w| !t.is_punct(w))
        .collect();
    let dist = |v: usize| {
        let (a, b) = (inside.first().copied().unwrap_or(0), inside.last().copied().unwrap_or(0));
        if v < a { a - v } else { v.saturating_sub(b) }
    };
    (0..t.s.len())
        .filter(|&v| !quoted[v] && !inside.contains(&v) && !t.negated(v))
        .filter(|&v| t.is_speech(v) || (t.upos(v) == Upos::Verb && t.is_naming(v)))
        .filter(|&v| tops.iter().any(|&q| t.dominates(v, q) || t.dominates(q, v)))
        .min_by_key(|&v| dist(v))
}

/// The reported clause of a verb of saying and the speaker's head word.
fn complement(t: &Tree<'_>, r: usize) -> Option<(Vec<usize>, usize)> {
    let n = t.s.len();
    let subj = t.subject(r)?;
    // A clause cut off at a coordinated clause with its own subject after a
    // comma (", and it summoned …": the writer's words again).
    let own_clause = |root: usize| {
        move |c: usize| {
            t.base(c) == "conj"
                && t.head[c] == Some(root)
                && t.kids[c].iter().any(|&k| t.base(k) == "nsubj")
                && t.kids[c].iter().any(|&k| t.s.form(k) == "," || t.base(k) == "cc")
                && (0..c).rev().take(3).any(|k| t.s.form(k) == ",")
        }
    };
    // A subordinate clause read as the complement ("…, X said when asked").
    let subordinate = |c: usize| {
        let first = t.subtree(c, &|_| false).first().copied().unwrap_or(c);
        SUBORDINATORS.contains(&t.lower(first).as_str())
    };
    // "X said (that) …": the clausal complement after the verb.
    if let Some(&c) = t.kids[r].iter().find(|&&c| t.rel(c) == "ccomp" && c > r && !subordinate(c)) {
        let skip = own_clause(c);
        return Some((t.subtree(c, &skip), subj));
    }
    // A sentence-final "…, X said.": everything before the comma that
    // starts the speaker's phrase (whatever the parser attached it to).
    let clause_kid = |w: usize| {
        let mut c = w;
        while let Some(h) = t.head[c] {
            if h == r {
                return Some(c);
            }
            c = h;
        }
        None
    };
    let trailing = |w: usize| {
        t.is_punct(w)
            || (!matches!(t.upos(w), Upos::Verb | Upos::Aux)
                && clause_kid(w).is_some_and(|c| {
                    subordinate(c)
                        || !matches!(
                            t.base(c),
                            "ccomp" | "parataxis" | "advcl" | "conj" | "xcomp" | "obj"
                        )
                }))
    };
    if subj < r && (r + 1..n).all(trailing) {
        let first = t.phrase(subj).first().copied().unwrap_or(subj);
        if first > 1 && t.s.form(first - 1) == "," {
            return Some(((0..first - 1).collect(), subj));
        }
    }
    // A complement before the verb, read as such.
    if let Some(&c) = t.kids[r].iter().find(|&&c| t.rel(c) == "ccomp" && !subordinate(c)) {
        let skip = own_clause(c);
        return Some((t.subtree(c, &skip), subj));
    }
    // "X said: …": a clause after a colon.
    if let Some(&c) = t.kids[r].iter().find(|&&c| t.base(c) == "parataxis" && c > r) {
        return Some((t.subtree(c, &|_| false), subj));
    }
    // "…, X said": the clause the verb is a parenthetical of (read as a
    // conjunct too: "…, traders said").
    let after_comma = |subj: usize| {
        let first = t.phrase(subj).first().copied().unwrap_or(subj);
        first > 0 && t.s.form(first - 1) == ","
    };
    if t.base(r) == "parataxis" || (t.base(r) == "conj" && subj < r && after_comma(subj)) {
        let h = t.head[r]?;
        if h < r && !(t.base(r) == "conj" && t.is_speech(h)) {
            let skip = |c: usize| c == r;
            return Some((t.subtree(h, &skip), subj));
        }
    }
    // A misparsed "X said shops stayed closed" (the clause's subject read
    // as the verb's object, its verb as a relative clause).
    if t.s.lemma(r).eq_ignore_ascii_case("say")
        && let Some(&o) = t.kids[r].iter().find(|&&o| o > r && t.base(o) == "obj")
    {
        // From the object to the end of the verb's phrase.
        let end = (o..n).rev().find(|&w| !t.is_punct(w) && t.dominates(r, w)).unwrap_or(o);
        let sub: Vec<usize> = (o..=end).collect();
        let finite =
            |w: usize| matches!(t.s.words[w].xpos.as_str(), "VBD" | "VBZ" | "VBP" | "VBN" | "MD");
        if sub.iter().any(|&w| t.base(w) == "acl" && finite(w)) {
            return Some((sub, subj));
        }
    }
    // A misparsed "X said on Friday that …" (the "that" read as a
    // determiner's, a relative pronoun's or an apposition's): a "that" the
    // verb dominates, and the largest phrase after it.
    if let Some(m) = (r + 1..n.min(r + 7)).find(|&m| t.lower(m) == "that" && t.dominates(r, m))
        && m + 1 < n
    {
        let mut top = m + 1;
        while let Some(h) = t.head[top] {
            if h <= m || !t.dominates(r, h) {
                break;
            }
            top = h;
        }
        let skip = own_clause(top);
        let words = t.subtree(top, &skip).into_iter().filter(|&w| w > m).collect();
        return Some((words, subj));
    }
    None
}

/// The country of a place that locates a speaker ("residents of Goundam",
/// "officials in Kabul"), from the coder's gazetteer.
fn place_country(
    coder: &Coder,
    t: &Tree<'_>,
    phrase: &[usize],
    text: Option<&str>,
) -> Option<String> {
    let g = coder.gazetteer()?;
    let text = text?;
    phrase.iter().copied().find_map(|w| {
        let located = t.base(w) == "nmod"
            && t.upos(w) == Upos::Propn
            && t.kids[w].iter().any(|&k| {
                t.base(k) == "case" && matches!(t.lower(k).as_str(), "of" | "in" | "from" | "at")
            });
        if !located {
            return None;
        }
        let name: Vec<usize> = t.subtree(w, &|c| !matches!(t.base(c), "flat" | "compound"));
        let sp = name.iter().map(|&x| t.s.words[x].span).reduce(Span::cover)?;
        let e = g.resolve(text.get(sp.range())?, &[])?;
        Some(e.country().to_string()).filter(|c| c.len() == 3)
    })
}

/// The country of a dateline sentence's place (its leading all-caps words,
/// see [`crate::places::dateline_end`]), looked up in the coder's gazetteer.
fn dateline_country(coder: &Coder, t: &Tree<'_>, text: &str) -> Option<String> {
    let s = t.s;
    let end = crate::places::dateline_end(s)?;
    let name = text.get(s.words[0].span.cover(s.words[end - 1].span).range())?;
    let g = coder.gazetteer()?;
    let e = g.resolve(name, &[])?;
    Some(e.country().to_string()).filter(|c| c.len() == 3)
}

/// Words that open a subordinate clause, not a reported one.
const SUBORDINATORS: &[&str] =
    &["when", "while", "after", "before", "as", "if", "because", "since", "adding", "without"];

/// The head of X in "according to X".
fn according_head(t: &Tree<'_>, i: usize) -> Option<usize> {
    let is_nom = |w: usize| matches!(t.upos(w), Upos::Noun | Upos::Propn | Upos::Pron);
    if let Some(h) = t.head[i]
        && h > i + 1
        && is_nom(h)
    {
        return Some(h);
    }
    // Else the top of the first nominal after "to".
    let mut x = (i + 2..t.s.len()).find(|&w| is_nom(w))?;
    while let Some(h) = t.head[x] {
        if h > i + 1 && is_nom(h) && matches!(t.base(x), "compound" | "flat" | "det" | "amod") {
            x = h;
        } else {
            break;
        }
    }
    Some(x)
}

/// The attribution of a quotation a verb of saying hangs on.
fn attribution<'s>(
    coder: &Coder,
    t: &Tree<'s>,
    view: &mut Option<View<'s>>,
    v: usize,
    cx: &Context<'_>,
    st: &DocState,
    qs: &QuoteState,
) -> Attribution {
    let speaker = match t.subject(v) {
        Some(h) => speaker(coder, t, view, h, cx, st, qs),
        None => qs
            .last
            .as_ref()
            .map(|(a, _)| a.speaker.clone())
            .unwrap_or_else(|| Actor { code: "---".into(), ..Actor::default() }),
    };
    Attribution { speaker, verb: t.s.form(v).to_string() }
}

/// Resolves the speaker phrase headed by `h` to an actor, keeping its text
/// as written.
#[allow(clippy::too_many_arguments)]
fn speaker<'s>(
    coder: &Coder,
    t: &Tree<'s>,
    view: &mut Option<View<'s>>,
    h: usize,
    cx: &Context<'_>,
    st: &DocState,
    qs: &QuoteState,
) -> Actor {
    let s = t.s;
    let text_of = |words: &[usize]| -> (String, Span) {
        let sp = words.iter().map(|&w| s.words[w].span).reduce(Span::cover).unwrap_or_default();
        let txt = cx
            .text
            .and_then(|x| x.get(sp.range()))
            .map(str::to_string)
            .unwrap_or_else(|| words.iter().map(|&w| s.form(w)).collect::<Vec<_>>().join(" "));
        (txt, sp)
    };
    let with_code = |code: &str, text: String, span: Span| {
        let (country, sectors) = split_code(code);
        Actor { code: code.to_string(), country, sectors, text, span }
    };
    let last = qs.last.as_ref().map(|(a, _)| &a.speaker);
    let earlier = || qs.mentions.iter().rev().filter(|m| m.sentence < cx.sentence);

    // A pronoun: "he"/"she" the last person named as a subject or speaker
    // in an earlier sentence; "they"/"it" the last speaker; else the
    // document's last actor.
    if t.upos(h) == Upos::Pron {
        let f = t.lower(h);
        let (text, span) = text_of(&[h]);
        let personal = matches!(f.as_str(), "he" | "she");
        let found = if personal {
            // The later of the last named person and the last speaker.
            let named = earlier().find(|m| m.person);
            match (named, &qs.last) {
                (Some(m), Some((a, k))) if *k >= m.sentence => Some(a.speaker.clone()),
                (Some(m), _) => Some(m.actor.clone()),
                (None, l) => l.as_ref().map(|(a, _)| a.speaker.clone()),
            }
        } else {
            last.cloned().or_else(|| earlier().next().map(|m| m.actor.clone()))
        };
        if let Some(a) = found {
            return Actor { text, span, ..a };
        }
        // An actor of an earlier sentence first: this sentence's own actors
        // include the quotation's addressee ("he told the news agency").
        let fits = |c: &str| !personal || c.len() > 3;
        let recent = st
            .recent
            .iter()
            .rev()
            .find(|(c, _, k)| fits(c) && *k < cx.sentence)
            .or_else(|| st.recent.iter().rev().find(|(c, _, _)| fits(c)));
        return match recent {
            Some((c, _, _)) => with_code(c, text, span),
            None => Actor { code: "---".into(), text, span, ..Actor::default() },
        };
    }

    // The phrase as written; a named person in apposition is the text.
    let phrase = t.phrase(h);
    let name = phrase
        .iter()
        .copied()
        .find(|&a| t.base(a) == "appos" && t.upos(a) == Upos::Propn)
        .map(|a| t.subtree(a, &|c| !matches!(t.base(c), "compound" | "flat" | "fixed")));
    let (text, span) = text_of(name.as_deref().unwrap_or(&phrase));
    let appos: Vec<usize> = phrase.iter().copied().filter(|&c| t.base(c) == "appos").collect();

    // An earlier subject or speaker named with this phrase's name
    // ("Medinsky said" after "presidential aide Vladimir Medinsky").
    let names = t.names(&phrase, h);
    let named = || {
        earlier()
            .find(|m| !m.actor.is_null() && names.iter().any(|n| m.names.contains(n)))
            .map(|m| m.actor.clone())
    };

    let v = view.get_or_insert_with(|| View::new(s, ViewBufs::default()));
    let definite = t.kids[h].iter().any(|&k| t.rel(k) == "det" && t.lower(k) == "the")
        && !t.kids[h].iter().any(|&k| matches!(t.base(k), "nmod" | "amod" | "compound"));
    // The head first (as the event coder reads a source), then a phrase in
    // apposition ("Aykhan Hajizade, the ministry's spokesman").
    let mut bare: Option<String> = None;
    // Words just before the phrase that the parser hung on the same verb
    // ("Hamas official Basem Naim said" read with three subjects).
    let mut left = Vec::new();
    let mut w = phrase.first().copied().unwrap_or(h);
    while w > 0 {
        w -= 1;
        let same_head = t.head[w] == t.head[h] || t.head[w].is_some_and(|g| left.contains(&g));
        if !same_head || !matches!(t.upos(w), Upos::Propn | Upos::Noun | Upos::Adj) {
            break;
        }
        left.push(w);
    }
    let cands = std::iter::once(h).chain(appos.iter().copied()).chain(left.iter().copied());
    // The head as the event coder reads it (a bare agent there takes a
    // country below: "the ministry's spokesman, Aykhan Hajizade"); with
    // nothing at the head, an actor among the other words first ("Hamas
    // official Basem Naim"), else their first bare agent.
    let mut bares = Vec::new();
    for (k, cand) in cands.enumerate() {
        let Some(r) = coder.resolve_masked(v, cand, cx.date, None) else { continue };
        if !r.actor.is_empty() || !r.code.starts_with("---") {
            return with_code(&r.code, text, span);
        }
        if bares.is_empty() {
            bares.push((k, r));
        }
        if k == 0 {
            break;
        }
    }
    for (k, r) in bares {
        if let Some(a) = named() {
            return Actor { text, span, ..a };
        }
        // A bare agent: "the ministry" is the last speaker or subject named
        // with the same noun ("Taiwan's defence ministry"), or the last
        // speaker of its sector; else it takes the country of the
        // document's recent actors.
        if k == 0 && definite {
            let head = t.lower(h);
            let same_noun = earlier().find(|m| {
                !m.actor.is_null()
                    && m.text.split(|c: char| !c.is_alphanumeric()).any(|w| w == head)
            });
            if let Some(m) = same_noun {
                return Actor { text, span, ..m.actor.clone() };
            }
            let recent = st.recent.iter().rev().find(|(c, x, k)| {
                *k < cx.sentence
                    && !c.starts_with("---")
                    && x.split(|c: char| !c.is_alphanumeric())
                        .any(|w| w.eq_ignore_ascii_case(&head))
            });
            if let Some((c, _, _)) = recent {
                return with_code(c, text, span);
            }
            if let Some(l) = last.filter(|l| !l.is_null() && l.code.ends_with(&r.post)) {
                return Actor { text, span, ..l.clone() };
            }
        }
        if coder.options().context_country {
            let words: Vec<&str> = r
                .words
                .iter()
                .filter(|&&w| matches!(t.upos(w), Upos::Noun | Upos::Propn))
                .map(|&w| s.form(w))
                .collect();
            // An actor named with one of the same words ("the ministry's
            // spokesman" after "Azerbaijan's Foreign Ministry"), else the
            // dateline's country (officials speak where the article is
            // filed), else the document's recent actors.
            let named_country = st.recent.iter().rev().find_map(|(c, x, _)| {
                let shares = x
                    .split(|ch: char| !ch.is_alphanumeric())
                    .any(|w| words.iter().any(|y| y.eq_ignore_ascii_case(w)));
                if shares { split_code(c).0 } else { None }
            });
            let c = named_country
                .or_else(|| place_country(coder, t, &phrase, cx.text))
                .or_else(|| qs.dateline.clone())
                .or_else(|| st.recent_country(&r.post, &words).map(str::to_string));
            if let Some(c) = c {
                return with_code(&format!("{}{c}{}", r.pre, r.post), text, span);
            }
        }
        bare.get_or_insert(r.code);
    }
    if let Some(a) = named() {
        return Actor { text, span, ..a };
    }
    match (bare, last) {
        (Some(code), _) => with_code(&code, text, span),
        // "The spokesman said", unknown to the lexicon: the last speaker.
        (None, Some(l)) if definite && t.upos(h) == Upos::Noun => Actor { text, span, ..l.clone() },
        _ => Actor { code: "---".into(), text, span, ..Actor::default() },
    }
}

/// Nouns that name a person (for "he"/"she" antecedents).
const PERSON_NOUNS: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "minister",
    "president",
    "ambassador",
    "governor",
    "mayor",
    "official",
    "commander",
    "leader",
    "chief",
    "aide",
    "envoy",
    "secretary",
    "chancellor",
    "king",
    "general",
    "premier",
    "negotiator",
    "adviser",
    "advisor",
    "counterpart",
    "diplomat",
    "prosecutor",
    "senator",
    "lawmaker",
    "mother",
    "father",
    "resident",
    "woman",
    "man",
];

/// Capitalised words of titles, not names.
const TITLE_WORDS: &[&str] = &[
    "prime", "foreign", "defence", "defense", "interior", "deputy", "vice", "acting", "former",
    "mr", "mrs", "ms", "dr", "sir", "supreme", "state", "national", "general",
];

/// Remembers the sentence's named subjects (and their conjuncts) as
/// antecedents of later pronouns and surnames.
fn remember_subjects<'s>(
    coder: &Coder,
    t: &Tree<'s>,
    view: &mut Option<View<'s>>,
    cx: &Context<'_>,
    st: &DocState,
    qs: &mut QuoteState,
) {
    let s = t.s;
    for h in 0..s.len() {
        let subj = matches!(t.base(h), "nsubj")
            || (t.base(h) == "conj" && t.head[h].is_some_and(|g| t.base(g) == "nsubj"));
        if !subj || !matches!(t.upos(h), Upos::Noun | Upos::Propn) {
            continue;
        }
        let phrase = t.phrase(h);
        let names = t.names(&phrase, h);
        let person_noun = PERSON_NOUNS.contains(&t.lower(h).as_str());
        if names.is_empty() && !person_noun {
            continue;
        }
        let actor = speaker(coder, t, view, h, cx, st, qs);
        // A named person: not a country ("Iran said"), not an unnamed
        // official ("the ambassador").
        let person = !names.is_empty() && actor.code.len() != 3;
        let text = phrase.iter().map(|&w| t.lower(w)).collect::<Vec<_>>().join(" ");
        qs.mentions.push(Mention { actor, names, text, sentence: cx.sentence, person });
    }
    if qs.mentions.len() > 64 {
        let cut = qs.mentions.len() - 64;
        qs.mentions.drain(..cut);
    }
}

/// The span of a quotation's text between `start` and `end`, without the
/// blanks and the comma or colon that ends a quotation before its
/// attribution ("'We are ready,' he said").
fn trim_quote(text: &str, start: usize, end: usize) -> Option<Span> {
    let inner = text.get(start..end)?;
    let lead = inner.len() - inner.trim_start().len();
    let body = inner.trim_start().trim_end();
    let body = body.trim_end_matches([',', ';', ':']).trim_end();
    if body.is_empty() {
        return None;
    }
    Some(Span::new(start + lead, start + lead + body.len()))
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use super::*;
    use crate::validate::{Analyzer, OwnParser};
    use crate::{CoderOptions, Compiled};

    fn coder() -> &'static Coder {
        static C: OnceLock<Coder> = OnceLock::new();
        C.get_or_init(|| {
            // The lexicon's own checks are its tests'; a quotation test only
            // needs its actors.
            let lex = dyad_lexicon::Lexicon::load_default().lexicon;
            Coder::new(Compiled::new(&lex), CoderOptions::default()).with_default_gazetteer()
        })
    }

    /// Parses `text` with the embedded model and codes it as one document.
    fn quotes(text: &str) -> Vec<Quote> {
        let coder = coder();
        let mut parser = OwnParser::embedded().expect("embedded model");
        let mut st = DocState::new();
        let mut k = 0u32;
        let mut events = Vec::new();
        parser.analyze(text, &mut |s: &Sentence| {
            let cx = Context { sentence: k, date: None, text: Some(text) };
            coder.code_in(s, cx, &mut st, &mut events);
            k += 1;
        });
        let q = st.take_quotes();
        for x in &q {
            assert_eq!(&text[x.span.range()], x.quote, "span is the quote text");
            assert_eq!(&text[x.speaker.span.range()], x.speaker.text, "speaker span");
        }
        q
    }

    /// (sentence, speaker code, speaker text, verb, quote) of each quotation.
    fn rows(text: &str) -> Vec<(u32, String, String, String, String)> {
        quotes(text)
            .into_iter()
            .map(|q| (q.sentence, q.speaker.code, q.speaker.text, q.verb, q.quote))
            .collect()
    }

    #[test]
    fn example_article_quotations() {
        let text = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/baku-tehran.txt"),
        )
        .expect("example article");
        let q = rows(&text);
        // The spokesman's direct quotation inside "told reporters that …":
        // one record, the quoted words, the ministry's actor.
        let told: Vec<_> = q.iter().filter(|r| r.3 == "told").collect();
        assert_eq!(told.len(), 1, "{q:?}");
        assert_eq!(told[0].1, "AZEGOV");
        assert_eq!(told[0].2, "Aykhan Hajizade");
        assert_eq!(told[0].4, "will not tolerate threats against its citizens");
        // Reported speech: "A spokesman in Tehran said Iran condemned …".
        assert!(
            q.iter().any(|r| r.1 == "IRNGOV"
                && r.3 == "said"
                && r.4.starts_with("Iran condemned the attack")),
            "{q:?}"
        );
        // Sentence-final "…, Ukraine's military said."
        assert!(
            q.iter().any(|r| r.1 == "UKRMIL" && r.4.starts_with("Russian troops shelled")),
            "{q:?}"
        );
        // No sentence gives two records.
        let mut per: Vec<u32> = q.iter().map(|r| r.0).collect();
        per.dedup();
        assert_eq!(per.len(), q.len(), "{q:?}");
    }

    #[test]
    fn he_said_takes_the_last_named_speaker() {
        let q = rows(
            "Iran's Foreign Minister Hossein Amir-Abdollahian said on Sunday that Tehran would \
             respond to any attack. The Turkish ambassador attended the meeting. \
             “Our patience has limits,” he told the state news agency.",
        );
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[0].1, "IRNGOV", "{q:?}");
        assert_eq!(q[0].4, "Tehran would respond to any attack");
        assert_eq!(q[1].0, 2);
        assert_eq!(q[1].1, q[0].1, "he -> the last speaker: {q:?}");
        assert_eq!(q[1].2, "he");
        assert_eq!(q[1].3, "told");
        assert_eq!(q[1].4, "Our patience has limits");
    }

    #[test]
    fn a_quotation_spanning_two_sentences_is_one_record() {
        let text = "Azerbaijan's defence minister said: \"We will not back down. We will respond to \
                    any attack.\" Talks continued in Geneva.";
        let q = quotes(text);
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].sentence, 0);
        assert_eq!(q[0].quote, "We will not back down. We will respond to any attack.");
        assert_eq!(q[0].verb, "said");
        assert_eq!(q[0].speaker.country.as_deref(), Some("AZE"), "{q:?}");
        // The span starts after the opening mark in the first sentence.
        assert_eq!(&text[q[0].span.start as usize - 1..q[0].span.start as usize], "\"");
    }

    #[test]
    fn a_quotation_continues_in_the_next_sentence() {
        let q = rows(
            "\"We are ready to talk,\" the Armenian foreign minister said. \
             \"Nobody should doubt our resolve.\"",
        );
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[0].4, "We are ready to talk");
        assert_eq!(q[1].0, 1);
        assert_eq!(q[1].4, "Nobody should doubt our resolve.");
        assert_eq!((&q[1].1, &q[1].3), (&q[0].1, &q[0].3), "{q:?}");
    }

    #[test]
    fn according_to() {
        let q = rows("According to the Ukrainian military, three soldiers were killed overnight.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].1, "UKRMIL");
        assert_eq!(q[0].2, "the Ukrainian military");
        assert_eq!(q[0].3, "According to");
        assert_eq!(q[0].4, "three soldiers were killed overnight");
    }

    #[test]
    fn no_quotation() {
        for text in [
            "Protesters marched in the capital on Sunday.",
            // Scare quotes and titles: no verb of saying, or too few words.
            "The so-called “peace plan” was rejected by the parliament.",
            "The newspaper published an article titled “Gone with the Wind” on Monday.",
            // A negated verb of saying reports nothing.
            "Russia did not say that it would withdraw its troops.",
            // Speech verbs with no clause.
            "The ministry said nothing. Iran announced a ceasefire on Friday.",
        ] {
            assert_eq!(rows(text), vec![], "{text}");
        }
    }

    #[test]
    fn a_reported_clause_with_a_quoted_fragment_gives_both() {
        let q = rows(
            "Somalia's president said Somalia's sovereignty and territorial integrity were \
             \"not negotiable in any way\" and that the deal would be carried out under Somali law.",
        );
        assert_eq!(q.len(), 2, "{q:?}");
        assert!(
            q[0].4.starts_with("Somalia's sovereignty and territorial integrity were"),
            "{q:?}"
        );
        assert_eq!(q[1].4, "not negotiable in any way");
        assert!(q.iter().all(|r| r.1 == "SOMGOV" && r.3 == "said"), "{q:?}");
    }

    #[test]
    fn a_bare_official_takes_the_dateline_country() {
        let q = rows(
            "KYIV, June 9 (Test Wire) - Russia struck the city of Kharkiv overnight, killing \
             four people, regional governor Oleh Syniehubov said. Rescue workers pulled two \
             children from the rubble, Syniehubov wrote.",
        );
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[0].1, "UKRGOV", "{q:?}");
        // A surname alone is the person named in full before.
        assert_eq!(
            (q[1].1.as_str(), q[1].2.as_str(), q[1].3.as_str()),
            ("UKRGOV", "Syniehubov", "wrote")
        );
    }

    #[test]
    fn sentence_final_attribution() {
        let q =
            rows("The border crossing was closed to trucks on Friday, Pakistani officials said.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].1, "PAKGOV");
        assert_eq!(q[0].4, "The border crossing was closed to trucks on Friday");
    }
}
