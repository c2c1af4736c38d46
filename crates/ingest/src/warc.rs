//! WARC files as published by Common Crawl News: a sequence of gzip
//! members, one WARC/1.0 or WARC/1.1 record each. Uncompressed WARC files
//! (records one after another, each `Content-Length` long) are read too.
//!
//! [`WarcReader`] streams: it decompresses one member at a time, keeps at
//! most [`WarcReader::max_record_bytes`] of a record (a longer record is
//! drained without being kept, reported and skipped), and yields one
//! [`Article`] per `response` record whose HTTP payload is HTML (see
//! [`crate::html`]): id = `WARC-Record-ID`, url = `WARC-Target-URI`, date =
//! the page's publication date, else `WARC-Date`. Other record types
//! (`warcinfo`, `request`, `metadata`, ...) and responses that are not
//! HTML or not status 2xx are skipped and counted in
//! [`WarcReader::skipped`].
//!
//! Errors carry the file and the 1-based record number (in
//! [`Error::Input`]'s `line`, and in the message) and, when known, the
//! record id. A record that is bad in itself (no text, shorter than its
//! `Content-Length`, too long) is reported and reading goes on with the next
//! member; a truncated or corrupt gzip stream is reported and ends the file,
//! keeping every article read before it.

use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use flate2::bufread::GzDecoder;

use dyad_types::Date;

use crate::article::{Article, ArticleOptions};
use crate::error::{Error, Result, SkipKind};
use crate::html::{HtmlInput, charset_param, html_article};

/// Largest WARC record kept by default (32 MiB, headers included).
pub const DEFAULT_MAX_RECORD_BYTES: usize = 32 << 20;

/// A streaming reader of a gzipped WARC file: an iterator of articles, one
/// `Err` per bad record.
#[derive(Debug)]
pub struct WarcReader<R> {
    inner: R,
    file: String,
    opts: ArticleOptions,
    max: usize,
    record: u64,
    skipped: u64,
    buf: Vec<u8>,
    gzip: Option<bool>,
    done: bool,
}

impl WarcReader<BufReader<std::fs::File>> {
    /// Opens a `.warc.gz` file.
    ///
    /// # Errors
    /// [`Error::Io`] if it cannot be opened.
    pub fn open(path: impl AsRef<Path>, opts: ArticleOptions) -> Result<Self> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let f =
            std::fs::File::open(path).map_err(|source| Error::Io { file: name.clone(), source })?;
        Ok(WarcReader::new(BufReader::with_capacity(1 << 16, f), name, opts))
    }
}

/// One parsed WARC record header.
#[derive(Default)]
struct Head {
    kind: String,
    id: Option<String>,
    uri: Option<String>,
    date: Option<Date>,
    length: Option<usize>,
}

impl<R: BufRead> WarcReader<R> {
    /// A reader over gzipped WARC bytes; `file` names it in errors.
    pub fn new(inner: R, file: impl Into<String>, opts: ArticleOptions) -> Self {
        WarcReader {
            inner,
            file: file.into(),
            opts,
            max: DEFAULT_MAX_RECORD_BYTES,
            record: 0,
            skipped: 0,
            buf: Vec::new(),
            gzip: None,
            done: false,
        }
    }

    /// Sets the largest record kept (headers and block); longer records are
    /// skipped with an error, read through without being held in memory.
    pub fn with_max_record_bytes(mut self, max: usize) -> Self {
        self.max = max;
        self
    }

    /// The largest record kept.
    pub fn max_record_bytes(&self) -> usize {
        self.max
    }

    /// The number of the last record read (1-based).
    pub fn record(&self) -> u64 {
        self.record
    }

    /// Records skipped without an error so far: not `response`, not HTML,
    /// or an HTTP status other than 2xx.
    pub fn skipped(&self) -> u64 {
        self.skipped
    }

    fn err(&self, id: Option<&str>, msg: impl std::fmt::Display) -> Error {
        self.err_kind(SkipKind::Malformed, id, msg)
    }

    fn err_kind(&self, kind: SkipKind, id: Option<&str>, msg: impl std::fmt::Display) -> Error {
        Error::Input {
            file: self.file.clone(),
            line: self.record,
            record: id.map(str::to_owned),
            message: format!("WARC record {}: {msg}", self.record),
            kind,
        }
    }

