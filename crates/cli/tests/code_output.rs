//! `dyad code` output on short texts: event dates (the expression on the
//! event verb wins over the publication date, and `date_source` says which)
//! and pronouns (lower-case "us" is not the USA, while "the US" still is).

use std::io::Write;
use std::process::{Command, Stdio};

fn code(text: &str, date: &str) -> Vec<serde_json::Value> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["code", "--date", date, "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dyad runs");
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|v: &serde_json::Value| v["kind"] == "event")
        .collect()
}

#[test]
fn relative_weekday_dates_the_event() {
    // 2026-03-28 is a Saturday: "on Friday" is the day before.
    let events = code("Ukraine accused Russia on Friday of shelling civilians.", "2026-03-28");
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0]["date"], "2026-03-27");
    assert_eq!(events[0]["date_source"], "relative:Friday");
}

#[test]
fn no_expression_keeps_the_publication_date() {
    let events = code("Ukraine accused Russia of shelling civilians.", "2026-03-28");
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0]["date"], "2026-03-28");
    assert_eq!(events[0]["date_source"], "publication");
}

/// (source, CAMEO code, target) of each event.
fn codes(text: &str) -> Vec<(String, String, String)> {
    let s = |x: &serde_json::Value| x.as_str().unwrap_or("").to_string();
    code(text, "2026-03-28")
        .iter()
        .map(|v| (s(&v["source"]["code"]), s(&v["cameo"]), s(&v["target"]["code"])))
        .collect()
}

#[test]
fn lower_case_us_is_not_the_united_states() {
    let events = codes("Russian troops attacked us near the border, the Ukrainian commander said.");
    assert!(events.iter().all(|(s, _, t)| s != "USA" && t != "USA"), "{events:?}");
}

#[test]
fn the_us_still_codes() {
    let events = codes("The US condemned Russia.");
    assert!(events.iter().any(|(s, _, t)| s == "USA" && t == "RUS"), "{events:?}");
}
