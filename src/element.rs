//! The bridge to the JavaScript loader: `mount(host)` renders a widget into
//! the element's open shadow root and returns a [`Widget`] handle; the loader
//! forwards attribute changes and `refresh()`, and frees the handle when the
//! element leaves the page, which stops its updates and disposes its view.
//! The host's `state` attribute and its events are written here, and only
//! here; the loader's one failure of its own (the widget stopped) is written
//! by code `cargo xtask codegen` generates from the same tables.

use crate::attributes::Config;
use crate::context::{Tables, WidgetContext};
use crate::hub;
use crate::i18n::Words;
use crate::live::Connection;
use crate::report::{Report, CLICK_EVENT, ERROR_EVENT, UPDATE_EVENT};
use crate::state::{LoadState, Phase};
use crate::view::{self, MountedView};
use leptos::prelude::*;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement, ShadowRootInit, ShadowRootMode};

/// A mounted widget. Dropping it (the loader's `free()`) unsubscribes from
/// the feed and unmounts the view.
#[wasm_bindgen]
pub struct Widget {
    host: HtmlElement,
    config: RwSignal<Config>,
    connection: Option<Connection>,
    view: Option<MountedView>,
    _state_attribute: RenderEffect<()>,
    owner: Owner,
}

/// Renders a widget into `host`'s shadow root (attached and styled by the
/// loader, which reserved the widget's box in it). `prefetch` is the
/// loader's early request for the `src` feed, if any; `phrases(code)` is the
/// loader's fetch of a language's phrase table (English is built in).
#[wasm_bindgen]
pub fn mount(
    host: HtmlElement,
    prefetch: Option<js_sys::Promise>,
    phrases: Option<js_sys::Function>,
) -> Result<Widget, JsValue> {
    if let Some(phrases) = phrases {
        crate::phrases::set_loader(phrases);
    }
    let root = match host.shadow_root() {
        Some(root) => root,
        None => host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?,
    };
    // The loader's placeholder makes way (its <style>, where there is one, stays).
    let children = root.children();
    for child in (0..children.length()).rev().filter_map(|i| children.item(i)) {
        if child.tag_name() != "STYLE" {
            child.remove();
        }
    }
    let config = read_config(&host);
    if let (Some(response), Some(src)) = (prefetch, &config.src) {
        crate::api::offer(src, response);
    }
    let owner = Owner::new();
    let (config, state, now) =
        owner.with(|| (RwSignal::new(config), RwSignal::new(LoadState::default()), RwSignal::new(hub::now())));
    let reporter = Rc::new({
        let host = host.clone();
        move |report: &Report| dispatch(&host, report)
    });
    let context = owner.with(|| WidgetContext::with_tables(config, state, now, reporter, Tables::Loader));
    let view = owner.with(|| view::render_in(&root, context));
    let state_attribute = owner.with(|| {
        let host = host.clone();
        // A widget whose language's phrases are still on their way is still loading.
        RenderEffect::new(move |_| {
            let phase = if Words::reading(&context.words.read()).is_pending() {
                Phase::Loading
            } else {
                state.with(LoadState::phase)
            };
            let _ = host.set_attribute("state", phase.as_str());
        })
    });
    let connection = Connection::new(context);
    Ok(Widget {
        host,
        config,
        connection: Some(connection),
        view: Some(view),
        _state_attribute: state_attribute,
        owner,
    })
}

#[wasm_bindgen]
impl Widget {
    /// Re-reads the attributes: a new `src` starts over on that feed, a new
    /// `refresh` re-times the updates, anything else just re-renders.
    #[wasm_bindgen(js_name = attributeChanged)]
    pub fn attribute_changed(&mut self) {
        self.config.set(read_config(&self.host));
        if let Some(connection) = &mut self.connection {
            connection.follow();
        }
    }

    /// Fetches the feed now (once more after a fetch in flight).
    pub fn refresh(&self) {
        if let Some(connection) = &self.connection {
            connection.refresh();
        }
    }
}

impl Drop for Widget {
    fn drop(&mut self) {
        self.connection = None;
        self.view = None;
        self.owner.cleanup();
    }
}

/// Turns a report into the element's bubbling, composed event.
fn dispatch(host: &HtmlElement, report: &Report) {
    let detail = js_sys::Object::new();
    let set = |key: &str, value: JsValue| {
        let _ = js_sys::Reflect::set(&detail, &JsValue::from_str(key), &value);
    };
    let name = match report {
        Report::Updated { added, removed, total, age } => {
            set("added", (*added).into());
            set("removed", (*removed).into());
            set("total", (*total).into());
            set("age", age.map_or(JsValue::NULL, JsValue::from));
            UPDATE_EVENT
        }
        Report::Failed(failure) => {
            web_sys::console::warn_2(&"<news-headlines>:".into(), &failure.message.as_str().into());
            set("message", failure.message.as_str().into());
            set("code", failure.cause.code().into());
            set("status", failure.status().map_or(JsValue::NULL, JsValue::from));
            ERROR_EVENT
        }
        Report::Opened { id, url, position, feed } => {
            set("id", id.as_str().into());
            set("url", url.as_str().into());
            set("position", (*position).into());
            set("feed", feed.as_str().into());
            CLICK_EVENT
        }
    };
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
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
