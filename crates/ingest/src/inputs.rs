//! Every article input behind one iterator: files of any supported format
//! and directories of them.
//!
//! [`open_inputs`] is what `dyad code` and `dyad ingest` call with their
//! input paths and `--from` ([`Format`]; `auto` by default). It yields one
//! `Ok(Article)` per article and one `Err` per skipped file, line or record
//! (the error names the file and line or WARC record number), and always
//! goes on with the rest, so a caller counts skips as it goes:
//!
//! ```no_run
//! use dyad_ingest::article::ArticleOptions;
//! use dyad_ingest::inputs::{Format, open_inputs};
//!
//! let (mut ok, mut skipped) = (0, 0);
//! for item in open_inputs(["news/", "extra.jsonl"], Format::Auto, ArticleOptions::default()) {
//!     match item {
//!         Ok(article) => { ok += 1; /* code it */ let _ = article; }
//!         Err(e) => { skipped += 1; eprintln!("skipped: {e}"); }
//!     }
//! }
//! eprintln!("{ok} articles, {skipped} skipped");
//! ```
//!
//! Detection by content (first bytes, after a UTF-8 byte-order mark and
//! white space): `WARC/1.`, or gzip magic whose first member starts
//! `WARC/1.` -> WARC;
//! `{` -> JSON Lines; `<!DOCTYPE html`, `<html`, or `<` followed by an
//! HTML element within the first KiB -> HTML; anything else -> plain text.
//! Directories are walked recursively in name order; hidden entries
//! (names starting with `.`) are left out. The path `-` is standard input,
//! streamed (JSON Lines, WARC) or read whole (text, HTML), its format
//! detected from its first bytes the same way.
//!
//! With [`ArticleOptions::english_only`], an article that is not in English
//! ([`crate::language::english`]) becomes an `Err` of kind
//! [`SkipKind::NotEnglish`] at its file and line.

use std::collections::VecDeque;
use std::fs;
use std::io::{BufRead, BufReader, Read, Stdin};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use flate2::read::GzDecoder;

use crate::article::{Article, ArticleOptions, JsonlReader, read_text_file, text_article};
use crate::error::{Error, Result, SkipKind};
use crate::html::{HtmlInput, html_article};
use crate::language::english;
use crate::warc::WarcReader;

/// An input format (`--from`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// Detect each file's format from its content.
    #[default]
    Auto,
    /// One plain-text article per file.
    Text,
    /// JSON Lines, one article a line.
    Jsonl,
    /// One HTML page per file.
    Html,
    /// WARC, gzipped per record (Common Crawl News) or uncompressed.
    Warc,
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Format, String> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "auto" => Format::Auto,
            "text" | "txt" => Format::Text,
            "jsonl" | "json" | "ndjson" => Format::Jsonl,
            "html" | "htm" => Format::Html,
            "warc" => Format::Warc,
            _ => return Err(format!("unknown input format {s:?} (auto, text, jsonl, html, warc)")),
        })
    }
}

/// Largest HTML file read (64 MiB); a larger one is skipped.
const MAX_HTML_BYTES: u64 = 64 << 20;

/// Detects the format of a file from its first bytes.
///
/// # Errors
/// [`Error::Io`] if it cannot be read; [`Error::Input`] for a gzip file
/// that is not a WARC.
pub fn detect(path: &Path) -> Result<Format> {
    let name = path.display().to_string();
    let io = |source| Error::Io { file: name.clone(), source };
    let mut head = Vec::with_capacity(1024);
    fs::File::open(path).map_err(io)?.take(1024).read_to_end(&mut head).map_err(io)?;
    if head.starts_with(&[0x1f, 0x8b]) {
        let mut inner = Vec::with_capacity(16);
        let f = fs::File::open(path).map_err(io)?;
        let _ = GzDecoder::new(f).take(8).read_to_end(&mut inner);
        return if inner.starts_with(b"WARC/1.") {
            Ok(Format::Warc)
        } else {
            Err(Error::input(&name, 1, "gzip file that is not a WARC; skipped"))
        };
    }
    Ok(sniff(&head))
}

