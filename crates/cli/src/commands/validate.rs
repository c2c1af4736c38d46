//! `dyad validate`: run a PETRARCH-style validation file and report passes and failures. Owned by the coder work.
//!
//! Example (the UniversalPetrarch unit tests, whose expectations follow the
//! 2.0 verb dictionary although the file's `<Environment>` names the old one):
//!
//! ```text
//! dyad validate ../shared/data/universalpetrarch/text/PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml \
//!     --use-given-parse --verbs ../shared/data/universalpetrarch/dictionaries/PETR.Validate.verbs.2.0.txt
//! ```

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use dyad_coder::validate::{Status, ValidateOptions, validate_file};
use dyad_coder::{CoderOptions, Negation};

/// Arguments of `dyad validate`.
#[derive(Args, Debug)]
pub(crate) struct ValidateArgs {
    /// The PETRARCH XML validation file.
    file: PathBuf,
    /// Code from each record's `<Parse>` (CoNLL-U, or Penn via the converter)
    /// instead of parsing `<Text>` with dyad's own model.
    #[arg(long)]
    use_given_parse: bool,
    /// Folder holding the dictionaries the file's `<Environment>` names
    /// (default: `../dictionaries` relative to the file).
    #[arg(long)]
    dict_dir: Option<PathBuf>,
    /// Verb dictionary to use instead of the one `<Environment>` names.
    #[arg(long)]
    verbs: Option<PathBuf>,
    /// Negation policy: pico (PETRARCH's convention), drop or flag.
    #[arg(long, default_value = "pico")]
    negation: String,
    /// Print passing records too.
    #[arg(long)]
    all: bool,
    /// Print no per-record detail, only the summary.
    #[arg(long, short)]
    quiet: bool,
    /// Print each produced event's explanation for failing records.
    #[arg(long)]
    explain: bool,
    /// Only report records with this id (repeatable); prints their parse too.
    #[arg(long)]
    only: Vec<String>,
}

pub(crate) fn run(args: ValidateArgs) -> anyhow::Result<()> {
    let negation = match args.negation.as_str() {
        "pico" => Negation::Pico,
        "drop" => Negation::Drop,
        "flag" => Negation::Flag,
        other => anyhow::bail!("--negation {other}: expected pico, drop or flag"),
    };
    let opts = ValidateOptions {
        use_given_parse: args.use_given_parse,
        dict_dir: args.dict_dir.clone(),
        verbs: args.verbs.clone(),
        coder: CoderOptions { negation, ..CoderOptions::default() },
    };
    let report = validate_file(&args.file, &opts)?;
    let mut out = std::io::stdout().lock();
    for e in &report.read_errors {
        writeln!(out, "read error: {e}")?;
    }
    if !args.quiet {
        for r in &report.records {
            let show = match &r.status {
                Status::Pass => args.all,
                Status::ExpectedError(_, matched) => args.all || !matched,
                _ => true,
            };
            let only = !args.only.is_empty();
            if only && !args.only.contains(&r.id) {
                continue;
            }
            if !show && !only {
                continue;
            }
            let tag = match &r.status {
                Status::Pass => "PASS".to_string(),
                Status::Fail => "FAIL".to_string(),
                Status::ExpectedError(want, m) => {
                    format!("EXPECTS-ERROR {want} ({})", if *m { "matched" } else { "not matched" })
                }
                Status::Error(e) => format!("ERROR {e}"),
            };
            writeln!(out, "{tag} {} (#{} line {})", r.id, r.index, r.line)?;
            writeln!(out, "  text: {}", r.text.split_whitespace().collect::<Vec<_>>().join(" "))?;
            let fmt = |v: &[(String, String, String)]| {
                if v.is_empty() {
                    "(none)".to_string()
                } else {
                    v.iter().map(|(s, t, c)| format!("{c} {s} {t}")).collect::<Vec<_>>().join("; ")
                }
            };
            writeln!(out, "  expected: {}", fmt(&r.expected))?;
            writeln!(out, "  produced: {}", fmt(&r.produced))?;
            if only {
                write!(out, "{}", r.parse_dump)?;
            }
            if args.explain || only {
                for e in &r.events {
                    writeln!(
                        out,
                        "    {} {} {} <- {} [{}] src:{} tgt:{} {}",
                        e.cameo,
                        e.source.code,
                        e.target.code,
                        e.explain.verb_entry,
                        e.explain.pattern_text,
                        e.explain.source_rule,
                        e.explain.target_rule,
                        e.explain.rules.join(", ")
                    )?;
                }
            }
        }
    }
    writeln!(
        out,
        "expected-error records: {} excluded ({} rejected the same way); errors: {}",
        report.expected_errors, report.expected_errors_matched, report.errors
    )?;
    writeln!(
        out,
        "events: expected {}, produced {}, matched {}; precision {:.3}, recall {:.3}",
        report.expected,
        report.produced,
        report.tp,
        report.precision(),
        report.recall()
    )?;
    writeln!(out, "{} passed, {} failed", report.passed, report.failed)?;
    Ok(())
}
