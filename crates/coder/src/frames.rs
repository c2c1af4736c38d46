//! Predicate frames read off a dependency tree: for each predicate, who is
//! the subject, the object, the obliques with their prepositions, and whether
//! the predicate is negated or passive.
//!
//! Works on UD v2 relations and on the UD v1 labels older parses carry
//! (`dobj`, `nsubjpass`, `auxpass`, `neg`, and `nmod` for obliques): every
//! label goes through [`Deprel::canonical`] first, and a v1 `nmod` attached to
//! a verb counts as an oblique. Subjects are inherited along `xcomp` (the
//! controller: the object if there is one, "urged B to talk", else the
//! subject, "A agreed to talk") and along verb coordination ("A attacked B
//! and killed C").

use dyad_types::{Deprel, Sentence, Upos};

/// A predicate with its arguments. Word indices are 0-based.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Frame {
    /// The predicate word.
    pub verb: usize,
    /// Whether a negation ("not", "n't", "never") modifies the predicate.
    pub negated: bool,
    /// Whether the predicate is passive (`nsubj:pass` or `aux:pass`).
    pub passive: bool,
    /// Heads of the logical subject phrases (for a passive: the agent of a
    /// "by" phrase), coordinated phrases expanded.
    pub subjects: Vec<Arg>,
    /// Heads of the logical object phrases (for a passive: the grammatical
    /// subject), coordinated phrases expanded.
    pub objects: Vec<Arg>,
    /// Obliques: (preposition word, phrase head), coordination expanded.
    pub obliques: Vec<(usize, usize)>,
    /// Particles (`compound:prt`: "pull *out*").
    pub particles: Vec<usize>,
    /// Clausal complements and open complements of the predicate.
    pub complements: Vec<usize>,
    /// The predicate this one is a complement of, if any.
    pub governor: Option<usize>,
}

/// An argument phrase head and how it was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arg {
    /// The phrase's head word.
    pub head: usize,
    /// The rule that found it.
    pub rule: ArgRule,
}

/// How an argument was found; shown in explanations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgRule {
    /// `nsubj` of the predicate.
    Nsubj,
    /// `nsubj:pass` of a passive predicate (the logical object).
    NsubjPass,
    /// "by" phrase of a passive predicate (the logical subject).
    Agent,
    /// `obj` of the predicate.
    Obj,
    /// `iobj` of the predicate.
    Iobj,
    /// Inherited from the governing predicate of an `xcomp`.
    Controller,
    /// Inherited from the first conjunct of coordinated predicates.
    SharedSubject,
    /// A conjunct of another argument ("A and B").
    Conjunct,
}

impl ArgRule {
    /// A short name for explanations.
    pub fn as_str(self) -> &'static str {
        match self {
            ArgRule::Nsubj => "nsubj",
            ArgRule::NsubjPass => "nsubj:pass",
            ArgRule::Agent => "obl:agent",
            ArgRule::Obj => "obj",
            ArgRule::Iobj => "iobj",
            ArgRule::Controller => "xcomp-controller",
            ArgRule::SharedSubject => "conj-shared-subject",
            ArgRule::Conjunct => "conj",
        }
    }
}

/// The relation of word `i`, in UD v2 terms.
fn rel(s: &Sentence, i: usize) -> Deprel {
    s.words[i].deprel.canonical()
}

fn is(s: &Sentence, i: usize, label: &str) -> bool {
    rel(s, i).as_str() == label
}

fn base_is(s: &Sentence, i: usize, base: &str) -> bool {
    rel(s, i).base() == base
}

fn lower_form_is(s: &Sentence, i: usize, words: &[&str]) -> bool {
    let f = s.form(i);
    words.iter().any(|w| f.eq_ignore_ascii_case(w))
}

fn is_verbal(s: &Sentence, i: usize) -> bool {
    matches!(s.words[i].upos, Upos::Verb | Upos::Aux)
}

/// Children of word `i` (0-based), in order.
fn children(s: &Sentence, i: usize) -> impl Iterator<Item = usize> + '_ {
    let head = i as u32 + 1;
    s.words.iter().enumerate().filter(move |(_, w)| w.head == head).map(|(j, _)| j)
}

/// The preposition (`case` child) of a nominal, if any.
pub fn case_of(s: &Sentence, i: usize) -> Option<usize> {
    children(s, i).find(|&c| is(s, c, "case"))
}

/// `i` and its nominal conjuncts, in order ("A, B and C").
pub fn conjuncts(s: &Sentence, i: usize) -> Vec<usize> {
    let mut out = vec![i];
    let mut k = 0;
    while k < out.len() {
        let cur = out[k];
        for c in children(s, cur) {
            if is(s, c, "conj") && !out.contains(&c) {
                out.push(c);
            }
        }
        k += 1;
    }
    out
}

/// Whether word `i` heads a predicate worth a frame.
fn is_predicate(s: &Sentence, i: usize) -> bool {
    let r = rel(s, i);
    if matches!(r.as_str(), "aux" | "aux:pass" | "cop" | "case" | "mark" | "det") {
        return false;
    }
    if s.words[i].upos == Upos::Verb {
        return true;
    }
    children(s, i).any(|c| matches!(rel(s, c).base(), "nsubj" | "obj" | "iobj" | "csubj"))
}

