//! `dyad eval articles`: whole articles end to end against hand-written
//! expectations (issue 7): event dates, places, quotations with speakers,
//! wire-copy groups and the main events.
//!
//! The articles are coded by `dyad code --from jsonl`, run as a child process
//! of this very binary, so the figures are exactly what a user of `dyad code`
//! gets (the same reader, parser, coder, dates, places and quotations) and
//! this command does not reach into `code.rs`'s internals. Wire-copy groups
//! come from ingesting the same articles into an in-memory store
//! (`dyad_store`, MinHash as `dyad ingest` does; `DUPLICATES.md`).
//!
//! Gold items are keyed so that scoring does not depend on actor coding: a
//! date or place item names its event by the evidence verb as written in the
//! text (`trigger`, the `nth` whole-word occurrence counting from 0); a
//! quotation by the first words of the quoted text. The format is described
//! in `tests/articles/README.md`.
//!
//! ```text
//! dyad eval articles --gold tests/articles/gold.jsonl tests/articles/articles.jsonl --errors 10
//! ```

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::Context as _;
use clap::Args;
use dyad_ingest::article::{Article, ArticleOptions};
use dyad_ingest::{Format, open_inputs};
use dyad_store::{Aggregation, Coded, Store};
use serde::Deserialize;

use super::eval_events::{Level, match_events, reduce};

/// Arguments of `dyad eval articles`.
#[derive(Args, Debug)]
#[command(after_help = METRICS)]
pub(crate) struct EvalArticlesArgs {
    /// The articles (JSON Lines, `{"id","date","url","source","title","text"}`).
    articles: PathBuf,
    /// The expectations (JSON Lines; see tests/articles/README.md).
    #[arg(long)]
    gold: PathBuf,
    /// A lexicon directory in dyad's format (default: the embedded default lexicon).
    #[arg(long)]
    lexicon: Option<PathBuf>,
    /// MinHash similarity above which an article is a wire copy (default:
    /// the store's default, as `dyad ingest --dup-threshold`).
    #[arg(long)]
    dup_threshold: Option<f64>,
    /// List up to this many misses of each kind.
    #[arg(long, default_value_t = 0)]
    errors: usize,
    /// Print the figures as one JSON object instead of text.
    #[arg(long)]
    json: bool,
}

/// The figures' definitions, shown by `--help`.
const METRICS: &str = "\
Figures:
  dates    gold items whose trigger verb carries a coded event (found), and among
           those the share whose event date equals the expected date.
  places   likewise; correct when the event's place (its `location`) has the
           expected name (case-insensitive) or the expected country.
  quotes   P/R/F1: a predicted quotation matches a gold one of the same article when
           its text contains the gold quote_start (case and spacing ignored); each
           matches at most once. speaker: share of matched quotations whose speaker
           code, cut to country+sector, is the expected one.
  dups     pairwise P/R/F1 over article pairs put in one wire-copy group.
  events   P/R/F1 of (source, target, CAMEO code) per article at country+sector
           level, as `dyad eval events`, over the articles that list events; gold
           lists the main events only, so precision is a lower bound.";

/// One gold line.
#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
enum Gold {
    Date {
        doc: String,
        trigger: String,
        #[serde(default)]
        nth: usize,
        date: String,
    },
    Place {
        doc: String,
        trigger: String,
        #[serde(default)]
        nth: usize,
        name: String,
        #[serde(default)]
        country: Option<String>,
    },
    Quote {
        doc: String,
        speaker: String,
        #[serde(default)]
        speaker_text: String,
        quote_start: String,
    },
    DupGroup {
        docs: Vec<String>,
    },
    Event {
        doc: String,
        source: String,
        target: String,
        code: String,
    },
}

/// A coded event as this command compares it.
#[derive(Debug, Default)]
struct Ev {
    verb: (usize, usize),
    date: Option<String>,
    place_name: Option<String>,
    place_country: Option<String>,
    source: String,
    target: String,
    cameo: String,
}

/// A coded quotation.
#[derive(Debug, Default)]
struct Qt {
    speaker: String,
    speaker_text: String,
    quote: String,
}

/// What `dyad code` produced, by article id.
#[derive(Default)]
struct Coding {
    events: HashMap<String, Vec<Ev>>,
    quotes: HashMap<String, Vec<Qt>>,
}

