//! The schema and its migrations. The version lives in the database
//! (`PRAGMA user_version`); each migration runs in one transaction that
//! also sets the new version, so a crash leaves the old or the new schema,
//! never a mix.

/// Migrations in order: `MIGRATIONS[i]` takes version `i` to `i + 1`.
pub(crate) const MIGRATIONS: &[&str] = &[V1, V2, V3, V4];

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Version 1: articles, aggregated events and their mentions.
const V1: &str = "
CREATE TABLE articles (
    num INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    hash TEXT NOT NULL UNIQUE,
    date TEXT,
    url TEXT,
    source TEXT,
    title TEXT,
    file TEXT,
    line INTEGER,
    num_events INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE events (
    num INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    date TEXT,
    source_code TEXT NOT NULL,
    source_country TEXT,
    target_code TEXT NOT NULL,
    target_country TEXT,
    family TEXT NOT NULL,
    cameo TEXT NOT NULL,
    root TEXT,
    quad_class INTEGER,
    goldstein REAL,
    plover TEXT,
    num_mentions INTEGER NOT NULL DEFAULT 0,
    num_sources INTEGER NOT NULL DEFAULT 0,
    num_articles INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX events_key ON events (source_code, target_code, family, date);
CREATE INDEX events_source_country ON events (source_country, target_country, date);
CREATE TABLE mentions (
    num INTEGER PRIMARY KEY,
    event INTEGER NOT NULL REFERENCES events (num),
    article INTEGER NOT NULL REFERENCES articles (num),
    doc TEXT NOT NULL,
    sentence INTEGER NOT NULL,
    outlet TEXT,
    cameo TEXT NOT NULL,
    date TEXT,
    negated INTEGER NOT NULL DEFAULT 0,
    source_text TEXT,
    target_text TEXT,
    evidence TEXT,
    verb_start INTEGER,
    verb_end INTEGER,
    source_start INTEGER,
    source_end INTEGER,
    target_start INTEGER,
    target_end INTEGER,
    issues TEXT,
    explain TEXT
);
CREATE INDEX mentions_event ON mentions (event);
CREATE INDEX mentions_article ON mentions (article);
";

/// Version 2: near-duplicate article groups (MinHash signatures and LSH
/// band keys), per-mention `counted` flag, quotations, and the aggregation
/// settings the database was created with.
const V2: &str = "
ALTER TABLE articles ADD COLUMN dup_group INTEGER;
UPDATE articles SET dup_group = num;
ALTER TABLE articles ADD COLUMN minhash BLOB;
CREATE TABLE article_bands (
    key INTEGER NOT NULL,
    day INTEGER,
    article INTEGER NOT NULL REFERENCES articles (num)
);
CREATE INDEX article_bands_key ON article_bands (key, day);
ALTER TABLE mentions ADD COLUMN dup_group INTEGER;
UPDATE mentions SET dup_group = article;
ALTER TABLE mentions ADD COLUMN counted INTEGER NOT NULL DEFAULT 1;
CREATE INDEX mentions_event_group ON mentions (event, dup_group);
CREATE TABLE quotes (
    num INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles (num),
    doc TEXT NOT NULL,
    sentence INTEGER,
    speaker_code TEXT,
    speaker_country TEXT,
    speaker_text TEXT,
    verb TEXT,
    quote TEXT NOT NULL,
    span_start INTEGER,
    span_end INTEGER
);
CREATE INDEX quotes_article ON quotes (article);
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
";

/// Version 3: each mention's place (issue 7: the coder's `place`), as
/// the gazetteer name, country code, coordinates and the rule that chose it
/// (`obl`, `sentence`, `dateline`). Mentions stored before have none.
const V3: &str = "
ALTER TABLE mentions ADD COLUMN place_name TEXT;
ALTER TABLE mentions ADD COLUMN place_country TEXT;
ALTER TABLE mentions ADD COLUMN place_lat REAL;
ALTER TABLE mentions ADD COLUMN place_lon REAL;
ALTER TABLE mentions ADD COLUMN place_rule TEXT;
";

/// Version 4: an index for counting an event's outlets incrementally (ingest
/// no longer recounts all of an event's mentions for each new one), and
/// wire-copy candidates read newest first straight from a (key, article)
/// index, so that a band shared by many articles of one day is not sorted
/// whole for each new article.
const V4: &str = "
CREATE INDEX mentions_event_outlet ON mentions (event, outlet);
DROP INDEX article_bands_key;
CREATE INDEX article_bands_key_article ON article_bands (key, article);
";
