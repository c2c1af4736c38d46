//! `dyad ingest`: articles in, the embedded SQLite store out. Owned by the
//! store work.
//!
//! Inputs are JSON Lines article files, plain-text files (one article per
//! file), HTML pages, WARC files (Common Crawl News) and directories of these
//! (walked recursively, in name order); `--from auto` tells them apart by
//! content (`dyad_ingest::open_inputs`). Articles
//! are coded with dyad's own parser and the default lexicon (or the one
//! given), in parallel across `--threads`, and written `--batch` at a time,
//! one transaction per batch. Re-running over the same inputs adds nothing.
//! Bad input is reported with its file and line and skipped, articles not in
//! English are skipped, undated and future-dated articles are kept with a
//! note (`crate::articles`, shared with `dyad code`); the summary counts
//! skips by reason.
//!
//! ```text
//! dyad ingest --db news.sqlite articles/2023-03.jsonl more-articles/
//! ```

use std::cell::RefCell;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use dyad_coder::validate::{Analyzer, OwnParser};
use dyad_coder::{
    Coder, CoderOptions, Compiled, Context, Discarded, DocState, LexiconSpec, compile_lexicon,
};
use dyad_ingest::Format;
use dyad_ingest::article::Article;
use dyad_store::{Aggregation, ArticleCoder, Coded, Ingest, SkipReason, Store};
use dyad_types::{Date, Sentence};

use crate::articles::ArticleReader;
use crate::progress::{Counts, Progress};

/// How to read an input file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum From {
    /// By content: gzip or `WARC/1.` is WARC, a first `{` JSON Lines,
    /// `<!DOCTYPE html`/`<html` HTML, anything else plain text.
    Auto,
    /// JSON Lines articles.
    Jsonl,
    /// One plain-text article per file.
    Text,
    /// One HTML page per file (main text extracted, boilerplate dropped).
    Html,
    /// WARC files as Common Crawl News publishes them (gzip members).
    Warc,
}

/// Arguments of `dyad ingest`.
#[derive(Args, Debug)]
pub(crate) struct IngestArgs {
    /// The SQLite database (created if missing).
    #[arg(long)]
    db: PathBuf,
    /// Article files and directories.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Input format.
    #[arg(long, value_enum, default_value = "auto")]
    from: From,
    /// Publication date (YYYY-MM-DD, YYYYMMDD or an ISO date-time) for articles that carry none.
    #[arg(long)]
    date: Option<String>,
    /// Coding threads (0: one per core).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Articles per transaction.
    #[arg(long, default_value_t = dyad_store::DEFAULT_BATCH)]
    batch: usize,
    /// CAMEO digits that make an event family for merging (2 = root); new databases only.
    #[arg(long, default_value_t = 2)]
    family_digits: usize,
    /// Reports this many days apart or less merge into one event; new databases only.
    #[arg(long, default_value_t = 1)]
    window_days: i64,
    /// MinHash similarity above which an article is a wire copy; new databases only.
    #[arg(long, default_value_t = 0.4)]
    dup_threshold: f64,
    /// A lexicon directory in dyad's own format (default: the embedded lexicon).
    #[arg(long, conflicts_with = "petrarch_lexicon")]
    lexicon: Option<PathBuf>,
    /// PETRARCH dictionaries: a directory or a comma-separated list of files.
    #[arg(long)]
    petrarch_lexicon: Option<String>,
    /// Keep events with one uncoded side.
    #[arg(long)]
    one_sided: bool,
    /// Show the progress line even when standard error is not a terminal.
    #[arg(long)]
    progress: bool,
    /// Store articles in any language (by default one that is not English is skipped).
    #[arg(long)]
    any_language: bool,
    /// Also report each article skipped as already stored (re-runs skip every
    /// stored article; by default only the summary counts them).
    #[arg(long, short)]
    verbose: bool,
}

/// The article coder: dyad's own parser (one per thread) and a shared coder.
struct TextCoder {
    coder: Coder,
}

thread_local! {
    static PARSER: RefCell<Option<OwnParser>> = const { RefCell::new(None) };
}

impl ArticleCoder for TextCoder {
    fn code(&self, a: &Article) -> Result<Coded, String> {
        PARSER.with(|p| {
            let mut p = p.borrow_mut();
            if p.is_none() {
                *p = Some(OwnParser::embedded().map_err(|e| e.to_string())?);
            }
            let parser = p.as_mut().ok_or("no parser")?;
            Ok(code_article(&self.coder, parser, a))
        })
    }
}

