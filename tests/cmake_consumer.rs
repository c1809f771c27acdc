//! An outside project uses ws2mp every way the README documents, in a temporary directory,
//! and each way builds AND runs tests/consumer/legacy_client.c (an unchanged Winsock program
//! doing TCP round trips on loopback; also as `windows_link_line`, linked with a Windows
//! project's `target_link_libraries(... Ws2_32 mswsock.lib iphlpapi)`) and
//! tests/consumer/native_client.c (ws2mp.h only):
//!
//! (a) `cmake --install` of this source tree, then `find_package(ws2mp CONFIG REQUIRED)`,
//!     with ws2mp::ws2mp static (the default) and shared (`WS2MP_SHARED=ON`);
//! (b) `add_subdirectory` and `FetchContent` of the source tree;
//! (c) pkg-config: `pkg-config --cflags --libs --static ws2mp-compat` against a static-only
//!     installation (`--component development`), also with a Windows Makefile's `-lws2_32
//!     -lmswsock -liphlpapi` (and those names alone), and without `--static` against the full
//!     one;
//! (d) the static-link line in README.md, run verbatim;
//! and `./demo.sh`, the README's first command. The versioned shared library (SONAME, links)
//! is checked in the installation; [`build_types_choose_cargo_profiles`] covers build types
//! and multi-config generators, [`ctest_runs_the_c_tests`] the CTest registration.
//!
//! The library is built once: every CMake build here shares cargo's target directory
//! (`WS2MP_CARGO_TARGET_DIR`), so after the first release build cargo has nothing to do.
//! cmake, ninja, pkg-config and a C compiler are required: without them this test FAILS
//! (./test.sh installs them) — it never passes by skipping.

#[path = "cmake_support/mod.rs"]
mod cmake_support;

use cmake_support::*;
use std::path::Path;
use std::process::Command;
use std::sync::Mutex;
use std::time::Instant;

/// The tests here build into the same cargo target directory, and several run cmake builds
/// that run cargo; one at a time keeps the machine's two cores for the builds themselves.
static RELEASE_DIR: Mutex<()> = Mutex::new(());

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

