//! A streaming CoNLL-U reader and writer.
//!
//! The reader fills a caller-owned [`Sentence`] (the words, with their gold
//! LEMMA, UPOS, XPOS, HEAD and DEPREL) plus a [`ConlluExtra`] that keeps
//! everything else the format carries: comments, multiword-token lines
//! (`3-4`), empty nodes (`8.1`) and the FEATS, DEPS and MISC columns. The
//! writer puts them back, so reading then writing a file reproduces it, and a
//! tagger/parser run in between changes only the LEMMA, UPOS, XPOS, HEAD and
//! DEPREL columns.
//!
//! Multiword tokens and empty nodes are not words of the [`Sentence`] (UD
//! tags and parses the syntactic words of the basic tree only); they are kept
//! as raw lines at their position.
//!
//! Format reference: <https://universaldependencies.org/format.html>.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::Path;

use dyad_types::{Deprel, Sentence, Span, Upos, Xpos};

use crate::error::{Error, Result};

/// Longest line the reader accepts, in bytes. Longer lines are an error, so a
/// binary or corrupt file cannot make the reader allocate without bound.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// The parts of a CoNLL-U sentence that are not in [`Sentence`]: comments,
/// multiword-token and empty-node lines, and the FEATS, DEPS and MISC columns
/// of each word.
///
/// Like [`Sentence`], it is a reusable buffer: [`ConlluExtra::clear`] keeps
/// the allocations.
#[derive(Clone, Debug, Default)]
pub struct ConlluExtra {
    /// Storage for raw lines and columns; the spans below point into it.
    text: String,
    /// Raw non-word lines (comments, `3-4` ranges, `8.1` empty nodes), each
    /// with the 0-based index of the word it comes before (the word count
    /// for lines after the last word).
    lines: Vec<(u32, Span)>,
    /// FEATS, DEPS and MISC of each word.
    cols: Vec<[Span; 3]>,
    /// Line number of the sentence's first line (0 if not read from a file).
    first_line: u64,
}

impl ConlluExtra {
    /// An empty record.
    pub fn new() -> ConlluExtra {
        ConlluExtra::default()
    }

    /// Removes everything, keeping the allocations.
    pub fn clear(&mut self) {
        self.text.clear();
        self.lines.clear();
        self.cols.clear();
        self.first_line = 0;
    }

    /// The 1-based line number where the sentence started in its file (0 when
    /// the record was not read from a file).
    pub fn first_line(&self) -> u64 {
        self.first_line
    }

    /// The comment lines, with their leading `#`.
    pub fn comments(&self) -> impl Iterator<Item = &str> + '_ {
        self.lines.iter().map(|&(_, s)| s.of(&self.text)).filter(|l| l.starts_with('#'))
    }

    /// The value of a `# key = value` comment (`"sent_id"`, `"text"`).
    pub fn comment_value(&self, key: &str) -> Option<&str> {
        self.comments().find_map(|c| {
            let (k, v) = c[1..].split_once('=')?;
            (k.trim() == key).then(|| v.trim())
        })
    }

    /// The `# sent_id` of the sentence.
    pub fn sent_id(&self) -> Option<&str> {
        self.comment_value("sent_id")
    }

    /// The `# text` of the sentence.
    pub fn text(&self) -> Option<&str> {
        self.comment_value("text")
    }

    /// Raw non-word lines, each with the 0-based index of the word it comes
    /// before.
    pub fn raw_lines(&self) -> impl Iterator<Item = (usize, &str)> + '_ {
        self.lines.iter().map(|&(i, s)| (i as usize, s.of(&self.text)))
    }

    /// FEATS of word `i` (0-based); `"_"` when unknown.
    pub fn feats(&self, i: usize) -> &str {
        self.col(i, 0)
    }

    /// DEPS (enhanced dependencies) of word `i` (0-based); `"_"` when unknown.
    pub fn deps(&self, i: usize) -> &str {
        self.col(i, 1)
    }

    /// MISC of word `i` (0-based); `"_"` when unknown.
    pub fn misc(&self, i: usize) -> &str {
        self.col(i, 2)
    }

    fn col(&self, i: usize, c: usize) -> &str {
        match self.cols.get(i) {
            Some(cols) if !cols[c].is_empty() => cols[c].of(&self.text),
            _ => "_",
        }
    }

    /// Adds a comment line before the first word, for sentences built from
    /// raw text (`"# text = ..."`). A missing leading `#` is added; line
    /// breaks are replaced by spaces so the comment stays one line.
    pub fn push_comment(&mut self, comment: &str) {
        let start = self.text.len();
        if !comment.starts_with('#') {
            self.text.push_str("# ");
        }
        for c in comment.chars() {
            self.text.push(if c == '\n' || c == '\r' { ' ' } else { c });
        }
        let pos = self.lines.iter().take_while(|(i, _)| *i == 0).count();
        self.lines.insert(pos, (0, Span::new(start, self.text.len())));
    }

    fn push_line(&mut self, before: usize, line: &str) {
        let s = self.store(line);
        self.lines.push((before as u32, s));
    }

    fn store(&mut self, s: &str) -> Span {
        if s == "_" {
            return Span::default();
        }
        let start = self.text.len();
        self.text.push_str(s);
        Span::new(start, self.text.len())
    }
}

