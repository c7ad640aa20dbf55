//! The feed model's reader in the browser: the body goes through the
//! browser's own `JSON.parse` (no JSON parser ships in the wasm), and a small
//! serde [`Deserializer`] hands the resulting value to the derived types of
//! `json_feed.rs`.
//!
//! It accepts and refuses exactly what serde_json (the native reader, where
//! the model is tested) does: a document nested deeper than 127 arrays or
//! objects, a number out of `f64` range, or a string or key with an unpaired
//! surrogate escape is not JSON, wherever it appears, even in a field the
//! widget never reads. Its errors carry no message: nothing formats them,
//! so no formatting code is linked for them.

use super::json_feed::{JsonFeed, Object};
use super::FeedError;
use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;
use wasm_bindgen::{JsCast, JsValue};

/// Containers nested this deep are refused, as serde_json refuses them.
const MAX_DEPTH: u32 = 128;

/// Parses `body` with `JSON.parse` and reads it as a JSON Feed document.
pub fn read(body: &str) -> Result<Object<JsonFeed>, FeedError> {
    let value = js_sys::JSON::parse(body).map_err(|_| FeedError::NotJson)?;
    Object::<JsonFeed>::deserialize(Value { value, depth: 0 }).map_err(|_| FeedError::NotJson)
}

/// Why a value could not be read. Deliberately without a message.
#[derive(Debug)]
pub struct Invalid;

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("invalid JSON")
    }
}

impl std::error::Error for Invalid {}

impl de::Error for Invalid {
    /// Ignores `message`: the formatting it asks for is never linked.
    fn custom<T: fmt::Display>(_message: T) -> Self {
        Invalid
    }
}

/// A value `JSON.parse` returned, `depth` containers deep.
struct Value {
    value: JsValue,
    depth: u32,
}

impl Value {
    /// The same value one container deeper, refused past [`MAX_DEPTH`].
    fn enter(&self) -> Result<u32, Invalid> {
        let depth = self.depth + 1;
        (depth < MAX_DEPTH).then_some(depth).ok_or(Invalid)
    }

    /// Checks what serde_json would refuse anywhere in this value, without
    /// keeping any of it (the fields the model skips).
    fn check(&self) -> Result<(), Invalid> {
        if let Some(array) = self.value.dyn_ref::<js_sys::Array>() {
            let depth = self.enter()?;
            return array.iter().try_for_each(|value| Value { value, depth }.check());
        }
        if self.value.is_object() {
            let depth = self.enter()?;
            let object: &js_sys::Object = self.value.unchecked_ref();
            return js_sys::Object::keys(object).iter().try_for_each(|key| {
                string(&key)?;
                let value = js_sys::Reflect::get(object, &key).map_err(|_| Invalid)?;
                Value { value, depth }.check()
            });
        }
        if self.value.is_string() {
            string(&self.value)?;
        } else if let Some(number) = self.value.as_f64() {
            finite(number)?;
        }
        Ok(())
    }
}

/// A JavaScript string as UTF-8, refused if it holds an unpaired surrogate
/// (which only a `\ud800`-style escape can put there).
fn string(value: &JsValue) -> Result<String, Invalid> {
    let text = value.as_string().ok_or(Invalid)?;
    // Converting replaced any unpaired surrogate with U+FFFD: only then is
    // the exact (slower) check needed.
    if text.contains('\u{FFFD}') && !value.unchecked_ref::<js_sys::JsString>().is_valid_utf16() {
        return Err(Invalid);
    }
    Ok(text)
}

/// A number serde_json could have read (`1e400` is out of range there).
fn finite(number: f64) -> Result<f64, Invalid> {
    number.is_finite().then_some(number).ok_or(Invalid)
}

impl<'de> Deserializer<'de> for Value {
    type Error = Invalid;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        if let Some(array) = self.value.dyn_ref::<js_sys::Array>() {
            let depth = self.enter()?;
            return visitor.visit_seq(Elements { array: array.clone(), next: 0, depth });
        }
        if self.value.is_object() {
            let depth = self.enter()?;
            let object: js_sys::Object = self.value.unchecked_into();
            let keys = js_sys::Object::keys(&object);
            return visitor.visit_map(Entries { object, keys, next: 0, depth, pending: None });
        }
        if self.value.is_string() {
            return visitor.visit_string(string(&self.value)?);
        }
        if let Some(number) = self.value.as_f64() {
            return visitor.visit_f64(finite(number)?);
        }
        match self.value.as_bool() {
            Some(boolean) => visitor.visit_bool(boolean),
            None => visitor.visit_unit(),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        if self.value.is_null() || self.value.is_undefined() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        self.check()?;
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier
    }
}

/// The elements of an array, read in order.
struct Elements {
    array: js_sys::Array,
    next: u32,
    depth: u32,
}

impl<'de> SeqAccess<'de> for Elements {
    type Error = Invalid;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Invalid> {
        if self.next >= self.array.length() {
            return Ok(None);
        }
        let value = self.array.get(self.next);
        self.next += 1;
        seed.deserialize(Value { value, depth: self.depth }).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        usize::try_from(self.array.length().saturating_sub(self.next)).ok()
    }
}

/// The own enumerable properties of an object, read in `Object.keys` order.
struct Entries {
    object: js_sys::Object,
    keys: js_sys::Array,
    next: u32,
    depth: u32,
    /// The key whose value is read next.
    pending: Option<JsValue>,
}

impl<'de> MapAccess<'de> for Entries {
    type Error = Invalid;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Invalid> {
        if self.next >= self.keys.length() {
            return Ok(None);
        }
        let key = self.keys.get(self.next);
        self.next += 1;
        let name = string(&key)?;
        self.pending = Some(key);
        seed.deserialize(de::value::StringDeserializer::<Invalid>::new(name)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Invalid> {
        let key = self.pending.take().ok_or(Invalid)?;
        let value = js_sys::Reflect::get(&self.object, &key).map_err(|_| Invalid)?;
        seed.deserialize(Value { value, depth: self.depth })
    }
}
