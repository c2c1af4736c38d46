//! Readers for PETRARCH-1/2 and TABARI-style dictionary files.
//!
//! Comment handling follows PETRARCH's `read_FIN_line`: a `#` starts a
//! comment anywhere on a line; `<!-- ... -->` comments may sit on one line or
//! span lines; blank lines are skipped. A UTF-8 byte-order mark and CR line
//! endings are accepted. Every line is either read into the model or
//! reported with file:line; nothing is skipped silently.

mod actors;
mod env;
mod other;
mod verbs;

pub(crate) use other::parse_pico_expr as parse_pico_pub;
pub(crate) use verbs::{parse_elems as parse_elems_pub, parse_pattern_body as parse_pattern_pub};

use std::borrow::Cow;
use std::path::Path;

pub use env::{EnvironmentFile, environment_files};

use crate::error::{DiagKind, Diagnostic, LexiconError, Severity};
use crate::model::{FileId, Lexicon};

/// The kinds of PETRARCH dictionary file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DictKind {
    /// Verb dictionary (CAMEO.2.0.txt, PETR.Validate.verbs*.txt, CAMEO.verbpatterns.*.txt).
    Verbs,
    /// Actor dictionary (Phoenix.*.actors.txt).
    Actors,
    /// Agent dictionary.
    Agents,
    /// Discard list.
    Discards,
    /// Issue coding file.
    Issues,
    /// Preposition list.
    Prepositions,
    /// PETR.Internal.Coding.Ontology.txt (CAMEO to PICO).
    Pico,
}

impl DictKind {
    /// A short lower-case name.
    pub fn name(self) -> &'static str {
        match self {
            DictKind::Verbs => "verbs",
            DictKind::Actors => "actors",
            DictKind::Agents => "agents",
            DictKind::Discards => "discards",
            DictKind::Issues => "issues",
            DictKind::Prepositions => "prepositions",
            DictKind::Pico => "pico",
        }
    }

    /// Tells the kind from the file name, else from the content.
    pub fn detect(name: &str, text: &str) -> Option<DictKind> {
        let n = name.rsplit(['/', '\\']).next().unwrap_or(name).to_ascii_lowercase();
        let by_name = [
            ("verb", DictKind::Verbs),
            ("agent", DictKind::Agents),
            ("actor", DictKind::Actors),
            ("discard", DictKind::Discards),
            ("issue", DictKind::Issues),
            ("preposition", DictKind::Prepositions),
            ("ontology", DictKind::Pico),
            ("pico", DictKind::Pico),
        ];
        if let Some((_, k)) = by_name.iter().find(|(k, _)| n.contains(k)) {
            return Some(*k);
        }
        // Content: a `--- NAME [CODE] ---` header anywhere means a verb dictionary.
        if Lines::new(text)
            .any(|l| l.text.starts_with("---") && l.text.ends_with("---") && l.text.len() > 6)
        {
            return Some(DictKind::Verbs);
        }
        let (mut issues, mut agents, mut pico, mut codes, mut lines) =
            (false, 0usize, 0usize, 0usize, 0usize);
        for l in Lines::new(text) {
            let s: &str = &l.text;
            lines += 1;
            issues |= s.starts_with("<ISSUE");
            if s.contains("[~") || s.contains("~]") || (s.starts_with('!') && s.contains('=')) {
                agents += 1;
            }
            if s.contains(":0x") {
                pico += 1;
            }
            if s.contains('[') {
                codes += 1;
            }
        }
        if issues {
            Some(DictKind::Issues)
        } else if pico * 2 > lines {
            Some(DictKind::Pico)
        } else if agents * 2 > codes && agents > 0 {
            Some(DictKind::Agents)
        } else if codes > 0 {
            Some(DictKind::Actors)
        } else if lines > 0 {
            // Phrases without codes: a discard list (a preposition list looks
            // the same; only its name tells it apart).
            Some(DictKind::Discards)
        } else {
            None
        }
    }
}

/// Counts of what was read from one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileReport {
    /// The file name as given.
    pub file: String,
    /// Its kind.
    pub kind: DictKind,
    /// Named counts in a fixed order per kind (`("patterns", 4668)`).
    pub counts: Vec<(&'static str, usize)>,
}

