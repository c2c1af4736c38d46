//! Verbless-clause repair: a second look at sentences whose parse shows that
//! the tagger missed a finite verb.
//!
//! The greedy tagger, trained on web text, reads some news verbs as nouns or
//! participles ("an attack ... points/NNS to Iranian involvement", "Russian
//! troops shelled/VBN villages"). The parser then builds a tree that no
//! well-formed clause has: one verb with two nominal subjects, or a
//! complementiser "that" with no clause verb to mark. [`anomalies`] finds
//! such spots and the words that could be the missing verb; the model then
//! forces, among those words, the one whose finite-verb reading the tagger
//! scored closest to its first choice (within a margin chosen on EWT dev),
//! re-tags, re-parses, and keeps the new analysis only if it has fewer
//! anomalies.

use dyad_types::{Sentence, Upos};

/// One anomaly: the word positions (0-based) that could hold the missing
/// finite verb.
pub(crate) type Candidates = std::ops::Range<usize>;

/// The anomalies of a parsed sentence, each with its candidate words.
pub(crate) fn anomalies(s: &Sentence, out: &mut Vec<Candidates>) {
    out.clear();
    let n = s.words.len();
    // A head with two nominal subjects that are not coordinated.
    let mut first_subj = vec![usize::MAX; n + 1];
    for (i, w) in s.words.iter().enumerate() {
        let rel = w.deprel.as_str();
        if rel != "nsubj" && rel != "nsubj:pass" {
            continue;
        }
        let h = w.head as usize;
        if h > n {
            continue;
        }
        if first_subj[h] == usize::MAX {
            first_subj[h] = i;
        } else {
            // The missing verb sits right after the first subject and
            // takes an object ("troops shelled villages"); a word followed
            // by "to" or a preposition ("orders to secure", "money invested
            // in") more likely modifies the subject.
            let a = first_subj[h];
            let object_next = s.words.get(a + 2).is_some_and(|w| {
                matches!(
                    w.upos,
                    Upos::Det | Upos::Noun | Upos::Propn | Upos::Adj | Upos::Num | Upos::Pron
                )
            });
            if i > a + 1 && object_next {
                out.push(a + 1..a + 2);
            }
        }
    }
    // A complementiser "that" that marks no clause verb.
    for (i, w) in s.words.iter().enumerate() {
        if !s.form(i).eq_ignore_ascii_case("that") || w.xpos.as_str() != "IN" {
            continue;
        }
        let head_verb = w.head != 0
            && matches!(s.words[w.head as usize - 1].upos, Upos::Verb | Upos::Aux | Upos::Adj);
        if w.deprel.as_str() == "mark" && head_verb {
            continue;
        }
        let end = (i + 1..n)
            .find(|&k| matches!(s.form(k), "," | ";" | ":" | "." | "?" | "!" | "--"))
            .unwrap_or(n);
        if end > i + 2 {
            out.push(i + 1..end);
        }
    }
}

/// Whether word `i` may be the missing verb: a lower-case alphabetic word
/// (capitalised only as the sentence's first) now read as a noun, an
/// adjective or a non-finite verb.
pub(crate) fn may_be_verb(s: &Sentence, i: usize) -> bool {
    let f = s.form(i);
    let mut cs = f.chars();
    let Some(c0) = cs.next() else { return false };
    if !f.chars().all(char::is_alphabetic) || f.len() < 3 || (c0.is_uppercase() && i > 0) {
        return false;
    }
    let w = &s.words[i];
    match w.upos {
        Upos::Noun | Upos::Adj => true,
        Upos::Verb => matches!(w.xpos.as_str(), "VBN" | "VBG" | "VB"),
        _ => false,
    }
}

/// Whether a finite-verb tag fits word `i`'s shape: a past tense ends in
/// "-ed" and is not followed by "by" (a passive participle: "customers
/// attracted by"), a third-person present ends in "-s" (not "-ss", "-us",
/// "-is"); a non-third-person present (VBP, the same form as a noun or base
/// verb) is never forced.
pub(crate) fn fits_form(s: &Sentence, i: usize, tag: dyad_types::Xpos) -> bool {
    let f = s.form(i).to_ascii_lowercase();
    let by_next = i + 1 < s.len() && s.form(i + 1).eq_ignore_ascii_case("by");
    match tag.as_str() {
        "VBD" => f.ends_with("ed") && !by_next,
        "VBZ" => f.ends_with('s') && !f.ends_with("ss") && !f.ends_with("us") && !f.ends_with("is"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_types::{Deprel, Span, Xpos};

    fn sentence(rows: &[(&str, &str, &str, u32, &str)]) -> Sentence {
        let mut s = Sentence::new();
        let mut at = 0;
        for (form, upos, xpos, head, rel) in rows {
            s.push(form, Span::new(at, at + form.len()), true);
            at += form.len() + 1;
            let w = s.words.last_mut().unwrap();
            w.upos = Upos::parse(upos).unwrap();
            w.xpos = Xpos::parse(xpos).unwrap();
            w.head = *head;
            w.deprel = Deprel::parse(rel).unwrap();
        }
        s
    }

    #[test]
    fn two_subjects_of_one_verb() {
        let s = sentence(&[
            ("troops", "NOUN", "NNS", 4, "nsubj"),
            ("shelled", "VERB", "VBN", 3, "amod"),
            ("villages", "NOUN", "NNS", 4, "nsubj"),
            ("said", "VERB", "VBD", 0, "root"),
        ]);
        let mut out = Vec::new();
        anomalies(&s, &mut out);
        assert_eq!(out, vec![1..2]);
    }

    #[test]
    fn that_without_a_clause_verb() {
        let s = sentence(&[
            ("it", "PRON", "PRP", 2, "nsubj"),
            ("said", "VERB", "VBD", 0, "root"),
            ("that", "SCONJ", "IN", 2, "obj"),
            ("attack", "NOUN", "NN", 3, "appos"),
            ("points", "NOUN", "NNS", 4, "nmod"),
            ("north", "ADV", "RB", 5, "advmod"),
            (".", "PUNCT", ".", 2, "punct"),
        ]);
        let mut out = Vec::new();
        anomalies(&s, &mut out);
        assert_eq!(out, vec![3..6]);
    }

    #[test]
    fn tag_must_fit_the_form() {
        let t = |x| Xpos::parse(x).unwrap();
        let one =
            |w: &str| sentence(&[(w, "NOUN", "NN", 0, "root"), ("now", "ADV", "RB", 1, "advmod")]);
        assert!(fits_form(&one("shelled"), 0, t("VBD")));
        assert!(!fits_form(&one("idea"), 0, t("VBD")));
        assert!(fits_form(&one("points"), 0, t("VBZ")));
        assert!(!fits_form(&one("seakness"), 0, t("VBZ")));
        assert!(!fits_form(&one("fight"), 0, t("VBP")));
        let by =
            sentence(&[("attracted", "VERB", "VBN", 0, "root"), ("by", "ADP", "IN", 1, "case")]);
        assert!(!fits_form(&by, 0, t("VBD")));
    }

    #[test]
    fn well_formed_clauses_have_none() {
        let s = sentence(&[
            ("it", "PRON", "PRP", 2, "nsubj"),
            ("said", "VERB", "VBD", 0, "root"),
            ("that", "SCONJ", "IN", 5, "mark"),
            ("Iran", "PROPN", "NNP", 5, "nsubj"),
            ("lied", "VERB", "VBD", 2, "ccomp"),
        ]);
        let mut out = Vec::new();
        anomalies(&s, &mut out);
        assert!(out.is_empty());
    }
}
