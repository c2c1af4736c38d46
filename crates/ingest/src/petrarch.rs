//! PETRARCH XML record files: validation suites and story files.
//!
//! A file holds an optional `<Environment>` block (dictionary file names,
//! options), `<Config option=".." value="..">` directives that change options
//! for the records after them, and `<Sentence date=".." id=".." ...>` records
//! with `<Text>`, an optional `<Parse>` (Penn brackets in the petrarch2 files,
//! CoNLL-U in the UniversalPetrarch files) and `<EventCoding>` expectations.
//!
//! The reader is forgiving where the published files are not well-formed
//! (banner lines starting with `#` outside comments; records opening with a
//! self-closed `<Sentence .../>` and closing with `</Sentence>`), and strict
//! per record: a record with an unclosed element, no date or id, no text, a
//! parse that cannot be read or whose words do not match its text is
//! reported with its line in [`PetrarchFile::errors`] and skipped; reading
//! goes on with the next record.
//!
//! # Examples
//! ```
//! let src = r#"<Sentences>
//! <Sentence date="20230331" id="X-1" category="DEMO">
//! <EventCoding sourcecode="AZE" targetcode="IRN" eventcode="112"/>
//! <Text>Azerbaijan accused Iran.</Text>
//! <Parse>(ROOT (S (NP (NNP Azerbaijan)) (VP (VBD accused) (NP (NNP Iran))) (. .)))</Parse>
//! </Sentence>
//! </Sentences>"#;
//! let file = dyad_ingest::petrarch::read_str(src, "<example>");
//! assert!(file.errors.is_empty());
//! let rec = &file.records[0];
//! assert_eq!(rec.id, "X-1");
//! let parse = rec.parse.as_ref().unwrap();
//! assert_eq!(parse.sentence.form(1), "accused");
//! assert_eq!(&rec.text[parse.sentence.words[2].span.range()], "Iran");
//! ```

use std::path::Path;

use dyad_parse::{ConlluExtra, ConlluReader, PennTree};
use dyad_types::{Sentence, Span};

use crate::error::{Error, Result};
use crate::xml::{Ev, Scanner, attributes, decode};

/// An element kept as written: name, attributes and (decoded) text, or for
/// unknown record children the raw inner markup.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Element {
    /// Tag name.
    pub name: String,
    /// Attributes in file order, values decoded.
    pub attrs: Vec<(String, String)>,
    /// Text content (trimmed, decoded); for unknown record children the raw
    /// inner markup.
    pub text: String,
    /// 1-based line of the start tag.
    pub line: u64,
}

impl Element {
    /// The value of attribute `name`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        attr(&self.attrs, name)
    }
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// The `<Environment>` block: every child element, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Environment {
    /// The child elements (`Verbfile`, `Actorfile`, `Config`, ...).
    pub elements: Vec<Element>,
}

impl Environment {
    /// The text of the first element named `name` (`"Verbfile"`).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.elements.iter().find(|e| e.name == name).map(|e| e.text.as_str())
    }

    /// The comma-separated file names of element `name` (`Actorfile` lists
    /// several), trimmed, empty entries dropped.
    pub fn files(&self, name: &str) -> Vec<&str> {
        self.get(name)
            .map(|v| v.split(',').map(str::trim).filter(|s| !s.is_empty()).collect())
            .unwrap_or_default()
    }

    /// `(option, value)` of the `<Config>` elements, in order.
    pub fn config(&self) -> Vec<(String, String)> {
        self.elements.iter().filter_map(config_pair).collect()
    }
}

fn config_pair(e: &Element) -> Option<(String, String)> {
    if e.name != "Config" {
        return None;
    }
    Some((e.attr("option")?.to_owned(), e.attr("value").unwrap_or("").to_owned()))
}

/// The format of a record's `<Parse>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseFormat {
    /// Penn Treebank brackets (CoreNLP constituency parse).
    Penn,
    /// CoNLL-U dependency rows.
    Conllu,
}

