//! The calendar: [`Date`], the one date type of every stage (article
//! publication dates, event dates, dated actor codes, store windows), and
//! the day numbers of the proleptic Gregorian calendar it converts to and
//! from. Day-number algorithms after H. Hinnant, "chrono-Compatible
//! Low-Level Date Algorithms" (`days_from_civil`, `civil_from_days`).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

/// Days since 1970-01-01 of the civil date `y-m-d` (`m` in 1..=12).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9).rem_euclid(12);
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date `(year, month, day)` of a day number (inverse of
/// [`days_from_civil`]). `z` must stay clear of the ends of `i64` (it
/// overflows within about 720,000 of them); [`Date::from_days`] checks.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m as u32, d as u32)
}

/// Whether `year` is a leap year of the Gregorian calendar.
pub fn is_leap_year(year: u32) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

/// Days in `month` (1..=12) of `year`; `None` for a month outside 1..=12.
pub fn days_in_month(year: u32, month: u32) -> Option<u32> {
    Some(match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => return None,
    })
}

/// A calendar date of the proleptic Gregorian calendar, years 1 to 9999.
///
/// The one date type of dyad: publication dates of articles, event dates,
/// the date restrictions of actor codes, store windows. A `Date` always
/// exists (no 30 February): it is only made by [`Date::new`], the parsers
/// or the day-number conversion, all of which check. Dates order
/// chronologically; `Display` is `YYYY-MM-DD`.
///
/// Serde: a human-readable format (JSON) holds the `YYYY-MM-DD` string; a
/// binary one (postcard, the compiled lexicon) holds the number `YYYYMMDD`
/// as a `u32`, the layout of the lexicon's former `Date(u32)`, so compiled
/// lexicons keep their bytes. Both are checked when read.
///
/// # Examples
/// ```
/// use dyad_types::Date;
///
/// let d = Date::parse("2023-03-31T08:00:00Z").unwrap();
/// assert_eq!(d, Date::new(2023, 3, 31).unwrap());
/// assert_eq!(d.to_string(), "2023-03-31");
/// assert_eq!(Date::parse("2023-02-29"), None);
/// assert_eq!(Date::parse_petrarch("950601"), Date::new(1995, 6, 1));
/// assert!(Date::parse("2023-03-31") < Date::parse("2023-04-01"));
/// ```
// Field order year, month, day: the derived `Ord` is chronological.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// The earliest date, 0001-01-01.
    pub const MIN: Date = Date { year: 1, month: 1, day: 1 };
    /// The latest date, 9999-12-31.
    pub const MAX: Date = Date { year: 9999, month: 12, day: 31 };

    /// A checked date; `None` if the day does not exist or the year is
    /// outside 1..=9999.
    pub fn new(year: u32, month: u32, day: u32) -> Option<Date> {
        if !(1..=9999).contains(&year) || day == 0 || day > days_in_month(year, month)? {
            return None;
        }
        // In range: year <= 9999, month <= 12, day <= 31.
        Some(Date { year: year as u16, month: month as u8, day: day as u8 })
    }

    /// The year (1..=9999).
    pub fn year(self) -> u32 {
        u32::from(self.year)
    }

    /// The month (1..=12).
    pub fn month(self) -> u32 {
        u32::from(self.month)
    }

    /// The day of the month (1..=31).
    pub fn day(self) -> u32 {
        u32::from(self.day)
    }

    /// Year, month, day.
    pub fn ymd(self) -> (u32, u32, u32) {
        (self.year(), self.month(), self.day())
    }

    /// Days since 1970-01-01 ([`days_from_civil`]).
    pub fn days(self) -> i64 {
        days_from_civil(i64::from(self.year), i64::from(self.month), i64::from(self.day))
    }

    /// The date of a day number (inverse of [`Date::days`]); `None` outside
    /// [`Date::MIN`]..=[`Date::MAX`].
    pub fn from_days(z: i64) -> Option<Date> {
        // Checked first: `civil_from_days` overflows near the ends of i64.
        if !(Date::MIN.days()..=Date::MAX.days()).contains(&z) {
            return None;
        }
        let (y, m, d) = civil_from_days(z);
        Date::new(u32::try_from(y).ok()?, m, d)
    }

    /// The date `n` days later (earlier for negative `n`); `None` past
    /// [`Date::MIN`] or [`Date::MAX`].
    pub fn add_days(self, n: i64) -> Option<Date> {
        Date::from_days(self.days().checked_add(n)?)
    }

    /// The date as the number `YYYYMMDD` (its compact serde form).
    pub fn to_yyyymmdd(self) -> u32 {
        self.year() * 10_000 + self.month() * 100 + self.day()
    }

    /// The date of the number `YYYYMMDD`; `None` if that day does not exist.
    pub fn from_yyyymmdd(n: u32) -> Option<Date> {
        Date::new(n / 10_000, n / 100 % 100, n % 100)
    }

    /// Parses a date written with a four-digit year, after trimming white
    /// space: `YYYY-MM-DD`, `YYYYMMDD`, or an ISO 8601 date-time whose date
    /// part is `YYYY-MM-DD` (`2023-03-31T08:00:00Z`, `2023-03-31 08:00`;
    /// the time and zone are ignored). `None` for anything else or a day
    /// that does not exist.
    ///
    /// This is the parser for dates from users (`--date`, `--from`), dyad's
    /// own lexicon format, CoNLL-U `# date` comments, JSON Lines articles,
    /// HTML metadata and WARC headers. PETRARCH's two-digit years are left
    /// to [`Date::parse_petrarch`]: their century is a guess (a window that
    /// puts `310101` in 1931), right for the PETRARCH dictionaries and
    /// validation files written under that convention, wrong for anything
    /// written from 2031 on, and a six-digit string in a news feed or on a
    /// command line is more likely a mistake than a date to guess at.
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let b = s.as_bytes();
        if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' {
            let rest = &b[10..];
            if !(rest.is_empty() || matches!(rest[0], b'T' | b't' | b' ')) {
                return None;
            }
            Date::new(digits(&b[0..4])?, digits(&b[5..7])?, digits(&b[8..10])?)
        } else if b.len() == 8 {
            Date::new(digits(&b[0..4])?, digits(&b[4..6])?, digits(&b[6..8])?)
        } else {
            None
        }
    }

    /// [`Date::parse`], plus PETRARCH's `YYMMDD` (six digits; `00`-`30` are
    /// 20YY, `31`-`99` 19YY: the KEDS/TABARI convention PETRARCH kept).
    ///
    /// For PETRARCH input only: the date restrictions of PETRARCH actor
    /// dictionaries (`[IRNGOV >790211]`) and the `date` of PETRARCH
    /// validation and story records. See [`Date::parse`] for why the general
    /// parser does not guess centuries.
    pub fn parse_petrarch(s: &str) -> Option<Date> {
        let b = s.trim().as_bytes();
        if b.len() == 6 {
            let yy = digits(&b[0..2])?;
            let year = if yy <= 30 { 2000 + yy } else { 1900 + yy };
            return Date::new(year, digits(&b[2..4])?, digits(&b[4..6])?);
        }
        Date::parse(s)
    }
}

