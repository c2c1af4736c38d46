//! Closed tag vocabularies: UD universal POS tags, Penn Treebank tags (as used
//! by UD English), and UD dependency relations (v2, plus the v1 labels that
//! older parses such as UDPipe 1 output still carry).

use std::fmt;

/// A universal part-of-speech tag (UD v2).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
#[allow(missing_docs)]
pub enum Upos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    /// `X` and unknown tags.
    #[default]
    X,
}

impl Upos {
    /// All tags, in discriminant order.
    pub const ALL: [Upos; 17] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];

    const NAMES: [&'static str; 17] = [
        "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
        "PUNCT", "SCONJ", "SYM", "VERB", "X",
    ];

    /// The UD name (`"NOUN"`).
    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// Parses a UD name; `None` for anything else. UD v1's `CONJ` reads as `CCONJ`.
    pub fn parse(s: &str) -> Option<Upos> {
        if s == "CONJ" {
            return Some(Upos::Cconj);
        }
        Self::NAMES.iter().position(|n| *n == s).map(|i| Self::ALL[i])
    }

    /// The tag with discriminant `i`.
    pub fn from_index(i: usize) -> Option<Upos> {
        Self::ALL.get(i).copied()
    }
}

impl fmt::Display for Upos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A language-specific (Penn Treebank) tag, as an index into [`Xpos::NAMES`].
///
/// Index 0 is `_` (no tag).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Xpos(pub u8);

impl Xpos {
    /// Every tag UD English and the Penn Treebank use.
    pub const NAMES: &'static [&'static str] = &[
        "_", "CC", "CD", "DT", "EX", "FW", "IN", "JJ", "JJR", "JJS", "LS", "MD", "NN", "NNS",
        "NNP", "NNPS", "PDT", "POS", "PRP", "PRP$", "RB", "RBR", "RBS", "RP", "SYM", "TO", "UH",
        "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "WDT", "WP", "WP$", "WRB", ".", ",", ":", "``",
        "''", "-LRB-", "-RRB-", "$", "#", "HYPH", "NFP", "ADD", "AFX", "GW", "XX",
    ];

    /// No tag (`_`).
    pub const NONE: Xpos = Xpos(0);

    /// The tag's name.
    pub fn as_str(self) -> &'static str {
        Self::NAMES.get(self.0 as usize).copied().unwrap_or("_")
    }

    /// Parses a tag name; `(` and `)` read as `-LRB-`/`-RRB-`. `None` for an
    /// unknown tag.
    pub fn parse(s: &str) -> Option<Xpos> {
        let s = match s {
            "(" | "-LCB-" | "-LSB-" => "-LRB-",
            ")" | "-RCB-" | "-RSB-" => "-RRB-",
            other => other,
        };
        Self::NAMES.iter().position(|n| *n == s).map(|i| Xpos(i as u8))
    }

    /// Number of tags.
    pub fn count() -> usize {
        Self::NAMES.len()
    }
}

impl fmt::Display for Xpos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A dependency relation, as an index into [`Deprel::NAMES`].
///
/// The table holds the UD v2 relations with the subtypes UD English uses, and
/// the UD v1 labels (`dobj`, `nsubjpass`, `auxpass`, `neg`, `name`, `mwe`, ...)
/// found in older parses. Use [`Deprel::base`] to compare across subtypes and
/// [`Deprel::canonical`] to map v1 labels to v2.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Deprel(pub u8);

