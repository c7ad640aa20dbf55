//! What the feed check found: what the feed offers (title, language, items,
//! the tags `tag` can choose from, images, home page), or why the widget
//! cannot use it, in the widget's own words and then the configurator's.

use crate::browser;
use crate::offer::{Check, Offer, Verdict, Why};
use crate::setup::{Setup, Ui};
use leptos::prelude::*;
use news_headlines::attributes::TAG;

/// The check's outcome, announced politely as it changes.
#[component]
pub fn Summary(setup: RwSignal<Setup>, check: RwSignal<Check>, ui: Memo<Ui>) -> impl IntoView {
    view! {
        <div id="feed-verdict" class="verdict" aria-live="polite">
            {move || {
                let words = ui.get().words();
                match check.get() {
                    Check::Idle => view! { <p class="note">{words.no_feed}</p> }.into_any(),
                    Check::NotAUrl => view! { <p class="error">{words.not_a_url}</p> }.into_any(),
                    Check::Checking => view! { <p class="note">{words.checking}</p> }.into_any(),
                    Check::Done(Verdict::Usable(offer)) => view! { <Offered offer setup ui /> }.into_any(),
                    Check::Done(Verdict::Unusable { widget, why }) => {
                        let why = why.map(|why| match why {
                            Why::Unreachable => words.unreachable.to_owned(),
                            Why::NoCors => format!("{} {}", words.no_cors, browser::origin()),
                            Why::NoItems => words.no_items.to_owned(),
                        });
                        view! {
                            <div class="error">
                                <p>{words.widget_says} " " <q class="widget-message">{widget}</q></p>
                                {why.map(|why| view! { <p class="why">{why}</p> })}
                            </div>
                        }
                        .into_any()
                    }
                }
            }}
        </div>
    }
}

/// What a usable feed offers; its tags are buttons that set `tag`.
#[component]
fn Offered(offer: Offer, setup: RwSignal<Setup>, ui: Memo<Ui>) -> impl IntoView {
    let words = move || ui.get().words();
    let chosen = Memo::new(move |_| setup.with(|s| s.value(TAG.name)));
    let tags = offer
        .tags
        .iter()
        .map(|tag| {
            let tag = tag.clone();
            let pressed = {
                let tag = tag.clone();
                move || chosen.get().eq_ignore_ascii_case(&tag).to_string()
            };
            let choose = {
                let tag = tag.clone();
                move |_| {
                    setup.update(|s| {
                        let next = if s.value(TAG.name).eq_ignore_ascii_case(&tag) { "" } else { tag.as_str() };
                        s.set(TAG.name, next);
                    })
                }
            };
            view! {
                <li>
                    <button type="button" class="tag" aria-pressed=pressed on:click=choose>
                        {tag}
                    </button>
                </li>
            }
        })
        .collect_view();
    let no_tags = offer.tags.is_empty();
    let home = offer.home_page_url.clone();
    view! {
        <h3>{move || words().offers}</h3>
        <dl class="offer">
            <dt>{move || words().feed_title}</dt>
            <dd class="feed-title">{offer.title.clone().unwrap_or_else(|| words().not_given.to_owned())}</dd>
            <dt>{move || words().language}</dt>
            <dd class="feed-language">{offer.language.clone().unwrap_or_else(|| words().no_language.to_owned())}</dd>
            <dt>{move || words().items}</dt>
            <dd class="feed-items">{offer.items}</dd>
            <dt>{move || words().tags}</dt>
            <dd class="feed-tags">
                {if no_tags {
                    words().not_given.into_any()
                } else {
                    view! { <ul class="tags">{tags}</ul> }.into_any()
                }}
            </dd>
            <dt>{move || words().images}</dt>
            <dd class="feed-images">{move || ui.get().images_count(offer.with_images, offer.items)}</dd>
            <dt>{move || words().home_page}</dt>
            <dd class="feed-home">
                {match home {
                    Some(home) => view! { <code>{home}</code> }.into_any(),
                    None => words().no_home_page.into_any(),
                }}
            </dd>
        </dl>
    }
}
