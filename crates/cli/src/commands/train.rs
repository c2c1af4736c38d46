//! `dyad train`: train the tagger, lemmatiser and parser model from UD treebanks.
//!
//! Trains on EWT train only and tunes the number of epochs of the tagger and
//! the parser on EWT dev (the best dev epoch is kept); never reads a test
//! set. With `--jackknife K` the parser learns from tags predicted by taggers
//! trained on the other K-1 folds of the training data, so it sees the kind of
//! tagging errors it will meet at run time. Deterministic: the same data,
//! arguments and seed give a byte-identical model file.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use dyad_parse::{
    Evaluation, LemmaOptions, Lemmatizer, Model, ModelMetadata, Parser, ParserTrainOptions,
    ParserTrainer, Tagger, TrainOptions, TrainingFile, evaluate_tagging, read_conllu_file,
};
use dyad_types::Sentence;

/// Arguments of `dyad train`.
#[derive(Args, Debug)]
pub(crate) struct TrainArgs {
    /// Folder with the UD treebanks (holds `UD_English-EWT/`).
    #[arg(long, default_value = "../shared/data/ud")]
    data: PathBuf,
    /// Where to write the model.
    #[arg(long, default_value = "models/dyad-en.model")]
    out: PathBuf,
    /// Seed for shuffling and exploration.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Largest number of tagger epochs; the best on EWT dev is kept.
    #[arg(long, default_value_t = 10)]
    tagger_epochs: u32,
    /// Largest number of parser epochs; the best on EWT dev is kept.
    #[arg(long, default_value_t = 15)]
    parser_epochs: usize,
    /// Train the parser on tags predicted by K-fold jackknifed taggers (0:
    /// train it on gold tags).
    #[arg(long, default_value_t = 5)]
    jackknife: usize,
    /// log2 of the parser's feature buckets.
    #[arg(long, default_value_t = 21)]
    hash_bits: u32,
    /// Drop averaged parser weights below this magnitude (1.0 costs about
    /// 0.1 LAS on dev and shrinks the parser threefold).
    #[arg(long, default_value_t = 1.0)]
    prune: f32,
}

const TRAIN_FILE: &str = "UD_English-EWT/en_ewt-ud-train.conllu";
const DEV_FILE: &str = "UD_English-EWT/en_ewt-ud-dev.conllu";

