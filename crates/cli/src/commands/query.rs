//! `dyad query`: a dyad's events over time from the store. Owned by the
//! store work.
//!
//! ```text
//! dyad query --db news.sqlite --dyad AZE:IRN --by week --format table
//! ```

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use dyad_store::{Aggregation, DyadQuery, Period, Store};
use dyad_types::Date;

/// Period sizes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum By {
    /// Days.
    Day,
    /// ISO weeks (labelled by their Monday).
    Week,
    /// Calendar months.
    Month,
    /// Years.
    Year,
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// An aligned text table.
    Table,
    /// Comma-separated values with a header.
    Csv,
    /// A JSON array of rows.
    Json,
}

/// Arguments of `dyad query`.
#[derive(Args, Debug)]
pub(crate) struct QueryArgs {
    /// The SQLite database.
    #[arg(long)]
    db: PathBuf,
    /// The dyad, SOURCE:TARGET; each side an actor code (AZEGOV) or a country (AZE).
    #[arg(long)]
    dyad: String,
    /// Count both directions.
    #[arg(long)]
    undirected: bool,
    /// Period size.
    #[arg(long, value_enum, default_value = "week")]
    by: By,
    /// First date (YYYY-MM-DD).
    #[arg(long)]
    from: Option<String>,
    /// Last date (YYYY-MM-DD).
    #[arg(long)]
    to: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

/// Opens an existing store (never creates one).
pub(crate) fn open_existing(db: &std::path::Path) -> anyhow::Result<Store> {
    if !db.is_file() {
        anyhow::bail!("{}: no such database", db.display());
    }
    Ok(Store::open(db, Aggregation::default())?)
}

pub(crate) fn run(args: QueryArgs) -> anyhow::Result<()> {
    let by = match args.by {
        By::Day => Period::Day,
        By::Week => Period::Week,
        By::Month => Period::Month,
        By::Year => Period::Year,
    };
    let mut q = DyadQuery::parse_dyad(&args.dyad, by)?;
    q.undirected = args.undirected;
    let date = |s: &Option<String>, flag: &str| -> anyhow::Result<Option<Date>> {
        s.as_deref()
            .map(|d| Date::parse(d).with_context(|| format!("--{flag} {d}: expected YYYY-MM-DD")))
            .transpose()
    };
    q.from = date(&args.from, "from")?;
    q.to = date(&args.to, "to")?;
    let store = open_existing(&args.db)?;
    let rows = store.dyad_series(&q)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let gold = |g: Option<f64>| g.map(|g| format!("{g:.2}")).unwrap_or_default();
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        }
        Format::Csv => {
            writeln!(
                out,
                "period,events,verbal_coop,material_coop,verbal_conflict,material_conflict,mentions,goldstein_mean"
            )?;
            for r in &rows {
                writeln!(
                    out,
                    "{},{},{},{},{},{},{},{}",
                    r.period,
                    r.events,
                    r.quad[0],
                    r.quad[1],
                    r.quad[2],
                    r.quad[3],
                    r.mentions,
                    gold(r.goldstein_mean)
                )?;
            }
        }
        Format::Table => {
            let arrow = if q.undirected { "<->" } else { "->" };
            writeln!(out, "{} {arrow} {}, by {:?}", q.source, q.target, args.by)?;
            writeln!(
                out,
                "{:<10} {:>7} {:>11} {:>11} {:>11} {:>11} {:>9} {:>9}",
                "period",
                "events",
                "verb.coop",
                "mat.coop",
                "verb.confl",
                "mat.confl",
                "mentions",
                "goldstein"
            )?;
            for r in &rows {
                writeln!(
                    out,
                    "{:<10} {:>7} {:>11} {:>11} {:>11} {:>11} {:>9} {:>9}",
                    r.period,
                    r.events,
                    r.quad[0],
                    r.quad[1],
                    r.quad[2],
                    r.quad[3],
                    r.mentions,
                    gold(r.goldstein_mean)
                )?;
            }
            if rows.is_empty() {
                writeln!(out, "(no events)")?;
            }
        }
    }
    out.flush()?;
    Ok(())
}