/// Counts behind precision, recall and F1.
#[derive(Clone, Copy, Debug, Default, serde::Serialize)]
struct Prf {
    tp: usize,
    fp: usize,
    fn_: usize,
    p: f64,
    r: f64,
    f1: f64,
}

impl Prf {
    fn new(tp: usize, fp: usize, fn_: usize) -> Prf {
        let p = ratio(tp, tp + fp);
        let r = ratio(tp, tp + fn_);
        let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        Prf { tp, fp, fn_, p, r, f1 }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Accuracy of date or place items.
#[derive(Clone, Copy, Debug, Default, serde::Serialize)]
struct Acc {
    gold: usize,
    found: usize,
    correct: usize,
    /// correct / found.
    accuracy: f64,
    /// correct / gold.
    overall: f64,
}

impl Acc {
    fn finish(&mut self) {
        self.accuracy = ratio(self.correct, self.found);
        self.overall = ratio(self.correct, self.gold);
    }
}

/// All figures (`--json`).
#[derive(Debug, Default, serde::Serialize)]
struct Report {
    articles: usize,
    events_coded: usize,
    quotes_coded: usize,
    dates: Acc,
    places: Acc,
    quotes: Prf,
    quote_speakers_correct: usize,
    quote_speaker_accuracy: f64,
    dup_groups: usize,
    dup_pairs: Prf,
    events: Prf,
}

/// Whole-word occurrences of `word` in `text` (byte ranges).
fn occurrences(text: &str, word: &str) -> Vec<(usize, usize)> {
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '\'';
    let mut out = Vec::new();
    if word.is_empty() {
        return out;
    }
    for (i, _) in text.match_indices(word) {
        let j = i + word.len();
        let before = text[..i].chars().next_back().is_some_and(is_word);
        let after = text[j..].chars().next().is_some_and(is_word);
        if !before && !after {
            out.push((i, j));
        }
    }
    out
}

/// Lower-cased, straight-quoted, single-spaced text for quotation matching.
fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for c in s.chars() {
        let c = match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '"' | '\u{201c}' | '\u{201d}' => ' ',
            c => c,
        };
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.extend(c.to_lowercase());
            space = false;
        }
    }
    out.trim_end().to_string()
}

/// Reads the articles' texts by id (the file `dyad code` reads).
fn read_texts(path: &Path) -> anyhow::Result<HashMap<String, String>> {
    let src =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut texts = HashMap::new();
    for (no, line) in src.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not JSON", path.display(), no + 1))?;
        let (Some(id), Some(text)) = (v["id"].as_str(), v["text"].as_str()) else {
            anyhow::bail!("{}:{}: an article needs \"id\" and \"text\"", path.display(), no + 1);
        };
        texts.insert(id.to_string(), text.to_string());
    }
    Ok(texts)
}

/// Reads the gold file, each item with its line number.
fn read_gold(path: &Path) -> anyhow::Result<Vec<(usize, Gold)>> {
    let src =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut items = Vec::new();
    for (no, line) in src.lines().enumerate() {
        if line.trim().is_empty() || line.trim_start().starts_with("//") {
            continue;
        }
        let g: Gold = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: bad gold line", path.display(), no + 1))?;
        items.push((no + 1, g));
    }
    Ok(items)
}

/// Codes the articles with `dyad code --from jsonl` (this binary).
fn code_articles(args: &EvalArticlesArgs) -> anyhow::Result<Coding> {
    let exe = std::env::current_exe().context("cannot find the dyad executable")?;
    let mut cmd = Command::new(exe);
    cmd.arg("code").arg("--from").arg("jsonl");
    if let Some(l) = &args.lexicon {
        cmd.arg("--lexicon").arg(l);
    }
    cmd.arg(&args.articles).stdin(Stdio::null()).stderr(Stdio::piped());
    let out = cmd.output().context("cannot run dyad code")?;
    if !out.status.success() {
        anyhow::bail!("dyad code failed: {}", String::from_utf8_lossy(&out.stderr).trim());
    }
    let mut c = Coding::default();
    for (no, line) in String::from_utf8_lossy(&out.stdout).lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line)
            .with_context(|| format!("dyad code output line {}: not JSON", no + 1))?;
        let s = |v: &serde_json::Value| v.as_str().unwrap_or("").to_string();
        let doc = s(&v["doc"]);
        match v["kind"].as_str() {
            Some("event") => {
                let span = |k: usize| v["evidence"]["verb"][k].as_u64().unwrap_or(0) as usize;
                let place = &v["location"];
                c.events.entry(doc).or_default().push(Ev {
                    verb: (span(0), span(1)),
                    date: v["date"].as_str().map(str::to_string),
                    place_name: place["name"].as_str().map(str::to_string),
                    place_country: place["country"].as_str().map(str::to_string),
                    source: s(&v["source"]["code"]),
                    target: s(&v["target"]["code"]),
                    cameo: s(&v["cameo"]),
                });
            }
            Some("quote") => {
                let sp = &v["speaker"];
                let speaker = if sp.is_string() { s(sp) } else { s(&sp["code"]) };
                let speaker_text = match v["speaker_text"].as_str() {
                    Some(t) => t.to_string(),
                    None => s(&sp["text"]),
                };
                c.quotes.entry(doc).or_default().push(Qt {
                    speaker,
                    speaker_text,
                    quote: s(&v["quote"]),
                });
            }
            _ => {}
        }
    }
    Ok(c)
}