/// Codes one article's text: every sentence, with the document state that
/// resolves pronouns across sentences; a story discard drops all events.
fn code_article(coder: &Coder, parser: &mut dyn Analyzer, a: &Article) -> Coded {
    let date = a.date;
    let mut st = DocState::new();
    let mut out = Coded::default();
    let mut k = 0u32;
    let mut story_discard = false;
    let text = a.text.as_str();
    parser.analyze(text, &mut |s: &Sentence| {
        if story_discard {
            return;
        }
        let start = out.events.len();
        let o = coder.code_in(
            s,
            Context { sentence: k, date, text: Some(text) },
            &mut st,
            &mut out.events,
        );
        match o.discarded {
            Some(Discarded::Story(_)) => {
                story_discard = true;
                out.events.clear();
            }
            Some(Discarded::Sentence(_)) => {}
            None => {
                let a0 = s.words.iter().map(|w| w.span.start as usize).min().unwrap_or(0);
                let b0 = s.words.iter().map(|w| w.span.end as usize).max().unwrap_or(0);
                if let Some(t) = text.get(a0..b0) {
                    for e in &mut out.events[start..] {
                        e.evidence.text = t.to_string();
                    }
                }
            }
        }
        k += 1;
    });
    // Quotations, unless a story discard dropped the article's events.
    let quotes = st.take_quotes();
    if !story_discard {
        out.quotes = quotes;
    }
    out
}

fn report<C: ArticleCoder>(ing: &mut Ingest<'_, C>, progress: &mut Progress, verbose: bool) {
    let mut skips = ing.take_skips();
    if !verbose {
        skips.retain(|s| {
            !matches!(s.reason, SkipReason::DuplicateId | SkipReason::DuplicateContent)
        });
    }
    for s in skips {
        progress.say(format_args!("skipped: {}: {}", s.location, s.message));
    }
    progress.tick(counts(ing), false);
}

/// The progress line's counts.
fn counts<C: ArticleCoder>(ing: &Ingest<'_, C>) -> Counts {
    let s = ing.summary();
    Counts { articles: s.read, events: s.mentions, skipped: s.skipped() }
}

pub(crate) fn run(args: IngestArgs) -> anyhow::Result<()> {
    let default_date = match &args.date {
        Some(d) => Some(Date::parse(d).with_context(|| {
            format!("--date {d}: expected YYYY-MM-DD, YYYYMMDD or an ISO date-time")
        })?),
        None => None,
    };
    let lex: Compiled = if args.lexicon.is_some() || args.petrarch_lexicon.is_some() {
        let spec = LexiconSpec {
            dyad_dir: args.lexicon.clone(),
            petrarch: args.petrarch_lexicon.clone(),
            verbs: None,
        };
        compile_lexicon(&spec, None)?
    } else {
        let lex =
            dyad_lexicon::Lexicon::load_default().into_result().context("embedded lexicon")?;
        Compiled::new(&lex)
    };
    let opts = CoderOptions { require_dyad: !args.one_sided, ..CoderOptions::default() };
    let coder = TextCoder { coder: Coder::new(lex, opts).with_default_gazetteer() };
    let agg = Aggregation {
        family_digits: args.family_digits,
        window_days: args.window_days,
        dup_threshold: args.dup_threshold,
        ..Aggregation::default()
    };
    let mut store = Store::open(&args.db, agg)?;
    let mut progress = Progress::new("dyad ingest", args.progress);
    let mut ing = store.ingest(coder, args.batch, args.threads)?;
    let format = match args.from {
        From::Auto => Format::Auto,
        From::Jsonl => Format::Jsonl,
        From::Text => Format::Text,
        From::Html => Format::Html,
        From::Warc => Format::Warc,
    };
    if let Some(missing) = args.inputs.iter().find(|p| !p.exists()) {
        anyhow::bail!("{}: no such file or directory", missing.display());
    }
    let mut reader = ArticleReader::open(&args.inputs, format, default_date, !args.any_language);
    while let Some(item) = reader.next(&mut progress) {
        match item {
            Ok(a) => ing.push(a)?,
            Err(_) => ing.bad_input(),
        }
        report(&mut ing, &mut progress, args.verbose);
    }
    ing.flush()?;
    report(&mut ing, &mut progress, args.verbose);
    progress.tick(counts(&ing), true);
    progress.clear();
    let s = ing.finish()?;
    let t = progress.elapsed();
    let (undated, future) = reader.date_counts();
    eprintln!(
        "dyad ingest: {} articles read, {} stored ({} wire copies), {} skipped ({} duplicate id, {} duplicate text, {} bad input, {} coding errors); bad input by reason: {}; {undated} undated, {future} future-dated articles kept; {} events coded ({} new aggregated events), {} quotes; {:.1} s, {:.1} articles/s, {:.1} events/s",
        s.read,
        s.stored,
        s.wire_copies,
        s.skipped(),
        s.duplicate_id,
        s.duplicate_content,
        s.bad_input,
        s.coding_errors,
        reader.skips_by_reason(),
        s.mentions,
        s.new_events,
        s.quotes,
        t,
        s.read as f64 / t,
        s.mentions as f64 / t,
    );
    Ok(())
}
