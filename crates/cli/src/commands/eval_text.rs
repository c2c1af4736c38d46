//! `dyad eval text`: segmentation and tokenisation scores against gold CoNLL-U. Owned by the text layer work.

use clap::Args;

/// Arguments of `dyad eval text`.
#[derive(Args, Debug)]
pub(crate) struct EvalTextArgs {}

pub(crate) fn run(_args: EvalTextArgs) -> anyhow::Result<()> {
    anyhow::bail!("`dyad eval text` is not implemented yet")
}
