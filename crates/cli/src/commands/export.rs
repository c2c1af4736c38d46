//! `dyad export`: the store's aggregated events (and, in JSON Lines, the
//! quotations) as JSONL, CSV, a GDELT-2.0-like table or Parquet (a build
//! with the cargo feature `parquet`). Owned by the store work.
//!
//! ```text
//! dyad export --db news.sqlite --format jsonl > events.jsonl
//! ```

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use dyad_store::ExportFormat;

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Aggregated events with their mentions, then quotations; one JSON object a line.
    Jsonl,
    /// One row per aggregated event.
    Csv,
    /// GDELT 2.0 event-table columns, tab-separated.
    Gdelt,
    /// Apache Parquet, one row per aggregated event (needs `--output` and a
    /// build with `--features parquet`).
    Parquet,
}

/// Arguments of `dyad export`.
#[derive(Args, Debug)]
pub(crate) struct ExportArgs {
    /// The SQLite database.
    #[arg(long)]
    db: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: Format,
    /// Output file (default: standard output).
    #[arg(long, short)]
    output: Option<PathBuf>,
}

pub(crate) fn run(args: ExportArgs) -> anyhow::Result<()> {
    let store = super::query::open_existing(&args.db)?;
    let format = match args.format {
        Format::Jsonl => ExportFormat::Jsonl,
        Format::Csv => ExportFormat::Csv,
        Format::Gdelt => ExportFormat::Gdelt,
        Format::Parquet => return parquet(&store, args.output.as_deref()),
    };
    let mut out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock())),
    };
    let n = store.export(format, &mut out)?;
    out.flush()?;
    drop(out);
    if let Some(p) = &args.output {
        eprintln!("dyad export: {n} records written to {}", p.display());
    }
    Ok(())
}

/// `--format parquet`: the aggregated events as a Parquet file.
#[cfg(feature = "parquet")]
fn parquet(store: &dyad_store::Store, output: Option<&std::path::Path>) -> anyhow::Result<()> {
    let Some(p) = output else {
        anyhow::bail!("--format parquet writes a file: give --output FILE.parquet");
    };
    let f = std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?;
    let n = store.export_parquet(std::io::BufWriter::with_capacity(1 << 16, f))?;
    eprintln!("dyad export: {n} events written to {}", p.display());
    Ok(())
}

/// `--format parquet` in a build without the `parquet` feature.
#[cfg(not(feature = "parquet"))]
fn parquet(_: &dyad_store::Store, _: Option<&std::path::Path>) -> anyhow::Result<()> {
    anyhow::bail!(
        "this dyad was built without Parquet support; rebuild it with \
         `cargo build --release --features parquet` (or `cargo install --features parquet`)"
    )
}
