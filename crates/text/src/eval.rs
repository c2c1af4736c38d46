//! Scoring segmentation and tokenisation against gold CoNLL-U.
//!
//! The raw text is rebuilt from the gold file's `# text` lines: sentences
//! are joined by one space, and a sentence that opens a paragraph or a
//! document (`# newpar`, `# newdoc`) is preceded by a blank line.
//!
//! Gold token spans come from aligning the gold tokens, left to right, with
//! the sentence's `# text`, skipping whitespace. The gold tokens are the UD
//! words, except that a multiword token (`3-4 don't`) whose words do not
//! concatenate to its surface form (`vámonos` = `vamos` + `nos`) counts as
//! one token spanning its surface. A gold token that cannot be found at the
//! cursor is counted in [`Gold::unaligned`] and left out.
//!
//! A system token is correct when its byte span equals a gold token's span; a
//! system sentence is correct when its span (first token start to last token
//! end) equals a gold sentence's span. Byte spans and character spans give
//! the same result here since both sides index the same text.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use dyad_types::{Document, Upos};

use crate::{Segmenter, TextError};

/// A gold file turned into raw text with gold spans.
#[derive(Clone, Debug, Default)]
pub struct Gold {
    /// The rebuilt raw text.
    pub text: String,
    /// Gold sentence spans (byte offsets into `text`).
    pub sentences: Vec<(u32, u32)>,
    /// Gold token spans (byte offsets into `text`).
    pub tokens: Vec<(u32, u32)>,
    /// Gold tokens whose form could not be found in the sentence text.
    pub unaligned: usize,
    /// Form and universal part of speech of every syntactic word with a
    /// UD tag (what the boundary classifier's word-class table is learned
    /// from).
    pub words: Vec<(String, Upos)>,
}

/// Counts behind a precision/recall/F1 figure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Items in the gold data.
    pub gold: usize,
    /// Items the system produced.
    pub system: usize,
    /// System items that match a gold item.
    pub correct: usize,
}

/// "P 93.07  R 87.96  F1 90.45   (gold 2077, system 1963, correct 1827)".
impl std::fmt::Display for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "P {:6.2}  R {:6.2}  F1 {:6.2}   (gold {}, system {}, correct {})",
            100.0 * self.precision(),
            100.0 * self.recall(),
            100.0 * self.f1(),
            self.gold,
            self.system,
            self.correct
        )
    }
}

impl Counts {
    /// Correct / system (1 when the system produced nothing).
    pub fn precision(&self) -> f64 {
        if self.system == 0 { 1.0 } else { self.correct as f64 / self.system as f64 }
    }

    /// Correct / gold (1 when the gold has nothing).
    pub fn recall(&self) -> f64 {
        if self.gold == 0 { 1.0 } else { self.correct as f64 / self.gold as f64 }
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }

    fn add(&mut self, o: Counts) {
        self.gold += o.gold;
        self.system += o.system;
        self.correct += o.correct;
    }
}

/// Sentence and token scores.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scores {
    /// Sentence boundaries.
    pub sentences: Counts,
    /// Tokens.
    pub tokens: Counts,
    /// Gold tokens left out because they could not be aligned.
    pub unaligned: usize,
}

impl Scores {
    /// Adds another file's counts.
    pub fn add(&mut self, o: Scores) {
        self.sentences.add(o.sentences);
        self.tokens.add(o.tokens);
        self.unaligned += o.unaligned;
    }
}

impl Gold {
    /// Reads a gold CoNLL-U file.
    ///
    /// # Errors
    /// The file cannot be read, is not UTF-8, or has a malformed token line
    /// or a sentence without `# text`.
    pub fn read(path: &Path) -> Result<Gold, TextError> {
        let src = std::fs::read_to_string(path)
            .map_err(|source| TextError::Io { path: path.to_path_buf(), source })?;
        Gold::parse(&src, path)
    }

    /// Builds gold data from CoNLL-U source; `path` only labels errors.
    ///
    /// # Errors
    /// A malformed token line or a sentence without `# text`.
    pub fn parse(src: &str, path: &Path) -> Result<Gold, TextError> {
        let mut g = Gold::default();
        let mut sent = SentenceBuf::default();
        for (ln, line) in src.lines().enumerate() {
            let line_no = ln + 1;
            let err = |message: String| TextError::Conllu {
                path: PathBuf::from(path),
                line: line_no,
                message,
            };
            if line.trim().is_empty() {
                if sent.has_content() {
                    sent.flush(&mut g).map_err(err)?;
                }
                continue;
            }
            if let Some(c) = line.strip_prefix('#') {
                let c = c.trim_start();
                if c.starts_with("newdoc") || c.starts_with("newpar") {
                    sent.new_par = true;
                } else if let Some(t) = c.strip_prefix("text =") {
                    sent.text = Some(t.trim().to_string());
                }
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(id), Some(form)) = (cols.next(), cols.next()) else {
                return Err(err("a token line needs at least ID and FORM".into()));
            };
            if id.contains('.') {
                continue; // empty node
            }
            if let Some((_, b)) = id.split_once('-') {
                let Ok(b) = b.parse::<u32>() else {
                    return Err(err(format!("bad multiword token range {id:?}")));
                };
                sent.units.push(Unit { form: form.to_string(), words: Vec::new() });
                sent.mwt_until = b;
            } else {
                let n: u32 = id.parse().map_err(|_| err(format!("bad token ID {id:?}")))?;
                if let Some(upos) = cols.nth(1).and_then(Upos::parse) {
                    g.words.push((form.to_string(), upos));
                }
                match sent.units.last_mut() {
                    Some(u) if n <= sent.mwt_until => u.words.push(form.to_string()),
                    _ => sent.units.push(Unit { form: form.to_string(), words: Vec::new() }),
                }
            }
        }
        if sent.has_content() {
            sent.flush(&mut g).map_err(|message| TextError::Conllu {
                path: PathBuf::from(path),
                line: src.lines().count(),
                message,
            })?;
        }
        Ok(g)
    }