/// A record's given parse: the raw string and the dependency analysis read
/// from it (Penn trees converted with [`dyad_parse::PennTree`]), with word
/// spans pointing into [`Record::text`].
#[derive(Clone, Debug)]
pub struct GivenParse {
    /// Penn brackets or CoNLL-U.
    pub format: ParseFormat,
    /// The element's text as written (entities decoded, trimmed).
    pub raw: String,
    /// 1-based line where the parse starts.
    pub line: u64,
    /// Words, tags, heads and relations; spans into the record's text. A
    /// parse of several sentences is one `Sentence` with several roots.
    pub sentence: Sentence,
}

/// An expected coding (`<EventCoding>`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expected {
    /// An event: `sourcecode`, `targetcode`, `eventcode` as written.
    Event {
        /// Source actor code.
        source: String,
        /// Target actor code.
        target: String,
        /// CAMEO event code.
        code: String,
    },
    /// `noevents="True"`: nothing should be coded.
    NoEvents,
    /// `error="..."`: the record should be rejected (dateline,
    /// bad_input_parse, storydiscard, sentencediscard, ...).
    Error(String),
}

/// One `<Sentence>` record.
#[derive(Clone, Debug)]
pub struct Record {
    /// Position among all records of the file (bad ones included), 0-based.
    /// Ids are not unique; key on `(index, id)`.
    pub index: usize,
    /// 1-based line of the `<Sentence>` tag.
    pub line: u64,
    /// The `id` attribute.
    pub id: String,
    /// The `date` attribute as written (`YYYYMMDD`, or `YYMMDD` in a few
    /// records).
    pub date: String,
    /// The `category` attribute.
    pub category: Option<String>,
    /// The `place` attribute.
    pub place: Option<String>,
    /// All attributes of `<Sentence>`, in order.
    pub attrs: Vec<(String, String)>,
    /// The `<Text>` content, entities decoded, surrounding whitespace
    /// trimmed (inner line breaks kept).
    pub text: String,
    /// The `<Parse>`, if any.
    pub parse: Option<GivenParse>,
    /// The `<EventCoding>` expectations, in order.
    pub expected: Vec<Expected>,
    /// Other child elements, kept raw.
    pub other: Vec<Element>,
    /// Options in effect for this record: the `<Config>` elements of the
    /// environment and those met before the record, later ones overriding.
    pub config: Vec<(String, String)>,
    /// Whether `<Text>` was empty and `text` was rebuilt from the parse's
    /// words (joined by single spaces).
    pub text_from_parse: bool,
    /// With [`ReadOptions::keep_bad_parses`]: why the parse could not be read
    /// or does not match the text (`file:line: message`).
    pub parse_problem: Option<String>,
}

impl Record {
    /// The value of a `<Config>` option in effect for this record.
    pub fn config(&self, option: &str) -> Option<&str> {
        attr(&self.config, option)
    }

    /// The `(source, target, code)` triples expected.
    pub fn expected_events(&self) -> impl Iterator<Item = (&str, &str, &str)> + '_ {
        self.expected.iter().filter_map(|e| match e {
            Expected::Event { source, target, code } => {
                Some((source.as_str(), target.as_str(), code.as_str()))
            }
            _ => None,
        })
    }

    /// Whether the record expects no event (`noevents="True"`).
    pub fn expects_no_events(&self) -> bool {
        self.expected.contains(&Expected::NoEvents)
    }

    /// The expected error (`error="..."`), if any.
    pub fn expected_error(&self) -> Option<&str> {
        self.expected.iter().find_map(|e| match e {
            Expected::Error(s) => Some(s.as_str()),
            _ => None,
        })
    }
}

