//! The model container (tagger, lemmatiser and parser in one file) and
//! accuracy scoring.
//!
//! # File format (version 1, little-endian)
//!
//! ```text
//! magic    8 bytes  b"DYADMODL"
//! version  u32      1
//! meta     u32 length + UTF-8 text: one `key<TAB>value` line per entry
//!                   (`command`, `seed`, and one `file<TAB>name<TAB>bytes<TAB>sha256`
//!                   line per training file)
//! count    u32      number of sections
//! section  8-byte name (`tagger`, `lemma`, `parser`, NUL-padded), u64 length, bytes
//!          (each component's own serialisation)
//! digest   32 bytes SHA-256 of everything before it
//! ```
//!
//! Nothing time-dependent is recorded, so the same data, command and seed
//! give a byte-identical file.

use std::path::Path;
use std::sync::OnceLock;

use dyad_types::{Sentence, Upos};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::lemma::Lemmatizer;
use crate::parser::Parser;
use crate::tagger::Tagger;

/// First bytes of every model file.
pub const MODEL_MAGIC: &[u8; 8] = b"DYADMODL";
/// Model file format version this build reads and writes.
pub const MODEL_VERSION: u32 = 1;

/// The default model, built into the binary.
static EMBEDDED_BYTES: &[u8] = include_bytes!("../../../models/dyad-en.model");
static EMBEDDED: OnceLock<std::result::Result<Model, String>> = OnceLock::new();

/// One training file as recorded in a model's metadata.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrainingFile {
    /// Path relative to the training data folder (`UD_English-EWT/en_ewt-ud-train.conllu`).
    pub name: String,
    /// Size in bytes.
    pub bytes: u64,
    /// SHA-256 of the file, lowercase hex.
    pub sha256: String,
}

/// What a model was trained from and how.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ModelMetadata {
    /// The training command line.
    pub command: String,
    /// The training seed.
    pub seed: u64,
    /// The files read for training and tuning.
    pub files: Vec<TrainingFile>,
    /// Other `key`/`value` entries (epochs chosen, dev scores, ...).
    pub extra: Vec<(String, String)>,
}

impl TrainingFile {
    /// Records `path` (read whole and hashed) under `name`.
    ///
    /// # Errors
    /// [`Error::Io`] if the file cannot be read.
    pub fn from_path(name: &str, path: &Path) -> Result<TrainingFile> {
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            file: path.display().to_string(),
            line: 0,
            source,
        })?;
        Ok(TrainingFile {
            name: name.to_owned(),
            bytes: bytes.len() as u64,
            sha256: sha256_hex(&bytes),
        })
    }
}

/// SHA-256 of `bytes` as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let d = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in d {
        s.push(char::from(b"0123456789abcdef"[(b >> 4) as usize]));
        s.push(char::from(b"0123456789abcdef"[(b & 15) as usize]));
    }
    s
}

fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

impl ModelMetadata {
    fn to_text(&self) -> String {
        let mut t = String::new();
        t.push_str(&format!("command\t{}\n", clean(&self.command)));
        t.push_str(&format!("seed\t{}\n", self.seed));
        for f in &self.files {
            t.push_str(&format!("file\t{}\t{}\t{}\n", clean(&f.name), f.bytes, clean(&f.sha256)));
        }
        for (k, v) in &self.extra {
            t.push_str(&format!("{}\t{}\n", clean(k), clean(v)));
        }
        t
    }

    fn from_text(text: &str) -> Result<ModelMetadata> {
        let bad = |m: String| Error::model("model metadata", m);
        let mut meta = ModelMetadata::default();
        for (i, line) in text.lines().enumerate() {
            let mut cols = line.split('\t');
            let key = cols.next().unwrap_or("");
            match key {
                "command" => meta.command = cols.collect::<Vec<_>>().join(" "),
                "seed" => {
                    meta.seed = cols
                        .next()
                        .and_then(|v| v.parse().ok())
                        .ok_or_else(|| bad(format!("line {}: bad seed", i + 1)))?;
                }
                "file" => {
                    let (Some(name), Some(bytes), Some(sha)) =
                        (cols.next(), cols.next(), cols.next())
                    else {
                        return Err(bad(format!("line {}: expected file, size and hash", i + 1)));
                    };
                    let bytes =
                        bytes.parse().map_err(|_| bad(format!("line {}: bad file size", i + 1)))?;
                    meta.files.push(TrainingFile { name: name.into(), bytes, sha256: sha.into() });
                }
                "" => {}
                k => meta.extra.push((k.into(), cols.collect::<Vec<_>>().join(" "))),
            }
        }
        Ok(meta)
    }
}