/// The value of a short run of ASCII digits; `None` if any byte is not one
/// (no sign, no white space).
fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Date({self})")
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.collect_str(self)
        } else {
            s.serialize_u32(self.to_yyyymmdd())
        }
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        struct Visit;
        impl de::Visitor<'_> for Visit {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date: YYYY-MM-DD, or the number YYYYMMDD")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Date, E> {
                u32::try_from(v)
                    .ok()
                    .and_then(Date::from_yyyymmdd)
                    .ok_or_else(|| E::invalid_value(de::Unexpected::Unsigned(v), &self))
            }
        }
        if d.is_human_readable() { d.deserialize_str(Visit) } else { d.deserialize_u32(Visit) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        for z in [-700_000_i64, -1, 0, 59, 60, 11_016, 20_000, 2_900_000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, i64::from(m), i64::from(d)), z, "{z}");
        }
    }

    fn ymd(y: u32, m: u32, d: u32) -> Date {
        Date::new(y, m, d).unwrap()
    }

    #[test]
    fn checked_construction() {
        assert_eq!(ymd(2024, 2, 29).ymd(), (2024, 2, 29));
        for (y, m, d) in [
            (2023, 2, 29),
            (1900, 2, 29),
            (2023, 4, 31),
            (2023, 13, 1),
            (2023, 0, 1),
            (2023, 1, 0),
            (2023, 1, 32),
            (0, 1, 1),
            (10_000, 1, 1),
        ] {
            assert_eq!(Date::new(y, m, d), None, "{y}-{m}-{d}");
        }
        assert!(Date::new(2000, 2, 29).is_some(), "2000 is a leap year");
        assert_eq!(Date::new(1, 1, 1), Some(Date::MIN));
        assert_eq!(Date::new(9999, 12, 31), Some(Date::MAX));
    }

    #[test]
    fn parses_every_accepted_form() {
        let d = Some(ymd(2023, 3, 31));
        for s in [
            "2023-03-31",
            "20230331",
            "2023-03-31T08:00:00Z",
            "2023-03-31t08:00:00+04:00",
            "2023-03-31 08:00",
            "2023-03-31T",
            "  2023-03-31\n",
        ] {
            assert_eq!(Date::parse(s), d, "{s:?}");
            assert_eq!(Date::parse_petrarch(s), d, "petrarch {s:?}");
        }
        assert_eq!(Date::parse("2024-02-29"), Some(ymd(2024, 2, 29)));
        assert_eq!(Date::parse("00010101"), Some(Date::MIN));
        assert_eq!(Date::parse("9999-12-31"), Some(Date::MAX));
    }

    #[test]
    fn petrarch_two_digit_years() {
        assert_eq!(Date::parse_petrarch("950601"), Some(ymd(1995, 6, 1)));
        assert_eq!(Date::parse_petrarch("080109"), Some(ymd(2008, 1, 9)));
        assert_eq!(Date::parse_petrarch("300101"), Some(ymd(2030, 1, 1)));
        assert_eq!(Date::parse_petrarch("310101"), Some(ymd(1931, 1, 1)));
        assert_eq!(Date::parse_petrarch("000229"), Some(ymd(2000, 2, 29)));
        assert_eq!(Date::parse_petrarch("19270101"), Some(ymd(1927, 1, 1)));
        for bad in ["950229", "951301", "95-06-01", "9506O1", "95061"] {
            assert_eq!(Date::parse_petrarch(bad), None, "{bad}");
        }
        // Only the PETRARCH parser guesses a century.
        assert_eq!(Date::parse("950601"), None);
    }

    #[test]
    fn rejects_bad_days_and_garbage() {
        for bad in [
            "2023-02-29",
            "20230229",
            "1900-02-29",
            "2023-04-31",
            "2023-13-01",
            "2023-00-10",
            "2023-01-00",
            "0000-01-01",
            "31/03/2023",
            "2023/03/31",
            "2023-3-31",
            "2023-03-1",
            "2023-03-31x",
            "2023-03-31Z",
            "+023-03-31",
            "-2023-03-31",
            "2023-0331",
            "2023033",
            "202303310",
            "２０２３-03-31",
            "",
            "   ",
            "yesterday",
            "March 31, 2023",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad:?}");
            assert_eq!(Date::parse_petrarch(bad), None, "petrarch {bad:?}");
        }
    }

    #[test]
    fn orders_chronologically() {
        let mut v: Vec<Date> =
            ["2024-01-01", "2023-12-31", "2023-02-01", "2023-01-31", "1999-12-31"]
                .iter()
                .map(|s| Date::parse(s).unwrap())
                .collect();
        v.sort();
        let s: Vec<String> = v.iter().map(Date::to_string).collect();
        assert_eq!(s, ["1999-12-31", "2023-01-31", "2023-02-01", "2023-12-31", "2024-01-01"]);
        // Order agrees with day numbers.
        for w in v.windows(2) {
            assert!(w[0] < w[1] && w[0].days() < w[1].days(), "{w:?}");
        }
        assert!(Date::MIN < Date::MAX);
    }

    #[test]
    fn day_numbers() {
        assert_eq!(ymd(1970, 1, 1).days(), 0);
        assert_eq!(ymd(2000, 3, 1).days(), 11_017);
        assert_eq!(Date::from_days(0), Some(ymd(1970, 1, 1)));
        assert_eq!(ymd(2024, 2, 28).add_days(1), Some(ymd(2024, 2, 29)));
        assert_eq!(ymd(2023, 3, 1).add_days(-1), Some(ymd(2023, 2, 28)));
        assert_eq!(Date::MAX.add_days(1), None);
        assert_eq!(Date::MIN.add_days(-1), None);
        assert_eq!(Date::MIN.add_days(i64::MAX), None);
        for z in [Date::MIN.days(), -1, 0, 19_447, Date::MAX.days()] {
            assert_eq!(Date::from_days(z).map(Date::days), Some(z), "{z}");
        }
    }

    #[test]
    fn display_and_numbers() {
        assert_eq!(ymd(2024, 1, 5).to_string(), "2024-01-05");
        assert_eq!(ymd(33, 11, 8).to_string(), "0033-11-08");
        assert_eq!(format!("{:?}", ymd(2024, 1, 5)), "Date(2024-01-05)");
        assert_eq!(ymd(2024, 1, 5).to_yyyymmdd(), 20_240_105);
        assert_eq!(Date::from_yyyymmdd(20_240_105), Some(ymd(2024, 1, 5)));
        assert_eq!(Date::from_yyyymmdd(20_230_229), None);
    }

    #[test]
    fn serde_forms() {
        let d = ymd(2023, 3, 31);
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"2023-03-31\"");
        assert_eq!(serde_json::from_str::<Date>("\"2023-03-31\"").unwrap(), d);
        assert!(serde_json::from_str::<Date>("\"2023-02-29\"").is_err());
        assert!(serde_json::from_str::<Date>("20230331").is_err());
        // postcard: the bytes of the u32 YYYYMMDD, as the lexicon's former
        // `Date(u32)` wrote them, so compiled lexicons keep their layout.
        let bytes = postcard::to_stdvec(&d).unwrap();
        assert_eq!(bytes, postcard::to_stdvec(&20_230_331u32).unwrap());
        assert_eq!(postcard::from_bytes::<Date>(&bytes).unwrap(), d);
        let bad = postcard::to_stdvec(&20_230_229u32).unwrap();
        assert!(postcard::from_bytes::<Date>(&bad).is_err());
    }
}
