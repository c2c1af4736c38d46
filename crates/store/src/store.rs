//! The store: opening and migrating a database, and batched, idempotent
//! ingest with duplicate aggregation.

use std::collections::HashSet;
use std::path::Path;

use dyad_ingest::article::Article;
use dyad_types::Date;
use dyad_types::event::Event;
use rayon::prelude::*;
use rusqlite::{
    Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior, params,
};

use crate::error::{Error, Result, SqlContext};
use crate::hash::{content_hash, stable_id};
use crate::minhash::Signature;
use crate::model::{Aggregation, ArticleCoder, Coded, SkipReason, Summary};
use crate::schema::{MIGRATIONS, SCHEMA_VERSION};

/// Most candidate articles read per LSH band when looking for wire copies.
const MAX_CANDIDATES: i64 = 64;

/// Articles written per transaction by default.
pub const DEFAULT_BATCH: usize = 256;

/// An open event store (one SQLite database in WAL mode).
#[derive(Debug)]
pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) db: String,
    agg: Aggregation,
}

/// Row counts of the main tables.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Stored articles.
    pub articles: u64,
    /// Aggregated events.
    pub events: u64,
    /// Mentions (one per coded report).
    pub mentions: u64,
    /// Quotations.
    pub quotes: u64,
}

impl Store {
    /// Opens (creating if needed) a store and migrates it to the current
    /// schema. A new database records `agg`; an existing one keeps the
    /// settings it was created with (see [`Store::aggregation`]).
    ///
    /// # Errors
    /// SQLite errors, or a schema newer than this build knows.
    pub fn open(path: impl AsRef<Path>, agg: Aggregation) -> Result<Store> {
        let db = path.as_ref().display().to_string();
        let conn = Connection::open(path.as_ref()).ctx(&db, "open")?;
        Store::from_connection(conn, db, agg)
    }

    /// An in-memory store (tests, scratch work).
    ///
    /// # Errors
    /// SQLite errors.
    pub fn open_in_memory(agg: Aggregation) -> Result<Store> {
        let conn = Connection::open_in_memory().ctx(":memory:", "open")?;
        Store::from_connection(conn, ":memory:".into(), agg)
    }

