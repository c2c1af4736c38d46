//! Parquet export of the aggregated events (cargo feature `parquet`): the
//! hand-over format to Spark, DuckDB and BigQuery (DESIGN.md).
//!
//! One row per aggregated event, the columns of the CSV export (with the
//! place its reports agree on as `location`, `location_country`,
//! `location_lat`, `location_lon`, as in the CSV); `date` is a Parquet `DATE`
//! (days since 1970-01-01), codes and names are UTF-8 strings, counts
//! `INT64`, coordinates `DOUBLE`. Rows stream from the database into row groups
//! of [`ROW_GROUP`] events, so memory is bounded by one row group. Written
//! with the `parquet` crate's column writers, without Arrow (a much smaller
//! build), uncompressed (no codec features; Parquet readers handle that).

use std::io::Write;
use std::sync::Arc;

use parquet::basic::{Compression, Encoding};
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;

use crate::error::{Error, Result, SqlContext};
use crate::export::{MENTIONS_SQL, agreed_place, read_mentions};
use crate::store::Store;

/// Events per row group.
pub(crate) const ROW_GROUP: usize = 65_536;

/// The schema of the events file.
pub(crate) const SCHEMA: &str = "message dyad_event {
  REQUIRED BYTE_ARRAY id (UTF8);
  OPTIONAL INT32 date (DATE);
  REQUIRED BYTE_ARRAY source_code (UTF8);
  OPTIONAL BYTE_ARRAY source_country (UTF8);
  REQUIRED BYTE_ARRAY target_code (UTF8);
  OPTIONAL BYTE_ARRAY target_country (UTF8);
  REQUIRED BYTE_ARRAY cameo (UTF8);
  OPTIONAL BYTE_ARRAY root (UTF8);
  OPTIONAL INT32 quad_class;
  OPTIONAL DOUBLE goldstein;
  OPTIONAL BYTE_ARRAY plover (UTF8);
  REQUIRED INT64 num_mentions;
  REQUIRED INT64 num_sources;
  REQUIRED INT64 num_articles;
  OPTIONAL BYTE_ARRAY location (UTF8);
  OPTIONAL BYTE_ARRAY location_country (UTF8);
  OPTIONAL DOUBLE location_lat;
  OPTIONAL DOUBLE location_lon;
}";

/// One row group's columns, in [`SCHEMA`] order.
#[derive(Default)]
struct Columns {
    rows: usize,
    /// String columns: values of present cells and definition levels.
    strings: [(Vec<ByteArray>, Vec<i16>); 10],
    date: (Vec<i32>, Vec<i16>),
    quad_class: (Vec<i32>, Vec<i16>),
    /// Goldstein, place latitude, place longitude.
    doubles: [(Vec<f64>, Vec<i16>); 3],
    counts: [Vec<i64>; 3],
}

/// Indexes into [`Columns::strings`], by column.
const ID: usize = 0;
const SOURCE_CODE: usize = 1;
const SOURCE_COUNTRY: usize = 2;
const TARGET_CODE: usize = 3;
const TARGET_COUNTRY: usize = 4;
const CAMEO: usize = 5;
const ROOT: usize = 6;
const PLOVER: usize = 7;
const PLACE: usize = 8;
const PLACE_COUNTRY: usize = 9;

/// Indexes into [`Columns::doubles`].
const GOLDSTEIN: usize = 0;
const LAT: usize = 1;
const LON: usize = 2;

fn push_str(col: &mut (Vec<ByteArray>, Vec<i16>), v: Option<String>) {
    match v {
        Some(s) => {
            col.0.push(ByteArray::from(s.into_bytes()));
            col.1.push(1);
        }
        None => col.1.push(0),
    }
}

fn push<T>(col: &mut (Vec<T>, Vec<i16>), v: Option<T>) {
    match v {
        Some(x) => {
            col.0.push(x);
            col.1.push(1);
        }
        None => col.1.push(0),
    }
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date.
fn epoch_days(s: &str) -> Option<i32> {
    i32::try_from(dyad_types::Date::parse(s)?.days()).ok()
}

fn pq(e: parquet::errors::ParquetError) -> Error {
    Error::Invalid(format!("parquet: {e}"))
}

impl Columns {
    fn write<W: Write + Send>(&mut self, w: &mut SerializedFileWriter<W>) -> Result<()> {
        let mut rg = w.next_row_group().map_err(pq)?;
        let mut k = 0usize;
        while let Some(mut col) = rg.next_column().map_err(pq)? {
            // Column order of SCHEMA.
            let (strings, doubles) = (&self.strings, &self.doubles);
            let text = |col: &mut parquet::file::writer::SerializedColumnWriter<'_>, s: usize| {
                let (vals, defs) = &strings[s];
                let required = matches!(s, ID | SOURCE_CODE | TARGET_CODE | CAMEO);
                col.typed::<ByteArrayType>().write_batch(
                    vals,
                    (!required).then_some(defs.as_slice()),
                    None,
                )
            };
            let double = |col: &mut parquet::file::writer::SerializedColumnWriter<'_>, d: usize| {
                col.typed::<DoubleType>().write_batch(&doubles[d].0, Some(&doubles[d].1), None)
            };
            let res = match k {
                0 => text(&mut col, ID),
                1 => col.typed::<Int32Type>().write_batch(&self.date.0, Some(&self.date.1), None),
                2 => text(&mut col, SOURCE_CODE),
                3 => text(&mut col, SOURCE_COUNTRY),
                4 => text(&mut col, TARGET_CODE),
                5 => text(&mut col, TARGET_COUNTRY),
                6 => text(&mut col, CAMEO),
                7 => text(&mut col, ROOT),
                8 => col.typed::<Int32Type>().write_batch(
                    &self.quad_class.0,
                    Some(&self.quad_class.1),
                    None,
                ),
                9 => double(&mut col, GOLDSTEIN),
                10 => text(&mut col, PLOVER),
                11..=13 => col.typed::<Int64Type>().write_batch(&self.counts[k - 11], None, None),
                14 => text(&mut col, PLACE),
                15 => text(&mut col, PLACE_COUNTRY),
                16 => double(&mut col, LAT),
                _ => double(&mut col, LON),
            };
            res.map_err(pq)?;
            col.close().map_err(pq)?;
            k += 1;
        }
        rg.close().map_err(pq)?;
        *self = Columns::default();
        Ok(())
    }
}

