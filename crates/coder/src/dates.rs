//! Event dates: temporal expressions in a sentence resolved against the
//! article's publication date, with a `date_source` saying how.
//!
//! The resolver lower-cases the sentence's tokens once into a reused buffer and
//! scans them with hand-written matchers (no regex, no allocation per token in
//! the steady state; one `String` per result for `date_source`).
//!
//! # Conventions
//! Each is a choice where news style is ambiguous; tests pin every one.
//! - No expression: the publication date, source `publication`, day. The
//!   coder passes the date of the article's dateline ("BAKU, March 31 -",
//!   see [`dateline_date`]) as the publication date when there is one, and
//!   writes the source `dateline`: it is when the story was written, and a
//!   document date may be a crawl date days later.
//! - `yesterday` = publication - 1; `today`, `tonight`, `this morning` (and
//!   `this afternoon`/`this evening`) = publication; `tomorrow` = publication + 1;
//!   `the day before yesterday` = publication - 2.
//! - `last night` and `overnight` = publication - 1: the night that ended
//!   before a morning publication started the evening before (wire style).
//! - A weekday (`on Friday`, `Friday`) in a past or unmarked clause = the most
//!   recent such day not after publication, so `on Friday` in an article of a
//!   Friday is that same day (AP style names the day instead of "today").
//!   `last Friday` = the most recent Friday strictly before publication (a
//!   week earlier when published on a Friday). In a future clause (`will`,
//!   `shall`, `'ll`, `won't`, `going to` before the expression, see below) a weekday is the
//!   next such day on or after publication; `next Friday` = strictly after.
//! - `this week`, `earlier this week` = Monday of the publication's ISO week;
//!   `last week` = Monday of the previous week; `next week` = Monday of the
//!   next; granularity week. `weekend` (`at the weekend`) = the most recent
//!   Saturday not after publication (the next one in a future clause).
//! - `this month`, `earlier this month`, `last month`, `next month`, `N months
//!   ago` = the first day of that month, granularity month; `this year`,
//!   `last year`, `N years ago` = 1 January, granularity year.
//! - `N days ago` = publication - N; `N weeks ago` = publication - 7N, granularity
//!   week. N is digits, `a`/`an`, or `one`..`twelve`.
//! - Absolute dates: `March 3`, `March 3rd`, `Mar. 3`, `3 March`, `3rd of March`,
//!   with an optional year (`March 3, 2024`, `3 March 2024`), and ISO
//!   `2024-03-03`; source `absolute:<expression>`, day. Without a year the
//!   publication year is taken, or the year before when that date would be more
//!   than [`FUTURE_SLACK_DAYS`] after publication (the year after when a
//!   future clause names a date more than that before publication).
//! - A day that does not exist in the year chosen (`February 29` in 2025) is
//!   not a date: the scan goes on, and the publication date is the fallback.
//! - A month with `of` and a year (`February of 1966`, `December of '73`; a
//!   two-digit year is put in the century that makes it not after publication).
//! - Month alone after `in`/`since`/`during`/`until`/`by`/`early`/`late`/`mid`/
//!   `last`/`this`/`next` (`in March`), or with a year (`March 2023`): the first
//!   of the month, granularity month; a month without year is the latest such
//!   month not after the publication month (past) or the next one not before it
//!   (future).
//! - A year (1800-2100) after `in`/`since`/`during`/`until`/`by`/`from`/`before`/
//!   `after`/`early`/`late`/`mid` (`in 2020`, `since 1991`): 1 January of that year,
//!   source `year:2020`, granularity year. A bare number is not read as a year.
//! - Month names must be capitalised (`may`, `march` are also verbs); weekday
//!   names may be in any case.
//!
//! # Which expression
//! With a parsed sentence, expressions inside the subtrees of the event verb's
//! temporal dependents (`obl`, `obl:tmod`, `obl:unmarked`, `obl:npmod`,
//! `nmod:tmod`, `nmod:unmarked`, `advmod`) win; with a token range for the
//! verb clause, expressions inside the range win. Otherwise the whole sentence
//! is scanned and the finest-grained expression (day < week < month < year) is
//! taken, the first one on a tie: a sentence that names both `since 1991` and
//! `on Friday` is more likely reporting Friday's event.
//!
//! # Future clauses
//! With a parsed sentence: the verb has an `aux` dependent `will`, `shall`,
//! `'ll` or `wo`. Otherwise the tokens before the expression are read
//! backwards to the start of the scanned range: a future auxiliary met before a
//! past reporting word (`said`, `told`, `was`, ...) makes the clause future.