    /// Reads the next record into `buf` (at most `max + 1` bytes kept; the
    /// rest is drained): the next gzip member, or in an uncompressed file
    /// the header and `Content-Length` bytes of block. `Ok(None)` at the end
    /// of the file, `Ok(Some(total))` with the record's size.
    fn next_member(&mut self) -> io::Result<Option<u64>> {
        self.buf.clear();
        let gzip = loop {
            match self.inner.fill_buf() {
                Ok([]) => return Ok(None),
                Ok(b) => break b[0] == 0x1f,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        };
        let cap = u64::try_from(self.max).unwrap_or(u64::MAX).saturating_add(1);
        if *self.gzip.get_or_insert(gzip) {
            let mut gz = GzDecoder::new(&mut self.inner);
            let kept = (&mut gz).take(cap).read_to_end(&mut self.buf)? as u64;
            let rest = io::copy(&mut gz, &mut io::sink())?;
            return Ok(Some(kept + rest));
        }
        self.next_plain(cap)
    }

    /// One record of an uncompressed WARC file.
    fn next_plain(&mut self, cap: u64) -> io::Result<Option<u64>> {
        // Blank lines between records.
        loop {
            let b = self.inner.fill_buf()?;
            if b.is_empty() {
                return Ok(None);
            }
            let n = b.iter().take_while(|&&c| c == b'\r' || c == b'\n').count();
            if n == 0 {
                break;
            }
            self.inner.consume(n);
        }
        let mut length = 0u64;
        loop {
            let start = self.buf.len();
            let n = (&mut self.inner).take(1 << 16).read_until(b'\n', &mut self.buf)?;
            let line = String::from_utf8_lossy(&self.buf[start..]);
            if n == 0 || line.trim().is_empty() || self.buf.len() > 1 << 20 {
                break;
            }
            if let Some((k, v)) = line.split_once(':')
                && k.trim().eq_ignore_ascii_case("content-length")
            {
                length = v.trim().parse().unwrap_or(0);
            }
        }
        let head = self.buf.len() as u64;
        let keep = length.min(cap.saturating_sub(head));
        let kept = (&mut self.inner).take(keep).read_to_end(&mut self.buf)? as u64;
        let rest = io::copy(&mut (&mut self.inner).take(length - keep), &mut io::sink())?;
        Ok(Some(head + kept + rest))
    }

    fn parse_head(&self) -> Result<(Head, usize)> {
        let end = find(&self.buf, b"\r\n\r\n")
            .map(|i| (i, i + 4))
            .or_else(|| find(&self.buf, b"\n\n").map(|i| (i, i + 2)))
            .ok_or_else(|| {
                self.err_kind(
                    SkipKind::Truncated,
                    None,
                    "truncated record: no end of the WARC header",
                )
            })?;
        let text = String::from_utf8_lossy(&self.buf[..end.0]);
        let mut lines = text.lines();
        let version = lines.next().unwrap_or("").trim();
        if !version.starts_with("WARC/1.") {
            return Err(self.err(None, format!("not a WARC/1.x record (starts {version:?})")));
        }
        let mut h = Head::default();
        for line in lines {
            let Some((k, v)) = line.split_once(':') else { continue };
            let v = v.trim();
            match k.trim().to_ascii_lowercase().as_str() {
                "warc-type" => h.kind = v.to_ascii_lowercase(),
                "warc-record-id" => h.id = Some(v.trim_matches(['<', '>']).to_owned()),
                "warc-target-uri" => h.uri = Some(v.trim_matches(['<', '>']).to_owned()),
                "warc-date" => h.date = Date::parse(v),
                "content-length" => h.length = v.parse().ok(),
                _ => {}
            }
        }
        Ok((h, end.1))
    }

    /// The article of the record in `buf`; `Ok(None)` if it is skipped.
    fn article(&mut self) -> Result<Option<Article>> {
        let (h, start) = self.parse_head()?;
        let id = h.id.as_deref();
        let Some(length) = h.length else {
            return Err(self.err(id, "no Content-Length"));
        };
        let block = &self.buf[start..];
        if block.len() < length {
            return Err(self.err_kind(
                SkipKind::Truncated,
                id,
                format!(
                    "truncated record: block of {} bytes, Content-Length {length}",
                    block.len()
                ),
            ));
        }
        if h.kind != "response" {
            self.skipped += 1;
            return Ok(None);
        }
        let block = &block[..length];
        let (status, ctype, body) = http_response(block)
            .ok_or_else(|| self.err(id, "response record without an HTTP header"))?;
        let html = ctype.as_deref().is_none_or(|c| {
            let c = c.to_ascii_lowercase();
            c.contains("html") || c.starts_with("text/plain") && looks_html(body)
        });
        if !(200..300).contains(&status) || !html {
            self.skipped += 1;
            return Ok(None);
        }
        let input = HtmlInput {
            file: self.file.clone(),
            line: self.record,
            id: h.id.clone().unwrap_or_else(|| format!("{}#{}", self.file, self.record)),
            url: h.uri.clone(),
            fixed_url: true,
            charset: ctype.as_deref().and_then(charset_param),
            fallback_date: h.date,
        };
        html_article(body, &input, &self.opts).map(Some).map_err(|e| match e {
            Error::Input { message, kind, .. } => self.err_kind(kind, Some(&input.id), message),
            other => other,
        })
    }
}

/// Splits an HTTP response block: status code, `Content-Type`, body.
fn http_response(block: &[u8]) -> Option<(u16, Option<String>, &[u8])> {
    let (head_end, body_start) = find(block, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| find(block, b"\n\n").map(|i| (i, i + 2)))
        .unwrap_or((block.len(), block.len()));
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status_line = lines.next()?;
    if !status_line.starts_with("HTTP/") {
        return None;
    }
    let status = status_line.split_whitespace().nth(1)?.parse().ok()?;
    let ctype = lines.find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.trim().eq_ignore_ascii_case("content-type").then(|| v.trim().to_owned())
    });
    Some((status, ctype, &block[body_start..]))
}

