//! `dyad parse`: raw text or CoNLL-U in, CoNLL-U out.
//!
//! The text path (`--from text`) segments and tokenises with dyad-text and
//! writes each sentence through [`write_sentence`]; the tagger and parser
//! stages plug in between [`dyad_text::fill_sentence`] and the writer.

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, ValueEnum};
use dyad_parse::{ConlluExtra, ConlluReader, ConlluWriter, Model};
use dyad_text::{FormKind, TextConfig, decode, fill_sentence};
use dyad_types::{Document, Sentence, Xpos};

use super::eval_parse::load_model;
use super::input::read_bytes;

/// Arguments of `dyad parse`.
#[derive(Args, Debug)]
pub(crate) struct ParseArgs {
    /// Input file; `-` or nothing reads standard input.
    pub(crate) input: Option<PathBuf>,
    /// Input format.
    #[arg(long, value_enum, default_value_t = From::Text)]
    pub(crate) from: From,
    /// Output format.
    #[arg(long, value_enum, default_value_t = To::Conllu)]
    pub(crate) to: To,
    /// Last stage to run: `text` (sentences and tokens), `tag`, or `parse`.
    #[arg(long, value_enum, default_value_t = Upto::Parse)]
    pub(crate) upto: Upto,
    /// Tagger/parser model file (default: the embedded model).
    #[arg(long)]
    pub(crate) model: Option<PathBuf>,
}

/// Input formats of `dyad parse`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum From {
    /// Raw text: blank lines separate paragraphs.
    Text,
    /// CoNLL-U (tokens taken as given).
    Conllu,
}

/// Output formats of `dyad parse`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum To {
    /// CoNLL-U.
    Conllu,
}

/// How far `dyad parse` goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Upto {
    /// Segmentation and tokenisation only.
    Text,
    /// Plus POS tags and lemmas.
    Tag,
    /// Plus dependency trees.
    Parse,
}

pub(crate) fn run(args: ParseArgs) -> anyhow::Result<()> {
    let _ = args.to;
    if args.from == From::Conllu {
        return run_conllu(&args);
    }
    let model = match args.upto {
        Upto::Text => None,
        Upto::Tag | Upto::Parse => Some(load_model(args.model.as_deref())?),
    };
    let bytes = read_bytes(args.input.as_deref())?;
    let decoded = decode(&bytes);
    let name = args.input.as_ref().map_or("<stdin>".to_string(), |p| p.display().to_string());
    if decoded.looks_binary {
        anyhow::bail!(
            "{name}: input looks like a binary file (NUL bytes or invalid UTF-8), not text"
        );
    }
    if let Some(w) = decoded.warning() {
        eprintln!("dyad: warning: {name}: {w}");
    }
    let mut doc = Document::default();
    TextConfig::builder().build().segmenter().segment(&decoded.text, &mut doc);
    let mut out = BufWriter::new(std::io::stdout().lock());
    write_document(&doc, &name, model.map(|m| (m, args.upto)), &mut out)?;
    out.flush()?;
    Ok(())
}

