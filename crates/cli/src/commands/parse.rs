//! `dyad parse`: raw text or CoNLL-U in, CoNLL-U out.
//!
//! The text path (`--from text`) segments and tokenises with dyad-text and
//! writes each sentence through [`write_sentence`]; the tagger and parser
//! stages plug in between [`dyad_text::fill_sentence`] and the writer.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use dyad_text::{FormKind, TextConfig, decode, fill_sentence};
use dyad_types::{Document, Sentence};

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
    if args.from == From::Conllu {
        anyhow::bail!("`--from conllu` needs the tagger/parser (dyad-parse), which is not built yet");
    }
    if args.upto != Upto::Text {
        anyhow::bail!(
            "`--upto {}` needs the tagger/parser (dyad-parse), which is not built yet; use `--upto text`",
            if args.upto == Upto::Tag { "tag" } else { "parse" }
        );
    }
    let _ = (args.to, &args.model);
    let bytes = read_bytes(args.input.as_deref())?;
    let decoded = decode(&bytes);
    let name = args.input.as_ref().map_or("<stdin>".to_string(), |p| p.display().to_string());
    if decoded.looks_binary {
        anyhow::bail!("{name}: input looks like a binary file (NUL bytes or invalid UTF-8), not text");
    }
    if let Some(w) = decoded.warning() {
        eprintln!("dyad: warning: {name}: {w}");
    }
    let mut doc = Document::default();
    TextConfig::builder().build().segmenter().segment(&decoded.text, &mut doc);
    let mut out = BufWriter::new(std::io::stdout().lock());
    write_document(&doc, &name, &mut out)?;
    out.flush()?;
    Ok(())
}

/// Writes every sentence of `doc` as CoNLL-U with only ID, FORM and MISC
/// filled (the text-only path).
pub(crate) fn write_document(doc: &Document, name: &str, out: &mut impl Write) -> std::io::Result<()> {
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
        writeln!(
            out,
            "{}\t{}\t_\t_\t_\t_\t_\t_\t_\tTokenRange={}:{}{space}",
            k + 1,
            sent.form(k),
            w.span.start,
            w.span.end
        )?;
    }
    writeln!(out)
}

fn one_line(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}
