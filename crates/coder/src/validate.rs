//! Running a PETRARCH validation file: code every record and compare the
//! multiset of (source, target, code) triples with its `<EventCoding>`s.
//!
//! Scoring: a record passes when the produced triples equal the expected
//! ones exactly (as multisets); a `noevents` record passes when nothing is
//! coded. Records that expect an error (`dateline`, `storydiscard`, ...) are
//! excluded from passed/failed and counted apart, with how many of them the
//! coder rejected the same way. Event precision and recall are computed over
//! the evaluated records.

use std::path::{Path, PathBuf};

use dyad_ingest::petrarch::{self, ReadOptions, Record};
use dyad_lexicon::petrarch::environment_files;
use dyad_lexicon::{DictKind, Loaded};
use dyad_types::event::Event;
use dyad_types::{Date, Document, Sentence};

use crate::{Coder, CoderOptions, Compiled, Context, Discarded, DocState, Error, Result};

/// Options of a validation run.
#[derive(Clone, Debug, Default)]
pub struct ValidateOptions {
    /// Code from the record's `<Parse>` instead of parsing `<Text>`.
    pub use_given_parse: bool,
    /// Where the dictionaries named by `<Environment>` are; default: the
    /// `dictionaries/` folder next to the file's folder.
    pub dict_dir: Option<PathBuf>,
    /// A verb dictionary to use instead of the one `<Environment>` names.
    pub verbs: Option<PathBuf>,
    /// Base coder options (per-record `require_dyad` configs override;
    /// `context_country` is always off, as PETRARCH does not do it).
    pub coder: CoderOptions,
}

/// How a record fared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// Produced exactly the expected events.
    Pass,
    /// Produced something else.
    Fail,
    /// The record expects an error; `true` when the coder rejected it the same way.
    ExpectedError(String, bool),
    /// The record could not be coded (no parse, unreadable input).
    Error(String),
}

/// The result of one record.
#[derive(Clone, Debug)]
pub struct RecordResult {
    /// Position in the file.
    pub index: usize,
    /// Record id.
    pub id: String,
    /// Line of the `<Sentence>` tag.
    pub line: u64,
    /// The text.
    pub text: String,
    /// Expected (source, target, code), sorted.
    pub expected: Vec<(String, String, String)>,
    /// Produced (source, target, code), sorted.
    pub produced: Vec<(String, String, String)>,
    /// The produced events in full.
    pub events: Vec<Event>,
    /// The outcome.
    pub status: Status,
    /// The sentence(s) coded, as CoNLL-U-like rows (for debugging output).
    pub parse_dump: String,
}

/// The result of a whole file.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Per record.
    pub records: Vec<RecordResult>,
    /// Records that passed.
    pub passed: usize,
    /// Records that failed.
    pub failed: usize,
    /// Records expecting an error (excluded).
    pub expected_errors: usize,
    /// Of those, how many the coder rejected the same way.
    pub expected_errors_matched: usize,
    /// Records that could not be coded, plus records the reader rejected.
    pub errors: usize,
    /// Reader errors (`file:line: message`).
    pub read_errors: Vec<String>,
    /// Matched events.
    pub tp: usize,
    /// Produced events in total (evaluated records).
    pub produced: usize,
    /// Expected events in total (evaluated records).
    pub expected: usize,
}

impl Report {
    /// Event precision.
    pub fn precision(&self) -> f64 {
        if self.produced == 0 { 0.0 } else { self.tp as f64 / self.produced as f64 }
    }

    /// Event recall.
    pub fn recall(&self) -> f64 {
        if self.expected == 0 { 0.0 } else { self.tp as f64 / self.expected as f64 }
    }
}

/// Normalises an expected actor code (`~GOV` -> `---GOV`, empty -> `---`).
fn norm_actor(s: &str) -> String {
    let s = s.trim();
    if s.is_empty() {
        return "---".into();
    }
    if let Some(r) = s.strip_prefix('~') {
        return format!("---{r}");
    }
    s.to_string()
}

