//! Exports: JSON Lines (aggregated events with their mentions, then the
//! quotations), CSV (one row per event) and a GDELT-2.0-like tab-separated
//! event table. Rows stream from the database; memory does not grow with
//! the store.

use std::io::Write;

use serde::Serialize;
use serde_json::Value;

use crate::error::{Result, SqlContext};
use crate::store::Store;

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// One JSON object per line: `kind: event` records with `mentions`,
    /// then `kind: quote` records.
    Jsonl,
    /// Comma-separated, one row per aggregated event, with a header.
    Csv,
    /// Tab-separated with GDELT 2.0 event-table column names (the subset
    /// dyad fills), with a header.
    Gdelt,
}

/// An aggregated event as read back from the store.
#[derive(Clone, Debug, PartialEq)]
struct EventRow {
    num: i64,
    id: String,
    date: Option<String>,
    source_code: String,
    source_country: Option<String>,
    target_code: String,
    target_country: Option<String>,
    cameo: String,
    root: Option<String>,
    quad_class: Option<i64>,
    goldstein: Option<f64>,
    plover: Option<String>,
    num_mentions: i64,
    num_sources: i64,
    num_articles: i64,
}

const EVENT_COLS: &str = "num, id, date, source_code, source_country, target_code, target_country, cameo, root, quad_class, goldstein, plover, num_mentions, num_sources, num_articles";

fn event_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EventRow> {
    Ok(EventRow {
        num: r.get(0)?,
        id: r.get(1)?,
        date: r.get(2)?,
        source_code: r.get(3)?,
        source_country: r.get(4)?,
        target_code: r.get(5)?,
        target_country: r.get(6)?,
        cameo: r.get(7)?,
        root: r.get(8)?,
        quad_class: r.get(9)?,
        goldstein: r.get(10)?,
        plover: r.get(11)?,
        num_mentions: r.get(12)?,
        num_sources: r.get(13)?,
        num_articles: r.get(14)?,
    })
}