    fn from_connection(conn: Connection, db: String, agg: Aggregation) -> Result<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(10)).ctx(&db, "busy_timeout")?;
        // WAL: readers never block the writer, and a killed writer loses only
        // its open transaction. synchronous=NORMAL is safe against a process
        // crash in WAL mode (only an OS crash can lose the last commits).
        let _mode: String =
            conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).ctx(&db, "set WAL")?;
        // A 64 MiB page cache keeps the lookup indexes in memory (the default
        // 2 MiB made ingest read pages from the file on every lookup); it is
        // a bound, so memory stays flat however large the database grows.
        conn.execute_batch(
            "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536;
             PRAGMA journal_size_limit = 67108864;",
        )
        .ctx(&db, "pragmas")?;
        let mut store = Store { conn, db, agg };
        store.migrate()?;
        store.load_settings()?;
        Ok(store)
    }

    /// The schema version stored in the database.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn schema_version(&self) -> Result<u32> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .ctx(&self.db, "read user_version")
    }

    fn migrate(&mut self) -> Result<()> {
        let db = self.db.clone();
        let newer = |v: u32| Error::Schema {
            db: db.clone(),
            message: format!(
                "schema version {v} is newer than this dyad's {SCHEMA_VERSION}; use a newer dyad"
            ),
        };
        match self.schema_version()? {
            v if v == SCHEMA_VERSION => return Ok(()),
            v if v > SCHEMA_VERSION => return Err(newer(v)),
            _ => {}
        }
        // Another process may be creating or migrating the same file: take
        // the write lock first, then read the version again. All steps run
        // in this one transaction, so a crash leaves the old schema or the
        // new one, never a mix.
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .ctx(&db, "begin migration")?;
        let from: u32 =
            tx.query_row("PRAGMA user_version", [], |r| r.get(0)).ctx(&db, "read user_version")?;
        if from > SCHEMA_VERSION {
            return Err(newer(from));
        }
        if from == 0 {
            let tables: i64 = tx
                .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
                .ctx(&db, "inspect")?;
            if tables > 0 {
                return Err(Error::Schema {
                    db: db.clone(),
                    message: "not a dyad store (has tables but no schema version)".into(),
                });
            }
        }
        for v in from..SCHEMA_VERSION {
            tx.execute_batch(MIGRATIONS[v as usize])
                .ctx(&db, &format!("migration to version {}", v + 1))?;
        }
        tx.pragma_update(None, "user_version", SCHEMA_VERSION).ctx(&db, "set user_version")?;
        tx.commit().ctx(&db, "commit migration")
    }

    /// The settings stored in table `meta`, if any.
    fn read_settings(&self) -> Result<Option<Aggregation>> {
        let get = |k: &str| -> Result<Option<String>> {
            self.conn
                .query_row("SELECT value FROM meta WHERE key = ?1", [k], |r| r.get(0))
                .optional()
                .ctx(&self.db, "read settings")
        };
        let stored = (
            get("family_digits")?,
            get("window_days")?,
            get("dup_threshold")?,
            get("dup_window_days")?,
        );
        let (Some(f), Some(w), Some(t), Some(dw)) = stored else { return Ok(None) };
        let bad = |k: &str| Error::Schema {
            db: self.db.clone(),
            message: format!("bad setting {k} in table meta"),
        };
        Ok(Some(Aggregation {
            family_digits: f.parse().map_err(|_| bad("family_digits"))?,
            window_days: w.parse().map_err(|_| bad("window_days"))?,
            dup_threshold: t.parse().map_err(|_| bad("dup_threshold"))?,
            dup_window_days: dw.parse().map_err(|_| bad("dup_window_days"))?,
        }))
    }

    fn load_settings(&mut self) -> Result<()> {
        if let Some(agg) = self.read_settings()? {
            self.agg = agg;
            return Ok(());
        }
        if !(2..=4).contains(&self.agg.family_digits) {
            return Err(Error::Invalid(format!(
                "family digits {}: expected 2 (root), 3 or 4",
                self.agg.family_digits
            )));
        }
        if self.agg.window_days < 0 || self.agg.dup_window_days < 0 {
            return Err(Error::Invalid("date windows must not be negative".into()));
        }
        let a = &self.agg;
        let rows = [
            ("family_digits", a.family_digits.to_string()),
            ("window_days", a.window_days.to_string()),
            ("dup_threshold", a.dup_threshold.to_string()),
            ("dup_window_days", a.dup_window_days.to_string()),
        ];
        // The first process to write the settings wins; everyone then uses them.
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .ctx(&self.db, "begin")?;
        for (k, v) in rows {
            tx.execute("INSERT OR IGNORE INTO meta (key, value) VALUES (?1, ?2)", params![k, v])
                .ctx(&self.db, "write settings")?;
        }
        tx.commit().ctx(&self.db, "commit settings")?;
        match self.read_settings()? {
            Some(agg) => {
                self.agg = agg;
                Ok(())
            }
            None => Err(Error::Schema { db: self.db.clone(), message: "settings missing".into() }),
        }
    }

    /// Opens an existing store read-only: no migration, no settings written,
    /// nothing created. For readers running beside a writer.
    ///
    /// # Errors
    /// SQLite errors, or a schema version other than this build's.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store> {
        let db = path.as_ref().display().to_string();
        let conn = Connection::open_with_flags(path.as_ref(), OpenFlags::SQLITE_OPEN_READ_ONLY)
            .ctx(&db, "open read-only")?;
        conn.busy_timeout(std::time::Duration::from_secs(10)).ctx(&db, "busy_timeout")?;
        let mut store = Store { conn, db, agg: Aggregation::default() };
        let v = store.schema_version()?;
        if v != SCHEMA_VERSION {
            return Err(Error::Schema {
                db: store.db.clone(),
                message: format!("schema version {v}, expected {SCHEMA_VERSION}"),
            });
        }
        store.agg = store.read_settings()?.unwrap_or_default();
        Ok(store)
    }

    /// The aggregation settings in force for this database.
    pub fn aggregation(&self) -> &Aggregation {
        &self.agg
    }

    /// Row counts.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn counts(&self) -> Result<Counts> {
        let n = |t: &str| -> Result<u64> {
            self.conn
                .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get::<_, i64>(0))
                .map(|v| v as u64)
                .ctx(&self.db, "count rows")
        };
        Ok(Counts {
            articles: n("articles")?,
            events: n("events")?,
            mentions: n("mentions")?,
            quotes: n("quotes")?,
        })
    }

    /// `PRAGMA integrity_check`: `"ok"` for a sound database.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn integrity_check(&self) -> Result<String> {
        let mut st = self.conn.prepare("PRAGMA integrity_check").ctx(&self.db, "integrity")?;
        let rows: Vec<String> = st
            .query_map([], |r| r.get(0))
            .ctx(&self.db, "integrity")?
            .collect::<rusqlite::Result<_>>()
            .ctx(&self.db, "integrity")?;
        Ok(rows.join("\n"))
    }

    /// The wire-copy group of a stored article: the id of the first article
    /// of its group (itself when it is not a copy).
    ///
    /// # Errors
    /// SQLite errors.
    pub fn article_group(&self, id: &str) -> Result<Option<String>> {
        self.conn
            .query_row(
                "SELECT g.id FROM articles a JOIN articles g ON g.num = a.dup_group WHERE a.id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()
            .ctx(&self.db, "article group")
    }

    /// Starts a batched ingest with `coder`, writing `batch` articles per
    /// transaction, coding on `threads` threads (0: rayon's default).
    ///
    /// # Errors
    /// The thread pool cannot be built.
    pub fn ingest<'s, C: ArticleCoder>(
        &'s mut self,
        coder: C,
        batch: usize,
        threads: usize,
    ) -> Result<Ingest<'s, C>> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .map_err(|e| Error::Invalid(format!("thread pool: {e}")))?;
        Ok(Ingest {
            store: self,
            coder,
            batch_size: batch.max(1),
            pending: Vec::new(),
            pool,
            summary: Summary::default(),
            skips: Vec::new(),
            unwritten: Vec::new(),
            unwritten_keys: HashSet::new(),
        })
    }
}

