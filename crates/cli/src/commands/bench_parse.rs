//! `dyad bench parse`: throughput of tagging and parsing. Owned by the tagger/parser work.

use clap::Args;

/// Arguments of `dyad bench parse`.
#[derive(Args, Debug)]
pub(crate) struct BenchParseArgs {}

pub(crate) fn run(_args: BenchParseArgs) -> anyhow::Result<()> {
    anyhow::bail!("`dyad bench parse` is not implemented yet")
}
