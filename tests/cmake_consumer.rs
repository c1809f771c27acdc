//! An outside project uses ws2mp every way the README documents, in a temporary directory,
//! and each way builds AND runs tests/consumer/legacy_client.c (an unchanged Winsock program
//! doing TCP round trips on loopback) and tests/consumer/native_client.c (ws2mp.h only):
//!
//! (a) `cmake --install` of this source tree, then `find_package(ws2mp CONFIG REQUIRED)`,
//!     with ws2mp::ws2mp static (the default) and shared (`WS2MP_SHARED=ON`);
//! (b) `add_subdirectory` and `FetchContent` of the source tree;
//! (c) pkg-config: `pkg-config --cflags --libs --static ws2mp-compat` against a static-only
//!     installation (`--component development`), and without `--static` against the full one;
//! (d) the static-link line in README.md, run verbatim;
//! and `./demo.sh`, the README's first command.
//!
//! The library is built once: every CMake build here shares cargo's target directory
//! (`WS2MP_CARGO_TARGET_DIR`), so after the first release build cargo has nothing to do.
//! cmake, pkg-config and a C compiler are required: without them this test FAILS (CI
//! installs them; see .ci/run) — it never passes by skipping.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::time::Instant;

/// Both tests run cargo on the release directory of the same target directory; `cargo rustc`
/// re-links target/release/libws2mp.a, which `cmake --install` copies. One at a time.
static RELEASE_DIR: Mutex<()> = Mutex::new(());

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// cargo's target directory for this run (the parent of target/<profile>).
fn cargo_target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    exe.parent() // deps
        .and_then(Path::parent) // <profile>
        .and_then(Path::parent) // target (or target/<triple>)
        .expect("cargo target dir")
        .to_path_buf()
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

fn require_tool(name: &str, install: &str) {
    let found = Command::new(name)
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(
        found,
        "`{name}` is not installed, and the CMake/pkg-config consumer test needs it. \
         Install it (Debian: apt-get install {install}); .ci/run does."
    );
}