use std::fmt;
use std::ops::Range;

use dyad_types::{Date, Deprel, Sentence};

/// How far (days) an absolute date without a year may lie after publication
/// before it is read as last year's (reports of scheduled events, time zones).
pub const FUTURE_SLACK_DAYS: i64 = 7;

/// How precise an event date is: the date is the first day of the period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Granularity {
    /// A single day.
    Day,
    /// A week starting on the Monday given.
    Week,
    /// A month starting on the first given.
    Month,
    /// A year starting on 1 January.
    Year,
}

impl Granularity {
    /// The lower-case name (`day`, `week`, `month`, `year`).
    pub fn as_str(self) -> &'static str {
        match self {
            Granularity::Day => "day",
            Granularity::Week => "week",
            Granularity::Month => "month",
            Granularity::Year => "year",
        }
    }
}

impl fmt::Display for Granularity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The resolved date of an event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventDate {
    /// The date (the first day of the period for coarser granularities).
    pub date: Date,
    /// How it was found: `publication`, `relative:<expr>`, `absolute:<expr>`
    /// or `year:<yyyy>`, `<expr>` being the expression as written (without
    /// its preposition).
    pub source: String,
    /// How precise [`EventDate::date`] is.
    pub granularity: Granularity,
}

impl EventDate {
    /// The publication date itself, as used when a sentence has no expression.
    pub fn publication(date: Date) -> EventDate {
        EventDate { date, source: "publication".to_string(), granularity: Granularity::Day }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Relative,
    Absolute,
    Year,
}

#[derive(Clone, Copy, Debug)]
struct Found {
    date: Date,
    gran: Granularity,
    kind: Kind,
    /// Token range of the expression as reported in the source.
    start: usize,
    end: usize,
}

#[derive(Clone, Copy, Debug, Default)]
struct Tok {
    low: (u32, u32),
    orig: (u32, u32),
    cap: bool,
}

/// A reusable date resolver: keeps its token buffers between sentences.
///
/// ```
/// use dyad_coder::{DateResolver, Granularity};
/// use dyad_types::Date;
/// let mut r = DateResolver::new();
/// let publication = Date::parse("2026-11-27").unwrap(); // a Friday
/// let d = r.resolve_text(publication, "Baku said on Wednesday that talks will resume.");
/// assert_eq!(d.date.to_string(), "2026-11-25");
/// assert_eq!(d.source, "relative:Wednesday");
/// assert_eq!(d.granularity, Granularity::Day);
/// ```
#[derive(Clone, Debug, Default)]
pub struct DateResolver {
    low: String,
    orig: String,
    toks: Vec<Tok>,
}

impl DateResolver {
    /// A resolver with empty buffers.
    pub fn new() -> DateResolver {
        DateResolver::default()
    }

    /// Resolves the event date of a tokenised sentence. `verb` is the token
    /// range of the event's verb clause, whose expressions win over others.
    pub fn resolve_tokens(
        &mut self,
        publication: Date,
        tokens: &[&str],
        verb: Option<Range<usize>>,
    ) -> EventDate {
        self.clear();
        for t in tokens {
            self.push(t);
        }
        let n = self.toks.len();
        if let Some(r) = verb {
            let r = r.start.min(n)..r.end.min(n);
            if let Some(f) = self.scan(publication, r.clone(), None, false) {
                return self.event(f);
            }
        }
        match self.scan(publication, 0..n, None, true) {
            Some(f) => self.event(f),
            None => EventDate::publication(publication),
        }
    }

