//! Penn Treebank bracket reader and constituency-to-dependency converter.
//!
//! The reader takes trees as CoreNLP and the Penn Treebank write them
//! (`(ROOT (S (NP (NNP Arnor)) (VP ...)))`, also with an unlabelled top
//! bracket `( (S ...))`), drops empty elements (`-NONE-` leaves and the
//! constituents left empty by them), strips function tags and indices
//! (`NP-SBJ-1` reads as `NP` with function `SBJ-1`) and maps the auxiliary
//! tags some parsers emit (`AUXZ`, `AUXD`, ...) to the Penn verb tags.
//!
//! The converter picks a head child in each constituent with a head table in
//! the spirit of Collins (1999) and Magerman (1995), adapted to UD's content
//! heads (de Marneffe et al., "Universal Stanford Dependencies", 2014; UD v2
//! guidelines): auxiliaries, copulas, prepositions and complementisers are
//! dependents of the content word. Relations are derived from the categories
//! and function tags of head and dependent, their order and a few word forms
//! (forms of *be*, *have*, *get*; *by* in passives; *that*/*whether*). Where
//! nothing applies the relation is `dep`. Lemmas are left empty.
//!
//! Simplifications (documented so that the coder does not rely on them):
//! multi-word proper names are `compound` chains headed by the last word
//! (UD English uses `flat` with the first word as head); relative pronouns
//! get `nsubj` when their clause has no subject and `obj` otherwise.

use dyad_types::{Deprel, Sentence, Span, Upos, Xpos};

use crate::error::{Error, Result};

/// Deepest bracket nesting accepted (deeper input is an error, not a stack
/// overflow).
const MAX_DEPTH: usize = 400;

const NONE: u32 = u32::MAX;

/// One node of a Penn tree.
#[derive(Clone, Copy, Debug)]
struct Node<'a> {
    /// Category without function tags (`NP`), or the POS tag of a leaf.
    cat: &'a str,
    /// Function tags and indices (`SBJ-1`), empty when none.
    func: &'a str,
    /// Word index for a preterminal, `NONE` for a phrase.
    word: u32,
    /// First child, `NONE` for none.
    first: u32,
    /// Next sibling, `NONE` for none.
    next: u32,
}

/// A parsed Penn Treebank bracketing: one tree or several (a forest), with
/// empty elements removed. Borrows its labels and words from the source.
///
/// # Examples
/// ```
/// use dyad_parse::PennTree;
/// use dyad_types::Sentence;
///
/// let tree = PennTree::parse("(ROOT (S (NP (NNP Gondor)) (VP (VBD attacked) (NP (NNP Mordor))) (. .)))")?;
/// let mut sent = Sentence::new();
/// tree.to_sentence(&mut sent);
/// assert_eq!(sent.form(1), "attacked");
/// assert_eq!(sent.words[0].deprel.as_str(), "nsubj");
/// assert_eq!(sent.words[0].head, 2);
/// assert_eq!(sent.words[2].deprel.as_str(), "obj");
/// # Ok::<(), dyad_parse::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct PennTree<'a> {
    nodes: Vec<Node<'a>>,
    roots: Vec<u32>,
    /// (tag, form) of each word, in order.
    words: Vec<(&'a str, &'a str)>,
}

/// Parses `src` as one or more Penn trees and converts them to dependencies
/// in `out` (cleared first). Each tree of a forest gets its own root.
///
/// # Errors
/// As [`PennTree::parse`].
pub fn penn_to_sentence(src: &str, out: &mut Sentence) -> Result<()> {
    PennTree::parse(src)?.to_sentence(out);
    Ok(())
}

/// Position in the source, for error messages.
struct Cursor<'s> {
    src: &'s str,
    file: &'s str,
    first_line: u64,
}

impl Cursor<'_> {
    fn err(&self, pos: usize, msg: impl std::fmt::Display) -> Error {
        let before = &self.src[..pos];
        let line = before.bytes().filter(|&b| b == b'\n').count() as u64;
        let col =
            before.rfind('\n').map_or(before.chars().count(), |n| before[n + 1..].chars().count())
                + 1;
        Error::input(self.file, self.first_line + line, format!("column {col}: {msg}"))
    }
}

/// Splits a phrase label into category and function tags. Labels that start
/// with `-` (`-LRB-`, `-NONE-`) are kept whole.
fn split_label(label: &str) -> (&str, &str) {
    if label.starts_with('-') || label.len() <= 1 {
        return (label, "");
    }
    match label[1..].find(['-', '=']) {
        Some(i) => (&label[..i + 1], &label[i + 2..]),
        None => (label, ""),
    }
}

/// Maps nonstandard auxiliary tags (`AUXZ` and friends, found in the
/// PETRARCH GigaWord sample) to Penn verb tags.
fn norm_tag(tag: &str) -> &str {
    match tag {
        "AUX" | "AUXB" => "VB",
        "AUXD" => "VBD",
        "AUXG" => "VBG",
        "AUXN" => "VBN",
        "AUXP" => "VBP",
        "AUXZ" => "VBZ",
        t => t,
    }
}

/// The surface form of a Penn token (`-LRB-` is `(`, `\/` is `/`).
fn unescape(word: &str) -> std::borrow::Cow<'_, str> {
    let w = match word {
        "-LRB-" => "(",
        "-RRB-" => ")",
        "-LCB-" => "{",
        "-RCB-" => "}",
        "-LSB-" => "[",
        "-RSB-" => "]",
        w => w,
    };
    if w.contains('\\') { w.replace("\\/", "/").replace("\\*", "*").into() } else { w.into() }
}

enum Tok<'s> {
    Open(usize),
    Close(usize),
    Atom(usize, &'s str),
}

fn next_tok<'s>(src: &'s str, pos: &mut usize) -> Option<Tok<'s>> {
    let b = src.as_bytes();
    while *pos < b.len() && b[*pos].is_ascii_whitespace() {
        *pos += 1;
    }
    let start = *pos;
    match *b.get(start)? {
        b'(' => {
            *pos += 1;
            Some(Tok::Open(start))
        }
        b')' => {
            *pos += 1;
            Some(Tok::Close(start))
        }
        _ => {
            while *pos < b.len()
                && !b[*pos].is_ascii_whitespace()
                && b[*pos] != b'('
                && b[*pos] != b')'
            {
                *pos += 1;
            }
            Some(Tok::Atom(start, &src[start..*pos]))
        }
    }
}

