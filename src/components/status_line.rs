use crate::i18n::Strings;
use crate::intl::time_ago;
use crate::state::{LoadState, Phase};
use leptos::prelude::*;

/// The status line: loading, "Updated … ago", stale, or the error's cause;
/// with a control to pause live updates (WCAG 2.2.2) when the widget has them.
#[component]
pub fn StatusLine(
    state: RwSignal<LoadState>,
    now: Signal<f64>,
    lang: Signal<String>,
    /// Whether the widget refreshes on a timer.
    live: Signal<bool>,
) -> impl IntoView {
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
    let paused = move || state.with(|s| s.paused);
    let pausable = move || live.get() && matches!(state.with(LoadState::phase), Phase::Ready | Phase::Stale);
    let label = move || {
        let strings = Strings::for_language(&lang.read());
        if paused() {
            strings.resume
        } else {
            strings.pause
        }
    };
    view! {
        <p part="status" class="status" data-phase=move || state.with(|s| s.phase().as_str())>
            <span>{text}</span>
            <Show when=pausable>
                <button
                    part="pause"
                    type="button"
                    aria-pressed=move || if paused() { "true" } else { "false" }
                    on:click=move |_| state.update(|s| s.set_paused(!s.paused))
                >
                    {label}
                </button>
            </Show>
        </p>
    }
}
