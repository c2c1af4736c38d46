//! Trains the tagger and lemmatiser on UD English EWT train and prints
//! UPOS/XPOS/lemma accuracy on EWT dev, EWT test and PUD test (gold
//! tokenisation, all words), tagging speed, model sizes and training time.
//!
//! `cargo run --release -p dyad-parse --example tagger_eval [-- EPOCHS]`

use std::time::Instant;

use dyad_parse::{
    LemmaOptions, Lemmatizer, Tagger, TrainOptions, evaluate_tagging, read_conllu_file,
};
use dyad_types::Sentence;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let epochs =
        std::env::args().nth(1).map_or(Ok(TrainOptions::default().epochs), |a| a.parse())?;
    let Some(train) = dyad_testdata::path("ud/UD_English-EWT/en_ewt-ud-train.conllu") else {
        return Ok(());
    };
    let t0 = Instant::now();
    let train = read_conllu_file(train)?;
    let n: usize = train.iter().map(Sentence::len).sum();
    println!("read EWT train: {n} words in {:.3} s", t0.elapsed().as_secs_f64());
    let sets: Vec<(&str, Vec<Sentence>)> = [
        ("EWT dev", "ud/UD_English-EWT/en_ewt-ud-dev.conllu"),
        ("EWT test", "ud/UD_English-EWT/en_ewt-ud-test.conllu"),
        ("PUD test", "ud/UD_English-PUD/en_pud-ud-test.conllu"),
    ]
    .into_iter()
    .filter_map(|(n, p)| Some((n, read_conllu_file(dyad_testdata::path(p)?).ok()?)))
    .collect();
    let dev = &sets[0].1;
    let mut opts = TrainOptions { epochs, verbose: true, ..TrainOptions::default() };
    // Tuning knobs: DYAD_TAGGER="folds=0,prune=0.1,dict_min_count=20,...".
    if let Ok(spec) = std::env::var("DYAD_TAGGER") {
        for kv in spec.split(',').filter(|s| !s.is_empty()) {
            let (k, v) = kv.split_once('=').ok_or("expected key=value")?;
            match k {
                "folds" => opts.folds = v.parse()?,
                "prune" => opts.prune = v.parse()?,
                "dict_min_count" => opts.dict_min_count = v.parse()?,
                "dict_min_share" => opts.dict_min_share = v.parse()?,
                "min_word_count" => opts.min_word_count = v.parse()?,
                "seed" => opts.seed = v.parse()?,
                "rare_dropout" => opts.rare_dropout = v.parse()?,
                "rare_dropout_max_count" => opts.rare_dropout_max_count = v.parse()?,
                _ => return Err(format!("unknown option {k}").into()),
            }
        }
    }
    let t0 = Instant::now();
    let c0 = cpu_seconds();
    let mut eval_cpu = 0.0;
    let tagger = Tagger::train_with(&train, &opts, |e, t| {
        let c = cpu_seconds();
        let a = evaluate_tagging(t, None, dev);
        eval_cpu += cpu_seconds() - c;
        eprintln!("  epoch {e}: dev UPOS {:.2} XPOS {:.2}", a.upos_pct(), a.xpos_pct());
    })?;
    let t_tag = t0.elapsed();
    let c_tag = cpu_seconds() - c0 - eval_cpu;
    if std::env::var("DYAD_CONFUSION").is_ok() {
        confusion(&tagger, &train, dev);
    }
    let t0 = Instant::now();
    let lem = Lemmatizer::train(&train, &LemmaOptions::default())?;
    let t_lem = t0.elapsed();
    if std::env::var("DYAD_LEMMA_ERRORS").is_ok() {
        // DYAD_LEMMA_ERRORS=N: errors on set N (0 = EWT dev).
        let n: usize = std::env::var("DYAD_LEMMA_ERRORS")?.parse().unwrap_or(0);
        lemma_errors(&lem, None, &sets[n].1);
        lemma_errors(&lem, Some(&tagger), &sets[n].1);
    }
    let (mut tb, mut lb) = (Vec::new(), Vec::new());
    tagger.write_to(&mut tb)?;
    lem.write_to(&mut lb)?;
    let tagger = Tagger::from_bytes(&tb)?;
    let lem = Lemmatizer::from_bytes(&lb)?;
    println!(
        "training: tagger {:.1} s wall incl. dev eval, {c_tag:.1} s CPU without ({epochs} epochs); lemmatizer {:.2} s wall",
        t_tag.as_secs_f64(),
        t_lem.as_secs_f64()
    );
    println!(
        "sizes: tagger {} bytes ({} weights), lemmatizer {} bytes ({:?} exceptions/rules)",
        tb.len(),
        tagger.weight_count(),
        lb.len(),
        lem.table_sizes()
    );
    println!("{:<10} {:>7} {:>7} {:>7} {:>7}", "set", "words", "UPOS", "XPOS", "lemma");
    for (name, gold) in &sets {
        let a = evaluate_tagging(&tagger, Some(&lem), gold);
        println!(
            "{name:<10} {:>7} {:>7.2} {:>7.2} {:>7.2}",
            a.words,
            a.upos_pct(),
            a.xpos_pct(),
            a.lemma_pct()
        );
    }
    // Speed: tag (and separately lemmatise) EWT test repeatedly, one thread.
    let test = &sets[1].1;
    let mut inputs: Vec<Sentence> = test
        .iter()
        .map(|g| {
            let mut s = Sentence::new();
            for (i, w) in g.words.iter().enumerate() {
                s.push(g.form(i), w.span, w.space_after);
            }
            s
        })
        .collect();
    let words: usize = inputs.iter().map(Sentence::len).sum();
    let reps = 20;
    let t0 = Instant::now();
    let c0 = cpu_seconds();
    let mut nouns = 0usize;
    for _ in 0..reps {
        for s in &mut inputs {
            tagger.tag(s);
            nouns += s.words.iter().filter(|w| w.upos == dyad_types::Upos::Noun).count();
        }
    }
    let dt = t0.elapsed().as_secs_f64();
    let dc = cpu_seconds() - c0;
    assert!(nouns > reps * words / 10, "tagger produced too few nouns");
    println!(
        "tagger speed: {:.0} tokens/s wall, {:.0} tokens/s CPU time ({} tokens x {reps}, one thread)",
        (words * reps) as f64 / dt,
        (words * reps) as f64 / dc,
        words
    );
    let t0 = Instant::now();
    let mut chars = 0usize;
    for _ in 0..reps {
        for s in &mut inputs {
            lem.lemmatize(s);
            chars += (0..s.len()).map(|i| s.lemma(i).len()).sum::<usize>();
        }
    }
    let dt = t0.elapsed().as_secs_f64();
    assert!(chars > words * reps);
    println!("lemmatizer speed: {:.0} tokens/s", (words * reps) as f64 / dt);
    Ok(())
}

