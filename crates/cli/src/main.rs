//! The `dyad` command: wires the pipeline crates together. No logic of its
//! own beyond argument handling, input/output and error reporting.

mod articles;
mod commands;
mod progress;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

use commands::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // A closed pipe (`dyad ... | head`) is success, as in ripgrep.
            if err.chain().any(|c| {
                c.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            let mut stderr = io::stderr().lock();
            let _ = writeln!(stderr, "dyad: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
