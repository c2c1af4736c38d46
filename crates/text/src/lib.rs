//! Unicode normalisation with offset maps, sentence segmentation and UD-style
//! English tokenisation.
//!
//! Build a [`TextConfig`] with [`TextConfig::builder`], then make one
//! [`Segmenter`] per thread and call [`Segmenter::segment`] with a
//! caller-owned [`Document`] that is cleared and refilled:
//!
//! ```
//! use dyad_text::TextConfig;
//! use dyad_types::Document;
//!
//! let config = TextConfig::builder().build();
//! let mut seg = config.segmenter();
//! let mut doc = Document::default();
//! seg.segment("BAKU, March 31 (Reuters) - Azerbaijan\u{2019}s envoy didn't go. He left.", &mut doc);
//! let forms: Vec<&str> = doc.sentence_tokens(1).iter().map(|t| doc.surface(t)).collect();
//! assert_eq!(forms, ["Azerbaijan", "\u{2019}s", "envoy", "did", "n't", "go", "."]);
//! assert_eq!(doc.normalised(&doc.sentence_tokens(1)[1]), "'s");
//! ```
//!
//! Every token's `span` points into the original text (`&doc.text[span]` is
//! the surface form); its `norm` span points into `doc.norm`, the normalised
//! text (curly quotes, dashes, odd spaces, control characters and HTML
//! entities folded, common accents composed; the folds never cross a token
//! boundary, and only length-changing folds are stored in the offset map).
//!
//! # Tokens
//! UD English-EWT conventions: clitics split ("do" "n't", "ca" "n't", "it"
//! "'s", apostrophe-less "do" "nt"), "cannot" -> "can" "not", "gonna" ->
//! "gon" "na"; "$500" -> "$" "500", "3%" -> "3" "%", "7am" -> "7" "am";
//! numbers with separators ("8.75", "1,000", "11/28/2000"), URLs, e-mail
//! addresses and HTML tags stay whole; hyphenated compounds split
//! ("search" "-" "engine") except after prefixes ("e-mail", "co-founder")
//! and in phone numbers; abbreviations keep their period ("Gen.", "U.S.")
//! except at the end of a sentence, where UD writes "U.S" ".".
//!
//! # Sentences
//! A blank line ends a paragraph and a sentence. Inside a paragraph,
//! sentences end at `.`/`!`/`?` (with trailing quotes and brackets), after an
//! abbreviation that can end a sentence when a typical opener follows, at a
//! line break when the paragraph is not hard-wrapped (headlines, list items),
//! and where an embedded classifier trained on UD English-EWT train finds an
//! unpunctuated boundary. Inside a line the classifier has the last word: it
//! sees the rules' decision as one feature among the words around the gap,
//! so it can also drop a boundary the rules made (see
//! [`TextConfigBuilder::boundary_model`]). A news dateline ("BAKU, March 31
//! (Reuters) -", "WASHINGTON (AP) --") is its own sentence, so it is never
//! glued to the first sentence's subject.
//!
//! # Invalid UTF-8
//! [`decode`] turns bytes into text lossily: each invalid byte becomes
//! U+001A (one byte, so offsets into the decoded text are offsets into the
//! input; the segmenter reads it as a space), and the result reports the
//! byte offset of the first bad byte so that the caller can warn. It also
//! flags input that looks binary (NUL bytes or many invalid bytes), so a
//! caller can refuse it with a clear message. Segmentation itself never
//! fails and never panics.
//!
//! # Memory
//! A document costs its text twice (original and normalised) plus 20 bytes
//! per token and a few bytes per sentence; nothing grows faster than the
//! input. Sentences are capped at [`TextConfigBuilder::max_sentence_tokens`]
//! tokens so one 50 MB line without punctuation cannot make a sentence the
//! parser chokes on.

mod abbrev;
mod boundary;
mod decode;
mod error;
pub mod eval;
mod nfc_table;
mod normalize;
mod segment;
mod tokenize;

use std::sync::Arc;

use dyad_types::{Document, Sentence, SentenceBounds, Span, Token};

pub use boundary::{
    BoundaryDiagnosis, BoundarySettings, BoundaryTraining, diagnose_boundary_model,
    train_boundary_model,
};
pub use decode::{Decoded, decode};
pub use error::TextError;
pub use eval::{Counts, Gold, Scores};

use normalize::NormMap;
use tokenize::RawToken;

/// Builder for [`TextConfig`].
#[derive(Clone, Debug)]
pub struct TextConfigBuilder {
    config: TextConfig,
}

impl TextConfigBuilder {
    /// Longest sentence in tokens; a longer run is cut (default 250).
    /// Values below 1 are treated as 1.
    pub fn max_sentence_tokens(mut self, n: usize) -> Self {
        self.config.max_sentence_tokens = n.max(1);
        self
    }

