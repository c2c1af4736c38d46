//! The progress line of `dyad code` and `dyad ingest`: articles/s, events/s
//! and skips, rewritten in place on standard error at most twice a second.
//! It is shown when standard error is a terminal (or when asked with
//! `--progress`), so piped and redirected runs stay quiet.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// Counts the progress line shows.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Counts {
    /// Articles read.
    pub(crate) articles: u64,
    /// Events coded.
    pub(crate) events: u64,
    /// Inputs skipped (files, lines, records, articles).
    pub(crate) skipped: u64,
}

/// A progress line on standard error.
#[derive(Debug)]
pub(crate) struct Progress {
    label: &'static str,
    on: bool,
    start: Instant,
    last: Instant,
    shown: bool,
}

impl Progress {
    /// A progress line for `label` (`"dyad code"`): shown when standard
    /// error is a terminal or `force` is set.
    pub(crate) fn new(label: &'static str, force: bool) -> Progress {
        let now = Instant::now();
        Progress {
            label,
            on: force || std::io::stderr().is_terminal(),
            start: now,
            last: now,
            shown: false,
        }
    }

    /// Seconds since the start.
    pub(crate) fn elapsed(&self) -> f64 {
        self.start.elapsed().as_secs_f64().max(1e-9)
    }

    /// Redraws the line if half a second has passed (or `force`).
    pub(crate) fn tick(&mut self, c: Counts, force: bool) {
        if !self.on || (!force && self.last.elapsed() < Duration::from_millis(500)) {
            return;
        }
        self.last = Instant::now();
        let t = self.elapsed();
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\r\x1b[K{}: {} articles ({:.0}/s), {} events ({:.0}/s), {} skipped",
            self.label,
            c.articles,
            c.articles as f64 / t,
            c.events,
            c.events as f64 / t,
            c.skipped
        );
        let _ = err.flush();
        self.shown = true;
    }

    /// Erases the line, so that a message can be printed in its place.
    pub(crate) fn clear(&mut self) {
        if self.shown {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[K");
            let _ = err.flush();
            self.shown = false;
        }
    }

    /// Prints `message` on its own line (`label: message`), clearing the
    /// progress line first; the next tick redraws it.
    pub(crate) fn say(&mut self, message: impl std::fmt::Display) {
        self.clear();
        eprintln!("{}: {message}", self.label);
    }
}