/// The tagger, lemmatiser and parser of one model file, with its metadata.
/// Immutable and `Sync`: share one across threads.
#[derive(Clone, Debug)]
pub struct Model {
    metadata: ModelMetadata,
    tagger: Tagger,
    lemmatizer: Lemmatizer,
    parser: Parser,
}

/// Bounds-checked reads of the container.
struct Cursor<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8]> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.b.len()).ok_or_else(|| {
            Error::model(
                "model",
                format!(
                    "truncated: {what} needs {n} bytes at offset {}, file has {}",
                    self.pos,
                    self.b.len()
                ),
            )
        })?;
        let s = &self.b[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn u32(&mut self, what: &str) -> Result<u32> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn u64(&mut self, what: &str) -> Result<u64> {
        let b = self.take(8, what)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }
}

/// Named sections of a model file.
type Sections<'a> = Vec<(&'a str, &'a [u8])>;

/// Checks magic and version and returns the metadata text and the sections.
fn split_container(bytes: &[u8]) -> Result<(&str, Sections<'_>)> {
    let mut c = Cursor { b: bytes, pos: 0 };
    let magic = c.take(8, "magic").map_err(|_| {
        Error::model(
            "model",
            format!("not a dyad model: {} bytes, too short for the header", bytes.len()),
        )
    })?;
    if magic != MODEL_MAGIC {
        return Err(Error::model(
            "model",
            format!(
                "not a dyad model: bad magic {:?}, expected {:?}",
                String::from_utf8_lossy(magic),
                "DYADMODL"
            ),
        ));
    }
    let version = c.u32("version")?;
    if version != MODEL_VERSION {
        return Err(Error::model(
            "model",
            format!(
                "unsupported model version {version}; this build reads version {MODEL_VERSION}"
            ),
        ));
    }
    let meta_len = c.u32("metadata length")? as usize;
    let meta = c.take(meta_len, "metadata")?;
    let meta =
        std::str::from_utf8(meta).map_err(|_| Error::model("model", "metadata is not UTF-8"))?;
    let count = c.u32("section count")?;
    if count > 64 {
        return Err(Error::model("model", format!("{count} sections: corrupt header")));
    }
    let mut sections = Vec::new();
    for _ in 0..count {
        let name = c.take(8, "section name")?;
        let name = std::str::from_utf8(name)
            .map_err(|_| Error::model("model", "section name is not UTF-8"))?
            .trim_end_matches('\0');
        let len = c.u64("section length")?;
        let len = usize::try_from(len).map_err(|_| Error::model("model", "section too large"))?;
        let body = c.take(len, name)?;
        sections.push((name, body));
    }
    let end = c.pos;
    let digest = c.take(32, "checksum")?;
    if c.pos != bytes.len() {
        return Err(Error::model(
            "model",
            format!("{} trailing bytes after the checksum", bytes.len() - c.pos),
        ));
    }
    if Sha256::digest(&bytes[..end]).as_slice() != digest {
        return Err(Error::model("model", "checksum mismatch: the file is corrupt"));
    }
    Ok((meta, sections))
}

impl Model {
    /// Bundles trained components with their metadata.
    pub fn new(
        metadata: ModelMetadata,
        tagger: Tagger,
        lemmatizer: Lemmatizer,
        parser: Parser,
    ) -> Model {
        Model { metadata, tagger, lemmatizer, parser }
    }

