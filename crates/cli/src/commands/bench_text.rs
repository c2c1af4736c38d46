//! `dyad bench text`: throughput of segmentation and tokenisation. Owned by the text layer work.

use clap::Args;

/// Arguments of `dyad bench text`.
#[derive(Args, Debug)]
pub(crate) struct BenchTextArgs {}

pub(crate) fn run(_args: BenchTextArgs) -> anyhow::Result<()> {
    anyhow::bail!("`dyad bench text` is not implemented yet")
}
