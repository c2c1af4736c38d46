//! Wire copies: MinHash grouping measured on re-worded copies generated
//! from hand-written base articles, and their effect on event counts.

use dyad_store::{Aggregation, ExportFormat, Store};

use crate::common::{Rng, article, toy_code};

/// Base articles written for this test (invented events, no news text).
const BASES: &[&[&str]] = &[
    &[
        "Azerbaijan accused Iran on Tuesday of flying drones over its border posts near the river crossing",
        "The defence ministry in Baku said three unmanned aircraft had crossed the frontier before dawn",
        "Officials in Tehran did not respond to requests for comment by the evening",
        "Border guards fired warning shots and the aircraft turned back, according to the statement",
        "The incident follows weeks of tension over military drills held close to the frontier",
        "Analysts said both governments had so far avoided any direct clash between their forces",
    ],
    &[
        "Turkey hosted foreign ministers from five neighbouring states for talks on regional trade routes",
        "The meeting in Ankara focused on a planned railway linking the Caspian coast with the Black Sea",
        "Delegates agreed to set up a joint working group that will report back within six months",
        "The host minister told reporters the corridor could cut freight times by nearly half",
        "Critics warned that financing for the project remained uncertain after two earlier plans collapsed",
        "A final communique is expected to be signed at a summit planned for the autumn",
        "Several delegations also raised concerns about customs rules at the busiest crossings",
    ],
    &[
        "Russia condemned a decision by the port authority to detain a cargo vessel carrying grain",
        "The ship was held for four days while inspectors checked its papers and its cargo",
        "Moscow summoned the ambassador and demanded the immediate release of the crew",
        "The port authority said the inspection was routine and that the vessel would be freed soon",
        "Shipping insurers said delays of this kind have grown more common since the spring",
        "The crew of twenty one sailors remained on board throughout the inspection",
    ],
    &[
        "Armenia praised a ceasefire agreement reached after two days of negotiations in a mountain resort",
        "The agreement provides for monitors to patrol a strip of land along the disputed line",
        "Negotiators worked through the night to settle the wording of the final clauses",
        "Residents of nearby villages said they hoped to return to their fields before the harvest",
        "Observers cautioned that earlier truces in the region had broken down within weeks",
        "The mediators said a second round of talks would address the exchange of prisoners",
    ],
    &[
        "Heavy flooding forced thousands of families from their homes in the northern provinces",
        "Rescue teams used boats to reach villages cut off by the rising water",
        "The government declared a state of emergency and released funds from a reserve budget",
        "Aid agencies appealed for clean water, blankets and medicine for the displaced",
        "Meteorologists said more rain was expected over the coming days",
        "Farmers reported that large parts of the wheat crop had been destroyed",
    ],
    &[
        "Iran threatened to suspend cooperation with international inspectors after a critical report",
        "The report said that monitoring cameras at two sites had been switched off for several weeks",
        "A spokesman for the foreign ministry called the findings politically motivated",
        "Diplomats in Vienna said a resolution censuring Tehran could be put to a vote next month",
        "The inspectors said they had not been able to verify the stockpile since the winter",
        "Talks on restoring the earlier agreement have stalled since the summer",
    ],
    &[
        "The central bank raised its main interest rate by half a point to fight rising prices",
        "Inflation reached its highest level in more than a decade in the latest figures",
        "Economists had expected a smaller increase after a slowdown in retail sales",
        "The currency strengthened slightly against the dollar after the announcement",
        "Business groups warned that higher borrowing costs would hurt small firms",
        "The bank said it would watch wage growth closely before any further move",
    ],
    &[
        "Azerbaijan and Turkey began joint military exercises involving tanks, artillery and aircraft",
        "About three thousand troops are taking part in the drills, which will last ten days",
        "The defence ministries said the exercises were planned long ago and targeted no other country",
        "Neighbouring governments said they were following the manoeuvres with concern",
        "Similar drills were held in the same region two years ago",
        "Officers from both armies will hold a joint briefing at the end of the exercises",
    ],
];

const SYNONYMS: &[(&str, &str)] = &[
    ("said", "stated"),
    ("accused", "blamed"),
    ("talks", "negotiations"),
    ("officials", "authorities"),
    ("government", "administration"),
    ("held", "staged"),
    ("near", "close to"),
    ("weeks", "several weeks"),
    ("began", "launched"),
    ("warned", "cautioned"),
    ("expected", "anticipated"),
    ("reached", "hit"),
    ("forced", "drove"),
    ("about", "around"),
    ("raised", "increased"),
    ("meeting", "gathering"),
    ("immediate", "swift"),
    ("reported", "said"),
];

