//! `dyad explain`: code one sentence and print the events with their evidence and explanation. Owned by the coder work.

use clap::Args;

/// Arguments of `dyad explain`.
#[derive(Args, Debug)]
pub(crate) struct ExplainArgs {}

pub(crate) fn run(_args: ExplainArgs) -> anyhow::Result<()> {
    anyhow::bail!("`dyad explain` is not implemented yet")
}
