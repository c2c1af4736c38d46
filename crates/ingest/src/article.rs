//! Articles to code: plain-text files (one article per file) and JSON Lines
//! (`{"id","date","url","source","title","text"}`, one article a line).
//!
//! The JSON Lines reader streams: it holds one line at a time, caps the
//! length of a line (a longer line is skipped and reported, never buffered
//! whole), and reports a bad line (invalid JSON or UTF-8, no text, a bad or
//! missing date, a date after [`ArticleOptions::not_after`]) with its line
//! number, then goes on with the next line.
//!
//! # Examples
//! ```
//! use dyad_ingest::article::{ArticleOptions, JsonlReader};
//!
//! let input = r#"{"id":"a1","date":"2023-03-31","title":"T","text":"Baku accused Tehran."}
//! not json
//! {"id":"a2","date":"2023-04-01","text":"Tehran denied it."}
//! "#;
//! let reader = JsonlReader::new(input.as_bytes(), "<example>", ArticleOptions::default());
//! let (ok, bad): (Vec<_>, Vec<_>) = reader.partition(|r| r.is_ok());
//! assert_eq!(ok.len(), 2);
//! assert_eq!(bad.len(), 1);
//! let first = ok[0].as_ref().unwrap();
//! assert_eq!(first.date.unwrap().to_string(), "2023-03-31");
//! assert_eq!(first.line, 1);
//! ```

use std::io::{BufRead, ErrorKind};
use std::path::Path;

use dyad_types::Date;
use serde_json::Value;

use crate::error::{Error, Result, SkipKind};

/// Longest JSON line read by default (16 MiB); longer lines are skipped.
pub const DEFAULT_MAX_LINE_BYTES: usize = 16 << 20;

/// One article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    /// The article's id: as given, else (JSON Lines) `file:line`, or (plain
    /// text) the file name.
    pub id: String,
    /// Publication date, when known.
    pub date: Option<Date>,
    /// Where it was published.
    pub url: Option<String>,
    /// The outlet (`"AFP"`).
    pub source: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The body text, exactly as given.
    pub text: String,
    /// The input it was read from (path or label).
    pub file: String,
    /// 1-based line in that input (1 for a plain-text file).
    pub line: u64,
}

/// Options for the article readers.
#[derive(Clone, Debug)]
pub struct ArticleOptions {
    /// Date for articles that carry none (the plain-text `--date`). Without
    /// it, a JSON line with no date is an error (unless
    /// [`ArticleOptions::allow_undated`]) and a plain-text article has no
    /// date.
    pub date: Option<Date>,
    /// Dates after this one are errors (a date in the future).
    pub not_after: Option<Date>,
    /// Longest line read; a longer line is an error and is skipped.
    pub max_line_bytes: usize,
    /// Accept a JSON line with no date (and no [`ArticleOptions::date`]):
    /// the article is read with `date: None` instead of being an error.
    pub allow_undated: bool,
    /// Skip articles that are not in English ([`crate::language`]) with a
    /// [`SkipKind::NotEnglish`] error. Applied by [`crate::open_inputs`].
    pub english_only: bool,
}

impl Default for ArticleOptions {
    fn default() -> ArticleOptions {
        ArticleOptions {
            date: None,
            not_after: None,
            max_line_bytes: DEFAULT_MAX_LINE_BYTES,
            allow_undated: false,
            english_only: false,
        }
    }
}

impl ArticleOptions {
    pub(crate) fn check_date(&self, d: Date) -> std::result::Result<Date, String> {
        match self.not_after {
            Some(limit) if d > limit => Err(format!("date {d} is after {limit} (in the future?)")),
            _ => Ok(d),
        }
    }
}

/// Reads one plain-text file as one article: the whole file is the text,
/// the file name the id, [`ArticleOptions::date`] the date.
///
/// # Errors
/// [`Error::Io`] if the file cannot be read; [`Error::Input`] if it is not
/// UTF-8, looks binary (NUL bytes), holds only whitespace, or the given date
/// is after [`ArticleOptions::not_after`].
pub fn read_text_file(path: impl AsRef<Path>, opts: &ArticleOptions) -> Result<Article> {
    let path = path.as_ref();
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| Error::Io { file: name.clone(), source })?;
    let id = path.file_name().map_or_else(|| name.clone(), |n| n.to_string_lossy().into_owned());
    text_article(bytes, &name, id, opts)
}