const LEADS: &[&str] = &[
    "In a development closely watched across the region, officials confirmed the news late on Wednesday",
    "Here is what we know so far about the latest events",
    "The news broke early in the morning and was soon confirmed by several sources",
    "Updated with reaction from officials and analysts",
];

/// Template material for follow-up articles: same topics, other events.
const SUBJECTS: &[&str] = &[
    "The foreign ministry",
    "A government spokesman",
    "The defence ministry",
    "Local officials",
    "The opposition",
];
const CLAUSES: &[&str] = &[
    "announced new measures to support families in the border districts",
    "said an investigation into the incident would be opened next week",
    "called for calm and asked citizens to avoid the area",
    "rejected the claims as baseless and promised a detailed reply",
    "confirmed that a delegation would travel to the capital on Monday",
    "said that the budget for the coming year would be presented in parliament",
];

fn perturb(base: &[&str], rng: &mut Rng) -> String {
    let mut s: Vec<String> = base.iter().map(|x| (*x).to_owned()).collect();
    // Always at least two of: reorder, synonyms, new lead, dropped or added sentence.
    let ops = 2 + rng.below(3);
    let mut done = [false; 4];
    for _ in 0..ops {
        let op = rng.below(4);
        if done[op] {
            continue;
        }
        done[op] = true;
        match op {
            0 => {
                for i in (1..s.len()).rev() {
                    let j = rng.below(i + 1);
                    s.swap(i, j);
                }
            }
            1 => {
                for sent in &mut s {
                    let words: Vec<String> = sent
                        .split(' ')
                        .map(|w| {
                            let lw = w.to_lowercase();
                            match SYNONYMS.iter().find(|(a, _)| *a == lw) {
                                Some((_, b)) if rng.below(3) > 0 => (*b).to_owned(),
                                _ => w.to_owned(),
                            }
                        })
                        .collect();
                    *sent = words.join(" ");
                }
            }
            2 => s[0] = LEADS[rng.below(LEADS.len())].to_owned(),
            _ => {
                if rng.below(2) == 0 {
                    let k = rng.below(s.len());
                    s.remove(k);
                } else {
                    s.push(
                        "Additional reporting was provided by correspondents in the region".into(),
                    );
                }
            }
        }
    }
    s.join(". ") + "."
}

fn follow_up(base: &[&str], rng: &mut Rng) -> String {
    // Two background sentences of the base, then new sentences on the same topic.
    let mut s: Vec<String> = vec![base[rng.below(base.len())].to_owned()];
    for _ in 0..5 {
        s.push(format!(
            "{} {}",
            SUBJECTS[rng.below(SUBJECTS.len())],
            CLAUSES[rng.below(CLAUSES.len())]
        ));
    }
    s.push(base[rng.below(base.len())].to_owned());
    s.join(". ") + "."
}

/// The generated corpus: (article id, true group), plus the texts.
fn corpus(seed: u64) -> Vec<(String, String, String)> {
    let mut rng = Rng(seed);
    let mut out = Vec::new();
    for (b, base) in BASES.iter().enumerate() {
        out.push((format!("b{b}"), format!("g{b}"), base.join(". ") + "."));
        let mut seen = std::collections::HashSet::new();
        seen.insert(out.last().map(|x: &(String, String, String)| x.2.clone()).unwrap_or_default());
        for c in 0..4 {
            // Exact copies are stored once by the content hash; keep only real re-wordings.
            let text = loop {
                let t = perturb(base, &mut rng);
                if seen.insert(t.clone()) {
                    break t;
                }
            };
            out.push((format!("b{b}c{c}"), format!("g{b}"), text));
        }
        for f in 0..2 {
            out.push((format!("b{b}f{f}"), format!("f{b}.{f}"), follow_up(base, &mut rng)));
        }
    }
    out
}

/// Pairwise precision and recall of the store's grouping against the truth.
fn measure(seed: u64, threshold: f64) -> (f64, f64) {
    let arts = corpus(seed);
    let mut s =
        Store::open_in_memory(Aggregation { dup_threshold: threshold, ..Aggregation::default() })
            .unwrap();
    let mut ing = s.ingest(toy_code, 16, 1).unwrap();
    for (i, (id, _, text)) in arts.iter().enumerate() {
        let day = 1 + i % 3;
        ing.push(article(
            id,
            &format!("2023-06-{day:02}"),
            ["Wire A", "Paper B", "Site C"][i % 3],
            text,
        ))
        .unwrap();
    }
    ing.finish().unwrap();
    let got: Vec<String> =
        arts.iter().map(|(id, _, _)| s.article_group(id).unwrap().unwrap()).collect();
    let (mut tp, mut fp, mut fn_) = (0u32, 0u32, 0u32);
    for i in 0..arts.len() {
        for j in i + 1..arts.len() {
            let truth = arts[i].1 == arts[j].1;
            let pred = got[i] == got[j];
            match (truth, pred) {
                (true, true) => tp += 1,
                (false, true) => fp += 1,
                (true, false) => fn_ += 1,
                _ => {}
            }
        }
    }
    let p = if tp + fp == 0 { 1.0 } else { f64::from(tp) / f64::from(tp + fp) };
    let r = f64::from(tp) / f64::from(tp + fn_);
    (p, r)
}

