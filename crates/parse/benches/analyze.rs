//! Tagging, lemmatising and parsing with gold tokens (EWT test) on one
//! thread, with the embedded model. The number of arcs produced is asserted
//! inside the timed loop, so the bench cannot measure an empty loop. Skips
//! (prints SKIP) when the shared data is absent.

use criterion::{Criterion, Throughput};
use dyad_parse::{Model, read_conllu_file};
use dyad_types::Sentence;

fn run(model: &Model, words: &[Sentence], s: &mut Sentence) -> usize {
    let mut arcs = 0;
    for w in words {
        s.clone_from(w);
        model.analyze(s);
        let n = s.len() as u32;
        arcs += s.words.iter().filter(|w| w.head <= n).count();
    }
    arcs
}

fn main() {
    let Some(path) = dyad_testdata::path("ud/UD_English-EWT/en_ewt-ud-test.conllu") else {
        eprintln!("SKIP: analyze bench needs the UD treebanks");
        return;
    };
    let gold = read_conllu_file(path).expect("EWT test reads");
    let words: Vec<Sentence> = gold
        .iter()
        .map(|g| {
            let mut s = Sentence::new();
            for (i, w) in g.words.iter().enumerate() {
                s.push(g.form(i), w.span, w.space_after);
            }
            s
        })
        .collect();
    let tokens: usize = words.iter().map(Sentence::len).sum();
    let model = Model::embedded().expect("embedded model decodes");
    let mut s = Sentence::new();
    let mut crit = Criterion::default().configure_from_args().sample_size(10);
    let mut g = crit.benchmark_group("parse");
    g.throughput(Throughput::Elements(tokens as u64));
    g.bench_function("tag+lemma+parse/EWT test tokens", |b| {
        b.iter(|| {
            let arcs = run(model, &words, &mut s);
            assert_eq!(arcs, tokens, "one arc per word");
            arcs
        })
    });
    g.finish();
    crit.final_summary();
}
