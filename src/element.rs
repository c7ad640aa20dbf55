//! The bridge to the JavaScript loader: `mount(host)` renders a widget into
//! the element's open shadow root and returns a [`Widget`] handle; the loader
//! forwards attribute changes and `refresh()`, and frees the handle when the
//! element leaves the page, which stops its updates and disposes its view.

use crate::components::Headlines;
use crate::config::Config;
use crate::hub::{self, Event, Subscription};
use crate::state::{added_and_removed, LoadState};
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::tachys::view::any_view::AnyViewState;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, CustomEvent, CustomEventInit, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

const STYLE: &str = include_str!(concat!(env!("OUT_DIR"), "/widget.css"));

thread_local! {
    static SHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
}

/// A mounted widget. Dropping it (the loader's `free()`) unsubscribes from
/// the feed and unmounts the view.
#[wasm_bindgen]
pub struct Widget {
    host: HtmlElement,
    config: RwSignal<Config>,
    state: RwSignal<LoadState>,
    now: RwSignal<f64>,
    subscription: Option<Subscription>,
    view: Option<UnmountHandle<AnyViewState>>,
    owner: Owner,
}

/// Renders a widget into `host`'s shadow root (attached if needed).
/// `prefetch` is the loader's early request for the `src` feed, if any.
#[wasm_bindgen]
pub fn mount(host: HtmlElement, prefetch: Option<js_sys::Promise>) -> Result<Widget, JsValue> {
    let root = match host.shadow_root() {
        Some(root) => root,
        None => host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?,
    };
    root.set_inner_html("");
    adopt_style(&root)?;
    let config = read_config(&host);
    if let (Some(response), Some(src)) = (prefetch, &config.src) {
        crate::api::offer(src, response);
    }
    let owner = Owner::new();
    let (config, state, now) =
        owner.with(|| (RwSignal::new(config), RwSignal::new(LoadState::default()), RwSignal::new(hub::now())));
    let view =
        owner.with(|| mount_to(root.unchecked_into(), move || view! { <Headlines config state now /> }.into_any()));
    let _ = host.set_attribute("state", "loading");
    let mut widget = Widget { host, config, state, now, subscription: None, view: Some(view), owner };
    widget.subscribe();
    Ok(widget)
}

#[wasm_bindgen]
impl Widget {
    /// Re-reads the attributes: a new `src` starts over on that feed, a new
    /// `refresh` re-times the updates, anything else just re-renders.
    #[wasm_bindgen(js_name = attributeChanged)]
    pub fn attribute_changed(&mut self) {
        let config = read_config(&self.host);
        let (new_src, new_refresh) =
            self.config.with_untracked(|old| (old.src != config.src, old.refresh_secs != config.refresh_secs));
        let refresh_secs = config.refresh_secs;
        if new_src {
            self.state.set(LoadState::default());
            let _ = self.host.set_attribute("state", "loading");
        }
        self.config.set(config);
        match &self.subscription {
            Some(subscription) if !new_src => {
                if new_refresh {
                    subscription.set_refresh(refresh_secs);
                }
            }
            _ => self.subscribe(),
        }
    }

    /// Fetches the feed now.
    pub fn refresh(&self) {
        if let Some(subscription) = &self.subscription {
            subscription.refresh();
        }
    }
}

impl Widget {
    fn subscribe(&mut self) {
        self.subscription = None;
        let Some(src) = self.config.with_untracked(|c| c.src.clone()) else {
            let message = "The src attribute (the feed URL) is missing";
            self.state.update(|s| s.failed(crate::state::Failure { message: message.into(), status: None }));
            let _ = self.host.set_attribute("state", "error");
            return;
        };
        let refresh_secs = self.config.with_untracked(|c| c.refresh_secs);
        let listener = Rc::new({
            let (host, config, state, now) = (self.host.clone(), self.config, self.state, self.now);
            move |event: &Event| on_event(&host, config, state, now, event)
        });
        self.subscription = Some(hub::subscribe(&src, refresh_secs, listener));
    }
}

impl Drop for Widget {
    fn drop(&mut self) {
        self.subscription = None;
        self.view = None;
        self.owner.cleanup();
    }
}

fn on_event(
    host: &HtmlElement,
    config: RwSignal<Config>,
    state: RwSignal<LoadState>,
    now: RwSignal<f64>,
    event: &Event,
) {
    let shown = || {
        let (tag, limit) = config.with_untracked(|c| (c.tag.clone(), c.limit));
        state.try_with_untracked(|s| s.shown_ids(tag.as_deref(), limit)).unwrap_or_default()
    };
    match event {
        Event::Loaded(feed, at) => {
            let before = shown();
            now.try_set(hub::now());
            if state.try_update(|s| s.loaded(feed.clone(), *at)).unwrap_or(false) {
                let after = shown();
                let (added, removed) = added_and_removed(&before, &after);
                let detail = [("added", added.into()), ("removed", removed.into()), ("total", after.len().into())];
                dispatch(host, "news-headlines:update", &detail);
            }
        }
        Event::Unchanged => {
            if state.try_with_untracked(|s| s.failure.is_some()).unwrap_or(false) {
                state.try_update(|s| s.failure = None);
            }
        }
        Event::Failed(error) => {
            let failure = error.to_failure();
            web_sys::console::warn_1(&format!("<news-headlines>: {}", failure.message).into());
            let status = failure.status.map_or(JsValue::NULL, JsValue::from);
            let message = JsValue::from(failure.message.as_str());
            state.try_update(|s| s.failed(failure));
            dispatch(host, "news-headlines:error", &[("message", message), ("status", status)]);
        }
        Event::Tick(at) => {
            now.try_set(*at);
        }
    }
    if let Some(phase) = state.try_with_untracked(LoadState::phase) {
        let _ = host.set_attribute("state", phase.as_str());
    }
}

/// Dispatches a bubbling, composed `CustomEvent` with `detail` from the host.
fn dispatch(host: &HtmlElement, name: &str, detail: &[(&str, JsValue)]) {
    let object = js_sys::Object::new();
    for (key, value) in detail {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), value);
    }
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&object);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}

fn read_config(host: &HtmlElement) -> Config {
    let (config, warnings) = Config::from_attributes(|name| host.get_attribute(name));
    for warning in warnings {
        web_sys::console::warn_1(&warning.into());
    }
    config
}

/// Shares one constructed stylesheet between every widget on the page (no
/// inline `<style>`, so a strict `style-src` CSP is fine).
fn adopt_style(root: &ShadowRoot) -> Result<(), JsValue> {
    let sheet = SHEET.with_borrow_mut(|cached| -> Result<CssStyleSheet, JsValue> {
        if let Some(sheet) = cached {
            return Ok(sheet.clone());
        }
        let sheet = CssStyleSheet::new()?;
        sheet.replace_sync(STYLE)?;
        *cached = Some(sheet.clone());
        Ok(sheet)
    })?;
    root.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
    Ok(())
}
