//! A small, forgiving XML tag scanner for PETRARCH record files.
//!
//! PETRARCH files are nearly XML but not always well formed (see
//! `../shared/data/README.md`): banner lines starting with `#` outside
//! comments, records that open with a self-closed `<Sentence .../>` and close
//! with `</Sentence>`. The scanner therefore does not build a tree: it yields
//! start tags, end tags and text with their byte positions, and leaves
//! structure to the record reader. Comments, processing instructions and
//! declarations are skipped; CDATA is text.

use std::borrow::Cow;

/// One scanned piece of the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ev<'a> {
    /// `<name attrs>` or `<name attrs/>` (`empty`).
    Start { name: &'a str, attrs: &'a str, empty: bool, pos: usize },
    /// `</name>`.
    End { name: &'a str, pos: usize },
    /// Character data (entities not yet decoded).
    Text { text: &'a str, pos: usize },
    /// A `<` that does not start a well-formed tag, or a comment or CDATA
    /// section that never ends.
    Bad { pos: usize, what: &'static str },
}

/// Scanner over a whole file.
pub(crate) struct Scanner<'a> {
    src: &'a str,
    pos: usize,
    /// Skip lines that start with `#` in text (banner lines outside comments).
    pub(crate) skip_hash_lines: bool,
}

impl<'a> Scanner<'a> {
    pub(crate) fn new(src: &'a str) -> Scanner<'a> {
        Scanner { src, pos: 0, skip_hash_lines: true }
    }

    /// Position of the next event.
    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    /// Text up to the next `<`, as one event (used inside `<Text>` and
    /// `<Parse>`, where `#` lines are content).
    pub(crate) fn raw_text(&mut self) -> Ev<'a> {
        let start = self.pos;
        let end = self.src[start..].find('<').map_or(self.src.len(), |i| start + i);
        self.pos = end;
        Ev::Text { text: &self.src[start..end], pos: start }
    }

    fn at_line_start(&self, p: usize) -> bool {
        p == 0 || self.src.as_bytes()[p - 1] == b'\n'
    }
}

impl<'a> Iterator for Scanner<'a> {
    type Item = Ev<'a>;

    fn next(&mut self) -> Option<Ev<'a>> {
        let src = self.src;
        let b = src.as_bytes();
        loop {
            if self.pos >= b.len() {
                return None;
            }
            let start = self.pos;
            if b[start] != b'<' {
                // Text up to the next tag; banner lines starting with '#' are
                // dropped (they may contain '<', so skip whole lines first).
                if self.skip_hash_lines && self.at_line_start(start) && b[start] == b'#' {
                    self.pos = src[start..].find('\n').map_or(b.len(), |i| start + i + 1);
                    continue;
                }
                let mut end = start;
                loop {
                    match src[end..].find(['<', '\n']) {
                        None => {
                            end = b.len();
                            break;
                        }
                        Some(i) if b[end + i] == b'<' => {
                            end += i;
                            break;
                        }
                        Some(i) => {
                            end += i + 1;
                            if self.skip_hash_lines && b.get(end) == Some(&b'#') {
                                break;
                            }
                        }
                    }
                }
                self.pos = end;
                return Some(Ev::Text { text: &src[start..end], pos: start });
            }
            let rest = &src[start..];
            if rest.starts_with("<!--") {
                match rest.find("-->") {
                    Some(i) => {
                        self.pos = start + i + 3;
                        continue;
                    }
                    None => {
                        self.pos = b.len();
                        return Some(Ev::Bad {
                            pos: start,
                            what: "comment never closed (no '-->')",
                        });
                    }
                }
            }
            if let Some(body) = rest.strip_prefix("<![CDATA[") {
                return Some(match body.find("]]>") {
                    Some(i) => {
                        self.pos = start + 9 + i + 3;
                        Ev::Text { text: &body[..i], pos: start + 9 }
                    }
                    None => {
                        self.pos = b.len();
                        Ev::Bad { pos: start, what: "CDATA section never closed" }
                    }
                });
            }
            if rest.starts_with("<?") || rest.starts_with("<!") {
                match rest.find('>') {
                    Some(i) => {
                        self.pos = start + i + 1;
                        continue;
                    }
                    None => {
                        self.pos = b.len();
                        return Some(Ev::Bad {
                            pos: start,
                            what: "declaration never closed (no '>')",
                        });
                    }
                }
            }
            // A tag ends at the first '>' outside quotes; a '<' before it
            // means the tag is broken.
            let mut i = 1;
            let mut quote = 0u8;
            let end = loop {
                match rest.as_bytes().get(i) {
                    None => break None,
                    Some(&q) if quote != 0 => {
                        if q == quote {
                            quote = 0;
                        }
                    }
                    Some(b'"') => quote = b'"',
                    Some(b'\'') => quote = b'\'',
                    Some(b'>') => break Some(i),
                    Some(b'<') => break None,
                    Some(_) => {}
                }
                i += 1;
            };
            let Some(end) = end else {
                self.pos = start + 1;
                return Some(Ev::Bad { pos: start, what: "tag not closed with '>'" });
            };
            self.pos = start + end + 1;
            let inner = &rest[1..end];
            if let Some(name) = inner.strip_prefix('/') {
                return Some(Ev::End { name: name.trim(), pos: start });
            }
            let (inner, empty) = match inner.strip_suffix('/') {
                Some(s) => (s, true),
                None => (inner, false),
            };
            let name_end = inner.find(|c: char| c.is_whitespace()).unwrap_or(inner.len());
            let name = &inner[..name_end];
            if name.is_empty()
                || !name.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
            {
                return Some(Ev::Bad { pos: start, what: "'<' not followed by a tag name" });
            }
            return Some(Ev::Start { name, attrs: &inner[name_end..], empty, pos: start });
        }
    }
}

