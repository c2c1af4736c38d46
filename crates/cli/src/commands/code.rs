//! `dyad code`: articles in, events out.

use std::io::Write;

use super::CodeArgs;
use super::input::read_bytes;

pub(crate) fn run(args: CodeArgs) -> anyhow::Result<()> {
    let bytes = read_bytes(args.input.as_deref())?;
    let text = String::from_utf8_lossy(&bytes);
    let mut out = std::io::stdout().lock();
    // Placeholder until dyad-text lands: one line per paragraph.
    for (i, para) in text.split("\n\n").filter(|p| !p.trim().is_empty()).enumerate() {
        writeln!(out, "{i}\t{}", para.trim())?;
    }
    Ok(())
}