impl Store {
    /// Writes the whole store in `format` to `out`; returns the number of
    /// records written (events, plus quotations for JSONL).
    ///
    /// # Errors
    /// SQLite or I/O errors.
    pub fn export(&self, format: ExportFormat, out: &mut dyn Write) -> Result<u64> {
        let db = &self.db;
        let mut st = self
            .conn
            .prepare(&format!("SELECT {EVENT_COLS} FROM events ORDER BY num"))
            .ctx(db, "prepare export")?;
        let mut mst = self.conn.prepare(MENTIONS_SQL).ctx(db, "prepare export")?;
        let mut n = 0u64;
        match format {
            ExportFormat::Csv => writeln!(
                out,
                "id,date,source_code,source_country,target_code,target_country,cameo,root,quad_class,goldstein,plover,num_mentions,num_sources,num_articles,location,location_country,location_lat,location_lon"
            )?,
            ExportFormat::Gdelt => writeln!(out, "{}", GDELT_COLS.join("\t"))?,
            ExportFormat::Jsonl => {}
        }
        let rows = st.query_map([], event_row).ctx(db, "export events")?;
        for row in rows {
            let e = row.ctx(db, "export events")?;
            match format {
                ExportFormat::Jsonl => {
                    let mentions = read_mentions(&mut mst, e.num, db)?;
                    let v = EventOut {
                        kind: "event",
                        id: &e.id,
                        date: e.date.as_deref(),
                        source: SideOut {
                            code: &e.source_code,
                            country: e.source_country.as_deref(),
                        },
                        target: SideOut {
                            code: &e.target_code,
                            country: e.target_country.as_deref(),
                        },
                        cameo: &e.cameo,
                        root: e.root.as_deref(),
                        quad_class: e.quad_class,
                        goldstein: e.goldstein,
                        plover: e.plover.as_deref(),
                        num_mentions: e.num_mentions,
                        num_sources: e.num_sources,
                        num_articles: e.num_articles,
                        location: agreed_place(&mentions),
                        mentions,
                    };
                    serde_json::to_writer(&mut *out, &v).map_err(std::io::Error::from)?;
                    out.write_all(b"\n")?;
                }
                ExportFormat::Csv => {
                    let place = agreed_place(&read_mentions(&mut mst, e.num, db)?);
                    let f = |s: &Option<String>| csv(s.as_deref().unwrap_or(""));
                    let num = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
                    writeln!(
                        out,
                        "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
                        csv(&e.id),
                        f(&e.date),
                        csv(&e.source_code),
                        f(&e.source_country),
                        csv(&e.target_code),
                        f(&e.target_country),
                        csv(&e.cameo),
                        f(&e.root),
                        e.quad_class.map(|q| q.to_string()).unwrap_or_default(),
                        e.goldstein.map(|g| g.to_string()).unwrap_or_default(),
                        f(&e.plover),
                        e.num_mentions,
                        e.num_sources,
                        e.num_articles,
                        csv(place.as_ref().map_or("", |p| p.name.as_str())),
                        f(&place.as_ref().and_then(|p| p.country.clone())),
                        num(place.as_ref().and_then(|p| p.lat)),
                        num(place.as_ref().and_then(|p| p.lon)),
                    )?;
                }
                ExportFormat::Gdelt => {
                    let mentions = read_mentions(&mut mst, e.num, db)?;
                    let place = agreed_place(&mentions);
                    let first = mentions.first();
                    let name = |f: fn(&MentionOut) -> &Option<String>| {
                        first.and_then(|m| f(m).as_deref()).unwrap_or("")
                    };
                    gdelt_row(
                        out,
                        &e,
                        name(|m| &m.source_text),
                        name(|m| &m.target_text),
                        place.as_ref(),
                        name(|m| &m.url),
                    )?;
                }
            }
            n += 1;
        }
        if format == ExportFormat::Jsonl {
            let mut q = self
                .conn
                .prepare(
                    "SELECT doc, sentence, speaker_code, speaker_country, speaker_text, verb, quote, span_start, span_end
                     FROM quotes ORDER BY num",
                )
                .ctx(db, "prepare quotes")?;
            let rows = q
                .query_map([], |r| {
                    let speaker_text: Option<String> = r.get(4)?;
                    Ok(QuoteOut {
                        kind: "quote",
                        doc: r.get(0)?,
                        sentence: r.get(1)?,
                        speaker: SpeakerOut {
                            code: r.get(2)?,
                            country: r.get(3)?,
                            text: speaker_text.clone(),
                        },
                        speaker_text,
                        verb: r.get(5)?,
                        quote: r.get(6)?,
                        span: [r.get(7)?, r.get(8)?],
                    })
                })
                .ctx(db, "export quotes")?;
            for row in rows {
                serde_json::to_writer(&mut *out, &row.ctx(db, "export quotes")?)
                    .map_err(std::io::Error::from)?;
                out.write_all(b"\n")?;
                n += 1;
            }
        }
        out.flush()?;
        Ok(n)
    }
}

/// A JSONL event record (field order as in DESIGN.md).
#[derive(Serialize)]
struct EventOut<'a> {
    kind: &'static str,
    id: &'a str,
    date: Option<&'a str>,
    source: SideOut<'a>,
    target: SideOut<'a>,
    cameo: &'a str,
    root: Option<&'a str>,
    quad_class: Option<i64>,
    goldstein: Option<f64>,
    plover: Option<&'a str>,
    num_mentions: i64,
    num_sources: i64,
    num_articles: i64,
    /// The place most of its counted mentions give (see [`agreed_place`]),
    /// under DESIGN.md's key `location`.
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<PlaceOut>,
    mentions: Vec<MentionOut>,
}