/// Parses `name = "value"` pairs (single or double quotes, spaces around
/// `=` allowed); values are entity-decoded. `Err` names what is wrong.
pub(crate) fn attributes(raw: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let mut s = raw.trim_start();
    while !s.is_empty() {
        let name_end = s.find(|c: char| c == '=' || c.is_whitespace()).unwrap_or(s.len());
        let name = &s[..name_end];
        if name.is_empty() {
            return Err(format!("attribute without a name at {s:?}"));
        }
        s = s[name_end..].trim_start();
        let Some(after_eq) = s.strip_prefix('=') else {
            return Err(format!("attribute {name:?} has no value"));
        };
        s = after_eq.trim_start();
        let q = s.chars().next().filter(|&c| c == '"' || c == '\'');
        let value = match q {
            Some(q) => {
                let body = &s[1..];
                let Some(e) = body.find(q) else {
                    return Err(format!("attribute {name:?}: value not closed with {q}"));
                };
                s = &body[e + 1..];
                &body[..e]
            }
            None => {
                let e = s.find(char::is_whitespace).unwrap_or(s.len());
                let v = &s[..e];
                s = &s[e..];
                v
            }
        };
        out.push((name.to_owned(), decode(value).into_owned()));
        s = s.trim_start();
    }
    Ok(out)
}

/// Decodes the XML entities (`&amp; &lt; &gt; &quot; &apos;`, numeric
/// references). Unknown entities are kept as written.
pub(crate) fn decode(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let semi = rest[..rest.len().min(12)].find(';');
        let rep = semi.and_then(|e| {
            let ent = &rest[1..e];
            let c = match ent {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    let num = ent.strip_prefix('#')?;
                    let v = match num.strip_prefix(['x', 'X']) {
                        Some(h) => u32::from_str_radix(h, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(v)
                }
            };
            c.map(|c| (c, e + 1))
        });
        match rep {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_tags_comments_and_hash_lines() {
        let src = "<?xml version='1.0'?>\n# banner <b>\n<A x=\"1\"/><!-- c <B> -->t&amp;u</A>";
        let evs: Vec<Ev<'_>> = Scanner::new(src)
            .filter(|e| !matches!(e, Ev::Text { text, .. } if text.trim().is_empty()))
            .collect();
        assert!(matches!(evs[0], Ev::Start { name: "A", empty: true, .. }));
        assert!(matches!(evs[1], Ev::Text { text: "t&amp;u", .. }));
        assert!(matches!(evs[2], Ev::End { name: "A", .. }));
        assert_eq!(evs.len(), 3);
    }

    #[test]
    fn attributes_and_entities() {
        let a = attributes(r#" date = "2008" id ='X_1' q="a &quot;b&quot;""#).unwrap();
        assert_eq!(a[0], ("date".into(), "2008".into()));
        assert_eq!(a[1], ("id".into(), "X_1".into()));
        assert_eq!(a[2].1, "a \"b\"");
        assert!(attributes(r#"date="2008"#).is_err());
        assert_eq!(decode("a &lt; b &#65;&#x42; &bogus; &"), "a < b AB &bogus; &");
    }

    #[test]
    fn broken_tag_is_reported() {
        let evs: Vec<Ev<'_>> = Scanner::new("<A <B>").collect();
        assert!(matches!(evs[0], Ev::Bad { pos: 0, .. }));
        assert!(evs.iter().any(|e| matches!(e, Ev::Start { name: "B", .. })));
    }
}
