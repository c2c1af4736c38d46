//! HTML and WARC inputs and `open_inputs`, on pages and WARC files built
//! here (no shared data).

use std::io::Write;
use std::path::PathBuf;

use dyad_ingest::Error;
use dyad_ingest::article::ArticleOptions;
use dyad_ingest::html::{HtmlInput, html_article};
use dyad_ingest::inputs::{Format, open_inputs};
use dyad_ingest::warc::WarcReader;
use dyad_types::Date;
use flate2::Compression;
use flate2::write::GzEncoder;

const BODY: &str = "<p>The foreign ministers of Azerbaijan and Iran met in Baku on Friday \
to discuss the reopening of the crossing near the Khudafarin bridge, officials said after \
the meeting ended late in the evening.</p>\n<p>Both delegations agreed to set up a working \
group on transport links and to meet again within two months, according to a statement \
read out by a spokesperson for the ministry in the capital.</p>\n<p>Observers in the region \
described the talks as a cautious step after a year of mutual accusations over military \
exercises held close to the shared border and over the treatment of diplomats.</p>";

fn page(head: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html><head>{head}</head><body>\n\
         <header><nav class=\"menu\"><ul><li><a href=\"/\">Home</a></li>\
         <li><a href=\"/world\">World</a></li><li><a href=\"/subscribe\">Subscribe now</a></li>\
         </ul></nav></header>\n\
         <main><article><h1>Ministers meet in Baku</h1>\n{body}\n</article>\n\
         <aside class=\"sidebar related\"><h3>Most read</h3><ul><li><a href=\"/x\">Celebrity \
         wedding photos</a></li><li><a href=\"/y\">Weather this weekend</a></li></ul></aside>\
         </main>\n<footer class=\"site-footer\"><p>Copyright 2023 Example Daily. All rights \
         reserved.</p><a href=\"/privacy\">Privacy policy</a></footer>\n</body></html>\n"
    )
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn record(kind: &str, id: &str, uri: &str, date: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{id}>\r\n\
         WARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn response(html: &[u8], ctype: &str) -> Vec<u8> {
    let mut b =
        format!("HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nServer: test\r\n\r\n").into_bytes();
    b.extend_from_slice(html);
    b
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("dyad-ingest-web-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Three records: a response without a page date, a request, a response
/// whose page carries a publication date.
fn three_record_warc() -> Vec<u8> {
    let p1 = page("<title>Ministers meet in Baku</title>", BODY);
    let p2 = page(
        "<title>Border talks</title><meta property=\"article:published_time\" \
         content=\"2023-03-30T21:00:00Z\">",
        &BODY.replace("Friday", "Thursday"),
    );
    let mut f = gz(&record(
        "response",
        "r1",
        "https://news.example/a1",
        "2023-04-01T10:00:00Z",
        &response(p1.as_bytes(), "text/html; charset=utf-8"),
    ));
    f.extend(gz(&record(
        "request",
        "r2",
        "https://news.example/a2",
        "2023-04-01T10:00:01Z",
        b"GET /a2 HTTP/1.1\r\nHost: news.example\r\n\r\n",
    )));
    f.extend(gz(&record(
        "response",
        "r3",
        "https://news.example/a2",
        "2023-04-01T10:00:02Z",
        &response(p2.as_bytes(), "text/html"),
    )));
    f
}

#[test]
fn html_extraction_drops_navigation_and_footer() {
    let head = "<title>Ministers meet in Baku | Example Daily</title>\
        <meta property=\"og:site_name\" content=\"Example Daily\">\
        <link rel=\"canonical\" href=\"https://daily.example/world/ministers-meet\">\
        <script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\
        \"@type\":\"NewsArticle\",\"headline\":\"Ministers meet in Baku\",\
        \"datePublished\":\"2023-03-31T08:15:00+04:00\"}</script>";
    let html = page(head, BODY);
    let a = html_article(
        html.as_bytes(),
        &HtmlInput::new("page.html", "page.html"),
        &ArticleOptions::default(),
    )
    .unwrap();
    for kept in ["met in Baku on Friday", "working group on transport", "cautious step"] {
        assert!(a.text.contains(kept), "{kept:?} missing from {:?}", a.text);
    }
    for dropped in ["Subscribe", "Home", "Copyright", "Privacy", "Celebrity", "Most read"] {
        assert!(!a.text.contains(dropped), "{dropped:?} kept in {:?}", a.text);
    }
    assert_eq!(a.title.as_deref(), Some("Ministers meet in Baku"));
    assert_eq!(a.date, Date::new(2023, 3, 31));
    assert_eq!(a.url.as_deref(), Some("https://daily.example/world/ministers-meet"));
    assert_eq!(a.source.as_deref(), Some("Example Daily"));
    // Paragraphs stay apart.
    assert!(a.text.contains("evening.\n\nBoth"), "{:?}", a.text);
}

#[test]
fn warc_responses_become_articles_other_records_are_skipped() {
    let f = three_record_warc();
    let mut r = WarcReader::new(&f[..], "cc.warc.gz", ArticleOptions::default());
    let arts: Vec<_> = r.by_ref().collect::<Result<_, _>>().unwrap();
    assert_eq!(arts.len(), 2);
    assert_eq!((r.record(), r.skipped()), (3, 1));
    let (a, b) = (&arts[0], &arts[1]);
    assert_eq!(a.id, "urn:uuid:r1");
    assert_eq!(a.url.as_deref(), Some("https://news.example/a1"));
    assert_eq!(a.date, Date::new(2023, 4, 1), "WARC-Date when the page has none");
    assert_eq!(a.source.as_deref(), Some("news.example"), "the host without a site name");
    assert_eq!((a.file.as_str(), a.line), ("cc.warc.gz", 1));
    assert!(a.text.contains("met in Baku on Friday") && !a.text.contains("Subscribe"));
    assert_eq!(b.id, "urn:uuid:r3");
    assert_eq!(b.line, 3);
    assert_eq!(b.date, Date::new(2023, 3, 30), "the page's publication date wins");
    assert_eq!(b.title.as_deref(), Some("Border talks"));

    // A target URI that is not a usable base URL still gives the article.
    let odd = gz(&record(
        "response",
        "odd",
        "https://",
        "2023-04-01T10:00:00Z",
        &response(page("<title>T</title>", BODY).as_bytes(), "text/html"),
    ));
    let a = WarcReader::new(&odd[..], "o.warc.gz", ArticleOptions::default()).next().unwrap();
    assert_eq!(a.unwrap().url.as_deref(), Some("https://"));
}

#[test]
fn uncompressed_warc_is_read_too() {
    let p = page("<title>Plain</title>", BODY);
    let mut f = record("warcinfo", "i", "-", "2023-04-01T00:00:00Z", b"software: test\r\n");
    f.extend(record(
        "response",
        "p1",
        "https://news.example/p1",
        "2023-04-02T00:00:00Z",
        &response(p.as_bytes(), "text/html"),
    ));
    let mut short = record(
        "response",
        "p2",
        "https://news.example/p2",
        "2023-04-02T00:00:00Z",
        &response(p.as_bytes(), "text/html"),
    );
    short.truncate(short.len() - 300);
    f.extend(short);
    let dir = tmpdir("plain");
    let path = dir.join("plain.warc");
    std::fs::write(&path, &f).unwrap();
    let items: Vec<_> = open_inputs([&path], Format::Auto, ArticleOptions::default()).collect();
    assert_eq!(items.len(), 2, "{items:?}");
    let a = items[0].as_ref().unwrap();
    assert_eq!((a.id.as_str(), a.line, a.date), ("urn:uuid:p1", 2, Date::new(2023, 4, 2)));
    let e = items[1].as_ref().unwrap_err().to_string();
    assert!(e.contains("plain.warc:3: WARC record 3: truncated record"), "{e}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn truncated_gzip_member_is_reported_and_earlier_records_kept() {
    let full = three_record_warc();
    let first_two = {
        let mut v = gz(&record(
            "response",
            "r1",
            "https://news.example/a1",
            "2023-04-01T10:00:00Z",
            &response(page("<title>T</title>", BODY).as_bytes(), "text/html"),
        ));
        v.extend(gz(&record(
            "request",
            "r2",
            "https://x.example/",
            "2023-04-01T10:00:00Z",
            b"GET",
        )));
        v
    };
    // Cut the third member (of the full file) half-way.
    let third_len = full.len() - first_two.len();
    assert!(third_len > 100);
    let cut = &full[..full.len() - third_len / 2];
    let items: Vec<_> = WarcReader::new(cut, "cut.warc.gz", ArticleOptions::default()).collect();
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(items[0].as_ref().unwrap().id, "urn:uuid:r1");
    let e = items[1].as_ref().unwrap_err();
    let msg = e.to_string();
    assert!(msg.starts_with("cut.warc.gz:3: WARC record 3: truncated gzip member"), "{msg}");
    assert_eq!(e.line(), 3);
}

#[test]
fn truncated_record_is_reported_and_reading_goes_on() {
    let html = page("<title>T</title>", BODY);
    let mut rec = record(
        "response",
        "short",
        "https://news.example/s",
        "2023-04-01T10:00:00Z",
        &response(html.as_bytes(), "text/html"),
    );
    rec.truncate(rec.len() / 2);
    let mut f = gz(&rec);
    f.extend(gz(&record(
        "response",
        "whole",
        "https://news.example/w",
        "2023-04-01T10:00:00Z",
        &response(html.as_bytes(), "text/html"),
    )));
    let items: Vec<_> = WarcReader::new(&f[..], "t.warc.gz", ArticleOptions::default()).collect();
    assert_eq!(items.len(), 2);
    let e = items[0].as_ref().unwrap_err();
    assert!(e.to_string().contains("WARC record 1: truncated record"), "{e}");
    assert_eq!(e.record(), Some("urn:uuid:short"));
    assert_eq!(items[1].as_ref().unwrap().id, "urn:uuid:whole");
}

#[test]
fn html_without_text_is_skipped_with_a_reason() {
    let empty = "<!DOCTYPE html><html><head><title>Home</title></head><body>\
        <nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\
        <footer>Copyright</footer></body></html>";
    let e = html_article(
        empty.as_bytes(),
        &HtmlInput::new("empty.html", "empty.html"),
        &ArticleOptions::default(),
    )
    .unwrap_err();
    let msg = e.to_string();
    assert!(msg.starts_with("empty.html:1: HTML page with no main text"), "{msg}");
    assert!(matches!(e, Error::Input { .. }));
    let e = html_article(
        b"<html><body></body></html>",
        &HtmlInput::new("b.html", "b"),
        &ArticleOptions::default(),
    )
    .unwrap_err();
    assert!(e.to_string().contains("no main text"), "{e}");
}

#[test]
fn latin1_pages_are_decoded() {
    let body = BODY.replace("Baku", "Bak\u{fc}").replace("Observers", "\u{c9}tudes and observers");
    let html = page("<meta charset=\"ISO-8859-1\"><title>Ministers in Bak\u{fc}</title>", &body);
    let latin1: Vec<u8> = html.chars().map(|c| u8::try_from(u32::from(c)).unwrap()).collect();
    assert!(std::str::from_utf8(&latin1).is_err());
    let a = html_article(&latin1, &HtmlInput::new("l1.html", "l1"), &ArticleOptions::default())
        .unwrap();
    assert!(a.text.contains("met in Bak\u{fc} on Friday"), "{:?}", a.text);
    assert!(a.text.contains("\u{c9}tudes"));
    assert_eq!(a.title.as_deref(), Some("Ministers in Bak\u{fc}"));
    // The charset from an HTTP header, in a WARC response.
    let html = page("<title>T</title>", &body);
    let latin1: Vec<u8> = html.chars().map(|c| u8::try_from(u32::from(c)).unwrap()).collect();
    let f = gz(&record(
        "response",
        "l",
        "https://news.example/l",
        "2023-04-01T10:00:00Z",
        &response(&latin1, "text/html; charset=windows-1252"),
    ));
    let a =
        WarcReader::new(&f[..], "l.warc.gz", ArticleOptions::default()).next().unwrap().unwrap();
    assert!(a.text.contains("Bak\u{fc}"), "{:?}", a.text);
    // An undecodable charset is reported, not guessed.
    let e = html_article(
        b"<meta charset=\"shift_jis\"><p>\x82\xa0</p>",
        &HtmlInput::new("sj.html", "sj"),
        &ArticleOptions::default(),
    )
    .unwrap_err();
    assert!(e.to_string().contains("unsupported charset \"shift_jis\""), "{e}");
}

#[test]
fn huge_record_is_skipped_with_bounded_memory() {
    let huge_html = format!("<html><body><p>{}</p></body></html>", "lorem ipsum ".repeat(2 << 20));
    let mut f = gz(&record(
        "response",
        "huge",
        "https://news.example/h",
        "2023-04-01T10:00:00Z",
        &response(huge_html.as_bytes(), "text/html"),
    ));
    f.extend(three_record_warc());
    assert!(f.len() < huge_html.len() / 20, "compressed fixture stays small");
    let mut r = WarcReader::new(&f[..], "h.warc.gz", ArticleOptions::default())
        .with_max_record_bytes(1 << 20);
    let e = r.next().unwrap().unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.contains("WARC record 1: record of ")
            && msg.contains("bytes is longer than the limit of 1048576"),
        "{msg}"
    );
    assert_eq!(e.record(), Some("urn:uuid:huge"));
    let rest: Vec<_> = r.collect::<Result<_, _>>().unwrap();
    assert_eq!(rest.len(), 2);
}

#[test]
fn dates_after_the_limit_are_reported() {
    let f = three_record_warc();
    let opts = ArticleOptions { not_after: Date::new(2023, 3, 31), ..ArticleOptions::default() };
    let items: Vec<_> = WarcReader::new(&f[..], "d.warc.gz", opts).collect();
    assert!(items[0].as_ref().unwrap_err().to_string().contains("after 2023-03-31"));
    assert_eq!(items[1].as_ref().unwrap().date, Date::new(2023, 3, 30));
}

#[test]
fn open_inputs_detects_formats_and_walks_directories() {
    let dir = tmpdir("mixed");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("a.data"), three_record_warc()).unwrap();
    std::fs::write(
        dir.join("b.data"),
        "{\"id\":\"j1\",\"date\":\"2023-03-01\",\"text\":\"Baku accused Tehran.\"}\nnot json\n",
    )
    .unwrap();
    std::fs::write(dir.join("sub/c.data"), page("<title>C</title>", BODY)).unwrap();
    std::fs::write(dir.join("sub/d.data"), "Tehran denied the accusation.\n").unwrap();
    std::fs::write(dir.join("sub/e.data"), "<html><body><nav>Home</nav></body></html>").unwrap();
    std::fs::write(dir.join("sub/f.data"), gz(b"not a warc")).unwrap();
    std::fs::write(dir.join(".hidden"), "ignored").unwrap();
    let mut full = three_record_warc();
    full.truncate(full.len() - 200);
    std::fs::write(dir.join("sub/g.data"), &full).unwrap();

    let mut inputs = open_inputs([&dir], Format::Auto, ArticleOptions::default());
    let items: Vec<_> = inputs.by_ref().collect();
    // Six files opened (f.data is refused at detection); two request records passed over.
    assert_eq!((inputs.files(), inputs.skipped_records()), (6, 2));
    let ok: Vec<&str> =
        items.iter().filter_map(|i| i.as_ref().ok()).map(|a| a.id.as_str()).collect();
    assert_eq!(ok, ["urn:uuid:r1", "urn:uuid:r3", "j1", "c.data", "d.data", "urn:uuid:r1"]);
    let errs: Vec<String> =
        items.iter().filter_map(|i| i.as_ref().err()).map(ToString::to_string).collect();
    assert_eq!(errs.len(), 4, "{errs:?}");
    assert!(
        errs[0].ends_with("b.data:2: invalid JSON: expected ident at line 1 column 2"),
        "{errs:?}"
    );
    assert!(errs[1].contains("e.data:1: HTML page with no main text"), "{errs:?}");
    assert!(errs[2].contains("f.data:1: gzip file that is not a WARC"), "{errs:?}");
    assert!(errs[3].contains("g.data:3: WARC record 3: truncated gzip member"), "{errs:?}");

    // An explicit format overrides detection; a missing path is an error.
    let items: Vec<_> = open_inputs(
        [dir.join("sub/c.data"), dir.join("nope")],
        Format::Text,
        ArticleOptions::default(),
    )
    .collect();
    assert!(items[0].as_ref().unwrap().text.starts_with("<!DOCTYPE html>"));
    assert!(matches!(items[1], Err(Error::Io { .. })));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn cut_and_garbled_pages_give_an_article_or_an_error() {
    let html =
        page("<title>T</title><meta property=\"og:published_time\" content=\"2023-02-30\">", BODY);
    let bytes = html.as_bytes();
    let (mut ok, mut err) = (0, 0);
    for cut in (0..bytes.len()).step_by(53) {
        let mut b = bytes[..cut].to_vec();
        b.extend_from_slice(b"<<</p></div>\xff\xfe&#xFFFFFFFF;&bogus;<![CDATA[");
        match html_article(&b, &HtmlInput::new("cut.html", "c"), &ArticleOptions::default()) {
            Ok(a) => {
                assert!(!a.text.trim().is_empty());
                ok += 1;
            }
            Err(e) => {
                assert!(e.to_string().starts_with("cut.html:1: "), "{e}");
                err += 1;
            }
        }
    }
    assert!(ok > 0 && err > 0, "{ok} {err}");
}
