//! Feed dates as publishers write them, read without a date library: RFC
//! 3339 date-times, bare dates, date-times without seconds, and RFC 2822
//! dates carried over from RSS. Impossible dates (30 February, month 13,
//! hour 25) and times without a zone are refused, never guessed.

/// A valid date or instant as found in a feed.
#[derive(Clone, Debug, PartialEq)]
pub struct Timestamp {
    /// The instant as milliseconds since the Unix epoch (a bare date: its
    /// midnight UTC).
    pub epoch_ms: f64,
    /// The date or instant as RFC 3339 text, for `<time datetime>`: the
    /// feed's own text when it is RFC 3339, else written from what was read.
    pub rfc3339: String,
    /// Only a day was written (`2026-08-18`): it is told as a day, never as
    /// a time of day.
    pub date_only: bool,
}

/// A day: year, month (1–12), day of the month.
type Day = (i64, i64, i64);
/// A time of day: hours, minutes, seconds.
type Clock = (i64, i64, i64);

/// RFC 2822's month names, read in any case.
const MONTHS: &str = "JanFebMarAprMayJunJulAugSepOctNovDec";
/// RFC 2822's day names, read in any case (the day itself is not checked).
const WEEKDAYS: &str = "MonTueWedThuFriSatSun";

/// The place (from 0) of a three-letter `name` in `names`, in any case.
fn name_index(names: &str, name: &str) -> Option<usize> {
    names.as_bytes().chunks(3).position(|known| known.eq_ignore_ascii_case(name.as_bytes()))
}

impl Timestamp {
    /// Reads a bare date `YYYY-MM-DD`; a date-time
    /// `YYYY-MM-DDTHH:MM[:SS[.frac]]` with `Z`, `±HH:MM` or `±HHMM`; or an
    /// RFC 2822 date `[Tue, ]18 Aug 2026 14:05[:09] ±HHMM` with a numeric or
    /// named zone (`GMT`, `UT`, `UTC`, `EST`/`EDT`, `CST`/`CDT`, `MST`/`MDT`,
    /// `PST`/`PDT`). `None` for anything else or an impossible date.
    pub fn parse(text: &str) -> Option<Timestamp> {
        let text = text.trim();
        if text.len() > 40 || !text.is_ascii() {
            return None;
        }
        let Some(date) = iso_date(text) else {
            let (date, time, zone) = rfc2822(text)?;
            return Some(Timestamp::of(date, time, 0.0, zone, None));
        };
        let Some(rest) = text.get(10..).filter(|rest| !rest.is_empty()) else {
            let epoch_ms = days_from_civil(date) as f64 * 86_400_000.0;
            return Some(Timestamp { epoch_ms, rfc3339: text.to_owned(), date_only: true });
        };
        let rest = rest.get(1..).filter(|_| matches!(rest.as_bytes().first(), Some(b'T' | b't' | b' ')))?;
        let (hour, minute) = (num_in(rest, 0, 2)?, num_in(rest, 3, 5)?);
        let with_seconds = rest.as_bytes().get(5) == Some(&b':');
        let (second, mut zone_text) =
            if with_seconds { (num_in(rest, 6, 8)?, rest.get(8..)?) } else { (0, rest.get(5..)?) };
        if rest.as_bytes().get(2) != Some(&b':') {
            return None;
        }
        let mut millis = 0.0;
        if let Some(frac) = zone_text.strip_prefix('.').filter(|_| with_seconds) {
            let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return None;
            }
            // Milliseconds from the first three digits, without float parsing.
            let first_three = frac.get(..digits)?.bytes().chain(std::iter::repeat(b'0')).take(3);
            millis = first_three.fold(0.0, |ms, digit| ms * 10.0 + f64::from(digit - b'0'));
            zone_text = frac.get(digits..)?;
        }
        let utc = matches!(zone_text, "Z" | "z");
        let zone = if utc { 0 } else { offset(zone_text)? };
        // The feed's text is kept when it is RFC 3339 already.
        let original = (with_seconds && (utc || zone_text.get(3..4) == Some(":"))).then_some(text);
        valid_time(hour, minute, second)?;
        Some(Timestamp::of(date, (hour, minute, second), millis, zone, original))
    }

    /// The instant of a day, a time, milliseconds and a zone (minutes east
    /// of UTC), with its RFC 3339 text (`rfc3339`, else written out).
    fn of(date: Day, time: Clock, millis: f64, zone: i64, rfc3339: Option<&str>) -> Timestamp {
        let (year, month, day) = date;
        let (hour, minute, second) = time;
        let seconds = days_from_civil(date) * 86_400 + hour * 3600 + minute * 60 + second - zone * 60;
        let rfc3339 = rfc3339.map(str::to_owned).unwrap_or_else(|| {
            // Written digit by digit: every part is known to be in range.
            let mut text = String::with_capacity(25);
            let parts = [(year, 4, '-'), (month, 2, '-'), (day, 2, 'T'), (hour, 2, ':'), (minute, 2, ':')];
            for (value, width, then) in parts {
                push_digits(&mut text, value, width);
                text.push(then);
            }
            push_digits(&mut text, second, 2);
            text.push(if zone < 0 { '-' } else { '+' });
            push_digits(&mut text, zone.abs() / 60, 2);
            text.push(':');
            push_digits(&mut text, zone.abs() % 60, 2);
            text
        });
        Timestamp { epoch_ms: seconds as f64 * 1000.0 + millis, rfc3339, date_only: false }
    }
}

