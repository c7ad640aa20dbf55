//! Read-only access to a parsed JSON document, so the feed model runs on the
//! browser's own `JSON.parse` in wasm (no JSON parser shipped in the module)
//! and on serde_json natively, where the model is tested.

/// A JSON value the feed model can read. Every accessor answers `None` for a
/// value of another type, never panics.
pub trait Json: Sized {
    /// The member `key` of an object.
    fn get(&self, key: &str) -> Option<Self>;
    /// The value of a string.
    fn string(&self) -> Option<String>;
    /// A number's canonical text (the id `1` becomes `"1"`).
    fn number_text(&self) -> Option<String>;
    /// The elements of an array.
    fn elements(&self) -> Option<impl Iterator<Item = Self>>;
    /// Whether this is an object (not an array or null).
    fn is_object(&self) -> bool;
}

/// Parses `text` with the platform's JSON parser.
#[cfg(not(target_arch = "wasm32"))]
pub fn parse(text: &str) -> Option<serde_json::Value> {
    serde_json::from_str(text).ok()
}

/// Parses `text` with the platform's JSON parser.
#[cfg(target_arch = "wasm32")]
pub fn parse(text: &str) -> Option<wasm_bindgen::JsValue> {
    js_sys::JSON::parse(text).ok()
}

#[cfg(not(target_arch = "wasm32"))]
impl Json for &serde_json::Value {
    fn get(&self, key: &str) -> Option<Self> {
        self.as_object()?.get(key)
    }

    fn string(&self) -> Option<String> {
        self.as_str().map(str::to_owned)
    }

    fn number_text(&self) -> Option<String> {
        self.as_number().map(ToString::to_string)
    }

    fn elements(&self) -> Option<impl Iterator<Item = Self>> {
        self.as_array().map(|array| array.iter())
    }

    fn is_object(&self) -> bool {
        serde_json::Value::is_object(self)
    }
}

#[cfg(target_arch = "wasm32")]
impl Json for wasm_bindgen::JsValue {
    fn get(&self, key: &str) -> Option<Self> {
        if !self.is_object() {
            return None;
        }
        js_sys::Reflect::get(self, &key.into()).ok().filter(|value| !value.is_undefined())
    }

    fn string(&self) -> Option<String> {
        self.as_string()
    }

    fn number_text(&self) -> Option<String> {
        use wasm_bindgen::JsCast;
        self.dyn_ref::<js_sys::Number>().and_then(|n| n.to_string_with_radix(10).ok()).map(String::from)
    }

    fn elements(&self) -> Option<impl Iterator<Item = Self>> {
        use wasm_bindgen::JsCast;
        self.dyn_ref::<js_sys::Array>().map(js_sys::Array::iter)
    }

    fn is_object(&self) -> bool {
        wasm_bindgen::JsValue::is_object(self) && !js_sys::Array::is_array(self)
    }
}
