//! The porting corpus: small programs in tests/corpus/ written the way public Winsock samples
//! are (TCHAR and strsafe, FormatMessage error reporting, GetAdaptersAddresses, the secure
//! CRT functions, __try/__finally, Winsock 1.1, a thread-per-client server with critical
//! sections, a console-control-handler multicast receiver, a `netstat -ano` clone over the IP
//! Helper tables). Each must build UNCHANGED against include/compat with `-Wall -Wextra
//! -Werror` and run (on 127.0.0.1 only) under AddressSanitizer, and build unchanged with
//! mingw-w64 against Windows' own headers (which shows the source is Windows code, not ws2mp
//! code). A program that MSVC alone can build says `corpus: no-mingw (reason)` in its first
//! lines.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

fn programs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut v: Vec<PathBuf> = std::fs::read_dir(root.join("tests/corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "c"))
        .collect();
    v.sort();
    assert!(v.len() >= 6, "the corpus has {} programs", v.len());
    v
}

fn name_of(p: &Path) -> String {
    p.file_stem().unwrap().to_string_lossy().into_owned()
}

fn mingw_allowed(p: &Path) -> bool {
    let text = std::fs::read_to_string(p).unwrap();
    !text
        .lines()
        .take(10)
        .any(|l| l.contains("corpus: no-mingw"))
}

/// Runs `exe` for at most 30 s; returns (success, output).
fn run(exe: &Path) -> (bool, String) {
    let ran = support::run_bounded(
        Command::new(exe)
            .env("ASAN_OPTIONS", "detect_leaks=1:abort_on_error=1")
            .env("UBSAN_OPTIONS", "halt_on_error=1:print_stacktrace=1"),
        Duration::from_secs(30),
    )
    .expect("start corpus program");
    let text = format!("{}{}", ran.stdout, ran.stderr);
    (ran.success(), text)
}

#[test]
fn corpus_builds_unchanged_against_compat_and_runs() {
    let lib_dir = support::library_dir(false);
    let out_dir = lib_dir.join("corpus-test");
    std::fs::create_dir_all(&out_dir).unwrap();
    let mut failures = Vec::new();
    for src in programs() {
        let name = name_of(&src);
        let exe = out_dir.join(&name);
        if let Err(e) = support::compile_c(&support::CBuild {
            source: &src,
            output: &exe,
            lib_dir: &lib_dir,
            includes: &[],
            cplusplus: false,
            sanitize: true,
            shared: false,
            precompiled: None,
        }) {
            failures.push(format!(
                "{name} does not build against include/compat:\n{e}"
            ));
            continue;
        }
        let (ok, output) = run(&exe);
        print!("--- {name}\n{output}");
        if ok {
            let _ = std::fs::remove_file(&exe); // tens of MB; a failed one stays
        } else {
            failures.push(format!("{name} failed:\n{output}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn corpus_builds_with_mingw_against_windows_headers() {
    let out_dir = std::env::temp_dir().join(format!("ws2mp-corpus-mingw-{}", std::process::id()));
    std::fs::create_dir_all(&out_dir).unwrap();
    let mut built = 0;
    for src in programs() {
        let name = name_of(&src);
        if !mingw_allowed(&src) {
            println!("{name}: MSVC-only (corpus: no-mingw)");
            continue;
        }
        let exe = out_dir.join(format!("{name}.exe"));
        if let Err(e) = support::mingw_build(&src, &["-lws2_32", "-liphlpapi"], &exe) {
            panic!("{name} does not build with mingw-w64:\n{e}");
        }
        built += 1;
        println!("{name}.exe built with mingw-w64");
    }
    let _ = std::fs::remove_dir_all(&out_dir);
    assert!(
        built >= 5,
        "only {built} corpus programs built with mingw-w64"
    );
}
