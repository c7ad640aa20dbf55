//! Shared by the native tests and the fuzz target: a second reading of URL
//! schemes, and the invariants every accepted feed must satisfy.
#![allow(dead_code)]

pub mod invariants;
pub mod whatwg;
