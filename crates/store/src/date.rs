//! Day arithmetic on `YYYY-MM-DD` dates (days since 1970-01-01), for date
//! windows and week/month buckets; no calendar crate needed.

use dyad_ingest::article::Date;
use dyad_types::calendar::{civil_from_days, days_from_civil};

/// Days since 1970-01-01 of a civil date.
pub(crate) fn days(d: Date) -> i64 {
    days_from_civil(i64::from(d.year), i64::from(d.month), i64::from(d.day))
}

/// The civil date of a day number (inverse of [`days`]); `None` outside
/// years 1..=9999.
pub(crate) fn from_days(z: i64) -> Option<Date> {
    let (y, m, d) = civil_from_days(z);
    Date::new(u16::try_from(y).ok()?, u8::try_from(m).ok()?, u8::try_from(d).ok()?)
}

/// Today's date (UTC) from the system clock.
pub fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    from_days((secs / 86_400) as i64).unwrap_or(Date { year: 1970, month: 1, day: 1 })
}

/// The date `n` days after today (UTC); before it for negative `n`.
pub fn days_from_today(n: i64) -> Date {
    shift(today(), n).unwrap_or_else(today)
}

/// Shifts a date by `n` days.
pub(crate) fn shift(d: Date, n: i64) -> Option<Date> {
    from_days(days(d) + n)
}

/// The Monday of the ISO week holding `d`.
pub(crate) fn week_start(d: Date) -> Option<Date> {
    let n = days(d);
    // 1970-01-01 was a Thursday: weekday index with Monday = 0 is (n + 3) mod 7.
    from_days(n - (n + 3).rem_euclid(7))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn round_trips_and_known_days() {
        assert_eq!(days(d("1970-01-01")), 0);
        assert_eq!(days(d("2000-03-01")), 11_017);
        for n in [-700_000i64, -1, 0, 59, 60, 11_016, 19_447, 2_000_000] {
            let date = from_days(n).unwrap();
            assert_eq!(days(date), n, "{date}");
        }
        assert_eq!(shift(d("2024-02-28"), 1), Some(d("2024-02-29")));
        assert_eq!(shift(d("2023-03-01"), -1), Some(d("2023-02-28")));
    }

    #[test]
    fn weeks_start_on_monday() {
        // 2023-03-31 was a Friday; 2023-03-27 the Monday before.
        assert_eq!(week_start(d("2023-03-31")), Some(d("2023-03-27")));
        assert_eq!(week_start(d("2023-03-27")), Some(d("2023-03-27")));
        assert_eq!(week_start(d("2023-04-02")), Some(d("2023-03-27")));
    }
}