/// How strictly to treat a record's `<Parse>`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// Keep records whose parse cannot be read or does not match their text
    /// (the published suites have such records: texts edited after parsing,
    /// deliberately broken parses). The problem is then in
    /// [`Record::parse_problem`] instead of [`PetrarchFile::errors`]; an
    /// unreadable parse leaves [`Record::parse`] empty, a mismatched one keeps
    /// its words with spans re-synchronised on the text where possible.
    /// Default `false`: such a record is an error and is skipped.
    pub keep_bad_parses: bool,
}

/// A read file: its environment, good records and per-record errors.
#[derive(Debug, Default)]
pub struct PetrarchFile {
    /// Where it came from (path or label).
    pub file: String,
    /// The `<Environment>` block (empty when the file has none).
    pub environment: Environment,
    /// The records that read cleanly, in file order.
    pub records: Vec<Record>,
    /// One error per skipped record (and per malformed piece outside
    /// records), in file order.
    pub errors: Vec<Error>,
    /// Records seen, good and bad.
    pub seen: usize,
}

/// Reads a PETRARCH XML file.
///
/// # Errors
/// [`Error::Io`] if the file cannot be read or is not UTF-8; malformed
/// records are not errors here but entries of [`PetrarchFile::errors`].
pub fn read(path: impl AsRef<Path>) -> Result<PetrarchFile> {
    read_with(path, ReadOptions::default())
}

/// Reads a PETRARCH XML file with options.
///
/// # Errors
/// As [`read`].
pub fn read_with(path: impl AsRef<Path>, opts: ReadOptions) -> Result<PetrarchFile> {
    let path = path.as_ref();
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| Error::Io { file: name.clone(), source })?;
    let src = String::from_utf8(bytes).map_err(|e| Error::Io {
        file: name.clone(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, format!("not UTF-8: {e}")),
    })?;
    Ok(read_str_with(&src, &name, opts))
}

/// Reads PETRARCH XML from a string; `file` names it in errors.
pub fn read_str(src: &str, file: &str) -> PetrarchFile {
    read_str_with(src, file, ReadOptions::default())
}

/// Reads PETRARCH XML from a string with options.
pub fn read_str_with(src: &str, file: &str, opts: ReadOptions) -> PetrarchFile {
    let mut r = Reader {
        opts,
        src,
        file,
        lines: line_starts(src),
        out: PetrarchFile { file: file.to_owned(), ..PetrarchFile::default() },
        config: Vec::new(),
    };
    r.run();
    r.out
}

fn line_starts(src: &str) -> Vec<usize> {
    std::iter::once(0).chain(src.match_indices('\n').map(|(i, _)| i + 1)).collect()
}

/// A record being read.
struct Open {
    line: u64,
    attrs: Vec<(String, String)>,
    text: Option<(String, u64)>,
    parse: Option<(String, u64)>,
    expected: Vec<Expected>,
    other: Vec<Element>,
    error: Option<Error>,
}

struct Reader<'a> {
    opts: ReadOptions,
    src: &'a str,
    file: &'a str,
    lines: Vec<usize>,
    out: PetrarchFile,
    config: Vec<(String, String)>,
}

impl<'a> Reader<'a> {
    fn line(&self, pos: usize) -> u64 {
        self.lines.partition_point(|&s| s <= pos) as u64
    }

    fn err(&self, pos: usize, msg: impl Into<String>) -> Error {
        Error::input(self.file, self.line(pos), msg)
    }

    fn set_config(&mut self, option: String, value: String) {
        match self.config.iter_mut().find(|(k, _)| *k == option) {
            Some(slot) => slot.1 = value,
            None => self.config.push((option, value)),
        }
    }