/// A skipped article, for the caller to report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skip {
    /// Input file and line (`file:line`).
    pub location: String,
    /// The article id.
    pub id: String,
    /// Why.
    pub reason: SkipReason,
    /// Details (the id or coder message).
    pub message: String,
}

/// A running ingest: push articles; every `batch` articles are coded (in
/// parallel) and written in one transaction. Writing a batch overlaps with
/// coding the next one, so at most two batches are in memory, and a crash
/// loses at most the batch being written (rolled back) and the one being
/// coded (never started in the database).
pub struct Ingest<'s, C> {
    store: &'s mut Store,
    coder: C,
    batch_size: usize,
    pending: Vec<Article>,
    pool: rayon::ThreadPool,
    summary: Summary,
    skips: Vec<Skip>,
    /// The last coded batch, written while the next one is coded.
    unwritten: Vec<Ready>,
    /// Ids and text hashes of `unwritten`, for the duplicate check.
    unwritten_keys: HashSet<String>,
}

/// An article after coding: text hash, signature and the coder's result.
type CodedArticle = (Article, String, Option<Signature>, Result<Coded, String>);

/// One article ready to write.
struct Ready {
    article: Article,
    hash: String,
    sig: Option<Signature>,
    coded: Coded,
}

impl<C: ArticleCoder> Ingest<'_, C> {
    /// Queues an article; codes a batch when one is full, while the
    /// previous batch is written.
    ///
    /// # Errors
    /// SQLite errors (the open batch is rolled back).
    pub fn push(&mut self, article: Article) -> Result<()> {
        self.summary.read += 1;
        self.pending.push(article);
        if self.pending.len() >= self.batch_size {
            self.advance()?;
        }
        Ok(())
    }

    /// Counts an input the reader rejected.
    pub fn bad_input(&mut self) {
        self.summary.read += 1;
        self.summary.count(SkipReason::BadInput);
    }

    /// Counts so far.
    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    /// Skips since the last call (for reporting as they happen).
    pub fn take_skips(&mut self) -> Vec<Skip> {
        std::mem::take(&mut self.skips)
    }

    /// Writes what is left and returns the summary.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn finish(mut self) -> Result<Summary> {
        self.flush()?;
        Ok(self.summary)
    }

    fn skip(&mut self, a: &Article, reason: SkipReason, message: String) {
        self.summary.count(reason);
        self.skips.push(Skip {
            location: format!("{}:{}", a.file, a.line),
            id: a.id.clone(),
            reason,
            message,
        });
    }

    /// Codes and writes everything queued: when it returns, every pushed
    /// article is stored or counted as skipped.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn flush(&mut self) -> Result<()> {
        self.advance()?;
        let last = std::mem::take(&mut self.unwritten);
        self.unwritten_keys.clear();
        write_batch(self.store, &last, &mut self.summary)
    }

    /// Codes the pending articles (in parallel) while the previously coded
    /// batch is written on this thread; the new batch becomes unwritten.
    fn advance(&mut self) -> Result<()> {
        let batch = std::mem::take(&mut self.pending);
        // Skip what is already stored (or about to be) before paying for coding.
        let mut keys = HashSet::new();
        let mut todo = Vec::with_capacity(batch.len());
        for a in batch {
            let hash = content_hash(&a.text);
            let id_key = format!("id:{}", a.id);
            if self.unwritten_keys.contains(&id_key)
                || !keys.insert(id_key)
                || self.store.has("id", &a.id)?
            {
                let m = format!("article id {} is already stored", a.id);
                self.skip(&a, SkipReason::DuplicateId, m);
                continue;
            }
            let hash_key = format!("hash:{hash}");
            if self.unwritten_keys.contains(&hash_key)
                || !keys.insert(hash_key)
                || self.store.has("hash", &hash)?
            {
                let m = format!("article {}: the same text is already stored", a.id);
                self.skip(&a, SkipReason::DuplicateContent, m);
                continue;
            }
            todo.push((a, hash));
        }
        let prev = std::mem::take(&mut self.unwritten);
        let coder = &self.coder;
        let store = &mut *self.store;
        let summary = &mut self.summary;
        let mut coded: Vec<CodedArticle> = Vec::new();
        let mut written = Ok(());
        self.pool.in_place_scope(|scope| {
            let out = &mut coded;
            scope.spawn(move |_| {
                *out = todo
                    .into_par_iter()
                    .map(|(a, hash)| {
                        let c = coder.code(&a);
                        let sig = Signature::of(&a.text);
                        (a, hash, sig, c)
                    })
                    .collect();
            });
            written = write_batch(store, &prev, summary);
        });
        written?;
        let mut ready = Vec::with_capacity(coded.len());
        for (article, hash, sig, c) in coded {
            match c {
                Ok(coded) => ready.push(Ready { article, hash, sig, coded }),
                Err(m) => {
                    let m = format!("article {}: coding failed: {m}", article.id);
                    self.skip(&article, SkipReason::CodingError, m);
                }
            }
        }
        self.unwritten_keys = keys;
        self.unwritten = ready;
        Ok(())
    }
}

