//! `dyad parse`: raw text or CoNLL-U in, CoNLL-U out. Owned by the text layer (then tagger/parser) work.

use clap::Args;

/// Arguments of `dyad parse`.
#[derive(Args, Debug)]
pub(crate) struct ParseArgs {}

pub(crate) fn run(_args: ParseArgs) -> anyhow::Result<()> {
    anyhow::bail!("`dyad parse` is not implemented yet")
}
