//! A pronoun never codes as an actor: lower-case "us" is not the USA, while
//! "the US" still is.

use std::io::Write;
use std::process::{Command, Stdio};

fn codes(text: &str) -> Vec<(String, String, String)> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["code", "--date", "2026-03-28", "-"])
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
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v["kind"] == "event")
        .map(|v| {
            let s = |x: &serde_json::Value| x.as_str().unwrap_or("").to_string();
            (s(&v["source"]["code"]), s(&v["cameo"]), s(&v["target"]["code"]))
        })
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