/// `value` (not negative, under `10^width`) as `width` digits, zero-padded.
fn push_digits(text: &mut String, value: i64, width: u32) {
    for place in (0..width).rev() {
        let digit = value / 10_i64.pow(place) % 10;
        text.push(char::from(b'0' + digit as u8));
    }
}

/// `YYYY-MM-DD` at the start of `text`, if it is a real day.
fn iso_date(text: &str) -> Option<Day> {
    let b = text.as_bytes();
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    valid_date((num_in(text, 0, 4)?, num_in(text, 5, 7)?, num_in(text, 8, 10)?))
}

/// `[Tue, ]18 Aug 2026 14:05[:09] zone`: the day, the time and the zone
/// (minutes east of UTC), if real.
fn rfc2822(text: &str) -> Option<(Day, Clock, i64)> {
    let rest = match text.split_once(',') {
        Some((weekday, rest)) if name_index(WEEKDAYS, weekday.trim()).is_some() => rest,
        Some(_) => return None,
        None => text,
    };
    let mut parts = rest.split_ascii_whitespace();
    let (day, month, year, time, zone) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || day.len() > 2 || year.len() != 4 || !matches!(time.len(), 5 | 8) {
        return None;
    }
    let month = name_index(MONTHS, month)? as i64 + 1;
    let date = valid_date((num_in(year, 0, 4)?, month, num_in(day, 0, day.len())?))?;
    let colon_at = |at: usize| time.as_bytes().get(at).is_none_or(|c| *c == b':');
    let colons = colon_at(2) && colon_at(5);
    let second = if time.len() == 8 { num_in(time, 6, 8)? } else { 0 };
    let time = valid_time(num_in(time, 0, 2)?, num_in(time, 3, 5)?, second).filter(|_| colons)?;
    Some((date, time, named_zone(zone).or_else(|| offset(zone))?))
}

/// RFC 2822's named zones (`GMT`, `UT`, `UTC`, and `EST`/`EDT`, `CST`/`CDT`,
/// `MST`/`MDT`, `PST`/`PDT`), in any case, as minutes east of UTC.
fn named_zone(zone: &str) -> Option<i64> {
    match zone.to_ascii_uppercase().as_bytes() {
        b"GMT" | b"UT" | b"UTC" | b"Z" => Some(0),
        [america, summer @ (b'S' | b'D'), b'T'] => {
            let hours = b"ECMP".iter().position(|zone| zone == america)? as i64 + 5;
            Some(if *summer == b'D' { 60 - hours * 60 } else { -hours * 60 })
        }
        _ => None,
    }
}