/// Prints the most frequent (gold -> predicted) XPOS confusions on `gold`,
/// split by whether the word was seen in training. Enabled by
/// `DYAD_CONFUSION=1`.
fn confusion(tagger: &Tagger, train: &[Sentence], gold: &[Sentence]) {
    use std::collections::HashMap;
    let known: std::collections::HashSet<&str> =
        train.iter().flat_map(|s| (0..s.len()).map(move |i| s.form(i))).collect();
    let mut conf: HashMap<(bool, String, String), usize> = HashMap::new();
    let (mut unk, mut unk_err) = (0, 0);
    let mut s = Sentence::new();
    for g in gold {
        s.clear();
        for (i, w) in g.words.iter().enumerate() {
            s.push(g.form(i), w.span, w.space_after);
        }
        tagger.tag(&mut s);
        for i in 0..s.len() {
            let k = known.contains(g.form(i));
            let (p, w) = (s.words[i], g.words[i]);
            if !k {
                unk += 1;
            }
            if (p.xpos, p.upos) != (w.xpos, w.upos) {
                if !k {
                    unk_err += 1;
                }
                *conf
                    .entry((k, format!("{}/{}", w.xpos, w.upos), format!("{}/{}", p.xpos, p.upos)))
                    .or_default() += 1;
            }
        }
    }
    println!("unknown words: {unk}, errors on them: {unk_err}");
    let mut v: Vec<_> = conf.into_iter().collect();
    v.sort_by_key(|e| std::cmp::Reverse(e.1));
    for ((k, g, p), n) in v.into_iter().take(40) {
        println!("{n:>5} {} {g} -> {p}", if k { "known" } else { "UNK  " });
    }
}

/// Prints lemma accuracy with gold tags and the most frequent lemma errors
/// (`DYAD_LEMMA_ERRORS=1`).
fn lemma_errors(lem: &Lemmatizer, tagger: Option<&Tagger>, gold: &[Sentence]) {
    use std::collections::HashMap;
    let mut errs: HashMap<(String, String, String, String), usize> = HashMap::new();
    let (mut n, mut ok) = (0, 0);
    let mut out = String::new();
    for g in gold {
        let mut t = g.clone();
        if let Some(tagger) = tagger {
            tagger.tag(&mut t);
        }
        for i in 0..g.len() {
            lem.lemma_into(g.form(i), t.words[i].xpos, &mut out);
            n += 1;
            if out == g.lemma(i) {
                ok += 1;
            } else {
                let x = format!("{}>{}", g.words[i].xpos, t.words[i].xpos);
                let k = (g.form(i).into(), x, g.lemma(i).into(), out.clone());
                *errs.entry(k).or_default() += 1;
            }
        }
    }
    println!(
        "lemma with {} tags: {:.2}%",
        if tagger.is_some() { "predicted" } else { "gold" },
        100.0 * ok as f64 / n as f64
    );
    let mut v: Vec<_> = errs.into_iter().collect();
    v.sort_by_key(|e| std::cmp::Reverse(e.1));
    for ((f, x, g, p), c) in v.into_iter().take(50) {
        println!("{c:>4} {f}/{x} gold {g:?} got {p:?}");
    }
}

/// CPU time of this process (user + system) in seconds, from
/// /proc/self/stat (Linux, 100 ticks/s); 0 elsewhere. Less sensitive than
/// wall time to other load on the machine.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else { return 0.0 };
    // Fields after the command name (which is in parentheses).
    let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) else { return 0.0 };
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15 of stat: 12th and 13th after ')'.
    (ticks(11) + ticks(12)) / 100.0
}