pub(crate) fn run(args: TrainArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let train_path = args.data.join(TRAIN_FILE);
    let dev_path = args.data.join(DEV_FILE);
    let train = read_conllu_file(&train_path)
        .with_context(|| format!("reading {}", train_path.display()))?;
    let dev =
        read_conllu_file(&dev_path).with_context(|| format!("reading {}", dev_path.display()))?;
    eprintln!("train: {} sentences; dev: {} sentences", train.len(), dev.len());

    // Lemmatiser (rules and exceptions from gold lemmas and tags).
    let lemmatizer = Lemmatizer::train(&train, &LemmaOptions::default())?;

    // Tagger, epochs tuned on dev.
    let topts =
        TrainOptions { epochs: args.tagger_epochs, seed: args.seed, ..TrainOptions::default() };
    let mut best_tagger: Option<(f64, u32, Tagger)> = None;
    Tagger::train_with(&train, &topts, |epoch, tagger| {
        let acc = evaluate_tagging(tagger, Some(&lemmatizer), &dev);
        let score = acc.upos_pct() + acc.xpos_pct();
        eprintln!(
            "tagger epoch {:2}: dev UPOS {:.2} XPOS {:.2} lemma {:.2} ({:.0}s)",
            epoch,
            acc.upos_pct(),
            acc.xpos_pct(),
            acc.lemma_pct(),
            started.elapsed().as_secs_f64()
        );
        if best_tagger.as_ref().is_none_or(|(b, _, _)| score > *b) {
            best_tagger = Some((score, epoch, tagger.clone()));
        }
    })?;
    let (_, tagger_epochs, tagger) = best_tagger.context("the tagger ran no epoch")?;
    eprintln!("tagger: keeping epoch {tagger_epochs}");

    // Parser training data: gold trees with gold or jackknifed tags.
    let parser_train = if args.jackknife >= 2 {
        jackknife(&train, args.jackknife, &TrainOptions { epochs: tagger_epochs, ..topts.clone() })?
    } else {
        train.clone()
    };
    // Dev as the parser will see it: tags from the final tagger.
    let mut dev_tagged = dev.clone();
    for s in &mut dev_tagged {
        tagger.tag(s);
    }

    let popts = ParserTrainOptions {
        epochs: args.parser_epochs,
        seed: args.seed,
        hash_bits: args.hash_bits,
        ..ParserTrainOptions::default()
    };
    let mut trainer = ParserTrainer::new(&parser_train, &popts)?;
    let mut best: Option<(f64, usize, Parser)> = None;
    let mut s = Sentence::new();
    for _ in 0..popts.epochs {
        let stats = trainer.epoch(&parser_train)?;
        let parser = trainer.to_parser();
        let mut eval = Evaluation::default();
        for (g, t) in dev.iter().zip(&dev_tagged) {
            s.clone_from(t);
            parser.parse(&mut s);
            eval.add(g, &s);
        }
        let las = eval.all.las_pct();
        eprintln!(
            "parser epoch {:2}: {} errors / {} transitions; dev UAS {:.2} LAS {:.2} ({:.0}s)",
            stats.epoch,
            stats.errors,
            stats.transitions,
            eval.all.uas_pct(),
            las,
            started.elapsed().as_secs_f64()
        );
        if best.as_ref().is_none_or(|(b, _, _)| las > *b) {
            best = Some((las, stats.epoch, parser));
        }
    }
    let (las, parser_epochs, parser) = best.context("the parser ran no epoch")?;
    eprintln!("parser: keeping epoch {parser_epochs} (dev LAS {las:.2})");
    // The accuracy cost of pruning, on dev.
    let dev_las = |p: &Parser| {
        let mut eval = Evaluation::default();
        let mut s = Sentence::new();
        for (g, t) in dev.iter().zip(&dev_tagged) {
            s.clone_from(t);
            p.parse(&mut s);
            eval.add(g, &s);
        }
        eval.all.las_pct()
    };
    for t in [0.5f32, 1.0, 2.0, 4.0] {
        let p = parser.pruned(t);
        eprintln!(
            "  pruning below {t}: {} weights, {} bytes, dev LAS {:.2}",
            p.nonzero(),
            p.to_bytes().len(),
            dev_las(&p)
        );
    }
    let parser = if args.prune > 0.0 { parser.pruned(args.prune) } else { parser };
    eprintln!(
        "parser: pruned below {}: {} weights, dev LAS {:.2}",
        args.prune,
        parser.nonzero(),
        dev_las(&parser)
    );

    let command = std::iter::once("dyad".to_owned())
        .chain(std::env::args().skip(1))
        .collect::<Vec<_>>()
        .join(" ");
    let metadata = ModelMetadata {
        command,
        seed: args.seed,
        files: vec![
            TrainingFile::from_path(TRAIN_FILE, &train_path)?,
            TrainingFile::from_path(DEV_FILE, &dev_path)?,
        ],
        extra: vec![
            ("tagger_epochs".into(), tagger_epochs.to_string()),
            ("parser_epochs".into(), parser_epochs.to_string()),
            ("jackknife".into(), args.jackknife.to_string()),
            ("hash_bits".into(), args.hash_bits.to_string()),
            ("prune".into(), args.prune.to_string()),
        ],
    };
    let model = Model::new(metadata, tagger, lemmatizer, parser);
    let bytes = model.to_bytes();
    if let Some(dir) = args.out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    std::fs::write(&args.out, &bytes).with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!(
        "wrote {} ({} bytes) in {:.0}s",
        args.out.display(),
        bytes.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Copies of `train` whose tags come from taggers trained on the other folds
/// (fold `k` holds the sentences `i` with `i % folds == k`).
fn jackknife(
    train: &[Sentence],
    folds: usize,
    opts: &TrainOptions,
) -> anyhow::Result<Vec<Sentence>> {
    let mut out = train.to_vec();
    for k in 0..folds {
        let rest: Vec<Sentence> = train
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != k)
            .map(|(_, s)| s.clone())
            .collect();
        let tagger = Tagger::train(&rest, opts)?;
        for (i, s) in out.iter_mut().enumerate() {
            if i % folds == k {
                tagger.tag(s);
            }
        }
        eprintln!("jackknife fold {}/{folds} tagged", k + 1);
    }
    Ok(out)
}
