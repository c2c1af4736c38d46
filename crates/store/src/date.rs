//! Day arithmetic on `YYYY-MM-DD` dates (days since 1970-01-01), for date
//! windows and week/month buckets; no calendar crate needed.

use dyad_ingest::article::Date;

/// Days since 1970-01-01 of a civil date (proleptic Gregorian; H. Hinnant's
/// `days_from_civil`).
pub(crate) fn days(d: Date) -> i64 {
    let (y, m, dd) = (i64::from(d.year), i64::from(d.month), i64::from(d.day));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + dd - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number (inverse of [`days`]); `None` outside
/// years 1..=9999.
pub(crate) fn from_days(z: i64) -> Option<Date> {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
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
