//! Exports: JSONL (events with mentions, then quotes), CSV and GDELT-like TSV.

use dyad_store::{Aggregation, ExportFormat, Store};
use serde_json::Value;

use crate::common::{article, toy_code};

fn store() -> Store {
    let mut s = Store::open_in_memory(Aggregation::default()).unwrap();
    let mut ing = s.ingest(toy_code, 4, 1).unwrap();
    ing.push(article(
        "e1",
        "2023-05-02",
        "Wire A",
        "Baku accused Tehran of spying. \"We will answer\" said Hikmet Example.",
    ))
    .unwrap();
    ing.push(article(
        "e2",
        "2023-05-02",
        "Paper B",
        "Azerbaijan blamed Iran, with \"some\" caveats, for the attack.",
    ))
    .unwrap();
    ing.finish().unwrap();
    s
}

fn export(s: &Store, f: ExportFormat) -> (u64, String) {
    let mut out = Vec::new();
    let n = s.export(f, &mut out).unwrap();
    (n, String::from_utf8(out).unwrap())
}

#[test]
fn jsonl_has_events_with_mentions_and_quotes() {
    let s = store();
    let (n, text) = export(&s, ExportFormat::Jsonl);
    let lines: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(n, 2);
    // Records lead with their kind, as `dyad code` writes them.
    assert!(text.starts_with("{\"kind\":\"event\",\"id\":"), "{text}");
    assert!(
        text.lines().nth(1).unwrap().starts_with("{\"kind\":\"quote\",\"doc\":\"e1\""),
        "{text}"
    );
    assert_eq!(lines.len(), 2);
    let e = &lines[0];
    assert_eq!(e["kind"], "event");
    assert_eq!(
        (e["cameo"].as_str(), e["root"].as_str(), e["quad_class"].as_i64()),
        (Some("112"), Some("11"), Some(3))
    );
    assert_eq!(e["num_mentions"], 2);
    assert_eq!(e["num_sources"], 2);
    let m = &e["mentions"][0];
    assert_eq!(
        (m["doc"].as_str(), m["sentence"].as_i64(), m["source"].as_str()),
        (Some("e1"), Some(0), Some("Wire A"))
    );
    assert_eq!(m["evidence"]["text"], "Baku accused Tehran of spying.");
    assert_eq!(m["evidence"]["verb"], serde_json::json!([5, 12]));
    let q = &lines[1];
    assert_eq!(q["kind"], "quote");
    assert_eq!(
        (q["doc"].as_str(), q["speaker_text"].as_str(), q["verb"].as_str(), q["quote"].as_str()),
        (Some("e1"), Some("Hikmet Example"), Some("said"), Some("We will answer"))
    );
    let text_e1 = "Baku accused Tehran of spying. \"We will answer\" said Hikmet Example.";
    let span = q["span"].as_array().unwrap();
    let (a, b) = (span[0].as_u64().unwrap() as usize, span[1].as_u64().unwrap() as usize);
    assert_eq!(&text_e1[a..b], "We will answer");
}

#[test]
fn csv_and_gdelt_rows() {
    let s = store();
    let (n, csv) = export(&s, ExportFormat::Csv);
    assert_eq!(n, 1);
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 2);
    assert!(rows[0].starts_with("id,date,source_code"));
    assert!(rows[1].contains(",2023-05-02,AZE,AZE,IRN,IRN,112,11,3,"), "{}", rows[1]);
    let (_, tsv) = export(&s, ExportFormat::Gdelt);
    let rows: Vec<Vec<&str>> = tsv.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows[0][0], "GLOBALEVENTID");
    assert_eq!(rows[0].len(), rows[1].len());
    let col = |name: &str| rows[0].iter().position(|c| *c == name).unwrap();
    assert_eq!(rows[1][col("SQLDATE")], "20230502");
    assert_eq!(rows[1][col("Actor1Code")], "AZE");
    assert_eq!(rows[1][col("Actor1Name")], "Baku");
    assert_eq!(rows[1][col("EventRootCode")], "11");
    assert_eq!(rows[1][col("NumArticles")], "2");
    assert_eq!(rows[1][col("SOURCEURL")], "https://wire-a.example/e1");
}
