use crate::feed::Item;
use crate::intl::time_ago;
use crate::url_policy;
use leptos::prelude::*;

/// One headline: the link, the dateline run into the teaser, and the time.
/// Feed text is only ever set as text; the link only if the URL policy allows.
#[component]
pub fn HeadlineItem(
    item: Item,
    /// Whether the item arrived with the latest update.
    fresh: Signal<bool>,
    lang: Signal<String>,
    now: Signal<f64>,
    target: Signal<String>,
    /// The "New" badge's text.
    badge: Signal<&'static str>,
    /// Whether thumbnails are shown.
    images: Signal<bool>,
) -> impl IntoView {
    let Item { id, url, title, teaser, dateline, published, image, .. } = item;
    let image = image.as_deref().and_then(url_policy::resolve);
    let thumbnail = move || {
        let src = image.clone().filter(|_| images.get())?;
        Some(view! { <img part="image" src=src alt="" loading="lazy" decoding="async" width="96" height="64" /> })
    };
    let href = url.as_deref().and_then(url_policy::resolve);
    let linked = href.is_some();
    let summary = match (dateline, teaser) {
        (dateline, Some(teaser)) => Some(
            view! {
                <p part="teaser" dir="auto">
                    {dateline.map(|d| view! { <span part="dateline">{d}</span> " " })}
                    {teaser}
                </p>
            }
            .into_any(),
        ),
        (Some(dateline), None) => Some(view! { <span part="dateline">{dateline}</span> }.into_any()),
        (None, None) => None,
    };
    let time = published.map(|p| {
        let epoch_ms = p.epoch_ms;
        view! { <time part="time" datetime=p.rfc3339>{move || time_ago(&lang.read(), epoch_ms, now.get())}</time> }
    });
    view! {
        <li part="item" data-id=id data-new=move || fresh.get().then_some("")>
            {thumbnail}
            <a
                part="link"
                dir="auto"
                href=href
                target=move || linked.then(|| target.get())
                rel=linked.then_some("noopener")
            >
                {title}
            </a>
            {move || fresh.get().then(|| view! { <span part="badge" class="badge">{badge.get()}</span> })}
            {summary}
            {time}
        </li>
    }
}