/// Reads CoNLL-U sentence by sentence from any [`BufRead`].
///
/// Errors name the input (`file`) and line and say what was expected. After
/// an error the reader skips to the next blank line, so a caller may report
/// the bad sentence and go on.
///
/// # Examples
/// ```
/// use dyad_parse::{ConlluExtra, ConlluReader};
/// use dyad_types::Sentence;
///
/// let data = "# text = Hi.\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\tSpaceAfter=No\n2\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n";
/// let mut reader = ConlluReader::new(data.as_bytes(), "<example>");
/// let (mut sent, mut extra) = (Sentence::new(), ConlluExtra::new());
/// assert!(reader.read_sentence(&mut sent, &mut extra)?);
/// assert_eq!(sent.len(), 2);
/// assert_eq!(extra.text(), Some("Hi."));
/// assert!(!reader.read_sentence(&mut sent, &mut extra)?);
/// # Ok::<(), dyad_parse::Error>(())
/// ```
#[derive(Debug)]
pub struct ConlluReader<R> {
    inner: R,
    file: String,
    line: u64,
    bytes: Vec<u8>,
    check_heads: bool,
    /// Skip lines up to the next blank line before reading (after an error).
    resync: bool,
    /// Line number of each word of the current sentence (for HEAD errors).
    word_lines: Vec<u64>,
    /// DFS state for the cycle check.
    state: Vec<u8>,
    path: Vec<u32>,
}

impl ConlluReader<BufReader<File>> {
    /// Opens a file.
    ///
    /// # Errors
    /// [`Error::Io`] if the file cannot be opened.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let f =
            File::open(path).map_err(|source| Error::Io { file: name.clone(), line: 0, source })?;
        Ok(ConlluReader::new(BufReader::with_capacity(1 << 16, f), name))
    }
}

/// What the reader is in the middle of while reading one sentence.
#[derive(Default)]
struct SentState {
    /// Last word ID covered by the current multiword token, 0 if none.
    mwt_end: u32,
    /// Line of that multiword token.
    mwt_line: u64,
    /// Whether whitespace follows the multiword token.
    mwt_space: bool,
    /// Byte offset of the next word in the text rebuilt from the forms.
    offset: usize,
    /// Line of the first line of the sentence (0 while none read).
    first: u64,
}

impl<R: BufRead> ConlluReader<R> {
    /// A reader over `inner`; `file` names the input in error messages.
    pub fn new(inner: R, file: impl Into<String>) -> Self {
        ConlluReader {
            inner,
            file: file.into(),
            line: 0,
            bytes: Vec::new(),
            check_heads: true,
            resync: false,
            word_lines: Vec::new(),
            state: Vec::new(),
            path: Vec::new(),
        }
    }