/// Wire-copy groups: the articles ingested into an in-memory store; each
/// article's group is the id of its group's first article.
fn dup_groups(path: &Path, threshold: Option<f64>) -> anyhow::Result<BTreeMap<String, String>> {
    let mut agg = Aggregation::default();
    if let Some(t) = threshold {
        agg.dup_threshold = t;
    }
    let mut store = Store::open_in_memory(agg)?;
    let ids = {
        // Grouping depends on the texts only: no coding needed.
        let coder = |_: &Article| -> Result<Coded, String> { Ok(Coded::default()) };
        let mut ing = store.ingest(coder, 256, 1)?;
        let mut ids = Vec::new();
        for a in open_inputs([path], Format::Jsonl, ArticleOptions::default()) {
            match a {
                Ok(a) => {
                    ids.push(a.id.clone());
                    ing.push(a)?;
                }
                Err(e) => eprintln!("dyad eval articles: skipped: {e}"),
            }
        }
        ing.finish()?;
        ids
    };
    let mut groups = BTreeMap::new();
    for id in ids {
        let g = store.article_group(&id)?.unwrap_or_else(|| id.clone());
        groups.insert(id, g);
    }
    Ok(groups)
}

/// All unordered pairs of `docs`.
fn pairs(docs: &[String]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, a) in docs.iter().enumerate() {
        for b in &docs[i + 1..] {
            out.push(if a < b { (a.clone(), b.clone()) } else { (b.clone(), a.clone()) });
        }
    }
    out
}

pub(crate) fn run(args: EvalArticlesArgs) -> anyhow::Result<()> {
    let texts = read_texts(&args.articles)?;
    let gold = read_gold(&args.gold)?;
    let coding = code_articles(&args)?;
    let groups = dup_groups(&args.articles, args.dup_threshold)?;
    let gpath = args.gold.display().to_string();
    let (rep, misses) = score(&gpath, &texts, &gold, &coding, &groups)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&rep)?);
    } else {
        print_report(&rep);
    }
    if args.errors > 0 {
        for (kind, list) in &misses {
            println!("-- {kind}: {} misses", list.len());
            for m in list.iter().take(args.errors) {
                println!("  {m}");
            }
        }
    }
    Ok(())
}

/// Misses by kind (`date`, `place`, `quote`, `speaker`, `dup`, `event`).
type Misses = BTreeMap<&'static str, Vec<String>>;

