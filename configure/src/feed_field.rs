//! The feed URL field: committed (and checked) when it changes or the form
//! is sent, not on every keystroke.

use crate::described::Described;
use crate::setup::{Setup, Ui};
use leptos::prelude::*;
use news_headlines::attributes::SRC;

/// The feed URL's label, description, field and check button.
#[component]
pub fn FeedField(setup: RwSignal<Setup>, ui: Memo<Ui>) -> impl IntoView {
    let feed = Memo::new(move |_| setup.with(|s| s.feed.clone()));
    let input = NodeRef::<leptos::html::Input>::new();
    let commit = move || {
        if let Some(value) = input.get_untracked().map(|input| input.value()) {
            if feed.get_untracked() != value {
                setup.update(|s| s.feed = value);
            }
        }
    };
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        commit();
    };
    let words = move || ui.get().words();
    view! {
        <form class="feed" novalidate on:submit=on_submit>
            <label for="feed-url">{move || words().feed_label}</label>
            <p class="hint" id="feed-url-hint">
                <Described text=Signal::derive(move || ui.get().description(&SRC)) />
            </p>
            <div class="row">
                <input
                    id="feed-url"
                    node_ref=input
                    type="url"
                    dir="ltr"
                    inputmode="url"
                    autocomplete="url"
                    spellcheck="false"
                    required
                    placeholder="https://"
                    aria-describedby="feed-url-hint feed-verdict"
                    prop:value=feed
                    on:change=move |_| commit()
                />
                <button type="submit">{move || words().check}</button>
            </div>
        </form>
    }
}
