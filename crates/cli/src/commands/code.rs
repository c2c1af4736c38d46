//! `dyad code`: articles in, events out. Owned by the coder work.
//!
//! Inputs (`--from`): articles, as `dyad ingest` reads them
//! (`dyad_ingest::open_inputs`: files, directories and `-` for standard
//! input; `auto`, the default, detects each file's format by content;
//! `text` is one article per file, `jsonl` one `{"id","date","text"}`
//! article a line, streamed, `html` a page, `warc` Common Crawl News WARC
//! files); `petrarch-xml` (records with `<Text>` and optional `<Parse>`) and
//! `conllu` (parsed sentences; `# newdoc id`, `# sent_id` and `# date`
//! comments are honoured), one file or standard input. Bad input (a bad
//! line, record or file, an article not in English) is reported with its
//! file and line and skipped; the summary counts skips by reason (see
//! `crate::articles`). A progress line is shown on a terminal. Output (`--format`):
//! `jsonl` (DESIGN.md's event schema; each document's quotations follow its
//! events as `kind: quote` records) or `petrarch-tsv`. Events stream to
//! standard output as each document is coded; a bad record or line is
//! reported on standard error and skipped, and a summary line ends the run.
//!
//! ```text
//! dyad code --from petrarch-xml --use-given-parse \
//!     --petrarch-lexicon ../shared/data/universalpetrarch/dictionaries \
//!     ../shared/data/universalpetrarch/text/PETR2_GSR_validation.xml
//! ```

use std::io::{BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use dyad_coder::validate::{Analyzer, OwnParser};
use dyad_coder::{
    Coder, CoderOptions, Context, Discarded, DocState, LexiconSpec, Negation, compile_lexicon,
    text_from_spans,
};
use dyad_types::Date;
use dyad_types::Sentence;
use dyad_types::event::Event;

use crate::articles::ArticleReader;
use crate::progress::{Counts, Progress};

/// Input formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum From {
    /// Articles, each file's format detected by content: gzip or `WARC/1.`
    /// is WARC, a first `{` JSON Lines, `<!DOCTYPE html`/`<html` HTML,
    /// anything else plain text.
    Auto,
    /// Plain text: each file (or standard input) is one article.
    Text,
    /// JSON Lines: `{"id","date","url","source","title","text"}` per line.
    Jsonl,
    /// HTML pages, one article per file (main text extracted).
    Html,
    /// WARC files as Common Crawl News publishes them.
    Warc,
    /// PETRARCH XML records.
    PetrarchXml,
    /// CoNLL-U parsed sentences.
    Conllu,
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// One JSON event per line (DESIGN.md).
    Jsonl,
    /// PETRARCH/Phoenix-style tab-separated lines.
    PetrarchTsv,
}

/// Arguments of `dyad code`.
#[derive(Args, Debug)]
pub(crate) struct CodeArgs {
    /// Input files and directories; `-` or nothing reads standard input
    /// (petrarch-xml and conllu: one file).
    pub(crate) inputs: Vec<PathBuf>,
    /// Input format.
    #[arg(long, value_enum, default_value = "auto")]
    from: From,
    /// Code from the parse the input gives (PETRARCH `<Parse>`; always so for CoNLL-U).
    #[arg(long)]
    use_given_parse: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: Format,
    /// A lexicon directory in dyad's own format.
    #[arg(long, conflicts_with = "petrarch_lexicon")]
    lexicon: Option<PathBuf>,
    /// PETRARCH dictionaries: a directory (the files a petrarch-xml input's
    /// `<Environment>` names are loaded from it) or a comma-separated list of files.
    #[arg(long)]
    petrarch_lexicon: Option<String>,
    /// Document date (YYYY-MM-DD, YYYYMMDD or an ISO date-time) for inputs that carry none.
    #[arg(long)]
    date: Option<String>,
    /// Keep events with one uncoded side (PETRARCH's require_dyad = false).
    #[arg(long)]
    one_sided: bool,
    /// Negation policy: pico (PETRARCH's convention), drop or flag.
    #[arg(long, default_value = "pico")]
    negation: String,
    /// Code articles in any language (by default one that is not English is skipped).
    #[arg(long)]
    any_language: bool,
    /// Show the progress line even when standard error is not a terminal.
    #[arg(long)]
    progress: bool,
}