/// A plain-text article from bytes already read (`file` names the input,
/// `id` becomes the article id).
///
/// # Errors
/// As [`read_text_file`], without the I/O error.
pub fn text_article(
    bytes: Vec<u8>,
    file: &str,
    id: String,
    opts: &ArticleOptions,
) -> Result<Article> {
    if bytes.contains(&0) {
        return Err(Error::input(file, 1, "binary file (NUL bytes), not text"));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let line = 1 + e.as_bytes()[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        Error::input(file, line as u64, format!("not UTF-8: {}", e.utf8_error()))
    })?;
    if text.trim().is_empty() {
        return Err(Error::input_kind(SkipKind::NoText, file, 1, "empty article"));
    }
    let date = opts
        .date
        .map(|d| opts.check_date(d))
        .transpose()
        .map_err(|m| Error::input_kind(SkipKind::BadDate, file, 1, m))?;
    Ok(Article {
        id,
        date,
        url: None,
        source: None,
        title: None,
        text,
        file: file.to_owned(),
        line: 1,
    })
}

/// A streaming JSON Lines article reader: an iterator of articles, one
/// `Err` per bad line (the next call goes on with the next line).
#[derive(Debug)]
pub struct JsonlReader<R> {
    inner: R,
    file: String,
    opts: ArticleOptions,
    line: u64,
    buf: Vec<u8>,
    done: bool,
}

impl JsonlReader<std::io::BufReader<std::fs::File>> {
    /// Opens a JSON Lines file.
    ///
    /// # Errors
    /// [`Error::Io`] if it cannot be opened.
    pub fn open(path: impl AsRef<Path>, opts: ArticleOptions) -> Result<Self> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let f =
            std::fs::File::open(path).map_err(|source| Error::Io { file: name.clone(), source })?;
        Ok(JsonlReader::new(std::io::BufReader::with_capacity(1 << 16, f), name, opts))
    }
}

/// Outcome of reading one line with a length cap.
enum Line {
    Eof,
    Ok,
    TooLong(usize),
}

impl<R: BufRead> JsonlReader<R> {
    /// A reader over `inner`; `file` names it in errors.
    pub fn new(inner: R, file: impl Into<String>, opts: ArticleOptions) -> Self {
        JsonlReader { inner, file: file.into(), opts, line: 0, buf: Vec::new(), done: false }
    }

    /// The number of the last line read (1-based).
    pub fn line(&self) -> u64 {
        self.line
    }

