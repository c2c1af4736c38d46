//! `dyad eval`: accuracy of each stage against gold data.

use clap::{Args, Subcommand};

use super::{eval_articles, eval_events, eval_parse, eval_text};

/// Arguments of `dyad eval`.
#[derive(Args, Debug)]
pub(crate) struct EvalArgs {
    #[command(subcommand)]
    what: EvalCommand,
}

#[derive(Subcommand, Debug)]
enum EvalCommand {
    /// Sentence and token precision/recall/F1 of segmentation and tokenisation.
    ///
    /// Rebuilds each gold file's raw text from its `# text` lines (sentences
    /// joined by a space, paragraphs and documents by a blank line), segments
    /// and tokenises it, and counts a sentence or token correct when its
    /// character span equals a gold one. The embedded sentence-boundary model
    /// was trained on UD English-EWT train and dev, so figures on those two
    /// files are in-sample; EWT test and PUD are held out.
    Text(eval_text::EvalTextArgs),
    /// UPOS, XPOS, lemma accuracy, UAS and LAS with gold tokenisation.
    Parse(eval_parse::EvalParseArgs),
    /// Event precision/recall/F1 and root-code accuracy of text -> parser ->
    /// coder against expected events (a TSV evaluation set or PETRARCH XML).
    Events(eval_events::EvalEventsArgs),
    /// Whole articles: event dates, places, quotations, wire-copy groups and
    /// main events against tests/articles/gold.jsonl.
    Articles(eval_articles::EvalArticlesArgs),
}

pub(crate) fn run(args: EvalArgs) -> anyhow::Result<()> {
    match args.what {
        EvalCommand::Text(a) => eval_text::run(a),
        EvalCommand::Parse(a) => eval_parse::run(a),
        EvalCommand::Events(a) => eval_events::run(a),
        EvalCommand::Articles(a) => eval_articles::run(a),
    }
}
