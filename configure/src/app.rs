//! The page: the state (a [`Setup`] read from and written to the page URL),
//! the feed check that follows the feed URL, the release manifest, and the
//! four sections: the feed, the options, the live preview and the code.

use crate::browser;
use crate::check;
use crate::code::Code;
use crate::controls::Controls;
use crate::feed_field::FeedField;
use crate::offer::Check;
use crate::preview::Preview;
use crate::release;
use crate::setup::Setup;
use crate::snippet::Release;
use crate::summary::Summary;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Mounts the configurator on the page's body.
pub fn mount() {
    leptos::mount::mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    let setup = RwSignal::new(Setup::from_query(&browser::query()));
    let ui = Memo::new(move |_| setup.with(|s| s.ui));
    let feed = Memo::new(move |_| setup.with(|s| s.feed.trim().to_owned()));
    let feed_url = Memo::new(move |_| browser::http_url(&feed.get(), None));
    let check = RwSignal::new(Check::Idle);
    let release = RwSignal::new(None::<Result<Release, String>>);

    Effect::new(move |_| browser::replace_query(&setup.with(Setup::to_query)));
    Effect::new(move |_| browser::set_document(ui.get(), ui.get().words().title));
    Effect::new(move |_| {
        match feed_url.get() {
            None if feed.with(String::is_empty) => check.set(Check::Idle),
            None => check.set(Check::NotAUrl),
            Some(url) => {
                check.set(Check::Checking);
                spawn_local(async move {
                    let verdict = check::check(&url).await;
                    // A newer URL has its own check under way.
                    if feed_url.get_untracked().as_deref() == Some(url.as_str()) {
                        check.set(Check::Done(verdict));
                    }
                });
            }
        }
    });
    spawn_local(async move { release.set(Some(release::load().await)) });

    let words = move || ui.get().words();
    let switch = move |_| setup.update(|s| s.ui = s.ui.other());
    view! {
        <header class="masthead">
            <div class="wrap">
                <div class="top">
                    <a href="./">{move || words().demo}</a>
                    <button type="button" class="switch" lang=move || ui.get().other().code() on:click=switch>
                        {move || words().switch}
                    </button>
                </div>
                <h1>{move || words().title}</h1>
                <p class="intro">{move || words().intro}</p>
            </div>
        </header>
        <main class="wrap layout">
            <div class="settings">
                <section aria-labelledby="feed-heading">
                    <h2 id="feed-heading">{move || words().feed_heading}</h2>
                    <FeedField setup ui />
                    <Summary setup check ui />
                </section>
                <section aria-labelledby="options-heading">
                    <h2 id="options-heading">{move || words().options_heading}</h2>
                    <Controls setup check ui />
                </section>
            </div>
            <div class="results">
                <section aria-labelledby="preview-heading">
                    <h2 id="preview-heading">{move || words().preview_heading}</h2>
                    <p class="note">{move || words().preview_note}</p>
                    <Preview setup feed_url check ui />
                </section>
                <section aria-labelledby="code-heading">
                    <h2 id="code-heading">{move || words().code_heading}</h2>
                    <Code setup feed_url check release ui />
                </section>
            </div>
        </main>
    }
}