impl FileReport {
    /// The count called `name`, 0 if absent.
    pub fn count(&self, name: &str) -> usize {
        self.counts.iter().find(|(n, _)| *n == name).map(|(_, c)| *c).unwrap_or(0)
    }
}

/// Result of reading dictionary files (PETRARCH or dyad format): the lexicon, per-file counts and every diagnostic.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    /// What was read.
    pub lexicon: Lexicon,
    /// One report per file.
    pub reports: Vec<FileReport>,
    /// Errors and warnings, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    /// The kind of each file read, by file id (for [`crate::dyadfmt::write_dir`]).
    pub fn file_kinds(&self) -> Vec<(crate::model::FileId, DictKind)> {
        self.reports
            .iter()
            .enumerate()
            .map(|(i, r)| (crate::model::FileId(i as u32), r.kind))
            .collect()
    }

    /// Number of warnings about event codes outside the CAMEO table.
    pub fn unknown_code_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.kind == DiagKind::UnknownEventCode).count()
    }

    /// Promotes unknown-event-code warnings to errors (`--strict`).
    pub fn make_strict(&mut self) {
        for d in &mut self.diagnostics {
            if d.kind == DiagKind::UnknownEventCode {
                d.severity = Severity::Error;
            }
        }
    }

    /// The lexicon if there was no error, else [`LexiconError::Invalid`] with every diagnostic.
    ///
    /// # Errors
    /// When any diagnostic is an error.
    pub fn into_result(self) -> Result<Lexicon, LexiconError> {
        let count = self.error_count();
        match self.diagnostics.iter().find(|d| d.severity == Severity::Error) {
            Some(first) => Err(LexiconError::Invalid {
                first: Box::new(first.clone()),
                count,
                diagnostics: self.diagnostics,
            }),
            None => Ok(self.lexicon),
        }
    }

    /// Number of error diagnostics.
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Error).count()
    }

    /// Reads one file into this load; the kind is detected when `kind` is `None`.
    ///
    /// # Errors
    /// I/O errors and undetectable kinds; syntax problems become diagnostics.
    pub fn read_file(&mut self, path: &Path, kind: Option<DictKind>) -> Result<(), LexiconError> {
        let bytes = std::fs::read(path).map_err(|e| LexiconError::io(path, e))?;
        let name = path.display().to_string();
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                // PETRARCH files are UTF-8; report and read the rest lossily so
                // every other line still gets checked.
                let valid = e.utf8_error().valid_up_to();
                let line = e.as_bytes()[..valid].iter().filter(|b| **b == b'\n').count() + 1;
                self.diagnostics.push(Diagnostic {
                    severity: Severity::Error,
                    kind: DiagKind::Syntax,
                    file: name.clone(),
                    line: line as u32,
                    message: "invalid UTF-8".into(),
                });
                String::from_utf8_lossy(e.as_bytes()).into_owned()
            }
        };
        self.read_text(&name, &text, kind)
    }

    /// Reads one file's text (named `name` in diagnostics).
    ///
    /// # Errors
    /// [`LexiconError::UnknownKind`] when `kind` is `None` and cannot be detected.
    pub fn read_text(
        &mut self,
        name: &str,
        text: &str,
        kind: Option<DictKind>,
    ) -> Result<(), LexiconError> {
        let kind = match kind.or_else(|| DictKind::detect(name, text)) {
            Some(k) => k,
            None => return Err(LexiconError::UnknownKind { path: name.into() }),
        };
        let file = self.lexicon.add_file(name);
        let mut cx = Ctx { file, name, diags: &mut self.diagnostics };
        let counts = match kind {
            DictKind::Verbs => verbs::read(text, &mut cx, &mut self.lexicon),
            DictKind::Actors => actors::read_actors(text, &mut cx, &mut self.lexicon),
            DictKind::Agents => actors::read_agents(text, &mut cx, &mut self.lexicon),
            DictKind::Discards => other::read_discards(text, &mut cx, &mut self.lexicon),
            DictKind::Issues => other::read_issues(text, &mut cx, &mut self.lexicon),
            DictKind::Prepositions => other::read_prepositions(text, &mut cx, &mut self.lexicon),
            DictKind::Pico => other::read_pico(text, &mut cx, &mut self.lexicon),
        };
        self.reports.push(FileReport { file: name.to_string(), kind, counts });
        Ok(())
    }
}