    /// Whether to check that HEADs are in range and form no cycle (default
    /// true). Turn it off for input whose trees will be overwritten anyway.
    /// Non-numeric HEADs are an error either way.
    pub fn check_heads(mut self, yes: bool) -> Self {
        self.check_heads = yes;
        self
    }

    /// The input's name, as given to [`ConlluReader::new`].
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The number of the last line read (1-based; 0 before any).
    pub fn line(&self) -> u64 {
        self.line
    }

    /// Reads the next sentence into `sent` and `extra` (both cleared first).
    /// Returns `Ok(false)` at the end of the input.
    ///
    /// `"_"` in LEMMA gives an empty lemma, in UPOS [`Upos::X`], in XPOS
    /// [`Xpos::NONE`], in HEAD `u32::MAX` (not parsed), in DEPREL
    /// [`Deprel::NONE`]. Unknown UPOS/XPOS tags read leniently as `X`/`_`,
    /// unknown relations through [`Deprel::parse_lenient`]. Whitespace after
    /// a word comes from `SpaceAfter=No` in MISC (of the multiword token for
    /// the words it covers); word spans point into the text rebuilt from the
    /// forms.
    ///
    /// # Errors
    /// [`Error::Input`] with the line for: a row without exactly 10
    /// tab-separated columns, an empty column, a bad or out-of-sequence ID, a
    /// bad multiword range, a non-numeric HEAD, a HEAD out of range or in a
    /// cycle (when [`ConlluReader::check_heads`] is on), invalid UTF-8, a line
    /// over [`MAX_LINE_BYTES`], comments without words. [`Error::Io`] for
    /// read errors.
    pub fn read_sentence(&mut self, sent: &mut Sentence, extra: &mut ConlluExtra) -> Result<bool> {
        sent.clear();
        extra.clear();
        self.word_lines.clear();
        if self.resync {
            self.resync = false;
            loop {
                match self.next_line() {
                    Ok(false) => return Ok(false),
                    Ok(true) if self.bytes.iter().all(u8::is_ascii_whitespace) => break,
                    Ok(true) => {}
                    Err(e) => {
                        self.resync = true;
                        return Err(e);
                    }
                }
            }
        }
        let r = self.read_inner(sent, extra);
        if r.is_err() {
            self.resync = true;
        }
        r
    }

    fn read_inner(&mut self, sent: &mut Sentence, extra: &mut ConlluExtra) -> Result<bool> {
        let mut st = SentState::default();
        loop {
            if !self.next_line()? {
                if st.first == 0 {
                    return Ok(false);
                }
                break;
            }
            let bytes = std::mem::take(&mut self.bytes);
            let r = self.row(&bytes, sent, extra, &mut st);
            self.bytes = bytes;
            if !r? {
                break;
            }
        }
        self.resync = false;
        extra.first_line = st.first;
        self.finish(sent, &st)?;
        Ok(true)
    }

    /// Reads one line into `self.bytes` (without the line break). `false` at
    /// the end of input.
    fn next_line(&mut self) -> Result<bool> {
        self.bytes.clear();
        let limit = MAX_LINE_BYTES as u64 + 1;
        let n = (&mut self.inner)
            .take(limit)
            .read_until(b'\n', &mut self.bytes)
            .map_err(|e| self.io(e))?;
        if n == 0 {
            return Ok(false);
        }
        self.line += 1;
        if self.bytes.last() == Some(&b'\n') {
            self.bytes.pop();
        } else if self.bytes.len() > MAX_LINE_BYTES {
            // Drop the rest of the line in bounded chunks.
            loop {
                self.bytes.clear();
                let n = (&mut self.inner)
                    .take(limit)
                    .read_until(b'\n', &mut self.bytes)
                    .map_err(|e| self.io(e))?;
                if n == 0 || self.bytes.last() == Some(&b'\n') {
                    break;
                }
            }
            self.bytes.clear();
            return Err(self.err(self.line, format!("line longer than {MAX_LINE_BYTES} bytes")));
        }
        if self.bytes.last() == Some(&b'\r') {
            self.bytes.pop();
        }
        Ok(true)
    }