/// `±HH:MM` or `±HHMM` as minutes east of UTC.
fn offset(text: &str) -> Option<i64> {
    let sign = match text.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let minutes_at = match text.len() {
        6 if text.as_bytes().get(3) == Some(&b':') => 4,
        5 => 3,
        _ => return None,
    };
    let (hours, minutes) = (num_in(text, 1, 3)?, num_in(text, minutes_at, minutes_at + 2)?);
    (hours <= 23 && minutes <= 59).then_some(sign * (hours * 60 + minutes))
}

/// The digits `text[from..to]` as a number (only ASCII digits).
fn num_in(text: &str, from: usize, to: usize) -> Option<i64> {
    let part = text.get(from..to).filter(|part| !part.is_empty())?;
    part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok())?
}

/// The day, if it exists.
fn valid_date((year, month, day): Day) -> Option<Day> {
    let days_in_month = match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    ((1..=12).contains(&month) && (1..=days_in_month).contains(&day)).then_some((year, month, day))
}

/// The time of day, if it exists (a leap second allowed).
fn valid_time(hour: i64, minute: i64, second: i64) -> Option<Clock> {
    (hour <= 23 && minute <= 59 && second <= 60).then_some((hour, minute, second))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil((year, month, day): Day) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

// Native only: proptest is a native dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ms(text: &str) -> Option<f64> {
        Timestamp::parse(text).map(|t| t.epoch_ms)
    }

    fn shown(text: &str) -> Option<(String, bool)> {
        Timestamp::parse(text).map(|t| (t.rfc3339, t.date_only))
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
    fn reads_a_bare_date_as_a_day() {
        assert_eq!(ms("2016-09-28"), Some(1_475_020_800_000.0));
        assert_eq!(shown(" 2026-08-18 "), Some(("2026-08-18".into(), true)));
        assert_eq!(shown("2016-09-28T16:40:00+03:00").map(|(_, day)| day), Some(false));
    }

    #[test]
    fn reads_date_times_without_seconds_and_compact_offsets() {
        assert_eq!(ms("2016-09-28T16:40+03:00"), Some(1_475_070_000_000.0));
        assert_eq!(ms("2016-09-28 13:40Z"), Some(1_475_070_000_000.0));
        assert_eq!(ms("2016-09-28T16:40:00+0300"), Some(1_475_070_000_000.0));
        assert_eq!(shown("2016-09-28T16:40+03:00"), Some(("2016-09-28T16:40:00+03:00".into(), false)));
        assert_eq!(shown("2016-09-28T08:40:00-0500"), Some(("2016-09-28T08:40:00-05:00".into(), false)));
    }

    #[test]
    fn reads_rfc_2822_dates_with_and_without_a_weekday() {
        let instant = Some(1_475_070_000_000.0);
        assert_eq!(ms("Wed, 28 Sep 2016 13:40:00 GMT"), instant);
        assert_eq!(ms("28 Sep 2016 13:40:00 +0000"), instant);
        assert_eq!(ms("Wed, 28 Sep 2016 16:40:00 +0300"), instant);
        assert_eq!(ms("wed, 28 SEP 2016 09:40 EDT"), instant);
        assert_eq!(ms("Wed,28 Sep 2016 06:40:00 PDT"), instant);
        assert_eq!(ms("Wed, 28 Sep 2016 08:40:00 CDT"), instant);
        assert_eq!(ms("1 Jan 1970 00:00:00 UT"), Some(0.0));
        assert_eq!(ms("Thu, 01 Jan 1970 00:00:00 -0000"), Some(0.0));
        assert_eq!(shown("Tue, 18 Aug 2026 00:00:00 GMT"), Some(("2026-08-18T00:00:00+00:00".into(), false)));
        assert_eq!(shown("Tue, 18 Aug 2026 14:05 EST"), Some(("2026-08-18T14:05:00-05:00".into(), false)));
    }

    #[test]
    fn refuses_invalid_dates() {
        for bad in [
            "",
            "yesterday",
            "2016-13-01T00:00:00Z",
            "2015-02-29T00:00:00Z",
            "2016-09-31T00:00:00Z",
            "2016-09-28T24:00:00Z",
            "2016-09-28T10:00:00",
            "2016-09-28T10:00",
            "2016-09-28T10:00:00+3:00",
            "2016-09-28T10:00:00+24:00",
            "2016-09-28T10:00:00.Z",
            "2016-09-28T10:00.5Z",
            "2016-02-30",
            "2016-00-10",
            "2016-9-28",
            "2016-09-28T",
            "٢٠١٦-09-28T10:00:00Z",
            "+2016-09-28T10:00:00Z",
            "Wed, 30 Feb 2016 10:00:00 GMT",
            "Wed, 28 Sep 2016 25:00:00 GMT",
            "Wed, 28 Sep 2016 10:00:00",
            "Wed, 28 Sep 2016 10:00:00 XYZ",
            "Wed, 28 Sep 16 10:00:00 GMT",
            "Wed, 28 Sept 2016 10:00:00 GMT",
            "Someday, 28 Sep 2016 10:00:00 GMT",
            "Wed 28 Sep 2016 10:00:00 GMT",
            "Wed, 28 Sep 2016 10.00.00 GMT",
            "Wed, 28 Sep 2016 10:00:00 GMT extra",
            "Wed, 128 Sep 2016 10:00:00 GMT",
        ] {
            assert_eq!(ms(bad), None, "{bad:?}");
        }
    }

    /// Named zones and their offsets, as the test reads RFC 2822.
    const NAMED: [(&str, i64); 11] = [
        ("GMT", 0),
        ("UT", 0),
        ("UTC", 0),
        ("EST", -5 * 60),
        ("EDT", -4 * 60),
        ("CST", -6 * 60),
        ("CDT", -5 * 60),
        ("MST", -7 * 60),
        ("MDT", -6 * 60),
        ("PST", -8 * 60),
        ("PDT", -7 * 60),
    ];
    const MONTH_NAMES: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    const DAY_NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    /// The civil day of a day count since 1970-01-01 (the inverse algorithm,
    /// independent of the parser's).
    fn civil(days: i64) -> (i64, usize, i64) {
        let z = days + 719_468;
        let (era, doe) = (z.div_euclid(146_097), z.rem_euclid(146_097));
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let (day, month) = (doy - (153 * mp + 2) / 5 + 1, if mp < 10 { mp + 3 } else { mp - 9 });
        (yoe + era * 400 + i64::from(month <= 2), month as usize, day)
    }

    /// An instant written in one of the accepted shapes, and the instant
    /// (ms) that text stands for.
    fn written(shape: usize, seconds: i64, millis: i64, zone: i64) -> (String, f64) {
        let zone = if matches!(shape, 0 | 5) { 0 } else { zone };
        let local = seconds + zone * 60;
        let (days, time) = (local.div_euclid(86_400), local.rem_euclid(86_400));
        let (year, month, day) = civil(days);
        let (hour, minute, second) = (time / 3600, time % 3600 / 60, time % 60);
        let date = format!("{year:04}-{month:02}-{day:02}");
        let sign = if zone < 0 { '-' } else { '+' };
        let (zh, zm) = (zone.abs() / 60, zone.abs() % 60);
        let exact = seconds as f64 * 1000.0;
        let to_minute = (seconds - second) as f64 * 1000.0;
        let name = MONTH_NAMES[month - 1];
        let weekday = DAY_NAMES[(days + 3).rem_euclid(7) as usize];
        match shape {
            0 => (format!("{date}T{hour:02}:{minute:02}:{second:02}Z"), exact),
            1 => (format!("{date}T{hour:02}:{minute:02}:{second:02}{sign}{zh:02}:{zm:02}"), exact),
            2 => (
                format!("{date}T{hour:02}:{minute:02}:{second:02}.{millis:03}{sign}{zh:02}:{zm:02}"),
                exact + millis as f64,
            ),
            3 => (format!("{date}T{hour:02}:{minute:02}{sign}{zh:02}:{zm:02}"), to_minute),
            4 => (format!("{date}T{hour:02}:{minute:02}:{second:02}{sign}{zh:02}{zm:02}"), exact),
            5 => (date, (seconds - time) as f64 * 1000.0),
            6 => (
                format!("{weekday}, {day:02} {name} {year:04} {hour:02}:{minute:02}:{second:02} {sign}{zh:02}{zm:02}"),
                exact,
            ),
            7 => (format!("{day} {name} {year:04} {hour:02}:{minute:02}:{second:02} {sign}{zh:02}{zm:02}"), exact),
            _ => (format!("{weekday}, {day} {name} {year:04} {hour:02}:{minute:02} {sign}{zh:02}{zm:02}"), to_minute),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Every accepted shape reads as the instant it was written from, and
        /// the RFC 3339 text it gives reads as that instant again.
        #[test]
        fn every_accepted_shape_round_trips(
            seconds in -62_000_000_000i64..253_000_000_000,
            millis in 0i64..1000,
            zone in -(23 * 60 + 59)..=(23i64 * 60 + 59),
            shape in 0usize..9,
        ) {
            let (text, instant) = written(shape, seconds, millis, zone);
            let Some(read) = Timestamp::parse(&text) else {
                return Err(TestCaseError::fail(format!("{text} is refused")));
            };
            prop_assert_eq!(read.epoch_ms, instant, "{}", text);
            prop_assert_eq!(read.date_only, shape == 5);
            let again = Timestamp::parse(&read.rfc3339).map(|t| (t.epoch_ms, t.date_only));
            prop_assert_eq!(again, Some((instant, shape == 5)), "{} → {}", text, read.rfc3339);
        }

        /// RFC 2822's named zones read as their offsets, in any case.
        #[test]
        fn named_zones_read_as_their_offsets(
            seconds in 0i64..4_000_000_000,
            zone in 0usize..NAMED.len(),
            weekday in any::<bool>(),
            lower in any::<bool>(),
        ) {
            let (name, offset) = NAMED[zone];
            let (numeric, instant) = written(if weekday { 6 } else { 7 }, seconds, 0, offset);
            let named = numeric.get(..numeric.len() - 5).unwrap_or_default().to_owned() + name;
            let named = if lower { named.to_lowercase() } else { named };
            prop_assert_eq!(ms(&named), Some(instant), "{}", named);
        }

        /// Days past the end of their month, months past 12 and hours past
        /// 23 are refused in every shape, never moved to a nearby day.
        #[test]
        fn impossible_dates_are_refused(
            year in 1000i64..9999,
            month in 1usize..=12,
            past_end in 1i64..=5,
            hour in 24i64..=99,
            shape in 0usize..5,
        ) {
            let last = [31, if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
            let day = last + past_end;
            let name = MONTH_NAMES[month - 1];
            let texts = [
                format!("{year:04}-{month:02}-{day:02}"),
                format!("{year:04}-{month:02}-{day:02}T10:00:00Z"),
                format!("{year:04}-{month:02}-01T{hour:02}:00+01:00"),
                format!("{year:04}-{:02}-01", 12 + past_end),
                format!("{day} {name} {year} 10:00:00 GMT"),
            ];
            let bad_hour = format!("1 {name} {year:04} {hour:02}:00 GMT");
            prop_assert_eq!(ms(&texts[shape]), None, "{}", texts[shape]);
            prop_assert_eq!(ms(&bad_hour), None, "{}", bad_hour);
        }
    }
}
