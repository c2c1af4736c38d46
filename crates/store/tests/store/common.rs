//! Shared helpers for the store tests: a tiny rule-based coder for
//! synthetic text, article builders and a seeded random generator.

use dyad_ingest::article::Article;
use dyad_store::{Coded, Quote};
use dyad_types::Date;
use dyad_types::Span;
use dyad_types::event::{Actor, Event};

/// Actor words of the synthetic texts.
const ACTORS: &[(&str, &str)] = &[
    ("azerbaijan", "AZE"),
    ("baku", "AZE"),
    ("iran", "IRN"),
    ("tehran", "IRN"),
    ("armenia", "ARM"),
    ("yerevan", "ARM"),
    ("turkey", "TUR"),
    ("ankara", "TUR"),
    ("russia", "RUS"),
    ("moscow", "RUS"),
];

/// Verb words and their CAMEO codes.
const VERBS: &[(&str, &str)] = &[
    ("accused", "112"),
    ("blamed", "112"),
    ("criticized", "111"),
    ("condemned", "111"),
    ("praised", "051"),
    ("hosted", "042"),
    ("visited", "042"),
    ("threatened", "130"),
    ("shelled", "195"),
    ("attacked", "190"),
    ("aided", "070"),
];

/// A sentence-level coder for the synthetic texts: in each sentence, the
/// first actor word before a known verb is the source, the first actor
/// word after it the target. `"..." NAME said` gives a quote.
pub(crate) fn toy_code(a: &Article) -> Result<Coded, String> {
    if a.text.contains("CODER-FAILS") {
        return Err("toy coder refuses this text".into());
    }
    let mut out = Coded::default();
    let text = &a.text;
    let mut start = 0usize;
    let mut k = 0u32;
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '?') || i + c.len_utf8() == text.len() {
            let end = i + c.len_utf8();
            code_sentence(text, start, end, k, a, &mut out);
            start = end;
            k += 1;
        }
    }
    Ok(out)
}

fn words(text: &str, start: usize, end: usize) -> Vec<(usize, usize, String)> {
    let mut v = Vec::new();
    let mut ws = None;
    for (i, c) in text[start..end].char_indices() {
        let i = i + start;
        if c.is_alphanumeric() {
            ws.get_or_insert(i);
        } else if let Some(s) = ws.take() {
            v.push((s, i, text[s..i].to_lowercase()));
        }
    }
    if let Some(s) = ws {
        v.push((s, end, text[s..end].to_lowercase()));
    }
    v
}

fn actor(text: &str, w: &(usize, usize, String)) -> Option<Actor> {
    ACTORS.iter().find(|(n, _)| *n == w.2).map(|(_, c)| Actor {
        code: (*c).to_owned(),
        country: Some((*c).to_owned()),
        sectors: vec![],
        text: text[w.0..w.1].to_owned(),
        span: Span { start: w.0 as u32, end: w.1 as u32 },
    })
}

fn code_sentence(text: &str, start: usize, end: usize, k: u32, a: &Article, out: &mut Coded) {
    let ws = words(text, start, end);
    let mut src: Option<Actor> = None;
    for (j, w) in ws.iter().enumerate() {
        if let Some(act) = actor(text, w) {
            if src.is_none() {
                src = Some(act);
            }
            continue;
        }
        if let Some((_, code)) = VERBS.iter().find(|(v, _)| *v == w.2) {
            let Some(s) = src.clone() else { continue };
            let Some(t) = ws[j + 1..].iter().find_map(|x| actor(text, x)) else { continue };
            if t.code == s.code {
                continue;
            }
            out.events.push(Event {
                sentence: k,
                date: a.date.map(|d| d.to_string()),
                source: s,
                target: t,
                cameo: (*code).to_owned(),
                evidence: dyad_types::event::Evidence {
                    text: text[start..end].trim().to_owned(),
                    verb: Span { start: w.0 as u32, end: w.1 as u32 },
                    ..Default::default()
                },
                ..Default::default()
            });
            break;
        }
    }
    let s = &text[start..end];
    if let (Some(q0), Some(said)) = (s.find('"'), s.find("\" said"))
        && q0 < said
    {
        let speaker = s[said + 6..].trim().trim_end_matches('.').to_owned();
        out.quotes.push(Quote {
            sentence: k,
            speaker: Actor { code: "---".into(), text: speaker, ..Default::default() },
            verb: "said".into(),
            quote: s[q0 + 1..said].to_owned(),
            span: Span { start: (start + q0 + 1) as u32, end: (start + said) as u32 },
        });
    }
}

/// An article.
pub(crate) fn article(id: &str, date: &str, source: &str, text: &str) -> Article {
    Article {
        id: id.into(),
        date: Date::parse(date),
        url: Some(format!("https://{}.example/{id}", source.to_lowercase().replace(' ', "-"))),
        source: Some(source.into()),
        title: None,
        text: text.into(),
        file: "test.jsonl".into(),
        line: 1,
    }
}

/// xorshift64*: a seeded generator, so generated corpora are reproducible.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    /// The next value.
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A value below `n`.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A unique scratch path for a database file.
pub(crate) fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("dyad-store-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", p.display()));
    }
    p
}