    /// Resolves the event date of a sentence given as text (split on
    /// whitespace, with leading and trailing punctuation and a final `'s`
    /// split off).
    pub fn resolve_text(&mut self, publication: Date, text: &str) -> EventDate {
        self.clear();
        for chunk in text.split_whitespace() {
            let lead = chunk.len() - chunk.trim_start_matches(is_punct).len();
            let body = &chunk[lead..];
            let trimmed = body.trim_end_matches(is_punct);
            let tail = &body[trimmed.len()..];
            for p in chunk[..lead].char_indices() {
                self.push(&chunk[p.0..p.0 + p.1.len_utf8()]);
            }
            if !trimmed.is_empty() {
                let possessive = trimmed.len() > 2
                    && (trimmed.ends_with("'s") || trimmed.ends_with("\u{2019}s"));
                if possessive {
                    let cut = trimmed.rfind(['\'', '\u{2019}']).unwrap_or(trimmed.len());
                    self.push(&trimmed[..cut]);
                    self.push(&trimmed[cut..]);
                } else {
                    self.push(trimmed);
                }
            }
            for p in tail.char_indices() {
                self.push(&tail[p.0..p.0 + p.1.len_utf8()]);
            }
        }
        match self.scan(publication, 0..self.toks.len(), None, true) {
            Some(f) => self.event(f),
            None => EventDate::publication(publication),
        }
    }

    /// Resolves the event date of a parsed sentence whose event verb is word
    /// `verb` (0-based). Expressions in the verb's temporal dependents win;
    /// then the whole sentence is scanned. An out-of-range `verb` scans the
    /// whole sentence.
    pub fn resolve_parsed(&mut self, publication: Date, s: &Sentence, verb: usize) -> EventDate {
        self.clear();
        for i in 0..s.len() {
            self.push(s.form(i));
        }
        let n = s.len();
        if verb < n {
            let future = s
                .dependents(verb as u32 + 1)
                .any(|j| s.words[j].deprel.base() == "aux" && is_future_aux(self.low(j)));
            let mut best: Option<Found> = None;
            for j in s.dependents(verb as u32 + 1) {
                if !is_temporal_rel(s.words[j].deprel) {
                    continue;
                }
                let r = subtree_range(s, j);
                if let Some(f) = self.scan(publication, r, Some(future), false)
                    && best.is_none_or(|b| f.gran < b.gran)
                {
                    best = Some(f);
                }
            }
            if let Some(f) = best {
                return self.event(f);
            }
        }
        match self.scan(publication, 0..n, None, true) {
            Some(f) => self.event(f),
            None => EventDate::publication(publication),
        }
    }

    fn clear(&mut self) {
        self.low.clear();
        self.orig.clear();
        self.toks.clear();
    }

    fn push(&mut self, t: &str) {
        let ls = self.low.len() as u32;
        for c in t.chars() {
            // Typographic apostrophes read as ASCII ones ("’ll", "’s").
            let c = if c == '\u{2019}' { '\'' } else { c };
            self.low.extend(c.to_lowercase());
        }
        let os = self.orig.len() as u32;
        self.orig.push_str(t);
        let cap = t.chars().next().is_some_and(char::is_uppercase);
        self.toks.push(Tok {
            low: (ls, self.low.len() as u32),
            orig: (os, self.orig.len() as u32),
            cap,
        });
    }

    /// Lower-cased token `i`; empty past the end.
    fn low(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| &self.low[t.low.0 as usize..t.low.1 as usize])
    }

