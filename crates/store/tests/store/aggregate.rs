//! The duplicate rule: same dyad, CAMEO family and date window -> one event.

use dyad_store::{Aggregation, ExportFormat, Store};
use serde_json::Value;

use crate::common::{article, toy_code};

fn events(s: &Store) -> Vec<Value> {
    let mut out = Vec::new();
    s.export(ExportFormat::Jsonl, &mut out).unwrap();
    String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["kind"] == "event")
        .collect()
}

fn key(v: &Value) -> (String, String, String, String, i64, i64, i64) {
    (
        v["date"].as_str().unwrap_or("").to_owned(),
        v["source"]["code"].as_str().unwrap().to_owned(),
        v["target"]["code"].as_str().unwrap().to_owned(),
        v["cameo"].as_str().unwrap().to_owned(),
        v["num_mentions"].as_i64().unwrap(),
        v["num_sources"].as_i64().unwrap(),
        v["num_articles"].as_i64().unwrap(),
    )
}

fn ingest(s: &mut Store, arts: Vec<dyad_ingest::article::Article>) {
    let mut ing = s.ingest(toy_code, 3, 1).unwrap();
    for a in arts {
        ing.push(a).unwrap();
    }
    ing.finish().unwrap();
}

fn k(
    d: &str,
    s: &str,
    t: &str,
    c: &str,
    m: i64,
    so: i64,
    a: i64,
) -> (String, String, String, String, i64, i64, i64) {
    (d.into(), s.into(), t.into(), c.into(), m, so, a)
}

#[test]
fn reports_merge_by_dyad_family_and_window() {
    let mut s = Store::open_in_memory(Aggregation::default()).unwrap();
    ingest(
        &mut s,
        vec![
            // Two sentences of one article, then two other outlets a day later
            // (one with a finer code of the same root 11), one three days later.
            article(
                "a",
                "2023-03-10",
                "Wire A",
                "Baku accused Tehran of spying. Later Azerbaijan blamed Iran again.",
            ),
            article("b", "2023-03-11", "Paper B", "Baku criticized Tehran over the border."),
            article(
                "c",
                "2023-03-11",
                "Wire A",
                "Azerbaijan accused Iran of meddling in its affairs.",
            ),
            article("d", "2023-03-14", "Paper B", "Baku accused Tehran, once more, of spying."),
            // Other direction and other family: separate events.
            article(
                "e",
                "2023-03-10",
                "Paper B",
                "Tehran accused Baku of provocation. Baku shelled Tehran positions.",
            ),
        ],
    );
    let got: Vec<_> = events(&s).iter().map(key).collect();
    assert_eq!(
        got,
        [
            k("2023-03-10", "AZE", "IRN", "112", 4, 2, 3),
            k("2023-03-14", "AZE", "IRN", "112", 1, 1, 1),
            k("2023-03-10", "IRN", "AZE", "112", 1, 1, 1),
            k("2023-03-10", "AZE", "IRN", "195", 1, 1, 1),
        ]
    );
}

#[test]
fn finer_families_and_wider_windows_are_configurable() {
    let arts = || {
        vec![
            article("a", "2023-03-10", "Wire A", "Baku accused Tehran of spying."),
            article("b", "2023-03-11", "Paper B", "Baku criticized Tehran over the border."),
            article("c", "2023-03-13", "Site C", "Baku accused Tehran over the border again."),
        ]
    };
    let mut fine =
        Store::open_in_memory(Aggregation { family_digits: 3, ..Aggregation::default() }).unwrap();
    ingest(&mut fine, arts());
    let got: Vec<_> = events(&fine).iter().map(key).collect();
    assert_eq!(
        got,
        [
            k("2023-03-10", "AZE", "IRN", "112", 1, 1, 1),
            k("2023-03-11", "AZE", "IRN", "111", 1, 1, 1),
            k("2023-03-13", "AZE", "IRN", "112", 1, 1, 1),
        ]
    );
    let mut wide =
        Store::open_in_memory(Aggregation { window_days: 3, ..Aggregation::default() }).unwrap();
    ingest(&mut wide, arts());
    let got: Vec<_> = events(&wide).iter().map(key).collect();
    assert_eq!(got, [k("2023-03-10", "AZE", "IRN", "112", 3, 3, 3)]);
}
