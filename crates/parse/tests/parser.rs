//! Parser behaviour: training determinism, tree well-formedness on odd
//! input, serialisation errors.

use dyad_parse::{Model, Parser, ParserTrainOptions, read_conllu_file};
use dyad_types::{Sentence, Span};

/// Checks that `s` is one tree: every head in range, exactly one root,
/// no cycle.
fn assert_tree(s: &Sentence) {
    let n = s.len();
    let roots = s.words.iter().filter(|w| w.head == 0).count();
    assert_eq!(roots, usize::from(n > 0), "exactly one root");
    for (i, w) in s.words.iter().enumerate() {
        assert!(w.head as usize <= n && w.head as usize != i + 1, "word {} head {}", i + 1, w.head);
        let mut k = i;
        let mut steps = 0;
        while s.words[k].head != 0 {
            k = s.words[k].head as usize - 1;
            steps += 1;
            assert!(steps <= n, "cycle through word {}", i + 1);
        }
    }
}

fn words(forms: &[&str]) -> Sentence {
    let mut s = Sentence::new();
    let mut off = 0;
    for f in forms {
        s.push(f, Span::new(off, off + f.len()), true);
        off += f.len() + 1;
    }
    s
}

#[test]
fn long_sentence_parses_to_one_tree() {
    let model = Model::embedded().expect("embedded model decodes");
    let vocab =
        ["the", "minister", "said", ",", "and", "troops", "attacked", "Baku", "on", "Friday"];
    let forms: Vec<&str> = (0..5000).map(|i| vocab[i % vocab.len()]).collect();
    let mut s = words(&forms);
    model.analyze(&mut s);
    assert_eq!(s.len(), 5000);
    assert_tree(&s);
}

#[test]
fn odd_tokens_and_empty_sentence() {
    let model = Model::embedded().expect("embedded model decodes");
    let mut s =
        words(&["\u{1F600}", "\u{200B}", "ﷺ", "x\u{301}", "", "9999999999999999999", "\u{FFFD}"]);
    model.analyze(&mut s);
    assert_tree(&s);
    let mut empty = Sentence::new();
    model.analyze(&mut empty);
    assert!(empty.is_empty());
    let mut one = words(&["Hello"]);
    model.analyze(&mut one);
    assert_eq!(one.words[0].head, 0);
    assert_eq!(one.words[0].deprel.as_str(), "root");
}

fn small_train() -> Option<Vec<Sentence>> {
    let p = dyad_testdata::path("ud/UD_English-EWT/en_ewt-ud-dev.conllu")?;
    let mut all = read_conllu_file(p).expect("EWT dev reads");
    all.truncate(300);
    Some(all)
}

#[test]
fn training_is_reproducible_and_learns() {
    let Some(data) = small_train() else { return };
    let opts = ParserTrainOptions { epochs: 3, hash_bits: 14, seed: 7, ..Default::default() };
    let a = Parser::train(&data, &opts).expect("trains");
    let b = Parser::train(&data, &opts).expect("trains");
    assert_eq!(a.to_bytes(), b.to_bytes(), "same data and seed give identical bytes");
    let c = Parser::train(&data, &ParserTrainOptions { seed: 8, ..opts.clone() }).expect("trains");
    assert_ne!(a.to_bytes(), c.to_bytes(), "the seed matters");
    // On its own (gold-tagged) training data the parser must be far above chance.
    let (mut right, mut total) = (0, 0);
    for g in &data {
        let mut s = g.clone();
        a.parse(&mut s);
        assert_tree(&s);
        right += s.words.iter().zip(&g.words).filter(|(p, g)| p.head == g.head).count();
        total += s.len();
    }
    let uas = right as f64 / total as f64;
    assert!(uas > 0.85, "training-set UAS {uas:.3}");
    // Round trip.
    let bytes = a.to_bytes();
    let back = Parser::from_bytes(&bytes).expect("reads back");
    assert_eq!(back.to_bytes(), bytes);
}

#[test]
fn malformed_parser_bytes_are_errors() {
    let Some(data) = small_train() else { return };
    let opts = ParserTrainOptions { epochs: 1, hash_bits: 12, ..Default::default() };
    let bytes = Parser::train(&data[..50], &opts).expect("trains").to_bytes();
    for cut in [0, 3, 10, bytes.len() / 2, bytes.len() - 1] {
        let e = Parser::from_bytes(&bytes[..cut]).expect_err("truncated");
        assert!(e.to_string().contains("parser"), "{e}");
    }
    let mut bad = bytes.clone();
    bad[0] = 99;
    let e = Parser::from_bytes(&bad).expect_err("bad version");
    assert!(e.to_string().contains("version"), "{e}");
    let mut longer = bytes;
    longer.push(0);
    assert!(Parser::from_bytes(&longer).is_err());
}

#[test]
fn training_rejects_unusable_data() {
    let mut s = words(&["a", "b"]);
    s.words[0].head = 2;
    s.words[1].head = 1; // cycle, no root
    assert!(Parser::train(&[s], &ParserTrainOptions::default()).is_err());
    assert!(Parser::train(&[], &ParserTrainOptions::default()).is_err());
}
