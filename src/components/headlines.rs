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
    config: RwSignal<Config>,
    /// The feed and its freshness (written by the pause control).
    state: RwSignal<LoadState>,
    /// The current time (ms), ticking coarsely.
    now: RwSignal<f64>,
) -> impl IntoView {
    let lang = move || language(config, state);
    let dir = move || config.with(|c| c.dir).unwrap_or_else(|| Direction::of_language(&lang())).as_str();
    let strings = move || Strings::for_language(&lang());
    let phase = move || state.with(LoadState::phase);
    let heading = move || {
        config
            .with(|c| c.heading.clone())
            .or_else(|| state.with(|s| s.feed.as_ref().and_then(|f| f.title.clone())))
            .unwrap_or_else(|| strings().fallback_heading.into())
    };
    let shown = move || config.with(|c| state.with(|s| s.shown_ids(c.tag.as_deref(), c.limit)));
    let rows = move || {
        config.with(|c| {
            state.with(|s| {
                let headlines = s.feed.iter().flat_map(|feed| feed.headlines(c.tag.as_deref(), c.limit));
                headlines.cloned().collect::<Vec<Item>>()
            })
        })
    };
    let is_empty = move || matches!(phase(), Phase::Ready | Phase::Stale) && shown().is_empty();
    let announcement = move || {
        let arrived = state.with(|s| s.just_arrived(shown().iter().map(String::as_str)));
        strings().new_headlines(arrived)
    };
    let live = move || config.with(|c| c.refresh_secs.is_some());

    // What shows in each phase (skeleton, empty note, fallback, pause control)
    // is decided by the stylesheet from these attributes: no view is swapped.
    view! {
        <section
            part="container"
            class="nh"
            lang=lang
            dir=dir
            data-phase=move || phase().as_str()
            data-empty=move || is_empty().then_some("")
            data-live=move || live().then_some("")
            aria-labelledby="nh-heading"
        >
            <h2 part="heading" id="nh-heading">{heading}</h2>
            <div class="skeleton" aria-hidden="true"><span></span><span></span><span></span></div>
            <ol part="list">
                <For each=rows key=Item::revision let(item)>
                    <HeadlineItem item config state now />
                </For>
            </ol>
            <p class="empty">{move || strings().empty}</p>
            <StatusLine config state now />
            <p class="visually-hidden" aria-live="polite">{announcement}</p>
            <slot></slot>
        </section>
    }
}

/// The widget's language: the `lang` attribute, else the feed's, else the
/// page's, else English.
pub(super) fn language(config: RwSignal<Config>, state: RwSignal<LoadState>) -> String {
    config
        .with(|c| c.lang.clone())
        .or_else(|| state.with(|s| s.feed.as_ref().and_then(|f| f.language.clone())))
        .or_else(page_language)
        .unwrap_or_else(|| "en".into())
}

/// The page's own `lang`, when it has one.
fn page_language() -> Option<String> {
    let lang = web_sys::window()?.document()?.document_element()?.get_attribute("lang")?;
    let lang = lang.trim();
    (!lang.is_empty() && lang.len() <= 35 && lang.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        .then(|| lang.to_owned())
}
