//! `dyad code` output on short texts: event dates (the expression on the
//! event verb wins over the publication date, and `date_source` says which)
//! and pronouns (lower-case "us" is not the USA, while "the US" still is).

mod common;

fn code(text: &str, date: &str) -> Vec<serde_json::Value> {
    common::dyad_events(&["code", "--date", date, "-"], Some(text))
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

/// The JSONL records of `dyad code` on a file, and the summary line.
fn records_of(path: &std::path::Path, date: &str) -> (Vec<serde_json::Value>, String) {
    let path = path.to_string_lossy();
    common::dyad_jsonl(&["code", "--date", date, path.as_ref()], None)
}

#[test]
fn example_article_quotations_follow_the_events() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/baku-tehran.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let (records, err) = records_of(&path, "2023-03-31");
    // The document's quotations come after its events, with its doc id.
    let first_quote = records.iter().position(|r| r["kind"] == "quote").expect("quotations");
    assert!(first_quote > 0 && records[..first_quote].iter().all(|r| r["kind"] == "event"));
    let quotes: Vec<_> = records[first_quote..].to_vec();
    assert!(quotes.iter().all(|q| q["kind"] == "quote" && q["doc"] == records[0]["doc"]));
    let q = quotes
        .iter()
        .find(|q| q["quote"] == "will not tolerate threats against its citizens")
        .unwrap_or_else(|| panic!("the spokesman's quotation: {quotes:?}"));
    assert_eq!(q["speaker"]["code"], "AZEGOV", "{q}");
    assert_eq!(q["speaker_text"], "Aykhan Hajizade", "{q}");
    assert_eq!(q["verb"], "told", "{q}");
    // Spans are byte offsets of the quotation in the article.
    let (a, b) = (q["span"][0].as_u64().unwrap() as usize, q["span"][1].as_u64().unwrap() as usize);
    assert_eq!(&text[a..b], "will not tolerate threats against its citizens");
    // Reported speech, and the summary counts the quotations.
    assert!(
        quotes.iter().any(|q| q["speaker"]["code"] == "IRNGOV" && q["verb"] == "said"),
        "{quotes:?}"
    );
    assert!(quotes.len() >= 3, "{quotes:?}");
    assert!(err.contains(&format!(" {} quotes,", quotes.len())), "{err}");
}
