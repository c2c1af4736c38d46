//! `dyad ingest` reads HTML pages (main text extracted) through the same
//! input detection as the other formats.

use std::process::Command;

#[test]
fn html_page_is_ingested_and_coded() {
    let dir = std::env::temp_dir().join(format!("dyad-ingest-html-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("page.html");
    std::fs::write(
        &page,
        r#"<!DOCTYPE html><html><head><title>Kyiv protests shelling</title>
<meta property="article:published_time" content="2026-03-28T10:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Kyiv protests shelling</h1>
<p>Ukraine accused Russia on Friday of shelling civilians in the north of the country,
and its foreign ministry said the attacks had to stop at once.</p>
<p>Officials in Kyiv said dozens of homes were damaged and that emergency crews were
working through the night to reach families trapped in the rubble.</p></article>
<footer>Copyright notice and links nobody reads</footer></body></html>"#,
    )
    .unwrap();
    let db = dir.join("events.sqlite");
    let out = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["ingest", "--db"])
        .arg(&db)
        .arg(&page)
        .output()
        .expect("dyad runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("1 articles read, 1 stored"), "{stderr}");
    let export = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["export", "--format", "jsonl", "--db"])
        .arg(&db)
        .output()
        .expect("dyad runs");
    let jsonl = String::from_utf8_lossy(&export.stdout);
    assert!(jsonl.contains("\"UKR\"") && jsonl.contains("\"RUS\""), "{jsonl}");
    assert!(!jsonl.contains("Copyright"), "boilerplate leaked: {jsonl}");
    let _ = std::fs::remove_dir_all(&dir);
}
