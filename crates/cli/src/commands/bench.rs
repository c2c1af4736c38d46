//! `dyad bench`: throughput of each stage, on one thread unless told.

use clap::{Args, Subcommand};

use super::{bench_parse, bench_text};

/// Arguments of `dyad bench`.
#[derive(Args, Debug)]
pub(crate) struct BenchArgs {
    #[command(subcommand)]
    what: BenchCommand,
}

#[derive(Subcommand, Debug)]
enum BenchCommand {
    /// Segmentation and tokenisation throughput (MB/s).
    Text(bench_text::BenchTextArgs),
    /// Tagging and parsing throughput (tokens/s) with gold tokens.
    Parse(bench_parse::BenchParseArgs),
}

pub(crate) fn run(args: BenchArgs) -> anyhow::Result<()> {
    match args.what {
        BenchCommand::Text(a) => bench_text::run(a),
        BenchCommand::Parse(a) => bench_parse::run(a),
    }
}