    fn run(&mut self) {
        let mut sc = Scanner::new(self.src);
        let mut rec: Option<Open> = None;
        while let Some(ev) = sc.next() {
            match ev {
                Ev::Bad { pos, what } => {
                    let e = self.err(pos, what);
                    match rec.as_mut() {
                        Some(r) => fail(r, e),
                        None => self.out.errors.push(e),
                    }
                }
                Ev::Text { .. } => {}
                Ev::Start { name: "Sentence", attrs, pos, .. } => {
                    if let Some(open) = rec.take() {
                        let e = Error::input(
                            self.file,
                            open.line,
                            format!(
                                "<Sentence> not closed before the next <Sentence> at line {}",
                                self.line(pos)
                            ),
                        );
                        self.finish(Open { error: Some(open.error.unwrap_or(e)), ..open });
                    }
                    let mut open = Open {
                        line: self.line(pos),
                        attrs: Vec::new(),
                        text: None,
                        parse: None,
                        expected: Vec::new(),
                        other: Vec::new(),
                        error: None,
                    };
                    match attributes(attrs) {
                        Ok(a) => open.attrs = a,
                        Err(m) => fail(&mut open, self.err(pos, format!("<Sentence>: {m}"))),
                    }
                    // A self-closed <Sentence .../> opens the record too: the
                    // GSR file closes its records with </Sentence>.
                    rec = Some(open);
                }
                Ev::End { name: "Sentence", pos } => match rec.take() {
                    Some(open) => self.finish(open),
                    None => self
                        .out
                        .errors
                        .push(self.err(pos, "</Sentence> without an open <Sentence>")),
                },
                Ev::Start { name, attrs, empty, pos } => match rec.as_mut() {
                    None => self.top_level(&mut sc, name, attrs, empty, pos),
                    Some(r) => {
                        if r.error.is_some() {
                            continue;
                        }
                        if let Err(e) = self.child(&mut sc, r, name, attrs, empty, pos) {
                            fail(r, e);
                        }
                    }
                },
                Ev::End { name, pos } => {
                    if let Some(r) = rec.as_mut()
                        && r.error.is_none()
                    {
                        fail(r, self.err(pos, format!("unexpected </{name}> inside a record")));
                    }
                }
            }
        }
        if let Some(open) = rec.take() {
            let e = Error::input(
                self.file,
                open.line,
                "<Sentence> not closed before the end of the file",
            );
            self.finish(Open { error: Some(open.error.unwrap_or(e)), ..open });
        }
    }

    /// Elements outside records: the environment, config directives,
    /// wrappers.
    fn top_level(
        &mut self,
        sc: &mut Scanner<'a>,
        name: &str,
        attrs: &str,
        empty: bool,
        pos: usize,
    ) {
        match name {
            "Environment" if !empty => loop {
                match sc.next() {
                    None => {
                        self.out.errors.push(self.err(pos, "<Environment> never closed"));
                        return;
                    }
                    Some(Ev::End { name: "Environment", .. }) => return,
                    Some(Ev::Start { name, attrs, empty, pos }) => {
                        match self.simple(sc, name, attrs, empty, pos) {
                            Ok(el) => {
                                if let Some((k, v)) = config_pair(&el) {
                                    self.set_config(k, v);
                                }
                                self.out.environment.elements.push(el);
                            }
                            Err(e) => self.out.errors.push(e),
                        }
                    }
                    Some(Ev::Bad { pos, what }) => self.out.errors.push(self.err(pos, what)),
                    Some(_) => {}
                }
            },
            "Config" => match self.simple(sc, name, attrs, empty, pos) {
                Ok(el) => {
                    if let Some((k, v)) = config_pair(&el) {
                        self.set_config(k, v);
                    }
                }
                Err(e) => self.out.errors.push(e),
            },
            _ => {}
        }
    }

    /// Reads a simple element (text only) whose start tag was just scanned.
    fn simple(
        &self,
        sc: &mut Scanner<'a>,
        name: &str,
        attrs: &str,
        empty: bool,
        pos: usize,
    ) -> Result<Element> {
        let attrs = attributes(attrs).map_err(|m| self.err(pos, format!("<{name}>: {m}")))?;
        let mut el =
            Element { name: name.to_owned(), attrs, text: String::new(), line: self.line(pos) };
        if empty {
            return Ok(el);
        }
        let Ev::Text { text, .. } = sc.raw_text() else { unreachable!("raw_text yields text") };
        match sc.next() {
            Some(Ev::End { name: n, .. }) if n == name => {
                el.text = decode(text.trim()).into_owned();
                Ok(el)
            }
            _ => Err(self.err(pos, format!("<{name}> not closed with </{name}>"))),
        }
    }

