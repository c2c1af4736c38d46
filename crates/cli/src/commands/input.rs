//! Reading command inputs: a file path, `-` or nothing for standard input.

use std::io::Read;
use std::path::Path;

use anyhow::Context;

/// Reads the whole input as bytes: a file, or standard input for `-`/`None`.
pub(crate) fn read_bytes(path: Option<&Path>) -> anyhow::Result<Vec<u8>> {
    match path {
        None => read_stdin(),
        Some(p) if p.as_os_str() == "-" => read_stdin(),
        Some(p) => std::fs::read(p).with_context(|| format!("cannot read {}", p.display())),
    }
}

fn read_stdin() -> anyhow::Result<Vec<u8>> {
    let mut buf = Vec::new();
    std::io::stdin().lock().read_to_end(&mut buf).context("cannot read standard input")?;
    Ok(buf)
}
