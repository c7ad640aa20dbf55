use super::rows::rows;
use super::status_line::StatusLine;
use crate::context::WidgetContext;
use crate::feed::Item;
use crate::i18n::{Key, Words};
use crate::intl;
use crate::state::{LoadState, Phase};
use leptos::prelude::*;

/// The whole widget: heading, list of headlines and status line, in the
/// widget's language and direction. Rows are keyed by item, so an item that
/// stays in the feed keeps its `<li>` across updates.
#[component]
pub fn Headlines(
    /// The widget's signals, handed to every component inside.
    context: WidgetContext,
) -> impl IntoView {
    let WidgetContext { config, state, lang, shown, words, .. } = context;
    let phase = move || state.with(LoadState::phase);
    let heading = move || {
        config
            .with(|c| c.heading.clone())
            .or_else(|| state.with(|s| s.feed.as_ref().and_then(|f| f.title.clone())))
            .unwrap_or_else(|| Words::reading(&words.read()).get(Key::Heading).to_owned())
    };
    let items = move || {
        config.with(|c| {
            state.with(|s| {
                let headlines = s.feed.iter().flat_map(|feed| feed.headlines(c.tag.as_deref(), c.limit));
                headlines.cloned().collect::<Vec<Item>>()
            })
        })
    };
    let is_empty = move || matches!(phase(), Phase::Ready | Phase::Stale) && shown.with(Vec::is_empty);
    let announcement = move || {
        let arrived = shown.with(|ids| state.with(|s| s.just_arrived(ids.iter().map(String::as_str))));
        if arrived == 0 {
            return String::new();
        }
        let (category, digits) = intl::counted(&lang.read().tag, arrived);
        Words::reading(&words.read()).new_headlines(arrived, &category, &digits)
    };
    let live = move || config.with(|c| c.refresh_secs.is_some());

    // What shows in each phase (placeholder, empty note, fallback, pause
    // control) and the theme are decided by the stylesheet from these
    // attributes: no view is swapped. The box's height follows `--rows`
    // alone, so it never changes while the feed loads, updates or fails.
    view! {
        <section
            part="container"
            class="nh"
            lang=move || lang.read().tag.clone()
            dir=move || lang.read().dir.as_str()
            data-theme=move || config.with(|c| c.theme.as_str())
            data-phase=move || phase().as_str()
            data-empty=move || is_empty().then_some("")
            data-live=move || live().then_some("")
            style:--rows=move || config.with(|c| c.limit).to_string()
            aria-labelledby="nh-heading"
        >
            <h2 part="heading" id="nh-heading">{heading}</h2>
            <ol part="list">
                {rows(context, items)}
            </ol>
            <p class="empty">{move || Words::reading(&words.read()).get(Key::Empty).to_owned()}</p>
            <StatusLine context />
            <p class="visually-hidden" aria-live="polite">{announcement}</p>
            <slot></slot>
        </section>
    }
}