/// Loads the dictionaries a validation file's environment names.
///
/// # Errors
/// Missing or unreadable dictionary files.
pub fn load_environment(
    file: &petrarch::PetrarchFile,
    dict_dir: &Path,
    verbs: Option<&Path>,
) -> Result<Compiled> {
    let env: Vec<(String, String)> =
        file.environment.elements.iter().map(|e| (e.name.clone(), e.text.clone())).collect();
    let files = environment_files(&env, dict_dir)?;
    let mut load = Loaded::default();
    let mut has_pico = false;
    for f in &files {
        if f.kind == DictKind::Verbs
            && let Some(v) = verbs
        {
            load.read_file(v, Some(DictKind::Verbs))?;
            continue;
        }
        has_pico |= f.kind == DictKind::Pico;
        load.read_file(&f.path, Some(f.kind))?;
    }
    // Negation and clause combination need PICO; the unit-test environments
    // do not name it, UniversalPetrarch loads it from its config.
    if !has_pico {
        let p = dict_dir.join("PETR.Internal.Coding.Ontology.txt");
        if p.is_file() {
            load.read_file(&p, Some(DictKind::Pico))?;
        }
    }
    Ok(Compiled::new(&load.lexicon))
}

/// The default dictionary folder for a validation file: `../dictionaries`.
pub fn default_dict_dir(path: &Path) -> PathBuf {
    path.parent()
        .and_then(Path::parent)
        .map(|p| p.join("dictionaries"))
        .unwrap_or_else(|| PathBuf::from("dictionaries"))
}

/// Something that turns text into parsed sentences (dyad's own parser).
pub trait Analyzer {
    /// Segments, tokenises, tags and parses `text`, calling `f` with each sentence.
    fn analyze(&mut self, text: &str, f: &mut dyn FnMut(&Sentence));
}

/// dyad's own pipeline: `dyad-text` segmentation and the embedded parse model.
pub struct OwnParser {
    model: &'static dyad_parse::Model,
    seg: dyad_text::Segmenter,
    doc: Document,
    sent: Sentence,
}

impl OwnParser {
    /// The embedded model with default text settings.
    ///
    /// # Errors
    /// When the embedded model does not decode.
    pub fn embedded() -> Result<OwnParser> {
        OwnParser::embedded_with(true)
    }

    /// The embedded model; `line_breaks` says whether a single line break
    /// may end a sentence (off for PETRARCH records, whose texts are
    /// hard-wrapped).
    ///
    /// # Errors
    /// When the embedded model does not decode.
    pub fn embedded_with(line_breaks: bool) -> Result<OwnParser> {
        let model =
            dyad_parse::Model::embedded().map_err(|e| Error::Other(format!("parse model: {e}")))?;
        Ok(OwnParser {
            model,
            seg: dyad_text::TextConfig::builder().line_breaks(line_breaks).build().segmenter(),
            doc: Document::default(),
            sent: Sentence::new(),
        })
    }
}

impl Analyzer for OwnParser {
    fn analyze(&mut self, text: &str, f: &mut dyn FnMut(&Sentence)) {
        self.seg.segment(text, &mut self.doc);
        for i in 0..self.doc.sentences.len() {
            dyad_text::fill_sentence(&self.doc, i, dyad_text::FormKind::Surface, &mut self.sent);
            self.model.analyze(&mut self.sent);
            f(&self.sent);
        }
    }
}

/// Runs a validation file.
///
/// # Errors
/// The file cannot be read, or its dictionaries cannot be loaded.
pub fn validate_file(path: &Path, opts: &ValidateOptions) -> Result<Report> {
    let file = petrarch::read_with(path, ReadOptions { keep_bad_parses: true })?;
    let dir = opts.dict_dir.clone().unwrap_or_else(|| default_dict_dir(path));
    let lex = load_environment(&file, &dir, opts.verbs.as_deref())?;
    // PETRARCH's validation files expect bare agents uncountried (`---GOV`):
    // dyad's context-country rule is not PETRARCH behaviour.
    let mut copts = opts.coder.clone();
    copts.context_country = false;
    let mut coder = Coder::new(lex, copts);
    let mut own = if opts.use_given_parse { None } else { Some(OwnParser::embedded_with(false)?) };
    let mut report = Report::default();
    for e in &file.errors {
        report.read_errors.push(e.to_string());
        report.errors += 1;
    }
    for rec in &file.records {
        let r = run_record(
            &mut coder,
            rec,
            opts.use_given_parse,
            own.as_mut().map(|o| o as &mut dyn Analyzer),
        );
        tally(&mut report, r);
    }
    Ok(report)
}

