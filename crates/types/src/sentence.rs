//! A sentence of words: the unit the tagger, lemmatiser, parser and coder
//! work on. Owned by `dyad-parse`, read by `dyad-coder`.
//!
//! A `Sentence` is a caller-owned buffer: [`Sentence::clear`] keeps its
//! allocations, so a worker refills one `Sentence` per input sentence without
//! allocating in the steady state.

use crate::{Deprel, Span, Upos, Xpos};

/// One syntactic word (a CoNLL-U word line).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Word {
    /// The form, as a span into [`Sentence::buf`].
    pub form: Span,
    /// The lemma, as a span into [`Sentence::buf`]; empty when not yet known.
    pub lemma: Span,
    /// Byte span into the document's original text. For words read from
    /// CoNLL-U this points into the text rebuilt from the forms.
    pub span: Span,
    /// Whether whitespace follows the word.
    pub space_after: bool,
    /// Universal POS tag.
    pub upos: Upos,
    /// Penn Treebank tag.
    pub xpos: Xpos,
    /// Head as a 1-based word index; 0 is the root; `u32::MAX` is "not parsed".
    pub head: u32,
    /// Relation to the head.
    pub deprel: Deprel,
}

/// A sentence of words with one string buffer for forms and lemmas.
#[derive(Clone, Debug, Default)]
pub struct Sentence {
    /// Forms and lemmas, concatenated; `Word` spans point into it.
    pub buf: String,
    /// The words, in order. Word `i` has CoNLL-U ID `i + 1`.
    pub words: Vec<Word>,
}

impl Sentence {
    /// An empty sentence.
    pub fn new() -> Sentence {
        Sentence::default()
    }

    /// Removes all words, keeping the allocations.
    pub fn clear(&mut self) {
        self.buf.clear();
        self.words.clear();
    }

    /// Appends a word with no analysis yet.
    pub fn push(&mut self, form: &str, span: Span, space_after: bool) {
        let start = self.buf.len();
        self.buf.push_str(form);
        let form = Span::new(start, self.buf.len());
        self.words.push(Word { form, span, space_after, head: u32::MAX, ..Word::default() });
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the sentence has no word.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The form of word `i` (0-based).
    pub fn form(&self, i: usize) -> &str {
        self.words[i].form.of(&self.buf)
    }

    /// The lemma of word `i` (0-based); empty when not yet set.
    pub fn lemma(&self, i: usize) -> &str {
        self.words[i].lemma.of(&self.buf)
    }

    /// Sets the lemma of word `i`. Reuses the form's bytes when they are equal.
    pub fn set_lemma(&mut self, i: usize, lemma: &str) {
        let w = self.words[i];
        if w.form.of(&self.buf) == lemma {
            self.words[i].lemma = w.form;
            return;
        }
        let start = self.buf.len();
        self.buf.push_str(lemma);
        self.words[i].lemma = Span::new(start, self.buf.len());
    }

    /// Indices (0-based) of the dependents of word `head` (1-based; 0 = root).
    pub fn dependents(&self, head: u32) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().filter(move |(_, w)| w.head == head).map(|(i, _)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_and_lemma() {
        let mut s = Sentence::new();
        s.push("Troops", Span::new(0, 6), true);
        s.push("attacked", Span::new(7, 15), false);
        s.set_lemma(0, "troop");
        s.set_lemma(1, "attack");
        assert_eq!(s.form(0), "Troops");
        assert_eq!(s.lemma(0), "troop");
        assert_eq!(s.lemma(1), "attack");
        s.clear();
        assert!(s.is_empty());
    }
}