    /// A child element of a record.
    fn child(
        &self,
        sc: &mut Scanner<'a>,
        r: &mut Open,
        name: &str,
        attrs: &str,
        empty: bool,
        pos: usize,
    ) -> Result<()> {
        match name {
            "Text" | "Parse" => {
                let el = self.text_element(sc, name, attrs, empty, pos)?;
                let slot = if name == "Text" { &mut r.text } else { &mut r.parse };
                if slot.is_some() {
                    return Err(self.err(pos, format!("second <{name}> in one record")));
                }
                *slot = Some(el);
            }
            "EventCoding" => {
                let el = self.simple(sc, name, attrs, empty, pos)?;
                let exp = if let Some(code) = el.attr("eventcode") {
                    Expected::Event {
                        source: el.attr("sourcecode").unwrap_or("").to_owned(),
                        target: el.attr("targetcode").unwrap_or("").to_owned(),
                        code: code.to_owned(),
                    }
                } else if let Some(e) = el.attr("error") {
                    Expected::Error(e.to_owned())
                } else if el.attr("noevents").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
                    Expected::NoEvents
                } else {
                    return Err(
                        self.err(pos, "<EventCoding> has no eventcode, noevents=\"True\" or error")
                    );
                };
                r.expected.push(exp);
            }
            _ => {
                let el = self.raw_element(sc, name, attrs, empty, pos)?;
                r.other.push(el);
            }
        }
        Ok(())
    }

    /// `<Text>` or `<Parse>`: the content (decoded, trimmed) and the line of
    /// its first non-blank character.
    fn text_element(
        &self,
        sc: &mut Scanner<'a>,
        name: &str,
        attrs: &str,
        empty: bool,
        pos: usize,
    ) -> Result<(String, u64)> {
        attributes(attrs).map_err(|m| self.err(pos, format!("<{name}>: {m}")))?;
        if empty {
            return Ok((String::new(), self.line(pos)));
        }
        let Ev::Text { text, pos: tpos } = sc.raw_text() else {
            unreachable!("raw_text yields text")
        };
        match sc.next() {
            Some(Ev::End { name: n, .. }) if n == name => {}
            _ => return Err(self.err(pos, format!("<{name}> not closed with </{name}>"))),
        }
        let lead = text.len() - text.trim_start().len();
        Ok((decode(text.trim()).into_owned(), self.line(tpos + lead)))
    }

    /// An unknown element, kept with its raw inner markup.
    fn raw_element(
        &self,
        sc: &mut Scanner<'a>,
        name: &str,
        attrs: &str,
        empty: bool,
        pos: usize,
    ) -> Result<Element> {
        let attrs = attributes(attrs).map_err(|m| self.err(pos, format!("<{name}>: {m}")))?;
        let mut el =
            Element { name: name.to_owned(), attrs, text: String::new(), line: self.line(pos) };
        if empty {
            return Ok(el);
        }
        let start = sc.pos();
        let mut depth = 1;
        loop {
            match sc.next() {
                Some(Ev::Start { name: n, empty: false, .. }) if n == name => depth += 1,
                Some(Ev::End { name: n, pos: end }) if n == name => {
                    depth -= 1;
                    if depth == 0 {
                        el.text = self.src[start..end].trim().to_owned();
                        return Ok(el);
                    }
                }
                Some(Ev::Start { name: "Sentence", .. } | Ev::End { name: "Sentence", .. })
                | None => {
                    return Err(self.err(pos, format!("<{name}> not closed with </{name}>")));
                }
                Some(_) => {}
            }
        }
    }

    /// Checks a finished record and files it as a record or an error.
    fn finish(&mut self, open: Open) {
        let index = self.out.seen;
        self.out.seen += 1;
        let id = attr(&open.attrs, "id").map(str::to_owned);
        match self.build(open, index) {
            Ok(r) => self.out.records.push(r),
            Err(e) => self.out.errors.push(e.with_record(id.as_deref())),
        }
    }

    fn build(&self, open: Open, index: usize) -> Result<Record> {
        if let Some(e) = open.error {
            return Err(e);
        }
        let line = open.line;
        let bad = |m: String| Error::input(self.file, line, m);
        let id = attr(&open.attrs, "id")
            .filter(|s| !s.is_empty())
            .ok_or_else(|| bad("record has no id".into()))?;
        let date = attr(&open.attrs, "date").filter(|s| !s.trim().is_empty());
        let date = date.ok_or_else(|| bad(format!("record {id} has no date")))?.trim();
        if !(date.len() == 8 || date.len() == 6) || !date.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad(format!("record {id}: date {date:?} is not YYYYMMDD")));
        }
        let (mut text, text_line) = open.text.unwrap_or_default();
        let has_parse = open.parse.as_ref().is_some_and(|(raw, _)| !raw.is_empty());
        if text.is_empty() && !has_parse {
            return Err(bad(format!("record {id} has no text and no parse")));
        }
        let text_from_parse = text.is_empty();
        let (mut parse, mut parse_problem) = (None, None);
        if let Some((raw, pline)) = open.parse.filter(|(raw, _)| !raw.is_empty()) {
            match self.given_parse(raw, pline, &mut text, text_line) {
                Ok((p, problem)) => {
                    parse = Some(p);
                    parse_problem = problem;
                }
                Err(e) => parse_problem = Some(e),
            }
        }
        if let Some(e) = parse_problem.take() {
            if !self.opts.keep_bad_parses {
                return Err(e);
            }
            parse_problem = Some(e);
        }
        let parse_problem = parse_problem.map(|e| e.to_string());
        Ok(Record {
            index,
            line,
            id: id.to_owned(),
            date: date.to_owned(),
            category: attr(&open.attrs, "category").map(str::to_owned),
            place: attr(&open.attrs, "place").map(str::to_owned),
            attrs: open.attrs,
            text,
            parse,
            expected: open.expected,
            other: open.other,
            config: self.config.clone(),
            text_from_parse,
            parse_problem,
        })
    }

    /// Reads the parse; an unreadable parse is an error, a parse that does
    /// not match the text comes back with the mismatch. An empty `text` is
    /// rebuilt from the parse's words.
    fn given_parse(
        &self,
        raw: String,
        line: u64,
        text: &mut String,
        text_line: u64,
    ) -> Result<(GivenParse, Option<Error>)> {
        let mut sentence = Sentence::new();
        let format = if raw.starts_with('(') {
            let tree =
                PennTree::parse_at(&raw, self.file, line).map_err(|e| self.parse_err(e, 0))?;
            tree.to_sentence(&mut sentence);
            ParseFormat::Penn
        } else if raw.as_bytes()[0].is_ascii_digit() || raw.starts_with('#') {
            read_conllu(&raw, self.file, &mut sentence).map_err(|e| self.parse_err(e, line - 1))?;
            ParseFormat::Conllu
        } else {
            return Err(Error::input(
                self.file,
                line,
                "<Parse> is neither Penn brackets nor CoNLL-U",
            ));
        };
        if text.is_empty() {
            for i in 0..sentence.len() {
                if i > 0 {
                    text.push(' ');
                }
                let start = text.len();
                text.push_str(sentence.form(i));
                sentence.words[i].span = Span::new(start, text.len());
                sentence.words[i].space_after = i + 1 < sentence.len();
            }
            return Ok((GivenParse { format, raw, line, sentence }, None));
        }
        let problem = align(&mut sentence, text).err().map(|mis| {
            let at = match mis {
                Mismatch::Word(_, at) => at,
                Mismatch::Uncovered(at) => at,
            };
            let tline = text_line + text[..at].matches('\n').count() as u64;
            let found: String = text[at..].chars().take(20).collect();
            let msg = match mis {
                Mismatch::Word(w, _) => {
                    format!(
                        "parse word {} {:?} does not match the text (text has {:?})",
                        w + 1,
                        sentence.form(w),
                        found
                    )
                }
                Mismatch::Uncovered(_) => {
                    format!("the parse ends before the text does (text goes on with {found:?})")
                }
            };
            Error::input(self.file, tline, msg)
        });
        Ok((GivenParse { format, raw, line, sentence }, problem))
    }

    fn parse_err(&self, e: dyad_parse::Error, line_offset: u64) -> Error {
        match e {
            dyad_parse::Error::Input { line, message, .. } => {
                Error::input(self.file, line + line_offset, message)
            }
            other => Error::input(self.file, line_offset + 1, other.to_string()),
        }
    }
}

