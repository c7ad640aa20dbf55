//! The widget's release beside the configurator: its
//! `news-headlines/<version>/manifest.json`, written by the widget's build,
//! names the versioned loader and its SHA-384.

use crate::browser;
use crate::snippet::Release;
use crate::WIDGET_VERSION;
use wasm_bindgen::JsValue;

/// Reads the release manifest, or says why it could not.
pub async fn load() -> Result<Release, String> {
    let path = format!("news-headlines/{WIDGET_VERSION}/manifest.json");
    let text = browser::fetch_text(&path).await.map_err(|why| format!("{path}: {why}"))?;
    let manifest = js_sys::JSON::parse(&text).map_err(|_| format!("{path}: not JSON"))?;
    let field = |object: &JsValue, key: &str| js_sys::Reflect::get(object, &key.into()).unwrap_or(JsValue::UNDEFINED);
    let loader = field(&manifest, "loader");
    match (field(&loader, "path").as_string(), field(&loader, "integrity").as_string()) {
        (Some(loader), Some(integrity)) if integrity.starts_with("sha384-") => {
            let resizer = field(&field(&manifest, "embed"), "resizer");
            let resizer_integrity = field(&resizer, "integrity").as_string().filter(|i| i.starts_with("sha384-"));
            Ok(Release { loader, integrity, resizer_integrity })
        }
        _ => Err(format!("{path}: no loader path and sha384 integrity")),
    }
}
