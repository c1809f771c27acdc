//! ws2mp: Winsock 2 multipoint and multicast for Linux and macOS, with a C ABI.
//!
//! Layers (see docs/ARCHITECTURE.md): `ffi` is the thin `extern "C"` surface
//! (pointer checks, panics, errors → Winsock return values); the core (`socket`, `registry`,
//! `event`, `catalog`, `options`, `runtime`, `error`, and the providers `multicast` and
//! `provider::rooted`) is safe Rust; `sys` is the only place that calls the OS (with `addr` and
//! `slots` as the two other pieces of low-level plumbing that use `unsafe`).

pub mod addr;
pub mod catalog;
pub mod error;
pub mod event;
pub mod ffi;
pub mod handle;
pub mod log;
pub mod multicast;
pub mod names;
pub mod options;
pub mod provider;
pub mod registry;
pub mod runtime;
pub mod slots;
pub mod socket;
pub mod sys;
pub mod win32;
pub mod winsock;
