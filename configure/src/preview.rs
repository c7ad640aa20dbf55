//! The live preview: the real `<news-headlines>`, its attributes set from the
//! configuration (only the usable, non-default ones, as in the code), so the
//! widget reconfigures itself as options change; it is created once a feed
//! URL is set and stays while the URL changes.

use crate::code::{fallback_href, fallback_text};
use crate::offer::Check;
use crate::setup::{Setup, Ui};
use leptos::attr::any_attribute::{AnyAttribute, IntoAnyAttribute};
use leptos::attr::custom::custom_attribute;
use leptos::prelude::*;
use news_headlines::attributes::{ATTRIBUTES, SRC};

/// The widget, or a note until there is a feed.
#[component]
pub fn Preview(
    setup: RwSignal<Setup>,
    feed_url: Memo<Option<String>>,
    check: RwSignal<Check>,
    ui: Memo<Ui>,
) -> impl IntoView {
    let has_feed = Memo::new(move |_| feed_url.with(Option::is_some));
    let attributes = move || -> Vec<AnyAttribute> {
        ATTRIBUTES
            .into_iter()
            .map(|attribute| {
                let name = attribute.name;
                let value = move || match name {
                    name if name == SRC.name => feed_url.get(),
                    name => setup.with(|s| s.attributes().into_iter().find(|(set, _)| *set == name).map(|(_, v)| v)),
                };
                custom_attribute(name, value).into_any_attr()
            })
            .collect()
    };
    let href = move || feed_url.get().map(|feed| check.with(|check| fallback_href(&feed, check)));
    let text = move || setup.with(|s| check.with(|check| fallback_text(s, check)));
    view! {
        <div class="preview">
            {move || {
                if has_feed.get() {
                    view! {
                        <news-headlines {..attributes()}>
                            <a href=href>{text}</a>
                        </news-headlines>
                    }
                    .into_any()
                } else {
                    view! { <p class="note">{move || ui.get().words().preview_waits}</p> }.into_any()
                }
            }}
        </div>
    }
}