    /// Whether a news dateline at the start of a paragraph ("BAKU, March 31
    /// (Reuters) -") is its own sentence (default true).
    pub fn datelines(mut self, on: bool) -> Self {
        self.config.datelines = on;
        self
    }

    /// Whether a single line break can end a sentence (headlines, list
    /// items) when the paragraph is not hard-wrapped (default true).
    pub fn line_breaks(mut self, on: bool) -> Self {
        self.config.line_breaks = on;
        self
    }

    /// Whether the embedded boundary classifier (trained on UD English-EWT
    /// train) may overrule the punctuation rules inside a line (default
    /// true). Without it, sentences end only at punctuation, line breaks,
    /// datelines and paragraph breaks.
    pub fn boundary_model(mut self, on: bool) -> Self {
        self.config.boundary_model = on;
        self
    }

    /// Uses `model` as the boundary classifier (training tries candidate
    /// models this way).
    pub(crate) fn with_model(mut self, model: Arc<boundary::Model>) -> Self {
        self.config.boundary_model = true;
        self.config.custom_model = Some(model);
        self
    }

    /// Freezes the configuration.
    pub fn build(self) -> TextConfig {
        self.config
    }
}

/// Frozen text-layer settings. Cheap to clone; share it across threads and
/// make one [`Segmenter`] per thread.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextConfig {
    max_sentence_tokens: usize,
    datelines: bool,
    line_breaks: bool,
    boundary_model: bool,
    custom_model: Option<Arc<boundary::Model>>,
}

impl Default for TextConfig {
    fn default() -> Self {
        TextConfig {
            max_sentence_tokens: 250,
            datelines: true,
            line_breaks: true,
            boundary_model: true,
            custom_model: None,
        }
    }
}

impl TextConfig {
    /// A builder with the default settings.
    pub fn builder() -> TextConfigBuilder {
        TextConfigBuilder { config: TextConfig::default() }
    }

    /// A reusable worker with this configuration.
    pub fn segmenter(&self) -> Segmenter {
        Segmenter {
            config: self.clone(),
            map: NormMap::default(),
            raw: Vec::new(),
            suffix: Vec::new(),
            starts: Vec::new(),
            cache: boundary::HashCache::default(),
            model: if self.boundary_model {
                self.custom_model.clone().or_else(boundary::Model::embedded)
            } else {
                None
            },
        }
    }
}

/// A reusable worker: normalises, tokenises and segments text into a
/// caller-owned [`Document`]. Keeps its scratch buffers between calls, so a
/// loop over documents allocates nothing in the steady state.
#[derive(Debug)]
pub struct Segmenter {
    config: TextConfig,
    map: NormMap,
    raw: Vec<RawToken>,
    suffix: Vec<(usize, usize)>,
    starts: Vec<(u32, u32)>,
    cache: boundary::HashCache,
    model: Option<Arc<boundary::Model>>,
}

impl Segmenter {
    /// Clears `doc` and fills it with `text`, its normalised form, its
    /// tokens and its sentences.
    ///
    /// Texts of 4 GiB or more do not fit the `u32` offsets of [`Span`]; only
    /// their first 4 GiB - 1 bytes (cut at a char boundary) are analysed.
    /// (Normalisation never makes text longer, so normalised offsets fit
    /// too.)
    pub fn segment(&mut self, text: &str, doc: &mut Document) {
        let mut cut = text.len().min(u32::MAX as usize);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let text = &text[..cut];
        doc.text.clear();
        doc.text.push_str(text);
        doc.tokens.clear();
        doc.sentences.clear();
        self.map.build(text, &mut doc.norm);
        self.raw.clear();
        tokenize::tokenize(&doc.norm, &mut self.raw, &mut self.suffix);
        segment::segment(
            &doc.norm,
            &self.raw,
            segment::Settings {
                max_sentence_tokens: self.config.max_sentence_tokens,
                datelines: self.config.datelines,
                line_breaks: self.config.line_breaks,
            },
            self.model.as_deref(),
            &mut self.cache,
            &mut self.starts,
        );
        let nb = doc.norm.as_bytes();
        let identity = self.map.is_identity();
        let tokens = &mut doc.tokens;
        tokens.reserve(self.raw.len() + self.starts.len());
        // No cursor when the offsets are equal.
        let mut cursor = (!identity).then(|| self.map.cursor());
        let n_raw = self.raw.len();
        let mut push = |tokens: &mut Vec<Token>, a: usize, z: usize, space_after: bool| {
            let norm = Span { start: a as u32, end: z as u32 };
            let span = match &mut cursor {
                None => norm,
                Some(c) => Span::new(c.start(a), c.end(z)),
            };
            tokens.push(Token { span, norm, space_after });
        };
        let space_after = |e: usize| nb.get(e).is_none_or(|&b| tokenize::is_ws(b));
        for (k, &(first, paragraph)) in self.starts.iter().enumerate() {
            let last = self.starts.get(k + 1).map_or(n_raw, |s| s.0 as usize);
            let sentence = &self.raw[first as usize..last];
            let Some((final_tok, body)) = sentence.split_last() else {
                continue;
            };
            let new_first = tokens.len() as u32;
            for t in body {
                let (ns, ne) = (t.start as usize, t.end as usize);
                push(tokens, ns, ne, space_after(ne));
            }
            // UD English writes a sentence-final abbreviation as the word
            // and the period ("... in the U.S" "."), the period doing double
            // duty.
            let (ns, ne) = (final_tok.start as usize, final_tok.end as usize);
            let sp = space_after(ne);
            if sentence.len() < self.config.max_sentence_tokens
                && final_period_splits(&doc.norm[ns..ne])
            {
                push(tokens, ns, ne - 1, false);
                push(tokens, ne - 1, ne, sp);
            } else {
                push(tokens, ns, ne, sp);
            }
            let new_last = tokens.len() as u32;
            let span = Span {
                start: tokens[new_first as usize].span.start,
                end: tokens[new_last as usize - 1].span.end,
            };
            doc.sentences.push(SentenceBounds {
                span,
                first: new_first,
                last: new_last,
                paragraph,
            });
        }
    }
}

