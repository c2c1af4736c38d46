//! Coding throughput on the GSR validation records with their given parses
//! (Phoenix dictionaries). The event count is asserted inside the loop, so
//! the bench cannot measure nothing.

// criterion_group! generates an undocumented public function.
#![allow(missing_docs)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dyad_coder::validate::{default_dict_dir, load_environment};
use dyad_coder::{Coder, CoderOptions, Context, DocState};
use dyad_types::Date;

fn bench(c: &mut Criterion) {
    let Some(path) = dyad_testdata::path("universalpetrarch/text/PETR2_GSR_validation.xml") else {
        return;
    };
    let file = dyad_ingest::petrarch::read_with(
        &path,
        dyad_ingest::petrarch::ReadOptions { keep_bad_parses: true },
    )
    .expect("GSR file reads");
    let lex = load_environment(&file, &default_dict_dir(&path), None).expect("dictionaries load");
    let coder = Coder::new(lex, CoderOptions::default());
    let recs: Vec<_> = file
        .records
        .iter()
        .filter_map(|r| {
            r.parse.as_ref().map(|p| (&p.sentence, Date::parse_petrarch(&r.date), r.text.as_str()))
        })
        .collect();
    let mut st = DocState::new();
    let mut out = Vec::new();
    let count = |out: &mut Vec<_>, st: &mut DocState| {
        out.clear();
        for (s, date, text) in &recs {
            st.clear();
            coder.code_in(s, Context { sentence: 0, date: *date, text: Some(text) }, st, out);
        }
        out.len()
    };
    let expected = count(&mut out, &mut st);
    assert!(expected > 70, "GSR codes {expected} events");
    let mut g = c.benchmark_group("coder");
    g.throughput(Throughput::Elements(recs.len() as u64));
    g.bench_function("gsr_given_parse", |b| {
        b.iter(|| assert_eq!(count(&mut out, &mut st), expected));
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
