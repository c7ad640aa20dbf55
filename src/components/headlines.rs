use super::headline_item::HeadlineItem;
use super::status_line::StatusLine;
use crate::config::{Config, Direction};
use crate::feed::Item;
use crate::i18n::Strings;
use crate::state::{LoadState, Phase};
use leptos::prelude::*;

/// The whole widget: heading, list of headlines and status line, in the
/// widget's language and direction. Rows are keyed by item, so an item that
/// stays in the feed keeps its `<li>` across updates.
#[component]
pub fn Headlines(
    /// The element's attributes.
    #[prop(into)]
    config: Signal<Config>,
    /// The feed and its freshness (written by the pause control).
    state: RwSignal<LoadState>,
    /// The current time (ms), ticking coarsely.
    #[prop(into)]
    now: Signal<f64>,
) -> impl IntoView {
    let lang = Memo::new(move |_| {
        config
            .with(|c| c.lang.clone())
            .or_else(|| state.with(|s| s.feed.as_ref().and_then(|f| f.language.clone())))
            .or_else(page_language)
            .unwrap_or_else(|| "en".into())
    });
    let dir = Memo::new(move |_| config.with(|c| c.dir).unwrap_or_else(|| Direction::of_language(&lang.read())));
    let strings = Signal::derive(move || Strings::for_language(&lang.read()));
    let phase = Memo::new(move |_| state.with(LoadState::phase));
    let heading = move || {
        config
            .with(|c| c.heading.clone())
            .or_else(|| state.with(|s| s.feed.as_ref().and_then(|f| f.title.clone())))
            .unwrap_or_else(|| strings.get().fallback_heading.into())
    };
    let rows = Memo::new(move |_| {
        config.with(|c| {
            state.with(|s| {
                let Some(feed) = &s.feed else {
                    return Vec::new();
                };
                feed.headlines(c.tag.as_deref(), c.limit).cloned().collect::<Vec<Item>>()
            })
        })
    });
    let target = Signal::derive(move || config.with(|c| c.target.clone()));
    let images = Signal::derive(move || config.with(|c| c.images));
    let lang_signal = Signal::from(lang);
    let is_empty = move || phase.get() != Phase::Loading && rows.with(Vec::is_empty);
    let announcement = move || {
        let arrived = state.with(|s| rows.with(|rows| s.just_arrived(rows.iter().map(|item| item.id.as_str()))));
        strings.get().new_headlines(arrived)
    };
    let live = Signal::derive(move || config.with(|c| c.refresh_secs.is_some()));

    view! {
        <section part="container" class="nh" lang=lang dir=move || dir.get().as_str() aria-labelledby="nh-heading">
            <h2 part="heading" id="nh-heading">{heading}</h2>
            <Show when=move || phase.get() == Phase::Loading>
                <div class="skeleton" aria-hidden="true"><span></span><span></span><span></span></div>
            </Show>
            <ol part="list">
                <For each=move || rows.get() key=Item::revision let(item)>
                    <HeadlineItem
                        fresh=Signal::derive({
                            let id = item.id.clone();
                            move || state.with(|s| s.is_new(&id, now.get()))
                        })
                        item
                        lang=lang_signal
                        now
                        target
                        badge=Signal::derive(move || strings.get().new_badge)
                        images
                    />
                </For>
            </ol>
            <Show when=move || is_empty() && phase.get() != Phase::Error>
                <p class="empty">{move || strings.get().empty}</p>
            </Show>
            <StatusLine state now lang=lang_signal live />
            <p class="visually-hidden" aria-live="polite">{announcement}</p>
            <Show when=move || phase.get() == Phase::Error>
                <slot></slot>
            </Show>
        </section>
    }
}

/// The page's own `lang`, when it has one.
fn page_language() -> Option<String> {
    let lang = web_sys::window()?.document()?.document_element()?.get_attribute("lang")?;
    let lang = lang.trim();
    (!lang.is_empty() && lang.len() <= 35 && lang.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        .then(|| lang.to_owned())
}