/// Whether a sentence-final token is an abbreviation whose period is split
/// off ("U.S." -> "U.S" "."), as UD English does.
fn final_period_splits(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() >= 2
        && b[b.len() - 1] == b'.'
        && b[b.len() - 2].is_ascii_alphabetic()
        && abbrev::classify(&t[..t.len() - 1]) != abbrev::Abbrev::No
}

/// Which form of a token to write into a [`Sentence`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormKind {
    /// The original surface text (what CoNLL-U FORM shows).
    Surface,
    /// The normalised text (folded quotes, dashes, entities).
    Normalised,
}

/// Clears `out` and fills it with the tokens of sentence `i` of `doc`, one
/// word per token, with spans into the original text. The tagger and parser
/// then fill in the analysis.
///
/// # Panics
/// Panics if `i` is not a sentence index of `doc`.
pub fn fill_sentence(doc: &Document, i: usize, form: FormKind, out: &mut Sentence) {
    out.clear();
    for t in doc.sentence_tokens(i) {
        let f = match form {
            FormKind::Surface => doc.surface(t),
            FormKind::Normalised => doc.normalised(t),
        };
        out.push(f, t.span, t.space_after);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Vec<Vec<String>> {
        let mut seg = TextConfig::builder().build().segmenter();
        let mut doc = Document::default();
        seg.segment(text, &mut doc);
        (0..doc.sentences.len())
            .map(|i| doc.sentence_tokens(i).iter().map(|t| doc.surface(t).to_string()).collect())
            .collect()
    }

    #[test]
    fn empty_and_blank() {
        assert!(sents("").is_empty());
        assert!(sents(" \n\n\t ").is_empty());
    }

    #[test]
    fn offsets_map_back() {
        let text = "\u{201C}We\u{2019}ll see,\u{201D} he said.";
        let s = sents(text);
        assert_eq!(s[0][..4], ["\u{201C}", "We", "\u{2019}ll", "see"]);
    }

    #[test]
    fn fills_sentence() {
        let mut seg = TextConfig::builder().build().segmenter();
        let mut doc = Document::default();
        seg.segment("Hi. \u{201C}Don\u{2019}t!\u{201D}", &mut doc);
        let mut s = Sentence::new();
        fill_sentence(&doc, 1, FormKind::Normalised, &mut s);
        assert_eq!(
            (0..s.len()).map(|i| s.form(i)).collect::<Vec<_>>(),
            ["\"", "Do", "n't", "!", "\""]
        );
        fill_sentence(&doc, 1, FormKind::Surface, &mut s);
        assert_eq!(s.form(2), "n\u{2019}t");
        assert_eq!(s.words[1].span, Span::new(7, 9));
        assert!(!s.words[1].space_after);
    }

    #[test]
    fn reuse_clears() {
        let mut seg = TextConfig::builder().build().segmenter();
        let mut doc = Document::default();
        seg.segment("One. Two.", &mut doc);
        seg.segment("Three", &mut doc);
        assert_eq!(doc.tokens.len(), 1);
        assert_eq!(doc.sentences.len(), 1);
        assert_eq!(doc.text, "Three");
    }
}
