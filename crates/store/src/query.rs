//! Queries: a dyad's events over time, by quad class, with mean Goldstein.

use std::collections::BTreeMap;

use dyad_types::Date;

use crate::date::week_start;
use crate::error::{Error, Result, SqlContext};
use crate::store::Store;

/// Time buckets for a series.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    /// One row per day.
    Day,
    /// One row per ISO week, labelled by its Monday.
    Week,
    /// One row per month (`YYYY-MM`).
    Month,
    /// One row per year.
    Year,
}

impl Period {
    /// The bucket label of a date.
    pub fn label(self, d: Date) -> String {
        match self {
            Period::Day => d.to_string(),
            Period::Week => week_start(d).unwrap_or(d).to_string(),
            Period::Month => format!("{:04}-{:02}", d.year(), d.month()),
            Period::Year => format!("{:04}", d.year()),
        }
    }
}

/// Which events a series counts.
#[derive(Clone, Debug)]
pub struct DyadQuery {
    /// Source side: a full actor code (`AZEGOV`) or a country (`AZE`).
    pub source: String,
    /// Target side, as `source`.
    pub target: String,
    /// Count both directions (source→target and target→source).
    pub undirected: bool,
    /// Bucket size.
    pub by: Period,
    /// First date included.
    pub from: Option<Date>,
    /// Last date included.
    pub to: Option<Date>,
}

impl DyadQuery {
    /// Parses `AZE:IRN`.
    ///
    /// # Errors
    /// Not two non-empty sides separated by `:`.
    pub fn parse_dyad(s: &str, by: Period) -> Result<DyadQuery> {
        match s.split_once(':') {
            Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => Ok(DyadQuery {
                source: a.trim().to_ascii_uppercase(),
                target: b.trim().to_ascii_uppercase(),
                undirected: false,
                by,
                from: None,
                to: None,
            }),
            _ => Err(Error::Invalid(format!("dyad {s:?}: expected SOURCE:TARGET, e.g. AZE:IRN"))),
        }
    }
}

/// One period of a series.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct SeriesRow {
    /// The period label (`2023-03-27` for a week, `2023-03` for a month).
    pub period: String,
    /// Aggregated events in the period.
    pub events: u64,
    /// Events by quad class: verbal cooperation, material cooperation,
    /// verbal conflict, material conflict.
    pub quad: [u64; 4],
    /// Counted mentions of those events.
    pub mentions: u64,
    /// Mean Goldstein value over the events (each aggregated event once),
    /// `None` when no event has one.
    pub goldstein_mean: Option<f64>,
}

impl Store {
    /// The series of a dyad: events per period by quad class, with mean
    /// Goldstein. A side matches an event's actor code or its country.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn dyad_series(&self, q: &DyadQuery) -> Result<Vec<SeriesRow>> {
        let db = &self.db;
        let sql = "SELECT date, quad_class, goldstein, num_mentions FROM events
                   WHERE date IS NOT NULL AND (
                     ((source_code = ?1 OR source_country = ?1) AND (target_code = ?2 OR target_country = ?2))
                     OR (?3 AND (source_code = ?2 OR source_country = ?2) AND (target_code = ?1 OR target_country = ?1)))";
        let mut st = self.conn.prepare(sql).ctx(db, "prepare dyad query")?;
        let rows = st
            .query_map(rusqlite::params![q.source, q.target, q.undirected], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<i64>>(1)?,
                    r.get::<_, Option<f64>>(2)?,
                    r.get::<_, i64>(3)?,
                ))
            })
            .ctx(db, "dyad query")?;
        let mut out: BTreeMap<String, (SeriesRow, f64, u64)> = BTreeMap::new();
        for row in rows {
            let (date, quad, gold, mentions) = row.ctx(db, "dyad query")?;
            let Some(d) = Date::parse(&date) else { continue };
            if q.from.is_some_and(|f| d < f) || q.to.is_some_and(|t| d > t) {
                continue;
            }
            let label = q.by.label(d);
            let e = out
                .entry(label.clone())
                .or_insert_with(|| (SeriesRow { period: label, ..SeriesRow::default() }, 0.0, 0));
            e.0.events += 1;
            e.0.mentions += mentions.max(0) as u64;
            if let Some(k) = quad.and_then(|k| usize::try_from(k - 1).ok()).filter(|&k| k < 4) {
                e.0.quad[k] += 1;
            }
            if let Some(g) = gold {
                e.1 += g;
                e.2 += 1;
            }
        }
        Ok(out
            .into_values()
            .map(|(mut r, sum, n)| {
                r.goldstein_mean = (n > 0).then(|| sum / n as f64);
                r
            })
            .collect())
    }
}