/// Reads PETRARCH files, detecting each one's kind.
///
/// # Errors
/// I/O errors and files of unknown kind. Syntax errors are in the returned diagnostics.
pub fn read_petrarch<P: AsRef<Path>>(paths: &[P]) -> Result<Loaded, LexiconError> {
    let mut load = Loaded::default();
    for p in paths {
        load.read_file(p.as_ref(), None)?;
    }
    Ok(load)
}

/// Diagnostic sink for one file.
pub(crate) struct Ctx<'a> {
    pub(crate) file: FileId,
    pub(crate) name: &'a str,
    pub(crate) diags: &'a mut Vec<Diagnostic>,
}

impl Ctx<'_> {
    pub(crate) fn src(&self, line: u32) -> crate::model::Source {
        crate::model::Source { file: self.file, line }
    }

    pub(crate) fn diag(
        &mut self,
        severity: Severity,
        kind: DiagKind,
        line: u32,
        message: impl Into<String>,
    ) {
        self.diags.push(Diagnostic {
            severity,
            kind,
            file: self.name.to_string(),
            line,
            message: message.into(),
        });
    }

    pub(crate) fn error(&mut self, line: u32, message: impl Into<String>) {
        self.diag(Severity::Error, DiagKind::Syntax, line, message);
    }

    /// Checks an event code against the CAMEO table (a counted warning; `--strict` promotes it).
    pub(crate) fn check_event_code(&mut self, line: u32, code: &crate::model::CodeSpec) {
        for c in code.codes() {
            if !crate::ontology::is_event_code(c) {
                self.diag(
                    Severity::Warning,
                    DiagKind::UnknownEventCode,
                    line,
                    format!("event code {c} (in [{}]) is not a CAMEO code", code.0),
                );
            }
        }
    }
}

/// One meaningful line: its number, text without comments (trimmed) and the comment.
#[derive(Clone, Debug)]
pub(crate) struct Line<'a> {
    pub(crate) no: u32,
    pub(crate) text: Cow<'a, str>,
    pub(crate) comment: Option<Cow<'a, str>>,
}

/// Iterator over meaningful lines, PETRARCH comment rules.
pub(crate) struct Lines<'a> {
    rest: std::str::Lines<'a>,
    no: u32,
    in_block: bool,
    /// Line where an unclosed `<!--` began, reported by [`Lines::unclosed`].
    block_start: u32,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        Lines { rest: text.lines(), no: 0, in_block: false, block_start: 0 }
    }

    /// The line of an unclosed `<!--` comment after iteration, if any.
    pub(crate) fn unclosed(&self) -> Option<u32> {
        self.in_block.then_some(self.block_start)
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = Line<'a>;

    fn next(&mut self) -> Option<Line<'a>> {
        loop {
            let raw = self.rest.next()?;
            self.no += 1;
            let raw = raw.strip_suffix('\r').unwrap_or(raw);
            let mut s: &'a str = raw;
            if self.in_block {
                match s.find("-->") {
                    Some(i) => {
                        self.in_block = false;
                        s = &s[i + 3..];
                    }
                    None => continue,
                }
            }
            // `<!-- ... -->` within a line is removed (text on both sides is
            // kept, joined by a blank); one that does not close on its line
            // runs to the next `-->`. A line starting `<!` is skipped whole.
            let mut joined: Option<String> = None;
            if let Some(i) = s.find("<!--") {
                match s[i..].find("-->") {
                    Some(j) => {
                        let right = s[i + j + 3..].trim();
                        if right.is_empty() {
                            s = &s[..i];
                        } else {
                            joined = Some(format!("{} {}", s[..i].trim_end(), right));
                        }
                    }
                    None => {
                        self.in_block = true;
                        self.block_start = self.no;
                        s = &s[..i];
                    }
                }
            } else if s.starts_with("<!") {
                continue;
            }
            if let Some(j) = joined {
                let (body, comment) = match j.find('#') {
                    Some(i) => (&j[..i], j[i + 1..].trim()),
                    None => (j.as_str(), ""),
                };
                if body.trim().is_empty() {
                    continue;
                }
                return Some(Line {
                    no: self.no,
                    text: Cow::Owned(body.trim().to_string()),
                    comment: (!comment.is_empty()).then(|| Cow::Owned(comment.to_string())),
                });
            }
            let (body, comment) = match s.find('#') {
                Some(i) => (&s[..i], Some(s[i + 1..].trim())),
                None => (s, None),
            };
            let body = body.trim();
            if body.is_empty() {
                continue;
            }
            return Some(Line {
                no: self.no,
                text: Cow::Borrowed(body),
                comment: comment.filter(|c| !c.is_empty()).map(Cow::Borrowed),
            });
        }
    }
}

