//! What a feed offers a publisher, and what the check of a feed found: the
//! feed's title, language and number of items, the tags `tag` can choose
//! from and how many items have an image; or why the widget could not use it.

use news_headlines::feed::Feed;
use news_headlines::url_policy;

/// What a usable feed offers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Offer {
    /// The feed's `title`.
    pub title: Option<String>,
    /// The feed's `language`.
    pub language: Option<String>,
    /// Usable items (the widget reads at most 500).
    pub items: usize,
    /// Every tag, once (compared the way `tag` compares them, ignoring case),
    /// the most used first, then in feed order.
    pub tags: Vec<String>,
    /// Items with an image.
    pub with_images: usize,
    /// The feed's `home_page_url` if it may be a link (http(s) or relative).
    pub home_page_url: Option<String>,
}

impl Offer {
    /// What `feed` offers.
    pub fn of(feed: &Feed) -> Offer {
        let mut counted: Vec<(String, usize)> = Vec::new();
        for tag in feed.items.iter().flat_map(|item| &item.tags) {
            match counted.iter_mut().find(|(seen, _)| seen.eq_ignore_ascii_case(tag)) {
                Some((_, count)) => *count += 1,
                None => counted.push((tag.clone(), 1)),
            }
        }
        // A stable sort: equally used tags stay in feed order.
        counted.sort_by(|(_, a), (_, b)| b.cmp(a));
        Offer {
            title: feed.title.clone(),
            language: feed.language.clone(),
            items: feed.items.len(),
            tags: counted.into_iter().map(|(tag, _)| tag).collect(),
            with_images: feed.items.iter().filter(|item| item.image.is_some()).count(),
            home_page_url: feed.home_page_url.clone().filter(|url| url_policy::is_allowed(url)),
        }
    }
}

/// What checking a feed found.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// A feed the widget shows.
    Usable(Offer),
    /// The widget could not use it: what the widget itself would say, and
    /// what the configurator found out beyond that.
    Unusable {
        /// The widget's own message.
        widget: String,
        /// Why, when the widget's message cannot tell.
        why: Option<Why>,
    },
}

/// What the widget's message cannot tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// Nothing answered at the address.
    Unreachable,
    /// The server answered, without a CORS header for this origin.
    NoCors,
    /// A JSON Feed with no usable item.
    NoItems,
}

/// Where the feed check stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Check {
    /// No feed URL yet.
    Idle,
    /// A feed URL that is not an http(s) URL.
    NotAUrl,
    /// Fetching.
    Checking,
    /// Done.
    Done(Verdict),
}

impl Check {
    /// The feed on offer, once the check found it usable.
    pub fn offer(&self) -> Option<&Offer> {
        match self {
            Check::Done(Verdict::Usable(offer)) => Some(offer),
            _ => None,
        }
    }
}

impl Verdict {
    /// The verdict on a feed that was read: usable if it has items.
    pub fn of(feed: &Feed) -> Verdict {
        if feed.items.is_empty() {
            let widget = news_headlines::i18n::EN.empty;
            return Verdict::Unusable { widget: widget.to_owned(), why: Some(Why::NoItems) };
        }
        Verdict::Usable(Offer::of(feed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed(json: serde_json::Value) -> Feed {
        Feed::parse(&json.to_string()).unwrap()
    }

    #[test]
    fn a_feed_offers_its_title_language_items_tags_by_use_and_images() {
        let feed = feed(serde_json::json!({
            "version": "https://jsonfeed.org/version/1.1", "title": "World", "language": "ar",
            "home_page_url": "https://news.example/",
            "items": [
                {"id": "1", "title": "One", "tags": ["Iran", "world"], "image": "https://img.example/1.jpg"},
                {"id": "2", "title": "Two", "tags": ["sport", "iran"]},
                {"id": "3", "title": "Three", "tags": ["World"], "banner_image": "/banner.png"},
                {"id": "4"},
            ],
        }));
        let offer = Offer::of(&feed);
        assert_eq!(
            offer,
            Offer {
                title: Some("World".into()),
                language: Some("ar".into()),
                items: 3,
                tags: vec!["Iran".into(), "world".into(), "sport".into()],
                with_images: 2,
                home_page_url: Some("https://news.example/".into()),
            }
        );
        assert_eq!(Verdict::of(&feed), Verdict::Usable(offer));
    }

    #[test]
    fn a_home_page_that_may_not_be_a_link_is_not_offered() {
        let feed = feed(serde_json::json!({
            "version": "https://jsonfeed.org/version/1", "home_page_url": "javascript:alert(1)",
            "items": [{"id": "1", "title": "One"}],
        }));
        assert_eq!(Offer::of(&feed).home_page_url, None);
    }

    #[test]
    fn a_feed_without_usable_items_gets_the_widget_s_empty_message() {
        let feed = feed(serde_json::json!({
            "version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1"}, {"title": "no id"}],
        }));
        assert_eq!(
            Verdict::of(&feed),
            Verdict::Unusable { widget: "No headlines right now.".into(), why: Some(Why::NoItems) }
        );
    }
}
