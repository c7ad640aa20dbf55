//! A widget's live connection: it follows the configured feed on the shared
//! refresh loop ([`crate::hub`]), applies what the loop says to the widget's
//! state, and reports every update and failure to whoever embeds the widget
//! (the custom element turns reports into DOM events).

use crate::context::WidgetContext;
use crate::hub::{self, Event, Subscription};
use crate::report::Report;
use crate::state::{Cause, Failure, LoadState};
use leptos::prelude::*;
use std::rc::Rc;

/// Keeps a widget on its feed's loop; dropping it unsubscribes.
pub struct Connection {
    context: WidgetContext,
    src: Option<String>,
    subscription: Option<Subscription>,
}

impl Connection {
    /// Connects a widget to the feed its config names; reports go to the
    /// context's reporter.
    pub fn new(context: WidgetContext) -> Connection {
        let mut connection = Connection { context, src: None, subscription: None };
        connection.subscribe();
        connection
    }

    /// Follows a config change: a new `src` starts over on that feed, a new
    /// `refresh` re-times the loop, anything else needs nothing here.
    pub fn follow(&mut self) {
        let (src, refresh_secs) = self.context.config.with_untracked(|c| (c.src.clone(), c.refresh_secs));
        if src != self.src {
            self.context.state.set(LoadState::default());
            self.subscribe();
        } else if let Some(subscription) = &self.subscription {
            subscription.set_refresh(refresh_secs);
        }
    }

    /// Fetches the feed now.
    pub fn refresh(&self) {
        if let Some(subscription) = &self.subscription {
            subscription.refresh();
        }
    }

    fn subscribe(&mut self) {
        self.subscription = None;
        let (src, refresh_secs) = self.context.config.with_untracked(|c| (c.src.clone(), c.refresh_secs));
        self.src = src.clone();
        let Some(src) = src else {
            let failure = Failure { message: Cause::NoSrc.in_english(), cause: Cause::NoSrc };
            self.context.state.update(|s| s.failed(failure));
            return;
        };
        let context = self.context;
        let listener = Rc::new(move |event: &Event| {
            if let Some(report) = apply(context, event) {
                context.report(&report);
            }
        });
        self.subscription = Some(hub::subscribe(&src, refresh_secs, listener));
    }
}

/// Applies one event of the loop to the widget's state; returns what to report.
fn apply(context: WidgetContext, event: &Event) -> Option<Report> {
    let WidgetContext { config, state, now, .. } = context;
    let shown = || {
        let (tag, limit) = config.with_untracked(|c| (c.tag.clone(), c.limit));
        state.try_with_untracked(|s| s.shown_ids(tag.as_deref(), limit)).unwrap_or_default()
    };
    match event {
        Event::Loaded(feed, copy) => {
            let before = shown();
            let time = hub::now();
            now.try_set(time);
            if !state.try_update(|s| s.loaded(feed.clone(), copy.at)).unwrap_or(false) {
                return None;
            }
            let after = shown();
            let (added, removed) = added_and_removed(&before, &after);
            let age = copy.dated.then(|| ((time - copy.at) / 1000.0).max(0.0).round() as u32);
            Some(Report::Updated { added, removed, total: after.len(), age })
        }
        Event::Unchanged => {
            if state.try_with_untracked(|s| s.failure.is_some()).unwrap_or(false) {
                state.try_update(|s| s.failure = None);
            }
            None
        }
        Event::Failed(error) => {
            let failure = error.to_failure();
            state.try_update(|s| s.failed(failure.clone()));
            Some(Report::Failed(failure))
        }
        Event::Tick(at) => {
            now.try_set(*at);
            None
        }
    }
}

/// How many ids of `after` are not in `before`, and of `before` not in `after`.
fn added_and_removed(before: &[String], after: &[String]) -> (usize, usize) {
    let added = after.iter().filter(|id| !before.contains(id)).count();
    let removed = before.iter().filter(|id| !after.contains(id)).count();
    (added, removed)
}