impl Deprel {
    /// Every known label. Index 0 is `_` (none).
    pub const NAMES: &'static [&'static str] = &[
        "_",
        "root",
        "punct",
        "case",
        "det",
        "nsubj",
        "advmod",
        "amod",
        "obj",
        "obl",
        "conj",
        "compound",
        "nmod",
        "mark",
        "cc",
        "aux",
        "cop",
        "nmod:poss",
        "advcl",
        "xcomp",
        "ccomp",
        "flat",
        "acl:relcl",
        "parataxis",
        "nummod",
        "appos",
        "acl",
        "aux:pass",
        "nsubj:pass",
        "nmod:unmarked",
        "obl:unmarked",
        "discourse",
        "list",
        "compound:prt",
        "expl",
        "iobj",
        "fixed",
        "nmod:desc",
        "obl:agent",
        "csubj",
        "nsubj:outer",
        "det:predet",
        "vocative",
        "goeswith",
        "advcl:relcl",
        "cc:preconj",
        "reparandum",
        "orphan",
        "csubj:pass",
        "dislocated",
        "dep",
        "csubj:outer",
        "obl:tmod",
        "obl:npmod",
        "nmod:tmod",
        "nmod:npmod",
        "flat:foreign",
        "compound:svc",
        "clf",
        "expl:pv",
        // UD v1 labels.
        "dobj",
        "nsubjpass",
        "csubjpass",
        "auxpass",
        "neg",
        "name",
        "mwe",
        "foreign",
        "remnant",
    ];

    /// No relation (`_`).
    pub const NONE: Deprel = Deprel(0);

    /// The label.
    pub fn as_str(self) -> &'static str {
        Self::NAMES.get(self.0 as usize).copied().unwrap_or("_")
    }

    /// Parses a label exactly; `None` if unknown.
    pub fn parse(s: &str) -> Option<Deprel> {
        Self::NAMES.iter().position(|n| *n == s).map(|i| Deprel(i as u8))
    }

    /// Parses a label, falling back to its base relation (`obl:foo` ->
    /// `obl`) and then to `dep`, so that any syntactically valid label reads.
    pub fn parse_lenient(s: &str) -> Deprel {
        if let Some(d) = Self::parse(s) {
            return d;
        }
        let base = s.split(':').next().unwrap_or(s);
        Self::parse(base).unwrap_or_else(|| Self::parse("dep").expect("dep is in the table"))
    }

    /// The label without its subtype (`"nsubj"` for `nsubj:pass`).
    pub fn base(self) -> &'static str {
        let s = self.as_str();
        s.split(':').next().unwrap_or(s)
    }

    /// The UD v2 label for a UD v1 label (`dobj` -> `obj`, `nsubjpass` ->
    /// `nsubj:pass`, `auxpass` -> `aux:pass`, `neg` -> `advmod`, `name` ->
    /// `flat`, `mwe` -> `fixed`); other labels are returned unchanged. v1's
    /// `nmod` on a verb is v2's `obl`, which needs the head's tag, so it is
    /// left as is.
    pub fn canonical(self) -> Deprel {
        let v2 = match self.as_str() {
            "dobj" => "obj",
            "nsubjpass" => "nsubj:pass",
            "csubjpass" => "csubj:pass",
            "auxpass" => "aux:pass",
            "neg" => "advmod",
            "name" => "flat",
            "mwe" => "fixed",
            "foreign" => "flat:foreign",
            "remnant" => "orphan",
            _ => return self,
        };
        Self::parse(v2).expect("v2 label is in the table")
    }

    /// Number of labels.
    pub fn count() -> usize {
        Self::NAMES.len()
    }
}

impl fmt::Display for Deprel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for (i, n) in Deprel::NAMES.iter().enumerate() {
            assert_eq!(Deprel::parse(n), Some(Deprel(i as u8)), "{n}");
        }
        for (i, n) in Xpos::NAMES.iter().enumerate() {
            assert_eq!(Xpos::parse(n), Some(Xpos(i as u8)), "{n}");
        }
        for u in Upos::ALL {
            assert_eq!(Upos::parse(u.as_str()), Some(u));
        }
    }

    #[test]
    fn lenient_and_canonical() {
        assert_eq!(Deprel::parse_lenient("obl:into").as_str(), "obl");
        assert_eq!(Deprel::parse_lenient("weird").as_str(), "dep");
        assert_eq!(Deprel::parse("dobj").unwrap().canonical().as_str(), "obj");
        assert_eq!(Deprel::parse("nsubjpass").unwrap().canonical().as_str(), "nsubj:pass");
        assert_eq!(Deprel::parse("nsubj:pass").unwrap().base(), "nsubj");
    }
}
