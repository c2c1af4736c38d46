//! Places (schema version 3): each mention keeps its place, the JSONL, CSV
//! and GDELT exports give an aggregated event the place its reports agree
//! on, and a version-2 database migrates to it.

use dyad_ingest::article::Article;
use dyad_store::{Aggregation, Coded, ExportFormat, SCHEMA_VERSION, Store};
use dyad_types::event::Place;

use crate::common::{article, scratch, toy_code};

/// The toy coder, with a place per article: `(name, country, rule)` from
/// the article's id (`"<anything>@Name/CTY/rule"`).
fn placed(a: &Article) -> Result<Coded, String> {
    let mut c = toy_code(a)?;
    if let Some((_, p)) = a.id.split_once('@') {
        let f: Vec<&str> = p.split('/').collect();
        for e in &mut c.events {
            e.place = Some(Place {
                name: f[0].into(),
                text: f[0].into(),
                country: Some(f[1].into()),
                lat: Some(40.0),
                lon: Some(49.0),
                rule: f[2].into(),
                ..Default::default()
            });
        }
    }
    Ok(c)
}

fn export(s: &Store) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    s.export(ExportFormat::Jsonl, &mut out).unwrap();
    String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v["kind"] == "event")
        .collect()
}

#[test]
fn the_reports_majority_place_and_sentence_places_over_datelines() {
    let p = scratch("places.sqlite");
    let mut s = Store::open(&p, Aggregation::default()).unwrap();
    let mut ing = s.ingest(placed, 8, 1).unwrap();
    // One event (AZE->IRN 112, same day) in five reports from five outlets:
    // two place it in Tehran from the sentence, three only have a Baku
    // dateline; a sixth report of another event has none.
    let reports = [
        ("r1@Baku/AZE/dateline", "Example Wire", "Baku accused Tehran of spying."),
        ("r2@Tehran/IRN/obl", "Daily Example", "In a statement Baku blamed Tehran for the plot."),
        ("r3@Baku/AZE/dateline", "Third Paper", "Officials in Baku accused Tehran of espionage."),
        (
            "r4@Tehran/IRN/sentence",
            "Fourth Post",
            "Azerbaijan again accused Iran over the embassy.",
        ),
        ("r5@Baku/AZE/dateline", "Fifth Herald", "Late on Monday Baku blamed Tehran once more."),
        ("r6", "Sixth Times", "Yerevan praised Ankara."),
    ];
    for (id, outlet, text) in reports {
        ing.push(article(id, "2023-03-30", outlet, text)).unwrap();
    }
    let sum = ing.finish().unwrap();
    assert_eq!((sum.stored, sum.mentions), (6, 6));
    let events = export(&s);
    let accuse = events.iter().find(|e| e["cameo"] == "112").expect("the accusation");
    assert_eq!(accuse["num_mentions"], 5, "{accuse}");
    // Every mention keeps its own place.
    let names: Vec<&str> = accuse["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["location"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Baku", "Tehran", "Baku", "Tehran", "Baku"]);
    assert_eq!(accuse["mentions"][1]["location"]["rule"], "obl");
    // Three datelines say Baku, but two reports read Tehran from the text.
    assert_eq!(accuse["location"]["name"], "Tehran", "{accuse}");
    assert_eq!(accuse["location"]["country"], "IRN");
    assert_eq!(accuse["location"]["lat"], 40.0);
    // DESIGN.md names the key `location`; the old key `place` must not return.
    assert!(accuse.get("place").is_none(), "{accuse}");
    assert!(accuse["mentions"][1].get("place").is_none(), "{accuse}");
    let praise = events.iter().find(|e| e["cameo"] == "051").expect("the praise");
    assert!(praise.get("location").is_none(), "{praise}");
    assert!(praise["mentions"][0].get("location").is_none(), "{praise}");
    // CSV and GDELT carry the same agreed place.
    let text = |f| {
        let mut out = Vec::new();
        s.export(f, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    };
    let csv = text(ExportFormat::Csv);
    let head: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    assert_eq!(
        head[head.len() - 4..],
        ["location", "location_country", "location_lat", "location_lon"]
    );
    let row = csv.lines().find(|l| l.contains(",112,")).unwrap();
    assert!(row.ends_with(",Tehran,IRN,40,49"), "{row}");
    let tsv = text(ExportFormat::Gdelt);
    let rows: Vec<Vec<&str>> = tsv.lines().map(|l| l.split('\t').collect()).collect();
    let col = |name: &str| rows[0].iter().position(|c| *c == name).unwrap();
    let r = rows.iter().find(|r| r[col("EventCode")] == "112").unwrap();
    assert_eq!(r[col("ActionGeo_FullName")], "Tehran");
    assert_eq!(r[col("ActionGeo_CountryCode")], "IRN");
    assert_eq!((r[col("ActionGeo_Lat")], r[col("ActionGeo_Long")]), ("40", "49"));
    let r = rows.iter().find(|r| r[col("EventCode")] == "051").unwrap();
    assert_eq!(r[col("ActionGeo_FullName")], "");
}

#[test]
fn among_datelines_alone_the_most_reports_win() {
    let p = scratch("places-datelines.sqlite");
    let mut s = Store::open(&p, Aggregation::default()).unwrap();
    let mut ing = s.ingest(placed, 8, 1).unwrap();
    for (id, outlet, text) in [
        ("d1@Ankara/TUR/dateline", "Example Wire", "Baku accused Tehran of spying."),
        (
            "d2@Baku/AZE/dateline",
            "Daily Example",
            "In a statement Baku blamed Tehran for the plot.",
        ),
        ("d3@Baku/AZE/dateline", "Third Paper", "Officials in Baku accused Tehran of espionage."),
    ] {
        ing.push(article(id, "2023-03-30", outlet, text)).unwrap();
    }
    ing.finish().unwrap();
    let events = export(&s);
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0]["location"]["name"], "Baku", "{}", events[0]);
}

#[test]
fn a_version_2_database_migrates_and_gains_places() {
    let p = scratch("v2.sqlite");
    {
        let sql =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/v2.sql"))
                .unwrap();
        let c = rusqlite::Connection::open(&p).unwrap();
        c.execute_batch(&sql).unwrap();
        let v: u32 = c.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v, 2);
    }
    let mut s = Store::open(&p, Aggregation::default()).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(SCHEMA_VERSION, 4);
    let c = s.counts().unwrap();
    assert_eq!((c.articles, c.events, c.mentions, c.quotes), (2, 2, 3, 1));
    // Old mentions have no place.
    let events = export(&s);
    assert!(events.iter().all(|e| e.get("location").is_none()), "{events:?}");
    // A new report of IRN->AZE 042 that day merges into the migrated event
    // and gives it its place.
    let mut ing = s.ingest(placed, 8, 1).unwrap();
    ing.push(article(
        "n1@Tehran/IRN/obl",
        "2023-03-30",
        "Third Paper",
        "Tehran hosted a delegation from Baku.",
    ))
    .unwrap();
    ing.finish().unwrap();
    let events = export(&s);
    let hosted = events.iter().find(|e| e["id"] == "2222222222222222").expect("migrated event");
    assert_eq!(hosted["num_mentions"], 2, "{hosted}");
    assert_eq!(hosted["location"]["name"], "Tehran", "{hosted}");
    assert!(hosted["mentions"][0].get("location").is_none());
    assert_eq!(s.integrity_check().unwrap(), "ok");
}
