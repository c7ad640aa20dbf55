use crate::context::WidgetContext;
use crate::i18n::Strings;
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
    let strings = move || Strings::of(&ctx.lang.read());
    let text = move || {
        let strings = strings();
        state.with(|s| {
            let ago = || s.updated_at.map(|at| time_ago(&ctx.lang.read().tag, at, ctx.now.get())).unwrap_or_default();
            match s.phase() {
                Phase::Loading => strings.loading.to_owned(),
                Phase::Ready => strings.updated.with(&ago()),
                Phase::Stale => strings.stale.with(&ago()),
                Phase::Error => s.failure.as_ref().map(|f| f.message.clone()).unwrap_or_default(),
            }
        })
    };
    let paused = move || state.with(|s| s.paused);
    let label = move || if paused() { strings().resume } else { strings().pause };
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
