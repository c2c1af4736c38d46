//! `dyad eval events`: the whole pipeline (text, parser, coder) against
//! expected events.
//!
//! Each gold item (a sentence or a short text, with its date) is coded from
//! raw text exactly as `dyad code` codes a document: segmented, parsed by the
//! embedded model and coded with the default lexicon (or `--lexicon DIR`).
//! Predicted and expected events are compared as multisets of
//! `(source, target, code)` per item, with actor codes reduced to the chosen
//! `--level`.
//!
//! ```text
//! dyad eval events --gold tests/eval/default-lexicon.tsv --errors
//! dyad eval events --gold ../shared/data/universalpetrarch/text/PETR2_GSR_validation.xml
//! ```

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use dyad_coder::validate::{Analyzer, OwnParser};
use dyad_coder::{Coder, CoderOptions, Context, Discarded, DocState, LexiconSpec, compile_lexicon};
use dyad_types::Date;
use dyad_types::event::Event;

/// Gold file formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum GoldFormat {
    /// Tab-separated `id, date, sentence, events` (`SRC>TGT>CODE;...`, empty
    /// for no event); `#` lines and an `id` header line are skipped.
    Tsv,
    /// PETRARCH XML records: `<Text>` coded from raw text, `<EventCoding>`
    /// as the expected events (records expecting an error or no events
    /// expect nothing).
    PetrarchXml,
}

/// How much of an actor code is compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Level {
    /// The country: the first 3 letters (`USAGOV` -> `USA`); IGO and NGO
    /// codes keep their first 6 letters (`IGOUNOMIL` -> `IGOUNO`).
    Country,
    /// Country and first role: the first 6 letters (`USAGOVMIL` -> `USAGOV`,
    /// `IGOUNOMIL` -> `IGOUNO`); shorter codes as written.
    Sector,
}

/// Arguments of `dyad eval events`.
///
/// Figures: event precision, recall and F1 count a predicted event as
/// correct when the same item expects an event with the same source, target
/// (at `--level`) and the same CAMEO code as written (`0256` is not `025`),
/// each expected event matching at most one predicted event (multiset match).
/// Root-code accuracy: among the predicted events whose source and target
/// match those of some expected event of the same item, the share for which
/// one of those expected events has the same 2-digit CAMEO root. Per-root
/// figures attribute true positives and misses to the expected code's root,
/// false positives to the predicted code's root. A second P/R/F1 line
/// compares codes cut to their 2-digit root (`0841` matches `084`).
#[derive(Args, Debug)]
#[command(after_help = METRICS)]
pub(crate) struct EvalEventsArgs {
    /// The gold file (TSV or PETRARCH XML).
    #[arg(long)]
    gold: PathBuf,
    /// Gold format; by default from the extension (`.xml`: petrarch-xml, else tsv).
    #[arg(long, value_enum)]
    from: Option<GoldFormat>,
    /// A lexicon directory in dyad's format (default: the embedded default lexicon).
    #[arg(long)]
    lexicon: Option<PathBuf>,
    /// Actor comparison level (default: sector for tsv, country for petrarch-xml).
    #[arg(long, value_enum)]
    level: Option<Level>,
    /// List each item with a missed or a spurious event.
    #[arg(long)]
    errors: bool,
}

/// The figures' definitions, shown by `--help`.
const METRICS: &str = "\
Figures:
  events: P/R/F1   a predicted event is correct when the same item expects an event
                   with the same source and target (at --level) and the same CAMEO
                   code as written (0256 is not 025); each expected event matches at
                   most one predicted event (multiset match).
  codes cut to their root: the same with codes cut to their 2-digit root.
  root accuracy    among predicted events whose source and target match those of an
                   expected event of the same item, the share for which one of those
                   expected events has the same 2-digit CAMEO root.
  no-event items   items expecting no event that were coded with none.
  per root         true positives and misses under the expected code's root, false
                   positives under the predicted code's root.";

/// An event as compared: source, target, code.
type Triple = (String, String, String);

/// One gold item.
struct Item {
    /// `file:line id`, for messages.
    loc: String,
    date: Option<Date>,
    text: String,
    expected: Vec<Triple>,
}

