//! Providers behind the catalog entries that are not plain pass-through to the OS.

pub mod rooted;