/// Writes coded articles in one transaction.
fn write_batch(store: &mut Store, ready: &[Ready], summary: &mut Summary) -> Result<()> {
    if ready.is_empty() {
        return Ok(());
    }
    let db = store.db.clone();
    let agg = store.agg.clone();
    let tx = store.conn.transaction().ctx(&db, "begin batch")?;
    let mut w = Writer { tx: &tx, db: &db, agg: &agg };
    for r in ready {
        w.article(r, summary)?;
    }
    tx.commit().ctx(&db, "commit batch")
}

impl Store {
    fn has(&self, col: &str, v: &str) -> Result<bool> {
        let sql = format!("SELECT 1 FROM articles WHERE {col} = ?1");
        let mut st = self.conn.prepare_cached(&sql).ctx(&self.db, "lookup article")?;
        st.exists([v]).ctx(&self.db, "lookup article")
    }
}

struct Writer<'t> {
    tx: &'t Transaction<'t>,
    db: &'t str,
    agg: &'t Aggregation,
}

impl Writer<'_> {
    fn article(&mut self, r: &Ready, sum: &mut Summary) -> Result<()> {
        let a = &r.article;
        let db = self.db;
        let date = a.date.map(|d| d.to_string());
        let n = self
            .tx
            .prepare_cached(
                "INSERT INTO articles (id, hash, date, url, source, title, file, line, num_events, minhash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT DO NOTHING",
            )
            .ctx(db, "prepare article")?
            .execute(params![
                a.id,
                r.hash,
                date,
                a.url,
                a.source,
                a.title,
                a.file,
                a.line as i64,
                r.coded.events.len() as i64,
                r.sig.as_ref().map(Signature::to_bytes),
            ])
            .ctx(db, "insert article")?;
        if n == 0 {
            // Another writer stored it since the check; nothing to add.
            sum.duplicate_id += 1;
            return Ok(());
        }
        let num = self.tx.last_insert_rowid();
        let group = match &r.sig {
            Some(sig) => self.wire_group(num, sig, a.date)?,
            None => None,
        };
        if group.is_some() {
            sum.wire_copies += 1;
        }
        let group = group.unwrap_or(num);
        self.tx
            .prepare_cached("UPDATE articles SET dup_group = ?1 WHERE num = ?2")
            .ctx(db, "prepare group")?
            .execute(params![group, num])
            .ctx(db, "set group")?;
        if let Some(sig) = &r.sig {
            let mut st = self
                .tx
                .prepare_cached("INSERT INTO article_bands (key, day, article) VALUES (?1, ?2, ?3)")
                .ctx(db, "prepare bands")?;
            let day = a.date.map(Date::days);
            for key in sig.bands() {
                st.execute(params![key, day, num]).ctx(db, "insert band")?;
            }
        }
        sum.stored += 1;
        let outlet = outlet(a);
        for e in &r.coded.events {
            if self.mention(e, a, num, group, &outlet)? {
                sum.new_events += 1;
            }
            sum.mentions += 1;
        }
        let mut st = self
            .tx
            .prepare_cached(
                "INSERT INTO quotes (article, doc, sentence, speaker_code, speaker_country, speaker_text, verb, quote, span_start, span_end)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )
            .ctx(db, "prepare quote")?;
        for q in &r.coded.quotes {
            let code = (!q.speaker.is_null()).then_some(q.speaker.code.as_str());
            st.execute(params![
                num,
                a.id,
                q.sentence,
                code,
                q.speaker.country,
                q.speaker.text,
                q.verb,
                q.quote,
                q.span.start,
                q.span.end
            ])
            .ctx(db, "insert quote")?;
            sum.quotes += 1;
        }
        Ok(())
    }

    /// The group of the most similar earlier article at or above the
    /// threshold, among LSH candidates published within the window.
    fn wire_group(&mut self, num: i64, sig: &Signature, date: Option<Date>) -> Result<Option<i64>> {
        let db = self.db;
        let mut cands: Vec<i64> = Vec::new();
        {
            // Dated articles look only at articles in the date window, undated
            // ones at the most recent articles; either way at most
            // MAX_CANDIDATES per band, so that a band shared by boilerplate
            // in thousands of articles does not make ingest quadratic.
            let (sql, range) = match date {
                Some(d) => (
                    "SELECT article FROM article_bands WHERE key = ?1 AND day BETWEEN ?2 AND ?3
                     ORDER BY article DESC LIMIT ?4",
                    Some((
                        d.days() - self.agg.dup_window_days,
                        d.days() + self.agg.dup_window_days,
                    )),
                ),
                None => (
                    "SELECT article FROM article_bands WHERE key = ?1 ORDER BY article DESC LIMIT ?4",
                    None,
                ),
            };
            let mut st = self.tx.prepare_cached(sql).ctx(db, "prepare candidates")?;
            let (lo, hi) = range.unwrap_or((0, 0));
            for key in sig.bands() {
                let rows = st
                    .query_map(params![key, lo, hi, MAX_CANDIDATES], |r| r.get::<_, i64>(0))
                    .ctx(db, "candidates")?;
                for row in rows {
                    cands.push(row.ctx(db, "candidate")?);
                }
            }
        }
        cands.sort_unstable();
        cands.dedup();
        let mut st = self
            .tx
            .prepare_cached("SELECT minhash, date, dup_group FROM articles WHERE num = ?1")
            .ctx(db, "prepare candidate")?;
        let mut best: Option<(f64, i64, i64)> = None;
        for c in cands {
            if c == num {
                continue;
            }
            let (blob, cdate, cgroup): (Option<Vec<u8>>, Option<String>, Option<i64>) = st
                .query_row([c], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .ctx(db, "candidate")?;
            let Some(other) = blob.as_deref().and_then(Signature::from_bytes) else { continue };
            if let (Some(d), Some(cd)) = (date, cdate.as_deref().and_then(Date::parse))
                && (d.days() - cd.days()).abs() > self.agg.dup_window_days
            {
                continue;
            }
            let s = sig.similarity(&other);
            if s >= self.agg.dup_threshold
                && best.is_none_or(|(bs, bc, _)| s > bs || (s == bs && c < bc))
            {
                best = Some((s, c, cgroup.unwrap_or(c)));
            }
        }
        Ok(best.map(|(_, _, g)| g))
    }

    /// Stores one report as a mention, merging it into an existing event
    /// when one matches; returns whether a new event was created.
    fn mention(
        &mut self,
        e: &Event,
        a: &Article,
        article: i64,
        group: i64,
        outlet: &str,
    ) -> Result<bool> {
        let db = self.db;
        let info = dyad_lexicon::event_info(&e.cameo);
        let family: String = e.cameo.chars().take(self.agg.family_digits).collect();
        let date = e.date.as_deref().and_then(Date::parse).or(a.date);
        let existing = match date {
            Some(d) => {
                let w = self.agg.window_days;
                let lo = d.add_days(-w).unwrap_or(d).to_string();
                let hi = d.add_days(w).unwrap_or(d).to_string();
                let mut st = self
                    .tx
                    .prepare_cached(
                        "SELECT num, date FROM events WHERE source_code = ?1 AND target_code = ?2
                         AND family = ?3 AND date BETWEEN ?4 AND ?5",
                    )
                    .ctx(db, "prepare event lookup")?;
                let rows = st
                    .query_map(params![e.source.code, e.target.code, family, lo, hi], |r| {
                        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
                    })
                    .ctx(db, "event lookup")?;
                let mut best: Option<(i64, i64)> = None;
                for row in rows {
                    let (num, ed) = row.ctx(db, "event lookup")?;
                    let dist = Date::parse(&ed).map_or(i64::MAX, |x| (x.days() - d.days()).abs());
                    if best.is_none_or(|(bd, bn)| dist < bd || (dist == bd && num < bn)) {
                        best = Some((dist, num));
                    }
                }
                best.map(|(_, n)| n)
            }
            None => None,
        };
        let date_s = date.map(|d| d.to_string());
        let (event, new) = match existing {
            Some(n) => (n, false),
            None => {
                let anchor = date_s.clone().unwrap_or_else(|| {
                    format!("undated:{}:{}:{}", a.id, e.sentence, e.evidence.verb.start)
                });
                let id = stable_id(&[&e.source.code, &e.target.code, &family, &anchor]);
                self.tx
                    .prepare_cached(
                        "INSERT INTO events (id, date, source_code, source_country, target_code, target_country,
                         family, cameo, root, quad_class, goldstein, plover)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                    )
                    .ctx(db, "prepare event")?
                    .execute(params![
                        id,
                        date_s,
                        e.source.code,
                        e.source.country,
                        e.target.code,
                        e.target.country,
                        family,
                        e.cameo,
                        info.map(|i| i.root),
                        info.map(|i| i.quad_class.number()),
                        info.map(|i| (f64::from(i.goldstein) * 10.0).round() / 10.0),
                        info.and_then(|i| i.plover).map(|p| p.event),
                    ])
                    .ctx(db, "insert event")?;
                (self.tx.last_insert_rowid(), true)
            }
        };
        // A report counts unless another article of the same wire-copy group
        // already reported this event.
        let copied: bool = self
            .tx
            .prepare_cached(
                "SELECT 1 FROM mentions WHERE event = ?1 AND dup_group = ?2 AND article != ?3",
            )
            .ctx(db, "prepare counted")?
            .exists(params![event, group, article])
            .ctx(db, "counted")?;
        // What this report adds to the event's counts, read before it is
        // inserted: a counted mention, a new article, a new outlet. Counting
        // incrementally keeps ingest linear when one event has thousands of
        // reports.
        let (new_article, new_outlet) = if copied {
            (false, false)
        } else {
            let seen_article = self
                .tx
                .prepare_cached(
                    "SELECT 1 FROM mentions WHERE article = ?2 AND event = ?1 AND counted",
                )
                .ctx(db, "prepare article seen")?
                .exists(params![event, article])
                .ctx(db, "article seen")?;
            let seen_outlet = self
                .tx
                .prepare_cached(
                    "SELECT 1 FROM mentions WHERE event = ?1 AND outlet = ?2 AND counted",
                )
                .ctx(db, "prepare outlet seen")?
                .exists(params![event, outlet])
                .ctx(db, "outlet seen")?;
            (!seen_article, !seen_outlet)
        };
        let ev = &e.evidence;
        let explain = serde_json::to_string(&e.explain).unwrap_or_default();
        let issues = serde_json::to_string(&e.issues).unwrap_or_default();
        self.tx
            .prepare_cached(
                "INSERT INTO mentions (event, article, doc, sentence, outlet, cameo, date, negated,
                 source_text, target_text, evidence, verb_start, verb_end, source_start, source_end,
                 target_start, target_end, issues, explain, dup_group, counted,
                 place_name, place_country, place_lat, place_lon, place_rule)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21,
                 ?22, ?23, ?24, ?25, ?26)",
            )
            .ctx(db, "prepare mention")?
            .execute(params![
                event,
                article,
                a.id,
                e.sentence,
                outlet,
                e.cameo,
                e.date.as_deref().and_then(Date::parse).or(a.date).map(|d| d.to_string()),
                e.negated,
                e.source.text,
                e.target.text,
                ev.text,
                ev.verb.start,
                ev.verb.end,
                ev.source.map(|s| s.start),
                ev.source.map(|s| s.end),
                ev.target.map(|s| s.start),
                ev.target.map(|s| s.end),
                issues,
                explain,
                group,
                !copied,
                e.place.as_ref().map(|p| p.name.as_str()),
                e.place.as_ref().and_then(|p| p.country.as_deref()),
                e.place.as_ref().and_then(|p| p.lat),
                e.place.as_ref().and_then(|p| p.lon),
                e.place.as_ref().map(|p| p.rule.as_str()),
            ])
            .ctx(db, "insert mention")?;
        self.tx
            .prepare_cached(
                "UPDATE events SET
                   num_mentions = num_mentions + ?2,
                   num_articles = num_articles + ?3,
                   num_sources = num_sources + ?4
                 WHERE num = ?1",
            )
            .ctx(db, "prepare counts")?
            .execute(params![event, !copied, new_article, new_outlet])
            .ctx(db, "update counts")?;
        Ok(new)
    }
}