/// An open bracket on the reader's stack.
struct Open<'a> {
    pos: usize,
    label: Option<&'a str>,
    word: Option<&'a str>,
    first: u32,
    last: u32,
}

impl<'a> PennTree<'a> {
    /// Parses one or more bracketed trees. Errors name `<penn>` and the line
    /// and column in `src`.
    ///
    /// # Errors
    /// [`Error::Input`] for a `)` without a matching `(`, a `(` never
    /// closed, a word outside brackets, a bracket holding both a word and
    /// subtrees or two words, nesting deeper than 400, or input without
    /// any word.
    pub fn parse(src: &'a str) -> Result<PennTree<'a>> {
        PennTree::parse_at(src, "<penn>", 1)
    }

    /// Like [`PennTree::parse`], with errors naming `file` and counting lines
    /// from `first_line` (for trees embedded in a larger file).
    ///
    /// # Errors
    /// As [`PennTree::parse`].
    pub fn parse_at(src: &'a str, file: &str, first_line: u64) -> Result<PennTree<'a>> {
        let cur = Cursor { src, file, first_line };
        let mut tree = PennTree::default();
        let mut stack: Vec<Open<'a>> = Vec::new();
        let mut pos = 0;
        while let Some(tok) = next_tok(src, &mut pos) {
            match tok {
                Tok::Open(p) => {
                    if stack.len() >= MAX_DEPTH {
                        return Err(cur.err(p, format!("brackets nested deeper than {MAX_DEPTH}")));
                    }
                    if let Some(top) = stack.last()
                        && top.word.is_some()
                    {
                        return Err(cur.err(p, "a bracket holds both a word and a subtree"));
                    }
                    stack.push(Open { pos: p, label: None, word: None, first: NONE, last: NONE });
                }
                Tok::Atom(p, a) => {
                    let Some(top) = stack.last_mut() else {
                        return Err(cur.err(p, format!("word {a:?} outside brackets")));
                    };
                    if top.label.is_none() && top.first == NONE {
                        top.label = Some(a);
                    } else if top.word.is_none() && top.first == NONE {
                        top.word = Some(a);
                    } else {
                        return Err(cur.err(p, format!("unexpected word {a:?}: a bracket holds one tag and one word, or subtrees")));
                    }
                }
                Tok::Close(p) => {
                    let Some(open) = stack.pop() else {
                        return Err(cur.err(p, "')' without a matching '('"));
                    };
                    let id = tree.close(open);
                    if let Some(id) = id {
                        match stack.last_mut() {
                            Some(parent) => {
                                if parent.first == NONE {
                                    parent.first = id;
                                } else {
                                    tree.nodes[parent.last as usize].next = id;
                                }
                                parent.last = id;
                            }
                            None => tree.roots.push(id),
                        }
                    }
                }
            }
        }
        if let Some(open) = stack.last() {
            return Err(cur.err(
                open.pos,
                format!("'(' never closed ({} bracket(s) open at the end)", stack.len()),
            ));
        }
        if tree.words.is_empty() {
            return Err(cur.err(src.len(), "no words in the tree"));
        }
        Ok(tree)
    }

    /// Turns a closed bracket into a node; `None` when it is empty (an empty
    /// element or a constituent holding only empty elements).
    fn close(&mut self, open: Open<'a>) -> Option<u32> {
        let id = self.nodes.len() as u32;
        if let Some(word) = open.word {
            let tag = open.label.unwrap_or("X");
            if tag == "-NONE-" {
                return None;
            }
            let tag = norm_tag(tag);
            self.nodes.push(Node {
                cat: tag,
                func: "",
                word: self.words.len() as u32,
                first: NONE,
                next: NONE,
            });
            self.words.push((tag, word));
            return Some(id);
        }
        if open.first == NONE {
            return None;
        }
        let (cat, func) = split_label(open.label.unwrap_or(""));
        // A bracket around a single tree with no label of its own (`( (S ..))`)
        // is just a wrapper.
        self.nodes.push(Node { cat, func, word: NONE, first: open.first, next: NONE });
        Some(id)
    }

    /// Number of words (leaves other than empty elements).
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the tree has no word (never true for a parsed tree).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Number of trees in the forest.
    pub fn tree_count(&self) -> usize {
        self.roots.len()
    }

    /// The words as `(tag, form)`, forms unescaped (`-LRB-` is `(`).
    pub fn words(&self) -> impl Iterator<Item = (&'a str, std::borrow::Cow<'a, str>)> + '_ {
        self.words.iter().map(|&(t, w)| (t, unescape(w)))
    }

    /// Converts the tree(s) to a dependency analysis in `out` (cleared
    /// first): forms, XPOS from the tree, UPOS mapped from XPOS (and the form
    /// or relation where needed), heads and UD v2 relations; lemmas empty.
    /// Word spans point into the forms joined by single spaces.
    pub fn to_sentence(&self, out: &mut Sentence) {
        let n = self.words.len();
        let mut conv = Conv { tree: self, head: vec![NONE; n], rel: vec![Deprel::NONE; n] };
        for &r in &self.roots {
            let item = conv.item(r, Ctx::default());
            conv.attach_root(item.res.head);
        }
        out.clear();
        let mut off = 0;
        for (i, &(tag, word)) in self.words.iter().enumerate() {
            let form = unescape(word);
            let span = Span::new(off, off + form.len());
            off += form.len() + 1;
            out.push(&form, span, i + 1 < n);
            let xpos = Xpos::parse(tag).unwrap_or(Xpos::NONE);
            let rel = conv.rel[i];
            let w = &mut out.words[i];
            w.xpos = xpos;
            w.upos = upos(tag, &form, rel.as_str());
            w.head = if conv.head[i] == NONE { 0 } else { conv.head[i] };
            w.deprel = if rel == Deprel::NONE { rel_of("root") } else { rel };
        }
    }
}

/// The relation named `s`, which must be in [`Deprel::NAMES`].
fn rel_of(s: &str) -> Deprel {
    Deprel::parse_lenient(s)
}

/// UPOS from a Penn tag, with the form and relation for the tags UD English
/// splits (DT as DET or PRON, IN as ADP or SCONJ, VB* as VERB or AUX, ...).
fn upos(tag: &str, form: &str, rel: &str) -> Upos {
    match tag {
        "NN" | "NNS" => Upos::Noun,
        "NNP" | "NNPS" => Upos::Propn,
        "PRP" | "PRP$" | "WP" | "WP$" | "EX" => Upos::Pron,
        "DT" | "WDT" | "PDT" => {
            if rel.starts_with("det") {
                Upos::Det
            } else {
                Upos::Pron
            }
        }
        "JJ" | "JJR" | "JJS" => Upos::Adj,
        "CD" => Upos::Num,
        "RB" | "RBR" | "RBS" | "WRB" => {
            if form.eq_ignore_ascii_case("not") || form.eq_ignore_ascii_case("n't") {
                Upos::Part
            } else {
                Upos::Adv
            }
        }
        "RP" => Upos::Adp,
        "IN" => {
            if rel == "mark" {
                Upos::Sconj
            } else {
                Upos::Adp
            }
        }
        "TO" => {
            if rel == "case" {
                Upos::Adp
            } else {
                Upos::Part
            }
        }
        "MD" => Upos::Aux,
        "VB" | "VBD" | "VBG" | "VBN" | "VBP" | "VBZ" => {
            if matches!(rel, "aux" | "aux:pass" | "cop") { Upos::Aux } else { Upos::Verb }
        }
        "POS" => Upos::Part,
        "CC" => Upos::Cconj,
        "UH" => Upos::Intj,
        "SYM" | "$" | "#" => Upos::Sym,
        t if is_punct_tag(t) => Upos::Punct,
        _ => Upos::X,
    }
}

fn is_punct_tag(t: &str) -> bool {
    matches!(
        t,
        "." | ","
            | ":"
            | "``"
            | "''"
            | "-LRB-"
            | "-RRB-"
            | "-LCB-"
            | "-RCB-"
            | "-LSB-"
            | "-RSB-"
            | "HYPH"
            | "NFP"
    )
}

fn is_verb_tag(t: &str) -> bool {
    matches!(t, "VB" | "VBD" | "VBG" | "VBN" | "VBP" | "VBZ" | "MD" | "TO")
}

fn is_noun_tag(t: &str) -> bool {
    matches!(t, "NN" | "NNS" | "NNP" | "NNPS")
}

fn is_clause(cat: &str) -> bool {
    matches!(cat, "S" | "SINV" | "SQ" | "SBARQ" | "SBAR")
}

fn is_nominal(cat: &str) -> bool {
    matches!(cat, "NP" | "NML" | "NX" | "WHNP" | "NAC")
}

fn one_of(form: &str, set: &[&str]) -> bool {
    set.iter().any(|s| form.eq_ignore_ascii_case(s))
}

const BE: &[&str] =
    &["be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re", "'m", "ai", "s"];
const GET: &[&str] = &["get", "gets", "got", "gotten", "getting"];
const HAVE: &[&str] = &["have", "has", "had", "having", "'ve", "'d"];
const DO: &[&str] = &["do", "does", "did", "done", "doing"];
/// Heads of bare temporal noun phrases ("said Wednesday").
const TEMPORAL: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
/// Period nouns that are temporal after "last", "next", "this" ...
const PERIOD: &[&str] = &[
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "weekend",
    "morning",
    "afternoon",
    "evening",
    "night",
    "day",
    "days",
    "decade",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "time",
];
/// Verbs of saying, for attributions after the reported clause.
const SAY: &[&str] = &[
    "said",
    "says",
    "say",
    "added",
    "told",
    "stated",
    "reported",
    "announced",
    "noted",
    "claimed",
    "insisted",
    "warned",
    "explained",
    "declared",
    "confirmed",
];
/// Determiners that open a coordination ("neither A nor B").
const PRECONJ: &[&str] = &["either", "neither", "both"];
const PERIOD_DET: &[&str] =
    &["last", "next", "this", "that", "every", "each", "earlier", "later", "same", "previous"];

/// Context a parent passes to a child phrase.
#[derive(Clone, Copy, Debug, Default)]
struct Ctx {
    /// The phrase is the complement of a form of *have*.
    after_have: bool,
    /// The clause's subject is existential *there*.
    existential: bool,
}

/// What a converted constituent tells its parent.
#[derive(Clone, Copy, Debug)]
struct Res {
    /// Head word.
    head: u32,
    /// A passive auxiliary was attached in the verb chain.
    passive: bool,
    /// A subject was attached to the head.
    subj: bool,
    /// An object was attached to the head.
    obj: bool,
    /// A PP or SBAR whose complement is a clause.
    clausal: bool,
    /// An NP ending in a possessive marker.
    poss: bool,
    /// The first preposition or complementiser, `NONE` if none.
    mark: u32,
    /// An SBAR introduced by a wh-phrase.
    wh: bool,
    /// First word of the constituent.
    first: u32,
}

impl Res {
    fn word(head: u32) -> Res {
        Res {
            head,
            passive: false,
            subj: false,
            obj: false,
            clausal: false,
            poss: false,
            mark: NONE,
            wh: false,
            first: head,
        }
    }
}

/// A converted child: its category (phrase label or POS tag) and result.
#[derive(Clone, Copy, Debug)]
struct Item<'a> {
    cat: &'a str,
    func: &'a str,
    pre: bool,
    res: Res,
}

