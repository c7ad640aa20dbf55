//! RFC 3339 timestamps to and from Unix seconds, without a date crate.

/// Days from 1970-01-01 to the given proleptic Gregorian date.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The (year, month, day) that is `days` after 1970-01-01.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153; // March = 0
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 { shifted_month + 3 } else { shifted_month - 9 };
    (era * 400 + year_of_era + i64::from(month <= 2), month, day)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    days_from_civil(year + month / 12, month % 12 + 1, 1) - days_from_civil(year, month, 1)
}

/// Parses `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)` to Unix seconds (fractions
/// dropped); `None` when malformed or impossible.
pub fn parse_rfc3339(text: &str) -> Option<i64> {
    let number = |from: usize, to: usize| digits(text, from, to);
    let at = |index: usize, allowed: &[u8]| text.as_bytes().get(index).is_some_and(|c| allowed.contains(c));
    if !(at(4, b"-") && at(7, b"-") && at(10, b"Tt ") && at(13, b":") && at(16, b":")) {
        return None;
    }
    let (year, month, day) = (number(0, 4)?, number(5, 7)?, number(8, 10)?);
    let (hour, minute, second) = (number(11, 13)?, number(14, 16)?, number(17, 19)?);
    let valid_date = (1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day);
    if !valid_date || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut zone = text.get(19..)?;
    if let Some(fraction) = zone.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        zone = fraction.get(digits..).filter(|_| digits > 0)?;
    }
    let offset = match zone.as_bytes() {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let hours = digits(zone, 1, 3).filter(|h| *h < 24)?;
            let minutes = digits(zone, 4, 6).filter(|m| *m < 60)?;
            let seconds = hours * 3600 + minutes * 60;
            if *sign == b'-' {
                -seconds
            } else {
                seconds
            }
        }
        _ => return None,
    };
    Some(days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offset)
}

/// The unsigned decimal number in `text[from..to]`.
fn digits(text: &str, from: usize, to: usize) -> Option<i64> {
    let part = text.get(from..to)?;
    part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok())?
}

/// Formats Unix seconds as RFC 3339 UTC, e.g. `2026-11-25T20:57:00Z`.
pub fn format_rfc3339(seconds: i64) -> String {
    let (days, time) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", time / 3600, time / 60 % 60, time % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_instants() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_rfc3339("2016-09-28T16:40:00+03:00"), Some(1_475_070_000));
        assert_eq!(parse_rfc3339("2016-09-28T13:40:00.250Z"), Some(1_475_070_000));
        assert_eq!(parse_rfc3339("2016-09-28t08:10:00-05:30"), Some(1_475_070_000));
        assert_eq!(parse_rfc3339("2000-02-29T00:00:00Z"), Some(951_782_400));
        assert_eq!(parse_rfc3339("1969-12-31T23:59:59Z"), Some(-1));
        assert_eq!(format_rfc3339(1_475_070_000), "2016-09-28T13:40:00Z");
        assert_eq!(format_rfc3339(-1), "1969-12-31T23:59:59Z");
        assert_eq!(format_rfc3339(1_795_640_220), "2026-11-25T20:57:00Z");
    }

    #[test]
    fn round_trips_across_leap_years_and_centuries() {
        for seconds in (-5_000_000_000_i64..5_000_000_000).step_by(7_777_777) {
            assert_eq!(parse_rfc3339(&format_rfc3339(seconds)), Some(seconds), "{seconds}");
        }
        assert_eq!(format_rfc3339(parse_rfc3339("2100-03-01T00:00:00Z").unwrap() - 1), "2100-02-28T23:59:59Z");
        assert_eq!(format_rfc3339(parse_rfc3339("2024-03-01T00:00:00Z").unwrap() - 1), "2024-02-29T23:59:59Z");
    }

    #[test]
    fn rejects_malformed_or_impossible_instants() {
        for bad in [
            "",
            "2016-09-28",
            "2016-09-28T16:40:00",
            "2016-09-28T16:40:00+0300",
            "2016-09-28T16:40:00+24:00",
            "2016-02-30T00:00:00Z",
            "2015-02-29T00:00:00Z",
            "2016-13-01T00:00:00Z",
            "2016-09-28T24:00:00Z",
            "2016-09-28T16:40:00.Z",
            "2016-09-28T16:40:00Zjunk",
            "+016-09-28T16:40:00Z",
            "2016-09-28T16:40:00+03:00 ",
            "2016-09-28T16:40:00+-1:00",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad:?}");
        }
    }
}
