//! `Store::export_parquet` (feature `parquet`): the file read back with the
//! parquet crate's own reader has one row per aggregated event, the
//! documented columns and the values the CSV export gives.
#![cfg(feature = "parquet")]

use dyad_ingest::article::Article;
use dyad_store::{Aggregation, Coded, ExportFormat, Store};
use dyad_types::Date;
use dyad_types::event::{Actor, Event, Place};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;

const COLUMNS: [&str; 18] = [
    "id",
    "date",
    "source_code",
    "source_country",
    "target_code",
    "target_country",
    "cameo",
    "root",
    "quad_class",
    "goldstein",
    "plover",
    "num_mentions",
    "num_sources",
    "num_articles",
    "location",
    "location_country",
    "location_lat",
    "location_lon",
];

/// One event per article: the text is "SRC CAMEO TGT".
fn coder(a: &Article) -> Result<Coded, String> {
    let mut w = a.text.split_whitespace();
    let (s, c, t) = (w.next().unwrap(), w.next().unwrap(), w.next().unwrap());
    let actor = |code: &str| Actor {
        code: code.into(),
        country: Some(code[..3].into()),
        text: code.into(),
        ..Default::default()
    };
    let e = Event {
        date: a.date.map(|d| d.to_string()),
        source: actor(s),
        target: actor(t),
        cameo: c.into(),
        // The accusation is placed in Baku.
        place: (c == "112").then(|| Place {
            name: "Baku".into(),
            text: "Baku".into(),
            country: Some("AZE".into()),
            lat: Some(40.377),
            lon: Some(49.892),
            rule: "obl".into(),
            ..Default::default()
        }),
        ..Default::default()
    };
    Ok(Coded { events: vec![e], quotes: vec![] })
}

fn article(id: &str, date: Option<Date>, source: &str, text: &str) -> Article {
    Article {
        id: id.into(),
        date,
        url: None,
        source: Some(source.into()),
        title: None,
        text: text.into(),
        file: "t.jsonl".into(),
        line: 1,
    }
}

#[test]
fn parquet_export_reads_back() {
    let mut store = Store::open_in_memory(Aggregation::default()).unwrap();
    let mut ing = store.ingest(coder, 16, 1).unwrap();
    let d = |day| Date::new(2023, 3, day);
    // Two reports of one AZE>IRN accusation a day apart (one event, two
    // mentions), a different event, and an undated one.
    for a in [
        article("a1", d(30), "AFP", "AZEGOV 112 IRN x1"),
        article("a2", d(31), "AP", "AZEGOV 112 IRN x2"),
        article("a3", d(31), "AP", "ARM 051 GEO x3"),
        article("a4", None, "AP", "RUS 190 UKR x4"),
    ] {
        ing.push(a).unwrap();
    }
    ing.finish().unwrap();

    let dir = std::env::temp_dir().join(format!("dyad-store-parquet-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("events.parquet");
    let n = store.export_parquet(std::fs::File::create(&path).unwrap()).unwrap();
    let mut csv = Vec::new();
    let csv_rows = store.export(ExportFormat::Csv, &mut csv).unwrap();
    assert_eq!(n, 3);
    assert_eq!(n, csv_rows);

    let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
    let meta = reader.metadata().file_metadata();
    assert_eq!(meta.num_rows(), 3);
    let names: Vec<&str> = meta.schema_descr().columns().iter().map(|c| c.name()).collect();
    assert_eq!(names, COLUMNS);
    let rows: Vec<Vec<(String, Field)>> = reader
        .get_row_iter(None)
        .unwrap()
        .map(|r| r.unwrap().get_column_iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        .collect();
    assert_eq!(rows.len(), 3);
    let get = |r: &[(String, Field)], k: &str| r.iter().find(|(n, _)| n == k).unwrap().1.clone();
    let aze = rows
        .iter()
        .find(|r| get(r, "source_code") == Field::Str("AZEGOV".into()))
        .expect("the AZE>IRN event");
    assert_eq!(get(aze, "cameo"), Field::Str("112".into()));
    assert_eq!(get(aze, "num_mentions"), Field::Long(2));
    assert_eq!(get(aze, "num_sources"), Field::Long(2));
    assert_eq!(get(aze, "quad_class"), Field::Int(3));
    assert_eq!(get(aze, "source_country"), Field::Str("AZE".into()));
    // DATE columns read back as days since 1970-01-01 (2023-03-30 is 19446).
    assert!(matches!(get(aze, "date"), Field::Date(19_446) | Field::Date(19_447)), "{aze:?}");
    let rus = rows
        .iter()
        .find(|r| get(r, "source_code") == Field::Str("RUS".into()))
        .expect("the undated event");
    assert_eq!(get(rus, "date"), Field::Null);
    // The place its reports agree on, as the CSV export gives it.
    assert_eq!(get(aze, "location"), Field::Str("Baku".into()));
    assert_eq!(get(aze, "location_country"), Field::Str("AZE".into()));
    assert_eq!(get(aze, "location_lat"), Field::Double(40.377));
    assert_eq!(get(aze, "location_lon"), Field::Double(49.892));
    assert_eq!(get(rus, "location"), Field::Null);
    assert_eq!(get(rus, "location_lat"), Field::Null);
    // Every CSV id is in the Parquet file.
    let csv = String::from_utf8(csv).unwrap();
    for line in csv.lines().skip(1) {
        let id = line.split(',').next().unwrap();
        assert!(rows.iter().any(|r| get(r, "id") == Field::Str(id.into())), "{id}");
    }
}