    fn orig(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| &self.orig[t.orig.0 as usize..t.orig.1 as usize])
    }

    fn cap(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.cap)
    }

    fn event(&self, f: Found) -> EventDate {
        let mut source = String::from(match f.kind {
            Kind::Relative => "relative:",
            Kind::Absolute => "absolute:",
            Kind::Year => "year:",
        });
        for i in f.start..f.end {
            let t = self.orig(i);
            let attach = i > f.start && matches!(self.low(i), "," | "." | "'s");
            if i > f.start && !attach {
                source.push(' ');
            }
            source.push_str(t);
        }
        EventDate { date: f.date, source, granularity: f.gran }
    }

    /// Scans tokens `r` for expressions. With `finest`, the finest-grained one
    /// wins (first on ties); otherwise the first. `future` overrides the
    /// clause-tense heuristic.
    fn scan(&self, p: Date, r: Range<usize>, future: Option<bool>, finest: bool) -> Option<Found> {
        let mut best: Option<Found> = None;
        let mut i = r.start;
        while i < r.end {
            let fut = future.unwrap_or_else(|| self.future_before(r.start, i));
            if let Some(f) = self.match_at(p, i, r.end, fut) {
                if !finest {
                    return Some(f);
                }
                if best.is_none_or(|b| f.gran < b.gran) {
                    best = Some(f);
                }
                i = f.end.max(i + 1);
            } else {
                i += 1;
            }
        }
        best
    }

    /// Reads backwards from `i` to `start`: a future auxiliary before a past
    /// reporting word makes the expression at `i` future.
    fn future_before(&self, start: usize, i: usize) -> bool {
        for j in (start..i).rev() {
            let w = self.low(j);
            if is_future_aux(w) {
                return true;
            }
            if matches!(
                w,
                "said"
                    | "says"
                    | "told"
                    | "announced"
                    | "reported"
                    | "added"
                    | "stated"
                    | "claimed"
                    | "confirmed"
                    | "was"
                    | "were"
                    | "had"
                    | "did"
                    | "met"
                    | "ago"
            ) {
                return false;
            }
        }
        false
    }

    /// An expression starting at token `i` (ending before `end`).
    fn match_at(&self, p: Date, i: usize, end: usize, future: bool) -> Option<Found> {
        let w = |k: usize| if i + k < end { self.low(i + k) } else { "" };
        let pd = p.days();
        let rel = |date: Date, gran: Granularity, len: usize| Found {
            date,
            gran,
            kind: Kind::Relative,
            start: i,
            end: i + len,
        };
        let day = |n: i64| from_days(pd + n);
        match w(0) {
            "yesterday" => return Some(rel(day(-1), Granularity::Day, 1)),
            "today" | "tonight" => return Some(rel(p, Granularity::Day, 1)),
            "tomorrow" => return Some(rel(day(1), Granularity::Day, 1)),
            "overnight" => return Some(rel(day(-1), Granularity::Day, 1)),
            "day" if w(1) == "before" && w(2) == "yesterday" => {
                return Some(rel(day(-2), Granularity::Day, 3));
            }
            "weekend" => {
                let d =
                    if future { weekday_on_or_after(pd, 5) } else { weekday_on_or_before(pd, 5) };
                return Some(rel(from_days(d), Granularity::Day, 1));
            }
            _ => {}
        }
        if let Some(f) = self.match_iso(i, end) {
            return Some(f);
        }
        // "earlier this week": report the whole phrase, resolve "this week".
        let (lead, j) = if w(0) == "earlier" && w(1) == "this" { (1, 1) } else { (0, 0) };
        let q = w(j);
        if matches!(q, "last" | "this" | "next" | "past") {
            let unit = w(j + 1);
            let len = lead + 2;
            let shift: i64 = match q {
                "last" | "past" => -1,
                "next" => 1,
                _ => 0,
            };
            match unit {
                "night" if q == "last" => return Some(rel(day(-1), Granularity::Day, len)),
                "morning" | "afternoon" | "evening" if q == "this" => {
                    return Some(rel(p, Granularity::Day, len));
                }
                "week" => {
                    let monday = pd - weekday(pd) + 7 * shift;
                    return Some(rel(from_days(monday), Granularity::Week, len));
                }
                "month" => {
                    let (y, m, _) = p.ymd();
                    let (y, m) = add_months(y, m, shift);
                    return Some(rel(month_start(y, m), Granularity::Month, len));
                }
                "year" => {
                    let (y, _, _) = p.ymd();
                    return Some(rel(month_start(y as i64 + shift, 1), Granularity::Year, len));
                }
                "weekend" => {
                    let sat = match shift {
                        -1 => weekday_on_or_before(pd - 1, 5),
                        1 => weekday_on_or_before(pd, 5) + 7,
                        _ if future => weekday_on_or_after(pd, 5),
                        _ => weekday_on_or_before(pd, 5),
                    };
                    return Some(rel(from_days(sat), Granularity::Day, len));
                }
                _ => {}
            }
            if let Some(wd) = weekday_index(unit) {
                let d = match shift {
                    -1 => weekday_on_or_before(pd - 1, wd),
                    1 => weekday_on_or_after(pd + 1, wd),
                    _ if future => weekday_on_or_after(pd, wd),
                    _ => weekday_on_or_before(pd, wd),
                };
                return Some(rel(from_days(d), Granularity::Day, len));
            }
            if lead == 0
                && q != "past"
                && self.cap(i + 1)
                && let Some(m) = month_index(unit)
            {
                // "last March": the latest March before the publication month.
                let (py, pm, _) = p.ymd();
                let y = match shift {
                    -1 if m >= pm => py as i64 - 1,
                    1 if m <= pm => py as i64 + 1,
                    _ => py as i64,
                };
                return Some(Found {
                    date: month_start(y, m),
                    gran: Granularity::Month,
                    kind: Kind::Absolute,
                    start: i,
                    end: i + 2,
                });
            }
        }
        if let Some(wd) = weekday_index(w(0)) {
            // "Friday, March 3": the date that follows is more precise.
            let k = if w(1) == "," { 2 } else { 1 };
            if i + k < end && self.match_absolute(p, i + k, end, future).is_some() {
                return None;
            }
            let d = if future { weekday_on_or_after(pd, wd) } else { weekday_on_or_before(pd, wd) };
            return Some(rel(from_days(d), Granularity::Day, 1));
        }
        if let Some(f) = self.match_ago(p, i, end) {
            return Some(f);
        }
        if let Some(f) = self.match_absolute(p, i, end, future) {
            return Some(f);
        }
        self.match_year(i, end)
    }

    fn match_iso(&self, i: usize, end: usize) -> Option<Found> {
        if i >= end {
            return None;
        }
        let t = self.low(i).as_bytes();
        if t.len() != 10 || t[4] != b'-' || t[7] != b'-' {
            return None;
        }
        let date = Date::parse(self.low(i))?;
        Some(Found { date, gran: Granularity::Day, kind: Kind::Absolute, start: i, end: i + 1 })
    }

    /// `N days ago`, `a week ago`, `two months ago`, `three years ago`.
    fn match_ago(&self, p: Date, i: usize, end: usize) -> Option<Found> {
        if i + 2 >= end || self.low(i + 2) != "ago" {
            return None;
        }
        let n = count(self.low(i))? as i64;
        let pd = p.days();
        let (py, pm, _) = p.ymd();
        let (date, gran) = match self.low(i + 1) {
            "day" | "days" => (from_days(pd - n), Granularity::Day),
            "week" | "weeks" => (from_days(pd - 7 * n), Granularity::Week),
            "month" | "months" => {
                let (y, m) = add_months(py, pm, -n);
                (month_start(y, m), Granularity::Month)
            }
            "year" | "years" => (month_start(py as i64 - n, 1), Granularity::Year),
            _ => return None,
        };
        Some(Found { date, gran, kind: Kind::Relative, start: i, end: i + 3 })
    }

    /// `March 3[, 2024]`, `3 March [2024]`, `3rd of March`, `March 2023`,
    /// `in March` (month alone after a temporal preposition).
    fn match_absolute(&self, p: Date, i: usize, end: usize, future: bool) -> Option<Found> {
        let at = |k: usize| if k < end { self.low(k) } else { "" };
        let month_at = |k: usize| -> Option<u32> {
            if k < end && self.cap(k) { month_index(self.low(k)) } else { None }
        };
        // Skips a "." after an abbreviated month given as its own token
        // ("Sept. 9"), not a full stop that ends the sentence.
        let after_month = |k: usize| {
            let more = day_of_month(at(k + 2)).is_some() || year_of(at(k + 2)).is_some();
            if at(k + 1) == "." && more { k + 2 } else { k + 1 }
        };
        let (month, dom, next) = if let Some(m) = month_at(i) {
            let k = after_month(i);
            match day_of_month(at(k)) {
                Some(d) => (m, Some(d), k + 1),
                None => (m, None, k),
            }
        } else if let Some(d) = day_of_month(at(i)) {
            let k = if at(i + 1) == "of" { i + 2 } else { i + 1 };
            let m = month_at(k)?;
            (m, Some(d), after_month(k))
        } else {
            return None;
        };
        let (py, pm, _) = p.ymd();
        // An optional year, after an optional comma (`March 3, 2024`) or, for
        // a month alone, `of` (`February of 1966`, `December of '73`).
        let year_at =
            |k: usize| year_of(at(k)).or_else(|| short_year(at(k), py)).map(|y| (y, k + 1));
        let year = year_at(next).or_else(|| match at(next) {
            "," => year_at(next + 1),
            "of" if dom.is_none() => year_at(next + 1),
            _ => None,
        });
        let (date, stop) = match (dom, year) {
            (Some(d), Some((y, stop))) => (Date::new(y, month, d)?, stop),
            (Some(d), None) => {
                let mut y = py as i64;
                let mut date = ymd_checked(y, month, d)?;
                if !future && date.days() - p.days() > FUTURE_SLACK_DAYS {
                    y -= 1;
                    date = ymd_checked(y, month, d)?;
                } else if future && p.days() - date.days() > FUTURE_SLACK_DAYS {
                    y += 1;
                    date = ymd_checked(y, month, d)?;
                }
                (date, next)
            }
            (None, Some((y, stop))) => {
                let date = Date::new(y, month, 1)?;
                return Some(Found {
                    date,
                    gran: Granularity::Month,
                    kind: Kind::Absolute,
                    start: i,
                    end: stop,
                });
            }
            (None, None) => {
                let prev = if i > 0 { self.low(i - 1) } else { "" };
                if !matches!(
                    prev,
                    "in" | "since"
                        | "during"
                        | "until"
                        | "by"
                        | "early"
                        | "late"
                        | "mid"
                        | "mid-"
                        | "of"
                        | "from"
                        | "before"
                        | "after"
                ) {
                    return None;
                }
                let y = match (future, month > pm, month < pm) {
                    (false, true, _) => py as i64 - 1,
                    (true, _, true) => py as i64 + 1,
                    _ => py as i64,
                };
                return Some(Found {
                    date: month_start(y, month),
                    gran: Granularity::Month,
                    kind: Kind::Absolute,
                    start: i,
                    end: next,
                });
            }
        };
        Some(Found { date, gran: Granularity::Day, kind: Kind::Absolute, start: i, end: stop })
    }

    /// `in 2020`, `since 1991`: a year after a temporal preposition.
    fn match_year(&self, i: usize, end: usize) -> Option<Found> {
        if i == 0 || i >= end {
            return None;
        }
        let y = year_of(self.low(i))?;
        let prev = self.low(i - 1);
        if !matches!(
            prev,
            "in" | "since"
                | "during"
                | "until"
                | "by"
                | "from"
                | "before"
                | "after"
                | "early"
                | "late"
                | "mid"
                | "mid-"
        ) {
            return None;
        }
        Some(Found {
            date: Date::new(y, 1, 1)?,
            gran: Granularity::Year,
            kind: Kind::Year,
            start: i,
            end: i + 1,
        })
    }
}

