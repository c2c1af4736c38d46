//! HTML article pages: main text without navigation and boilerplate, title,
//! publication date and canonical URL.
//!
//! Extraction uses [`dom_smoothie`], a maintained Rust port of Mozilla's
//! Readability.js (the algorithm behind Firefox's reader view): it scores
//! the page's blocks, keeps the article body and drops menus, footers,
//! sidebars and share bars. It also reads the page's metadata (`<title>`,
//! `article:published_time`, `og:` properties, schema.org JSON-LD
//! `datePublished`). It was chosen over a `scraper`-based home-made
//! extractor because it does the boilerplate removal itself, on the same
//! `html5ever` parser `scraper` would bring.
//!
//! Bytes are decoded by the charset that the caller gives (an HTTP
//! `Content-Type`), else the one declared in a `<meta>` within the first
//! 2 KiB, else UTF-8 with a fallback to windows-1252 (the HTML default).
//! UTF-8, ISO-8859-1/latin-1/windows-1252 and US-ASCII are decoded; any
//! other declared charset is an error unless the bytes are valid UTF-8.
//!
//! # Examples
//! ```
//! use dyad_ingest::article::ArticleOptions;
//! use dyad_ingest::html::{HtmlInput, html_article};
//!
//! let page = r#"<!DOCTYPE html><html><head><title>Talks resume</title>
//! <meta property="article:published_time" content="2023-03-31T08:00:00Z"></head>
//! <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
//! <article><p>Azerbaijan and Iran resumed talks on Friday after a month of
//! accusations over the border, officials in Baku said, adding that both
//! delegations met in the capital for several hours.</p></article>
//! <footer>Copyright Example News</footer></body></html>"#;
//! let a = html_article(page.as_bytes(), &HtmlInput::new("page.html", "p1"), &ArticleOptions::default())
//!     .unwrap();
//! assert_eq!(a.title.as_deref(), Some("Talks resume"));
//! assert_eq!(a.date.unwrap().to_string(), "2023-03-31");
//! assert!(a.text.contains("resumed talks") && !a.text.contains("Copyright"));
//! ```

use dom_smoothie::{Config, Readability, TextMode};

use dyad_types::Date;

use crate::article::{Article, ArticleOptions};
use crate::error::{Error, Result, SkipKind};

/// Where an HTML page came from, and what its container already says.
#[derive(Clone, Debug, Default)]
pub struct HtmlInput {
    /// The input it was read from (path or label), for errors.
    pub file: String,
    /// 1-based line or record number in that input (1 for a file).
    pub line: u64,
    /// The article id.
    pub id: String,
    /// The page's URL when known (a WARC target); resolves relative links
    /// and is the article URL if the page declares no canonical one.
    pub url: Option<String>,
    /// The URL to keep even if the page declares a canonical one.
    pub fixed_url: bool,
    /// The charset from an HTTP `Content-Type`, if any.
    pub charset: Option<String>,
    /// The date to use when the page carries no publication date (a WARC
    /// capture date); else [`ArticleOptions::date`] is used.
    pub fallback_date: Option<Date>,
}

impl HtmlInput {
    /// A page from `file` (line 1) with article id `id`.
    pub fn new(file: impl Into<String>, id: impl Into<String>) -> HtmlInput {
        HtmlInput { file: file.into(), line: 1, id: id.into(), ..HtmlInput::default() }
    }
}

/// Extracts the article from one HTML page.
///
/// The text is the main content as paragraphs (blank-line separated); the
/// title is the page's headline; the date is the page's publication date
/// (`article:published_time`, `og:`/`dc`/`itemprop` metas, JSON-LD
/// `datePublished`), else [`HtmlInput::fallback_date`], else
/// [`ArticleOptions::date`]; the URL is `<link rel="canonical">` (or
/// `og:url` / JSON-LD `url`), else [`HtmlInput::url`]; the source is the
/// site name (`og:site_name`), else the URL's host without `www.`.
///
/// # Errors
/// [`Error::Input`] (at `input.file:input.line`, with the article id) if the
/// page has no main text, its charset is unsupported, or its date is after
/// [`ArticleOptions::not_after`].
pub fn html_article(bytes: &[u8], input: &HtmlInput, opts: &ArticleOptions) -> Result<Article> {
    let err_kind = |kind: SkipKind, m: String| Error::Input {
        file: input.file.clone(),
        line: input.line,
        record: Some(input.id.clone()),
        message: m,
        kind,
    };
    let err = |m: String| err_kind(SkipKind::Malformed, m);
    let html = decode(bytes, input.charset.as_deref()).map_err(err)?;
    let base =
        input.url.as_deref().filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let cfg = Config { text_mode: TextMode::Formatted, ..Config::default() };
    // A container URL the extractor will not take as a base is dropped.
    let mut r = Readability::new(html.as_str(), base, Some(cfg.clone()))
        .or_else(|_| Readability::new(html.as_str(), None, Some(cfg)))
        .map_err(|e| err(format!("HTML page: {e}")))?;
    let canonical = r
        .doc
        .select("link[rel~=canonical]")
        .attr("href")
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty());
    let art = r.parse().map_err(|e| {
        err_kind(SkipKind::NoText, format!("HTML page with no main text ({e}); skipped"))
    })?;
    let text = tidy(&art.text_content);
    if prose_letters(&art.content) < MIN_PROSE_LETTERS {
        return Err(err_kind(
            SkipKind::NoText,
            "HTML page with no main text (only links, menus or nothing); skipped".into(),
        ));
    }
    let title = Some(art.title.trim().to_owned()).filter(|t| !t.is_empty());
    let date =
        art.published_time.as_deref().and_then(Date::parse).or(input.fallback_date).or(opts.date);
    let date = match date {
        Some(d) => Some(
            opts.check_date(d)
                .map_err(|m| err_kind(SkipKind::BadDate, format!("article {}: {m}", input.id)))?,
        ),
        None => None,
    };
    let url = if input.fixed_url {
        input.url.clone()
    } else {
        canonical.or(art.url.filter(|u| !u.is_empty())).or_else(|| input.url.clone())
    };
    let source = art
        .site_name
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .or_else(|| url.as_deref().and_then(host));
    Ok(Article {
        id: input.id.clone(),
        date,
        url,
        source,
        title,
        text,
        file: input.file.clone(),
        line: input.line,
    })
}

