//! `dyad train`: train the tagger, lemmatiser and parser model from UD treebanks. Owned by the tagger/parser work.

use clap::Args;

/// Arguments of `dyad train`.
#[derive(Args, Debug)]
pub(crate) struct TrainArgs {}

pub(crate) fn run(_args: TrainArgs) -> anyhow::Result<()> {
    anyhow::bail!("`dyad train` is not implemented yet")
}