#[test]
fn wire_copy_grouping_precision_and_recall() {
    let (mut ps, mut rs) = (0.0, 0.0);
    for seed in SEEDS {
        let (p, r) = measure(seed, Aggregation::default().dup_threshold);
        eprintln!("wire copies, seed {seed}: pairwise precision {p:.3}, recall {r:.3}");
        ps += p;
        rs += r;
    }
    let n = SEEDS.len() as f64;
    let (p, r) = (ps / n, rs / n);
    eprintln!("wire copies, mean over {} seeds: precision {p:.3}, recall {r:.3}", SEEDS.len());
    assert!(p >= PRECISION_GUARD, "precision {p:.3}");
    assert!(r >= RECALL_GUARD, "recall {r:.3}");
}

/// Corpus seeds: five generated corpora of 56 articles each.
const SEEDS: [u64; 5] = [1, 7, 42, 1234, 99_991];

/// Guards a little under the measured means at the default threshold 0.4
/// (precision 0.975, recall 0.965; see DUPLICATES.md).
const PRECISION_GUARD: f64 = 0.96;
const RECALL_GUARD: f64 = 0.94;

/// Raising the threshold trades recall for precision, and the default sits
/// where both stay high (figures in DUPLICATES.md).
#[test]
fn threshold_sweep_trades_recall_for_precision() {
    let mut prev: Option<(f64, f64)> = None;
    for t in [0.2, 0.3, 0.4, 0.5, 0.6, 0.7] {
        let (mut ps, mut rs) = (0.0, 0.0);
        for seed in SEEDS {
            let (p, r) = measure(seed, t);
            ps += p;
            rs += r;
        }
        let (p, r) = (ps / SEEDS.len() as f64, rs / SEEDS.len() as f64);
        eprintln!("threshold {t}: precision {p:.3} recall {r:.3}");
        if let Some((pp, pr)) = prev {
            assert!(
                p >= pp - 1e-9 && r <= pr + 1e-9,
                "threshold {t}: {p:.3}/{r:.3} after {pp:.3}/{pr:.3}"
            );
        }
        prev = Some((p, r));
    }
}

#[test]
fn events_of_a_wire_copy_count_once() {
    let mut s = Store::open_in_memory(Aggregation::default()).unwrap();
    let base = "Baku accused Tehran of flying drones over its border posts near the river crossing. The defence ministry said three unmanned aircraft had crossed the frontier before dawn. Border guards fired warning shots and the aircraft turned back, according to the statement.";
    let copy = "The defence ministry stated three unmanned aircraft had crossed the frontier before dawn. Border guards fired warning shots and the aircraft turned back, according to the statement. Baku accused Tehran of flying drones over its border posts near the river crossing.";
    let other =
        "Azerbaijan accused Iran of sending drones, a second outlet reported from its own sources.";
    let mut ing = s.ingest(toy_code, 256, 1).unwrap();
    ing.push(article("orig", "2023-04-02", "Wire A", base)).unwrap();
    ing.push(article("copy", "2023-04-02", "Paper B", copy)).unwrap();
    ing.push(article("own", "2023-04-03", "Site C", other)).unwrap();
    let sum = ing.finish().unwrap();
    assert_eq!(sum.wire_copies, 1);
    assert_eq!(s.article_group("copy").unwrap().as_deref(), Some("orig"));
    assert_eq!(s.article_group("own").unwrap().as_deref(), Some("own"));
    let mut out = Vec::new();
    s.export(ExportFormat::Jsonl, &mut out).unwrap();
    let ev: serde_json::Value =
        serde_json::from_str(String::from_utf8(out).unwrap().lines().next().unwrap()).unwrap();
    // Three reports stored as mentions; the copy's is not counted.
    assert_eq!(ev["mentions"].as_array().unwrap().len(), 3);
    assert_eq!(ev["mentions"][1]["counted"], false);
    assert_eq!(
        (ev["num_mentions"].as_i64(), ev["num_articles"].as_i64(), ev["num_sources"].as_i64()),
        (Some(2), Some(2), Some(2))
    );
}
