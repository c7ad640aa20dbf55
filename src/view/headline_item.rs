use super::WidgetContext;
use crate::feed::Item;
use crate::i18n::Strings;
use crate::intl::headline_time;
use crate::report::Report;
use crate::url_policy;
use leptos::ev::MouseEvent;
use leptos::prelude::*;

/// One headline: the link, the dateline run into the teaser, and the time.
/// Feed text is only ever set as text; the link only if the URL policy allows.
#[component]
pub fn HeadlineItem(
    /// The headline.
    item: Item,
    /// The widget it belongs to.
    context: WidgetContext,
) -> impl IntoView {
    let ctx = context;
    let Item { id, url, title, teaser, dateline, published, image, .. } = item;
    let fresh = {
        let id = id.clone();
        move || ctx.state.with(|s| s.is_new(&id, ctx.now.get()))
    };
    let fresh_badge = fresh.clone();
    let image = image.as_deref().and_then(|raw| url_policy::resolve(raw, None));
    let shows_image = image.is_some();
    let with_image = move || shows_image && ctx.config.with(|c| c.images);
    let thumbnail = move || {
        let src = image.clone().filter(|_| with_image())?;
        Some(view! { <img part="image" src=src alt="" loading="lazy" decoding="async" width="96" height="64" /> })
    };
    // The link follows the `link-params` attribute; `linked` only the policy.
    let href =
        move || url.as_deref().and_then(|raw| ctx.config.with(|c| url_policy::resolve(raw, c.link_params.as_deref())));
    let linked = href().is_some();
    // Opening a headline is reported as it happens; navigation is not held up.
    let opened = {
        let (id, href) = (id.clone(), href.clone());
        move || {
            let Some(url) = href() else { return };
            let position =
                ctx.shown.with_untracked(|ids| ids.iter().position(|shown| *shown == id)).map_or(0, |i| i + 1);
            let feed =
                ctx.config.with_untracked(|c| c.src.as_deref().and_then(url_policy::absolute)).unwrap_or_default();
            ctx.report(&Report::Opened { id: id.clone(), url, position, feed });
        }
    };
    let opened_by_middle_click = opened.clone();
    // Its place in the list, for the stylesheet to move it there.
    let index = {
        let id = id.clone();
        move || ctx.shown.with(|ids| ids.iter().position(|shown| *shown == id)).unwrap_or_default().to_string()
    };
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
        let epoch_ms = p.epoch_ms;
        let told = move || {
            let dates = ctx.config.with(|c| c.dates);
            headline_time(&ctx.lang.read().tag, epoch_ms, ctx.now.get(), dates)
        };
        view! {
            <time
                part="time"
                datetime=p.rfc3339
                title=move || told().map(|(_, full)| full)
                hidden=move || told().is_none()
            >
                {move || told().map(|(text, _)| text).unwrap_or_default()}
            </time>
        }
    });
    view! {
        <li
            part="item"
            data-id=id
            data-new=move || fresh().then_some("")
            data-image=move || with_image().then_some("")
            style:--i=index
        >
            {thumbnail}
            <a
                part="link"
                dir="auto"
                href=href
                target=move || linked.then(|| ctx.config.with(|c| c.target.clone()))
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
            <span part="badge" class="badge" hidden=move || !fresh_badge()>
                {move || Strings::of(&ctx.lang.read()).new_badge}
            </span>
            {summary}
            {time}
        </li>
    }
}