    /// Reads the next line into `buf` (without its line end), keeping at
    /// most `max_line_bytes` (+2 for the line end); the rest of a longer
    /// line is consumed and dropped.
    fn next_line(&mut self) -> std::io::Result<Line> {
        self.buf.clear();
        let max = self.opts.max_line_bytes;
        let (mut total, mut any, mut newline) = (0usize, false, false);
        loop {
            let chunk = match self.inner.fill_buf() {
                Ok(c) => c,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if chunk.is_empty() {
                break;
            }
            any = true;
            let (take, end) = match chunk.iter().position(|&c| c == b'\n') {
                Some(i) => (i + 1, true),
                None => (chunk.len(), false),
            };
            let room = max.saturating_add(2).saturating_sub(self.buf.len());
            self.buf.extend_from_slice(&chunk[..take.min(room)]);
            total += take;
            self.inner.consume(take);
            if end {
                newline = true;
                break;
            }
        }
        if !any {
            return Ok(Line::Eof);
        }
        if self.buf.len() < total {
            return Ok(Line::TooLong(total - usize::from(newline)));
        }
        while self.buf.last().is_some_and(|&b| b == b'\n' || b == b'\r') {
            self.buf.pop();
        }
        if self.buf.len() > max {
            return Ok(Line::TooLong(self.buf.len()));
        }
        Ok(Line::Ok)
    }

    fn err(&self, msg: impl Into<String>) -> Error {
        Error::input(&self.file, self.line, msg)
    }

    fn err_kind(&self, kind: SkipKind, msg: impl Into<String>) -> Error {
        Error::input_kind(kind, &self.file, self.line, msg)
    }

    fn article(&self) -> Result<Article> {
        let s = std::str::from_utf8(&self.buf).map_err(|e| self.err(format!("not UTF-8: {e}")))?;
        let v: Value =
            serde_json::from_str(s).map_err(|e| self.err(format!("invalid JSON: {e}")))?;
        let Value::Object(obj) = v else {
            return Err(self.err("expected a JSON object"));
        };
        let string = |key: &str| -> Result<Option<String>> {
            match obj.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(Value::Number(n)) if key == "id" => Ok(Some(n.to_string())),
                Some(other) => {
                    Err(self.err(format!("field {key:?} must be a string, found {other}")))
                }
            }
        };
        let id = string("id")?
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| format!("{}:{}", self.file, self.line));
        let text = string("text")?
            .ok_or_else(|| self.err_kind(SkipKind::NoText, format!("article {id}: no \"text\"")))?;
        if text.trim().is_empty() {
            return Err(self.err_kind(SkipKind::NoText, format!("article {id}: empty text")));
        }
        let date = match string("date")? {
            Some(d) => Some(Date::parse(&d).ok_or_else(|| {
                self.err_kind(
                    SkipKind::BadDate,
                    format!("article {id}: date {d:?} is not YYYY-MM-DD or YYYYMMDD"),
                )
            })?),
            None => self.opts.date,
        };
        if date.is_none() && !self.opts.allow_undated {
            return Err(self.err_kind(
                SkipKind::BadDate,
                format!("article {id}: no date (give a default date to accept it)"),
            ));
        }
        let date = date
            .map(|d| self.opts.check_date(d))
            .transpose()
            .map_err(|m| self.err_kind(SkipKind::BadDate, format!("article {id}: {m}")))?;
        let e = |r: Result<Option<String>>| {
            r.map_err(|e| match e {
                Error::Input { file, line, record: None, message, kind } => {
                    Error::Input { file, line, record: Some(id.clone()), message, kind }
                }
                other => other,
            })
        };
        Ok(Article {
            url: e(string("url"))?,
            source: e(string("source"))?,
            title: e(string("title"))?,
            id,
            date,
            text,
            file: self.file.clone(),
            line: self.line,
        })
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Result<Article>;

    fn next(&mut self) -> Option<Result<Article>> {
        if self.done {
            return None;
        }
        loop {
            let line = match self.next_line() {
                Ok(l) => l,
                Err(source) => {
                    self.done = true;
                    return Some(Err(Error::Io {
                        file: format!("{}:{}", self.file, self.line + 1),
                        source,
                    }));
                }
            };
            self.line += 1;
            match line {
                Line::Eof => {
                    self.done = true;
                    return None;
                }
                Line::TooLong(n) => {
                    let max = self.opts.max_line_bytes;
                    return Some(Err(self.err_kind(
                        SkipKind::TooLarge,
                        format!("line of {n} bytes is longer than the limit of {max}; skipped"),
                    )));
                }
                Line::Ok if self.buf.iter().all(u8::is_ascii_whitespace) => continue,
                Line::Ok => return Some(self.article()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_skipped_not_buffered() {
        let long = format!("{{\"text\":\"{}\",\"date\":\"2023-01-01\"}}", "x".repeat(5000));
        let input =
            format!("{long}\n{{\"id\":\"b\",\"date\":\"2023-01-01\",\"text\":\"ok\"}}\n{long}");
        let opts = ArticleOptions { max_line_bytes: 1000, ..ArticleOptions::default() };
        let mut r =
            JsonlReader::new(std::io::BufReader::with_capacity(64, input.as_bytes()), "t", opts);
        let e = r.next().unwrap().unwrap_err().to_string();
        let want = format!("t:1: line of {} bytes is longer than the limit of 1000", long.len());
        assert!(e.starts_with(&want), "{e}");
        assert!(r.buf.capacity() < 4000);
        assert_eq!(r.next().unwrap().unwrap().id, "b");
        assert!(r.next().unwrap().is_err());
        assert!(r.next().is_none());
    }
}
