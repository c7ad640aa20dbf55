//! Working with the Web [Streams API](https://developer.mozilla.org/en-US/docs/Web/API/Streams_API)
//! in Rust.
//!
//! This crate provides wrappers around [`ReadableStream`], [`WritableStream`] and [`TransformStream`].
//! It also supports converting from and into [`Stream`]s and [`Sink`]s from the [futures] crate.
//!
//! [`Stream`]: https://docs.rs/futures/0.3.30/futures/stream/trait.Stream.html
//! [`Sink`]: https://docs.rs/futures/0.3.30/futures/sink/trait.Sink.html
//! [futures]: https://docs.rs/futures/0.3.30/futures/index.html

pub use readable::ReadableStream;
pub use transform::TransformStream;
pub use writable::WritableStream;

pub(crate) mod queuing_strategy;
pub mod readable;
pub mod transform;
pub(crate) mod util;
pub mod writable;

/// Thrown by `ReadableStream::from_stream`, `ReadableStream::from_async_read`
/// and `WritableStream::from_sink` when built without `js-adapters`.
#[cfg(not(feature = "js-adapters"))]
pub(crate) const JS_ADAPTERS_OFF: &str =
    "wasm-streams was built without its JS adapters (the `js-adapters` feature): \
     Rust streams and sinks cannot be turned into JS ones";
