//! Integration tests of dyad-text, by topic.

mod accuracy;
mod bad_input;
mod golden;
mod offsets;

use dyad_text::TextConfig;
use dyad_types::Document;

/// Segments `text` with the default configuration.
pub(crate) fn segment(text: &str) -> Document {
    let mut doc = Document::default();
    TextConfig::builder().build().segmenter().segment(text, &mut doc);
    doc
}

/// Renders a document as text: tokens separated by a space, sentences by a
/// line break, paragraphs by a blank line.
pub(crate) fn render(doc: &Document) -> String {
    let mut out = String::new();
    for (i, s) in doc.sentences.iter().enumerate() {
        if i > 0 {
            out.push_str(if doc.sentences[i - 1].paragraph != s.paragraph { "\n\n" } else { "\n" });
        }
        let forms: Vec<&str> = doc.sentence_tokens(i).iter().map(|t| doc.surface(t)).collect();
        out.push_str(&forms.join(" "));
    }
    out
}