    /// Bytes `start..end` of the rebuilt text in brackets, with up to
    /// `width` bytes either side (widened to char boundaries) and line
    /// breaks shown as `¶`: "said on Friday[.] Talks". An empty range marks
    /// a point, such as a sentence end.
    pub fn context(&self, start: u32, end: u32, width: usize) -> String {
        let t = &self.text;
        let (s, e) = (start as usize, end as usize);
        let mut a = s.saturating_sub(width);
        while !t.is_char_boundary(a) {
            a -= 1;
        }
        let mut b = (e + width).min(t.len());
        while !t.is_char_boundary(b) {
            b += 1;
        }
        format!("{}[{}]{}", &t[a..s], &t[s..e], &t[e..b]).replace('\n', "¶")
    }

    /// Segments the rebuilt text with `seg` and scores it.
    pub fn evaluate(&self, seg: &mut Segmenter, doc: &mut Document) -> Scores {
        seg.segment(&self.text, doc);
        let gold_t: HashSet<(u32, u32)> = self.tokens.iter().copied().collect();
        let gold_s: HashSet<(u32, u32)> = self.sentences.iter().copied().collect();
        let tok_ok =
            doc.tokens.iter().filter(|t| gold_t.contains(&(t.span.start, t.span.end))).count();
        let sent_ok =
            doc.sentences.iter().filter(|s| gold_s.contains(&(s.span.start, s.span.end))).count();
        Scores {
            sentences: Counts {
                gold: self.sentences.len(),
                system: doc.sentences.len(),
                correct: sent_ok,
            },
            tokens: Counts { gold: self.tokens.len(), system: doc.tokens.len(), correct: tok_ok },
            unaligned: self.unaligned,
        }
    }
}

/// A gold token: a word, or a multiword token with its words.
#[derive(Debug)]
struct Unit {
    form: String,
    words: Vec<String>,
}

#[derive(Debug, Default)]
struct SentenceBuf {
    text: Option<String>,
    new_par: bool,
    /// ID of the last word of the current multiword token (0: none).
    mwt_until: u32,
    units: Vec<Unit>,
}

impl SentenceBuf {
    fn has_content(&self) -> bool {
        self.text.is_some() || !self.units.is_empty()
    }

    fn flush(&mut self, g: &mut Gold) -> Result<(), String> {
        let Some(text) = self.text.take() else {
            return Err("sentence has no `# text` line".into());
        };
        if !g.text.is_empty() {
            g.text.push_str(if self.new_par { "\n\n" } else { " " });
        }
        let base = g.text.len();
        g.text.push_str(&text);
        let mut cur = 0usize;
        let mut first: Option<u32> = None;
        let mut last_end = 0u32;
        let mut align = |form: &str, cur: &mut usize, g: &mut Gold| -> bool {
            let rest = &text[*cur..];
            let skip = rest.len() - rest.trim_start().len();
            let at = *cur + skip;
            if text[at..].starts_with(form) && !form.is_empty() {
                let (s, e) = ((base + at) as u32, (base + at + form.len()) as u32);
                g.tokens.push((s, e));
                first.get_or_insert(s);
                last_end = e;
                *cur = at + form.len();
                true
            } else {
                false
            }
        };
        for u in self.units.drain(..) {
            let split = !u.words.is_empty() && u.words.concat() == u.form;
            if split {
                let save = cur;
                let n = g.tokens.len();
                if !u.words.iter().all(|w| align(w, &mut cur, g)) {
                    g.tokens.truncate(n);
                    cur = save;
                    if !align(&u.form, &mut cur, g) {
                        g.unaligned += 1;
                    }
                }
            } else if !align(&u.form, &mut cur, g) {
                g.unaligned += 1;
            }
        }
        if let Some(s) = first {
            g.sentences.push((s, last_end));
        }
        self.new_par = false;
        self.mwt_until = 0;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rebuilds_and_aligns() {
        let src = "# newdoc id = a\n# text = I don't.\n1\tI\t_\n2-3\tdon't\t_\n2\tdo\t_\n3\tn't\t_\n4\t.\t_\n\n# text = Yes\n1\tYes\t_\n\n# newpar\n# text = New\n1\tNew\t_\n";
        let g = Gold::parse(src, Path::new("x")).unwrap();
        assert_eq!(g.text, "I don't. Yes\n\nNew");
        assert_eq!(g.tokens, [(0, 1), (2, 4), (4, 7), (7, 8), (9, 12), (14, 17)]);
        assert_eq!(g.sentences, [(0, 8), (9, 12), (14, 17)]);
        assert_eq!(g.unaligned, 0);
        assert_eq!(g.context(2, 7, 2), "I [don't]. ");
        assert_eq!(g.context(12, 12, 3), "Yes[]¶¶N");
    }

    #[test]
    fn missing_text_is_an_error() {
        let e = Gold::parse("1\tx\t_\n\n", Path::new("f.conllu")).unwrap_err();
        assert!(e.to_string().starts_with("f.conllu:2:"), "{e}");
    }
}