fn is_punct(c: char) -> bool {
    matches!(
        c,
        ',' | '.' | ';' | ':' | '!' | '?' | '"' | '(' | ')' | '[' | ']' | '\u{201c}' | '\u{201d}'
    )
}

/// `will`, `shall`, `'ll`, `wo` (of `won't`), `going` (to), `gonna`, and
/// contracted forms in one token (`he'll`, `won't`) as plain-text splitting
/// leaves them.
fn is_future_aux(w: &str) -> bool {
    matches!(w, "will" | "shall" | "'ll" | "wo" | "won't" | "going" | "gonna") || w.ends_with("'ll")
}

fn is_temporal_rel(d: Deprel) -> bool {
    matches!(
        d.as_str(),
        "obl"
            | "obl:tmod"
            | "obl:unmarked"
            | "obl:npmod"
            | "nmod"
            | "nmod:tmod"
            | "nmod:unmarked"
            | "nmod:npmod"
            | "advmod"
    )
}

/// The token range covered by word `j`'s subtree (0-based, end exclusive).
fn subtree_range(s: &Sentence, j: usize) -> Range<usize> {
    let n = s.len();
    let (mut lo, mut hi) = (j, j);
    for k in 0..n {
        // Walk up at most n heads, so a cyclic (bad) parse cannot loop.
        let mut h = k;
        for _ in 0..n {
            if h == j {
                lo = lo.min(k);
                hi = hi.max(k);
                break;
            }
            let head = s.words[h].head;
            if head == 0 || head as usize > n {
                break;
            }
            h = head as usize - 1;
        }
    }
    lo..hi + 1
}