impl CodeArgs {
    /// The one input of petrarch-xml and conllu: a file, or `None` for
    /// standard input.
    fn single_input(&self) -> anyhow::Result<Option<&Path>> {
        match self.inputs.as_slice() {
            [] => Ok(None),
            [p] if p.as_os_str() == "-" => Ok(None),
            [p] => Ok(Some(p)),
            _ => anyhow::bail!("--from petrarch-xml and --from conllu read one file"),
        }
    }
}

/// Feeds a document's parsed sentences (with the text their spans point into) to a callback.
type SentenceSource<'a> = dyn FnMut(&mut dyn FnMut(&Sentence, &str)) + 'a;

/// Counts for the summary line.
#[derive(Default)]
struct Summary {
    docs: usize,
    sentences: usize,
    events: usize,
    quotes: usize,
    errors: usize,
    discarded: usize,
    /// Articles inputs only: skips by reason, undated and future-dated articles.
    articles_note: Option<String>,
}

struct Run<'a, W: Write> {
    coder: &'a Coder,
    state: DocState,
    format: Format,
    out: W,
    summary: Summary,
}

impl<W: Write> Run<'_, W> {
    /// Codes one document's parsed sentences and writes its events.
    fn document(
        &mut self,
        doc: &str,
        date: Option<Date>,
        sentences: &mut SentenceSource<'_>,
    ) -> anyhow::Result<()> {
        let st = &mut self.state;
        st.clear();
        let mut events: Vec<Event> = Vec::new();
        let mut k = 0u32;
        let mut story_discard = false;
        let coder = self.coder;
        let mut n_sent = 0usize;
        let mut discarded = 0usize;
        sentences(&mut |s: &Sentence, text: &str| {
            n_sent += 1;
            if story_discard {
                return;
            }
            let start = events.len();
            let o =
                coder.code_in(s, Context { sentence: k, date, text: Some(text) }, st, &mut events);
            match o.discarded {
                Some(Discarded::Story(_)) => {
                    story_discard = true;
                    events.clear();
                    discarded += 1;
                }
                Some(Discarded::Sentence(_)) => discarded += 1,
                None => {
                    // Evidence text: the sentence as given.
                    let (a, b) = sentence_extent(s);
                    if let Some(t) = text.get(a..b) {
                        for e in &mut events[start..] {
                            e.evidence.text = t.to_string();
                        }
                    }
                }
            }
            k += 1;
        });
        self.summary.docs += 1;
        self.summary.sentences += n_sent;
        self.summary.discarded += discarded;
        for e in &events {
            self.write_event(doc, e)?;
        }
        self.summary.events += events.len();
        // Quotations follow the document's events (JSONL only; a story
        // discard drops them with the events).
        let quotes = self.state.take_quotes();
        if self.format == Format::Jsonl && !story_discard {
            for q in &quotes {
                let rec = JsonQuote {
                    kind: "quote",
                    doc,
                    sentence: q.sentence,
                    speaker: &q.speaker,
                    speaker_text: &q.speaker.text,
                    verb: &q.verb,
                    quote: &q.quote,
                    span: [q.span.start, q.span.end],
                };
                serde_json::to_writer(&mut self.out, &rec)?;
                self.out.write_all(b"\n")?;
            }
            self.summary.quotes += quotes.len();
        }
        Ok(())
    }

    fn write_event(&mut self, doc: &str, e: &Event) -> anyhow::Result<()> {
        match self.format {
            Format::Jsonl => {
                let info = dyad_lexicon::event_info(&e.cameo);
                let rec = JsonEvent {
                    kind: "event",
                    id: event_id(doc, e),
                    doc,
                    sentence: e.sentence,
                    date: e.date.as_deref(),
                    date_source: e.date_source.as_deref(),
                    source: &e.source,
                    target: &e.target,
                    cameo: &e.cameo,
                    root: info.map(|i| i.root),
                    quad_class: info.map(|i| i.quad_class.number()),
                    goldstein: info.map(|i| (f64::from(i.goldstein) * 10.0).round() / 10.0),
                    plover: info.and_then(|i| i.plover).map(|p| p.event),
                    issues: &e.issues,
                    location: e.place.as_ref(),
                    negated: e.negated,
                    evidence: &e.evidence,
                    explain: &e.explain,
                };
                serde_json::to_writer(&mut self.out, &rec)?;
                self.out.write_all(b"\n")?;
            }
            Format::PetrarchTsv => {
                let date = e.date.as_deref().unwrap_or("").replace('-', "");
                writeln!(
                    self.out,
                    "{date}\t{}\t{}\t{}\t{doc}-{}\t{}",
                    e.source.code,
                    e.target.code,
                    e.cameo,
                    e.sentence,
                    e.issues.join(";")
                )?;
            }
        }
        Ok(())
    }
}

