//! Golden tests: one fixture per phenomenon, coded with the small
//! dictionaries in `tests/fixtures/dict/` and rendered with the sentence, the
//! underlined spans (S source, V verb, T target), the event and its
//! explanation. Review snapshot changes like code.

use std::io::BufReader;
use std::path::{Path, PathBuf};

use dyad_coder::{
    Coder, CoderOptions, Context, Discarded, DocState, load_petrarch, render_event, text_from_spans,
};
use dyad_parse::{ConlluExtra, ConlluReader};
use dyad_types::{Date, Sentence, Span};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn coder() -> Coder {
    let d = fixtures().join("dict");
    let files = [
        "golden.verbs.txt",
        "golden.actors.txt",
        "golden.agents.txt",
        "golden.discards.txt",
        "golden.issues.txt",
        "golden.pico.txt",
    ];
    let paths: Vec<PathBuf> = files.iter().map(|f| d.join(f)).collect();
    load_petrarch(&paths, CoderOptions::default()).expect("fixture dictionaries load")
}

/// Codes every sentence of a fixture as one document and renders the result.
fn code_fixture(name: &str) -> String {
    let coder = coder();
    let path = fixtures().join(format!("{name}.conllu"));
    let f = std::fs::File::open(&path).expect("fixture exists");
    let mut r = ConlluReader::new(BufReader::new(f), path.display().to_string());
    let mut s = Sentence::new();
    let mut extra = ConlluExtra::new();
    let mut st = DocState::new();
    let mut out = String::new();
    let mut k = 0u32;
    while r.read_sentence(&mut s, &mut extra).expect("fixture parses") {
        let date = extra.comment_value("date").and_then(Date::parse);
        let text = text_from_spans(&s);
        let mut events = Vec::new();
        let o = coder.code_in(
            &s,
            Context { sentence: k, date, text: Some(&text) },
            &mut st,
            &mut events,
        );
        out.push_str(&format!(
            "sentence {k}{}\n",
            date.map(|d| format!(" (date {d})")).unwrap_or_default()
        ));
        match o.discarded {
            Some(Discarded::Sentence(w)) => {
                out.push_str(&format!("{text}\ndiscarded (sentence): {w}\n"))
            }
            Some(Discarded::Story(w)) => out.push_str(&format!("{text}\ndiscarded (story): {w}\n")),
            None if events.is_empty() => out.push_str(&format!("{text}\n(no events)\n")),
            None => {
                for e in &events {
                    out.push_str(&render_event(&text, Span::new(0, text.len()), e));
                }
            }
        }
        k += 1;
    }
    out
}

macro_rules! golden {
    ($($name:ident),* $(,)?) => {$(
        #[test]
        fn $name() {
            insta::assert_snapshot!(stringify!($name), code_fixture(stringify!($name)));
        }
    )*};
}

golden!(
    compound_actors,
    passive,
    negation,
    said_that,
    agreed_to,
    accuse_of,
    pronoun,
    date_restricted,
    discard,
    issue,
    context_country
);