impl Item<'_> {
    fn is_punct(&self) -> bool {
        self.pre && is_punct_tag(self.cat)
    }
    fn is_cc(&self) -> bool {
        (self.pre && self.cat == "CC") || self.cat == "CONJP"
    }
    fn is_tmp(&self) -> bool {
        self.func.split('-').any(|f| matches!(f, "TMP" | "ADV" | "EXT" | "LOC" | "DIR"))
    }
}

/// How the parent of a dependent behaves, for the generic relation table.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Parent {
    Nom,
    Verb,
    Adj,
    Prep,
    Other,
}

struct Conv<'t, 'a> {
    tree: &'t PennTree<'a>,
    head: Vec<u32>,
    rel: Vec<Deprel>,
}

impl<'a> Conv<'_, 'a> {
    fn form(&self, w: u32) -> &'a str {
        self.tree.words[w as usize].1
    }

    fn tag(&self, w: u32) -> &'a str {
        self.tree.words[w as usize].0
    }

    /// A bare noun phrase naming a time ("Wednesday", "last week"): an
    /// oblique, not an object.
    fn is_temporal(&self, it: &Item<'_>) -> bool {
        if it.is_tmp() {
            return true;
        }
        if it.pre || !is_nominal(it.cat) || it.res.poss {
            return false;
        }
        let (h, f) = (self.form(it.res.head), self.form(it.res.first));
        // Day and month names only when capitalised ("halted his march").
        let named = one_of(h, TEMPORAL)
            && (h.starts_with(char::is_uppercase)
                || one_of(h, &["today", "yesterday", "tomorrow", "tonight"]));
        named || (one_of(h, PERIOD) && one_of(f, PERIOD_DET))
    }

    /// An NP that is a lone determiner ("(NP (DT Neither))").
    fn lone_det(&self, it: &Item<'_>) -> bool {
        !it.pre && it.res.head == it.res.first && matches!(self.tag(it.res.head), "DT" | "PDT")
    }

    fn attach(&mut self, dep: u32, head: u32, rel: &str) {
        if dep == head || dep == NONE {
            return;
        }
        self.head[dep as usize] = head + 1;
        self.rel[dep as usize] = rel_of(rel);
    }

    fn attach_root(&mut self, w: u32) {
        self.head[w as usize] = 0;
        self.rel[w as usize] = rel_of("root");
    }

    fn children(&self, node: u32) -> Vec<u32> {
        let mut v = Vec::new();
        let mut c = self.tree.nodes[node as usize].first;
        while c != NONE {
            v.push(c);
            c = self.tree.nodes[c as usize].next;
        }
        v
    }

    /// Converts a node, attaching everything below its head.
    fn item(&mut self, node: u32, ctx: Ctx) -> Item<'a> {
        let n = self.tree.nodes[node as usize];
        if n.word != NONE {
            return Item { cat: n.cat, func: "", pre: true, res: Res::word(n.word) };
        }
        let kids = self.children(node);
        let tree = self.tree;
        let nodes = &tree.nodes;
        // Contexts for the children: a VP after an auxiliary verb, a VP whose
        // subject is existential "there".
        let mut items = Vec::with_capacity(kids.len());
        let mut aux_ctx = if n.cat == "VP" { ctx } else { Ctx::default() };
        let existential = kids.iter().any(|&k| {
            let c = nodes[k as usize];
            c.cat == "NP" && c.first != NONE && {
                let f = nodes[c.first as usize];
                f.next == NONE && f.cat == "EX"
            } || c.cat == "EX"
        });
        for &k in &kids {
            let c = self.tree.nodes[k as usize];
            let child_ctx = match (n.cat, c.cat) {
                ("VP", "VP") => aux_ctx,
                ("S" | "SQ" | "SINV", "VP") => Ctx { existential, ..Ctx::default() },
                _ => Ctx::default(),
            };
            if n.cat == "VP" && c.word != NONE && is_verb_tag(c.cat) {
                let f = self.form(c.word);
                aux_ctx = Ctx { after_have: one_of(f, HAVE), existential: false };
            }
            items.push(self.item(k, child_ctx));
        }
        let mut res = self.assemble(n.cat, &items, ctx);
        res.first = items[0].res.first;
        // PRN and UCP take the category of their main child for the parent's
        // relation table.
        let (cat, func) = match n.cat {
            "PRN" | "UCP" | "" | "ROOT" | "X" => {
                let main = items.iter().find(|it| !it.is_punct() && !it.is_cc());
                match main {
                    Some(m) if !m.pre => (m.cat, if n.cat == "PRN" { "PRN" } else { m.func }),
                    _ => (n.cat, n.func),
                }
            }
            _ => (n.cat, n.func),
        };
        if n.cat == "PRN" {
            res.clausal = res.clausal || items.iter().any(|i| is_clause(i.cat) || i.cat == "VP");
        }
        Item { cat, func, pre: false, res }
    }

    /// Converts a constituent from its converted children, handling
    /// coordination first.
    fn assemble(&mut self, cat: &'a str, items: &[Item<'a>], ctx: Ctx) -> Res {
        if let Some(res) = self.coordination(cat, items, ctx) {
            return res;
        }
        self.headed(cat, items, ctx)
    }

    /// Coordination (`A , B and C`): the first conjunct heads, later ones are
    /// `conj`, conjunctions `cc` and commas `punct` attach to the conjunct
    /// that follows them (UD v2). `None` when the phrase is not coordinated.
    fn coordination(&mut self, cat: &'a str, items: &[Item<'a>], ctx: Ctx) -> Option<Res> {
        let lo = items.iter().position(|i| !i.is_punct() && !i.is_cc())?;
        let hi = items.iter().rposition(|i| !i.is_punct())?;
        if !items[lo + 1..hi.max(lo + 1)].iter().any(|i| i.is_cc()) {
            return None;
        }
        let sep = |i: &Item<'_>| i.is_cc() || (i.pre && matches!(i.cat, "," | ":"));
        let seps: Vec<usize> = (lo..=hi).filter(|&j| sep(&items[j])).collect();
        let mut segs: Vec<(usize, usize)> = Vec::new();
        let mut start = lo;
        for &j in &seps {
            if start < j {
                segs.push((start, j));
            }
            start = j + 1;
        }
        if start <= hi {
            segs.push((start, hi + 1));
        }
        if segs.len() < 2 {
            return None;
        }
        let ok = segs.iter().all(|&(a, b)| {
            let seg = &items[a..b];
            match cat {
                "S" | "SINV" | "SQ" | "SBAR" | "SBARQ" => {
                    seg.len() == 1 && (is_clause(seg[0].cat) || matches!(seg[0].cat, "VP" | "FRAG"))
                }
                "VP" => seg.iter().any(|i| i.cat == "VP" || (i.pre && is_verb_tag(i.cat))),
                _ => true,
            }
        });
        if !ok {
            return None;
        }
        let mut first: Option<Res> = None;
        let pending = seps;
        let mut p = 0;
        for &(a, b) in &segs {
            let res = if b - a == 1 { items[a].res } else { self.headed(cat, &items[a..b], ctx) };
            match first {
                None => first = Some(res),
                Some(f) => {
                    self.attach(res.head, f.head, "conj");
                    while p < pending.len() && pending[p] < a {
                        let it = items[pending[p]];
                        let rel = if it.is_cc() { "cc" } else { "punct" };
                        self.attach(it.res.head, res.head, rel);
                        p += 1;
                    }
                }
            }
        }
        let f = first?;
        // Separators after the last conjunct ("A and") go to the first.
        for &j in &pending[p..] {
            let it = items[j];
            let rel = if it.is_cc() { "cc" } else { "punct" };
            self.attach(it.res.head, f.head, rel);
        }
        for (j, it) in items.iter().enumerate() {
            if j < lo || j > hi {
                let rel = if it.is_punct() { "punct" } else { "cc" };
                self.attach(it.res.head, f.head, rel);
            }
        }
        Some(f)
    }

    /// Converts a non-coordinated constituent.
    fn headed(&mut self, cat: &'a str, items: &[Item<'a>], ctx: Ctx) -> Res {
        match cat {
            "VP" => self.vp(items, ctx),
            "S" | "SQ" | "SINV" | "SBARQ" | "RRC" => self.clause(cat, items),
            "SBAR" => self.sbar(items),
            "PP" | "WHPP" => self.pp(items),
            "NP" | "NML" | "NX" | "WHNP" | "NAC" => self.np(items),
            "ADJP" | "WHADJP" => {
                let h = pick_left(
                    items,
                    &["JJ", "JJR", "JJS", "VBN", "VBG", "ADJP", "NN", "NNS", "NNP", "CD", "QP"],
                )
                .unwrap_or_else(|| first_content(items));
                self.rest(items, h, Parent::Adj)
            }
            "ADVP" | "WHADVP" => {
                let h = pick_right(items, &["RB", "RBR", "RBS", "WRB", "ADVP", "JJ", "IN", "RP"])
                    .unwrap_or_else(|| first_content(items));
                self.rest(items, h, Parent::Adj)
            }
            "QP" => {
                let h = pick_right(items, &["CD"]).unwrap_or_else(|| last_content(items));
                self.rest(items, h, Parent::Nom)
            }
            "CONJP" => {
                let h = first_content(items);
                for (j, it) in items.iter().enumerate() {
                    if j != h {
                        self.attach(it.res.head, items[h].res.head, "fixed");
                    }
                }
                items[h].res
            }
            "PRT" => {
                let h = pick_left(items, &["RP"]).unwrap_or_else(|| first_content(items));
                self.rest(items, h, Parent::Other)
            }
            _ => {
                let h = pick_left(
                    items,
                    &["VP", "S", "SINV", "SQ", "SBAR", "NP", "ADJP", "PP", "ADVP", "FRAG"],
                )
                .unwrap_or_else(|| first_content(items));
                let parent = if matches!(items[h].cat, "VP" | "S" | "SINV" | "SQ" | "SBAR") {
                    Parent::Verb
                } else {
                    Parent::Other
                };
                self.rest(items, h, parent)
            }
        }
    }

    /// Attaches every item other than `h` with the generic table.
    fn rest(&mut self, items: &[Item<'a>], h: usize, parent: Parent) -> Res {
        let head = items[h].res.head;
        for (j, it) in items.iter().enumerate() {
            if j != h {
                let rel = self.generic(parent, items, j, h);
                self.attach(it.res.head, head, rel);
            }
        }
        items[h].res
    }

    /// Whether a comma or colon stands between items `a` and `b`.
    fn comma_between(items: &[Item<'_>], a: usize, b: usize) -> bool {
        let (lo, hi) = if a < b { (a, b) } else { (b, a) };
        items[lo + 1..hi].iter().any(|i| i.pre && matches!(i.cat, "," | ":" | "-LRB-"))
    }

    /// The relation of item `j` to item `h` when no construction-specific rule
    /// applies.
    fn generic(&self, parent: Parent, items: &[Item<'a>], j: usize, h: usize) -> &'static str {
        let it = items[j];
        if it.pre {
            return match it.cat {
                t if is_punct_tag(t) => "punct",
                "CC" => "cc",
                "DT" | "WDT" => match parent {
                    Parent::Nom | Parent::Adj | Parent::Prep => "det",
                    _ => "advmod",
                },
                "PDT" => "det:predet",
                "PRP$" | "WP$" => "nmod:poss",
                "POS" => "case",
                "CD" => {
                    if items.get(h).is_some_and(|i| i.pre && i.cat == "CD") {
                        "compound"
                    } else {
                        "nummod"
                    }
                }
                "JJ" | "JJR" | "JJS" => match parent {
                    Parent::Verb => "xcomp",
                    Parent::Adj => "advmod",
                    _ => "amod",
                },
                "VBN" | "VBG" if parent == Parent::Nom => "amod",
                "MD" => "aux",
                "VB" | "VBD" | "VBG" | "VBN" | "VBP" | "VBZ" => match parent {
                    Parent::Verb => "aux",
                    _ => "dep",
                },
                "TO" => match parent {
                    Parent::Verb => "mark",
                    _ => "case",
                },
                "IN" => match parent {
                    Parent::Verb => "mark",
                    Parent::Nom if items.get(h).is_some_and(|i| i.pre && i.cat == "CD") => "advmod",
                    _ => "case",
                },
                "RB" | "RBR" | "RBS" | "WRB" => "advmod",
                "RP" => "compound:prt",
                "EX" => "expl",
                "UH" => "discourse",
                "NN" | "NNS" | "NNP" | "NNPS" => match parent {
                    Parent::Nom => "compound",
                    Parent::Verb if j > h => "obj",
                    Parent::Adj => "obl:unmarked",
                    _ => "dep",
                },
                "PRP" | "WP" => match parent {
                    Parent::Verb if j > h => "obj",
                    Parent::Verb => "nsubj",
                    _ => "dep",
                },
                _ => "dep",
            };
        }
        let prn = it.func == "PRN";
        match it.cat {
            "NP" | "NML" | "NX" | "WHNP" | "NAC" => {
                match parent {
                    _ if it.res.poss => "nmod:poss",
                    Parent::Nom if j > h && self.is_temporal(&it) => "nmod:unmarked",
                    Parent::Nom if self.lone_det(&it) => {
                        if one_of(self.form(it.res.head), PRECONJ) { "cc:preconj" } else { "det" }
                    }
                    Parent::Nom if j < h && !prn => "compound",
                    Parent::Nom => "appos",
                    Parent::Verb if self.is_temporal(&it) => "obl:unmarked",
                    Parent::Verb if prn => "dep",
                    Parent::Verb if j > h => "obj",
                    Parent::Verb => "nsubj",
                    Parent::Adj => "obl:unmarked",
                    _ => "dep",
                }
            }
            "PP" | "WHPP" => match (parent, it.res.clausal) {
                (Parent::Nom, true) => "acl",
                (Parent::Nom, false) => "nmod",
                (_, true) => "advcl",
                (_, false) => "obl",
            },
            "ADJP" | "WHADJP" => match parent {
                Parent::Nom => "amod",
                Parent::Verb => "xcomp",
                _ => "advmod",
            },
            "ADVP" | "WHADVP" => "advmod",
            "QP" => match parent {
                Parent::Verb => "obj",
                _ => "nummod",
            },
            "PRT" => "compound:prt",
            "INTJ" => "discourse",
            "CONJP" => "cc",
            "RRC" => "acl:relcl",
            "VP" => match parent {
                Parent::Nom => "acl",
                _ if prn => "parataxis",
                _ => "dep",
            },
            "S" | "SINV" | "SQ" | "SBARQ" | "FRAG" => match parent {
                _ if prn => "parataxis",
                Parent::Nom => {
                    if it.res.subj {
                        "acl:relcl"
                    } else {
                        "acl"
                    }
                }
                Parent::Adj => "xcomp",
                Parent::Verb if j < h => {
                    if it.res.subj {
                        "parataxis"
                    } else {
                        "advcl"
                    }
                }
                Parent::Verb => {
                    if it.res.subj {
                        "ccomp"
                    } else if Self::comma_between(items, h, j) || it.is_tmp() {
                        "advcl"
                    } else {
                        "xcomp"
                    }
                }
                _ => "dep",
            },
            "SBAR" => {
                let m = it.res.mark;
                let compl = m == NONE || one_of(self.form(m), &["that", "whether"]);
                match parent {
                    _ if prn => "parataxis",
                    Parent::Nom => {
                        if it.res.wh || m == NONE || one_of(self.form(m), &["that"]) {
                            "acl:relcl"
                        } else {
                            "acl"
                        }
                    }
                    Parent::Adj if compl => "ccomp",
                    Parent::Verb if j > h && !it.is_tmp() && (compl || it.res.wh) => "ccomp",
                    _ => "advcl",
                }
            }
            _ => "dep",
        }
    }

    /// A verb phrase: auxiliaries, copulas, objects, by-agents.
    fn vp(&mut self, items: &[Item<'a>], ctx: Ctx) -> Res {
        let is_v = |i: &Item<'_>| i.pre && is_verb_tag(i.cat);
        let first_v = items.iter().position(is_v);
        // A verb followed by a VP is an auxiliary when it is a modal, "to" or
        // a form of be/have/do/get; other verbs ("help win") take the VP as
        // xcomp.
        let aux_like = |j: usize| {
            let it = items[j];
            let f = self.form(it.res.head);
            matches!(it.cat, "MD" | "TO")
                || one_of(f, BE)
                || one_of(f, HAVE)
                || one_of(f, DO)
                || one_of(f, GET)
        };
        let vp_after = items
            .iter()
            .enumerate()
            .position(|(j, i)| i.cat == "VP" && first_v.is_none_or(|v| j > v))
            .filter(|_| first_v.is_none_or(aux_like));
        let mut cop: Option<usize> = None;
        let h = match (first_v, vp_after) {
            (Some(_), Some(vp)) => vp,
            (Some(v), None) => {
                // The last verb of the run starting at the first verb; adverbs
                // ("will not attack") may interrupt it.
                let mut last = v;
                for (j, it) in items.iter().enumerate().skip(v + 1) {
                    if is_v(it) {
                        last = j;
                    } else if !(it.pre && matches!(it.cat, "RB" | "ADVP")) && it.cat != "ADVP" {
                        break;
                    }
                }
                let lv = items[last];
                let pred =
                    if one_of(self.form(lv.res.head), BE) && !ctx.existential && lv.cat != "MD" {
                        let after = &items[last + 1..];
                        pick_left(after, &["NP", "ADJP", "PP", "UCP", "QP", "WHNP"])
                            .filter(|&p| !after[p].is_tmp())
                            .or_else(|| pick_left(after, &["ADVP"]))
                            .map(|p| p + last + 1)
                    } else {
                        None
                    };
                if let Some(p) = pred {
                    cop = Some(last);
                    p
                } else {
                    last
                }
            }
            (None, Some(vp)) => vp,
            (None, None) => pick_left(items, &["ADJP", "S", "SBAR", "NP", "PP", "ADVP"])
                .unwrap_or_else(|| first_content(items)),
        };
        let mut res = items[h].res;
        let head = res.head;
        let head_vbn = self.tag(head) == "VBN";
        // Auxiliaries before the head: the one nearest the head is passive when
        // it is be/get and the head is a past participle.
        let mut nearest_pass = None;
        if cop.is_none() && head_vbn {
            for j in (0..h).rev() {
                if is_v(&items[j]) {
                    let f = self.form(items[j].res.head);
                    if one_of(f, BE) || one_of(f, GET) {
                        nearest_pass = Some(j);
                    }
                    break;
                }
            }
        }
        if nearest_pass.is_some() {
            res.passive = true;
        }
        // Objects: NPs after the head verb (two of them: iobj then obj).
        let objs: Vec<usize> = if cop.is_some() {
            Vec::new()
        } else {
            (h + 1..items.len())
                .filter(|&j| {
                    let it = items[j];
                    (is_nominal(it.cat)
                        && it.cat != "WHNP"
                        && !self.is_temporal(&it)
                        && !it.pre
                        && it.func != "PRN")
                        && !Self::comma_between(items, h, j)
                })
                .collect()
        };
        let mut subj_done = false;
        for (j, it) in items.iter().enumerate() {
            if j == h {
                continue;
            }
            let d = it.res.head;
            let rel = if Some(j) == cop {
                "cop"
            } else if j < h && is_v(it) {
                match it.cat {
                    "TO" => "mark",
                    _ if Some(j) == nearest_pass => "aux:pass",
                    _ => "aux",
                }
            } else if objs.contains(&j) {
                if ctx.existential && !subj_done {
                    subj_done = true;
                    res.subj = true;
                    "nsubj"
                } else if objs.len() >= 2 && j == objs[0] {
                    "iobj"
                } else {
                    res.obj = true;
                    "obj"
                }
            } else if matches!(it.cat, "PP") && !it.res.clausal {
                // PPs after a nominal predicate modify the noun ("an ally of
                // Arnor"); by-phrases of a passive participle are agents.
                let nominal_pred = cop.is_some() && is_nominal(items[h].cat);
                let by = it.res.mark != NONE && self.form(it.res.mark).eq_ignore_ascii_case("by");
                if by && head_vbn && (res.passive || !ctx.after_have) && j > h {
                    "obl:agent"
                } else if nominal_pred && j > h {
                    "nmod"
                } else {
                    "obl"
                }
            } else if it.cat == "S" && j > h {
                // "..., a senior official said(, ...)": an attribution
                // closing or interrupting the verb phrase is parataxis, not
                // a complement.
                let attribution = it.res.subj
                    && Self::comma_between(items, h, j)
                    && one_of(self.form(it.res.head), SAY)
                    && items.get(j + 1).is_none_or(|i| i.is_punct());
                if attribution {
                    "parataxis"
                } else if it.res.subj {
                    "ccomp"
                } else if Self::comma_between(items, h, j) || it.is_tmp() {
                    "advcl"
                } else {
                    "xcomp"
                }
            } else if it.pre && matches!(it.cat, "IN") && j < h {
                "mark"
            } else if it.cat == "VP" && j > h && items[h].pre {
                "xcomp"
            } else {
                self.generic(Parent::Verb, items, j, h)
            };
            self.attach(d, head, rel);
        }
        res
    }

    /// A clause: subject, fronted complements.
    fn clause(&mut self, cat: &'a str, items: &[Item<'a>]) -> Res {
        let is_v = |i: &Item<'_>| i.pre && is_verb_tag(i.cat);
        let h = pick_left(items, &["VP"])
            .or_else(
                || if matches!(cat, "SINV" | "SQ") { items.iter().position(is_v) } else { None },
            )
            .or_else(|| {
                if cat == "SBARQ" {
                    pick_left(items, &["SQ", "S", "SINV"])
                } else {
                    pick_left(
                        items,
                        &["S", "SINV", "SQ", "SBAR", "ADJP", "UCP", "PP", "ADVP", "FRAG"],
                    )
                }
            })
            .or_else(|| pick_right(items, &["NP"]))
            .unwrap_or_else(|| first_content(items));
        let mut res = items[h].res;
        let head = res.head;
        // The subject: the last NP before the head (first after it in
        // inverted clauses).
        let is_subj_cand = |it: &Item<'_>| {
            (is_nominal(it.cat) && it.cat != "WHNP" && !it.is_tmp() && !it.res.poss)
                || (it.pre && matches!(it.cat, "PRP" | "NN" | "NNS" | "NNP" | "NNPS" | "EX"))
        };
        let mut subj = (0..h).rev().find(|&j| is_subj_cand(&items[j]));
        if subj.is_none() && matches!(cat, "SINV" | "SQ") {
            subj = (h + 1..items.len()).find(|&j| is_subj_cand(&items[j]));
        }
        let has_np_subj = subj.is_some();
        // Reported speech before its attribution ("X will attack, an
        // official said"): the speech heads and the attribution is its
        // parataxis (UD English guidelines on reported speech).
        let quote = if has_np_subj {
            (0..h).find(|&j| {
                matches!(items[j].cat, "S" | "SINV" | "SQ") && !items[j].pre && items[j].res.subj
            })
        } else {
            None
        };
        for (j, it) in items.iter().enumerate() {
            if j == h || Some(j) == quote {
                continue;
            }
            let d = it.res.head;
            if let Some(q) = quote
                && j > h
                && it.is_punct()
            {
                self.attach(d, items[q].res.head, "punct");
                continue;
            }
            let rel = if Some(j) == subj {
                if it.pre && it.cat == "EX" || (self.tag(d) == "EX") {
                    "expl"
                } else if res.passive {
                    "nsubj:pass"
                } else {
                    "nsubj"
                }
            } else if matches!(it.cat, "S" | "SINV" | "SQ") && !it.pre {
                if it.res.subj && j < h && has_np_subj {
                    "ccomp"
                } else if it.res.subj {
                    "parataxis"
                } else {
                    "advcl"
                }
            } else if it.cat == "SBAR" && !it.pre {
                if it.res.wh && j < h { "csubj" } else { "advcl" }
            } else if is_nominal(it.cat) && !it.pre && !it.res.poss {
                if it.is_tmp() || j < h { "obl:unmarked" } else { "dep" }
            } else if it.pre && matches!(it.cat, "VB" | "VBD" | "VBP" | "VBZ" | "MD") {
                "aux"
            } else {
                self.generic(Parent::Verb, items, j, h)
            };
            self.attach(d, head, rel);
        }
        if subj.is_some() {
            res.subj = true;
        }
        if let Some(q) = quote {
            self.attach(head, items[q].res.head, "parataxis");
            return items[q].res;
        }
        // An existential clause's subject is attached in the VP.
        res
    }

    /// SBAR: complementiser or wh-phrase plus clause.
    fn sbar(&mut self, items: &[Item<'a>]) -> Res {
        let h = pick_left(items, &["S", "SQ", "SINV", "SBARQ", "FRAG", "SBAR", "VP"])
            .or_else(|| pick_left(items, &["NP", "PP", "ADJP", "ADVP"]))
            .unwrap_or_else(|| last_content(items));
        let mut res = items[h].res;
        let head = res.head;
        res.clausal = true;
        res.mark = NONE;
        res.wh = false;
        for (j, it) in items.iter().enumerate() {
            if j == h {
                continue;
            }
            let d = it.res.head;
            let rel = match it.cat {
                // A lone "that" before a clause with no gap for it (a subject
                // and a passive verb or an object) is a complementiser, not a
                // relative pronoun ("hopes that X could be drawn").
                "WHNP"
                    if it.res.head == it.res.first
                        && self.form(d).eq_ignore_ascii_case("that")
                        && res.subj
                        && (res.passive || res.obj) =>
                {
                    res.mark = d;
                    "mark"
                }
                "WHNP" => {
                    res.wh = true;
                    if !res.subj {
                        res.subj = true;
                        if res.passive { "nsubj:pass" } else { "nsubj" }
                    } else if !res.obj {
                        res.obj = true;
                        "obj"
                    } else {
                        "obl"
                    }
                }
                "WHPP" => {
                    res.wh = true;
                    "obl"
                }
                "WHADVP" | "WHADJP" => {
                    res.wh = true;
                    "advmod"
                }
                _ if it.pre && matches!(it.cat, "IN" | "DT" | "TO" | "WDT") && j < h => {
                    if res.mark == NONE {
                        res.mark = d;
                    }
                    "mark"
                }
                // "(SBAR (NP five years) (IN after) (S ...))"
                _ if is_nominal(it.cat) && !it.pre => "obl:unmarked",
                _ => self.generic(Parent::Verb, items, j, h),
            };
            self.attach(d, head, rel);
        }
        res
    }

    /// PP: prepositions are `case` (or `mark` before a clause) of the object.
    fn pp(&mut self, items: &[Item<'a>]) -> Res {
        let first_prep =
            items.iter().position(|i| i.pre && !matches!(i.cat, "RB" | "ADVP") && !i.is_punct());
        let h = first_prep
            .and_then(|p| {
                items[p + 1..]
                    .iter()
                    .position(|i| {
                        !i.pre && i.cat != "ADVP"
                            || (i.pre
                                && !is_punct_tag(i.cat)
                                && !matches!(i.cat, "IN" | "TO" | "RB"))
                    })
                    .map(|q| q + p + 1)
            })
            .or_else(|| pick_left(items, &["NP", "S", "SBAR", "PP", "ADJP", "ADVP"]))
            .unwrap_or_else(|| first_content(items));
        let mut res = items[h].res;
        let head = res.head;
        let clausal = matches!(items[h].cat, "S" | "SBAR" | "VP" | "SQ")
            || (items[h].cat == "PP" && res.clausal);
        res.clausal = clausal;
        res.poss = false;
        res.mark = NONE;
        for (j, it) in items.iter().enumerate() {
            if j == h {
                continue;
            }
            let d = it.res.head;
            let rel = if j < h
                && it.pre
                && !is_punct_tag(it.cat)
                && !matches!(it.cat, "RB" | "RBR" | "CC")
            {
                if res.mark == NONE {
                    res.mark = d;
                }
                if clausal { "mark" } else { "case" }
            } else {
                self.generic(Parent::Prep, items, j, h)
            };
            self.attach(d, head, rel);
        }
        if res.mark == NONE && items[h].cat == "PP" {
            res.mark = items[h].res.mark;
        }
        res
    }

    /// NP: head noun (or first NP before post-modifiers), possessives.
    fn np(&mut self, items: &[Item<'a>]) -> Res {
        let last = last_content(items);
        let ends_pos = items[last].pre && items[last].cat == "POS";
        // A possessive marker inside a flat NP ("Iran 's army"): the words up
        // to it form the possessor.
        if !ends_pos
            && let Some(p) = items[..last].iter().position(|i| i.pre && i.cat == "POS")
            && p > 0
        {
            let mut poss = self.np(&items[..=p]);
            poss.poss = true;
            poss.first = items[0].res.first;
            let mut rest = Vec::with_capacity(items.len() - p);
            rest.push(Item { cat: "NP", func: "", pre: false, res: poss });
            rest.extend_from_slice(&items[p + 1..]);
            return self.np(&rest);
        }
        let search = if ends_pos { &items[..last] } else { items };
        let nounish = |i: &Item<'_>| {
            (i.pre && (is_noun_tag(i.cat) || matches!(i.cat, "PRP" | "WP" | "FW")))
                || matches!(i.cat, "NX" | "NML")
        };
        let h = if search.is_empty() {
            last
        } else {
            let first_np = search.iter().position(|i| {
                matches!(i.cat, "NP" | "WHNP") && !i.pre && !i.res.poss && !self.lone_det(i)
            });
            let rightmost_noun = search.iter().rposition(nounish);
            match (rightmost_noun, first_np) {
                // "(NP (NP the leader) (PP of X))" and appositions: the first NP.
                (Some(n), Some(f)) if f < n && search[f + 1..=n].iter().all(|i| !i.pre) => f,
                (Some(n), _) => n,
                (None, Some(f)) => f,
                (None, None) => pick_right(search, &["$", "ADJP", "PRN"])
                    .or_else(|| pick_right(search, &["CD", "QP"]))
                    .or_else(|| {
                        pick_right(
                            search,
                            &["JJ", "JJS", "JJR", "RB", "DT", "EX", "PRP$", "VBG", "VBN"],
                        )
                    })
                    .unwrap_or_else(|| last_content(search)),
            }
        };
        let mut res = self.rest(items, h, Parent::Nom);
        res.poss = ends_pos;
        res.subj = false;
        res.obj = false;
        res.passive = false;
        res.clausal = false;
        res.mark = NONE;
        res
    }
}

fn pick_left(items: &[Item<'_>], cats: &[&str]) -> Option<usize> {
    cats.iter().find_map(|c| items.iter().position(|i| i.cat == *c))
}

fn pick_right(items: &[Item<'_>], cats: &[&str]) -> Option<usize> {
    cats.iter().find_map(|c| items.iter().rposition(|i| i.cat == *c))
}

fn first_content(items: &[Item<'_>]) -> usize {
    items.iter().position(|i| !i.is_punct()).unwrap_or(0)
}

fn last_content(items: &[Item<'_>]) -> usize {
    items.iter().rposition(|i| !i.is_punct()).unwrap_or(items.len().saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_aux_tags() {
        assert_eq!(split_label("NP-SBJ-1"), ("NP", "SBJ-1"));
        assert_eq!(split_label("NP=2"), ("NP", "2"));
        assert_eq!(split_label("-LRB-"), ("-LRB-", ""));
        assert_eq!(split_label("PRP$"), ("PRP$", ""));
        assert_eq!(norm_tag("AUXZ"), "VBZ");
        assert_eq!(unescape("-LRB-"), "(");
        assert_eq!(unescape("1\\/2"), "1/2");
    }

    #[test]
    fn empty_elements_dropped() {
        let t = PennTree::parse("(S (NP-SBJ (-NONE- *-1)) (VP (VBD left)) (. .))").unwrap();
        assert_eq!(t.len(), 2);
        let mut s = Sentence::new();
        t.to_sentence(&mut s);
        assert_eq!(s.words[0].head, 0);
        assert_eq!(s.words[1].deprel.as_str(), "punct");
    }
}