/// One output line of `--format jsonl` (DESIGN.md's event schema).
#[derive(serde::Serialize)]
struct JsonEvent<'a> {
    kind: &'static str,
    id: String,
    doc: &'a str,
    sentence: u32,
    date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_source: Option<&'a str>,
    source: &'a dyad_types::event::Actor,
    target: &'a dyad_types::event::Actor,
    cameo: &'a str,
    root: Option<&'static str>,
    quad_class: Option<u8>,
    goldstein: Option<f64>,
    plover: Option<&'static str>,
    issues: &'a [String],
    /// The event's place, under DESIGN.md's key `location` and in its place
    /// in DESIGN.md's key order.
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<&'a dyad_types::event::Place>,
    negated: bool,
    evidence: &'a dyad_types::event::Evidence,
    explain: &'a dyad_types::event::Explanation,
}

/// One quotation line of `--format jsonl` (DESIGN.md's quote record).
#[derive(serde::Serialize)]
struct JsonQuote<'a> {
    kind: &'static str,
    doc: &'a str,
    sentence: u32,
    speaker: &'a dyad_types::event::Actor,
    speaker_text: &'a str,
    verb: &'a str,
    quote: &'a str,
    span: [u32; 2],
}

/// Byte extent of a sentence's words in its text.
fn sentence_extent(s: &Sentence) -> (usize, usize) {
    let a = s.words.iter().map(|w| w.span.start as usize).min().unwrap_or(0);
    let b = s.words.iter().map(|w| w.span.end as usize).max().unwrap_or(0);
    (a, b)
}