#[test]
fn consumers_build_and_run_every_documented_way() {
    let _serial = RELEASE_DIR.lock().unwrap_or_else(|e| e.into_inner());
    require_tool("cmake", "cmake");
    require_tool("pkg-config", "pkg-config");
    require_tool("cc", "gcc");
    let started = Instant::now();
    let tmp = tempdir("consumer");
    println!("working in {}", tmp.display());

    // (a) Build and install (full, and static-only), then find_package.
    let build = tmp.join("ws2mp-build");
    cmake_configure(root(), &build, &["-DWS2MP_BUILD_EXAMPLES=ON".into()]);
    cmake_build(&build, &[]);
    for example in ["conference", "event_echo", "udp_echo"] {
        assert!(
            build.join("examples").join(example).is_file(),
            "WS2MP_BUILD_EXAMPLES did not build {example}"
        );
    }
    let prefix = tmp.join("prefix");
    run(Command::new("cmake")
        .arg("--install")
        .arg(&build)
        .arg("--prefix")
        .arg(&prefix));
    let (shared_file, soname_link, dev_link) = shared_names();
    for file in [
        "lib/libws2mp.a",
        &format!("lib/{shared_file}"),
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
        "bin/ws2mp-scan",
    ] {
        assert!(prefix.join(file).is_file(), "not installed: {file}");
    }
    // The installed porting report runs on its own (its tables are built in).
    let scan = Command::new(prefix.join("bin/ws2mp-scan"))
        .arg(root().join("examples"))
        .output()
        .expect("run the installed ws2mp-scan");
    assert!(
        scan.status.success()
            && String::from_utf8_lossy(&scan.stdout).contains("builds unchanged: likely"),
        "the installed ws2mp-scan on examples/: {scan:?}"
    );
    // Every compat header of the source tree is installed (new ones too: a glob installs them).
    for entry in std::fs::read_dir(root().join("include/compat")).unwrap() {
        let name = entry.unwrap().file_name();
        assert!(
            prefix.join("include/ws2mp/compat").join(&name).exists(),
            "compat header {name:?} is not installed"
        );
    }
    // The versioned shared library: the file, the SONAME link, the development link.
    let lib = prefix.join("lib");
    assert_eq!(
        std::fs::read_link(lib.join(&soname_link)).unwrap(),
        Path::new(&shared_file),
        "{soname_link} must point at {shared_file}"
    );
    assert_eq!(
        std::fs::read_link(lib.join(&dev_link)).unwrap(),
        Path::new(&soname_link),
        "{dev_link} must point at {soname_link}"
    );
    if cfg!(target_os = "linux") {
        assert_eq!(
            soname_of(&lib.join(&shared_file)).as_deref(),
            Some(soname()),
            "the installed {shared_file} must carry the SONAME {}",
            soname()
        );
    }
    let static_prefix = tmp.join("prefix-static");
    run(Command::new("cmake")
        .arg("--install")
        .arg(&build)
        .arg("--prefix")
        .arg(&static_prefix)
        .args(["--component", "development"]));
    assert!(static_prefix.join("lib/libws2mp.a").is_file());
    for name in [&shared_file, &soname_link] {
        assert!(
            std::fs::symlink_metadata(static_prefix.join("lib").join(name)).is_err(),
            "the development component must not install {name}"
        );
    }

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
    // The shared library from the source tree: the program records the SONAME and finds the
    // versioned library CMake placed in its build tree.
    let args = [
        "-DWS2MP_CONSUMER_MODE=add_subdirectory".to_string(),
        source.clone(),
        "-DWS2MP_SHARED=ON".into(),
    ];
    let build = consumer(&tmp, "add_subdirectory-shared", &args, true);
    assert_eq!(
        consumer_libraries(&build, "Release"),
        (
            cargo_target_dir()
                .join("release/libws2mp.a")
                .display()
                .to_string(),
            build
                .join("ws2mp/ws2mp-lib/release")
                .join(shared_names().0)
                .display()
                .to_string()
        )
    );

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

    // A Windows project's Makefile line: its -lws2_32 -lmswsock -liphlpapi after ws2mp's
    // flags, and the Windows names alone (each a link to libws2mp.a) bringing ws2mp.
    let windows_dir = static_prefix.join("lib/ws2mp/windows");
    assert_eq!(
        std::fs::read_link(windows_dir.join("libws2_32.a")).unwrap(),
        Path::new("../../libws2mp.a")
    );
    let windows_names = ["-lws2_32", "-lmswsock", "-liphlpapi"];
    let makefile_line = tmp.join("pkg-config-windows-names");
    run(Command::new("cc")
        .arg(&program)
        .args(&flags)
        .args(windows_names)
        .arg("-o")
        .arg(&makefile_line));
    run_program(&makefile_line, "3 round trips, all intact");
    let only_windows_names = tmp.join("windows-names-only");
    let natives = pkg_config(&static_prefix, &["--libs-only-l", "--static", "ws2mp"]);
    run(Command::new("cc")
        .arg(&program)
        .args(pkg_config(
            &static_prefix,
            &["--cflags", "--libs-only-L", "ws2mp-compat"],
        ))
        .args(windows_names)
        .args(natives.iter().filter(|l| *l != "-lws2mp"))
        .arg("-o")
        .arg(&only_windows_names));
    run_program(&only_windows_names, "3 round trips, all intact");

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

/// CMAKE_BUILD_TYPE (or a multi-config generator's configuration) chooses cargo's profile:
/// Debug the dev profile (target/debug, IMPORTED_LOCATION_DEBUG), the others the release
/// profile; WS2MP_RUST_TARGET and WS2MP_CARGO_FLAGS reach cargo's command line.
#[test]
fn build_types_choose_cargo_profiles() {
    let _serial = RELEASE_DIR.lock().unwrap_or_else(|e| e.into_inner());
    require_tool("cmake", "cmake");
    require_tool("ninja", "ninja-build");
    let tmp = tempdir("build-types");
    let target = cargo_target_dir();
    let source = format!("-DWS2MP_SOURCE_DIR={}", root().display());
    let mode = "-DWS2MP_CONSUMER_MODE=add_subdirectory".to_string();
    let (shared_file, _, _) = shared_names();
    let expect = |build: &Path, dir: &str| {
        (
            target.join(dir).join("libws2mp.a").display().to_string(),
            build
                .join("ws2mp/ws2mp-lib")
                .join(dir)
                .join(&shared_file)
                .display()
                .to_string(),
        )
    };

    // Debug: built (the dev profile is what the C tests use, so cargo has it) and run.
    let args = [
        mode.clone(),
        source.clone(),
        "-DCMAKE_BUILD_TYPE=Debug".into(),
    ];
    let build = consumer(&tmp, "debug", &args, false);
    assert_eq!(consumer_libraries(&build, "Debug"), expect(&build, "debug"));

    // The other build types are the release profile.
    for config in ["RelWithDebInfo", "MinSizeRel"] {
        let build = tmp.join(config);
        let args = [
            mode.clone(),
            source.clone(),
            format!("-DCMAKE_BUILD_TYPE={config}"),
        ];
        cmake_configure(&root().join("tests/consumer"), &build, &args);
        assert_eq!(
            consumer_libraries(&build, config),
            expect(&build, "release")
        );
    }

    // A multi-config generator: each configuration its own profile, both built and run.
    let build = tmp.join("multi-config");
    let args = [mode.clone(), source.clone(), "-GNinja Multi-Config".into()];
    cmake_configure(&root().join("tests/consumer"), &build, &args);
    for (config, dir) in [("Debug", "debug"), ("Release", "release")] {
        cmake_build(&build, &["--config", config]);
        assert_eq!(consumer_libraries(&build, config), expect(&build, dir));
        let (program, expect) = PROGRAMS[0];
        run_program(&build.join(config).join(program), expect);
    }

    // A cross build's target and extra cargo arguments (configured only: no cross linker
    // here).
    let build = tmp.join("cross");
    let triple = "aarch64-unknown-linux-gnu";
    let args = [
        mode,
        source,
        format!("-DWS2MP_RUST_TARGET={triple}"),
        "-DWS2MP_CARGO_FLAGS=--config=build.jobs=1;--offline".into(),
    ];
    cmake_configure(&root().join("tests/consumer"), &build, &args);
    let (static_lib, _) = consumer_libraries(&build, "Release");
    assert_eq!(
        static_lib,
        target
            .join(triple)
            .join("release/libws2mp.a")
            .display()
            .to_string()
    );
    let rules = std::fs::read_to_string(build.join("ws2mp/CMakeFiles/ws2mp_cargo.dir/build.make"))
        .expect("the Makefile rules of ws2mp_cargo");
    for expected in [
        format!("--target {triple}"),
        "--config=build.jobs=1 --offline".into(),
        "--profile release".into(),
    ] {
        assert!(
            rules.contains(&expected),
            "cargo's command line lacks {expected:?}:\n{rules}"
        );
    }
    let _ = std::fs::remove_dir_all(&tmp);
}

/// `-DWS2MP_BUILD_TESTS=ON` registers every C test in c-tests/ with CTest (found by a glob,
/// so a new file needs no CMake edit), and `ctest` runs them with the rule tests/c_tests.rs
/// uses. Two are built and run here (cargo test runs them all through tests/c_tests.rs).
#[test]
fn ctest_runs_the_c_tests() {
    let _serial = RELEASE_DIR.lock().unwrap_or_else(|e| e.into_inner());
    require_tool("cmake", "cmake");
    let tmp = tempdir("ctest");
    let build = tmp.join("build");
    cmake_configure(
        root(),
        &build,
        &[
            "-DCMAKE_BUILD_TYPE=Debug".into(),
            "-DWS2MP_BUILD_TESTS=ON".into(),
            "-DWS2MP_INSTALL=OFF".into(),
        ],
    );
    let sources: Vec<String> = std::fs::read_dir(root().join("c-tests"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("c" | "cpp")))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    let listed = run(Command::new("ctest").arg("-N").current_dir(&build));
    for name in &sources {
        assert!(
            listed.contains(&format!(": {name}\n")),
            "ctest does not list the C test {name}:\n{listed}"
        );
    }
    assert!(
        listed.contains(&format!("Total Tests: {}", sources.len())),
        "{listed}"
    );
    cmake_build(
        &build,
        &["--target", "ws2mp_ctest_startup", "ws2mp_ctest_select"],
    );
    let out = run(Command::new("ctest")
        .args(["-R", "^(startup|select)$", "--output-on-failure"])
        .current_dir(&build)
        .env_remove("LD_LIBRARY_PATH"));
    assert!(
        out.contains("100% tests passed, 0 tests failed out of 2"),
        "{out}"
    );
    let _ = std::fs::remove_dir_all(&tmp);
}

/// The native libraries in CMakeLists.txt, ws2mp.pc and README's link line are what cargo
/// prints for this Rust version.
#[test]
fn native_static_libs_are_what_cargo_prints() {
    let _serial = RELEASE_DIR.lock().unwrap_or_else(|e| e.into_inner());
    let started = Instant::now();
    // A target directory of its own: `cargo rustc` with extra arguments would otherwise make
    // the next cargo build of the same profile rebuild the library. cargo prints the list only
    // when it compiles ws2mp, so that is cleaned first (the dependencies stay built). The dev
    // profile: the list is the same in every profile (it comes from the `#[link]` attributes of
    // std and the dependencies), and an unoptimised build takes a fraction of a release one.
    let target_dir = cargo_target_dir().join("native-static-libs");
    run(Command::new(cargo())
        .args(["clean", "--package", "ws2mp", "--quiet"])
        .arg("--manifest-path")
        .arg(root().join("Cargo.toml"))
        .arg("--target-dir")
        .arg(&target_dir));
    let out = Command::new(cargo())
        .args(["rustc", "--lib", "--locked"])
        .args(["--crate-type", "staticlib"])
        .arg("--manifest-path")
        .arg(root().join("Cargo.toml"))
        .arg("--target-dir")
        .arg(&target_dir)
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
/// ignores, and shares cargo's target directory through CARGO_TARGET_DIR). It needs no CMake.
#[test]
fn demo_script_runs() {
    let _serial = RELEASE_DIR.lock().unwrap_or_else(|e| e.into_inner());
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
