use crate::context::WidgetContext;
use crate::feed::Item;
use crate::i18n::{Key, Words};
use crate::intl::headline_time;
use crate::report::Report;
use crate::url_policy;
use leptos::ev::MouseEvent;
use leptos::prelude::*;

/// What a row shows that changes while it stays.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Look {
    /// Arrived in the last two minutes (the "New" badge).
    pub fresh: bool,
    /// Its place in the list, from 0.
    pub index: usize,
    /// The link, with the `link-params` (none if the URL policy refuses it).
    pub href: Option<String>,
    /// The link's target.
    pub target: String,
    /// Thumbnails are on and this item has one the URL policy allows.
    pub image: bool,
    /// The time as `dates` tells it, and the full date for its tooltip.
    pub time: Option<(String, String)>,
    /// The badge's word, in the widget's language (or the publisher's).
    pub badge: String,
}

impl Look {
    /// The look of `item` now.
    pub fn of(context: WidgetContext, item: &Item, has_image: bool) -> Look {
        let WidgetContext { config, state, now, lang, shown, words, .. } = context;
        let now = now.get_untracked();
        config.with_untracked(|c| {
            lang.with_untracked(|lang| Look {
                fresh: state.with_untracked(|s| s.is_new(&item.id, now)),
                index: shown.with_untracked(|ids| ids.iter().position(|id| *id == item.id)).unwrap_or_default(),
                href: item.url.as_deref().and_then(|raw| url_policy::resolve(raw, c.link_params.as_deref())),
                target: c.target.clone(),
                image: has_image && c.images,
                time: item.published.as_ref().and_then(|p| headline_time(&lang.tag, p, now, c.dates)),
                badge: Words::reading(&words.read_untracked()).get(Key::New).to_owned(),
            })
        })
    }
}

/// One headline: the link, the dateline run into the teaser, and the time.
/// Feed text is only ever set as text; the link only if the URL policy
/// allows. What changes while the row stays comes from its `look`.
#[component]
pub fn HeadlineItem(
    /// The headline.
    item: Item,
    /// The item's thumbnail, resolved by the URL policy (shown when the look says so).
    image: Option<String>,
    /// What the row shows that changes (see `rows.rs`).
    look: RwSignal<Look>,
    /// The widget it belongs to.
    context: WidgetContext,
) -> impl IntoView {
    let Item { id, title, teaser, dateline, published, .. } = item;
    let thumbnail = move || {
        let src = image.clone().filter(|_| look.with(|l| l.image))?;
        Some(view! { <img part="image" src=src alt="" loading="lazy" decoding="async" width="96" height="64" /> })
    };
    let linked = look.with_untracked(|l| l.href.is_some());
    // Opening a headline (a click, Enter, a middle click) is reported as it
    // happens; navigation is not held up.
    let opened = {
        let id = id.clone();
        move || {
            let (Some(url), index) = look.with_untracked(|l| (l.href.clone(), l.index)) else { return };
            let feed = context.config.with_untracked(|c| c.src.as_deref().and_then(url_policy::absolute));
            context.report(&Report::Opened {
                id: id.clone(),
                url,
                position: index + 1,
                feed: feed.unwrap_or_default(),
            });
        }
    };
    let opened_by_middle_click = opened.clone();
    // The dateline runs into the teaser, as on the article pages.
    let summary = (dateline.is_some() || teaser.is_some()).then(|| {
        view! {
            <p part="teaser" dir="auto">
                {dateline.map(|d| view! { <span part="dateline">{d}</span> " " })}
                {teaser}
            </p>
        }
    });
    // The time as `dates` tells it, with the full date and time as its tooltip.
    let time = published.map(|p| {
        view! {
            <time
                part="time"
                datetime=p.rfc3339
                title=move || look.with(|l| l.time.as_ref().map(|(_, full)| full.clone()))
                hidden=move || look.with(|l| l.time.is_none())
            >
                {move || look.with(|l| l.time.as_ref().map(|(text, _)| text.clone()).unwrap_or_default())}
            </time>
        }
    });
    view! {
        <li
            part="item"
            data-id=id
            data-new=move || look.with(|l| l.fresh).then_some("")
            data-image=move || look.with(|l| l.image).then_some("")
            style:--i=move || look.with(|l| l.index.to_string())
        >
            {thumbnail}
            <a
                part="link"
                dir="auto"
                href=move || look.with(|l| l.href.clone())
                target=move || linked.then(|| look.with(|l| l.target.clone()))
                rel=linked.then_some("noopener")
                on:click=move |_| opened()
                on:auxclick=move |event: MouseEvent| {
                    if event.button() == 1 {
                        opened_by_middle_click()
                    }
                }
            >
                {title}
            </a>
            <span part="badge" class="badge" hidden=move || !look.with(|l| l.fresh)>
                {move || look.with(|l| l.badge.clone())}
            </span>
            {summary}
            {time}
        </li>
    }
}
