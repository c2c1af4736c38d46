//! `dyad explain`: code one sentence and print the events with their evidence and explanation. Owned by the coder work.
//!
//! ```text
//! dyad explain "Kestria said that Ostmark attacked Dorland." \
//!     --petrarch-lexicon crates/coder/tests/fixtures/dict
//! dyad explain --conllu parsed.conllu --petrarch-lexicon D/PETR.Validate.verbs.2.0.txt,D/PETR.Validate.actors.txt
//! ```

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;
use dyad_coder::validate::{Analyzer, OwnParser};
use dyad_coder::{
    Coder, CoderOptions, Context, Discarded, DocState, LexiconSpec, compile_lexicon, render_event,
    text_from_spans,
};
use dyad_types::{Date, Sentence, Span};

/// Arguments of `dyad explain`.
#[derive(Args, Debug)]
pub(crate) struct ExplainArgs {
    /// The text to code (one or more sentences, coded as one document).
    text: Option<String>,
    /// Read parsed sentences from a CoNLL-U file instead of parsing the text.
    #[arg(long, conflicts_with = "text")]
    conllu: Option<PathBuf>,
    /// The article date (YYYY-MM-DD, YYYYMMDD or an ISO date-time), for date-restricted actor codes.
    #[arg(long)]
    date: Option<String>,
    /// A lexicon directory in dyad's own format.
    #[arg(long, conflicts_with = "petrarch_lexicon")]
    lexicon: Option<PathBuf>,
    /// PETRARCH dictionaries: a directory or a comma-separated list of files.
    #[arg(long)]
    petrarch_lexicon: Option<String>,
    /// Keep events with one uncoded side.
    #[arg(long)]
    one_sided: bool,
    /// Also print each sentence's parse.
    #[arg(long)]
    parse: bool,
}

pub(crate) fn run(args: ExplainArgs) -> anyhow::Result<()> {
    let date = match &args.date {
        Some(d) => Some(Date::parse(d).with_context(|| {
            format!("--date {d}: expected YYYY-MM-DD, YYYYMMDD or an ISO date-time")
        })?),
        None => None,
    };
    let spec = LexiconSpec {
        dyad_dir: args.lexicon.clone(),
        petrarch: args.petrarch_lexicon.clone(),
        verbs: None,
    };
    let lex = compile_lexicon(&spec, None)?;
    let coder =
        Coder::new(lex, CoderOptions { require_dyad: !args.one_sided, ..CoderOptions::default() });
    let mut out = std::io::stdout().lock();
    let mut st = DocState::new();
    let mut k = 0u32;
    let mut report = |s: &Sentence, text: &str, out: &mut dyn Write| -> std::io::Result<()> {
        let mut events = Vec::new();
        let o =
            coder.code_in(s, Context { sentence: k, date, text: Some(text) }, &mut st, &mut events);
        let a = s.words.iter().map(|w| w.span.start as usize).min().unwrap_or(0);
        let b = s.words.iter().map(|w| w.span.end as usize).max().unwrap_or(0);
        writeln!(out, "sentence {k}")?;
        if args.parse {
            for (i, w) in s.words.iter().enumerate() {
                writeln!(
                    out,
                    "  {}\t{}\t{}\t{}\t{}\t{}",
                    i + 1,
                    s.form(i),
                    s.lemma(i),
                    w.upos,
                    w.head,
                    w.deprel
                )?;
            }
        }
        match o.discarded {
            Some(Discarded::Sentence(w)) => writeln!(out, "  discarded (sentence discard {w})")?,
            Some(Discarded::Story(w)) => writeln!(out, "  discarded (story discard {w})")?,
            None if events.is_empty() => {
                writeln!(out, "{}\n  (no events)", text.get(a..b).unwrap_or(""))?
            }
            None => {
                for e in &events {
                    write!(out, "{}", render_event(text, Span::new(a, b), e))?;
                }
            }
        }
        k += 1;
        Ok(())
    };
    if let Some(path) = &args.conllu {
        let f =
            std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
        let mut r =
            dyad_parse::ConlluReader::new(std::io::BufReader::new(f), path.display().to_string());
        let mut s = Sentence::new();
        let mut extra = dyad_parse::ConlluExtra::new();
        while r.read_sentence(&mut s, &mut extra)? {
            let text = text_from_spans(&s);
            report(&s, &text, &mut out)?;
        }
    } else {
        let text = args.text.clone().context("give the text to explain, or --conllu FILE")?;
        let mut parser = OwnParser::embedded()?;
        let mut err: Option<std::io::Error> = None;
        parser.analyze(&text, &mut |s| {
            if err.is_none()
                && let Err(e) = report(s, &text, &mut out)
            {
                err = Some(e);
            }
        });
        if let Some(e) = err {
            return Err(e.into());
        }
    }
    Ok(())
}