    fn io(&self, source: io::Error) -> Error {
        Error::Io { file: self.file.clone(), line: self.line + 1, source }
    }

    fn err(&self, line: u64, message: impl Into<String>) -> Error {
        Error::input(&self.file, line, message)
    }

    /// Handles one line. Returns `false` at the blank line ending a sentence.
    fn row(
        &mut self,
        bytes: &[u8],
        sent: &mut Sentence,
        extra: &mut ConlluExtra,
        st: &mut SentState,
    ) -> Result<bool> {
        let line = std::str::from_utf8(bytes).map_err(|e| {
            self.err(
                self.line,
                format!("invalid UTF-8 at byte {} of the line", e.valid_up_to() + 1),
            )
        })?;
        if line.trim().is_empty() {
            // Blank lines before a sentence are skipped; one after it ends it.
            return Ok(st.first == 0);
        }
        if st.first == 0 {
            st.first = self.line;
        }
        if line.starts_with('#') {
            extra.push_line(sent.len(), line);
            return Ok(true);
        }
        let mut cols = [""; 10];
        let mut n = 0;
        for c in line.split('\t') {
            if n < 10 {
                cols[n] = c;
            }
            n += 1;
        }
        if n != 10 {
            return Err(
                self.err(self.line, format!("expected 10 tab-separated columns, found {n}"))
            );
        }
        const NAMES: [&str; 10] =
            ["ID", "FORM", "LEMMA", "UPOS", "XPOS", "FEATS", "HEAD", "DEPREL", "DEPS", "MISC"];
        if let Some(i) = cols.iter().position(|c| c.is_empty()) {
            return Err(self.err(
                self.line,
                format!("empty {} column (use _ for an unknown value)", NAMES[i]),
            ));
        }
        let id = cols[0];
        let next = sent.len() as u32 + 1;
        if let Some((a, b)) = id.split_once('-') {
            let (Ok(a), Ok(b)) = (a.parse::<u32>(), b.parse::<u32>()) else {
                return Err(self.err(
                    self.line,
                    format!("bad multiword-token range {id:?}: expected two word IDs like 3-4"),
                ));
            };
            if a != next || b <= a {
                return Err(self.err(
                    self.line,
                    format!("bad multiword-token range {id}: expected a range starting at the next word ID {next}"),
                ));
            }
            if st.mwt_end >= next {
                return Err(self.err(
                    self.line,
                    format!("multiword-token range {id} overlaps the previous one"),
                ));
            }
            st.mwt_end = b;
            st.mwt_line = self.line;
            st.mwt_space = !has_no_space_after(cols[9]);
            extra.push_line(sent.len(), line);
            return Ok(true);
        }
        if let Some((a, b)) = id.split_once('.') {
            let (Ok(a), Ok(_)) = (a.parse::<u32>(), b.parse::<u32>()) else {
                return Err(self.err(
                    self.line,
                    format!("bad empty-node ID {id:?}: expected a form like 8.1"),
                ));
            };
            if a + 1 != next {
                return Err(self.err(
                    self.line,
                    format!("empty node {id} out of place: expected it after word {}", next - 1),
                ));
            }
            extra.push_line(sent.len(), line);
            return Ok(true);
        }
        match id.parse::<u32>() {
            Ok(i) if i == next => {}
            Ok(i) => return Err(self.err(self.line, format!("expected word ID {next}, found {i}"))),
            Err(_) => {
                return Err(self.err(
                    self.line,
                    format!("bad ID {id:?}: expected a word ID, a range like 3-4 or an empty node like 8.1"),
                ));
            }
        }
        let head = match cols[6] {
            "_" => u32::MAX,
            h => h.parse::<u32>().map_err(|_| {
                self.err(self.line, format!("HEAD must be a word ID or _, found {h:?}"))
            })?,
        };
        let form = cols[1];
        let space_after = if next <= st.mwt_end {
            next == st.mwt_end && st.mwt_space
        } else {
            !has_no_space_after(cols[9])
        };
        let span = Span::new(st.offset, st.offset + form.len());
        st.offset += form.len() + usize::from(space_after);
        sent.push(form, span, space_after);
        let i = sent.len() - 1;
        if cols[2] != "_" || form == "_" {
            sent.set_lemma(i, cols[2]);
        }
        let w = &mut sent.words[i];
        w.upos = if cols[3] == "_" { Upos::X } else { Upos::parse(cols[3]).unwrap_or(Upos::X) };
        w.xpos = Xpos::parse(cols[4]).unwrap_or(Xpos::NONE);
        w.head = head;
        w.deprel = if cols[7] == "_" { Deprel::NONE } else { Deprel::parse_lenient(cols[7]) };
        let c = [extra.store(cols[5]), extra.store(cols[8]), extra.store(cols[9])];
        extra.cols.push(c);
        self.word_lines.push(self.line);
        Ok(true)
    }

