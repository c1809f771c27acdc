//! ws2mp: Winsock 2 multipoint and multicast for Linux and macOS, with a C ABI.
//!
//! Layers (docs/ARCHITECTURE.md; tests/layers.rs checks that the modules form a DAG):
//! `ffi` is the thin `extern "C"` surface on top (pointer checks, panics, errors → Winsock
//! return values); below it the core: `pool` (the Vista thread pool, on `overlapped`'s
//! completion ports), `readiness` (`select`, `WSAPoll`), `options`, `overlapped`,
//! `extension`, `runtime`, `names`, `win32`, then
//! `socket` (the façade: one socket's Winsock semantics, and the registry), which delegates to
//! its `provider` (native, `provider::multicast`, `provider::rooted`); `handle` and `event`
//! below the sockets; `sys`, the only code that calls the OS, at the bottom. Only `ffi` and
//! `sys` hold the code the compiler cannot check (C pointers, system calls); tests/layers.rs
//! rejects it anywhere else.

pub(crate) mod addr;
pub(crate) mod catalog;
pub(crate) mod error;
pub(crate) mod event;
pub(crate) mod extension;
pub mod ffi;
pub(crate) mod handle;
pub(crate) mod log;
pub(crate) mod named_pipe;
pub(crate) mod names;
pub(crate) mod options;
pub(crate) mod overlapped;
pub(crate) mod pool;
pub(crate) mod provider;
pub(crate) mod readiness;
pub(crate) mod runtime;
pub(crate) mod slots;
pub(crate) mod socket;
pub(crate) mod sys;
pub(crate) mod win32;
pub(crate) mod window;
pub(crate) mod winsock;
