//! One pass over a JSON text before the browser parses it: can it hold
//! anything serde_json refuses and `JSON.parse` accepts (containers nested
//! 128 deep, an unpaired surrogate escape, a number out of `f64` range)?
//! When it cannot, the wasm reader (`js.rs`) skips the values the model
//! never reads instead of checking them, and reads the items in slices.

/// Nesting this deep is left to the exact check (serde_json refuses 128).
const DEEP: u32 = 100;
/// A number with this many digits is left to the exact check (`f64` ends
/// past 10^308).
const LONG_NUMBER: u32 = 300;

/// Whether `json` certainly has no container nested [`DEEP`] levels, no
/// `\uD800`–`\uDFFF` escape and no number with an exponent or
/// [`LONG_NUMBER`] digits. Strings are skipped as JSON's lexer skips them,
/// escapes included; for a text that is not JSON the answer does not matter
/// (`JSON.parse` refuses it).
pub fn is_plain(json: &str) -> bool {
    let (mut depth, mut digits) = (0u32, 0u32);
    let mut bytes = json.bytes();
    while let Some(byte) = bytes.next() {
        match byte {
            b'"' => {
                digits = 0;
                loop {
                    match bytes.next() {
                        None | Some(b'"') => break,
                        Some(b'\\') => {
                            if bytes.next() == Some(b'u') && !is_scalar_escape(&mut bytes) {
                                return false;
                            }
                        }
                        Some(_) => {}
                    }
                }
            }
            b'[' | b'{' => {
                depth += 1;
                if depth >= DEEP {
                    return false;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'0'..=b'9' => {
                digits += 1;
                if digits >= LONG_NUMBER {
                    return false;
                }
            }
            // A fraction's digits count with the integer's.
            b'.' => {}
            b'e' | b'E' if digits > 0 => return false,
            _ => digits = 0,
        }
    }
    true
}

/// Whether the `\u` escape whose hex digits follow is a character: not a
/// surrogate, or a high one escaped right before a low one (the pair is
/// consumed).
fn is_scalar_escape(bytes: &mut impl Iterator<Item = u8>) -> bool {
    match hex4(bytes) {
        Some(0xD800..=0xDBFF) => {
            bytes.next() == Some(b'\\') && bytes.next() == Some(b'u') && matches!(hex4(bytes), Some(0xDC00..=0xDFFF))
        }
        Some(0xDC00..=0xDFFF) => false,
        // Not four hex digits: not JSON.
        _ => true,
    }
}

/// Four hex digits as a number.
fn hex4(bytes: &mut impl Iterator<Item = u8>) -> Option<u16> {
    bytes
        .take(4)
        .try_fold((0u16, 0), |(value, count), byte| {
            let digit = char::from(byte).to_digit(16)?;
            Some(((value << 4) | digit as u16, count + 1))
        })
        .filter(|(_, count)| *count == 4)
        .map(|(value, _)| value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_feeds_are_plain() {
        for feed in ["around-arab-news", "latest-middle-east"] {
            let path = format!("{}/feeds/{feed}.json", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            assert!(is_plain(&text), "{feed}");
        }
        let text = r#"{"a": [true, false, null, -12.5, "e\"\\\u00e9 \ud83d\udcf0 1e400 [[[["], "b": 0.25}"#;
        assert!(is_plain(text), "escapes, a surrogate pair, and numbers and brackets inside strings");
    }

    #[test]
    fn what_serde_json_may_refuse_is_not_plain() {
        let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert!(is_plain(&nested(DEEP as usize - 1)));
        assert!(!is_plain(&nested(DEEP as usize)));
        let objects = format!("{}1{}", r#"{"a": "#.repeat(DEEP as usize), "}".repeat(DEEP as usize));
        assert!(!is_plain(&objects));
        for text in [
            r#"["\ud800"]"#,
            r#"{"\uDBFFx": 1}"#,
            r#"["\udc00"]"#,
            r#"["a\\b\uDfFf"]"#,
            r#"["\udc00\ud800"]"#,
            r#"["\ud800\u0041"]"#,
            "[1e400]",
            "[-1E-400]",
        ] {
            assert!(!is_plain(text), "{text}");
        }
        assert!(!is_plain(&format!("[{}]", "9".repeat(LONG_NUMBER as usize))));
        assert!(!is_plain(&format!("[0.{}]", "1".repeat(LONG_NUMBER as usize))));
        assert!(is_plain(r#"["\\ud800 is text"]"#), "an escaped backslash starts no escape");
    }
}
