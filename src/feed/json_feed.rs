//! JSON Feed 1.0 and 1.1 as serde types: the one description of the format,
//! read by the native tests (from `serde_json::Value`) and by the wasm (from
//! the value the browser's `JSON.parse` returns, see `js.rs`).
//!
//! Lenient by type, not by accident: a field of the wrong type reads as
//! absent and never rejects the feed ([`Text`], [`Id`], [`Object`], [`List`]),
//! a number used as an id becomes the text JavaScript writes for it, and
//! unknown fields and extensions are skipped. The item list keeps at most
//! [`MAX_ITEMS`] usable items, in feed order, the first of each id.

use super::{Item, MAX_ITEMS};
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;
use std::marker::PhantomData;

/// A JSON Feed document (the fields the widget reads); its `items` read as
/// `I` (the wasm reads them later, in slices: see `js.rs`).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct JsonFeed<I = Items> {
    /// `https://jsonfeed.org/version/1` or `/1.1`.
    pub version: Text,
    /// The feed's title.
    pub title: Text,
    /// The feed's home page.
    pub home_page_url: Text,
    /// A BCP 47 language tag.
    pub language: Text,
    /// The usable items.
    pub items: I,
}

impl<I> JsonFeed<I> {
    /// The same document with `items` for its items.
    pub fn with_items<J>(self, items: J) -> JsonFeed<J> {
        let JsonFeed { version, title, home_page_url, language, .. } = self;
        JsonFeed { version, title, home_page_url, language, items }
    }
}

/// One item of a JSON Feed (the fields the widget reads).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct JsonItem {
    /// A string, or a number turned into one.
    pub id: Id,
    /// The item's page.
    pub url: Text,
    /// A page elsewhere the item is about.
    pub external_url: Text,
    /// The headline.
    pub title: Text,
    /// A plain-text summary.
    pub summary: Text,
    /// The plain-text body.
    pub content_text: Text,
    /// RFC 3339 (see `Timestamp::parse` for the other shapes read).
    pub date_published: Text,
    /// RFC 3339 (see `Timestamp::parse` for the other shapes read).
    pub date_modified: Text,
    /// Keywords; entries that are not strings are skipped.
    pub tags: List<Text>,
    /// The main image.
    pub image: Text,
    /// A wide image.
    pub banner_image: Text,
    /// The `_news` extension.
    #[serde(rename = "_news")]
    pub news: Object<NewsExtension>,
}

/// The `_news` extension of an item.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewsExtension {
    /// The place a story was filed from, e.g. `VIENNA`.
    pub dateline: Text,
}

/// A string; any other type reads as absent.
#[derive(Debug, Default, PartialEq)]
pub struct Text(pub Option<String>);

/// An id: a string, or a number as JavaScript writes it (`1e3` is `"1000"`);
/// any other type reads as absent.
#[derive(Debug, Default, PartialEq)]
pub struct Id(pub Option<String>);

/// An object read as `T`; any other type reads as absent.
#[derive(Debug, PartialEq)]
pub struct Object<T>(pub Option<T>);

/// An array whose elements are read as `T`; any other type reads as absent.
#[derive(Debug, PartialEq)]
pub struct List<T>(pub Option<Vec<T>>);

/// The item list: usable items only, at most [`MAX_ITEMS`], unique ids;
/// `None` when the feed has no list of items.
#[derive(Debug, Default, PartialEq)]
pub struct Items(pub Option<Vec<Item>>);

impl<T> Default for Object<T> {
    fn default() -> Self {
        Object(None)
    }
}

impl<T> Default for List<T> {
    fn default() -> Self {
        List(None)
    }
}

/// What a lenient type accepts of a JSON value; every other value is
/// consumed (arrays and objects whole) and read as absent.
trait Accept<'de>: Sized {
    type Value;

    /// A string or a number.
    fn scalar(self, _value: Scalar<'_>) -> Option<Self::Value> {
        None
    }

    /// An array.
    fn seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Option<Self::Value>, S::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }

    /// An object.
    fn map<M: MapAccess<'de>>(self, mut map: M) -> Result<Option<Self::Value>, M::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(None)
    }
}