fn fail(r: &mut Open, e: Error) {
    if r.error.is_none() {
        r.error = Some(e);
    }
}

/// Reads one or more CoNLL-U sentences into one `Sentence`, offsetting the
/// heads of later sentences.
fn read_conllu(raw: &str, file: &str, out: &mut Sentence) -> dyad_parse::Result<()> {
    let mut reader = ConlluReader::new(raw.as_bytes(), file);
    let mut extra = ConlluExtra::new();
    // The usual case, one sentence, is read straight into `out`.
    if !reader.read_sentence(out, &mut extra)? {
        return Ok(());
    }
    let mut s = Sentence::new();
    while reader.read_sentence(&mut s, &mut extra)? {
        let base = out.len() as u32;
        for i in 0..s.len() {
            let w = s.words[i];
            out.push(s.form(i), Span::default(), w.space_after);
            let lemma = w.lemma.of(&s.buf);
            if !lemma.is_empty() {
                out.set_lemma(base as usize + i, lemma);
            }
            let o = out.words.last_mut().expect("just pushed");
            o.upos = w.upos;
            o.xpos = w.xpos;
            o.deprel = w.deprel;
            o.head = if w.head == 0 || w.head == u32::MAX { w.head } else { w.head + base };
        }
    }
    Ok(())
}

