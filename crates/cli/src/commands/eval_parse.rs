//! `dyad eval parse`: tagging, lemma and attachment scores against gold CoNLL-U. Owned by the tagger/parser work.

use clap::Args;

/// Arguments of `dyad eval parse`.
#[derive(Args, Debug)]
pub(crate) struct EvalParseArgs {}

pub(crate) fn run(_args: EvalParseArgs) -> anyhow::Result<()> {
    anyhow::bail!("`dyad eval parse` is not implemented yet")
}
