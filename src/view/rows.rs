//! The list's rows, keyed by item so a headline that stays keeps its `<li>`.
//!
//! A row reads nothing long-lived itself: what it shows that changes (the
//! "new" mark, its place, its link, its time) is a [`Look`] in a signal the
//! row owns, which one list-level effect recomputes when the clock, the
//! data, the attributes, the language or its words change, setting only the rows whose
//! look changed. Leptos 0.8 keeps a dead effect in the subscriber list of
//! every signal it read, and a dead row's owner in its parent's children,
//! until those are dropped; rows that read the widget's signals directly would
//! leave about a kilobyte behind for every headline that comes and goes.

use super::headline_item::HeadlineItem;
use super::WidgetContext;
use crate::feed::Item;
use crate::i18n::{Key, Words};
use crate::intl::headline_time;
use crate::url_policy;
use leptos::prelude::*;
use leptos::tachys::reactive_graph::OwnedView;
use leptos::tachys::view::keyed::keyed;

/// What a row shows that changes while it stays.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Look {
    /// Arrived in the last two minutes (the "New" badge).
    pub fresh: bool,
    /// Its place in the list, from 0.
    pub index: usize,
    /// The link, with the `link-params` (none if the URL policy refuses it).
    pub href: Option<String>,
    /// The link's target.
    pub target: String,
    /// Thumbnails are on and this item has one the URL policy allows.
    pub image: bool,
    /// The time as `dates` tells it, and the full date for its tooltip.
    pub time: Option<(String, String)>,
    /// The badge's word, in the widget's language (or the publisher's).
    pub badge: String,
}

impl Look {
    /// The look of `item` now.
    fn of(context: WidgetContext, item: &Item, has_image: bool) -> Look {
        let WidgetContext { config, state, now, lang, shown, words, .. } = context;
        let now = now.get_untracked();
        config.with_untracked(|c| {
            lang.with_untracked(|lang| Look {
                fresh: state.with_untracked(|s| s.is_new(&item.id, now)),
                index: shown.with_untracked(|ids| ids.iter().position(|id| *id == item.id)).unwrap_or_default(),
                href: item.url.as_deref().and_then(|raw| url_policy::resolve(raw, c.link_params.as_deref())),
                target: c.target.clone(),
                image: has_image && c.images,
                time: item.published.as_ref().and_then(|p| headline_time(&lang.tag, p.epoch_ms, now, c.dates)),
                badge: Words::reading(&words.read_untracked()).get(Key::New).to_owned(),
            })
        })
    }
}

/// A live row: its item and the signal it reads its look from.
struct Row {
    item: Item,
    /// The item has a thumbnail the URL policy allows.
    has_image: bool,
    look: RwSignal<Look>,
}

/// The rows of `items`, kept current.
pub fn rows(context: WidgetContext, items: impl Fn() -> Vec<Item> + Send + Sync + 'static) -> impl IntoView {
    let live = StoredValue::new(Vec::<Row>::new());
    // The one effect that reads the widget's signals for the rows; its first
    // run (a tick after the rows are made) recomputes too, so a change in
    // that tick is not missed.
    Effect::new(move || {
        context.now.track();
        context.state.track();
        context.config.track();
        context.lang.track();
        context.words.track();
        context.shown.track();
        live.with_value(|rows| {
            for row in rows {
                let look = Look::of(context, &row.item, row.has_image);
                if row.look.with_untracked(|current| *current != look) {
                    row.look.set(look);
                }
            }
        })
    });
    move || {
        keyed(items(), Item::revision, move |_, item| {
            let owner = detached_owner();
            let view = owner.with(|| {
                // Resolved once per row: the thumbnail's URL never changes while it stays.
                let image = item.image.as_deref().and_then(|raw| url_policy::resolve(raw, None));
                let has_image = image.is_some();
                let look = RwSignal::new(Look::of(context, &item, has_image));
                live.update_value(|rows| rows.push(Row { item: item.clone(), has_image, look }));
                on_cleanup(move || live.update_value(|rows| rows.retain(|row| row.look != look)));
                view! { <HeadlineItem item image look context /> }
            });
            (drop, OwnedView::new_with_owner(view, owner))
        })
    }
}

/// An owner of its own, not a child of the list's: the row's view holds it
/// and cleans it up when the row goes.
fn detached_owner() -> Owner {
    let current = Owner::current();
    if let Some(current) = current.clone() {
        current.unset();
    }
    let owner = Owner::new();
    if let Some(current) = current {
        current.set();
    }
    owner
}