/// Reads the predicate frames of a parsed sentence, in word order.
pub fn frames(s: &Sentence) -> Vec<Frame> {
    let n = s.len();
    let mut out: Vec<Frame> = Vec::new();
    for i in 0..n {
        if s.words[i].head == u32::MAX || !is_predicate(s, i) {
            continue;
        }
        let mut f = Frame { verb: i, ..Frame::default() };
        for c in children(s, i) {
            let r = rel(s, c);
            match r.as_str() {
                "nsubj" | "nsubj:outer" => push_conj(s, &mut f.subjects, c, ArgRule::Nsubj),
                "nsubj:pass" => {
                    f.passive = true;
                    push_conj(s, &mut f.objects, c, ArgRule::NsubjPass);
                }
                "aux:pass" => f.passive = true,
                "obj" => push_conj(s, &mut f.objects, c, ArgRule::Obj),
                "iobj" => push_conj(s, &mut f.objects, c, ArgRule::Iobj),
                "obl:agent" => push_conj(s, &mut f.subjects, c, ArgRule::Agent),
                "compound:prt" => f.particles.push(c),
                "xcomp" | "ccomp" => f.complements.push(c),
                _ => {
                    if lower_form_is(s, c, &["not", "n't", "never"])
                        && matches!(r.base(), "advmod" | "neg")
                    {
                        f.negated = true;
                    } else if (r.base() == "obl" || (r.base() == "nmod" && is_verbal(s, i)))
                        && let Some(p) = case_of(s, c)
                    {
                        for k in conjuncts(s, c) {
                            f.obliques.push((p, k));
                        }
                    }
                }
            }
        }
        // A v1 passive "by" phrase: nmod/obl with case "by" on a passive verb.
        if f.passive && !f.subjects.iter().any(|a| a.rule == ArgRule::Agent) {
            let mut agents = Vec::new();
            f.obliques.retain(|&(p, h)| {
                if lower_form_is(s, p, &["by"]) {
                    agents.push(h);
                    false
                } else {
                    true
                }
            });
            for h in agents {
                f.subjects.push(Arg { head: h, rule: ArgRule::Agent });
            }
        }
        out.push(f);
    }
    let mut index_of = vec![usize::MAX; n];
    for (k, f) in out.iter().enumerate() {
        index_of[f.verb] = k;
    }
    inherit(s, &mut out, &index_of);
    out
}

fn push_conj(s: &Sentence, args: &mut Vec<Arg>, head: usize, rule: ArgRule) {
    for (k, h) in conjuncts(s, head).into_iter().enumerate() {
        args.push(Arg { head: h, rule: if k == 0 { rule } else { ArgRule::Conjunct } });
    }
}

