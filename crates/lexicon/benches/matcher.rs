//! Actor and agent lookups over the tokens of 10,000 news and web sentences
//! (UD English PUD test, then EWT test/dev/train) with the Phoenix dictionaries.
//! Skips (prints SKIP) when the shared data is absent.

use criterion::{Criterion, Throughput};
use dyad_lexicon::{CompiledLexicon, Lexicon};
use dyad_types::Date;

const N: usize = 10_000;

fn sentences() -> Option<Vec<Vec<String>>> {
    let mut out = Vec::new();
    for rel in [
        "ud/UD_English-PUD/en_pud-ud-test.conllu",
        "ud/UD_English-EWT/en_ewt-ud-test.conllu",
        "ud/UD_English-EWT/en_ewt-ud-dev.conllu",
        "ud/UD_English-EWT/en_ewt-ud-train.conllu",
    ] {
        let text = std::fs::read_to_string(dyad_testdata::path(rel)?).ok()?;
        let mut cur = Vec::new();
        for line in text.lines() {
            if line.is_empty() {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                    if out.len() == N {
                        return Some(out);
                    }
                }
                continue;
            }
            if line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let id = cols.next().unwrap_or("");
            if id.contains(['-', '.']) {
                continue;
            }
            cur.push(cols.next().unwrap_or("").to_string());
        }
    }
    (out.len() == N).then_some(out)
}

fn lexicon() -> Option<CompiledLexicon> {
    let d = dyad_testdata::path("petrarch2/dictionaries")?;
    let files: Vec<_> = [
        "CAMEO.2.0.txt",
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
        "Phoenix.agents.txt",
    ]
    .iter()
    .map(|f| d.join(f))
    .collect();
    Some(Lexicon::load_petrarch(&files).ok()?.lexicon.compile())
}

fn count(
    c: &CompiledLexicon,
    sents: &[Vec<&str>],
    ids: &mut Vec<u32>,
    date: Option<Date>,
) -> usize {
    let mut n = 0;
    for s in sents {
        c.token_ids(s, ids);
        n += c.find_actors_in_ids(ids, date).count();
        n += c.find_agents_in_ids(ids).count();
    }
    n
}

fn main() {
    let (Some(sents), Some(c)) = (sentences(), lexicon()) else {
        eprintln!("SKIP: matcher bench needs the UD treebanks and petrarch2 dictionaries");
        return;
    };
    let sents: Vec<Vec<&str>> =
        sents.iter().map(|s| s.iter().map(String::as_str).collect()).collect();
    let tokens: usize = sents.iter().map(Vec::len).sum();
    let date = Date::parse("2015-06-01");
    let mut ids = Vec::new();
    let expected = count(&c, &sents, &mut ids, date);
    assert!(expected > 1000, "suspiciously few matches: {expected}");
    eprintln!("{N} sentences, {tokens} tokens, {expected} actor+agent matches per pass");
    let mut crit = Criterion::default().configure_from_args().sample_size(20);
    let mut g = crit.benchmark_group("lexicon");
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("find_actors+agents/10k sentences", |b| {
        b.iter(|| {
            let n = count(&c, &sents, &mut ids, date);
            assert_eq!(n, expected);
            n
        })
    });
    g.throughput(Throughput::Elements(tokens as u64));
    g.bench_function("find_actors+agents/tokens", |b| {
        b.iter(|| {
            let n = count(&c, &sents, &mut ids, date);
            assert_eq!(n, expected);
            n
        })
    });
    g.finish();
    crit.final_summary();
}
