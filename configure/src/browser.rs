//! The few browser calls the configurator makes: the page URL and its
//! history entry, URL resolution, the clipboard, selection, the document's
//! language, and plain fetches (the release manifest, the no-cors probe).

use crate::setup::Ui;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlInputElement, HtmlTextAreaElement, RequestCache, RequestInit, RequestMode, Response, Url};

fn location() -> Option<web_sys::Location> {
    web_sys::window().map(|window| window.location())
}

/// The page URL's query, with its `?`.
pub fn query() -> String {
    location().and_then(|location| location.search().ok()).unwrap_or_default()
}

/// The page URL with `query` as its query (none when empty).
pub fn page_url(query: &str) -> String {
    let Some(url) = location().and_then(|location| location.href().ok()).and_then(|href| Url::new(&href).ok()) else {
        return String::new();
    };
    url.set_search(query);
    url.set_hash("");
    url.href()
}

/// Replaces the history entry's URL with the page's at `query`, without a reload.
pub fn replace_query(query: &str) {
    let url = page_url(query);
    if let Some(history) = web_sys::window().and_then(|window| window.history().ok()) {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// The folder the page is served from, without its last `/`: where the
/// widget's release is, unless it is hosted elsewhere.
pub fn page_folder() -> String {
    let href = page_url("");
    Url::new_with_base(".", &href).map(|url| url.href().trim_end_matches('/').to_owned()).unwrap_or_default()
}

/// The page's origin, e.g. `http://127.0.0.1:8080`.
pub fn origin() -> String {
    location().and_then(|location| location.origin().ok()).unwrap_or_default()
}

/// `raw` resolved against `base` (else the page), if that gives an http(s) URL.
pub fn http_url(raw: &str, base: Option<&str>) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() || !news_headlines::url_policy::is_allowed(raw) {
        return None;
    }
    let page = location().and_then(|location| location.href().ok()).unwrap_or_default();
    let url = Url::new_with_base(raw, base.unwrap_or(&page)).ok()?;
    matches!(url.protocol().as_str(), "http:" | "https:").then(|| url.href())
}

/// Writes `text` to the clipboard; false when the browser refuses.
pub async fn copy_to_clipboard(text: &str) -> bool {
    let Some(navigator) = web_sys::window().map(|window| window.navigator()) else { return false };
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).unwrap_or(JsValue::UNDEFINED);
    let write =
        js_sys::Reflect::get(&clipboard, &"writeText".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let Some(promise) = write.and_then(|write| write.call1(&clipboard, &text.into()).ok()) else { return false };
    match promise.dyn_into::<js_sys::Promise>() {
        Ok(promise) => JsFuture::from(promise).await.is_ok(),
        Err(_) => false,
    }
}

/// Focuses and selects the text of the text field or area `id`.
pub fn select(id: &str) {
    let Some(element) = web_sys::window().and_then(|window| window.document()).and_then(|d| d.get_element_by_id(id))
    else {
        return;
    };
    if let Some(area) = element.dyn_ref::<HtmlTextAreaElement>() {
        let _ = area.focus();
        area.select();
    } else if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
        let _ = input.focus();
        input.select();
    }
}

/// Sets the document's language, direction and title.
pub fn set_document(ui: Ui, title: &str) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else { return };
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", ui.code());
        let _ = root.set_attribute("dir", ui.dir());
    }
    document.set_title(title);
}

/// A GET of `url` (relative to the page) through the HTTP cache, revalidated.
async fn get(url: &str, mode: RequestMode) -> Result<Response, JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let init = RequestInit::new();
    init.set_cache(RequestCache::NoCache);
    init.set_mode(mode);
    let response = JsFuture::from(window.fetch_with_str_and_init(url, &init)).await?;
    response.dyn_into::<Response>()
}

/// The body of `url`, or why not.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let response = get(url, RequestMode::Cors).await.map_err(|_| "not reachable".to_owned())?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let text = response.text().map_err(|_| "no body".to_owned())?;
    JsFuture::from(text).await.ok().and_then(|text| text.as_string()).ok_or_else(|| "the answer was cut off".into())
}

/// Whether anything answers at `url` when CORS is not asked for (an opaque
/// answer): after a failed CORS request, the server answered without a CORS
/// header for this origin.
pub async fn answers_without_cors(url: &str) -> bool {
    get(url, RequestMode::NoCors).await.is_ok()
}
