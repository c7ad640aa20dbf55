use crate::context::WidgetContext;
use crate::i18n::{Key, Words};
use crate::intl::time_ago;
use crate::state::Phase;
use leptos::prelude::*;

/// The status line: loading, "Updated … ago", stale, or the error's cause;
/// with a control to pause live updates (WCAG 2.2.2), which the stylesheet
/// shows only for live widgets that have headlines.
#[component]
pub fn StatusLine(
    /// The widget it belongs to.
    context: WidgetContext,
) -> impl IntoView {
    let ctx = context;
    let state = ctx.state;
    let words = ctx.words;
    let text = move || {
        let words = words.read();
        let words = Words::reading(&words);
        state.with(|s| {
            let ago = || s.updated_at.map(|at| time_ago(&ctx.lang.read().tag, at, ctx.now.get())).unwrap_or_default();
            match s.phase() {
                Phase::Loading => words.get(Key::Loading).to_owned(),
                Phase::Ready => words.fill(Key::Updated, &ago()),
                Phase::Stale => words.fill(Key::Stale, &ago()),
                Phase::Error => s.failure.as_ref().map(|f| words.failure(&f.cause)).unwrap_or_default(),
            }
        })
    };
    let paused = move || state.with(|s| s.paused);
    let label = move || Words::reading(&words.read()).get(if paused() { Key::Resume } else { Key::Pause }).to_owned();
    view! {
        <p part="status" class="status">
            <span>{text}</span>
            <button
                part="pause"
                type="button"
                aria-pressed=move || if paused() { "true" } else { "false" }
                on:click=move |_| state.update(|s| s.set_paused(!s.paused))
            >
                {label}
            </button>
        </p>
    }
}
