//! Offsets are an invariant: for arbitrary Unicode input every token and
//! sentence span is on char boundaries, in order, non-overlapping, and
//! `&text[span]` is the token's surface (never empty, never whitespace).

use dyad_text::TextConfig;
use dyad_types::Document;
use proptest::prelude::*;

fn check(text: &str) -> Result<(), TestCaseError> {
    let mut doc = Document::default();
    TextConfig::builder().max_sentence_tokens(7).build().segmenter().segment(text, &mut doc);
    prop_assert_eq!(&doc.text, text);
    let mut prev_end = 0u32;
    for t in &doc.tokens {
        let r = t.span.range();
        prop_assert!(t.span.start >= prev_end, "overlap or disorder at {:?}", t.span);
        prop_assert!(t.span.start < t.span.end, "empty token at {:?}", t.span);
        prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        let surface = &text[r];
        prop_assert!(!surface.chars().next().is_some_and(char::is_whitespace), "{:?}", surface);
        prop_assert!(doc.norm.is_char_boundary(t.norm.start as usize));
        prop_assert!(doc.norm.is_char_boundary(t.norm.end as usize));
        prop_assert!(!t.norm.is_empty());
        prev_end = t.span.end;
    }
    let mut next_tok = 0u32;
    let mut prev_par = 0u32;
    for s in &doc.sentences {
        prop_assert_eq!(s.first, next_tok, "sentences must tile the tokens");
        prop_assert!(s.first < s.last, "empty sentence");
        prop_assert!((s.last - s.first) as usize <= 7, "sentence longer than the cap");
        prop_assert!(s.paragraph >= prev_par);
        prev_par = s.paragraph;
        next_tok = s.last;
        let first = doc.tokens[s.first as usize].span;
        let last = doc.tokens[s.last as usize - 1].span;
        prop_assert_eq!((s.span.start, s.span.end), (first.start, last.end));
        prop_assert!(text.is_char_boundary(s.span.start as usize));
        prop_assert!(text.is_char_boundary(s.span.end as usize));
    }
    prop_assert_eq!(next_tok as usize, doc.tokens.len());
    Ok(())
}

/// Text biased towards the characters the normaliser and tokeniser treat
/// specially.
fn newsy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        "U.S.",
        " ",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "\0",
        ".",
        "...",
        "\u{2026}",
        "?",
        "!",
        "'",
        "\u{2019}",
        "\u{201C}",
        "\u{201D}",
        "\"",
        "-",
        "--",
        "\u{2014}",
        "\u{00A0}",
        "\u{00AD}",
        "\u{200D}",
        "&amp;",
        "&#8217;",
        "&",
        "e\u{0301}",
        "\u{0301}",
        "$",
        "5",
        "1,000",
        "8.75",
        "%",
        "(",
        ")",
        "<p>",
        "</p>",
        "n't",
        "don't",
        "can",
        "http://x.y/z",
        "a@b.cc",
        "Gen.",
        "BAKU",
        ",",
        ":",
        "\u{FFFD}",
        "\u{1F600}",
        "\u{0085}",
        "\u{2029}",
        "\u{FEFF}",
        "Iran",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

/// Inputs proptest once shrank a failure to (kept as plain cases).
#[test]
fn offsets_past_failures() {
    for text in [":!:(!:!\u{0CB5}", "?.(&amp;.'.'", "?U.S.--.\u{85}.a\u{a0}'\u{201C}U.S.'"] {
        check(text).unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn offsets_arbitrary_unicode(text in any::<String>()) {
        check(&text)?;
    }

    #[test]
    fn offsets_newsy_text(text in newsy()) {
        check(&text)?;
    }
}