    /// Checks the whole sentence once it is read.
    fn finish(&mut self, sent: &Sentence, st: &SentState) -> Result<()> {
        let n = sent.len() as u32;
        if n == 0 {
            return Err(self.err(st.first, "sentence has comment or range lines but no word line"));
        }
        if st.mwt_end > n {
            return Err(self.err(
                st.mwt_line,
                format!(
                    "multiword-token range ends at word {} but the sentence has {n} words",
                    st.mwt_end
                ),
            ));
        }
        if !self.check_heads {
            return Ok(());
        }
        for (i, w) in sent.words.iter().enumerate() {
            if w.head != u32::MAX && w.head > n {
                return Err(self.err(
                    self.word_lines[i],
                    format!(
                        "HEAD {} out of range: expected 0..={n} (the sentence has {n} words)",
                        w.head
                    ),
                ));
            }
        }
        // Cycle check: follow heads from each word, colouring words on the
        // current path (1) and words known to reach the root (2). O(n).
        self.state.clear();
        self.state.resize(sent.len(), 0);
        for start in 0..sent.len() {
            self.path.clear();
            let mut j = start;
            loop {
                match self.state[j] {
                    2 => break,
                    1 => {
                        let k = self.path.iter().position(|&p| p as usize == j).unwrap_or(0);
                        let ids: Vec<String> = self.path[k..]
                            .iter()
                            .chain(std::iter::once(&(j as u32)))
                            .map(|p| (p + 1).to_string())
                            .collect();
                        return Err(self.err(
                            self.word_lines[j],
                            format!(
                                "HEAD cycle through words {}: expected a tree",
                                ids.join(" -> ")
                            ),
                        ));
                    }
                    _ => {}
                }
                self.state[j] = 1;
                self.path.push(j as u32);
                let h = sent.words[j].head;
                if h == 0 || h == u32::MAX {
                    break;
                }
                j = h as usize - 1;
            }
            for &p in &self.path {
                self.state[p as usize] = 2;
            }
        }
        Ok(())
    }

    /// Reads all remaining sentences (without their [`ConlluExtra`]).
    ///
    /// # Errors
    /// The first error of [`ConlluReader::read_sentence`].
    pub fn read_all(mut self) -> Result<Vec<Sentence>> {
        let mut out = Vec::new();
        let mut extra = ConlluExtra::new();
        loop {
            let mut s = Sentence::new();
            if !self.read_sentence(&mut s, &mut extra)? {
                return Ok(out);
            }
            out.push(s);
        }
    }
}

/// Reads every sentence of a CoNLL-U file (words and their gold annotation;
/// comments and extra columns are dropped). For training and evaluation.
///
/// # Errors
/// As [`ConlluReader::open`] and [`ConlluReader::read_sentence`].
pub fn read_conllu_file(path: impl AsRef<Path>) -> Result<Vec<Sentence>> {
    ConlluReader::open(path)?.read_all()
}

fn has_no_space_after(misc: &str) -> bool {
    misc.split('|').any(|m| m == "SpaceAfter=No")
}

