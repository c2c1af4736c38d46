//! Bad input through `open_inputs`: each bad file, line or record is one
//! `Err` with its file, line (or WARC record) and a reason (`SkipKind`),
//! and reading goes on. Undated articles are kept when asked
//! (`allow_undated`), articles not in English are skipped when asked
//! (`english_only`). Inputs are built here (no shared data).

use std::io::Write;
use std::path::PathBuf;

use dyad_ingest::article::ArticleOptions;
use dyad_ingest::{Format, SkipKind, open_inputs};
use dyad_types::Date;
use flate2::Compression;
use flate2::write::GzEncoder;

const ENGLISH: &str = "Azerbaijan accused Iran on Friday of massing troops near the border, \
and the foreign ministry in Baku said that it would not accept any threat to the territory of \
the country.";

const FRENCH: &str = "L'Azerbaïdjan a accusé vendredi l'Iran de masser des troupes près de \
la frontière, et le ministère des Affaires étrangères a déclaré qu'il n'accepterait aucune \
menace contre le territoire du pays.";

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("dyad-ingest-bad-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// A gzipped WARC response record holding an HTML page with `body`.
fn warc_member(id: &str, body: &str) -> Vec<u8> {
    let html = format!(
        "<!DOCTYPE html><html><head><title>T</title></head><body><article>{body}</article>\
         </body></html>"
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

fn para(text: &str) -> String {
    format!("<p>{text}</p><p>{text}</p><p>{text}</p>")
}

/// An error as (file name, line, kind, message).
type Skip = (String, u64, SkipKind, String);

/// The errors, and (id, date) of the articles.
fn read(dir: &std::path::Path, opts: ArticleOptions) -> (Vec<Skip>, Vec<(String, Option<Date>)>) {
    let (mut errs, mut ok) = (Vec::new(), Vec::new());
    for item in open_inputs([dir], Format::Auto, opts) {
        match item {
            Ok(a) => ok.push((a.id, a.date)),
            Err(e) => {
                let msg = e.to_string();
                let file = msg.split(':').next().unwrap_or("").rsplit('/').next().unwrap_or("");
                errs.push((file.to_owned(), e.line(), e.kind(), msg));
            }
        }
    }
    (errs, ok)
}

/// The mixed fixture in a folder of its own: tests run in parallel, and
/// two tests rebuilding one folder would race.
fn fixture(name: &str) -> PathBuf {
    let dir = tmpdir(name);
    let jsonl = [
        format!(r#"{{"id":"ok","date":"2023-03-31","text":"{ENGLISH}"}}"#),
        r#"{"id":"broken", "date":"#.to_owned(),
        format!(r#"{{"id":"undated","text":"{ENGLISH}"}}"#),
        format!(r#"{{"id":"fr","date":"2023-03-31","text":"{FRENCH}"}}"#),
        r#"{"id":"baddate","date":"31/03/2023","text":"Short."}"#.to_owned(),
        r#"{"id":"notext","date":"2023-03-31"}"#.to_owned(),
    ]
    .join("\n");
    std::fs::write(dir.join("a.jsonl"), jsonl).unwrap();
    // Two good records, then a member cut in the middle.
    let mut warc = warc_member("w1", &para(ENGLISH));
    warc.extend(warc_member("w2", &para(FRENCH)));
    let mut cut = warc_member("w3", &para(ENGLISH));
    cut.truncate(cut.len() / 2);
    warc.extend(cut);
    std::fs::write(dir.join("b.warc.gz"), warc).unwrap();
    std::fs::write(
        dir.join("c.html"),
        "<!DOCTYPE html><html><head><title>Menu</title></head><body><nav><a href=\"/\">Home\
         </a> <a href=\"/w\">World</a></nav></body></html>",
    )
    .unwrap();
    std::fs::write(dir.join("d.txt"), " \n\t\n").unwrap();
    std::fs::write(dir.join("e.txt"), FRENCH).unwrap();
    dir
}

#[test]
fn each_bad_input_has_a_place_and_a_reason() {
    let dir = fixture("places");
    let opts = ArticleOptions { allow_undated: true, english_only: true, ..Default::default() };
    let (errs, ok) = read(&dir, opts);
    let got: Vec<(&str, u64, SkipKind)> =
        errs.iter().map(|(f, l, k, _)| (f.as_str(), *l, *k)).collect();
    assert_eq!(
        got,
        [
            ("a.jsonl", 2, SkipKind::Malformed),
            ("a.jsonl", 4, SkipKind::NotEnglish),
            ("a.jsonl", 5, SkipKind::BadDate),
            ("a.jsonl", 6, SkipKind::NoText),
            ("b.warc.gz", 2, SkipKind::NotEnglish),
            ("b.warc.gz", 3, SkipKind::Truncated),
            ("c.html", 1, SkipKind::NoText),
            ("d.txt", 1, SkipKind::NoText),
            ("e.txt", 1, SkipKind::NotEnglish),
        ],
        "{errs:#?}"
    );
    let not_english = &errs[1].3;
    assert!(not_english.contains("a.jsonl:4: article fr: not English: "), "{not_english}");
    assert!(errs[5].3.contains("truncated gzip member"), "{}", errs[5].3);
    // The undated article is kept, without a date; the good WARC record too.
    let ids: Vec<&str> = ok.iter().map(|(i, _)| i.as_str()).collect();
    assert_eq!(ids, ["ok", "undated", "urn:uuid:w1"], "{ok:?}");
    assert_eq!(ok[1].1, None);
    assert_eq!(SkipKind::NotEnglish.label(), "not English");
}

#[test]
fn defaults_keep_other_languages_and_refuse_undated_lines() {
    let dir = fixture("defaults");
    let (errs, ok) = read(&dir, ArticleOptions::default());
    let kinds: Vec<(&str, u64, SkipKind)> =
        errs.iter().map(|(f, l, k, _)| (f.as_str(), *l, *k)).collect();
    assert!(kinds.contains(&("a.jsonl", 3, SkipKind::BadDate)), "{errs:#?}");
    assert!(kinds.iter().all(|k| k.2 != SkipKind::NotEnglish), "{errs:#?}");
    let ids: Vec<&str> = ok.iter().map(|(i, _)| i.as_str()).collect();
    assert_eq!(ids, ["ok", "fr", "urn:uuid:w1", "urn:uuid:w2", "e.txt"], "{ok:?}");
    // A date given as the default dates the undated line.
    let d = Date::new(2023, 4, 1);
    let (_, ok) = read(&dir, ArticleOptions { date: d, ..Default::default() });
    assert!(ok.iter().any(|(i, date)| i == "undated" && *date == d), "{ok:?}");
}
