//! `dyad code` and `dyad ingest` on the same mixed inputs (JSON Lines with a
//! bad line, an undated and a future-dated article, articles in French, a
//! truncated WARC, an HTML page with no text): each problem is reported with
//! its file and line or record, the run goes on, the summary counts skips by
//! reason, and the progress line stays off when standard error is piped.

mod common;

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use flate2::Compression;
use flate2::write::GzEncoder;

const ENGLISH: &str = "Azerbaijan accused Iran of massing troops near the border, and the \
foreign ministry in Baku said that it would not accept any threat to its territory.";

const ENGLISH_2: &str = "Armenia praised Georgia for the talks on the new border crossing, \
and the two governments said that they would meet again in the spring.";

const ENGLISH_3: &str = "Russia hosted Turkey for talks on trade and energy, and officials \
said that the two sides had signed an agreement on gas supplies for the winter.";

const FRENCH: &str = "L'Azerbaïdjan a accusé l'Iran de masser des troupes près de la \
frontière, et le ministère des Affaires étrangères a déclaré qu'il n'accepterait aucune \
menace contre son territoire.";

fn dyad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("dyad-cli-bad-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn warc_member(id: &str, text: &str) -> Vec<u8> {
    let html = format!(
        "<!DOCTYPE html><html><head><title>T</title><meta property=\"article:published_time\" \
         content=\"2023-03-31T08:00:00Z\"></head><body><article><p>{text}</p><p>{text}</p>\
         </article></body></html>"
    );
    let block = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{html}");
    let rec = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{id}>\r\n\
         WARC-Target-URI: https://news.example/{id}\r\nWARC-Date: 2023-03-31T10:00:00Z\r\n\
         Content-Length: {}\r\n\r\n{block}\r\n\r\n",
        block.len()
    );
    gz(rec.as_bytes())
}

