//! Is an article in English? dyad's parser and lexicon are English-only, so
//! a French or Russian article would be coded into noise; it is skipped
//! instead, and the run summary counts it.
//!
//! The test: among the first [`SAMPLE_WORDS`] words of the text, the share
//! that are common English function words (articles, pronouns, auxiliaries,
//! prepositions, conjunctions). Running English prose has 30-55 % of them
//! (the lowest PUD document, a list of industries, 20 %); other languages
//! written in Latin script share a few short forms ("a", "in", "on", "is")
//! and stay under 8 % (the test's 14 samples: 0-7 %); other scripts have
//! none. The threshold, [`MIN_SHARE`], sits between. What English text
//! falls under it is not prose: e-mail signatures, newsgroup headers, lists
//! of links (EWT documents, 5 of 1,048). A text of fewer than [`MIN_WORDS`] words is not judged
//! (a headline-only article is kept). Function-word profiles are the classic
//! cheap language-identification signal (stop-word counting, as in
//! Grefenstette 1995, "Comparing two language identification schemes");
//! a trigram model such as the `whatlang` crate would tell many languages
//! apart, which dyad does not need.
//!
//! # Examples
//! ```
//! use dyad_ingest::language::english;
//!
//! let en = "Azerbaijan accused Iran on Friday of massing troops on the border, and the \
//!           ministry said that it would not accept any threat to its territory.";
//! assert!(english(en).is_english());
//! let fr = "L'Azerbaïdjan a accusé vendredi l'Iran de masser des troupes à la frontière, \
//!           et le ministère a déclaré qu'il n'accepterait aucune menace contre son territoire.";
//! assert!(!english(fr).is_english());
//! ```

use std::fmt;

/// Words looked at, from the start of the text.
pub const SAMPLE_WORDS: usize = 200;

/// Texts with fewer words are not judged (taken as English).
pub const MIN_WORDS: usize = 15;

/// Least share of English function words for a text to count as English
/// (measured in the crate's `language` test: false positives on EWT and
/// PUD, misses on other languages).
pub const MIN_SHARE: f64 = 0.12;

/// Common English function words, lower case, sorted (binary search).
const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "after", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
    "be", "because", "been", "before", "being", "between", "both", "but", "by", "can", "could",
    "did", "do", "does", "down", "during", "each", "few", "for", "from", "had", "has", "have",
    "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is",
    "it", "its", "itself", "just", "may", "me", "might", "more", "most", "must", "my", "no", "nor",
    "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "out", "over", "said",
    "says", "shall", "she", "should", "since", "so", "some", "such", "than", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "those", "through", "to", "under",
    "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who",
    "whom", "why", "will", "with", "would", "you", "your",
];

/// The measurement behind [`english`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct English {
    /// Words looked at (at most [`SAMPLE_WORDS`]).
    pub words: usize,
    /// How many of them are English function words.
    pub function_words: usize,
}

impl English {
    /// `function_words / words` (0 for no words).
    pub fn share(&self) -> f64 {
        if self.words == 0 { 0.0 } else { self.function_words as f64 / self.words as f64 }
    }

    /// English, or too short to tell ([`MIN_WORDS`]).
    pub fn is_english(&self) -> bool {
        self.words < MIN_WORDS || self.share() >= MIN_SHARE
    }
}

impl fmt::Display for English {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} of the first {} words are English function words ({:.0} %, need {:.0} %)",
            self.function_words,
            self.words,
            self.share() * 100.0,
            MIN_SHARE * 100.0
        )
    }
}

/// Measures the English function-word share of the start of `text`.
///
/// Words are runs of letters (any script; apostrophes inside a word kept,
/// so "don't" is one word); digits and punctuation are not words. Case is
/// ignored.
pub fn english(text: &str) -> English {
    let mut m = English { words: 0, function_words: 0 };
    let mut word = String::with_capacity(16);
    let flush = |w: &mut String, m: &mut English| {
        if !w.is_empty() {
            m.words += 1;
            let bare = w.trim_end_matches('\'');
            if FUNCTION_WORDS.binary_search(&bare).is_ok() {
                m.function_words += 1;
            }
            w.clear();
        }
    };
    for c in text.chars() {
        if m.words >= SAMPLE_WORDS {
            break;
        }
        if c.is_alphabetic() {
            word.extend(c.to_lowercase());
        } else if (c == '\'' || c == '\u{2019}') && !word.is_empty() {
            word.push('\'');
        } else {
            flush(&mut word, &mut m);
        }
    }
    if m.words < SAMPLE_WORDS {
        flush(&mut word, &mut m);
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_list_is_sorted_and_unique() {
        assert!(FUNCTION_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn counts() {
        let m = english("The talks, in Baku; don't stop 2023 now!");
        assert_eq!(m.words, 7);
        // the, in, now ("don't" is not in the list).
        assert_eq!(m.function_words, 3);
        assert!(english("Too short to judge: Москва").is_english());
        let long = "слово ".repeat(300);
        let m = english(&long);
        assert_eq!((m.words, m.function_words), (SAMPLE_WORDS, 0));
        assert!(!m.is_english());
    }
}
