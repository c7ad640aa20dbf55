//! The embed code: the versioned loader pinned by its SHA-384, the element
//! with the attributes that differ from their defaults, and a fallback link
//! inside it (shown until the widget renders, and wherever it cannot).

/// Where the widget's release is, as its `manifest.json` says.
#[derive(Clone, Debug, PartialEq)]
pub struct Release {
    /// The loader's path under the hosting base, e.g. `news-headlines/0.1.0/news-headlines.js`.
    pub loader: String,
    /// The loader's Subresource Integrity, `sha384-…`.
    pub integrity: String,
}

/// Everything the embed code says.
#[derive(Clone, Debug, PartialEq)]
pub struct Embed<'a> {
    /// The release to load.
    pub release: &'a Release,
    /// The hosting base URL, e.g. `https://cdn.example/widgets`.
    pub base: &'a str,
    /// The feed's absolute URL (`src`).
    pub feed: &'a str,
    /// The other attributes, in order.
    pub attributes: &'a [(&'static str, String)],
    /// The fallback link's target.
    pub fallback_href: &'a str,
    /// The fallback link's text.
    pub fallback_text: &'a str,
}

impl Embed<'_> {
    /// The loader's URL: the base, then the release's path.
    pub fn loader_url(&self) -> String {
        format!("{}/{}", self.base.trim().trim_end_matches('/'), self.release.loader.trim_start_matches('/'))
    }

    /// The HTML to paste.
    pub fn html(&self) -> String {
        let attributes: String = std::iter::once(("src", self.feed))
            .chain(self.attributes.iter().map(|(name, value)| (*name, value.as_str())))
            .map(|(name, value)| format!(" {name}=\"{}\"", escape(value)))
            .collect();
        format!(
            "<script src=\"{}\" integrity=\"{}\" crossorigin=\"anonymous\" async></script>\n\
             <news-headlines{attributes}>\n  <a href=\"{}\">{}</a>\n</news-headlines>\n",
            escape(&self.loader_url()),
            escape(&self.release.integrity),
            escape(self.fallback_href),
            escape(self.fallback_text),
        )
    }
}

/// Whether `raw` can be the hosting base: an absolute http(s) URL, no spaces.
pub fn is_base_url(raw: &str) -> bool {
    let raw = raw.trim();
    let rest = ["http://", "https://"].iter().find_map(|scheme| {
        raw.get(..scheme.len()).filter(|start| start.eq_ignore_ascii_case(scheme)).and_then(|_| raw.get(scheme.len()..))
    });
    rest.is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/') && !rest.contains(char::is_whitespace))
}

/// `text` safe in HTML text and in a double-quoted attribute.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn release() -> Release {
        Release { loader: "news-headlines/0.1.0/news-headlines.js".into(), integrity: "sha384-abc+/=".into() }
    }

    #[test]
    fn the_code_pins_the_versioned_loader_and_sets_only_the_attributes_given() {
        let release = release();
        let attributes = [("limit", "5".to_owned()), ("theme", "dark".to_owned())];
        let embed = Embed {
            release: &release,
            base: " https://cdn.example/widgets/ ",
            feed: "https://news.example/feed.json",
            attributes: &attributes,
            fallback_href: "https://news.example/",
            fallback_text: "World news",
        };
        assert_eq!(
            embed.html(),
            "<script src=\"https://cdn.example/widgets/news-headlines/0.1.0/news-headlines.js\" \
             integrity=\"sha384-abc+/=\" crossorigin=\"anonymous\" async></script>\n\
             <news-headlines src=\"https://news.example/feed.json\" limit=\"5\" theme=\"dark\">\n  \
             <a href=\"https://news.example/\">World news</a>\n</news-headlines>\n"
        );
    }

    #[test]
    fn only_absolute_http_urls_can_be_the_base() {
        for base in ["https://cdn.example", "HTTP://127.0.0.1:8080/widgets/", " https://cdn.example/w "] {
            assert!(is_base_url(base), "{base}");
        }
        for not_base in ["cdn.example", "/widgets", "https://", "https:///x", "ftp://cdn.example", "https://a b", ""] {
            assert!(!is_base_url(not_base), "{not_base}");
        }
    }

    #[test]
    fn values_and_texts_are_escaped() {
        let release = release();
        let attributes =
            [("heading", "\"><script>alert(1)</script>".to_owned()), ("link-params", "a=1&b=2".to_owned())];
        let embed = Embed {
            release: &release,
            base: "https://cdn.example",
            feed: "https://news.example/feed.json?x=\"1\"",
            attributes: &attributes,
            fallback_href: "https://news.example/?a=1&b=2",
            fallback_text: "Tom & <Jerry>",
        };
        let html = embed.html();
        assert!(html.contains(" heading=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""), "{html}");
        assert!(html.contains(" link-params=\"a=1&amp;b=2\""), "{html}");
        assert!(html.contains("src=\"https://news.example/feed.json?x=&quot;1&quot;\""), "{html}");
        assert!(html.contains("<a href=\"https://news.example/?a=1&amp;b=2\">Tom &amp; &lt;Jerry&gt;</a>"), "{html}");
        assert_eq!(html.matches("<script").count(), 1);
    }
}
