use super::context;
use crate::feed::Item;
use crate::i18n::Strings;
use crate::intl::time_ago;
use crate::url_policy;
use leptos::prelude::*;

/// One headline: the link, the dateline run into the teaser, and the time.
/// Feed text is only ever set as text; the link only if the URL policy allows.
#[component]
pub fn HeadlineItem(item: Item) -> impl IntoView {
    let ctx = context();
    let Item { id, url, title, teaser, dateline, published, image, .. } = item;
    let fresh = {
        let id = id.clone();
        Memo::new(move |_| ctx.state.with(|s| s.is_new(&id, ctx.now.get())))
    };
    let image = image.as_deref().and_then(url_policy::resolve);
    let thumbnail = move || {
        let src = image.clone().filter(|_| ctx.config.with(|c| c.images))?;
        Some(view! { <img part="image" src=src alt="" loading="lazy" decoding="async" width="96" height="64" /> })
    };
    let href = url.as_deref().and_then(url_policy::resolve);
    let linked = href.is_some();
    // The dateline runs into the teaser, as on the article pages.
    let summary = (dateline.is_some() || teaser.is_some()).then(|| {
        view! {
            <p part="teaser" dir="auto">
                {dateline.map(|d| view! { <span part="dateline">{d}</span> " " })}
                {teaser}
            </p>
        }
    });
    let time = published.map(|p| {
        let epoch_ms = p.epoch_ms;
        view! { <time part="time" datetime=p.rfc3339>{move || time_ago(&ctx.lang.read().tag, epoch_ms, ctx.now.get())}</time> }
    });
    view! {
        <li part="item" data-id=id data-new=move || fresh.get().then_some("")>
            {thumbnail}
            <a
                part="link"
                dir="auto"
                href=href
                target=move || linked.then(|| ctx.config.with(|c| c.target.clone()))
                rel=linked.then_some("noopener")
            >
                {title}
            </a>
            {move || {
                fresh
                    .get()
                    .then(|| view! { <span part="badge" class="badge">{Strings::of(&ctx.lang.read()).new_badge}</span> })
            }}
            {summary}
            {time}
        </li>
    }
}
