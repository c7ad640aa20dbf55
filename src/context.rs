//! A widget's context: what every part of a widget needs (its
//! configuration, its data, the coarse clock, the language it speaks and
//! where it reports to), as one `Copy` value. The view's components and the
//! live connection both depend on it; it depends on neither.

use crate::attributes::Config;
use crate::lang::{self, Lang};
use crate::report::{Report, Reporter};
use crate::state::LoadState;
use leptos::prelude::*;

/// What every component of a widget needs: its configuration, its data, the
/// coarse clock, the language it speaks, and where it reports to. All `Copy`
/// handles.
#[derive(Clone, Copy)]
pub struct WidgetContext {
    /// The attributes (or props), read.
    pub config: RwSignal<Config>,
    /// The feed and its freshness (written by the live connection and the pause control).
    pub state: RwSignal<LoadState>,
    /// The current time (ms since the epoch), ticking coarsely.
    pub now: RwSignal<f64>,
    /// The language and direction, from [`lang::resolve`].
    pub lang: Memo<Lang>,
    /// The ids of the headlines shown (under `tag` and `limit`), in order.
    pub shown: Memo<Vec<String>>,
    /// Whoever embeds the widget.
    reporter: StoredValue<Reporter, LocalStorage>,
}

impl WidgetContext {
    /// A context over these signals, reporting to `reporter`; the language
    /// memo is created in the current owner.
    pub fn new(
        config: RwSignal<Config>,
        state: RwSignal<LoadState>,
        now: RwSignal<f64>,
        reporter: Reporter,
    ) -> WidgetContext {
        let lang = Memo::new(move |_| {
            let (tag, dir) = config.with(|c| (c.lang.clone(), c.dir));
            let feed = state.with(|s| s.feed.as_ref().and_then(|f| f.language.clone()));
            lang::resolve(tag.as_deref(), dir, feed.as_deref(), page_language().as_deref())
        });
        let shown = Memo::new(move |_| config.with(|c| state.with(|s| s.shown_ids(c.tag.as_deref(), c.limit))));
        WidgetContext { config, state, now, lang, shown, reporter: StoredValue::new_local(reporter) }
    }

    /// Tells the embedder.
    pub fn report(&self, report: &Report) {
        if let Some(reporter) = self.reporter.try_get_value() {
            reporter(report);
        }
    }
}

/// The page's own `lang`, when it has one.
fn page_language() -> Option<String> {
    web_sys::window()?.document()?.document_element()?.get_attribute("lang")
}
