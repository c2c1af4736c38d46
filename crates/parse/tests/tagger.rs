//! Tagger and lemmatiser: accuracy on UD English EWT test (trained on EWT
//! train with the default options, gold tokenisation, all words), and
//! training/serialisation behaviour.
//!
//! Measured with the default options (see `examples/tagger_eval.rs`):
//! EWT test UPOS 95.66, XPOS 95.10, lemma 97.29 (predicted tags). The
//! thresholds below sit a little under these.

use std::time::Instant;

use dyad_parse::{
    LemmaOptions, Lemmatizer, Tagger, TrainOptions, evaluate_tagging, read_conllu_file,
};
use dyad_types::{Sentence, Span};

fn load(rel: &str) -> Option<Vec<Sentence>> {
    let p = dyad_testdata::path(rel)?;
    Some(read_conllu_file(p).unwrap_or_else(|e| panic!("{e}")))
}

#[test]
fn ewt_test_accuracy_with_models_trained_on_ewt_train() {
    let Some(train) = load("ud/UD_English-EWT/en_ewt-ud-train.conllu") else { return };
    let Some(test) = load("ud/UD_English-EWT/en_ewt-ud-test.conllu") else { return };
    let t0 = Instant::now();
    let tagger = Tagger::train(&train, &TrainOptions::default()).unwrap();
    let lem = Lemmatizer::train(&train, &LemmaOptions::default()).unwrap();
    eprintln!("training took {:.1} s", t0.elapsed().as_secs_f64());

    // Evaluate the serialised models, as the model container will load them.
    let (mut tb, mut lb) = (Vec::new(), Vec::new());
    tagger.write_to(&mut tb).unwrap();
    lem.write_to(&mut lb).unwrap();
    assert!(tb.len() < 4 << 20, "tagger section is {} bytes", tb.len());
    assert!(lb.len() < 1 << 20, "lemmatizer section is {} bytes", lb.len());
    let tagger = Tagger::from_bytes(&tb).unwrap();
    let lem = Lemmatizer::from_bytes(&lb).unwrap();

    let a = evaluate_tagging(&tagger, Some(&lem), &test);
    eprintln!(
        "EWT test: UPOS {:.2} XPOS {:.2} lemma {:.2}",
        a.upos_pct(),
        a.xpos_pct(),
        a.lemma_pct()
    );
    assert_eq!(a.words, 25094);
    assert!(a.upos_pct() >= 95.45, "UPOS {:.2}", a.upos_pct());
    assert!(a.xpos_pct() >= 94.9, "XPOS {:.2}", a.xpos_pct());
    assert!(a.lemma_pct() >= 97.1, "lemma {:.2}", a.lemma_pct());
}

#[test]
fn training_is_reproducible_and_round_trips() {
    let Some(train) = load("ud/UD_English-EWT/en_ewt-ud-dev.conllu") else { return };
    let slice = &train[..600];
    let opts = TrainOptions { epochs: 2, ..TrainOptions::default() };
    let bytes = |t: &Tagger| {
        let mut b = Vec::new();
        t.write_to(&mut b).unwrap();
        b
    };
    let a = bytes(&Tagger::train(slice, &opts).unwrap());
    let b = bytes(&Tagger::train(slice, &opts).unwrap());
    assert_eq!(a, b, "same data and seed must give the same model");
    let c = bytes(&Tagger::train(slice, &TrainOptions { seed: 7, ..opts.clone() }).unwrap());
    assert_ne!(a, c, "the seed changes the shuffling");
    // A reloaded model writes the same bytes and tags the same.
    let t = Tagger::from_bytes(&a).unwrap();
    assert_eq!(bytes(&t), a);

    let l1 = Lemmatizer::train(slice, &LemmaOptions::default()).unwrap();
    let (mut x, mut y) = (Vec::new(), Vec::new());
    l1.write_to(&mut x).unwrap();
    Lemmatizer::train(slice, &LemmaOptions::default()).unwrap().write_to(&mut y).unwrap();
    assert_eq!(x, y);
}

#[test]
fn second_pass_trains_tags_and_round_trips() {
    let Some(dev) = load("ud/UD_English-EWT/en_ewt-ud-dev.conllu") else { return };
    let (train, held) = dev.split_at(1500);
    let opts = TrainOptions { epochs: 3, folds: 3, ..TrainOptions::default() };
    let t = Tagger::train(train, &opts).unwrap();
    let mut b = Vec::new();
    t.write_to(&mut b).unwrap();
    let t2 = Tagger::from_bytes(&b).unwrap();
    let (a1, a2) = (evaluate_tagging(&t, None, held), evaluate_tagging(&t2, None, held));
    assert_eq!(a1, a2);
    // Trained on 1,500 sentences: well above chance, well below EWT-train figures.
    assert!(a1.upos_pct() > 85.0, "UPOS {:.2}", a1.upos_pct());
}

#[test]
fn tags_long_sentences_and_unknown_characters() {
    let Some(dev) = load("ud/UD_English-EWT/en_ewt-ud-dev.conllu") else { return };
    let opts = TrainOptions { epochs: 1, ..TrainOptions::default() };
    let tagger = Tagger::train(&dev[..300], &opts).unwrap();
    let lem = Lemmatizer::train(&dev[..300], &LemmaOptions::default()).unwrap();
    let mut s = Sentence::new();
    let forms =
        ["\u{1F600}", "\u{0301}", "\u{FFFD}", "İstanbul", "ǅemal", "x\u{200D}y", "", "a\tb"];
    for i in 0..5000 {
        let f = forms[i % forms.len()];
        s.push(f, Span::new(0, f.len()), true);
    }
    tagger.tag(&mut s);
    lem.lemmatize(&mut s);
    assert_eq!(s.len(), 5000);
    for i in 0..forms.len() {
        // Every word gets a tag from the tagger's classes; non-empty forms a
        // non-empty lemma.
        let w = s.words[i];
        assert!(tagger.classes().contains(&(w.xpos, w.upos)));
        assert_eq!(s.lemma(i).is_empty(), s.form(i).is_empty(), "{:?}", s.form(i));
    }
}

#[test]
fn corrupt_models_are_errors_not_panics() {
    let Some(dev) = load("ud/UD_English-EWT/en_ewt-ud-dev.conllu") else { return };
    let opts = TrainOptions { epochs: 1, ..TrainOptions::default() };
    let mut b = Vec::new();
    Tagger::train(&dev[..200], &opts).unwrap().write_to(&mut b).unwrap();
    let mut l = Vec::new();
    Lemmatizer::train(&dev[..200], &LemmaOptions::default()).unwrap().write_to(&mut l).unwrap();
    // Every truncation, and flipped bytes across the header and body.
    for cut in (0..b.len()).step_by(97) {
        assert!(Tagger::from_bytes(&b[..cut]).is_err());
    }
    for cut in (0..l.len()).step_by(31) {
        assert!(Lemmatizer::from_bytes(&l[..cut]).is_err());
    }
    for i in (0..b.len()).step_by(b.len() / 50 + 1) {
        let mut c = b.clone();
        c[i] ^= 0xff;
        let _ = Tagger::from_bytes(&c); // must not panic
    }
    for i in (0..l.len()).step_by(l.len() / 50 + 1) {
        let mut c = l.clone();
        c[i] ^= 0xff;
        let _ = Lemmatizer::from_bytes(&c);
    }
    // Counts claiming more data than there is do not allocate huge tables.
    let mut c = b.clone();
    c[12..16].copy_from_slice(&u32::MAX.to_le_bytes());
    assert!(Tagger::from_bytes(&c).is_err());
}