/// A string or a number, as given to [`Accept::scalar`].
enum Scalar<'a> {
    Str(&'a str),
    Number(f64),
}

/// Visits any JSON value on behalf of an [`Accept`].
struct Lenient<A>(A);

impl<'de, A: Accept<'de>> Visitor<'de> for Lenient<A> {
    type Value = Option<A::Value>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(self.0.scalar(Scalar::Str(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(self.0.scalar(Scalar::Number(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        self.visit_f64(v as f64)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        self.visit_f64(v as f64)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_seq<S: SeqAccess<'de>>(self, seq: S) -> Result<Self::Value, S::Error> {
        self.0.seq(seq)
    }

    fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<Self::Value, M::Error> {
        self.0.map(map)
    }
}

fn lenient<'de, D: Deserializer<'de>, A: Accept<'de>>(
    deserializer: D,
    accept: A,
) -> Result<Option<A::Value>, D::Error> {
    deserializer.deserialize_any(Lenient(accept))
}

/// Accepts strings.
struct Strings;

impl Accept<'_> for Strings {
    type Value = String;

    fn scalar(self, value: Scalar<'_>) -> Option<String> {
        match value {
            Scalar::Str(text) => Some(text.to_owned()),
            Scalar::Number(_) => None,
        }
    }
}

/// Accepts strings, and numbers as the text JavaScript writes for them.
struct StringsAndNumbers;

impl Accept<'_> for StringsAndNumbers {
    type Value = String;

    fn scalar(self, value: Scalar<'_>) -> Option<String> {
        match value {
            Scalar::Str(text) => Some(text.to_owned()),
            Scalar::Number(number) => Some(super::number_text(number)),
        }
    }
}

/// Accepts objects, read as `T`.
struct Objects<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Accept<'de> for Objects<T> {
    type Value = T;

    fn map<M: MapAccess<'de>>(self, map: M) -> Result<Option<T>, M::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(Some)
    }
}

/// Accepts arrays, read as lists of `T`.
struct Arrays<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Accept<'de> for Arrays<T> {
    type Value = Vec<T>;

    fn seq<S: SeqAccess<'de>>(self, seq: S) -> Result<Option<Vec<T>>, S::Error> {
        Vec::<T>::deserialize(SeqAccessDeserializer::new(seq)).map(Some)
    }
}

/// The usable items of an item list, read one element at a time: at most
/// [`MAX_ITEMS`], in order, the first of each id.
#[derive(Default)]
pub struct ItemsRead(Vec<Item>);

impl ItemsRead {
    /// Takes in the next element of the list.
    pub fn add(&mut self, element: Object<JsonItem>) {
        if let Some(item) = element.0.and_then(Item::from_json) {
            if !self.is_full() && !self.0.iter().any(|seen| seen.id == item.id) {
                self.0.push(item);
            }
        }
    }

    /// Whether [`MAX_ITEMS`] are read: the rest of the list is not kept.
    pub fn is_full(&self) -> bool {
        self.0.len() >= MAX_ITEMS
    }

    /// The items read.
    pub fn into_items(self) -> Vec<Item> {
        self.0
    }
}

/// Accepts the item list: usable items, capped, first of each id.
struct ItemList;

impl<'de> Accept<'de> for ItemList {
    type Value = Vec<Item>;

    fn seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Option<Vec<Item>>, S::Error> {
        let mut items = ItemsRead::default();
        while !items.is_full() {
            let Some(element) = seq.next_element::<Object<JsonItem>>()? else {
                return Ok(Some(items.into_items()));
            };
            items.add(element);
        }
        // The rest is still read (a broken value rejects the whole document
        // wherever it is), but not kept.
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Some(items.into_items()))
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        lenient(deserializer, Strings).map(Text)
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        lenient(deserializer, StringsAndNumbers).map(Id)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        lenient(deserializer, Objects(PhantomData)).map(Object)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        lenient(deserializer, Arrays(PhantomData)).map(List)
    }
}

impl<'de> Deserialize<'de> for Items {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        lenient(deserializer, ItemList).map(Items)
    }
}
