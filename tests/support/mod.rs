//! Shared by the native tests, the wasm tests and the fuzz target: the
//! hostile corpus, a second reading of URL schemes, and the invariants every
//! accepted feed must satisfy.
#![allow(dead_code)]

pub mod corpus;
pub mod invariants;
pub mod whatwg;