/// Codes one record and scores it.
pub fn run_record(
    coder: &mut Coder,
    rec: &Record,
    use_given_parse: bool,
    own: Option<&mut dyn Analyzer>,
) -> RecordResult {
    let require = rec.config("require_dyad").map(|v| !v.eq_ignore_ascii_case("false"));
    coder.options_mut().require_dyad = require.unwrap_or(true);
    let date = Date::parse_petrarch(&rec.date);
    let mut events = Vec::new();
    let mut discarded: Option<Discarded> = None;
    let mut err: Option<String> = None;
    let mut st = DocState::new();
    let mut dump = String::new();
    if use_given_parse {
        match &rec.parse {
            Some(p) => {
                dump_sentence(&p.sentence, &mut dump);
                let out = coder.code_in(
                    &p.sentence,
                    Context { sentence: 0, date, text: Some(&rec.text) },
                    &mut st,
                    &mut events,
                );
                discarded = out.discarded;
            }
            None => {
                err = Some(
                    rec.parse_problem.clone().unwrap_or_else(|| "record has no <Parse>".into()),
                )
            }
        }
    } else if let Some(a) = own {
        let mut k = 0u32;
        a.analyze(&rec.text, &mut |s: &Sentence| {
            if discarded.is_some() {
                return;
            }
            dump_sentence(s, &mut dump);
            let out = coder.code_in(
                s,
                Context { sentence: k, date, text: Some(&rec.text) },
                &mut st,
                &mut events,
            );
            if out.discarded.is_some() {
                discarded = out.discarded;
                events.clear();
            }
            k += 1;
        });
    } else {
        err = Some("no parser available".into());
    }
    if let Some(Discarded::Story(_)) = discarded {
        events.clear();
    }
    let mut expected: Vec<(String, String, String)> = rec
        .expected_events()
        .map(|(s, t, c)| (norm_actor(s), norm_actor(t), c.trim().to_string()))
        .collect();
    expected.sort();
    let mut produced: Vec<(String, String, String)> = events
        .iter()
        .map(|e| (e.source.code.clone(), e.target.code.clone(), e.cameo.clone()))
        .collect();
    produced.sort();
    let status = if let Some(want) = rec.expected_error() {
        let got = match &discarded {
            Some(Discarded::Story(_)) => want == "storydiscard",
            Some(Discarded::Sentence(_)) => want == "sentencediscard",
            None => false,
        };
        Status::ExpectedError(want.to_string(), got)
    } else if let Some(e) = err {
        Status::Error(e)
    } else if produced == expected {
        Status::Pass
    } else {
        Status::Fail
    };
    RecordResult {
        index: rec.index,
        id: rec.id.clone(),
        line: rec.line,
        text: rec.text.clone(),
        expected,
        produced,
        events,
        status,
        parse_dump: dump,
    }
}

fn tally(report: &mut Report, r: RecordResult) {
    match &r.status {
        Status::Pass => report.passed += 1,
        Status::Fail => report.failed += 1,
        Status::ExpectedError(_, m) => {
            report.expected_errors += 1;
            if *m {
                report.expected_errors_matched += 1;
            }
        }
        Status::Error(_) => report.errors += 1,
    }
    if matches!(r.status, Status::Pass | Status::Fail) {
        report.produced += r.produced.len();
        report.expected += r.expected.len();
        let mut rest = r.expected.clone();
        for p in &r.produced {
            if let Some(i) = rest.iter().position(|e| e == p) {
                rest.swap_remove(i);
                report.tp += 1;
            }
        }
    }
    report.records.push(r);
}

fn dump_sentence(s: &Sentence, out: &mut String) {
    use std::fmt::Write;
    for (i, w) in s.words.iter().enumerate() {
        let _ = writeln!(
            out,
            "    {}\t{}\t{}\t{}\t{}\t{}",
            i + 1,
            s.form(i),
            s.lemma(i),
            w.upos,
            w.head,
            w.deprel
        );
    }
}
