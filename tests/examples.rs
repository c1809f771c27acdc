//! The programs in examples/ are real Winsock programs: each must build unchanged against
//! include/compat (and run here, under AddressSanitizer), and build unchanged with mingw-w64
//! against Windows' own headers, which proves the source is Winsock code and not ws2mp code.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

/// Arguments for a quick run of each example (they must exit 0).
fn quick_args(name: &str) -> Option<&'static [&'static str]> {
    match name {
        "event_echo" => Some(&["130", "5"]),
        "protocol_browser" => Some(&[]),
        "udp_echo" => Some(&[]),
        _ => None,
    }
}

fn examples() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut v: Vec<PathBuf> = std::fs::read_dir(root.join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "c"))
        .collect();
    v.sort();
    v
}

fn name_of(p: &Path) -> String {
    p.file_stem().unwrap().to_string_lossy().into_owned()
}

#[test]
fn examples_build_against_compat_and_run() {
    let lib_dir = support::library_dir(false);
    let out_dir = lib_dir.join("examples-test");
    std::fs::create_dir_all(&out_dir).unwrap();
    for src in examples() {
        let name = name_of(&src);
        let exe = out_dir.join(&name);
        support::compile_c(&support::CBuild {
            source: &src,
            output: &exe,
            lib_dir: &lib_dir,
            includes: &[],
            cplusplus: false,
            sanitize: true,
        })
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        let Some(args) = quick_args(&name) else {
            println!(
                "{name}: built (the conference runs in tests/cmake_consumer.rs through ./demo.sh)"
            );
            continue;
        };
        let out = Command::new(&exe)
            .args(args)
            .env("ASAN_OPTIONS", "detect_leaks=1")
            .output()
            .unwrap();
        print!("{}", String::from_utf8_lossy(&out.stdout));
        assert!(
            out.status.success(),
            "{name} failed: {}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn examples_build_with_mingw_against_windows_headers() {
    let mingw = "x86_64-w64-mingw32-gcc";
    assert!(
        Command::new(mingw)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success()),
        "{mingw} not found: install mingw-w64 (apt-get install gcc-mingw-w64-x86-64; .ci/run does)"
    );
    let out_dir = std::env::temp_dir().join(format!("ws2mp-mingw-{}", std::process::id()));
    std::fs::create_dir_all(&out_dir).unwrap();
    for src in examples() {
        let name = name_of(&src);
        let out = Command::new(mingw)
            .args(["-std=gnu11", "-Wall", "-Wextra", "-Werror"])
            .arg(&src)
            .args(["-lws2_32", "-lpthread", "-o"])
            .arg(out_dir.join(format!("{name}.exe")))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name} does not build with mingw-w64:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        println!("{name}.exe built with mingw-w64");
    }
    let _ = std::fs::remove_dir_all(&out_dir);
}