/// `--from conllu`: keeps the given sentences and words (gold tokenisation),
/// comments, multiword-token and empty-node lines and FEATS/DEPS/MISC, and
/// overwrites LEMMA, UPOS, XPOS (`--upto tag`) and HEAD, DEPREL (`--upto
/// parse`). A malformed sentence is reported (file and line) and skipped; the
/// command then exits with an error after writing the rest.
fn run_conllu(args: &ParseArgs) -> anyhow::Result<()> {
    let model = match args.upto {
        Upto::Text => None,
        Upto::Tag | Upto::Parse => Some(load_model(args.model.as_deref())?),
    };
    let input: Box<dyn BufRead> = match args.input.as_deref() {
        None => Box::new(std::io::stdin().lock()),
        Some(p) if p.as_os_str() == "-" => Box::new(std::io::stdin().lock()),
        Some(p) => Box::new(BufReader::new(
            std::fs::File::open(p).with_context(|| format!("cannot read {}", p.display()))?,
        )),
    };
    let name = args.input.as_ref().map_or("<stdin>".to_string(), |p| p.display().to_string());
    let mut reader = ConlluReader::new(input, name.clone());
    let mut writer = ConlluWriter::new(BufWriter::new(std::io::stdout().lock()));
    let (mut sent, mut extra) = (Sentence::new(), ConlluExtra::new());
    let mut bad = 0usize;
    loop {
        match reader.read_sentence(&mut sent, &mut extra) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e @ dyad_parse::Error::Io { .. }) => return Err(e.into()),
            Err(e) => {
                eprintln!("dyad: error: {e} (sentence skipped)");
                bad += 1;
                continue;
            }
        }
        if let Some(model) = model {
            for w in &mut sent.words {
                w.lemma = dyad_types::Span::default();
                w.head = u32::MAX;
                w.deprel = dyad_types::Deprel::NONE;
            }
            if args.upto == Upto::Parse {
                model.analyze(&mut sent);
            } else {
                model.tag(&mut sent);
            }
        }
        writer.write_sentence(&sent, Some(&extra))?;
    }
    writer.flush()?;
    anyhow::ensure!(bad == 0, "{name}: {bad} malformed sentence(s) skipped");
    Ok(())
}

/// Writes every sentence of `doc` as CoNLL-U with only ID, FORM and MISC
/// filled (the text-only path).
/// With a model, tags (`Upto::Tag`) or tags and parses (`Upto::Parse`) each
/// sentence first.
pub(crate) fn write_document(
    doc: &Document,
    name: &str,
    model: Option<(&Model, Upto)>,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let mut sent = Sentence::new();
    if !doc.sentences.is_empty() {
        writeln!(out, "# newdoc id = {}", one_line(name))?;
    }
    let mut para = u32::MAX;
    for (i, sb) in doc.sentences.iter().enumerate() {
        if sb.paragraph != para {
            para = sb.paragraph;
            writeln!(out, "# newpar")?;
        }
        fill_sentence(doc, i, FormKind::Surface, &mut sent);
        match model {
            Some((m, Upto::Parse)) => m.analyze(&mut sent),
            Some((m, _)) => m.tag(&mut sent),
            None => {}
        }
        write_sentence(i + 1, sb.span.of(&doc.text), &sent, out)?;
    }
    Ok(())
}

/// Writes one sentence: `# sent_id`, `# text` (the original text with line
/// breaks and control characters folded to spaces), and one line per word.
/// Columns the sentence has no analysis for are `_`; MISC carries
/// `TokenRange=start:end` (byte offsets into the input) and `SpaceAfter=No`.
pub(crate) fn write_sentence(
    id: usize,
    text: &str,
    sent: &Sentence,
    out: &mut impl Write,
) -> std::io::Result<()> {
    writeln!(out, "# sent_id = {id}")?;
    writeln!(out, "# text = {}", one_line(text))?;
    for (k, w) in sent.words.iter().enumerate() {
        let space = if w.space_after { "" } else { "|SpaceAfter=No" };
        // Analysis columns stay `_` until the tagger (XPOS set) or the
        // parser (HEAD set) has filled them.
        let lemma = sent.lemma(k);
        let tagged = w.xpos != Xpos::NONE;
        write!(
            out,
            "{}\t{}\t{}\t{}\t{}\t_\t",
            k + 1,
            sent.form(k),
            if lemma.is_empty() { "_" } else { lemma },
            if tagged { w.upos.as_str() } else { "_" },
            w.xpos
        )?;
        if w.head == u32::MAX {
            write!(out, "_\t_")?;
        } else {
            write!(out, "{}\t{}", w.head, w.deprel)?;
        }
        writeln!(out, "\t_\tTokenRange={}:{}{space}", w.span.start, w.span.end)?;
    }
    writeln!(out)
}

fn one_line(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}
