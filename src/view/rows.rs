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

use super::headline_item::{HeadlineItem, Look};
use crate::context::WidgetContext;
use crate::feed::Item;
use crate::url_policy;
use leptos::prelude::*;
use leptos::tachys::reactive_graph::OwnedView;
use leptos::tachys::view::keyed::keyed;

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
