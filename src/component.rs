//! The widget as a Leptos component, for Leptos apps: typed props instead of
//! string attributes, the same view, defaults, clamping and live updates as
//! the `<news-headlines>` element, still style-isolated in its own shadow
//! root. See [`NewsHeadlines`].

use crate::attributes::{Config, Dates, Props, Theme};
use crate::context::WidgetContext;
use crate::hub;
use crate::lang::Direction;
use crate::live::Connection;
use crate::report::Report;
use crate::state::LoadState;
use crate::view;
use leptos::html::Div;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::rc::Rc;
use web_sys::{ShadowRootInit, ShadowRootMode};

/// A live list of headlines from a JSON Feed. Every prop may be a plain
/// value or a signal; changing one updates the widget in place (a new `src`
/// starts over on that feed, a new `refresh` re-times the updates).
///
/// ```ignore
/// use leptos::prelude::*;
/// use news_headlines::{attributes::Theme, report::Report, NewsHeadlines};
///
/// #[component]
/// fn Sidebar() -> impl IntoView {
///     let (limit, set_limit) = signal(5);
///     let on_report = Callback::new(|report: Report| leptos::logging::log!("{report:?}"));
///     view! {
///         <NewsHeadlines src="/feeds/latest-middle-east.json" heading="Latest in Middle-East" limit theme=Theme::Dark on_report />
///         <button on:click=move |_| set_limit.update(|n| *n += 5)>"More"</button>
///     }
/// }
/// ```
///
/// The example runs in a browser, so it is not a doctest: `examples/leptos-app`
/// is a whole app built this way (`trunk serve --config
/// examples/leptos-app/Trunk.toml`), driven by the end-to-end tests.
#[component]
pub fn NewsHeadlines(
    /// The feed's URL, resolved against the page.
    #[prop(into)]
    src: Signal<String>,
    /// Heading text; the feed's `title` when absent.
    #[prop(into, optional)]
    heading: MaybeProp<String>,
    /// Headlines shown, clamped to 1..=50 (default 10).
    #[prop(into, optional)]
    limit: MaybeProp<i64>,
    /// Seconds between updates; `0` never, values below 5 become 5 (default 60).
    #[prop(into, optional)]
    refresh: MaybeProp<u32>,
    /// Show only items with this tag (case-insensitive).
    #[prop(into, optional)]
    tag: MaybeProp<String>,
    /// Colour scheme (default: follows the reader's).
    #[prop(into, optional)]
    theme: MaybeProp<Theme>,
    /// Where links open (default `_blank`, always `rel="noopener"`).
    #[prop(into, optional)]
    target: MaybeProp<String>,
    /// Language of the texts and dates (default: the feed's, else the page's).
    #[prop(into, optional)]
    lang: MaybeProp<String>,
    /// Text direction (default: the language's).
    #[prop(into, optional)]
    dir: MaybeProp<Direction>,
    /// Item thumbnails (default off).
    #[prop(into, optional)]
    images: MaybeProp<bool>,
    /// How times are told (default `Dates::Auto`).
    #[prop(into, optional)]
    dates: MaybeProp<Dates>,
    /// Query parameters added to every link, e.g. `utm_source=partner`.
    #[prop(into, optional)]
    link_params: MaybeProp<String>,
    /// The publisher's own words: a JSON object of phrase names to text,
    /// e.g. `{"new": "Breaking"}`.
    #[prop(into, optional)]
    strings: MaybeProp<String>,
    /// Told of updates, failures and headlines the reader opens.
    #[prop(optional)]
    on_report: Option<Callback<Report>>,
) -> impl IntoView {
    let props = move || Props {
        src: src.get(),
        heading: heading.get(),
        limit: limit.get(),
        refresh: refresh.get(),
        tag: tag.get(),
        theme: theme.get(),
        target: target.get(),
        lang: lang.get(),
        dir: dir.get(),
        images: images.get(),
        dates: dates.get(),
        link_params: link_params.get(),
        strings: strings.get(),
    };
    let read = move || {
        let props = props();
        let (config, warnings) = Config::from_attributes(|name| props.attribute(name));
        for warning in warnings {
            web_sys::console::warn_1(&warning.into());
        }
        config
    };
    let config = RwSignal::new(untrack(read));
    let state = RwSignal::new(LoadState::default());
    let now = RwSignal::new(hub::now());
    let reporter = Rc::new(move |report: &Report| {
        if let Some(callback) = on_report {
            callback.run(report.clone());
        }
    });
    let context = WidgetContext::new(config, state, now, reporter);
    let connection = StoredValue::new_local(Connection::new(context));
    // Later prop changes: re-read, then follow a new src or refresh.
    Effect::new(move |first: Option<()>| {
        let next = read();
        if first.is_some() && config.with_untracked(|current| *current != next) {
            config.set(next);
            connection.update_value(Connection::follow);
        }
    });
    let host = NodeRef::<Div>::new();
    Effect::new(move |_| {
        let Some(host) = host.get() else { return };
        let root = match host.shadow_root() {
            Some(root) => root,
            None => match host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)) {
                Ok(root) => root,
                Err(_) => return,
            },
        };
        if view::adopt_style(&root).is_ok() {
            let view = SendWrapper::new(view::render_in(&root, context));
            on_cleanup(move || drop(view.take()));
        }
    });
    view! { <div class="news-headlines" node_ref=host></div> }
}
