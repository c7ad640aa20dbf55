//! The feed model's reader in the browser: the body goes through the
//! browser's own `JSON.parse` (no JSON parser ships in the wasm), and a small
//! serde [`Deserializer`] hands the resulting value to the derived types of
//! `json_feed.rs`.
//!
//! It accepts and refuses exactly what serde_json (the native reader, where
//! the model is tested) does: a document nested deeper than 127 arrays or
//! objects, a number out of `f64` range, or a string or key with an unpaired
//! surrogate escape is not JSON, wherever it appears, even in a field the
//! widget never reads. A text that cannot hold any of them (`scan.rs`) is
//! not checked; any other is checked whole before it is read. Reading then
//! converts only the fields the model reads, and reads the items a slice at
//! a time ([`Reading`]). Its errors carry no message: nothing formats them,
//! so no formatting code is linked for them.

use super::json_feed::{Items, ItemsRead, JsonFeed, JsonItem, Object};
use super::{scan, FeedError};
use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse` of a string already in JavaScript.
    #[wasm_bindgen(js_namespace = JSON, catch)]
    fn parse(text: &js_sys::JsString) -> Result<JsValue, JsValue>;
}

/// Containers nested this deep are refused, as serde_json refuses them.
const MAX_DEPTH: u32 = 128;

/// A document being read: parsed, its other fields read, its items read a
/// slice at a time.
pub struct Reading {
    document: Object<JsonFeed<Later>>,
    /// The item list, if the document has one, and the next index in it.
    items: Option<(js_sys::Array, u32)>,
    read: ItemsRead,
}

/// The items, left for [`Reading::read_items`].
#[derive(Default)]
struct Later;

impl<'de> Deserialize<'de> for Later {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Later, D::Error> {
        deserializer.deserialize_ignored_any(IgnoredAny).map(|_| Later)
    }
}

impl Reading {
    /// Parses `json` (`text`, as a JavaScript string) with `JSON.parse`,
    /// checks it unless `text` is plain, and reads all but the items.
    pub fn start(text: &str, json: &js_sys::JsString) -> Result<Reading, FeedError> {
        let value = parse(json).map_err(|_| FeedError::NotJson)?;
        let value = Value { value, depth: 0 };
        if !scan::is_plain(text) {
            value.check().map_err(|_| FeedError::NotJson)?;
        }
        let items = (value.value.is_object() && !js_sys::Array::is_array(&value.value))
            .then(|| js_sys::Reflect::get(&value.value, &"items".into()).ok()?.dyn_into::<js_sys::Array>().ok())
            .flatten();
        let document = Object::<JsonFeed<Later>>::deserialize(value).map_err(|_| FeedError::NotJson)?;
        Ok(Reading { document, items: items.map(|items| (items, 0)), read: ItemsRead::default() })
    }

    /// Reads items while `more()` says so; whether any are left to read
    /// (none after the first usable [`super::MAX_ITEMS`]).
    pub fn read_items(&mut self, mut more: impl FnMut() -> bool) -> Result<bool, FeedError> {
        let Some((items, next)) = &mut self.items else {
            return Ok(false);
        };
        while *next < items.length() && !self.read.is_full() {
            let value = Value { value: items.get(*next), depth: 2 };
            *next += 1;
            self.read.add(Object::<JsonItem>::deserialize(value).map_err(|_| FeedError::NotJson)?);
            if !more() {
                break;
            }
        }
        Ok(*next < items.length() && !self.read.is_full())
    }

    /// The document, with the items read (none if it has no list of items).
    pub fn finish(self) -> Object<JsonFeed> {
        let Reading { document, items, read } = self;
        let items = Items(items.map(|_| read.into_items()));
        Object(document.0.map(|document| document.with_items(items)))
    }
}

/// Resolves in a task of its own, after the page had the main thread.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let queued = web_sys::window()
            .and_then(|window| window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0).ok());
        if queued.is_none() {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
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

/// A value `JSON.parse` returned, `depth` containers deep, in a document
/// that is plain or was checked: the values the model skips are not read.
struct Value {
    value: JsValue,
    depth: u32,
}

impl Value {
    /// The depth of this value's contents, refused past [`MAX_DEPTH`].
    fn enter(&self) -> Result<u32, Invalid> {
        let depth = self.depth + 1;
        (depth < MAX_DEPTH).then_some(depth).ok_or(Invalid)
    }

    /// Checks what serde_json would refuse anywhere in this value: depth,
    /// numbers out of range, unpaired surrogates in strings and keys.
    fn check(&self) -> Result<(), Invalid> {
        if let Some(array) = self.value.dyn_ref::<js_sys::Array>() {
            let depth = self.enter()?;
            return array.iter().try_for_each(|value| Value { value, depth }.check());
        }
        if self.value.is_object() {
            let depth = self.enter()?;
            let object: &js_sys::Object = self.value.unchecked_ref();
            return js_sys::Object::keys(object).iter().try_for_each(|key| {
                well_formed(&key)?;
                let value = js_sys::Reflect::get(object, &key).map_err(|_| Invalid)?;
                Value { value, depth }.check()
            });
        }
        if self.value.is_string() {
            well_formed(&self.value)?;
        } else if let Some(number) = self.value.as_f64() {
            number.is_finite().then_some(()).ok_or(Invalid)?;
        }
        Ok(())
    }
}

/// Refuses a JavaScript string with an unpaired surrogate (which only a
/// `\ud800`-style escape can put there).
fn well_formed(value: &JsValue) -> Result<(), Invalid> {
    let text = value.as_string().ok_or(Invalid)?;
    // Converting replaced any unpaired surrogate with U+FFFD: only then is
    // the exact (slower) check needed.
    match text.chars().any(|c| c == char::REPLACEMENT_CHARACTER)
        && !value.unchecked_ref::<js_sys::JsString>().is_valid_utf16()
    {
        true => Err(Invalid),
        false => Ok(()),
    }
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
        if let Some(text) = self.value.as_string() {
            return visitor.visit_string(text);
        }
        if let Some(number) = self.value.as_f64() {
            return visitor.visit_f64(number);
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

    /// Not read: what it could hold that serde_json refuses was ruled out
    /// before reading began.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
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
        let name = key.as_string().ok_or(Invalid)?;
        self.pending = Some(key);
        seed.deserialize(de::value::StringDeserializer::<Invalid>::new(name)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Invalid> {
        let key = self.pending.take().ok_or(Invalid)?;
        let value = js_sys::Reflect::get(&self.object, &key).map_err(|_| Invalid)?;
        seed.deserialize(Value { value, depth: self.depth })
    }
}
