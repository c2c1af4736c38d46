//! The text layer's output. Owned by `dyad-text`.

use crate::Span;

/// One token of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte span into the document's original text (`Document::text`).
    pub span: Span,
    /// Byte span into the document's normalised text (`Document::norm`): the
    /// form the tagger and lexicon see (quotes, dashes and spaces folded).
    pub norm: Span,
    /// Whether whitespace follows the token in the original text.
    pub space_after: bool,
}

/// A sentence as a range of tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SentenceBounds {
    /// Byte span into the original text, from the first token's start to the
    /// last token's end.
    pub span: Span,
    /// Index of the first token in `Document::tokens`.
    pub first: u32,
    /// One past the index of the last token.
    pub last: u32,
    /// Index of the paragraph (blank-line separated block) holding it.
    pub paragraph: u32,
}

/// A segmented and tokenised document.
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// The original text, exactly as given.
    pub text: String,
    /// Normalised text that token `norm` spans point into.
    pub norm: String,
    /// All tokens, in order.
    pub tokens: Vec<Token>,
    /// All sentences, in order; their token ranges tile `tokens`.
    pub sentences: Vec<SentenceBounds>,
}

impl Document {
    /// The tokens of sentence `i`.
    ///
    /// # Panics
    /// Panics if `i` is out of range.
    pub fn sentence_tokens(&self, i: usize) -> &[Token] {
        let s = &self.sentences[i];
        &self.tokens[s.first as usize..s.last as usize]
    }

    /// The original surface form of a token.
    pub fn surface(&self, t: &Token) -> &str {
        t.span.of(&self.text)
    }

    /// The normalised form of a token.
    pub fn normalised(&self, t: &Token) -> &str {
        t.norm.of(&self.norm)
    }
}
