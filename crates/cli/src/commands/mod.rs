//! Command-line definitions and dispatch. Each command's work lives in its own
//! module; this file only declares arguments.

use clap::{Parser, Subcommand};

mod bench;
mod bench_parse;
mod bench_text;
mod code;
mod eval;
mod eval_articles;
mod eval_events;
mod eval_parse;
mod eval_text;
mod explain;
mod export;
mod ingest;
mod input;
mod lexicon;
mod parse;
mod query;
mod train;
mod validate;

/// dyad turns news text into political event data: who did what to whom,
/// when and where, each event with the evidence and rule that produced it.
#[derive(Parser, Debug)]
#[command(name = "dyad", version, about, long_about = None, propagate_version = true)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Code events from articles, PETRARCH records, CoNLL-U or JSON Lines.
    ///
    /// Example: dyad code examples/baku-tehran.txt
    Code(code::CodeArgs),
    /// Segment, tokenise, tag and parse text (or re-analyse CoNLL-U); print CoNLL-U.
    Parse(parse::ParseArgs),
    /// Measure accuracy against gold data.
    Eval(eval::EvalArgs),
    /// Measure throughput.
    Bench(bench::BenchArgs),
    /// Train the tagger, lemmatiser and parser from UD treebanks.
    Train(train::TrainArgs),
    /// Import, check and describe event dictionaries.
    Lexicon(lexicon::LexiconArgs),
    /// Run a PETRARCH-style validation file; print failures and `N passed, M failed`.
    Validate(validate::ValidateArgs),
    /// Code one sentence and show each event with its evidence and explanation.
    Explain(explain::ExplainArgs),
    /// Code articles into the SQLite store (idempotent; one transaction per batch).
    ///
    /// Example: dyad ingest --db news.sqlite articles.jsonl more-articles/
    Ingest(ingest::IngestArgs),
    /// A dyad's events over time from the store, by quad class with mean Goldstein.
    ///
    /// Example: dyad query --db news.sqlite --dyad AZE:IRN --by week
    Query(query::QueryArgs),
    /// Export the store's aggregated events (and quotations) as JSONL, CSV or GDELT-like TSV.
    Export(export::ExportArgs),
}

/// Runs a parsed command line.
pub(crate) fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Code(args) => code::run(args),
        Command::Parse(args) => parse::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Bench(args) => bench::run(args),
        Command::Train(args) => train::run(args),
        Command::Lexicon(args) => lexicon::run(args),
        Command::Validate(args) => validate::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Ingest(args) => ingest::run(args),
        Command::Query(args) => query::run(args),
        Command::Export(args) => export::run(args),
    }
}