    /// The default English model built into the binary (trained on
    /// UD_English-EWT), decoded once per process.
    ///
    /// # Errors
    /// [`Error::Model`] if the embedded bytes do not decode (a build defect).
    pub fn embedded() -> Result<&'static Model> {
        EMBEDDED
            .get_or_init(|| Model::from_bytes(EMBEDDED_BYTES).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| Error::model("embedded", e.clone()))
    }

    /// The raw bytes of the embedded model file.
    pub fn embedded_bytes() -> &'static [u8] {
        EMBEDDED_BYTES
    }

    /// Reads a model file.
    ///
    /// # Errors
    /// [`Error::Io`] if the file cannot be read; [`Error::Model`] (naming the
    /// path) if it is not a valid model.
    pub fn load(path: impl AsRef<Path>) -> Result<Model> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            file: path.display().to_string(),
            line: 0,
            source,
        })?;
        Model::from_bytes(&bytes).map_err(|e| match e {
            Error::Model { what, message } => {
                Error::Model { what: format!("{} ({what})", path.display()), message }
            }
            other => other,
        })
    }

    /// Decodes a model file's bytes.
    ///
    /// # Errors
    /// [`Error::Model`] on a bad magic, an unsupported version, a checksum
    /// mismatch, a missing section or a malformed component.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model> {
        let (meta, sections) = split_container(bytes)?;
        let metadata = ModelMetadata::from_text(meta)?;
        let get = |name: &str| {
            sections
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, b)| *b)
                .ok_or_else(|| Error::model("model", format!("missing section {name:?}")))
        };
        let tagger = Tagger::from_bytes(get("tagger")?)?;
        let lemmatizer = Lemmatizer::from_bytes(get("lemma")?)?;
        let parser = Parser::from_bytes(get("parser")?)?;
        Ok(Model { metadata, tagger, lemmatizer, parser })
    }

    /// Reads only the metadata of a model file's bytes (cheap: no weights
    /// are decoded, but the checksum is verified).
    ///
    /// # Errors
    /// As [`Model::from_bytes`] for the container.
    pub fn read_metadata(bytes: &[u8]) -> Result<ModelMetadata> {
        let (meta, _) = split_container(bytes)?;
        ModelMetadata::from_text(meta)
    }

    /// Serialises the model (see the module docs for the layout).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MODEL_MAGIC);
        out.extend_from_slice(&MODEL_VERSION.to_le_bytes());
        let meta = self.metadata.to_text();
        out.extend_from_slice(&(meta.len() as u32).to_le_bytes());
        out.extend_from_slice(meta.as_bytes());
        let mut tagger = Vec::new();
        let mut lemma = Vec::new();
        // Writing into a Vec cannot fail.
        let _ = self.tagger.write_to(&mut tagger);
        let _ = self.lemmatizer.write_to(&mut lemma);
        let parser = self.parser.to_bytes();
        let sections: [(&str, &[u8]); 3] =
            [("tagger", &tagger), ("lemma", &lemma), ("parser", &parser)];
        out.extend_from_slice(&(sections.len() as u32).to_le_bytes());
        for (name, body) in sections {
            let mut n = [0u8; 8];
            n[..name.len()].copy_from_slice(name.as_bytes());
            out.extend_from_slice(&n);
            out.extend_from_slice(&(body.len() as u64).to_le_bytes());
            out.extend_from_slice(body);
        }
        let digest = Sha256::digest(&out);
        out.extend_from_slice(&digest);
        out
    }

    /// Tags, lemmatises and parses `sent` in place (its forms are kept).
    ///
    /// A sentence whose parse shows a clause without its finite verb gets a
    /// second analysis with the likeliest missing verb forced (see
    /// `repair.rs`); the second analysis is kept when it is better formed.
    pub fn analyze(&self, sent: &mut Sentence) {
        self.tagger.tag(sent);
        self.lemmatizer.lemmatize(sent);
        self.parser.parse(sent);
        self.repair(sent);
    }

    /// The verbless-clause repair (`repair.rs`).
    fn repair(&self, sent: &mut Sentence) {
        thread_local! {
            static BUF: std::cell::RefCell<(Vec<crate::repair::Candidates>, Vec<crate::tagger::FiniteAlt>)> =
                const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
        }
        BUF.with(|b| {
            let (cands, alts) = &mut *b.borrow_mut();
            crate::repair::anomalies(sent, cands);
            if cands.is_empty() {
                return;
            }
            let before = cands.len();
            self.tagger.tag_steered(sent, None, Some(alts));
            let mut best: Option<(i32, usize, u8)> = None;
            for r in cands.iter() {
                for i in r.clone() {
                    if !crate::repair::may_be_verb(sent, i) {
                        continue;
                    }
                    let Some(a) = alts.get(i) else { continue };
                    if a.margin == 0
                        || a.margin > REPAIR_MARGIN
                        || !crate::repair::fits_form(
                            sent,
                            i,
                            self.tagger.classes()[a.class as usize].0,
                        )
                    {
                        continue;
                    }
                    if best.is_none_or(|(m, _, _)| a.margin < m) {
                        best = Some((a.margin, i, a.class));
                    }
                }
            }
            let Some((_, i, class)) = best else {
                // Tags are unchanged from the first analysis; nothing to redo.
                return;
            };
            let saved = sent.clone();
            self.tagger.tag_steered(sent, Some((i, class)), None);
            self.lemmatizer.lemmatize(sent);
            self.parser.parse(sent);
            crate::repair::anomalies(sent, cands);
            if cands.len() >= before {
                *sent = saved;
            }
        });
    }

    /// Tags and lemmatises `sent` in place, without parsing.
    pub fn tag(&self, sent: &mut Sentence) {
        self.tagger.tag(sent);
        self.lemmatizer.lemmatize(sent);
    }

    /// What the model was trained from.
    pub fn metadata(&self) -> &ModelMetadata {
        &self.metadata
    }

    /// The POS tagger.
    pub fn tagger(&self) -> &Tagger {
        &self.tagger
    }

    /// The lemmatiser.
    pub fn lemmatizer(&self) -> &Lemmatizer {
        &self.lemmatizer
    }

    /// The dependency parser.
    pub fn parser(&self) -> &Parser {
        &self.parser
    }
}

