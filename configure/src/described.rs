//! A description from the attribute table, with its `code` spans as `<code>`.

use crate::words::code_spans;
use leptos::prelude::*;

/// `text`, its backticked parts in `<code>`.
#[component]
pub fn Described(#[prop(into)] text: Signal<&'static str>) -> impl IntoView {
    move || {
        code_spans(text.get())
            .into_iter()
            .map(|(code, part)| if code { view! { <code>{part}</code> }.into_any() } else { part.into_any() })
            .collect_view()
    }
}
