//! A copy button: writes its text to the clipboard, or, where the browser
//! refuses, selects it for the reader to copy; either way it says so
//! (a polite status, read by screen readers).

use crate::browser;
use crate::setup::Ui;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What the last press did.
#[derive(Clone, Copy, PartialEq)]
enum Done {
    Copied,
    Selected,
}

/// Copies `text` (shown in the field `target`).
#[component]
pub fn CopyButton(
    target: &'static str,
    text: Signal<String>,
    label: Signal<&'static str>,
    ui: Memo<Ui>,
) -> impl IntoView {
    let done = RwSignal::new(None::<Done>);
    // A new text has not been copied yet.
    Effect::new(move |_| {
        text.track();
        done.set(None);
    });
    let copy = move |_| {
        let text = text.get_untracked();
        spawn_local(async move {
            let copied = browser::copy_to_clipboard(&text).await;
            if !copied {
                browser::select(target);
            }
            done.set(Some(if copied { Done::Copied } else { Done::Selected }));
        });
    };
    let said = move || {
        let words = ui.get().words();
        done.get().map(|done| match done {
            Done::Copied => words.copied,
            Done::Selected => words.selected,
        })
    };
    view! {
        <div class="copy">
            <button type="button" disabled=move || text.with(String::is_empty) on:click=copy>
                {label}
            </button>
            <span role="status" class="done">{said}</span>
        </div>
    }
}