impl Store {
    /// Writes the aggregated events as a Parquet file ([`SCHEMA`]) to
    /// `out`; returns the number of events written.
    ///
    /// # Errors
    /// SQLite errors; [`Error::Invalid`] for a Parquet writer error
    /// (including I/O on `out`).
    pub fn export_parquet<W: Write + Send>(&self, out: W) -> Result<u64> {
        let db = &self.db;
        let schema = Arc::new(parse_message_type(SCHEMA).map_err(pq)?);
        let props = WriterProperties::builder()
            .set_compression(Compression::UNCOMPRESSED)
            .set_encoding(Encoding::PLAIN)
            .set_created_by(format!("dyad {}", env!("CARGO_PKG_VERSION")))
            .build();
        let mut w = SerializedFileWriter::new(out, schema, Arc::new(props)).map_err(pq)?;
        let mut st = self
            .conn
            .prepare(
                "SELECT id, date, source_code, source_country, target_code, target_country, cameo,
                        root, quad_class, goldstein, plover, num_mentions, num_sources, num_articles,
                        num
                 FROM events ORDER BY num",
            )
            .ctx(db, "prepare parquet export")?;
        let mut mst = self.conn.prepare(MENTIONS_SQL).ctx(db, "prepare parquet export")?;
        let mut rows = st.query([]).ctx(db, "export events")?;
        let mut cols = Columns::default();
        let mut n = 0u64;
        while let Some(r) = rows.next().ctx(db, "export events")? {
            let get_s = |i: usize| r.get::<_, Option<String>>(i);
            let c = &mut cols;
            (|| -> rusqlite::Result<()> {
                push_str(&mut c.strings[ID], get_s(0)?);
                push(&mut c.date, get_s(1)?.as_deref().and_then(epoch_days));
                push_str(&mut c.strings[SOURCE_CODE], get_s(2)?.or(Some(String::new())));
                push_str(&mut c.strings[SOURCE_COUNTRY], get_s(3)?);
                push_str(&mut c.strings[TARGET_CODE], get_s(4)?.or(Some(String::new())));
                push_str(&mut c.strings[TARGET_COUNTRY], get_s(5)?);
                push_str(&mut c.strings[CAMEO], get_s(6)?.or(Some(String::new())));
                push_str(&mut c.strings[ROOT], get_s(7)?);
                let q: Option<i64> = r.get(8)?;
                push(&mut c.quad_class, q.and_then(|q| i32::try_from(q).ok()));
                push(&mut c.doubles[GOLDSTEIN], r.get::<_, Option<f64>>(9)?);
                push_str(&mut c.strings[PLOVER], get_s(10)?);
                for j in 0..3 {
                    c.counts[j].push(r.get(11 + j)?);
                }
                Ok(())
            })()
            .ctx(db, "export events")?;
            let num: i64 = r.get(14).ctx(db, "export events")?;
            let place = agreed_place(&read_mentions(&mut mst, num, db)?);
            let c = &mut cols;
            push_str(&mut c.strings[PLACE], place.as_ref().map(|p| p.name.clone()));
            push_str(&mut c.strings[PLACE_COUNTRY], place.as_ref().and_then(|p| p.country.clone()));
            push(&mut c.doubles[LAT], place.as_ref().and_then(|p| p.lat));
            push(&mut c.doubles[LON], place.as_ref().and_then(|p| p.lon));
            cols.rows += 1;
            n += 1;
            if cols.rows == ROW_GROUP {
                cols.write(&mut w)?;
            }
        }
        if cols.rows > 0 {
            cols.write(&mut w)?;
        }
        w.close().map_err(pq)?;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_days_since_the_epoch() {
        assert_eq!(epoch_days("1970-01-01"), Some(0));
        assert_eq!(epoch_days("2023-03-31"), Some(19_447));
        assert_eq!(epoch_days("bad"), None);
        assert!(parse_message_type(SCHEMA).is_ok());
    }
}