/// Where a parse and its text part ways.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mismatch {
    /// Word `.0` does not match the text at byte `.1`.
    Word(usize, usize),
    /// The words end but the text goes on at byte `.0`.
    Uncovered(usize),
}

/// How far ahead (bytes) a mismatched word is looked for when re-synchronising.
const RESYNC_WINDOW: usize = 200;

/// Sets each word's span to where its form occurs in `text`, in order,
/// allowing the usual tokeniser rewrites (quotes as ``/'', bracket escapes,
/// dashes, ellipsis, letter case) and a final punctuation mark the text
/// lacks (given an empty span at the end). On a mismatch, the remaining
/// words are still placed (searched for a little ahead, else given an empty
/// span), and the first mismatch is returned.
pub(crate) fn align(s: &mut Sentence, text: &str) -> std::result::Result<(), Mismatch> {
    let mut pos = 0;
    let mut first = None;
    for i in 0..s.len() {
        pos += text[pos..].len() - text[pos..].trim_start().len();
        let form = s.form(i);
        let (start, len) = match match_len(form, &text[pos..]) {
            Some(len) => (pos, len),
            None if pos == text.len() && form.chars().all(|c| c.is_ascii_punctuation()) => (pos, 0),
            None => {
                first.get_or_insert(Mismatch::Word(i, pos));
                let window = &text[pos..text.len().min(pos + RESYNC_WINDOW)];
                let found = window
                    .char_indices()
                    .skip(1)
                    .find_map(|(k, _)| match_len(form, &text[pos + k..]).map(|len| (pos + k, len)));
                found.unwrap_or((pos, 0))
            }
        };
        s.words[i].span = Span::new(start, start + len);
        pos = start + len;
        s.words[i].space_after = text[pos..].starts_with(char::is_whitespace);
    }
    pos += text[pos..].len() - text[pos..].trim_start().len();
    // A final punctuation mark the parse lacks is not a mismatch.
    let rest_is_punct = text[pos..].chars().all(|c| c.is_ascii_punctuation() || c.is_whitespace());
    match first {
        Some(m) => Err(m),
        None if !rest_is_punct => Err(Mismatch::Uncovered(pos)),
        None => Ok(()),
    }
}