/// The host of an absolute http(s) URL, without `www.`.
fn host(url: &str) -> Option<String> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = rest[..end].rsplit('@').next()?.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").map(str::to_owned).unwrap_or(host);
    Some(host).filter(|h| !h.is_empty())
}

/// Fewest letters outside links and navigation for a page to have a text.
const MIN_PROSE_LETTERS: usize = 20;

/// Letters in the extracted content outside links, `nav`, `header`,
/// `footer`, `aside` and `form`: Readability falls back to whatever a page
/// holds, so a page of menus alone yields link text.
fn prose_letters(content: &str) -> usize {
    let doc = dom_query::Document::from(content);
    doc.select("a, nav, header, footer, aside, form, script, style, noscript").remove();
    doc.select("body").text().chars().filter(|c| c.is_alphabetic()).count()
}

/// Trims lines, drops runs of blank lines beyond one.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = false;
    for line in s.lines().map(str::trim) {
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push_str("\n\n");
        } else if !out.is_empty() {
            out.push('\n');
        }
        blank = false;
        out.push_str(line);
    }
    out
}

/// The charset named in `content` (`text/html; charset=ISO-8859-1`).
pub(crate) fn charset_param(content: &str) -> Option<String> {
    let lower = content.to_ascii_lowercase();
    let i = lower.find("charset")?;
    let rest = lower[i + 7..].trim_start().strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || "-_:.".contains(c)))
        .unwrap_or(rest.len());
    Some(rest[..end].to_owned()).filter(|s| !s.is_empty())
}

/// The charset declared by a `<meta charset>` or `<meta http-equiv>` in the
/// first 2 KiB.
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = head[from..].find("<meta") {
        let start = from + i;
        let end = head[start..].find('>').map_or(head.len(), |j| start + j);
        let tag = &head[start..end];
        if let Some(c) = charset_param(tag) {
            return Some(c);
        }
        from = end;
    }
    None
}

/// Decodes page bytes to text (see the module docs).
fn decode(bytes: &[u8], http_charset: Option<&str>) -> std::result::Result<String, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let declared = http_charset.map(str::to_ascii_lowercase).or_else(|| meta_charset(bytes));
    match declared.as_deref() {
        None | Some("utf-8" | "utf8") => Ok(match std::str::from_utf8(bytes) {
            Ok(s) => s.to_owned(),
            Err(_) if declared.is_none() => windows_1252(bytes),
            Err(_) => String::from_utf8_lossy(bytes).into_owned(),
        }),
        Some(
            "iso-8859-1" | "iso8859-1" | "latin1" | "latin-1" | "l1" | "windows-1252" | "cp1252"
            | "us-ascii" | "ascii",
        ) => Ok(windows_1252(bytes)),
        Some(other) => match std::str::from_utf8(bytes) {
            Ok(s) => Ok(s.to_owned()),
            Err(_) => Err(format!("HTML page in unsupported charset {other:?}; skipped")),
        },
    }
}

/// Decodes windows-1252 (the WHATWG reading of ISO-8859-1 labels).
fn windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{2C6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}',
        '\u{8F}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}',
        '\u{2014}', '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}', '\u{153}', '\u{9D}', '\u{17E}',
        '\u{178}',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charsets() {
        assert_eq!(
            charset_param("text/html; charset=\"ISO-8859-1\"").as_deref(),
            Some("iso-8859-1")
        );
        assert_eq!(meta_charset(b"<head><meta charset=latin1>").as_deref(), Some("latin1"));
        assert_eq!(
            meta_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"
            )
            .as_deref(),
            Some("windows-1252")
        );
        assert_eq!(
            decode(b"caf\xe9 \x93q\x94", Some("iso-8859-1")).unwrap(),
            "caf\u{e9} \u{201c}q\u{201d}"
        );
        assert_eq!(decode(b"caf\xe9", None).unwrap(), "caf\u{e9}");
        assert!(decode(b"\xff\xfe", Some("shift_jis")).is_err());
        assert_eq!(host("https://www.News.example:443/a?b").as_deref(), Some("news.example"));
        assert_eq!(host("ftp://x"), None);
        assert_eq!(tidy("  a \n\n\n b\n c  \n"), "a\n\nb\nc");
    }
}
