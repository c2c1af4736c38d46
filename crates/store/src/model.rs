//! What the store takes in besides articles: quotations, the coder
//! interface, the aggregation settings and the ingest summary.

use dyad_ingest::article::Article;
use dyad_types::event::Event;
pub use dyad_types::event::Quote;

/// What coding one article produced.
#[derive(Clone, Debug, Default)]
pub struct Coded {
    /// Events, in text order.
    pub events: Vec<Event>,
    /// Quotations, in text order.
    pub quotes: Vec<Quote>,
}

/// Turns an article into events and quotations. The store calls it from
/// several threads at once (rayon), hence `Sync`; an implementation keeps
/// per-thread scratch state itself (e.g. in a thread-local).
pub trait ArticleCoder: Sync {
    /// Codes one article.
    ///
    /// # Errors
    /// A message saying why the article could not be coded; the article is
    /// then skipped and counted.
    fn code(&self, article: &Article) -> Result<Coded, String>;
}

impl<F> ArticleCoder for F
where
    F: Fn(&Article) -> Result<Coded, String> + Sync,
{
    fn code(&self, article: &Article) -> Result<Coded, String> {
        self(article)
    }
}

/// How reports are merged into events and articles into wire-copy groups
/// (see `DUPLICATES.md`). A database keeps the settings it was created
/// with; later opens use the stored ones.
#[derive(Clone, Debug, PartialEq)]
pub struct Aggregation {
    /// Leading digits of the CAMEO code that make its family: 2 = root
    /// (the default), 3 or 4 for finer families.
    pub family_digits: usize,
    /// Reports merge when their dates are at most this many days apart
    /// (default 1: the same day, the day before or after).
    pub window_days: i64,
    /// Estimated Jaccard similarity (MinHash) above which an article is a
    /// wire copy of an earlier one.
    pub dup_threshold: f64,
    /// A wire copy must be published within this many days of the article
    /// it copies.
    pub dup_window_days: i64,
}

impl Default for Aggregation {
    fn default() -> Aggregation {
        Aggregation { family_digits: 2, window_days: 1, dup_threshold: 0.4, dup_window_days: 7 }
    }
}

/// Why an article was not stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SkipReason {
    /// An article with this id is already stored.
    DuplicateId,
    /// An article with exactly this text is already stored.
    DuplicateContent,
    /// The coder failed on it.
    CodingError,
    /// The input was malformed (reported by the reader).
    BadInput,
}

/// Counts for the end-of-run summary.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Articles read (stored or skipped).
    pub read: u64,
    /// Articles stored.
    pub stored: u64,
    /// Stored articles found to be wire copies of an earlier article.
    pub wire_copies: u64,
    /// Skipped: id already stored.
    pub duplicate_id: u64,
    /// Skipped: same text already stored.
    pub duplicate_content: u64,
    /// Skipped: the coder failed.
    pub coding_errors: u64,
    /// Skipped: malformed input.
    pub bad_input: u64,
    /// Events coded (reports), each stored as a mention.
    pub mentions: u64,
    /// Of those, reports that started a new aggregated event.
    pub new_events: u64,
    /// Quotations stored.
    pub quotes: u64,
}

impl Summary {
    /// All skipped articles.
    pub fn skipped(&self) -> u64 {
        self.duplicate_id + self.duplicate_content + self.coding_errors + self.bad_input
    }

    pub(crate) fn count(&mut self, r: SkipReason) {
        match r {
            SkipReason::DuplicateId => self.duplicate_id += 1,
            SkipReason::DuplicateContent => self.duplicate_content += 1,
            SkipReason::CodingError => self.coding_errors += 1,
            SkipReason::BadInput => self.bad_input += 1,
        }
    }
}