fn fold(c: char) -> char {
    match c {
        '“' | '”' | '„' | '«' | '»' | '″' => '"',
        '‘' | '’' | '`' | '´' | '′' => '\'',
        '–' | '—' | '‐' | '‑' => '-',
        c => c.to_lowercase().next().unwrap_or(c),
    }
}

/// Bytes of `t` that form `form` matches at its start.
fn match_len(form: &str, t: &str) -> Option<usize> {
    if t.starts_with(form) {
        return Some(form.len());
    }
    let first = t.chars().next()?;
    let unescaped = match form {
        "-LRB-" | "-LSB-" | "-LCB-" => Some(['(', '[', '{']),
        "-RRB-" | "-RSB-" | "-RCB-" => Some([')', ']', '}']),
        _ => None,
    };
    if let Some(set) = unescaped {
        return set.contains(&first).then_some(1);
    }
    match form {
        "``" | "''" | "\"" => {
            if t.starts_with("``") || t.starts_with("''") {
                return Some(2);
            }
            if fold(first) == '"' || fold(first) == '\'' {
                return Some(first.len_utf8());
            }
        }
        "--" if fold(first) == '-' => return Some(first.len_utf8()),
        "..." if first == '…' => return Some(first.len_utf8()),
        _ => {}
    }
    // Character by character, folding quotes and dashes.
    let mut it = t.char_indices();
    for fc in form.chars() {
        let (_, tc) = it.next()?;
        if fold(fc) != fold(tc) {
            return None;
        }
    }
    Some(it.next().map_or(t.len(), |(i, _)| i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn align_folds_quotes() {
        let mut s = Sentence::new();
        for f in ["``", "Hi", "''", "ca", "n't", "--", "go"] {
            s.push(f, Span::default(), true);
        }
        let text = "“Hi” can’t — go";
        align(&mut s, text).unwrap();
        let got: Vec<&str> = s.words.iter().map(|w| &text[w.span.range()]).collect();
        assert_eq!(got, ["“", "Hi", "”", "ca", "n’t", "—", "go"]);
        assert!(!s.words[1].space_after);
        assert!(s.words[2].space_after);
    }

    #[test]
    fn align_reports_first_mismatch() {
        let mut s = Sentence::new();
        for f in ["Hi", "there"] {
            s.push(f, Span::default(), true);
        }
        assert_eq!(align(&mut s, "Hi where"), Err(Mismatch::Word(1, 3)));
        // Re-synchronised: "there" is found further on.
        assert_eq!(align(&mut s, "Hi you there"), Err(Mismatch::Word(1, 3)));
        assert_eq!(s.words[1].span, Span::new(7, 12));
        assert_eq!(align(&mut s, "hi THERE"), Ok(()));
        assert_eq!(align(&mut s, "Hi there you"), Err(Mismatch::Uncovered(9)));
    }

    #[test]
    fn align_tolerates_missing_final_period() {
        let mut s = Sentence::new();
        for f in ["Hi", "there", "."] {
            s.push(f, Span::default(), true);
        }
        assert_eq!(align(&mut s, "Hi there"), Ok(()));
        assert!(s.words[2].span.is_empty());
        s.words.pop();
        assert_eq!(align(&mut s, "Hi there."), Ok(()));
    }
}