/// Accuracy counts of predicted against gold sentences (same tokenisation).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EvalCounts {
    /// Words scored.
    pub words: u64,
    /// Words with the right UPOS.
    pub upos: u64,
    /// Words with the right XPOS.
    pub xpos: u64,
    /// Words with the right lemma.
    pub lemma: u64,
    /// Words with the right head.
    pub uas: u64,
    /// Words with the right head and relation.
    pub las: u64,
}

/// Accuracy over all words and over words whose gold UPOS is not `PUNCT`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Evaluation {
    /// All words, punctuation included.
    pub all: EvalCounts,
    /// Words whose gold UPOS is not `PUNCT`.
    pub no_punct: EvalCounts,
    /// Sentences scored.
    pub sentences: u64,
}

impl EvalCounts {
    fn add(&mut self, gold: &Sentence, pred: &Sentence, i: usize) {
        let (g, p) = (&gold.words[i], &pred.words[i]);
        self.words += 1;
        self.upos += (g.upos == p.upos) as u64;
        self.xpos += (g.xpos == p.xpos) as u64;
        self.lemma += (gold.lemma(i) == pred.lemma(i)) as u64;
        let head = g.head == p.head;
        self.uas += head as u64;
        self.las += (head && g.deprel == p.deprel) as u64;
    }

    fn pct(&self, n: u64) -> f64 {
        if self.words == 0 { 0.0 } else { 100.0 * n as f64 / self.words as f64 }
    }

    /// UPOS accuracy in percent.
    pub fn upos_pct(&self) -> f64 {
        self.pct(self.upos)
    }
    /// XPOS accuracy in percent.
    pub fn xpos_pct(&self) -> f64 {
        self.pct(self.xpos)
    }
    /// Lemma accuracy in percent.
    pub fn lemma_pct(&self) -> f64 {
        self.pct(self.lemma)
    }
    /// Unlabelled attachment score in percent.
    pub fn uas_pct(&self) -> f64 {
        self.pct(self.uas)
    }
    /// Labelled attachment score in percent.
    pub fn las_pct(&self) -> f64 {
        self.pct(self.las)
    }
}

impl Evaluation {
    /// Adds one sentence pair. Sentences of different lengths are counted as
    /// all wrong for the gold words (gold tokenisation is assumed).
    pub fn add(&mut self, gold: &Sentence, pred: &Sentence) {
        self.sentences += 1;
        if gold.len() != pred.len() {
            for w in &gold.words {
                self.all.words += 1;
                if w.upos != Upos::Punct {
                    self.no_punct.words += 1;
                }
            }
            return;
        }
        for i in 0..gold.len() {
            self.all.add(gold, pred, i);
            if gold.words[i].upos != Upos::Punct {
                self.no_punct.add(gold, pred, i);
            }
        }
    }
}

/// The largest score margin by which a word's finite-verb reading may trail
/// the tagger's first choice and still be forced by the repair: the largest
/// value at which EWT dev LAS was no lower than at smaller ones (see
/// BENCHMARKS.md).
const REPAIR_MARGIN: i32 = 60_000;
