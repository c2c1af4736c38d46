//! Article inputs: JSON Lines and plain-text files.

use dyad_ingest::article::{self, ArticleOptions, JsonlReader};
use dyad_types::Date;

fn read_all(input: &[u8], opts: ArticleOptions) -> Vec<Result<article::Article, String>> {
    JsonlReader::new(input, "in.jsonl", opts).map(|r| r.map_err(|e| e.to_string())).collect()
}

#[test]
fn jsonl_good_and_bad_lines() {
    let mut input = Vec::new();
    input.extend_from_slice(
        br#"{"id":"a1","date":"2023-03-31","url":"https://example.org/a1","source":"Example Wire","title":"Baku protests","text":"The Azerbaijani Foreign Ministry summoned Iran's ambassador on Friday."}
{"id":"a2","date":"2023-04-01","text":"Tehran rejected the protest."}

{"id":"a3","date":"2023-04-01","text":"unterminated
[1,2,3]
{"id":"a5","date":"2023-04-01"}
{"id":"a6","date":"01/04/2023","text":"Bad date."}
{"id":"a7","text":"No date."}
{"id":"a8","date":"2031-01-01","text":"From the future."}
{"id":"a9","date":"2023-04-01","title":7,"text":"Title is a number."}
"#,
    );
    input.extend_from_slice(
        b"{\"id\":\"a10\",\"date\":\"2023-04-01\",\"text\":\"bad \xff byte\"}\n",
    );
    input
        .extend_from_slice(b"{\"id\":42,\"date\":\"20230402\",\"text\":\"Numeric id, CRLF.\"}\r\n");
    input.extend_from_slice(b"{\"date\":\"2023-04-02\",\"text\":\"No id.\"}");
    let opts = ArticleOptions { not_after: Date::new(2030, 1, 1), ..ArticleOptions::default() };
    let got = read_all(&input, opts);
    let summary: Vec<String> = got
        .iter()
        .map(|r| match r {
            Ok(a) => format!(
                "ok {} {} line {}",
                a.id,
                a.date.map(|d| d.to_string()).unwrap_or_default(),
                a.line
            ),
            Err(e) => e.clone(),
        })
        .collect();
    let want = [
        "ok a1 2023-03-31 line 1",
        "ok a2 2023-04-01 line 2",
        "in.jsonl:4: invalid JSON: EOF while parsing a string",
        "in.jsonl:5: expected a JSON object",
        "in.jsonl:6: article a5: no \"text\"",
        "in.jsonl:7: article a6: date \"01/04/2023\" is not YYYY-MM-DD or YYYYMMDD",
        "in.jsonl:8: article a7: no date (give a default date to accept it)",
        "in.jsonl:9: article a8: date 2031-01-01 is after 2030-01-01 (in the future?)",
        "in.jsonl:10: field \"title\" must be a string, found 7",
        "in.jsonl:11: not UTF-8",
        "ok 42 2023-04-02 line 12",
        "ok in.jsonl:13 2023-04-02 line 13",
    ];
    assert_eq!(summary.len(), want.len(), "{summary:#?}");
    for (g, w) in summary.iter().zip(want) {
        assert!(g.starts_with(w), "got {g:?}, want {w:?}");
    }
    let a1 = got[0].as_ref().unwrap();
    assert_eq!(a1.url.as_deref(), Some("https://example.org/a1"));
    assert_eq!(a1.source.as_deref(), Some("Example Wire"));
    assert_eq!(a1.title.as_deref(), Some("Baku protests"));
    assert!(a1.text.starts_with("The Azerbaijani Foreign Ministry"));
    // The error for a9 names its article.
    let e = JsonlReader::new(&input[..], "in.jsonl", ArticleOptions::default())
        .filter_map(Result::err)
        .find(|e| e.line() == 10)
        .unwrap();
    assert_eq!(e.record(), Some("a9"));
}

#[test]
fn jsonl_default_date() {
    let opts = ArticleOptions { date: Date::new(2023, 5, 1), ..ArticleOptions::default() };
    let got = read_all(br#"{"id":"x","text":"Undated."}"#, opts);
    assert_eq!(got[0].as_ref().unwrap().date, Date::new(2023, 5, 1));
    assert!(read_all(b"", ArticleOptions::default()).is_empty());
    assert!(read_all(b"\n \n\n", ArticleOptions::default()).is_empty());
}

#[test]
fn jsonl_file_and_missing_file() {
    let dir = std::env::temp_dir().join(format!("dyad-ingest-jsonl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("a.jsonl");
    std::fs::write(&p, "{\"id\":\"f1\",\"date\":\"2023-01-02\",\"text\":\"One.\"}\n").unwrap();
    let arts: Vec<_> = JsonlReader::open(&p, ArticleOptions::default()).unwrap().collect();
    assert_eq!(arts.len(), 1);
    assert_eq!(arts[0].as_ref().unwrap().file, p.display().to_string());
    assert!(JsonlReader::open(dir.join("missing.jsonl"), ArticleOptions::default()).is_err());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn plain_text_files() {
    let dir = std::env::temp_dir().join(format!("dyad-ingest-text-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("baku.txt");
    std::fs::write(&good, "Baku summoned the envoy.\n\nTehran replied.\n").unwrap();
    let opts = ArticleOptions { date: Date::new(2023, 3, 31), ..ArticleOptions::default() };
    let a = article::read_text_file(&good, &opts).unwrap();
    assert_eq!(a.id, "baku.txt");
    assert_eq!(a.date, Date::new(2023, 3, 31));
    assert_eq!(a.text, "Baku summoned the envoy.\n\nTehran replied.\n");
    let no_date = article::read_text_file(&good, &ArticleOptions::default()).unwrap();
    assert_eq!(no_date.date, None);
    let future = ArticleOptions { not_after: Date::new(2020, 1, 1), ..opts.clone() };
    assert!(article::read_text_file(&good, &future).is_err());

    let cases: [(&str, &[u8], &str); 3] = [
        ("empty.txt", b" \n\t\n", "empty article"),
        ("bin.txt", b"ab\x00cd", "binary file"),
        ("latin1.txt", b"line one\ncaf\xe9\n", ":2: not UTF-8"),
    ];
    for (name, bytes, want) in cases {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        let e = article::read_text_file(&p, &opts).unwrap_err().to_string();
        assert!(e.contains(want), "{name}: {e}");
    }
    assert!(article::read_text_file(dir.join("missing.txt"), &opts).is_err());
    std::fs::remove_dir_all(&dir).ok();
}