/// The outlet of an article: its `source`, else its URL's host, else
/// `"unknown"` (all articles without one count as one outlet).
fn outlet(a: &Article) -> String {
    if let Some(s) = a.source.as_deref().filter(|s| !s.trim().is_empty()) {
        return s.trim().to_owned();
    }
    if let Some(u) = a.url.as_deref() {
        let rest = u.split_once("://").map_or(u, |(_, r)| r);
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host = host.strip_prefix("www.").unwrap_or(host);
        if !host.is_empty() {
            return host.to_ascii_lowercase();
        }
    }
    "unknown".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(id: &str, source: Option<&str>, url: Option<&str>) -> Article {
        Article {
            id: id.into(),
            date: None,
            url: url.map(Into::into),
            source: source.map(Into::into),
            title: None,
            text: "x".into(),
            file: "f".into(),
            line: 1,
        }
    }

    #[test]
    fn outlets() {
        assert_eq!(outlet(&art("a", Some(" AFP "), None)), "AFP");
        assert_eq!(outlet(&art("a", None, Some("https://www.Example.org/x/y?z"))), "example.org");
        assert_eq!(outlet(&art("a", None, None)), "unknown");
    }

    #[test]
    fn refuses_newer_schema_and_foreign_databases() {
        let dir = std::env::temp_dir().join(format!("dyad-store-unit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("newer.sqlite");
        let _ = std::fs::remove_file(&p);
        {
            let c = Connection::open(&p).unwrap();
            c.pragma_update(None, "user_version", 99).unwrap();
        }
        let e = Store::open(&p, Aggregation::default()).unwrap_err().to_string();
        assert!(e.contains("newer"), "{e}");
        let q = dir.join("foreign.sqlite");
        let _ = std::fs::remove_file(&q);
        {
            let c = Connection::open(&q).unwrap();
            c.execute_batch("CREATE TABLE t (x)").unwrap();
        }
        let e = Store::open(&q, Aggregation::default()).unwrap_err().to_string();
        assert!(e.contains("not a dyad store"), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
