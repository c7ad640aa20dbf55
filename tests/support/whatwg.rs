//! A second, independent reading of URL schemes, shared by `tests/feed_corpus.rs`
//! and the fuzz target as an oracle for `url_policy::scheme`.

/// The scheme as the WHATWG URL parser reads it (trim C0 controls and spaces,
/// drop tabs and newlines, then `ALPHA *(ALPHA / DIGIT / "+" / "-" / ".") ":"`),
/// written independently of `url_policy::scheme`.
pub fn whatwg_scheme(raw: &str) -> Option<String> {
    let trimmed = raw.trim_matches(|c: char| c <= ' ');
    let input: String = trimmed.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let (scheme, _) = input.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}