/// Scores the coding and the wire-copy groups against the gold items
/// (`gpath` names the gold file in messages).
fn score(
    gpath: &str,
    texts: &HashMap<String, String>,
    gold: &[(usize, Gold)],
    coding: &Coding,
    groups: &BTreeMap<String, String>,
) -> anyhow::Result<(Report, Misses)> {
    let no_events: Vec<Ev> = Vec::new();
    let no_quotes: Vec<Qt> = Vec::new();

    let mut rep = Report {
        articles: texts.len(),
        events_coded: coding.events.values().map(Vec::len).sum(),
        quotes_coded: coding.quotes.values().map(Vec::len).sum(),
        ..Report::default()
    };
    let mut misses = Misses::new();
    let mut miss = |kind: &'static str, m: String| misses.entry(kind).or_default().push(m);

    // Quotations: gold items of each article, matched one to one.
    let mut quote_used: HashMap<&str, Vec<bool>> = HashMap::new();
    let (mut q_gold, mut q_tp, mut speakers_ok) = (0usize, 0usize, 0usize);
    // Events: gold triples by article.
    let mut ev_gold: BTreeMap<&str, Vec<(String, String, String)>> = BTreeMap::new();
    let mut gold_pairs: Vec<(String, String)> = Vec::new();

    for (line, g) in gold {
        let at = || format!("{gpath}:{line}");
        let events_at = |doc: &str, trigger: &str, nth: usize| -> anyhow::Result<Vec<&Ev>> {
            let text = texts.get(doc).with_context(|| format!("{}: no article {doc:?}", at()))?;
            let occ = occurrences(text, trigger);
            let &(a, b) = occ.get(nth).with_context(|| {
                format!("{}: {doc}: {trigger:?} occurs {} times, nth is {nth}", at(), occ.len())
            })?;
            let evs = coding.events.get(doc).unwrap_or(&no_events);
            Ok(evs.iter().filter(|e| e.verb.0 < b && a < e.verb.1).collect())
        };
        match g {
            Gold::Date { doc, trigger, nth, date } => {
                rep.dates.gold += 1;
                let evs = events_at(doc, trigger, *nth)?;
                if evs.is_empty() {
                    miss("date", format!("{}: {doc} {trigger:?}#{nth}: no event", at()));
                    continue;
                }
                rep.dates.found += 1;
                if evs.iter().any(|e| e.date.as_deref() == Some(date.as_str())) {
                    rep.dates.correct += 1;
                } else {
                    let got: Vec<&str> = evs.iter().filter_map(|e| e.date.as_deref()).collect();
                    miss("date", format!("{}: {doc} {trigger:?}#{nth}: {date}, got {got:?}", at()));
                }
            }
            Gold::Place { doc, trigger, nth, name, country } => {
                rep.places.gold += 1;
                let evs = events_at(doc, trigger, *nth)?;
                if evs.is_empty() {
                    miss("place", format!("{}: {doc} {trigger:?}#{nth}: no event", at()));
                    continue;
                }
                rep.places.found += 1;
                let ok = evs.iter().any(|e| {
                    e.place_name.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(name))
                        || (country.is_some() && e.place_country == *country)
                });
                if ok {
                    rep.places.correct += 1;
                } else {
                    let got: Vec<String> = evs
                        .iter()
                        .map(|e| {
                            format!(
                                "{}/{}",
                                e.place_name.as_deref().unwrap_or("-"),
                                e.place_country.as_deref().unwrap_or("-")
                            )
                        })
                        .collect();
                    miss(
                        "place",
                        format!(
                            "{}: {doc} {trigger:?}#{nth}: {name}/{country:?}, got {got:?}",
                            at()
                        ),
                    );
                }
            }
            Gold::Quote { doc, speaker, speaker_text, quote_start } => {
                if !texts.contains_key(doc.as_str()) {
                    anyhow::bail!("{}: no article {doc:?}", at());
                }
                q_gold += 1;
                let want = norm(quote_start);
                let qs = coding.quotes.get(doc).unwrap_or(&no_quotes);
                let used = quote_used.entry(doc).or_insert_with(|| vec![false; qs.len()]);
                let hit = qs
                    .iter()
                    .enumerate()
                    .find(|(i, q)| !used[*i] && norm(&q.quote).contains(&want));
                match hit {
                    Some((i, q)) => {
                        used[i] = true;
                        q_tp += 1;
                        if reduce(&q.speaker, Level::Sector) == *speaker {
                            speakers_ok += 1;
                        } else {
                            miss(
                                "speaker",
                                format!(
                                    "{}: {doc} {quote_start:?}: {speaker} ({speaker_text}), got {} ({})",
                                    at(),
                                    q.speaker,
                                    q.speaker_text
                                ),
                            );
                        }
                    }
                    None => miss("quote", format!("{}: {doc} {quote_start:?}: not found", at())),
                }
            }
            Gold::DupGroup { docs } => {
                for d in docs {
                    if !texts.contains_key(d.as_str()) {
                        anyhow::bail!("{}: no article {d:?}", at());
                    }
                }
                rep.dup_groups += 1;
                gold_pairs.extend(pairs(docs));
            }
            Gold::Event { doc, source, target, code } => {
                if !texts.contains_key(doc.as_str()) {
                    anyhow::bail!("{}: no article {doc:?}", at());
                }
                ev_gold.entry(doc).or_default().push((
                    reduce(source, Level::Sector),
                    reduce(target, Level::Sector),
                    code.clone(),
                ));
            }
        }
    }
    rep.dates.finish();
    rep.places.finish();

    let q_pred = rep.quotes_coded;
    rep.quotes = Prf::new(q_tp, q_pred.saturating_sub(q_tp), q_gold - q_tp);
    rep.quote_speakers_correct = speakers_ok;
    rep.quote_speaker_accuracy = ratio(speakers_ok, q_tp);

    // Wire copies: pairs of articles in one predicted group.
    let mut by_group: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (id, g) in groups {
        by_group.entry(g).or_default().push(id.clone());
    }
    let pred_pairs: Vec<(String, String)> = by_group.values().flat_map(|d| pairs(d)).collect();
    let tp = pred_pairs.iter().filter(|p| gold_pairs.contains(p)).count();
    for p in gold_pairs.iter().filter(|p| !pred_pairs.contains(p)) {
        miss("dup", format!("{} and {}: one story, not grouped", p.0, p.1));
    }
    for p in pred_pairs.iter().filter(|p| !gold_pairs.contains(p)) {
        miss("dup", format!("{} and {}: grouped, not copies", p.0, p.1));
    }
    rep.dup_pairs = Prf::new(tp, pred_pairs.len() - tp, gold_pairs.len() - tp);

    // Events: multiset match per article that lists events.
    let (mut etp, mut efp, mut efn) = (0usize, 0usize, 0usize);
    for (doc, expected) in &ev_gold {
        let predicted: Vec<(String, String, String)> = coding
            .events
            .get(*doc)
            .unwrap_or(&no_events)
            .iter()
            .map(|e| {
                (
                    reduce(&e.source, Level::Sector),
                    reduce(&e.target, Level::Sector),
                    e.cameo.clone(),
                )
            })
            .collect();
        let m = match_events(expected, &predicted);
        etp += m.hits.len();
        efp += m.spurious.len();
        efn += m.misses.len();
        for (s, t, c) in &m.misses {
            miss("event", format!("{doc}: {s}>{t}>{c} missed"));
        }
    }
    rep.events = Prf::new(etp, efp, efn);
    Ok((rep, misses))
}

