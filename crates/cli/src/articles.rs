//! Articles for `dyad code` and `dyad ingest`: [`dyad_ingest::open_inputs`]
//! plus the run-level policy both commands share, and its reporting.
//!
//! - Every skipped file, line or record is reported on standard error with
//!   its file and line (or WARC record) and counted by reason
//!   ([`SkipKind`]); the run goes on.
//! - Articles not in English are skipped (reason `not English`) unless
//!   `--any-language` is given.
//! - An article with no date is kept: dated from `--date` when given, else
//!   only a dateline with a year ("MOSCOW, March 31, 2026 -") dates its
//!   events. That is said once, at the first such article; the summary
//!   counts them.
//! - An article dated after tomorrow (UTC) is kept with a warning at its
//!   file and line (a wrong clock or a typo, not a reason to lose it).

use std::collections::BTreeMap;
use std::path::PathBuf;

use dyad_ingest::article::{Article, ArticleOptions};
use dyad_ingest::{Format, Inputs, SkipKind, open_inputs};
use dyad_types::Date;

use crate::progress::Progress;

/// Articles from the command's inputs, with skips and warnings reported.
#[derive(Debug)]
pub(crate) struct ArticleReader {
    inputs: Inputs,
    not_after: Date,
    skips: BTreeMap<SkipKind, u64>,
    undated: u64,
    future: u64,
    read: u64,
}

impl ArticleReader {
    /// Opens `paths` (files, directories, `-` for standard input) read as
    /// `format`; `date` dates the articles that carry none.
    pub(crate) fn open(
        paths: &[PathBuf],
        format: Format,
        date: Option<Date>,
        english_only: bool,
    ) -> ArticleReader {
        let opts =
            ArticleOptions { date, allow_undated: true, english_only, ..ArticleOptions::default() };
        ArticleReader {
            inputs: open_inputs(paths, format, opts),
            // Dates after tomorrow (UTC) are in the future wherever the
            // article was written.
            not_after: dyad_store::days_from_today(1),
            skips: BTreeMap::new(),
            undated: 0,
            future: 0,
            read: 0,
        }
    }

    /// The next article, or the reason the next input was skipped (already
    /// reported through `progress`).
    pub(crate) fn next(&mut self, progress: &mut Progress) -> Option<Result<Article, SkipKind>> {
        match self.inputs.next()? {
            Ok(a) => {
                self.read += 1;
                self.check_date(&a, progress);
                Some(Ok(a))
            }
            Err(e) => {
                progress.say(format_args!("skipped: {e}"));
                *self.skips.entry(e.kind()).or_default() += 1;
                Some(Err(e.kind()))
            }
        }
    }

    fn check_date(&mut self, a: &Article, progress: &mut Progress) {
        match a.date {
            None => {
                if self.undated == 0 {
                    progress.say(format_args!(
                        "{}:{}: article {} has no date: its events are dated only by a \
                         dateline with a year (give --date to date such articles; further \
                         ones are only counted)",
                        a.file, a.line, a.id
                    ));
                }
                self.undated += 1;
            }
            Some(d) if d > self.not_after => {
                progress.say(format_args!(
                    "{}:{}: article {}: date {d} is in the future (after {}); kept",
                    a.file, a.line, a.id, self.not_after
                ));
                self.future += 1;
            }
            Some(_) => {}
        }
    }

    /// Articles read (not skipped).
    pub(crate) fn read(&self) -> u64 {
        self.read
    }

    /// Inputs skipped so far, all reasons.
    pub(crate) fn skipped(&self) -> u64 {
        self.skips.values().sum()
    }

    /// WARC records passed over without an error (not HTML responses).
    pub(crate) fn passed_over(&self) -> u64 {
        self.inputs.skipped_records()
    }

    /// Articles with no date (none given and no `--date`), and articles
    /// dated in the future.
    pub(crate) fn date_counts(&self) -> (u64, u64) {
        (self.undated, self.future)
    }

    /// `"2 malformed, 1 not English"`, or `"none"`.
    pub(crate) fn skips_by_reason(&self) -> String {
        if self.skips.is_empty() {
            return "none".to_owned();
        }
        let parts: Vec<String> =
            self.skips.iter().map(|(k, n)| format!("{n} {}", k.label())).collect();
        parts.join(", ")
    }
}