/// The date of a dateline ("BAKU, March 31 (Reuters) -", "WASHINGTON,
/// Jan. 5, 2024 -"): a month and day right after the place's all-caps words
/// and a comma, in a dateline sentence ([`crate::places::dateline_end`]).
/// With a year, that date. Without one, the year that puts it
/// nearest `near` (the document's date: a crawl date may be days after the
/// story was filed, and a dateline a day after a date in another time
/// zone), and nothing without `near`.
pub(crate) fn dateline_date(s: &Sentence, near: Option<Date>) -> Option<Date> {
    let i = crate::places::dateline_end(s)?;
    let n = s.len();
    if i + 2 >= n || s.form(i) != "," {
        return None;
    }
    let word = s.form(i + 1);
    if !word.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let month = month_index(&word.to_ascii_lowercase())?;
    let day = day_of_month(s.form(i + 2))?;
    let year = (i + 4 < n && s.form(i + 3) == ",").then(|| year_of(s.form(i + 4))).flatten();
    if let Some(y) = year {
        return ymd_checked(i64::from(y), month, day);
    }
    let near = near?;
    let (ny, _, _) = near.ymd();
    let target = near.days();
    (i64::from(ny) - 1..=i64::from(ny) + 1)
        .filter_map(|y| ymd_checked(y, month, day))
        .min_by_key(|d| (d.days() - target).abs())
}

