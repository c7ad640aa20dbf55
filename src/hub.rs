//! One refresh loop per feed URL, shared by every widget showing that feed:
//! one request per interval however many widgets subscribe, the interval
//! being the shortest they ask for. Timing decisions are the
//! [`RefreshPolicy`]'s; this module only arms timers, runs fetches and tells
//! subscribers. While the page is hidden no timer fires and no request goes
//! out. Nothing is left running once the last subscription is dropped.

use crate::api::{self, FetchError};
use crate::feed::Feed;
use crate::freshness::{self, Verdict};
use crate::refresh::{Next, RefreshPolicy};
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use std::sync::Arc;
use wasm_bindgen::prelude::*;

/// How often subscribers are told the time, to refresh "… ago" texts.
const TICK_MS: i32 = 30_000;

/// What a subscriber is told.
#[derive(Clone)]
pub enum Event {
    /// A new version of the feed arrived.
    Loaded(Arc<Feed>, CopyTime),
    /// The feed was fetched and had not changed.
    Unchanged,
    /// The latest attempt failed.
    Failed(FetchError),
    /// The clock moved on (coarsely, only while the page is visible).
    Tick(f64),
}

/// When a version of the feed was current.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CopyTime {
    /// When the server sent it (ms since the epoch): when it arrived, less
    /// its age where the answer tells it.
    pub at: f64,
    /// Whether the answer told its age (`Date`, `Age`).
    pub dated: bool,
}

/// A subscriber's callback.
pub type Listener = Rc<dyn Fn(&Event)>;

/// Keeps a subscriber on a feed's loop; dropping it unsubscribes.
pub struct Subscription {
    channel: Rc<Channel>,
    id: u32,
}

struct Subscriber {
    id: u32,
    refresh_secs: Option<u32>,
    listener: Listener,
}

struct Channel {
    url: String,
    policy: RefCell<RefreshPolicy>,
    subscribers: RefCell<Vec<Subscriber>>,
    /// The last body that parsed, its feed and when it was current.
    last: RefCell<Option<(js_sys::JsString, Arc<Feed>, CopyTime)>>,
    last_error: RefCell<Option<FetchError>>,
    timer: Cell<Option<i32>>,
    on_timer: Closure<dyn FnMut()>,
}

/// Page-wide listeners, present while any channel exists.
struct Page {
    /// One channel per feed URL (a page has a handful: a list beats a map in size).
    channels: Vec<Rc<Channel>>,
    on_visibility: Closure<dyn FnMut()>,
    on_tick: Closure<dyn FnMut()>,
    tick_timer: Option<i32>,
}