/// Splits `NAME [CODE]` style text: everything before the first `[` and the bracket groups.
/// Returns `Err` with a message when brackets do not pair.
pub(crate) fn split_brackets(s: &str) -> Result<(&str, Vec<&str>), String> {
    let Some(first) = s.find('[') else {
        if s.contains(']') {
            return Err("found ']' without '['".into());
        }
        return Ok((s.trim(), Vec::new()));
    };
    let head = s[..first].trim();
    let mut groups = Vec::new();
    let mut rest = &s[first..];
    while !rest.is_empty() {
        let r = rest.trim_start();
        if r.is_empty() {
            break;
        }
        let Some(inner) = r.strip_prefix('[') else {
            return Err(format!(
                "unexpected text {:?} after a [...] code; expected only [CODE] groups",
                r
            ));
        };
        let Some(end) = inner.find(']') else {
            return Err("expected ']' to close the code".into());
        };
        if inner[..end].contains('[') {
            return Err("expected ']' before the next '['".into());
        }
        groups.push(inner[..end].trim());
        rest = &inner[end + 1..];
    }
    Ok((head, groups))
}

/// Splits a PETRARCH phrase on blanks and underscores.
pub(crate) fn phrase_words(s: &str) -> Vec<String> {
    s.split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_rules() {
        let text =
            "\u{feff}# c\r\nA [X] # note\r\n<!-- one -->\r\n<!-- open\r\nhidden\r\n-->\r\n  B\r\n";
        let v: Vec<_> = Lines::new(text)
            .map(|l| (l.no, l.text.to_string(), l.comment.map(|c| c.to_string())))
            .collect();
        assert_eq!(
            v,
            vec![(2, "A [X]".to_string(), Some("note".to_string())), (7, "B".to_string(), None)]
        );
        let v: Vec<_> = Lines::new("A <!-- x --> B # c\n").map(|l| l.text.to_string()).collect();
        assert_eq!(v, vec!["A B"]);
        let mut l = Lines::new("<!-- never closed\nA\n");
        assert!(l.next().is_none());
        assert_eq!(l.unclosed(), Some(1));
    }

    #[test]
    fn brackets() {
        assert_eq!(split_brackets("AB_C [X 1-2] [Y]").unwrap(), ("AB_C", vec!["X 1-2", "Y"]));
        assert!(split_brackets("AB [X").is_err());
        assert!(split_brackets("AB [X] junk").is_err());
        assert_eq!(split_brackets("AB").unwrap(), ("AB", vec![]));
    }

    #[test]
    fn detect_kinds() {
        assert_eq!(DictKind::detect("x/Phoenix.agents.txt", ""), Some(DictKind::Agents));
        assert_eq!(
            DictKind::detect("a.txt", "--- X [010] ---\nSAY\n- * + [010]\n"),
            Some(DictKind::Verbs)
        );
        assert_eq!(DictKind::detect("a.txt", "FOO [USA]\n+BAR\n"), Some(DictKind::Actors));
        assert_eq!(DictKind::detect("a.txt", "<ISSUE CATEGORY=\"X\">\n"), Some(DictKind::Issues));
        assert_eq!(DictKind::detect("a.txt", "MINISTER [~GOV]\n"), Some(DictKind::Agents));
    }
}