/// The reports of one event (`?1`), as [`read_mentions`] reads them.
pub(crate) const MENTIONS_SQL: &str =
    "SELECT m.doc, m.sentence, m.outlet, m.cameo, m.counted, m.evidence, m.verb_start, m.verb_end,
        m.source_text, m.target_text, m.explain, a.url, m.date,
        m.place_name, m.place_country, m.place_lat, m.place_lon, m.place_rule
 FROM mentions m JOIN articles a ON a.num = m.article WHERE m.event = ?1 ORDER BY m.num";

/// A place as exported (key `location`): the coder's place without its
/// text and span.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub(crate) struct PlaceOut {
    pub(crate) name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) lat: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) lon: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule: Option<String>,
}

/// The reports of event `num`, in the order they were stored.
pub(crate) fn read_mentions(
    mst: &mut rusqlite::Statement<'_>,
    num: i64,
    db: &str,
) -> Result<Vec<MentionOut>> {
    let ms = mst
        .query_map([num], |r| {
            let explain: Option<String> = r.get(10)?;
            let place = match r.get::<_, Option<String>>(13)? {
                Some(name) => Some(PlaceOut {
                    name,
                    country: r.get(14)?,
                    lat: r.get(15)?,
                    lon: r.get(16)?,
                    rule: r.get(17)?,
                }),
                None => None,
            };
            Ok(MentionOut {
                doc: r.get(0)?,
                sentence: r.get(1)?,
                source: r.get(2)?,
                url: r.get(11)?,
                date: r.get(12)?,
                cameo: r.get(3)?,
                counted: r.get(4)?,
                evidence: EvidenceOut { text: r.get(5)?, verb: [r.get(6)?, r.get(7)?] },
                source_text: r.get(8)?,
                target_text: r.get(9)?,
                explain: explain.and_then(|s| serde_json::from_str::<Value>(&s).ok()),
                location: place,
            })
        })
        .ctx(db, "export mentions")?;
    let mut out = Vec::new();
    for m in ms {
        out.push(m.ctx(db, "export mentions")?);
    }
    Ok(out)
}

/// The place an aggregated event's reports agree on: the (name, country)
/// given by most counted mentions (wire copies do not vote twice), with
/// places read from the sentence (`obl`, `sentence`) outvoting datelines,
/// which say where a report was filed rather than where the event
/// happened; ties go to the earliest mention. Mentions with no place do not
/// vote; when no counted mention has one, the others vote.
pub(crate) fn agreed_place(mentions: &[MentionOut]) -> Option<PlaceOut> {
    let vote = |counted_only: bool| {
        let mut best: Option<(usize, usize, &PlaceOut)> = None; // (sentence votes, all votes, place)
        for (i, m) in mentions.iter().enumerate() {
            let Some(p) = m.location.as_ref().filter(|_| m.counted || !counted_only) else {
                continue;
            };
            if mentions[..i].iter().any(|x| {
                (x.counted || !counted_only)
                    && x.location
                        .as_ref()
                        .is_some_and(|q| q.name == p.name && q.country == p.country)
            }) {
                continue; // counted with its first occurrence
            }
            let same = mentions.iter().filter(|x| x.counted || !counted_only).filter(|x| {
                x.location.as_ref().is_some_and(|q| q.name == p.name && q.country == p.country)
            });
            let (mut text, mut all) = (0, 0);
            for x in same {
                all += 1;
                if x.location.as_ref().and_then(|q| q.rule.as_deref()) != Some("dateline") {
                    text += 1;
                }
            }
            if best.is_none_or(|(t, a, _)| (text, all) > (t, a)) {
                best = Some((text, all, p));
            }
        }
        best.map(|(_, _, p)| p.clone())
    };
    vote(true).or_else(|| vote(false))
}

#[derive(Serialize)]
struct SideOut<'a> {
    code: &'a str,
    country: Option<&'a str>,
}

