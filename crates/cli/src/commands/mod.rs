//! Command-line definitions and dispatch. Each command's work lives in its own
//! module; this file only declares arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

mod code;
mod input;

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
    /// Code events from articles (until the coder lands: print sentences and tokens).
    ///
    /// Example: dyad code examples/baku-tehran.txt
    Code(CodeArgs),
}

/// Arguments of `dyad code`.
#[derive(Args, Debug)]
pub(crate) struct CodeArgs {
    /// Input file; `-` or nothing reads standard input.
    pub(crate) input: Option<PathBuf>,
}

/// Which stage `dyad parse` stops after.
#[allow(dead_code)]
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Upto {
    /// Segmentation and tokenisation only.
    Text,
}

/// Runs a parsed command line.
pub(crate) fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Code(args) => code::run(args),
    }
}