/// The mixed inputs; returns the directory.
fn fixture(name: &str) -> PathBuf {
    let dir = scratch(name);
    let lines = [
        format!(r#"{{"id":"ok","date":"2023-03-31","text":"{ENGLISH}"}}"#),
        r#"{"id":"broken", "date":"#.to_owned(),
        format!(r#"{{"id":"undated1","text":"{ENGLISH_2}"}}"#),
        format!(r#"{{"id":"future","date":"2999-01-01","text":"{ENGLISH_3}"}}"#),
        format!(r#"{{"id":"fr","date":"2023-03-31","text":"{FRENCH}"}}"#),
        format!(r#"{{"id":"undated2","text":"{ENGLISH} {ENGLISH_2}"}}"#),
    ];
    std::fs::write(dir.join("a.jsonl"), lines.join("\n")).unwrap();
    let mut warc = warc_member("w1", ENGLISH_2);
    warc.extend(warc_member("w2", FRENCH));
    let mut cut = warc_member("w3", ENGLISH);
    cut.truncate(cut.len() / 2);
    warc.extend(cut);
    std::fs::write(dir.join("b.warc.gz"), warc).unwrap();
    std::fs::write(
        dir.join("c.html"),
        "<!DOCTYPE html><html><head><title>Menu</title></head><body><nav><a href=\"/\">Home\
         </a> <a href=\"/w\">World</a></nav></body></html>",
    )
    .unwrap();
    dir
}

fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{cmd:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    out
}

/// Checks the per-input reports both commands print.
fn check_reports(err: &str, dir: &Path) {
    let at = |f: &str, line: u32| format!("{}:{line}: ", dir.join(f).display());
    for (place, what) in [
        (at("a.jsonl", 2), "invalid JSON"),
        (at("a.jsonl", 3), "has no date"),
        (at("a.jsonl", 4), "is in the future"),
        (at("a.jsonl", 5), "not English"),
        (at("b.warc.gz", 2), "not English"),
        (at("b.warc.gz", 3), "truncated gzip member"),
        (at("c.html", 1), "no main text"),
    ] {
        assert!(
            err.lines().any(|l| l.contains(&place) && l.contains(what)),
            "{place} {what}:\n{err}"
        );
    }
    // The missing date is said once, not per article.
    assert_eq!(err.matches("has no date").count(), 1, "{err}");
    assert!(
        err.contains("skipped by reason: 1 malformed, 1 no text, 1 truncated, 2 not English")
            || err.contains(
                "bad input by reason: 1 malformed, 1 no text, 1 truncated, 2 not English"
            ),
        "{err}"
    );
    assert!(err.contains("2 undated, 1 future-dated articles kept"), "{err}");
    // Progress lines are for terminals only.
    assert!(!err.contains('\r'), "{err}");
}

#[test]
fn code_reports_bad_input_and_goes_on() {
    let dir = fixture("code");
    let (records, err) = common::dyad_jsonl(&[OsStr::new("code"), dir.as_os_str()], None);
    check_reports(&err, &dir);
    assert!(err.contains("dyad code: 5 documents, "), "{err}");
    assert!(err.contains(" 5 errors;"), "{err}");
    let events: Vec<&serde_json::Value> = records.iter().filter(|v| v["kind"] == "event").collect();
    let docs: std::collections::BTreeSet<&str> =
        events.iter().filter_map(|e| e["doc"].as_str()).collect();
    // Every kept English article is coded, and nothing from the skipped ones.
    for d in ["ok", "future", "undated2", "urn:uuid:w1"] {
        assert!(docs.contains(d), "{d} not coded: {docs:?}");
    }
    assert!(!docs.contains("fr") && !docs.contains("urn:uuid:w2"), "{docs:?}");
    // Undated articles give undated events; the future date is kept as given.
    for e in &events {
        match e["doc"].as_str() {
            Some("undated2") => assert!(e["date"].is_null(), "{e}"),
            Some("future") => assert_eq!(e["date"], "2999-01-01", "{e}"),
            _ => {}
        }
    }
    // With --date, undated articles take it and nothing is said about them.
    let out = run(dyad().args(["code", "--date", "2023-04-02"]).arg(dir.join("a.jsonl")));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("has no date") && err.contains("0 undated"), "{err}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains(r#""doc":"undated2""#), "{stdout}");
    assert!(
        stdout
            .lines()
            .filter(|l| l.contains(r#""doc":"undated2""#) && l.contains(r#""kind":"event""#))
            .all(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                v["date"] == "2023-04-02" || v["date_source"].as_str() != Some("publication")
            })
    );
    // --any-language codes the French article instead of skipping it.
    let out = run(dyad().args(["code", "--any-language"]).arg(dir.join("a.jsonl")));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("5 documents") && !err.contains("not English"), "{err}");
}

#[test]
fn ingest_reports_bad_input_and_goes_on() {
    let dir = fixture("ingest");
    let db = scratch("ingest-db").join("x.sqlite");
    let out = run(dyad().args(["ingest", "--threads", "1", "--db"]).arg(&db).arg(&dir));
    let err = String::from_utf8_lossy(&out.stderr);
    check_reports(&err, &dir);
    assert!(err.contains("10 articles read, 5 stored"), "{err}");
    assert!(err.contains("5 bad input, 0 coding errors"), "{err}");
}

#[test]
fn code_reads_several_files_formats_and_stdin() {
    let dir = scratch("many");
    std::fs::write(dir.join("one.txt"), ENGLISH).unwrap();
    std::fs::write(dir.join("two.jsonl"), format!(r#"{{"id":"j1","text":"{ENGLISH_2}"}}"#))
        .unwrap();
    let out = run(dyad()
        .args(["code", "--date", "2023-03-31"])
        .arg(dir.join("one.txt"))
        .arg(dir.join("two.jsonl")));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains(r#""doc":"one.txt""#) && stdout.contains(r#""doc":"j1""#), "{stdout}");
    // An explicit --from overrides detection: the JSON line read as text is
    // one article whose text is the JSON.
    let out = run(dyad().args(["code", "--from", "text"]).arg(dir.join("two.jsonl")));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("1 documents"), "{err}");
    // Standard input streams JSON Lines, detected by content.
    let mut child = dyad()
        .args(["code", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let input = format!(
        "{}\nnot json\n{}\n",
        format_args!(r#"{{"id":"s1","date":"2023-03-31","text":"{ENGLISH}"}}"#),
        format_args!(r#"{{"id":"s2","date":"2023-03-31","text":"{ENGLISH_2}"}}"#)
    );
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("<stdin>:2: invalid JSON"), "{err}");
    assert!(err.contains("2 documents") && err.contains("1 malformed"), "{err}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains(r#""doc":"s1""#) && stdout.contains(r#""doc":"s2""#), "{stdout}");
    // A missing input is an error (exit code 2).
    let out = dyad().arg("code").arg(dir.join("missing.txt")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn progress_line_when_asked() {
    let dir = fixture("progress");
    let out = run(dyad().args(["code", "--progress"]).arg(dir.join("a.jsonl")));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("\r\x1b[Kdyad code: "), "{err}");
    assert!(err.contains(" articles (") && err.contains(" events ("), "{err}");
}