/// Fills subjects along `xcomp` control and verb coordination, governors of
/// complements, in tree order (a governor before its complements).
fn inherit(s: &Sentence, frames: &mut [Frame], index_of: &[usize]) {
    // Process in an order where a frame's governor comes first: walk up to
    // depth. Trees are shallow; a simple fixed-point over a few passes is
    // enough and stays linear in practice.
    for _ in 0..4 {
        let mut changed = false;
        for fi in 0..frames.len() {
            let v = frames[fi].verb;
            let h = s.words[v].head;
            if h == 0 || h == u32::MAX {
                continue;
            }
            let g = (h - 1) as usize;
            let gi = index_of.get(g).copied().unwrap_or(usize::MAX);
            if gi == usize::MAX {
                continue;
            }
            if frames[fi].governor.is_none() && (is(s, v, "xcomp") || is(s, v, "ccomp")) {
                frames[fi].governor = Some(g);
                changed = true;
            }
            if !frames[fi].subjects.is_empty() {
                continue;
            }
            let inherited: Vec<Arg> = if is(s, v, "xcomp") {
                // Object control ("urged B to talk") else subject control.
                let src = if frames[gi].objects.iter().any(|a| a.rule == ArgRule::Obj) {
                    frames[gi]
                        .objects
                        .iter()
                        .filter(|a| a.rule != ArgRule::NsubjPass)
                        .copied()
                        .collect::<Vec<_>>()
                } else if frames[gi].passive {
                    frames[gi].objects.clone()
                } else {
                    frames[gi].subjects.clone()
                };
                src.into_iter().map(|a| Arg { head: a.head, rule: ArgRule::Controller }).collect()
            } else if base_is(s, v, "conj") && !frames[gi].subjects.is_empty() {
                frames[gi]
                    .subjects
                    .iter()
                    .map(|a| Arg { head: a.head, rule: ArgRule::SharedSubject })
                    .collect()
            } else {
                continue;
            };
            if !inherited.is_empty() {
                frames[fi].subjects = inherited;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// The words of the noun phrase headed by `head`, in order: the head with its
/// modifiers (compound, amod, flat, det, nummod, possessives, "of" phrases),
/// without relative clauses, coordinated phrases or punctuation.
pub fn phrase(s: &Sentence, head: usize) -> Vec<usize> {
    let mut out = vec![head];
    let mut k = 0;
    while k < out.len() {
        let cur = out[k];
        for c in children(s, cur) {
            let r = rel(s, c);
            let keep = matches!(
                r.base(),
                "compound" | "amod" | "flat" | "det" | "nummod" | "fixed" | "case" | "goeswith"
            ) || r.as_str() == "nmod:poss"
                || (r.base() == "nmod"
                    && case_of(s, c).is_some_and(|p| lower_form_is(s, p, &["of"])));
            // The head's own preposition is not part of the phrase.
            if keep && !(cur == head && r.base() == "case") {
                out.push(c);
            }
        }
        k += 1;
    }
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_types::Span;

    /// Builds a sentence from `form/UPOS/head/deprel` items.
    fn sent(spec: &str) -> Sentence {
        let mut s = Sentence::new();
        let mut pos = 0;
        for (i, item) in spec.split_whitespace().enumerate() {
            let mut it = item.split('/');
            let form = it.next().unwrap();
            s.push(form, Span::new(pos, pos + form.len()), true);
            pos += form.len() + 1;
            let w = &mut s.words[i];
            w.upos = Upos::parse(it.next().unwrap()).unwrap();
            w.head = it.next().unwrap().parse().unwrap();
            w.deprel = Deprel::parse(it.next().unwrap()).unwrap();
        }
        s
    }

    fn heads(args: &[Arg]) -> Vec<usize> {
        args.iter().map(|a| a.head).collect()
    }

    #[test]
    fn active_with_compound_subject() {
        // Arnor and Gondor attacked Mordor .
        let s = sent(
            "Arnor/PROPN/4/nsubj and/CCONJ/3/cc Gondor/PROPN/1/conj attacked/VERB/0/root Mordor/PROPN/4/obj ./PUNCT/4/punct",
        );
        let f = frames(&s);
        assert_eq!(f.len(), 1);
        assert_eq!(heads(&f[0].subjects), vec![0, 2]);
        assert_eq!(heads(&f[0].objects), vec![4]);
        assert!(!f[0].negated && !f[0].passive);
    }

    #[test]
    fn passive_v1_with_by_phrase() {
        // Mordor was attacked by Gondor (UD v1 labels).
        let s = sent(
            "Mordor/PROPN/3/nsubjpass was/AUX/3/auxpass attacked/VERB/0/root by/ADP/5/case Gondor/PROPN/3/nmod",
        );
        let f = frames(&s);
        assert!(f[0].passive);
        assert_eq!(heads(&f[0].subjects), vec![4]);
        assert_eq!(f[0].subjects[0].rule, ArgRule::Agent);
        assert_eq!(heads(&f[0].objects), vec![0]);
        assert!(f[0].obliques.is_empty());
    }

    #[test]
    fn negation_and_xcomp_control() {
        // Arnor did not agree to meet Gondor .
        let s = sent(
            "Arnor/PROPN/4/nsubj did/AUX/4/aux not/PART/4/advmod agree/VERB/0/root to/PART/6/mark meet/VERB/4/xcomp Gondor/PROPN/6/obj",
        );
        let f = frames(&s);
        assert_eq!(f.len(), 2);
        assert!(f[0].negated);
        assert_eq!(f[1].verb, 5);
        assert_eq!(heads(&f[1].subjects), vec![0]);
        assert_eq!(f[1].subjects[0].rule, ArgRule::Controller);
        assert_eq!(f[1].governor, Some(3));
    }

    #[test]
    fn object_control_and_obliques() {
        // Arnor urged Gondor to talk with Rohan .
        let s = sent(
            "Arnor/PROPN/2/nsubj urged/VERB/0/root Gondor/PROPN/2/obj to/PART/5/mark talk/VERB/2/xcomp with/ADP/7/case Rohan/PROPN/5/obl",
        );
        let f = frames(&s);
        assert_eq!(heads(&f[1].subjects), vec![2]);
        assert_eq!(f[1].obliques, vec![(5, 6)]);
    }

    #[test]
    fn shared_subject_in_verb_coordination() {
        // Troops attacked Gondor and killed civilians .
        let s = sent(
            "Troops/NOUN/2/nsubj attacked/VERB/0/root Gondor/PROPN/2/obj and/CCONJ/5/cc killed/VERB/2/conj civilians/NOUN/5/obj",
        );
        let f = frames(&s);
        assert_eq!(heads(&f[1].subjects), vec![0]);
        assert_eq!(f[1].subjects[0].rule, ArgRule::SharedSubject);
    }

    #[test]
    fn phrase_extent() {
        // the Foreign Ministry of Arnor 's army said
        let s = sent(
            "the/DET/3/det Foreign/PROPN/3/compound Ministry/PROPN/6/nsubj of/ADP/5/case Arnor/PROPN/3/nmod said/VERB/0/root",
        );
        assert_eq!(phrase(&s, 2), vec![0, 1, 2, 3, 4]);
    }
}
