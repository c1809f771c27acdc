//! Shared by the integration tests and the benchmarks: builds the C-facing artifacts.
//!
//! `cargo test` builds the crate as an rlib only; the C tests, the symbol checks and the
//! benchmarks need `libws2mp.a` / `libws2mp.so`, so they ask cargo to build the library
//! (a no-op when it is fresh) and use the artifacts from the same target directory.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// Builds the library (`release` or debug) and returns the directory holding `libws2mp.a`.
pub fn library_dir(release: bool) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let exe = std::env::current_exe().expect("test binary path");
    // <target>/<profile>/deps/<binary> -> <target>
    let target_dir = exe
        .parent()
        .and_then(Path::parent)
        .and_then(Path::parent)
        .expect("target dir")
        .to_path_buf();
    let mut cmd = Command::new(env!("CARGO"));
    cmd.current_dir(root)
        .args(["build", "--lib", "--quiet"])
        .env("CARGO_TARGET_DIR", &target_dir);
    if release {
        cmd.arg("--release");
    }
    let status = cmd.status().expect("run cargo build");
    assert!(status.success(), "cargo build --lib failed");
    let dir = target_dir.join(if release { "release" } else { "debug" });
    assert!(
        dir.join("libws2mp.a").exists(),
        "libws2mp.a missing in {}",
        dir.display()
    );
    dir
}
