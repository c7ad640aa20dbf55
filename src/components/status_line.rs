use crate::i18n::Strings;
use crate::intl::time_ago;
use crate::state::{LoadState, Phase};
use leptos::prelude::*;

/// The status line: loading, "Updated … ago", stale, or the error's cause.
#[component]
pub fn StatusLine(state: Signal<LoadState>, now: Signal<f64>, lang: Signal<String>) -> impl IntoView {
    let text = move || {
        let strings = Strings::for_language(&lang.read());
        state.with(|s| {
            let ago = || s.updated_at.map(|at| time_ago(&lang.read(), at, now.get())).unwrap_or_default();
            match s.phase() {
                Phase::Loading => strings.loading.to_owned(),
                Phase::Ready => Strings::fill(strings.updated, &ago()),
                Phase::Stale => Strings::fill(strings.stale, &ago()),
                Phase::Error => s.failure.as_ref().map(|f| f.message.clone()).unwrap_or_default(),
            }
        })
    };
    view! { <p part="status" class="status" data-phase=move || state.with(|s| s.phase().as_str())>{text}</p> }
}
