//! A widget's context: what every part of a widget needs (its
//! configuration, its data, the coarse clock, the language it speaks and
//! where it reports to) and its phrases, as one `Copy` value. The view's components and the
//! live connection both depend on it; it depends on neither.

use crate::attributes::Config;
use crate::i18n::{self, Words};
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
    /// The phrases in that language, with the `strings` overrides.
    pub words: Memo<Vec<String>>,
    /// Whoever embeds the widget.
    reporter: StoredValue<Reporter, LocalStorage>,
}

/// Where a widget's phrase tables come from.
#[derive(Clone, Copy)]
pub enum Tables {
    /// Compiled in, with the `strings` overrides read in Rust: this function
    /// of the language tag and the `strings` value (the Leptos component: its
    /// app pays for the tables; a pointer, so the element's wasm links none).
    BuiltIn(fn(&str, Option<&str>) -> Words),
    /// English compiled in; the other tables and the `strings` overrides
    /// through the loader (the custom element, whose wasm every page pays
    /// for).
    Loader,
}

impl WidgetContext {
    /// A context over these signals, reporting to `reporter`, with every
    /// language's phrases built in; the memos are created in the current owner.
    pub fn new(
        config: RwSignal<Config>,
        state: RwSignal<LoadState>,
        now: RwSignal<f64>,
        reporter: Reporter,
    ) -> WidgetContext {
        WidgetContext::with_tables(config, state, now, reporter, Tables::BuiltIn(built_in))
    }

    /// A context as [`WidgetContext::new`], with the phrase tables from `tables`.
    pub fn with_tables(
        config: RwSignal<Config>,
        state: RwSignal<LoadState>,
        now: RwSignal<f64>,
        reporter: Reporter,
        tables: Tables,
    ) -> WidgetContext {
        let lang = Memo::new(move |_| {
            let (tag, dir) = config.with(|c| (c.lang.clone(), c.dir));
            let feed = state.with(|s| s.feed.as_ref().and_then(|f| f.language.clone()));
            lang::resolve(tag.as_deref(), dir, feed.as_deref(), page_language().as_deref())
        });
        let shown = Memo::new(move |_| config.with(|c| state.with(|s| s.shown_ids(c.tag.as_deref(), c.limit))));
        let words = words(config, lang, tables);
        WidgetContext { config, state, now, lang, shown, words, reporter: StoredValue::new_local(reporter) }
    }

    /// Tells the embedder.
    pub fn report(&self, report: &Report) {
        if let Some(reporter) = self.reporter.try_get_value() {
            reporter(report);
        }
    }
}

/// The phrases of the widget's language (blank while the loader fetches what
/// they need; English where the widget does not speak it or the table could
/// not be fetched), with the `strings` overrides, as [`Words::into_phrases`]:
/// `shown`'s signal type (a type of its own would cost the wasm its share of
/// Leptos' generic code). The loader has the element read its attributes
/// again when what they need arrives, which runs this again.
fn words(config: RwSignal<Config>, lang: Memo<Lang>, tables: Tables) -> Memo<Vec<String>> {
    Memo::new(move |_| {
        let strings = config.with(|c| c.strings.clone());
        let tag = &lang.read().tag;
        let words = match tables {
            Tables::BuiltIn(words) => Some(words(tag, strings.as_deref())),
            Tables::Loader => crate::phrases::from_loader(tag, strings.as_deref()),
        };
        words.unwrap_or_else(Words::pending).into_phrases()
    })
}

/// The built-in phrases of language `tag` with the `strings` value `raw`.
fn built_in(tag: &str, raw: Option<&str>) -> Words {
    let overrides = raw.map(crate::phrases::overrides).unwrap_or_default();
    Words::of(i18n::table(tag).unwrap_or(&i18n::EN)).overridden(overrides)
}

/// The page's own `lang`, when it has one.
fn page_language() -> Option<String> {
    web_sys::window()?.document()?.document_element()?.get_attribute("lang")
}
