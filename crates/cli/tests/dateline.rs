//! Event dates count from the article's dateline ("BAKU, March 31 -"), not
//! from a document date that may be a crawl date days later.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::dyad_events;
use dyad_types::Date;

/// The repository root (the article corpus lives there).
fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `YYYY-MM-DD` plus `n` days.
fn plus_days(date: &str, n: i64) -> String {
    let d = Date::parse(date).unwrap_or_else(|| panic!("bad corpus date {date:?}"));
    d.add_days(n).expect("a date in 1..=9999").to_string()
}

#[test]
fn late_document_dates_do_not_move_event_dates() {
    // The article corpus with every document date three days late, as a
    // crawl date can be. Every article has a dateline, so the event dates
    // must stay what they are with the true dates: 57 of the 63 found
    // correct (tests/articles.rs guards the figure on the true dates;
    // before datelines were read, the late corpus scored 49).
    let root = repo_root();
    let src = std::fs::read_to_string(root.join("tests/articles/articles.jsonl")).unwrap();
    let mut late = String::new();
    for line in src.lines() {
        let mut v: serde_json::Value = serde_json::from_str(line).unwrap();
        let date = v["date"].as_str().expect("every corpus article has a date").to_string();
        v["date"] = plus_days(&date, 3).into();
        late.push_str(&v.to_string());
        late.push('\n');
    }
    let dir = std::env::temp_dir().join(format!("dyad-dateline-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("late.jsonl");
    std::fs::write(&path, late).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["eval", "articles", "--json", "--gold", "tests/articles/gold.jsonl"])
        .arg(&path)
        .current_dir(&root)
        .output()
        .expect("dyad runs");
    std::fs::remove_dir_all(&dir).ok();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let correct = report["dates"]["correct"].as_u64().unwrap();
    assert!(correct >= 56, "dates correct {correct} with late document dates: {report}");
}

#[test]
fn a_dateline_with_a_year_dates_an_undated_article() {
    let text = "MOSCOW, March 31, 2026 - Russia accused Ukraine on Friday of shelling a \
                village.\n\nUkraine condemned Russia.\n";
    let events = dyad_events(&["code", "-"], Some(text));
    let dated: Vec<(&str, &str)> = events
        .iter()
        .map(|e| (e["date"].as_str().unwrap_or("-"), e["date_source"].as_str().unwrap_or("-")))
        .collect();
    // 31 March 2026 is a Tuesday; the Friday before it is the 27th.
    assert_eq!(
        dated,
        [("2026-03-27", "relative:Friday"), ("2026-03-31", "dateline")],
        "{events:?}"
    );
}

#[test]
fn the_dateline_wins_over_a_later_document_date() {
    let text = "BAKU, March 31 (dyad test) - Azerbaijan accused Iran on Friday of plotting \
                an attack.\n";
    for date in ["2026-03-31", "2026-04-05", "2026-03-30"] {
        let events = dyad_events(&["code", "--date", date, "-"], Some(text));
        assert_eq!(events.len(), 1, "{events:?}");
        assert_eq!(events[0]["date"], "2026-03-27", "document date {date}: {events:?}");
    }
}