/// The format of uncompressed content from its first bytes.
fn sniff(head: &[u8]) -> Format {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
    let head = &head[start..];
    if head.starts_with(b"WARC/1.") {
        return Format::Warc;
    }
    if head.starts_with(b"{") {
        return Format::Jsonl;
    }
    if head.starts_with(b"<") {
        let lower = String::from_utf8_lossy(head).to_ascii_lowercase();
        let html = ["<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<article"]
            .iter()
            .any(|t| lower.contains(t));
        if html {
            return Format::Html;
        }
    }
    Format::Text
}

/// The label standard input has in errors and article ids.
pub const STDIN_LABEL: &str = "<stdin>";

/// The reader of the file being read.
#[derive(Debug)]
enum Stream {
    Warc(WarcReader<BufReader<fs::File>>),
    Jsonl(JsonlReader<BufReader<fs::File>>),
    StdinWarc(WarcReader<BufReader<Stdin>>),
    StdinJsonl(JsonlReader<BufReader<Stdin>>),
    One(Option<Result<Article>>),
}

impl Stream {
    fn next(&mut self) -> Option<Result<Article>> {
        match self {
            Stream::Warc(r) => r.next(),
            Stream::Jsonl(r) => r.next(),
            Stream::StdinWarc(r) => r.next(),
            Stream::StdinJsonl(r) => r.next(),
            Stream::One(a) => a.take(),
        }
    }

    fn skipped(&self) -> u64 {
        match self {
            Stream::Warc(r) => r.skipped(),
            Stream::StdinWarc(r) => r.skipped(),
            _ => 0,
        }
    }
}

/// Opens standard input in `format` (detected from its first bytes for
/// [`Format::Auto`]).
fn open_stdin(format: Format, opts: ArticleOptions) -> Result<Stream> {
    let io = |source| Error::Io { file: STDIN_LABEL.to_owned(), source };
    let mut input = BufReader::with_capacity(1 << 16, std::io::stdin());
    let format = match format {
        Format::Auto => {
            let head = input.fill_buf().map_err(io)?;
            if head.starts_with(&[0x1f, 0x8b]) { Format::Warc } else { sniff(head) }
        }
        f => f,
    };
    Ok(match format {
        Format::Warc => Stream::StdinWarc(WarcReader::new(input, STDIN_LABEL, opts)),
        Format::Jsonl => Stream::StdinJsonl(JsonlReader::new(input, STDIN_LABEL, opts)),
        Format::Text | Format::Auto | Format::Html => {
            let mut bytes = Vec::new();
            let cap = MAX_HTML_BYTES + 1;
            let read = input.take(cap).read_to_end(&mut bytes).map_err(io);
            let one = read.and_then(|_| {
                if bytes.len() as u64 > MAX_HTML_BYTES {
                    return Err(Error::input_kind(
                        SkipKind::TooLarge,
                        STDIN_LABEL,
                        1,
                        format!("standard input over {MAX_HTML_BYTES} bytes; skipped"),
                    ));
                }
                if format == Format::Html {
                    html_article(&bytes, &HtmlInput::new(STDIN_LABEL, "stdin"), &opts)
                } else {
                    text_article(bytes, STDIN_LABEL, "stdin".to_owned(), &opts)
                }
            });
            Stream::One(Some(one))
        }
    })
}

/// The iterator returned by [`open_inputs`].
#[derive(Debug)]
pub struct Inputs {
    pending: VecDeque<PathBuf>,
    current: Option<Stream>,
    skipped_records: u64,
    files: u64,
    format: Format,
    opts: ArticleOptions,
}

/// Articles from `paths` (files or directories), each file read in
/// `format` (or detected, for [`Format::Auto`]). See the module docs.
pub fn open_inputs<P: AsRef<Path>>(
    paths: impl IntoIterator<Item = P>,
    format: Format,
    opts: ArticleOptions,
) -> Inputs {
    Inputs {
        pending: paths.into_iter().map(|p| p.as_ref().to_path_buf()).collect(),
        current: None,
        skipped_records: 0,
        files: 0,
        format,
        opts,
    }
}

impl Inputs {
    /// WARC records passed over without an error so far (not `response`,
    /// not HTML, HTTP status not 2xx; see [`WarcReader::skipped`]). Errors
    /// are not counted here: each is an `Err` item.
    pub fn skipped_records(&self) -> u64 {
        self.skipped_records + self.current.as_ref().map_or(0, Stream::skipped)
    }

