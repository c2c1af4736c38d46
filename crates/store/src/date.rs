//! Today's date and ISO weeks, for date windows and week buckets; the day
//! arithmetic itself is [`Date`]'s.

use dyad_types::Date;

/// Today's date (UTC) from the system clock.
pub fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Date::from_days((secs / 86_400) as i64).unwrap_or(Date::MAX)
}

/// The date `n` days after today (UTC); before it for negative `n`.
pub fn days_from_today(n: i64) -> Date {
    today().add_days(n).unwrap_or_else(today)
}

/// The Monday of the ISO week holding `d`.
pub(crate) fn week_start(d: Date) -> Option<Date> {
    let n = d.days();
    // 1970-01-01 was a Thursday: weekday index with Monday = 0 is (n + 3) mod 7.
    Date::from_days(n - (n + 3).rem_euclid(7))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn weeks_start_on_monday() {
        // 2023-03-31 was a Friday; 2023-03-27 the Monday before.
        assert_eq!(week_start(d("2023-03-31")), Some(d("2023-03-27")));
        assert_eq!(week_start(d("2023-03-27")), Some(d("2023-03-27")));
        assert_eq!(week_start(d("2023-04-02")), Some(d("2023-03-27")));
    }
}