/// One report of an event.
#[derive(Serialize)]
pub(crate) struct MentionOut {
    doc: String,
    sentence: i64,
    source: Option<String>,
    url: Option<String>,
    date: Option<String>,
    cameo: String,
    counted: bool,
    evidence: EvidenceOut,
    source_text: Option<String>,
    target_text: Option<String>,
    explain: Option<Value>,
    /// Where this report places the event (key as in DESIGN.md).
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<PlaceOut>,
}

#[derive(Serialize)]
struct EvidenceOut {
    text: Option<String>,
    verb: [Option<i64>; 2],
}

/// A JSONL quotation record (DESIGN.md's `kind: quote`).
#[derive(Serialize)]
struct QuoteOut {
    kind: &'static str,
    doc: String,
    sentence: Option<i64>,
    speaker: SpeakerOut,
    speaker_text: Option<String>,
    verb: Option<String>,
    quote: String,
    span: [Option<i64>; 2],
}

#[derive(Serialize)]
struct SpeakerOut {
    code: Option<String>,
    country: Option<String>,
    text: Option<String>,
}

/// GDELT 2.0 event-table columns that dyad fills, in GDELT's order.
const GDELT_COLS: &[&str] = &[
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1Type1Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2Type1Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "SOURCEURL",
];

fn gdelt_row(
    out: &mut dyn Write,
    e: &EventRow,
    s_name: &str,
    t_name: &str,
    place: Option<&PlaceOut>,
    url: &str,
) -> std::io::Result<()> {
    let date = e.date.as_deref().unwrap_or("");
    let (y, m, d) =
        (date.get(0..4).unwrap_or(""), date.get(5..7).unwrap_or(""), date.get(8..10).unwrap_or(""));
    let fraction = match (y.parse::<f64>(), m.parse::<f64>(), d.parse::<f64>()) {
        (Ok(y), Ok(m), Ok(d)) => format!("{:.4}", y + ((m - 1.0) * 30.0 + d) / 365.0),
        _ => String::new(),
    };
    let side_type = |code: &str, country: &Option<String>| -> String {
        let rest = match country {
            Some(c) if code.starts_with(c.as_str()) => &code[c.len()..],
            _ => code.trim_start_matches('-'),
        };
        rest.get(0..3).unwrap_or("").to_owned()
    };
    let null = |c: &str| if c == "---" { String::new() } else { c.to_owned() };
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    let fields = [
        e.id.clone(),
        format!("{y}{m}{d}"),
        format!("{y}{m}"),
        y.to_owned(),
        fraction,
        null(&e.source_code),
        clean(s_name),
        e.source_country.clone().unwrap_or_default(),
        side_type(&e.source_code, &e.source_country),
        null(&e.target_code),
        clean(t_name),
        e.target_country.clone().unwrap_or_default(),
        side_type(&e.target_code, &e.target_country),
        "1".to_owned(),
        e.cameo.clone(),
        e.cameo.get(0..3).unwrap_or(&e.cameo).to_owned(),
        e.root.clone().unwrap_or_default(),
        e.quad_class.map(|q| q.to_string()).unwrap_or_default(),
        e.goldstein.map(|g| g.to_string()).unwrap_or_default(),
        e.num_mentions.to_string(),
        e.num_sources.to_string(),
        e.num_articles.to_string(),
        clean(place.map_or("", |p| p.name.as_str())),
        place.and_then(|p| p.country.clone()).unwrap_or_default(),
        place.and_then(|p| p.lat).map(|v| v.to_string()).unwrap_or_default(),
        place.and_then(|p| p.lon).map(|v| v.to_string()).unwrap_or_default(),
        clean(url),
    ];
    writeln!(out, "{}", fields.join("\t"))
}

/// Quotes a CSV field when it needs it (RFC 4180).
fn csv(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::csv;

    #[test]
    fn csv_quoting() {
        assert_eq!(csv("AZE"), "AZE");
        assert_eq!(csv("a,b"), "\"a,b\"");
        assert_eq!(csv("say \"no\""), "\"say \"\"no\"\"\"");
    }
}
