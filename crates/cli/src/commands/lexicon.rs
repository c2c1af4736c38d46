//! `dyad lexicon`: import, check and describe dictionaries. Owned by the lexicon work.

use clap::Args;

/// Arguments of `dyad lexicon`.
#[derive(Args, Debug)]
pub(crate) struct LexiconArgs {}

pub(crate) fn run(_args: LexiconArgs) -> anyhow::Result<()> {
    anyhow::bail!("`dyad lexicon` is not implemented yet")
}
