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

/// How to build one C program against ws2mp.
pub struct CBuild<'a> {
    pub source: &'a Path,
    pub output: &'a Path,
    pub lib_dir: &'a Path,
    /// Extra include directories (include/compat is always first).
    pub includes: &'a [PathBuf],
    pub cplusplus: bool,
    /// AddressSanitizer + UndefinedBehaviorSanitizer.
    pub sanitize: bool,
}

/// Compiles and links a C (or C++) program with `-Wall -Wextra -Werror` against
/// `include/compat` and the static library, with the compiler the cc crate finds.
pub fn compile_c(b: &CBuild<'_>) -> Result<(), String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target = env!("WS2MP_TARGET");
    let compiler = cc::Build::new()
        .cargo_metadata(false)
        .cargo_warnings(false)
        .target(target)
        .host(target)
        .opt_level(1)
        .debug(true)
        .cpp(b.cplusplus)
        .get_compiler();
    let mut cmd = compiler.to_command();
    if b.cplusplus {
        cmd.args(["-x", "c++", "-std=gnu++17"]);
    } else {
        cmd.arg("-std=gnu11");
    }
    cmd.args(["-Wall", "-Wextra", "-Werror", "-fno-omit-frame-pointer"]);
    if b.sanitize {
        cmd.arg("-fsanitize=address,undefined");
    }
    cmd.arg("-I").arg(root.join("include/compat"));
    for dir in b.includes {
        cmd.arg("-I").arg(dir);
    }
    cmd.arg(b.source);
    if b.cplusplus {
        cmd.args(["-x", "none"]);
    }
    cmd.arg(b.lib_dir.join("libws2mp.a"));
    cmd.args(["-lpthread", "-ldl", "-lm"]);
    #[cfg(target_os = "linux")]
    cmd.args(["-lrt", "-lutil"]);
    cmd.arg("-o").arg(b.output);
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run the C compiler: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "compile failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// mingw-w64's C compiler, checked to be installed (`./test.sh` installs it).
#[allow(dead_code)]
pub const MINGW_CC: &str = "x86_64-w64-mingw32-gcc";

/// Builds `source` with mingw-w64 against Windows' own headers (`-Wall -Wextra -Werror`,
/// linked with `libs`) into `out`; the compiler's messages on failure.
#[allow(dead_code)]
pub fn mingw_build(source: &Path, libs: &[&str], out: &Path) -> Result<(), String> {
    let output = Command::new(MINGW_CC)
        .args(["-std=gnu11", "-Wall", "-Wextra", "-Werror"])
        .arg(source)
        .args(libs)
        .arg("-o")
        .arg(out)
        .output()
        .map_err(|e| format!("{MINGW_CC} not found ({e}): install mingw-w64 (./test.sh does)"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}
