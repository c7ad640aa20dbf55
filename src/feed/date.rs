//! RFC 3339 timestamps, parsed without a date library.

/// A valid RFC 3339 instant as found in a feed.
#[derive(Clone, Debug, PartialEq)]
pub struct Timestamp {
    /// The instant as milliseconds since the Unix epoch.
    pub epoch_ms: f64,
    /// The original text, for `<time datetime>`.
    pub rfc3339: String,
}

impl Timestamp {
    /// Parses `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`; `None` for anything else
    /// or an impossible date.
    pub fn parse(text: &str) -> Option<Timestamp> {
        let text = text.trim();
        let b = text.as_bytes();
        if b.len() < 20 || b.len() > 40 || !text.is_ascii() {
            return None;
        }
        let num = |from: usize, to: usize| num_in(text, from, to);
        let sep = |at: usize, allowed: &[u8]| b.get(at).is_some_and(|c| allowed.contains(c));
        if !(sep(4, b"-") && sep(7, b"-") && sep(10, b"Tt ") && sep(13, b":") && sep(16, b":")) {
            return None;
        }
        let (year, month, day) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
        let (hour, minute, second) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
        if !(1..=12).contains(&month)
            || day < 1
            || day > days_in_month(year, month)
            || hour > 23
            || minute > 59
            || second > 60
        {
            return None;
        }
        let mut rest = text.get(19..)?;
        let mut millis = 0.0;
        if let Some(frac) = rest.strip_prefix('.') {
            let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return None;
            }
            // Milliseconds from the first three digits, without float parsing.
            let first_three = frac.get(..digits)?.bytes().chain(std::iter::repeat(b'0')).take(3);
            millis = first_three.fold(0.0, |ms, digit| ms * 10.0 + f64::from(digit - b'0'));
            rest = frac.get(digits..)?;
        }
        let offset_minutes = match rest {
            "Z" | "z" => 0,
            _ => {
                let ob = rest.as_bytes();
                if ob.len() != 6 || ob.get(3) != Some(&b':') {
                    return None;
                }
                let sign = match ob.first() {
                    Some(b'+') => 1,
                    Some(b'-') => -1,
                    _ => return None,
                };
                let (oh, om) = (num_in(rest, 1, 3)?, num_in(rest, 4, 6)?);
                if oh > 23 || om > 59 {
                    return None;
                }
                sign * (oh * 60 + om)
            }
        };
        let days = days_from_civil(year, month, day);
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
        Some(Timestamp { epoch_ms: seconds as f64 * 1000.0 + millis, rfc3339: text.to_owned() })
    }
}

fn num_in(text: &str, from: usize, to: usize) -> Option<i64> {
    let part = text.get(from..to)?;
    part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok())?
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(text: &str) -> Option<f64> {
        Timestamp::parse(text).map(|t| t.epoch_ms)
    }

    #[test]
    fn parses_utc_and_offsets() {
        assert_eq!(ms("1970-01-01T00:00:00Z"), Some(0.0));
        assert_eq!(ms("2016-09-28T16:40:00+03:00"), Some(1_475_070_000_000.0));
        assert_eq!(ms("2016-09-28T13:40:00Z"), Some(1_475_070_000_000.0));
        assert_eq!(ms("2016-09-28T13:40:00.250Z"), Some(1_475_070_000_250.0));
        assert_eq!(ms("2016-09-28T13:40:00.5+00:00"), Some(1_475_070_000_500.0));
        assert_eq!(ms("2016-09-28T13:40:00.123456789Z"), Some(1_475_070_000_123.0));
        assert_eq!(ms("2000-02-29T00:00:00-00:30"), Some(951_784_200_000.0));
    }

    #[test]
    fn keeps_the_original_text() {
        let t = Timestamp::parse(" 2016-09-28T16:40:00+03:00 ");
        assert_eq!(t.map(|t| t.rfc3339).as_deref(), Some("2016-09-28T16:40:00+03:00"));
    }

    #[test]
    fn refuses_invalid_dates() {
        for bad in [
            "",
            "yesterday",
            "2016-09-28",
            "2016-13-01T00:00:00Z",
            "2015-02-29T00:00:00Z",
            "2016-09-31T00:00:00Z",
            "2016-09-28T24:00:00Z",
            "2016-09-28T10:00:00",
            "2016-09-28T10:00:00+3:00",
            "2016-09-28T10:00:00.Z",
            "٢٠١٦-09-28T10:00:00Z",
            "+2016-09-28T10:00:00Z",
        ] {
            assert_eq!(ms(bad), None, "{bad:?}");
        }
    }
}