fn print_report(r: &Report) {
    println!(
        "articles: {} coded, {} events, {} quotations",
        r.articles, r.events_coded, r.quotes_coded
    );
    for (name, a) in [("dates", &r.dates), ("places", &r.places)] {
        println!(
            "{name}: gold {} found {} correct {} accuracy {:.3} overall {:.3}",
            a.gold, a.found, a.correct, a.accuracy, a.overall
        );
    }
    let q = &r.quotes;
    println!(
        "quotes: gold {} predicted {} matched {} P {:.3} R {:.3} F1 {:.3} speaker {:.3} ({} correct)",
        q.tp + q.fn_,
        q.tp + q.fp,
        q.tp,
        q.p,
        q.r,
        q.f1,
        r.quote_speaker_accuracy,
        r.quote_speakers_correct
    );
    let d = &r.dup_pairs;
    println!(
        "dups: groups {} pairs {} predicted {} P {:.3} R {:.3} F1 {:.3}",
        r.dup_groups,
        d.tp + d.fn_,
        d.tp + d.fp,
        d.p,
        d.r,
        d.f1
    );
    let e = &r.events;
    println!(
        "events: P {:.3} R {:.3} F1 {:.3} (tp {}, fp {}, fn {})",
        e.p, e.r, e.f1, e.tp, e.fp, e.fn_
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn occurrences_are_whole_words() {
        let t = "He said, unsaid: said-so. Said said";
        assert_eq!(occurrences(t, "said"), vec![(3, 7), (31, 35)]);
        assert!(occurrences(t, "").is_empty());
    }

    #[test]
    fn norm_ignores_case_quotes_and_spacing() {
        assert_eq!(norm("\u{201c}We  will NOT\n tolerate"), "we will not tolerate");
        assert!(norm("\"We will not tolerate threats\"").contains(&norm("We will not")));
    }

    #[test]
    fn pairs_are_ordered_and_complete() {
        let d = vec!["b".to_string(), "a".to_string(), "c".to_string()];
        let p = pairs(&d);
        assert_eq!(p.len(), 3);
        assert!(p.contains(&("a".into(), "b".into())));
        assert!(p.iter().all(|(x, y)| x < y));
    }

    #[test]
    fn gold_lines_parse_and_reject_unknown_kinds() {
        let g: Gold = serde_json::from_str(
            r#"{"kind":"date","doc":"a","trigger":"met","date":"2026-03-01"}"#,
        )
        .unwrap();
        assert!(matches!(g, Gold::Date { nth: 0, .. }));
        assert!(serde_json::from_str::<Gold>(r#"{"kind":"weather","doc":"a"}"#).is_err());
    }

    /// One article, one event, one quotation and two wire copies, scored.
    #[test]
    fn score_matches_each_kind_by_its_key() {
        let text = "BAKU - Azerbaijan accused Iran on Friday. \"We will respond,\" he said. Iran accused Baku.";
        let texts: HashMap<String, String> = [("a", text), ("b", text), ("c", "Other news.")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let at = text.find("accused").unwrap();
        let ev = Ev {
            verb: (at, at + 7),
            date: Some("2026-03-27".into()),
            place_name: Some("Baku".into()),
            place_country: Some("AZE".into()),
            source: "AZEGOVMIL".into(),
            target: "IRN".into(),
            cameo: "112".into(),
        };
        let qt = Qt {
            speaker: "AZEGOV".into(),
            speaker_text: "he".into(),
            quote: "We will respond,".into(),
        };
        let mut coding = Coding::default();
        coding.events.insert("a".into(), vec![ev]);
        coding.quotes.insert("a".into(), vec![qt]);
        let groups: BTreeMap<String, String> = [("a", "a"), ("b", "a"), ("c", "c")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let lines = [
            r#"{"kind":"date","doc":"a","trigger":"accused","date":"2026-03-27"}"#,
            r#"{"kind":"date","doc":"a","trigger":"accused","nth":1,"date":"2026-03-28"}"#,
            r#"{"kind":"place","doc":"a","trigger":"accused","name":"Ganja","country":"AZE"}"#,
            r#"{"kind":"quote","doc":"a","speaker":"AZEGOV","speaker_text":"he","quote_start":"we will   respond"}"#,
            r#"{"kind":"quote","doc":"a","speaker":"IRNGOV","quote_start":"Iran accused Baku"}"#,
            r#"{"kind":"dup_group","docs":["a","b","c"]}"#,
            r#"{"kind":"event","doc":"a","source":"AZEGOV","target":"IRN","code":"112"}"#,
            r#"{"kind":"event","doc":"a","source":"IRN","target":"AZE","code":"112"}"#,
        ];
        let gold: Vec<(usize, Gold)> = lines
            .iter()
            .enumerate()
            .map(|(i, l)| (i + 1, serde_json::from_str(l).unwrap()))
            .collect();
        let (r, misses) = score("gold", &texts, &gold, &coding, &groups).unwrap();
        // The second "accused" carries no event: not found.
        assert_eq!((r.dates.gold, r.dates.found, r.dates.correct), (2, 1, 1));
        // Wrong name, right country: correct.
        assert_eq!((r.places.found, r.places.correct), (1, 1));
        assert_eq!((r.quotes.tp, r.quotes.fp, r.quotes.fn_), (1, 0, 1));
        assert_eq!(r.quote_speakers_correct, 1);
        // Gold pairs ab, ac, bc; predicted ab.
        assert_eq!((r.dup_pairs.tp, r.dup_pairs.fp, r.dup_pairs.fn_), (1, 0, 2));
        assert_eq!((r.events.tp, r.events.fp, r.events.fn_), (1, 0, 1));
        assert_eq!(misses["quote"].len(), 1);
        // A trigger that does not occur is an error in the gold file.
        let bad = vec![(
            9,
            serde_json::from_str(
                r#"{"kind":"date","doc":"a","trigger":"met","date":"2026-03-27"}"#,
            )
            .unwrap(),
        )];
        let e = score("gold", &texts, &bad, &coding, &groups).unwrap_err().to_string();
        assert!(e.contains("gold:9"), "{e}");
    }

    #[test]
    fn prf_of_counts() {
        let p = Prf::new(3, 1, 2);
        assert!((p.p - 0.75).abs() < 1e-9 && (p.r - 0.6).abs() < 1e-9);
        assert_eq!(Prf::new(0, 0, 0).f1, 0.0);
    }
}