fn looks_html(body: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&body[..body.len().min(1024)]).to_ascii_lowercase();
    head.contains("<html") || head.contains("<!doctype html")
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Result<Article>;

    fn next(&mut self) -> Option<Result<Article>> {
        while !self.done {
            let member = self.next_member();
            self.record += 1;
            let total = match member {
                Ok(None) => {
                    self.record -= 1;
                    self.done = true;
                    return None;
                }
                Ok(Some(n)) => n,
                Err(e) => {
                    // A gzip stream cannot be re-synchronised: end the file.
                    self.done = true;
                    let kind = if self.gzip == Some(false) {
                        SkipKind::Unreadable
                    } else {
                        SkipKind::Truncated
                    };
                    let what = if self.gzip == Some(false) {
                        format!("read error ({e})")
                    } else if e.kind() == io::ErrorKind::UnexpectedEof {
                        "truncated gzip member".to_owned()
                    } else {
                        format!("unreadable gzip member ({e})")
                    };
                    let msg = format!("{what}; the rest of the file is skipped");
                    return Some(Err(self.err_kind(kind, None, msg)));
                }
            };
            if total > self.max as u64 {
                let max = self.max;
                let id = self.parse_head().ok().and_then(|(h, _)| h.id);
                let msg =
                    format!("record of {total} bytes is longer than the limit of {max}; skipped");
                return Some(Err(self.err_kind(SkipKind::TooLarge, id.as_deref(), msg)));
            }
            match self.article() {
                Ok(None) => continue,
                Ok(Some(a)) => return Some(Ok(a)),
                Err(e) => return Some(Err(e)),
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::{Compression, write::GzEncoder};
    use std::io::Write;

    fn member(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn huge_record_is_drained_not_buffered() {
        let body = vec![b'a'; 8 << 20];
        let mut rec =
            format!("WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: {}\r\n\r\n", body.len())
                .into_bytes();
        rec.extend_from_slice(&body);
        let mut file = member(&rec);
        file.extend(member(b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n"));
        let mut r = WarcReader::new(&file[..], "t", ArticleOptions::default())
            .with_max_record_bytes(1 << 16);
        let e = r.next().unwrap().unwrap_err().to_string();
        assert!(e.contains("longer than the limit of 65536"), "{e}");
        assert!(r.buf.capacity() <= 1 << 18 && r.buf.len() > 1 << 15, "{}", r.buf.capacity());
        assert!(r.next().is_none());
        assert_eq!((r.record(), r.skipped()), (2, 1));
    }
}
