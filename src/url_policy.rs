//! The URL policy: a feed link becomes an `href` only if it is an `http:` or
//! `https:` URL once parsed the way browsers parse URLs.
//!
//! [`is_allowed`] applies the WHATWG URL parser's own first steps (trim C0
//! controls and spaces, drop tabs and newlines, read the scheme up to `:`), so
//! `" JaVa\tScript:..."` is seen as the `javascript` scheme it really is.
//! Relative links have no scheme and take the page's. In the browser,
//! [`resolve`] then parses with `URL` against the page and checks the resulting
//! protocol again, so the final `href` is always absolute http(s), and adds
//! the publisher's `link-params` to it.

/// Whether `raw` may become a link: an `http`/`https` URL or a relative one.
pub fn is_allowed(raw: &str) -> bool {
    match scheme(raw) {
        Some(scheme) => scheme == "http" || scheme == "https",
        None => !raw.trim().is_empty(),
    }
}

/// The scheme of `raw` (lower case) as the URL parser would read it, or
/// `None` for a relative URL.
pub fn scheme(raw: &str) -> Option<String> {
    let trimmed = raw.trim_matches(|c: char| c <= ' ');
    let mut chars = trimmed.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r'));
    let first = chars.next().filter(char::is_ascii_alphabetic)?;
    let mut scheme = String::from(first.to_ascii_lowercase());
    for c in chars {
        match c {
            ':' => return Some(scheme),
            c if c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.') => scheme.push(c.to_ascii_lowercase()),
            _ => return None,
        }
    }
    None
}

/// Resolves `raw` against the page URL with the browser's `URL` parser and
/// returns the absolute `href` if the policy allows it, with each parameter
/// of the query `params` (the `link-params` attribute, read by the browser's
/// `URLSearchParams`) added unless the link already has one of that name.
#[cfg(target_arch = "wasm32")]
pub fn resolve(raw: &str, params: Option<&str>) -> Option<String> {
    if !is_allowed(raw) {
        return None;
    }
    let url = parse(raw)?;
    if !matches!(url.protocol().as_str(), "http:" | "https:") {
        return None;
    }
    if let Some(params) = params.and_then(|p| web_sys::UrlSearchParams::new_with_str(p).ok()) {
        use wasm_bindgen::JsCast;
        // The URL's own `searchParams`: appending to them rewrites its query.
        let search = url.search_params();
        for pair in js_sys::Array::from(&params).iter() {
            let pair: js_sys::Array = pair.unchecked_into();
            if let (Some(name), Some(value)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
                if !search.has(&name) {
                    search.append(&name, &value);
                }
            }
        }
    }
    Some(url.href())
}

/// `raw` resolved against the page URL, whatever its scheme (for reports,
/// never for links).
#[cfg(target_arch = "wasm32")]
pub fn absolute(raw: &str) -> Option<String> {
    parse(raw).map(|url| url.href())
}

#[cfg(target_arch = "wasm32")]
fn parse(raw: &str) -> Option<web_sys::Url> {
    let base = web_sys::window()?.location().href().ok()?;
    web_sys::Url::new_with_base(raw, &base).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_https_and_relative_links_are_allowed() {
        for ok in [
            "https://www.arabnews.com/node/1",
            "http://example.org",
            "HTTPS://EXAMPLE.ORG",
            "  https://example.org  ",
            "/middle-east/story",
            "story.html",
            "//cdn.example/x",
            "?page=2",
            "#top",
            "h\ttt\nps://example.org",
        ] {
            assert!(is_allowed(ok), "{ok:?}");
        }
    }

    #[test]
    fn script_and_other_schemes_are_refused_however_written() {
        for bad in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            " javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "jav\r\nascript:alert(1)",
            "\u{0}\u{1f} JaVaScRiPt:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "ftp://example.org",
            "mailto:a@b.c",
            "blob:https://example.org/x",
            "",
            "   ",
        ] {
            assert!(!is_allowed(bad), "{bad:?}");
        }
    }

    #[test]
    fn html_entities_are_not_decoded_so_they_stay_relative() {
        // Feed text is set as an attribute value, never parsed as HTML, so
        // "&#106;avascript:" is a harmless relative path.
        assert_eq!(scheme("&#106;avascript:alert(1)"), None);
        assert_eq!(scheme("javascript&colon;alert(1)"), None);
    }

    #[test]
    fn reads_the_scheme_like_the_url_parser() {
        assert_eq!(scheme("HtTp://x").as_deref(), Some("http"));
        assert_eq!(scheme("web+news:x").as_deref(), Some("web+news"));
        assert_eq!(scheme("1http://x"), None);
        assert_eq!(scheme("no-colon"), None);
        assert_eq!(scheme("a b:c"), None);
    }
}