/// Writes sentences as CoNLL-U.
///
/// LEMMA, UPOS, XPOS, HEAD and DEPREL come from the [`Sentence`]; comments,
/// multiword-token and empty-node lines and FEATS, DEPS and MISC from the
/// [`ConlluExtra`] when one is given. Without one, MISC gets `SpaceAfter=No`
/// where no whitespace follows a word (except the last).
#[derive(Debug)]
pub struct ConlluWriter<W> {
    out: W,
    buf: String,
}

impl<W: Write> ConlluWriter<W> {
    /// A writer to `out`. Each sentence is written with one `write_all`; wrap
    /// files in a `BufWriter` anyway to batch small sentences.
    pub fn new(out: W) -> Self {
        ConlluWriter { out, buf: String::new() }
    }

    /// Writes one sentence followed by a blank line.
    ///
    /// An empty lemma, `Xpos::NONE`, `Deprel::NONE` and a `u32::MAX` head
    /// are written as `_`.
    ///
    /// # Errors
    /// The underlying writer's error.
    pub fn write_sentence(
        &mut self,
        sent: &Sentence,
        extra: Option<&ConlluExtra>,
    ) -> io::Result<()> {
        use std::fmt::Write as _;
        let b = &mut self.buf;
        b.clear();
        let mut lines = extra.map(|e| e.raw_lines().peekable());
        for i in 0..sent.len() {
            if let Some(ls) = lines.as_mut() {
                while let Some((_, l)) = ls.next_if(|(before, _)| *before <= i) {
                    b.push_str(l);
                    b.push('\n');
                }
            }
            let w = &sent.words[i];
            let lemma = sent.lemma(i);
            let _ = write!(
                b,
                "{}\t{}\t{}\t{}\t{}\t",
                i + 1,
                sent.form(i),
                if lemma.is_empty() { "_" } else { lemma },
                w.upos,
                w.xpos
            );
            b.push_str(extra.map_or("_", |e| e.feats(i)));
            b.push('\t');
            if w.head == u32::MAX {
                b.push('_');
            } else {
                let _ = write!(b, "{}", w.head);
            }
            let _ = write!(b, "\t{}\t", w.deprel);
            b.push_str(extra.map_or("_", |e| e.deps(i)));
            b.push('\t');
            match extra {
                Some(e) => b.push_str(e.misc(i)),
                None if !w.space_after && i + 1 < sent.len() => b.push_str("SpaceAfter=No"),
                None => b.push('_'),
            }
            b.push('\n');
        }
        if let Some(ls) = lines.as_mut() {
            for (_, l) in ls {
                b.push_str(l);
                b.push('\n');
            }
        }
        b.push('\n');
        self.out.write_all(b.as_bytes())
    }

    /// Flushes the underlying writer.
    ///
    /// # Errors
    /// The underlying writer's error.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    /// The underlying writer.
    pub fn into_inner(self) -> W {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Result<Vec<(Sentence, ConlluExtra)>> {
        let mut r = ConlluReader::new(s.as_bytes(), "t.conllu");
        let mut out = Vec::new();
        loop {
            let (mut a, mut b) = (Sentence::new(), ConlluExtra::new());
            if !r.read_sentence(&mut a, &mut b)? {
                return Ok(out);
            }
            out.push((a, b));
        }
    }

    #[test]
    fn spans_follow_space_after() {
        let s = "1\tI\tI\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n2\tran\trun\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n";
        let v = read(s).unwrap();
        let (sent, _) = &v[0];
        assert_eq!(sent.words[1].span, Span::new(2, 5));
        assert_eq!(sent.words[2].span, Span::new(5, 6));
        assert!(!sent.words[1].space_after);
    }

    #[test]
    fn push_comment_goes_first() {
        let mut e = ConlluExtra::new();
        e.push_comment("sent_id = 1");
        e.push_comment("# text = a\nb");
        assert_eq!(e.comments().collect::<Vec<_>>(), ["# sent_id = 1", "# text = a b"]);
        assert_eq!(e.sent_id(), Some("1"));
    }
}
