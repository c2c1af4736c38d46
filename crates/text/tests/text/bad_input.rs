//! Bad input: invalid UTF-8, empty input, a 50 MB single line, binary
//! data, CRLF and lone CR, NUL bytes. No panic, bounded output, a clear
//! report from `decode`.

use dyad_text::{TextConfig, decode};
use dyad_types::Document;

use super::{render, segment};

#[test]
fn invalid_utf8_is_decoded_lossily_with_offset() {
    let bytes = b"Iran protested. Talks \xC3\x28resumed \xFFtoday.";
    let d = decode(bytes);
    assert_eq!(d.first_invalid, Some(22));
    assert_eq!(d.invalid_count, 2);
    let w = d.warning().expect("a warning");
    assert!(w.contains("offset 22"), "{w}");
    assert!(!d.looks_binary);
    let doc = segment(&d.text);
    assert_eq!(doc.sentences.len(), 2, "{}", render(&doc));
    // Invalid bytes are replaced one for one, so spans are input offsets.
    assert_eq!(d.text.len(), bytes.len());
    let t = doc.tokens.iter().find(|t| doc.surface(t) == "today").unwrap();
    assert_eq!(&bytes[t.span.range()], b"today");
}

#[test]
fn empty_and_whitespace_only_input() {
    for text in ["", " ", "\n\n\n", "\r\n\r\n", "\u{00A0}\u{2003}", "\0\0"] {
        let doc = segment(text);
        assert!(doc.tokens.is_empty() && doc.sentences.is_empty(), "{text:?}");
    }
    let d = decode(b"");
    assert!(d.warning().is_none() && !d.looks_binary);
}

#[test]
fn fifty_megabyte_single_line() {
    // 50 MB of words and commas with no sentence end and no line break.
    let unit = "word, another word and more ";
    let text = unit.repeat(50_000_000 / unit.len());
    let config = TextConfig::builder().build();
    let mut doc = Document::default();
    config.segmenter().segment(&text, &mut doc);
    let n = doc.tokens.len();
    assert_eq!(n, 6 * (50_000_000 / unit.len()));
    // The sentence cap splits the run; no sentence exceeds 250 tokens.
    assert!(doc.sentences.iter().all(|s| s.last - s.first <= 250));
    assert_eq!(doc.sentences.len(), n.div_ceil(250));
    // Memory stays linear: token storage is 20 bytes a token, the texts
    // are kept twice.
    assert!(doc.tokens.capacity() <= 2 * n);
    assert_eq!(doc.norm.len(), text.len());
}

#[test]
fn fifty_megabyte_single_token() {
    let text = "x".repeat(50_000_000);
    let doc = segment(&text);
    assert_eq!(doc.tokens.len(), 1);
    assert_eq!(doc.tokens[0].span.len(), text.len());
}

#[test]
fn binary_input_is_flagged() {
    // A small pseudo-random "binary file": bytes from an LCG, with NULs.
    let mut x: u32 = 12345;
    let bytes: Vec<u8> = (0..100_000)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (x >> 16) as u8
        })
        .collect();
    let d = decode(&bytes);
    assert!(d.looks_binary);
    assert!(d.first_invalid.is_some());
    // Segmenting it anyway must not panic and must keep offsets valid.
    let doc = segment(&d.text);
    for t in &doc.tokens {
        assert!(!doc.surface(t).is_empty());
    }
}

#[test]
fn crlf_and_lone_cr() {
    let crlf = segment("Headline here\r\nBody text follows.\r\n\r\nNext paragraph.");
    assert_eq!(render(&crlf), "Headline here\nBody text follows .\n\nNext paragraph .");
    let cr = segment("Headline here\rBody text follows.\r\rNext paragraph.");
    assert_eq!(render(&cr), "Headline here\nBody text follows .\n\nNext paragraph .");
    // Token spans still point at the original bytes.
    let t = crlf.tokens.iter().find(|t| crlf.surface(t) == "Next").unwrap();
    assert_eq!(t.span.start as usize, "Headline here\r\nBody text follows.\r\n\r\n".len());
}

#[test]
fn nul_bytes_are_spaces_and_reported() {
    let bytes = b"Troops\0withdrew. Talks\0\0resume.";
    let d = decode(bytes);
    assert_eq!(d.nul_count, 3);
    assert!(d.warning().unwrap().contains("3 NUL"));
    let doc = segment(&d.text);
    assert_eq!(render(&doc), "Troops withdrew .\nTalks resume .");
}
