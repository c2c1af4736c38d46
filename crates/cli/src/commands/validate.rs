//! `dyad validate`: run a PETRARCH-style validation file and report passes and failures. Owned by the coder work.

use clap::Args;

/// Arguments of `dyad validate`.
#[derive(Args, Debug)]
pub(crate) struct ValidateArgs {}

pub(crate) fn run(_args: ValidateArgs) -> anyhow::Result<()> {
    anyhow::bail!("`dyad validate` is not implemented yet")
}
