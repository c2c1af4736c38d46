//! `dyad code` attaches places to events: the locative oblique of the verb,
//! else a place elsewhere in the sentence, else the article's dateline.

mod common;

use std::process::Command;

fn run(args: &[&str], stdin: Option<&str>) -> Vec<serde_json::Value> {
    common::dyad_events(args, stdin)
}

fn code(text: &str) -> Vec<serde_json::Value> {
    run(&["code", "--date", "2026-03-28", "-"], Some(text))
}

/// The event whose evidence sentence contains `needle`.
fn event_in<'a>(events: &'a [serde_json::Value], needle: &str) -> Option<&'a serde_json::Value> {
    events.iter().find(|e| e["evidence"]["text"].as_str().unwrap_or("").contains(needle))
}

#[test]
fn example_article_places() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/baku-tehran.txt");
    let events = run(&["code", "--date", "2026-03-28", path], None);
    let meeting = event_in(&events, "Pashinyan met").expect("the meeting is coded");
    let p = &meeting["location"];
    assert_eq!(
        (p["name"].as_str(), p["country"].as_str(), p["rule"].as_str()),
        (Some("Paris"), Some("FRA"), Some("obl")),
        "{meeting}"
    );
    assert!((p["lat"].as_f64().unwrap() - 48.85).abs() < 0.01, "{p}");
    // DESIGN.md names the key `location`; the old key `place` must not return.
    assert!(meeting.get("place").is_none(), "{meeting}");
    // The shelling sentence, when the coder codes it.
    if let Some(shelling) = event_in(&events, "shelled villages") {
        let p = &shelling["location"];
        assert_eq!(
            (p["name"].as_str(), p["country"].as_str(), p["rule"].as_str()),
            (Some("Kharkiv"), Some("UKR"), Some("obl")),
            "{shelling}"
        );
    }
    // "Ukraine accused Russia ...": no place in the sentence, the dateline's.
    let accused = event_in(&events, "Ukraine accused Russia").expect("coded");
    assert_eq!(accused["location"]["name"], "Baku");
    assert_eq!(accused["location"]["rule"], "dateline");
    assert_eq!(accused["location"]["text"], "BAKU");
}

#[test]
fn a_country_in_a_locative_is_the_place() {
    let events = code("In Ukraine, Russian troops attacked Ukrainian positions.");
    let e = events.first().expect("an event");
    assert_eq!(e["location"]["country"], "UKR", "{e}");
    assert_eq!(e["location"]["rule"], "obl", "{e}");
}

#[test]
fn countries_that_are_actors_are_not_places() {
    // Neither side of "accused" is a place, and there is no dateline.
    let events = code("Ukraine accused Russia of shelling civilians.");
    let e = events.first().expect("an event");
    assert!(e.get("location").is_none(), "{e}");
}

#[test]
fn the_articles_countries_pick_a_namesake() {
    // Tripoli, Lebanon (230,000) over Tripoli, Libya (1.1 million) in an
    // article whose dateline is in Lebanon.
    let text =
        "BEIRUT, March 27 - Lebanese troops clashed with Syrian rebels in Tripoli on Friday.";
    let events = code(text);
    let e = events.first().expect("an event");
    assert_eq!(e["location"]["name"], "Tripoli", "{e}");
    assert_eq!(e["location"]["country"], "LBN", "{e}");
    // Without Lebanon in the article, the larger Tripoli.
    let libya = code("Egyptian troops clashed with Syrian rebels in Tripoli on Friday.");
    assert_eq!(libya.first().expect("an event")["location"]["country"], "LBY");
}

#[test]
fn ingest_stores_places_and_export_gives_them() {
    let dir = std::env::temp_dir().join(format!("dyad-places-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("places.sqlite");
    let _ = std::fs::remove_file(&db);
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/baku-tehran.txt");
    let st = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["ingest", "--db", db.to_str().unwrap(), "--date", "2026-03-28", example])
        .output()
        .unwrap();
    assert!(st.status.success(), "{}", String::from_utf8_lossy(&st.stderr));
    let events = run(&["export", "--db", db.to_str().unwrap(), "--format", "jsonl"], None);
    let meeting = events
        .iter()
        .find(|e| {
            e["mentions"][0]["evidence"]["text"].as_str().unwrap_or("").contains("Pashinyan met")
        })
        .expect("the meeting is stored");
    assert_eq!(meeting["location"]["name"], "Paris", "{meeting}");
    assert_eq!(meeting["location"]["rule"], "obl", "{meeting}");
    assert_eq!(meeting["mentions"][0]["location"]["country"], "FRA", "{meeting}");
    assert!(meeting.get("place").is_none(), "{meeting}");
    assert!(meeting["mentions"][0].get("place").is_none(), "{meeting}");
    let _ = std::fs::remove_dir_all(&dir);
}