/// Reduces an actor code to the comparison level.
pub(super) fn reduce(code: &str, level: Level) -> String {
    let org = code.starts_with("IGO") || code.starts_with("NGO");
    let n = match (level, org) {
        (Level::Country, false) => 3,
        (Level::Country, true) | (Level::Sector, _) => 6,
    };
    code.get(..n).unwrap_or(code).to_string()
}

/// The 2-digit root of a CAMEO code.
fn root(code: &str) -> &str {
    code.get(..2).unwrap_or(code)
}

/// Reads the TSV gold file.
fn read_tsv(path: &Path) -> anyhow::Result<Vec<Item>> {
    let src =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut items = Vec::new();
    for (no, line) in src.lines().enumerate() {
        let at = || format!("{}:{}", path.display(), no + 1);
        if line.trim().is_empty() || line.starts_with('#') || line.starts_with("id\t") {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 || cols.len() > 4 {
            anyhow::bail!("{}: expected 4 tab-separated columns, found {}", at(), cols.len());
        }
        let date = match cols[1].trim() {
            "" => None,
            d => Some(Date::parse(d).with_context(|| format!("{}: bad date {d:?}", at()))?),
        };
        let mut expected = Vec::new();
        for ev in cols.get(3).copied().unwrap_or("").split(';').map(str::trim) {
            if ev.is_empty() {
                continue;
            }
            let parts: Vec<&str> = ev.split('>').map(str::trim).collect();
            match parts.as_slice() {
                [s, t, c] if !s.is_empty() && !t.is_empty() && !c.is_empty() => {
                    expected.push((s.to_string(), t.to_string(), c.to_string()));
                }
                _ => anyhow::bail!("{}: bad event {ev:?}: expected SOURCE>TARGET>CODE", at()),
            }
        }
        items.push(Item {
            loc: format!("{} {}", at(), cols[0]),
            date,
            text: cols[2].to_string(),
            expected,
        });
    }
    Ok(items)
}

/// Reads PETRARCH XML records; returns the items and the number of records
/// that could not be read.
fn read_petrarch(path: &Path) -> anyhow::Result<(Vec<Item>, usize)> {
    // Records whose <Parse> is broken are kept: only the raw text is used.
    let file = dyad_ingest::petrarch::read_with(
        path,
        dyad_ingest::petrarch::ReadOptions { keep_bad_parses: true },
    )?;
    for e in &file.errors {
        eprintln!("dyad eval events: skipped: {e}");
    }
    let items = file
        .records
        .iter()
        .map(|r| Item {
            loc: format!("{}:{} {}", file.file, r.line, r.id),
            date: Date::parse_petrarch(&r.date),
            text: r.text.clone(),
            expected: r
                .expected_events()
                .map(|(s, t, c)| (s.to_string(), t.to_string(), c.to_string()))
                .collect(),
        })
        .collect();
    Ok((items, file.errors.len()))
}

/// Codes one text as one document, as `dyad code` does (a story discard
/// drops the document's events).
fn code_text(
    coder: &Coder,
    parser: &mut OwnParser,
    st: &mut DocState,
    text: &str,
    date: Option<Date>,
) -> Vec<Event> {
    st.clear();
    let mut events = Vec::new();
    let mut k = 0u32;
    let mut story_discard = false;
    parser.analyze(text, &mut |s| {
        if story_discard {
            return;
        }
        let o = coder.code_in(s, Context { sentence: k, date, text: Some(text) }, st, &mut events);
        if let Some(Discarded::Story(_)) = o.discarded {
            story_discard = true;
            events.clear();
        }
        k += 1;
    });
    events
}

/// True positives, false positives, false negatives.
#[derive(Clone, Copy, Default)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn prf(self) -> (f64, f64, f64) {
        let p = ratio(self.tp, self.tp + self.fp);
        let r = ratio(self.tp, self.tp + self.fn_);
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        (p, r, f)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// The comparison of one item.
pub(super) struct Matched {
    pub(super) hits: Vec<Triple>,
    pub(super) misses: Vec<Triple>,
    pub(super) spurious: Vec<Triple>,
}

/// Multiset match of predicted against expected triples.
pub(super) fn match_events(expected: &[Triple], predicted: &[Triple]) -> Matched {
    let mut left: Vec<Option<&Triple>> = expected.iter().map(Some).collect();
    let mut m = Matched { hits: Vec::new(), misses: Vec::new(), spurious: Vec::new() };
    for p in predicted {
        match left.iter_mut().find(|e| e.is_some_and(|e| e == p)) {
            Some(slot) => {
                *slot = None;
                m.hits.push(p.clone());
            }
            None => m.spurious.push(p.clone()),
        }
    }
    m.misses = left.into_iter().flatten().cloned().collect();
    m
}

pub(crate) fn run(args: EvalEventsArgs) -> anyhow::Result<()> {
    let from = args.from.unwrap_or_else(|| {
        if args.gold.extension().is_some_and(|x| x.eq_ignore_ascii_case("xml")) {
            GoldFormat::PetrarchXml
        } else {
            GoldFormat::Tsv
        }
    });
    let level = args.level.unwrap_or(match from {
        GoldFormat::Tsv => Level::Sector,
        GoldFormat::PetrarchXml => Level::Country,
    });
    let (items, unreadable) = match from {
        GoldFormat::Tsv => (read_tsv(&args.gold)?, 0),
        GoldFormat::PetrarchXml => read_petrarch(&args.gold)?,
    };
    let spec = LexiconSpec { dyad_dir: args.lexicon.clone(), petrarch: None, verbs: None };
    let coder = Coder::new(compile_lexicon(&spec, None)?, CoderOptions::default());
    let mut parser = OwnParser::embedded_with(from == GoldFormat::Tsv)?;
    let mut st = DocState::new();

    let mut total = Counts::default();
    let mut total_root = Counts::default();
    let mut by_root: BTreeMap<String, Counts> = BTreeMap::new();
    let (mut root_ok, mut root_n) = (0usize, 0usize);
    let (mut empty_items, mut empty_ok) = (0usize, 0usize);
    let mut n_expected = 0usize;
    let mut report = String::new();
    let started = std::time::Instant::now();
    for item in &items {
        let events = code_text(&coder, &mut parser, &mut st, &item.text, item.date);
        let red = |(s, t, c): &Triple| (reduce(s, level), reduce(t, level), c.clone());
        let expected: Vec<Triple> = item.expected.iter().map(red).collect();
        let predicted: Vec<Triple> = events
            .iter()
            .map(|e| {
                (reduce(&e.source.code, level), reduce(&e.target.code, level), e.cameo.clone())
            })
            .collect();
        n_expected += expected.len();
        if expected.is_empty() {
            empty_items += 1;
            empty_ok += usize::from(predicted.is_empty());
        }
        for p in &predicted {
            let same_pair: Vec<&Triple> =
                expected.iter().filter(|e| e.0 == p.0 && e.1 == p.1).collect();
            if !same_pair.is_empty() {
                root_n += 1;
                root_ok += usize::from(same_pair.iter().any(|e| root(&e.2) == root(&p.2)));
            }
        }
        let to_root = |v: &[Triple]| -> Vec<Triple> {
            v.iter().map(|(a, b, c)| (a.clone(), b.clone(), root(c).to_string())).collect()
        };
        let mr = match_events(&to_root(&expected), &to_root(&predicted));
        total_root.tp += mr.hits.len();
        total_root.fp += mr.spurious.len();
        total_root.fn_ += mr.misses.len();
        let m = match_events(&expected, &predicted);
        total.tp += m.hits.len();
        total.fp += m.spurious.len();
        total.fn_ += m.misses.len();
        for h in &m.hits {
            by_root.entry(root(&h.2).to_string()).or_default().tp += 1;
        }
        for s in &m.spurious {
            by_root.entry(root(&s.2).to_string()).or_default().fp += 1;
        }
        for x in &m.misses {
            by_root.entry(root(&x.2).to_string()).or_default().fn_ += 1;
        }
        if args.errors && (!m.misses.is_empty() || !m.spurious.is_empty()) {
            let show = |v: &[Triple]| {
                v.iter().map(|(s, t, c)| format!("{s}>{t}>{c}")).collect::<Vec<_>>().join(";")
            };
            let _ = writeln!(report, "{}: {}", item.loc, item.text.replace('\n', " "));
            let _ = writeln!(
                report,
                "  missed: {}  spurious: {}  matched: {}",
                show(&m.misses),
                show(&m.spurious),
                show(&m.hits)
            );
        }
    }
    let secs = started.elapsed().as_secs_f64();

    let level_name = match level {
        Level::Country => "country",
        Level::Sector => "sector",
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "dyad eval events: {} ({} items, {} expected events, {} predicted, level {level_name}, {:.1} s)",
        args.gold.display(),
        items.len(),
        n_expected,
        total.tp + total.fp,
        secs
    );
    if unreadable > 0 {
        let _ = writeln!(out, "unreadable records skipped: {unreadable}");
    }
    let (p, r, f) = total.prf();
    let _ = writeln!(
        out,
        "events: P {p:.3} R {r:.3} F1 {f:.3} (tp {}, fp {}, fn {})",
        total.tp, total.fp, total.fn_
    );
    let (p, r, f) = total_root.prf();
    let _ = writeln!(
        out,
        "events, codes cut to their root: P {p:.3} R {r:.3} F1 {f:.3} (tp {}, fp {}, fn {})",
        total_root.tp, total_root.fp, total_root.fn_
    );
    let _ = writeln!(
        out,
        "root accuracy: {:.3} ({root_ok}/{root_n} predicted events whose source and target match an expected event)",
        ratio(root_ok, root_n)
    );
    let _ = writeln!(
        out,
        "no-event items coded empty: {empty_ok}/{empty_items} ({:.3})",
        ratio(empty_ok, empty_items)
    );
    let _ = writeln!(out, "root  expected  predicted  tp     P      R      F1");
    for (rt, c) in &by_root {
        let (p, r, f) = c.prf();
        let _ = writeln!(
            out,
            "{rt:<4}  {:>8}  {:>9}  {:>3}  {p:.3}  {r:.3}  {f:.3}",
            c.tp + c.fn_,
            c.tp + c.fp,
            c.tp
        );
    }
    if args.errors {
        out.push('\n');
        out.push_str(&report);
    }
    print!("{out}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str, g: &str, c: &str) -> Triple {
        (s.into(), g.into(), c.into())
    }

    #[test]
    fn reduce_levels() {
        assert_eq!(reduce("USAGOVMIL", Level::Country), "USA");
        assert_eq!(reduce("USAGOVMIL", Level::Sector), "USAGOV");
        assert_eq!(reduce("IGOUNOMIL", Level::Country), "IGOUNO");
        assert_eq!(reduce("---LEG", Level::Country), "---");
        assert_eq!(reduce("RUS", Level::Sector), "RUS");
    }

    #[test]
    fn multiset_match_counts_duplicates_once() {
        let exp = vec![t("A", "B", "042"), t("B", "A", "042")];
        let pred = vec![t("A", "B", "042"), t("A", "B", "042"), t("C", "B", "042")];
        let m = match_events(&exp, &pred);
        assert_eq!(m.hits.len(), 1);
        assert_eq!(m.spurious.len(), 2);
        assert_eq!(m.misses, vec![t("B", "A", "042")]);
    }

    #[test]
    fn prf_of_counts() {
        let (p, r, f) = Counts { tp: 2, fp: 2, fn_: 0 }.prf();
        assert!((p - 0.5).abs() < 1e-9 && (r - 1.0).abs() < 1e-9);
        assert!((f - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(Counts::default().prf(), (0.0, 0.0, 0.0));
    }

    #[test]
    fn tsv_rejects_bad_event() {
        let dir = std::env::temp_dir().join(format!("dyad-eval-events-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("bad.tsv");
        std::fs::write(&p, "id\tdate\tsentence\tevents\nx\t2025-01-01\tA met B.\tUSA>042\n")
            .unwrap();
        let e = read_tsv(&p).err().unwrap().to_string();
        assert!(e.contains("bad.tsv:2"), "{e}");
        std::fs::write(&p, "x\t2025-01-01\tA met B.\tUSA>RUS>042;RUS>USA>042\ny\t\tNo.\n").unwrap();
        let items = read_tsv(&p).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].expected.len(), 2);
        assert!(items[1].expected.is_empty() && items[1].date.is_none());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
