//! The embed code: the versioned loader pinned by its SHA-384, the element
//! with the attributes that differ from their defaults, and a fallback link
//! inside it (shown until the widget renders, and wherever it cannot); and
//! for hosts that take no script, the iframe and AMP codes of the embed page.

use news_headlines::attributes::{Config, SRC};
use news_headlines::embed;

/// Where the widget's release is, as its `manifest.json` says.
#[derive(Clone, Debug, PartialEq)]
pub struct Release {
    /// The loader's path under the hosting base, e.g. `news-headlines/0.1.0/news-headlines.js`.
    pub loader: String,
    /// The loader's Subresource Integrity, `sha384-…`.
    pub integrity: String,
    /// The resizer's Subresource Integrity (beside the loader), when the release has one.
    pub resizer_integrity: Option<String>,
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

/// The codes for hosts that take no script: the embed page in an iframe,
/// plain or in AMP's `amp-iframe`, through the same attributes.
impl Embed<'_> {
    /// A file beside the loader (in its versioned folder).
    fn beside_loader(&self, file: &str) -> String {
        let loader = self.loader_url();
        let folder = loader.rsplit_once('/').map_or(loader.as_str(), |(folder, _)| folder);
        format!("{folder}/{file}")
    }

    /// The embed page's URL: the versioned `embed.html`, the attributes as its query.
    pub fn page_url(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.append_pair(SRC.name, self.feed);
        for (name, value) in self.attributes {
            query.append_pair(name, value);
        }
        format!("{}?{}", self.beside_loader(embed::PAGE), query.finish())
    }

    /// The config the attributes make, read through the attribute table.
    fn config(&self) -> Config {
        Config::from_attributes(|name| self.attributes.iter().find(|(set, _)| *set == name).map(|(_, v)| v.clone())).0
    }

    /// The sandbox flags: the documented ones, and top-level navigation on a click for `target="_top"`.
    pub fn sandbox(&self) -> String {
        let top = self.config().target.eq_ignore_ascii_case("_top").then_some(embed::SANDBOX_TOP);
        embed::SANDBOX.into_iter().chain(top).collect::<Vec<_>>().join(" ")
    }

    /// The embed page's height for `limit` at the default font size.
    pub fn height(&self) -> u32 {
        embed::fixed_height(i64::try_from(self.config().limit).unwrap_or(i64::MAX))
    }

    /// The iframe code: sandboxed, at the fixed height for `limit`, and the
    /// optional resizer, pinned, that sizes it to its content.
    pub fn iframe_html(&self) -> String {
        let integrity = self.release.resizer_integrity.as_ref().map_or(String::new(), |integrity| {
            format!(" integrity=\"{}\" crossorigin=\"anonymous\"", escape(integrity))
        });
        format!(
            "<iframe src=\"{}\"\n        sandbox=\"{}\"\n        title=\"{}\" width=\"100%\" height=\"{}\" \
             style=\"border:0\" loading=\"lazy\"></iframe>\n<script src=\"{}\"{integrity} async></script>\n",
            escape(&self.page_url()),
            self.sandbox(),
            escape(self.fallback_text),
            self.height(),
            escape(&self.beside_loader(embed::RESIZER)),
        )
    }

    /// The AMP code: `amp-iframe`, resizable from the page's `embed-size`
    /// messages, at the fixed height until then, with its `overflow` button.
    pub fn amp_html(&self) -> String {
        format!(
            "<amp-iframe src=\"{}\"\n            layout=\"fixed-height\" height=\"{}\" resizable frameborder=\"0\"\n            \
             sandbox=\"{}\"\n            title=\"{}\">\n  \
             <button overflow type=\"button\">{}</button>\n  <p placeholder>{}</p>\n</amp-iframe>\n",
            escape(&self.page_url()),
            self.height(),
            self.sandbox(),
            escape(self.fallback_text),
            escape(self.fallback_text),
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
        Release {
            loader: "news-headlines/0.1.0/news-headlines.js".into(),
            integrity: "sha384-abc+/=".into(),
            resizer_integrity: Some("sha384-def".into()),
        }
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

    #[test]
    fn the_iframe_code_pins_the_versioned_embed_page_and_resizer_with_the_documented_sandbox() {
        let release = release();
        let attributes = [("heading", "Around & about".to_owned()), ("limit", "5".to_owned())];
        let embed = Embed {
            release: &release,
            base: "https://cdn.example/widgets/",
            feed: "https://news.example/feed.json?a=1&b=2",
            attributes: &attributes,
            fallback_href: "https://news.example/",
            fallback_text: "Around & about",
        };
        let page = "https://cdn.example/widgets/news-headlines/0.1.0/embed.html\
                    ?src=https%3A%2F%2Fnews.example%2Ffeed.json%3Fa%3D1%26b%3D2&heading=Around+%26+about&limit=5";
        assert_eq!(embed.page_url(), page);
        assert_eq!(
            embed.iframe_html(),
            format!(
                "<iframe src=\"{}\"\n        sandbox=\"allow-scripts allow-popups allow-popups-to-escape-sandbox\"\n        \
                 title=\"Around &amp; about\" width=\"100%\" height=\"872\" style=\"border:0\" loading=\"lazy\"></iframe>\n\
                 <script src=\"https://cdn.example/widgets/news-headlines/0.1.0/resizer.js\" integrity=\"sha384-def\" \
                 crossorigin=\"anonymous\" async></script>\n",
                page.replace('&', "&amp;")
            )
        );
        assert_eq!(embed::fixed_height(5), 872);
        let amp = embed.amp_html();
        assert!(amp.starts_with(&format!("<amp-iframe src=\"{}\"", page.replace('&', "&amp;"))), "{amp}");
        for part in [
            " layout=\"fixed-height\" height=\"872\" resizable",
            "<button overflow",
            "<p placeholder>Around &amp; about</p>",
        ] {
            assert!(amp.contains(part), "{part} in {amp}");
        }
        assert!(amp.contains("sandbox=\"allow-scripts allow-popups allow-popups-to-escape-sandbox\""), "{amp}");
    }

    #[test]
    fn a_top_target_adds_top_navigation_on_a_click_and_the_limit_sets_the_height() {
        let release = release();
        let attributes = [("target", "_TOP".to_owned())];
        let embed = Embed {
            release: &release,
            base: "https://cdn.example",
            feed: "https://news.example/feed.json",
            attributes: &attributes,
            fallback_href: "https://news.example/",
            fallback_text: "News",
        };
        let html = embed.iframe_html();
        assert!(html.contains(&format!("allow-popups-to-escape-sandbox {}\"", embed::SANDBOX_TOP)), "{html}");
        assert!(html.contains(&format!("height=\"{}\"", embed::fixed_height(10))), "the default limit: {html}");
    }
}