/// Runs a command, prints it with its duration, and returns its stdout; panics with all of
/// its output when it fails.
fn run(cmd: &mut Command) -> String {
    let shown = format!("{cmd:?}");
    let started = Instant::now();
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot start {shown}: {e}"));
    println!("[{:5.1}s] {shown}", started.elapsed().as_secs_f64());
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{shown} failed ({}):\n{stdout}{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// Runs a consumer program and checks it did its work. `cargo test` puts its own deps
/// directory (with a libws2mp.so) on the loader's path: drop it, so that a program linked
/// against the shared library loads the one it was built to find.
fn run_program(exe: &Path, expect: &str) {
    let out = run(Command::new(exe)
        .env_remove("LD_LIBRARY_PATH")
        .env_remove("DYLD_LIBRARY_PATH")
        .env_remove("DYLD_FALLBACK_LIBRARY_PATH"));
    assert!(
        out.contains(expect),
        "{} did not print {expect:?}:\n{out}",
        exe.display()
    );
}

/// Whether an executable loads libws2mp dynamically.
fn links_shared_ws2mp(exe: &Path) -> bool {
    if cfg!(target_os = "macos") {
        run(Command::new("otool").arg("-L").arg(exe)).contains("libws2mp")
    } else {
        run(Command::new("readelf").arg("-d").arg(exe))
            .lines()
            .any(|l| l.contains("(NEEDED)") && l.contains("libws2mp"))
    }
}

fn cmake_configure(source: &Path, build: &Path, args: &[String]) {
    let mut cmd = Command::new("cmake");
    cmd.arg("-S").arg(source).arg("-B").arg(build);
    cmd.arg("-DCMAKE_BUILD_TYPE=Release");
    cmd.arg(format!("-DWS2MP_CARGO={}", cargo()));
    cmd.arg(format!(
        "-DWS2MP_CARGO_TARGET_DIR={}",
        cargo_target_dir().display()
    ));
    cmd.args(args);
    run(&mut cmd);
}

fn cmake_build(build: &Path) {
    run(Command::new("cmake").arg("--build").arg(build));
}

/// Configures, builds and runs the consumer project; `shared` says which library
/// ws2mp::ws2mp must have linked.
fn consumer(tmp: &Path, name: &str, args: &[String], shared: bool) {
    let build = tmp.join(name);
    cmake_configure(&root().join("tests/consumer"), &build, args);
    cmake_build(&build);
    for (program, expect) in [
        ("legacy_client", "3 round trips, all intact"),
        ("native_client", "native_client: WinSock 2.0"),
    ] {
        let exe = build.join(program);
        run_program(&exe, expect);
        assert_eq!(
            links_shared_ws2mp(&exe),
            shared,
            "{name}/{program} should link libws2mp {}",
            if shared { "shared" } else { "statically" }
        );
    }
}

fn pkg_config(prefix: &Path, args: &[&str]) -> Vec<String> {
    let out = run(Command::new("pkg-config")
        .env("PKG_CONFIG_PATH", prefix.join("lib/pkgconfig"))
        .env_remove("PKG_CONFIG_LIBDIR")
        .args(args));
    out.split_whitespace().map(String::from).collect()
}

/// The command between `<!-- static-link-line ... -->` and the end of the code block that
/// follows it in README.md.
fn readme_static_link_line() -> String {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let after = readme
        .split("<!-- static-link-line")
        .nth(1)
        .expect("README.md has a <!-- static-link-line --> marker");
    let block = after
        .split("```")
        .nth(1)
        .expect("a code block after the marker");
    let command: Vec<&str> = block
        .lines()
        .skip(1) // the fence's language tag
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(command.len(), 1, "one command line expected: {command:?}");
    command[0].trim().to_string()
}

fn tempdir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ws2mp-consumer-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn consumers_build_and_run_every_documented_way() {
    let _serial = RELEASE_DIR.lock().unwrap_or_else(|e| e.into_inner());
    require_tool("cmake", "cmake");
    require_tool("pkg-config", "pkg-config");
    require_tool("cc", "gcc");
    let started = Instant::now();
    let tmp = tempdir();
    println!("working in {}", tmp.display());

    // (a) Build and install (full, and static-only), then find_package.
    let build = tmp.join("ws2mp-build");
    cmake_configure(root(), &build, &[]);
    cmake_build(&build);
    let prefix = tmp.join("prefix");
    run(Command::new("cmake")
        .arg("--install")
        .arg(&build)
        .arg("--prefix")
        .arg(&prefix));
    let shared_name = if cfg!(target_os = "macos") {
        "libws2mp.dylib"
    } else {
        "libws2mp.so"
    };
    for file in [
        "lib/libws2mp.a",
        &format!("lib/{shared_name}"),
        "include/ws2mp/ws2mp.h",
        "include/ws2mp/compat/winsock2.h",
        "include/ws2mp/compat/ws2tcpip.h",
        "include/ws2mp/compat/windows.h",
        "include/ws2mp/compat/mswsock.h",
        "lib/cmake/ws2mp/ws2mpConfig.cmake",
        "lib/cmake/ws2mp/ws2mpConfigVersion.cmake",
        "lib/cmake/ws2mp/ws2mpTargets.cmake",
        "lib/pkgconfig/ws2mp.pc",
        "lib/pkgconfig/ws2mp-compat.pc",
    ] {
        assert!(prefix.join(file).is_file(), "not installed: {file}");
    }
    let static_prefix = tmp.join("prefix-static");
    run(Command::new("cmake")
        .arg("--install")
        .arg(&build)
        .arg("--prefix")
        .arg(&static_prefix)
        .args(["--component", "development"]));
    assert!(static_prefix.join("lib/libws2mp.a").is_file());
    assert!(
        !static_prefix.join("lib").join(shared_name).exists(),
        "the development component must not install the shared library"
    );

    let prefix_path = format!("-DCMAKE_PREFIX_PATH={}", prefix.display());
    consumer(
        &tmp,
        "find-static",
        std::slice::from_ref(&prefix_path),
        false,
    );
    consumer(
        &tmp,
        "find-shared",
        &[prefix_path, "-DWS2MP_SHARED=ON".into()],
        true,
    );

    // (b) The source tree, as a subdirectory and through FetchContent.
    let source = format!("-DWS2MP_SOURCE_DIR={}", root().display());
    for mode in ["add_subdirectory", "fetchcontent"] {
        let args = [format!("-DWS2MP_CONSUMER_MODE={mode}"), source.clone()];
        consumer(&tmp, mode, &args, false);
    }

    // (c) pkg-config: --static against the static-only installation, and the shared
    // library (found through an rpath) against the full one.
    let program = root().join("tests/consumer/legacy_client.c");
    let pc_static = tmp.join("pkg-config-static");
    let flags = pkg_config(
        &static_prefix,
        &["--cflags", "--libs", "--static", "ws2mp-compat"],
    );
    run(Command::new("cc")
        .arg(&program)
        .args(&flags)
        .arg("-o")
        .arg(&pc_static));
    assert!(!links_shared_ws2mp(&pc_static));
    run_program(&pc_static, "3 round trips, all intact");

    let pc_shared = tmp.join("pkg-config-shared");
    let flags = pkg_config(&prefix, &["--cflags", "--libs", "ws2mp-compat"]);
    let libdir = pkg_config(&prefix, &["--variable=libdir", "ws2mp"]);
    run(Command::new("cc")
        .arg(&program)
        .args(&flags)
        .arg(format!("-Wl,-rpath,{}", libdir[0]))
        .arg("-o")
        .arg(&pc_shared));
    assert!(links_shared_ws2mp(&pc_shared));
    run_program(&pc_shared, "3 round trips, all intact");

    // (d) README's static-link line, verbatim, in a directory holding app.c.
    let line = readme_static_link_line();
    let dir = tmp.join("readme");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(&program, dir.join("app.c")).unwrap();
    println!("README line: {line}");
    run(Command::new("sh")
        .args(["-c", &line])
        .env("PREFIX", &prefix)
        .current_dir(&dir));
    let app = dir.join("app");
    assert!(!links_shared_ws2mp(&app));
    run_program(&app, "3 round trips, all intact");

    println!(
        "all consumer routes passed in {:.1}s",
        started.elapsed().as_secs_f64()
    );
    let _ = std::fs::remove_dir_all(&tmp);
}

/// The native libraries in CMakeLists.txt, ws2mp.pc and README's link line are what cargo
/// prints for this Rust version.
#[test]
fn native_static_libs_are_what_cargo_prints() {
    let _serial = RELEASE_DIR.lock().unwrap_or_else(|e| e.into_inner());
    let started = Instant::now();
    let out = Command::new(cargo())
        .args(["rustc", "--release", "--lib", "--locked"])
        .args(["--crate-type", "staticlib"])
        .arg("--manifest-path")
        .arg(root().join("Cargo.toml"))
        .arg("--target-dir")
        .arg(cargo_target_dir())
        .args(["--", "--print", "native-static-libs"])
        .env("CARGO_TERM_COLOR", "never")
        .output()
        .expect("run cargo");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "cargo rustc failed:\n{stderr}");
    let printed: Vec<String> = stderr
        .lines()
        .find_map(|l| l.split("native-static-libs:").nth(1))
        .unwrap_or_else(|| panic!("no native-static-libs line in:\n{stderr}"))
        .split_whitespace()
        .map(String::from)
        .collect();
    println!(
        "cargo prints: {} ({:.1}s)",
        printed.join(" "),
        started.elapsed().as_secs_f64()
    );

    // CMakeLists.txt: the first set(WS2MP_NATIVE_STATIC_LIBS ...) is Apple's, the second
    // everyone else's.
    let cmake = std::fs::read_to_string(root().join("CMakeLists.txt")).unwrap();
    let lists: Vec<Vec<String>> = cmake
        .lines()
        .filter_map(|l| l.trim().strip_prefix("set(WS2MP_NATIVE_STATIC_LIBS "))
        .map(|rest| {
            rest.trim_end_matches(')')
                .split_whitespace()
                .map(|lib| format!("-l{lib}"))
                .collect()
        })
        .collect();
    assert_eq!(
        lists.len(),
        2,
        "two WS2MP_NATIVE_STATIC_LIBS lists in CMakeLists.txt"
    );
    let ours = if cfg!(target_os = "macos") {
        &lists[0]
    } else {
        &lists[1]
    };
    assert_eq!(
        ours, &printed,
        "CMakeLists.txt's WS2MP_NATIVE_STATIC_LIBS is not what cargo prints: update it, \
         and README.md's static-link line"
    );

    if cfg!(target_os = "linux") {
        let line = readme_static_link_line();
        let readme_libs: Vec<String> = line
            .split_whitespace()
            .filter(|w| w.starts_with("-l"))
            .map(String::from)
            .collect();
        assert_eq!(
            readme_libs, printed,
            "README.md's static-link line does not list what cargo prints"
        );
    }
}

/// README's first command, `./demo.sh`, as it is (it builds into build/demo, which git
/// ignores, and shares cargo's target directory through CARGO_TARGET_DIR).
#[test]
fn demo_script_runs() {
    let _serial = RELEASE_DIR.lock().unwrap_or_else(|e| e.into_inner());
    require_tool("cmake", "cmake");
    let out = run(Command::new(root().join("demo.sh"))
        .env("CARGO_TARGET_DIR", cargo_target_dir())
        .env_remove("LD_LIBRARY_PATH"));
    for line in [
        "root     admits alice",
        "root     admits bob",
        "root     admits carol",
        "root     refuses mallory",
        "root     evicts carol",
        "alice    joined; the root says \"welcome, alice\"",
        "bob      hears \"alice: hello from alice\"",
        "carol    hears \"you are the last in: please make room\"",
        "alice    sees the session end (FD_CLOSE, error 0)",
        "mallory  was refused by the root (WSAECONNREFUSED), as expected",
        "--- conference over: every process exited 0",
    ] {
        assert!(out.contains(line), "the demo did not show `{line}`:\n{out}");
    }
}