thread_local! {
    static PAGE: RefCell<Option<Page>> = const { RefCell::new(None) };
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// Subscribes `listener` to the feed at `url`, refreshed at least every
/// `refresh_secs`. A subscriber to a loop that already has a feed is told at
/// once, without a new request.
pub fn subscribe(url: &str, refresh_secs: Option<u32>, listener: Listener) -> Subscription {
    let channel = PAGE.with_borrow_mut(|page| {
        let page = page.get_or_insert_with(Page::start);
        match page.channels.iter().find(|c| c.url == url) {
            Some(channel) => channel.clone(),
            None => {
                let channel = Channel::new(url);
                page.channels.push(channel.clone());
                channel
            }
        }
    });
    let id = NEXT_ID.with(|next| {
        next.set(next.get().wrapping_add(1));
        next.get()
    });
    channel.subscribers.borrow_mut().push(Subscriber { id, refresh_secs, listener: listener.clone() });
    channel.retime();
    let replay = channel.last.borrow().as_ref().map(|(_, feed, copy)| Event::Loaded(feed.clone(), *copy));
    let replay = replay.or_else(|| channel.last_error.borrow().clone().map(Event::Failed));
    if let Some(event) = replay {
        listener(&event);
    }
    channel.wake();
    Subscription { channel, id }
}

impl Subscription {
    /// Changes this subscriber's interval; the loop is re-timed, not restarted.
    pub fn set_refresh(&self, refresh_secs: Option<u32>) {
        for subscriber in self.channel.subscribers.borrow_mut().iter_mut().filter(|s| s.id == self.id) {
            subscriber.refresh_secs = refresh_secs;
        }
        self.channel.retime();
        self.channel.wake();
    }

    /// Fetches the feed now (the element's `refresh()`); while a fetch is in
    /// flight, once more when it ends.
    pub fn refresh(&self) {
        self.channel.policy.borrow_mut().request_now(now());
        self.channel.wake();
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        self.channel.subscribers.borrow_mut().retain(|s| s.id != self.id);
        if !self.channel.subscribers.borrow().is_empty() {
            self.channel.retime();
            return;
        }
        self.channel.stop();
        PAGE.with_borrow_mut(|page| {
            if let Some(current) = page.as_mut() {
                current.channels.retain(|c| !Rc::ptr_eq(c, &self.channel));
                if current.channels.is_empty() {
                    // Dropping the page removes its listeners and timer.
                    *page = None;
                }
            }
        });
    }
}

impl Channel {
    fn new(url: &str) -> Rc<Channel> {
        Rc::new_cyclic(|weak: &Weak<Channel>| {
            let weak = weak.clone();
            Channel {
                url: url.to_owned(),
                policy: RefCell::new(RefreshPolicy::new(None)),
                subscribers: RefCell::new(Vec::new()),
                last: RefCell::new(None),
                last_error: RefCell::new(None),
                timer: Cell::new(None),
                on_timer: Closure::new(move || {
                    if let Some(channel) = weak.upgrade() {
                        channel.timer.set(None);
                        channel.wake();
                    }
                }),
            }
        })
    }

    /// Uses the shortest interval any subscriber asks for.
    fn retime(&self) {
        let shortest = self.subscribers.borrow().iter().filter_map(|s| s.refresh_secs).min();
        self.policy.borrow_mut().set_interval(shortest);
    }

    /// Asks the policy what to do now and does it.
    fn wake(self: &Rc<Self>) {
        self.stop();
        let next = self.policy.borrow().next(now());
        match next {
            Next::Fetch => {
                self.policy.borrow_mut().started();
                wasm_bindgen_futures::spawn_local(self.clone().fetch());
            }
            Next::At(due) => {
                let delay = (due - now()).clamp(0.0, f64::from(i32::MAX)) as i32;
                let timer = web_sys::window().and_then(|w| {
                    w.set_timeout_with_callback_and_timeout_and_arguments_0(
                        self.on_timer.as_ref().unchecked_ref(),
                        delay,
                    )
                    .ok()
                });
                self.timer.set(timer);
            }
            Next::Idle => {}
        }
    }

    fn stop(&self) {
        if let (Some(timer), Some(window)) = (self.timer.take(), web_sys::window()) {
            window.clear_timeout_with_handle(timer);
        }
    }

    async fn fetch(self: Rc<Self>) {
        // The first request of a page view may be answered from the browser's cache.
        let first = self.last.borrow().is_none();
        let result = api::fetch(&self.url, first).await;
        let at = now();
        let mut revalidate = false;
        let event = match result {
            Ok(fetched) => {
                revalidate = fetched.verdict == Verdict::ShowThenRevalidate;
                if self.last.borrow().as_ref().is_some_and(|(seen, _, _)| *seen == fetched.body) {
                    Ok(Event::Unchanged)
                } else {
                    let age = fetched.age_ms.map(freshness::shown_age_ms);
                    let copy = CopyTime { at: at - age.unwrap_or(0.0), dated: age.is_some() };
                    fetched.parse().await.map(|feed| {
                        let feed = Arc::new(feed);
                        *self.last.borrow_mut() = Some((fetched.body, feed.clone(), copy));
                        Event::Loaded(feed, copy)
                    })
                }
            }
            Err(error) => Err(error),
        };
        let event = match event {
            Ok(event) => {
                self.policy.borrow_mut().succeeded(at);
                if revalidate {
                    self.policy.borrow_mut().request_now(at);
                }
                *self.last_error.borrow_mut() = None;
                event
            }
            Err(error) => {
                self.policy.borrow_mut().failed(at, js_sys::Math::random());
                *self.last_error.borrow_mut() = Some(error.clone());
                Event::Failed(error)
            }
        };
        self.notify(&event);
        if !self.subscribers.borrow().is_empty() {
            self.wake();
        }
        // The page's first answer is on screen: times are told in the task
        // after it is painted.
        if crate::intl::held() {
            tick_after_paint();
        }
    }

    /// Calls every subscriber without holding a borrow, so a listener may
    /// subscribe or unsubscribe.
    fn notify(&self, event: &Event) {
        let listeners: Vec<Listener> = self.subscribers.borrow().iter().map(|s| s.listener.clone()).collect();
        for listener in listeners {
            listener(event);
        }
    }
}

impl Page {
    fn start() -> Page {
        let on_visibility = Closure::<dyn FnMut()>::new(|| {
            let visible = !page_hidden();
            for channel in channels() {
                channel.policy.borrow_mut().set_visible(visible);
                channel.wake();
            }
        });
        let on_tick = Closure::<dyn FnMut()>::new(|| {
            let first = crate::intl::held();
            crate::intl::release();
            if first || !page_hidden() {
                tell_time();
            }
        });
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            let _ =
                document.add_event_listener_with_callback("visibilitychange", on_visibility.as_ref().unchecked_ref());
        }
        let tick_timer = web_sys::window().and_then(|w| {
            w.set_interval_with_callback_and_timeout_and_arguments_0(on_tick.as_ref().unchecked_ref(), TICK_MS).ok()
        });
        Page { channels: Vec::new(), on_visibility, on_tick, tick_timer }
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        let Some(window) = web_sys::window() else {
            return;
        };
        if let Some(timer) = self.tick_timer.take() {
            window.clear_interval_with_handle(timer);
        }
        if let Some(document) = window.document() {
            let _ = document
                .remove_event_listener_with_callback("visibilitychange", self.on_visibility.as_ref().unchecked_ref());
        }
    }
}

/// Ticks in the task after the next paint: `setTimeout(tick)` from an
/// animation frame (which a hidden page holds until it is shown).
fn tick_after_paint() {
    let Some(window) = web_sys::window() else {
        return;
    };
    PAGE.with_borrow(|page| {
        let Some(page) = page else {
            return;
        };
        let Ok(set_timeout) = js_sys::Reflect::get(&window, &"setTimeout".into()) else {
            return;
        };
        // `setTimeout(on_tick, 0)`: the frame's timestamp comes after both.
        let later = set_timeout.unchecked_ref::<js_sys::Function>().bind2(&window, page.on_tick.as_ref(), &0.into());
        let _ = window.request_animation_frame(later.unchecked_ref());
    });
}

/// Tells every subscriber the time.
fn tell_time() {
    let event = Event::Tick(now());
    for channel in channels() {
        channel.notify(&event);
    }
}

fn channels() -> Vec<Rc<Channel>> {
    PAGE.with_borrow(|page| page.iter().flat_map(|p| p.channels.iter().cloned()).collect())
}

fn page_hidden() -> bool {
    web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden())
}

/// Milliseconds since the epoch.
pub fn now() -> f64 {
    js_sys::Date::now()
}