/// Full weekday names only: "sun", "sat", "wed" are common words.
fn weekday_index(w: &str) -> Option<i64> {
    Some(match w {
        "monday" => 0,
        "tuesday" => 1,
        "wednesday" => 2,
        "thursday" => 3,
        "friday" => 4,
        "saturday" => 5,
        "sunday" => 6,
        _ => return None,
    })
}

fn month_index(w: &str) -> Option<u32> {
    let w = w.strip_suffix('.').unwrap_or(w);
    Some(match w {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// `3`, `03`, `3rd`, `21st`: a day of the month 1-31.
fn day_of_month(w: &str) -> Option<u32> {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") || digits.is_empty() || digits.len() > 2 {
        return None;
    }
    let d: u32 = digits.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

/// A four-digit year 1800-2100.
fn year_of(w: &str) -> Option<u32> {
    if w.len() != 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: u32 = w.parse().ok()?;
    (1800..=2100).contains(&y).then_some(y)
}

/// `'73`: a two-digit year with an apostrophe, in the century that puts it
/// not after the publication year `py`.
fn short_year(w: &str, py: u32) -> Option<u32> {
    let yy = w.strip_prefix('\'')?;
    if yy.len() != 2 || !yy.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let yy: u32 = yy.parse().ok()?;
    let century = py / 100 * 100;
    Some(if century + yy <= py { century + yy } else { (century + yy).saturating_sub(100) })
}

/// A small count: digits (1-999), `a`/`an`, `one`..`twelve`.
fn count(w: &str) -> Option<u32> {
    if !w.is_empty() && w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit()) {
        return w.parse().ok().filter(|n| *n > 0);
    }
    Some(match w {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        _ => return None,
    })
}

/// The date of a day number, saturating at [`Date::MIN`] and [`Date::MAX`]
/// (a publication date near either end cannot push a relative date out).
fn from_days(z: i64) -> Date {
    Date::from_days(z).unwrap_or(if z < 0 { Date::MIN } else { Date::MAX })
}

/// The first day of month `m` (1..=12) of year `y`, the year clamped to
/// 1..=9999.
fn month_start(y: i64, m: u32) -> Date {
    // In range after the clamp, and every month has a day 1.
    Date::new(y.clamp(1, 9999) as u32, m, 1).unwrap_or(Date::MIN)
}

/// A date from parts that may not exist (29 February in a common year).
fn ymd_checked(y: i64, m: u32, d: u32) -> Option<Date> {
    Date::new(u32::try_from(y).ok()?, m, d)
}

/// 0 = Monday .. 6 = Sunday; 1970-01-01 was a Thursday.
fn weekday(days: i64) -> i64 {
    (days + 3).rem_euclid(7)
}

fn weekday_on_or_before(days: i64, wd: i64) -> i64 {
    days - (weekday(days) - wd).rem_euclid(7)
}

fn weekday_on_or_after(days: i64, wd: i64) -> i64 {
    days + (wd - weekday(days)).rem_euclid(7)
}

fn add_months(y: u32, m: u32, delta: i64) -> (i64, u32) {
    let total = y as i64 * 12 + (m as i64 - 1) + delta;
    (total.div_euclid(12), (total.rem_euclid(12) + 1) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(d("1970-01-01").days(), 0);
        assert_eq!(d("2000-03-01").days() - d("2000-02-28").days(), 2, "2000 is leap");
        assert_eq!(d("1900-03-01").days() - d("1900-02-28").days(), 1, "1900 is not");
        for z in [-700_000_i64, -1, 0, 59, 10_956, 11_016, 20_000, 2_900_000] {
            assert_eq!(from_days(z).days(), z, "{z}");
        }
        // Every day of 1999-2001 round-trips and is valid.
        for z in d("1999-01-01").days()..d("2002-01-01").days() {
            let date = from_days(z);
            let (y, m, dd) = date.ymd();
            assert_eq!(Date::new(y, m, dd), Some(date));
            assert_eq!(date.days(), z);
        }
    }

    fn sentence(text: &str) -> Sentence {
        let mut s = Sentence::new();
        let mut at = 0usize;
        for w in text.split(' ') {
            let end = at + w.len();
            s.push(w, dyad_types::Span::new(at, end), true);
            at = end + 1;
        }
        s
    }

    #[test]
    fn dateline_dates() {
        let wire = sentence("BAKU , March 31 ( Reuters ) -");
        // A crawl date days later, or a day earlier (time zones): the
        // dateline's day in the year nearest to it.
        assert_eq!(dateline_date(&wire, Some(d("2026-04-05"))), Some(d("2026-03-31")));
        assert_eq!(dateline_date(&wire, Some(d("2026-03-30"))), Some(d("2026-03-31")));
        let dec = sentence("NEW YORK , Dec. 30 -");
        assert_eq!(dateline_date(&dec, Some(d("2027-01-02"))), Some(d("2026-12-30")));
        let jan = sentence("ST. PETERSBURG , January 2nd :");
        assert_eq!(dateline_date(&jan, Some(d("2026-12-30"))), Some(d("2027-01-02")));
        // A year needs no document date; without either there is no date.
        let year = sentence("WASHINGTON , Jan. 5 , 2024 - The Senate voted");
        assert_eq!(dateline_date(&year, None), Some(d("2024-01-05")));
        assert_eq!(dateline_date(&wire, None), None);
        // Not datelines: no dash, no capitals, no such day, no month.
        let near = Some(d("2026-04-05"));
        for text in [
            "BAKU , March 31 was quiet .",
            "Officials , March 31 -",
            "BAKU , march 31 -",
            "BAKU , February 30 -",
            "BAKU , Azerbaijan -",
            "BAKU -",
        ] {
            assert_eq!(dateline_date(&sentence(text), near), None, "{text}");
        }
    }

    #[test]
    fn weekdays() {
        assert_eq!(weekday(d("2026-11-27").days()), 4, "a Friday");
        assert_eq!(weekday(d("2024-02-29").days()), 3, "a Thursday");
        let fri = d("2026-11-27").days();
        assert_eq!(weekday_on_or_before(fri, 4), fri);
        assert_eq!(weekday_on_or_after(fri, 4), fri);
        assert_eq!(weekday_on_or_before(fri, 5), fri - 6);
        assert_eq!(weekday_on_or_after(fri, 0), fri + 3);
    }

    #[test]
    fn small_parsers() {
        assert_eq!(day_of_month("3rd"), Some(3));
        assert_eq!(day_of_month("31"), Some(31));
        assert_eq!(day_of_month("32"), None);
        assert_eq!(day_of_month("3x"), None);
        assert_eq!(year_of("1991"), Some(1991));
        assert_eq!(year_of("250"), None);
        assert_eq!(count("an"), Some(1));
        assert_eq!(count("0"), None);
        assert_eq!(add_months(2026, 1, -1), (2025, 12));
        assert_eq!(add_months(2026, 12, 1), (2027, 1));
    }

    #[test]
    fn bad_publication_does_not_panic() {
        let mut r = DateResolver::new();
        for p in [Date::MIN, Date::MAX] {
            let _ = r.resolve_text(p, "On Friday, 3 days ago, last month, in March, March 3");
        }
    }
}
