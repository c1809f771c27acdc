//! Shared by tests/cmake_consumer.rs and tests/packages.rs: running CMake, cargo and the
//! consumer project (tests/consumer/) the way an outside project would, in cargo's own target
//! directory so that the library is built once.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// cargo's target directory for this run (the parent of target/<profile>).
pub fn cargo_target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    exe.parent() // deps
        .and_then(Path::parent) // <profile>
        .and_then(Path::parent) // target (or target/<triple>)
        .expect("cargo target dir")
        .to_path_buf()
}

pub fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// Fails (never skips) when a tool is missing: ./test.sh installs them.
pub fn require_tool(name: &str, install: &str) {
    let found = Command::new(name)
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(
        found,
        "`{name}` is not installed, and this test needs it. Run the README's test command, \
         ./test.sh, which installs it (Debian: apt-get install {install})."
    );
}

/// Runs a command, prints it with its duration, and returns its stdout; panics with all of
/// its output when it fails.
pub fn run(cmd: &mut Command) -> String {
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
pub fn run_program(exe: &Path, expect: &str) {
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

/// The shared libraries an executable or library needs (ELF NEEDED / Mach-O load commands).
pub fn needed_libraries(file: &Path) -> Vec<String> {
    if cfg!(target_os = "macos") {
        run(Command::new("otool").arg("-L").arg(file))
            .lines()
            .skip(1)
            .filter_map(|l| l.split_whitespace().next().map(String::from))
            .collect()
    } else {
        run(Command::new("readelf").arg("-d").arg(file))
            .lines()
            .filter(|l| l.contains("(NEEDED)"))
            .filter_map(|l| l.split('[').nth(1))
            .map(|l| l.trim_end_matches(']').to_string())
            .collect()
    }
}

/// Whether an executable loads libws2mp dynamically; when it does, it must be by the SONAME.
pub fn links_shared_ws2mp(exe: &Path) -> bool {
    let needed = needed_libraries(exe);
    let ours: Vec<&String> = needed.iter().filter(|l| l.contains("libws2mp")).collect();
    for name in &ours {
        assert!(
            name.as_str() == soname(),
            "{} needs {name}, not the SONAME {}",
            exe.display(),
            soname()
        );
    }
    !ours.is_empty()
}

/// The name programs record for the shared library.
pub fn soname() -> &'static str {
    if cfg!(target_os = "macos") {
        "@rpath/libws2mp.0.dylib"
    } else {
        "libws2mp.so.0"
    }
}

/// The shared library's file names: (the real file, the SONAME link, the development link).
pub fn shared_names() -> (String, String, String) {
    let version = env!("CARGO_PKG_VERSION");
    if cfg!(target_os = "macos") {
        (
            format!("libws2mp.{version}.dylib"),
            "libws2mp.0.dylib".into(),
            "libws2mp.dylib".into(),
        )
    } else {
        (
            format!("libws2mp.so.{version}"),
            "libws2mp.so.0".into(),
            "libws2mp.so".into(),
        )
    }
}

/// The SONAME a shared library carries (readelf -d), on ELF systems.
pub fn soname_of(lib: &Path) -> Option<String> {
    run(Command::new("readelf").arg("-d").arg(lib))
        .lines()
        .find(|l| l.contains("(SONAME)"))
        .and_then(|l| l.split('[').nth(1))
        .map(|l| l.trim_end_matches(']').to_string())
}

/// `cmake -S source -B build` with cargo and cargo's target directory set; `args` come last
/// (a -DCMAKE_BUILD_TYPE there wins over the default Release).
pub fn cmake_configure(source: &Path, build: &Path, args: &[String]) -> String {
    let mut cmd = Command::new("cmake");
    cmd.arg("-S").arg(source).arg("-B").arg(build);
    cmd.arg("-DCMAKE_BUILD_TYPE=Release");
    cmd.arg(format!("-DWS2MP_CARGO={}", cargo()));
    cmd.arg(format!(
        "-DWS2MP_CARGO_TARGET_DIR={}",
        cargo_target_dir().display()
    ));
    cmd.args(args);
    run(&mut cmd)
}

pub fn cmake_build(build: &Path, args: &[&str]) {
    run(Command::new("cmake")
        .arg("--build")
        .arg(build)
        .args(["--parallel", "2"])
        .args(args));
}

/// The consumer's programs and what each prints when it works.
pub const PROGRAMS: [(&str, &str); 3] = [
    ("legacy_client", "3 round trips, all intact"),
    ("windows_link_line", "3 round trips, all intact"),
    ("native_client", "native_client: WinSock 2.0"),
];

/// Configures, builds and runs the consumer project; `shared` says which library
/// ws2mp::ws2mp must have linked. Returns the build directory.
pub fn consumer(tmp: &Path, name: &str, args: &[String], shared: bool) -> PathBuf {
    let build = tmp.join(name);
    cmake_configure(&root().join("tests/consumer"), &build, args);
    cmake_build(&build, &[]);
    for (program, expect) in PROGRAMS {
        let exe = build.join(program);
        run_program(&exe, expect);
        assert_eq!(
            links_shared_ws2mp(&exe),
            shared,
            "{name}/{program} should link libws2mp {}",
            if shared { "shared" } else { "statically" }
        );
    }
    build
}

/// What the consumer's CMake wrote for one configuration: the files ws2mp::static and
/// ws2mp::shared resolve to (`$<TARGET_FILE:...>`), as (static, shared).
pub fn consumer_libraries(build: &Path, config: &str) -> (String, String) {
    let file = build.join(format!("ws2mp-libraries-{config}.txt"));
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let get = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key))
            .unwrap_or_else(|| panic!("no {key:?} line in {}:\n{text}", file.display()))
            .trim()
            .to_string()
    };
    (get("static "), get("shared "))
}

pub fn tempdir(what: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ws2mp-{what}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