/// A stable event id: FNV-1a over doc, sentence, codes and the verb span.
fn event_id(doc: &str, e: &Event) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: &[u8]| {
        for &x in b {
            h ^= u64::from(x);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    eat(doc.as_bytes());
    eat(&e.sentence.to_le_bytes());
    eat(e.source.code.as_bytes());
    eat(e.target.code.as_bytes());
    eat(e.cameo.as_bytes());
    eat(&e.evidence.verb.start.to_le_bytes());
    format!("{h:016x}")
}

pub(crate) fn run(args: CodeArgs) -> anyhow::Result<()> {
    let negation = match args.negation.as_str() {
        "pico" => Negation::Pico,
        "drop" => Negation::Drop,
        "flag" => Negation::Flag,
        other => anyhow::bail!("--negation {other}: expected pico, drop or flag"),
    };
    let opts = CoderOptions { require_dyad: !args.one_sided, negation, ..CoderOptions::default() };
    let spec = LexiconSpec {
        dyad_dir: args.lexicon.clone(),
        petrarch: args.petrarch_lexicon.clone(),
        verbs: None,
    };
    let default_date = match &args.date {
        Some(d) => Some(Date::parse(d).with_context(|| {
            format!("--date {d}: expected YYYY-MM-DD, YYYYMMDD or an ISO date-time")
        })?),
        None => None,
    };
    let stdout = std::io::stdout();
    let out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut summary = match args.from {
        From::PetrarchXml => run_petrarch(&args, &spec, opts, out)?,
        From::Conllu => run_conllu(&args, &spec, opts, default_date, out)?,
        From::Auto | From::Text | From::Jsonl | From::Html | From::Warc => {
            run_articles(&args, &spec, opts, out)?
        }
    };
    let s = &mut summary;
    eprintln!(
        "dyad code: {} documents, {} sentences, {} events, {} quotes, {} discarded sentences, {} errors{}",
        s.docs,
        s.sentences,
        s.events,
        s.quotes,
        s.discarded,
        s.errors,
        s.articles_note.as_deref().unwrap_or("")
    );
    Ok(())
}

fn run_petrarch<W: Write>(
    args: &CodeArgs,
    spec: &LexiconSpec,
    opts: CoderOptions,
    out: W,
) -> anyhow::Result<Summary> {
    let path = match args.single_input()? {
        Some(p) => p.to_path_buf(),
        None => anyhow::bail!("--from petrarch-xml needs a file argument"),
    };
    let file = dyad_ingest::petrarch::read_with(
        &path,
        dyad_ingest::petrarch::ReadOptions { keep_bad_parses: true },
    )?;
    let env: Vec<(String, String)> =
        file.environment.elements.iter().map(|e| (e.name.clone(), e.text.clone())).collect();
    let lex = compile_lexicon(spec, Some(&env))?;
    let coder = Coder::new(lex, opts);
    let mut own = if args.use_given_parse { None } else { Some(OwnParser::embedded_with(false)?) };
    let mut run = Run {
        coder: &coder,
        state: DocState::new(),
        format: args.format,
        out,
        summary: Summary::default(),
    };
    for e in &file.errors {
        eprintln!("dyad code: skipped: {e}");
        run.summary.errors += 1;
    }
    for rec in &file.records {
        let date = Date::parse_petrarch(&rec.date);
        if args.use_given_parse {
            let Some(p) = &rec.parse else {
                eprintln!(
                    "dyad code: {}:{}: record {}: no usable <Parse>{}",
                    file.file,
                    rec.line,
                    rec.id,
                    rec.parse_problem.as_deref().map(|m| format!(" ({m})")).unwrap_or_default()
                );
                run.summary.errors += 1;
                continue;
            };
            let text = rec.text.as_str();
            run.document(&rec.id, date, &mut |f| f(&p.sentence, text))?;
        } else if let Some(parser) = own.as_mut() {
            let text = rec.text.as_str();
            run.document(&rec.id, date, &mut |f| parser.analyze(text, &mut |s| f(s, text)))?;
        }
    }
    run.out.flush()?;
    let summary = std::mem::take(&mut run.summary);
    // The records and the compiled lexicon live until the process exits;
    // freeing tens of thousands of small allocations one by one only delays
    // the exit (the operating system reclaims the memory at once).
    std::mem::forget(file);
    std::mem::forget(coder);
    Ok(summary)
}

fn run_conllu<W: Write>(
    args: &CodeArgs,
    spec: &LexiconSpec,
    opts: CoderOptions,
    default_date: Option<Date>,
    out: W,
) -> anyhow::Result<Summary> {
    let lex = compile_lexicon(spec, None)?;
    let coder = Coder::new(lex, opts);
    let single = args.single_input()?;
    let input: Box<dyn BufRead> = match single {
        Some(p) => Box::new(std::io::BufReader::new(
            std::fs::File::open(p).with_context(|| format!("cannot read {}", p.display()))?,
        )),
        None => Box::new(std::io::stdin().lock()),
    };
    let name = single.map(|p| p.display().to_string()).unwrap_or_else(|| "<stdin>".into());
    let mut reader = dyad_parse::ConlluReader::new(input, name);
    let mut s = Sentence::new();
    let mut extra = dyad_parse::ConlluExtra::new();
    let mut run = Run {
        coder: &coder,
        state: DocState::new(),
        format: args.format,
        out,
        summary: Summary::default(),
    };
    let mut k = 0usize;
    loop {
        match reader.read_sentence(&mut s, &mut extra) {
            Ok(false) => break,
            Ok(true) => {
                let doc = extra
                    .comment_value("newdoc id")
                    .or_else(|| extra.sent_id())
                    .map(str::to_string)
                    .unwrap_or_else(|| format!("s{k}"));
                let date = extra.comment_value("date").and_then(Date::parse).or(default_date);
                let text = text_from_spans(&s);
                run.document(&doc, date, &mut |f| f(&s, &text))?;
                k += 1;
            }
            Err(e) => {
                eprintln!("dyad code: skipped: {e}");
                run.summary.errors += 1;
            }
        }
    }
    run.out.flush()?;
    Ok(run.summary)
}

/// The progress line's counts.
fn counts(reader: &ArticleReader, s: &Summary) -> Counts {
    Counts { articles: reader.read(), events: s.events as u64, skipped: reader.skipped() }
}

/// Codes articles from files, directories or standard input
/// (`dyad_ingest::open_inputs`, the reader `dyad ingest` uses).
fn run_articles<W: Write>(
    args: &CodeArgs,
    spec: &LexiconSpec,
    opts: CoderOptions,
    out: W,
) -> anyhow::Result<Summary> {
    if args.use_given_parse {
        anyhow::bail!("--use-given-parse needs --from petrarch-xml or conllu");
    }
    let format = match args.from {
        From::Text => dyad_ingest::Format::Text,
        From::Jsonl => dyad_ingest::Format::Jsonl,
        From::Html => dyad_ingest::Format::Html,
        From::Warc => dyad_ingest::Format::Warc,
        _ => dyad_ingest::Format::Auto,
    };
    let paths: Vec<PathBuf> =
        if args.inputs.is_empty() { vec![PathBuf::from("-")] } else { args.inputs.clone() };
    if let Some(missing) = paths.iter().find(|p| p.as_os_str() != "-" && !p.exists()) {
        anyhow::bail!("{}: no such file or directory", missing.display());
    }
    // `--date` was checked by `run`.
    let date = args.date.as_deref().and_then(Date::parse);
    let mut reader = ArticleReader::open(&paths, format, date, !args.any_language);
    let lex = compile_lexicon(spec, None)?;
    // Articles get event places (the embedded gazetteer, built on first use).
    let coder = Coder::new(lex, opts).with_default_gazetteer();
    let mut parser = OwnParser::embedded()?;
    let mut run = Run {
        coder: &coder,
        state: DocState::new(),
        format: args.format,
        out,
        summary: Summary::default(),
    };
    let mut progress = Progress::new("dyad code", args.progress);
    while let Some(item) = reader.next(&mut progress) {
        match item {
            Ok(a) => {
                let text = a.text.as_str();
                run.document(&a.id, a.date, &mut |f| parser.analyze(text, &mut |s| f(s, text)))?;
            }
            Err(_) => run.summary.errors += 1,
        }
        progress.tick(counts(&reader, &run.summary), false);
    }
    progress.tick(counts(&reader, &run.summary), true);
    progress.clear();
    run.out.flush()?;
    let (undated, future) = reader.date_counts();
    let passed = reader.passed_over();
    run.summary.articles_note = Some(format!(
        "; skipped by reason: {}; {undated} undated, {future} future-dated articles kept{}",
        reader.skips_by_reason(),
        if passed > 0 {
            format!("; {passed} WARC records passed over (not HTML pages)")
        } else {
            String::new()
        }
    ));
    Ok(run.summary)
}