    /// Files opened so far (directories not counted).
    pub fn files(&self) -> u64 {
        self.files
    }

    /// Opens one file, or expands a directory into `pending`.
    fn open(&mut self, path: PathBuf) -> Option<Result<Stream>> {
        if path.as_os_str() == "-" {
            return Some(open_stdin(self.format, self.opts.clone()));
        }
        let name = path.display().to_string();
        let io = |source| Error::Io { file: name.clone(), source };
        let meta = match fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => return Some(Err(io(e))),
        };
        if meta.is_dir() {
            let entries = match fs::read_dir(&path) {
                Ok(r) => r,
                Err(e) => return Some(Err(io(e))),
            };
            let mut children: Vec<PathBuf> = entries
                .filter_map(|e| e.ok())
                .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                .map(|e| e.path())
                .collect();
            children.sort();
            for c in children.into_iter().rev() {
                self.pending.push_front(c);
            }
            return None;
        }
        let format = match self.format {
            Format::Auto => match detect(&path) {
                Ok(f) => f,
                Err(e) => return Some(Err(e)),
            },
            f => f,
        };
        let opts = self.opts.clone();
        Some(match format {
            Format::Warc => WarcReader::open(&path, opts).map(Stream::Warc),
            Format::Jsonl => JsonlReader::open(&path, opts).map(Stream::Jsonl),
            Format::Text | Format::Auto => Ok(Stream::One(Some(read_text_file(&path, &opts)))),
            Format::Html => Ok(Stream::One(Some(read_html_file(&path, &opts)))),
        })
    }
}

/// Reads one HTML file as one article (id = the file name).
///
/// # Errors
/// [`Error::Io`] if it cannot be read; [`Error::Input`] if it is larger
/// than 64 MiB or as [`html_article`].
pub fn read_html_file(path: &Path, opts: &ArticleOptions) -> Result<Article> {
    let name = path.display().to_string();
    let io = |source| Error::Io { file: name.clone(), source };
    let f = fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::new();
    BufReader::new(f).take(MAX_HTML_BYTES + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > MAX_HTML_BYTES {
        return Err(Error::input_kind(
            SkipKind::TooLarge,
            &name,
            1,
            format!("HTML file over {MAX_HTML_BYTES} bytes; skipped"),
        ));
    }
    let id = path.file_name().map_or_else(|| name.clone(), |n| n.to_string_lossy().into_owned());
    html_article(&bytes, &HtmlInput::new(name.clone(), id), opts)
}

impl Inputs {
    /// With [`ArticleOptions::english_only`], turns an article that is not
    /// in English into an error at its file and line.
    fn check_language(&self, item: Result<Article>) -> Result<Article> {
        let a = item?;
        if !self.opts.english_only {
            return Ok(a);
        }
        let m = english(&a.text);
        if m.is_english() {
            return Ok(a);
        }
        Err(Error::Input {
            file: a.file.clone(),
            line: a.line,
            message: format!("article {}: not English: {m}; skipped", a.id),
            record: Some(a.id),
            kind: SkipKind::NotEnglish,
        })
    }
}

impl Iterator for Inputs {
    type Item = Result<Article>;

    fn next(&mut self) -> Option<Result<Article>> {
        loop {
            if let Some(cur) = &mut self.current {
                match cur.next() {
                    Some(item) => return Some(self.check_language(item)),
                    None => {
                        self.skipped_records += cur.skipped();
                        self.current = None;
                    }
                }
            }
            let path = self.pending.pop_front()?;
            match self.open(path) {
                None => {}
                Some(Ok(stream)) => {
                    self.files += 1;
                    self.current = Some(stream);
                }
                Some(Err(e)) => return Some(Err(e)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing() {
        assert_eq!(sniff(b"\xEF\xBB\xBF  {\"id\":1}"), Format::Jsonl);
        assert_eq!(sniff(b"\n<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(sniff(b"<HTML><body>x"), Format::Html);
        assert_eq!(sniff(b"<Sentences>"), Format::Text);
        assert_eq!(sniff(b"Baku accused Tehran."), Format::Text);
        assert_eq!(sniff(b"WARC/1.1\r\nWARC-Type: warcinfo"), Format::Warc);
        assert_eq!("WARC".parse::<Format>(), Ok(Format::Warc));
        assert!("pdf".parse::<Format>().is_err());
    }
}
