//! Migrations from the committed version-1 fixture.

use dyad_store::{Aggregation, ExportFormat, SCHEMA_VERSION, Store};

use crate::common::{article, scratch, toy_code};

#[test]
fn a_version_1_database_migrates_and_keeps_its_rows() {
    let p = scratch("v1.sqlite");
    {
        let sql =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/v1.sql"))
                .unwrap();
        let c = rusqlite::Connection::open(&p).unwrap();
        c.execute_batch(&sql).unwrap();
        let v: u32 = c.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v, 1);
    }
    let mut s = Store::open(&p, Aggregation::default()).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    let c = s.counts().unwrap();
    assert_eq!((c.articles, c.events, c.mentions, c.quotes), (2, 2, 3, 0));
    // Old articles are their own wire-copy groups; old mentions count.
    assert_eq!(s.article_group("v1-a2").unwrap().as_deref(), Some("v1-a2"));
    let mut out = Vec::new();
    s.export(ExportFormat::Jsonl, &mut out).unwrap();
    let first: serde_json::Value =
        serde_json::from_str(String::from_utf8(out).unwrap().lines().next().unwrap()).unwrap();
    assert_eq!(first["id"], "1111111111111111");
    assert_eq!(first["mentions"].as_array().unwrap().len(), 2);
    assert_eq!(first["mentions"][1]["counted"], true);
    assert_eq!(first["mentions"][0]["explain"]["verb_entry"], "v:1");
    // New reports merge into the migrated events and recount them: the
    // toy coder codes "Baku" as AZE (not AZEGOV), so the first starts a new
    // event; the second merges into IRN->AZE 042 of 2023-03-30.
    let mut ing = s.ingest(toy_code, 8, 1).unwrap();
    ing.push(article("new", "2023-03-31", "Third Paper", "Baku accused Tehran of spying."))
        .unwrap();
    ing.push(article("new2", "2023-03-31", "Third Paper", "Tehran hosted a delegation from Baku."))
        .unwrap();
    let sum = ing.finish().unwrap();
    assert_eq!((sum.stored, sum.mentions, sum.new_events), (2, 2, 1));
    let mut out = Vec::new();
    s.export(ExportFormat::Csv, &mut out).unwrap();
    let csv = String::from_utf8(out).unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 4);
    assert!(
        rows[1].starts_with("1111111111111111,2023-03-30,AZEGOV,AZE,IRN,IRN,112,11,3,"),
        "{}",
        rows[1]
    );
    // Counts, then no place (v1 rows have none).
    assert!(rows[1].ends_with(",2,2,2,,,,"), "{}", rows[1]);
    assert!(rows[2].starts_with("2222222222222222,2023-03-30,IRN,IRN,AZE,AZE,042,"), "{}", rows[2]);
    assert!(rows[2].ends_with(",2,2,2,,,,"), "{}", rows[2]);
    assert!(rows[3].contains(",2023-03-31,AZE,AZE,IRN,IRN,112,"), "{}", rows[3]);
    assert_eq!(s.integrity_check().unwrap(), "ok");
    // Re-opening a migrated database is a no-op.
    drop(s);
    let s = Store::open(&p, Aggregation::default()).unwrap();
    assert_eq!(s.counts().unwrap().articles, 4);
}
