//! The C tests are Windows programs: every one in `c-tests/` that is not marked `posix` or
//! `no-mingw` (see tests/c_tests.rs) builds with mingw-w64 against Windows' own headers,
//! `-Wall -Wextra -Werror`, linked with Windows' libraries (ws2_32, iphlpapi, mswsock, winmm,
//! gdi32, ole32). They are built, not run: a successful build shows that each test asserts
//! Winsock behaviour through Windows' API, not through POSIX calls that happen to work under
//! ws2mp.
//!
//! The build alone would let a few POSIX calls through (mingw-w64's C library has `usleep`,
//! `pthread.h`, ...), so the test also reads each portable test's own lines (not its headers')
//! from the preprocessed source and fails on a call of a POSIX-only function there; calls inside
//! `#ifndef _WIN32` blocks are removed by the preprocessor and are allowed. Only a test whose
//! own text (with the helper headers it includes from `c-tests/`) names one of those functions
//! is preprocessed. `<winsock2.h>` and `<windows.h>` are precompiled once (tests/support).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

mod support;

const MINGW_CC: &str = "x86_64-w64-mingw32-gcc";
const MINGW_CXX: &str = "x86_64-w64-mingw32-g++";

/// POSIX functions a portable test must not call (the Win32 replacement in brackets):
/// threads (CreateThread), sleeping (Sleep), clocks (GetTickCount64), processes, pipes,
/// descriptors and the environment (SetEnvironmentVariable).
const POSIX_CALLS: &[&str] = &[
    "pthread_create",
    "pthread_join",
    "pthread_mutex_lock",
    "pthread_cond_wait",
    "usleep",
    "nanosleep",
    "sleep",
    "clock_gettime",
    "gettimeofday",
    "fork",
    "waitpid",
    "kill",
    "pipe",
    "socketpair",
    "fcntl",
    "dup2",
    "unshare",
    "setenv",
    "sigaction",
    "poll",
];

/// The `ws2mp-test:` directives in the first 30 lines of `text`.
fn directives(text: &str) -> Vec<String> {
    text.lines()
        .take(30)
        .filter_map(|l| l.split("ws2mp-test:").nth(1))
        .flat_map(|rest| {
            rest.split("*/")
                .next()
                .unwrap_or_default()
                .split_whitespace()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Why the test at `source` is not built for Windows (its `posix` or `no-mingw` directive, or
/// that of the test a C++ wrapper includes with `#include "x.c"`); None: it is Windows code.
fn not_portable(source: &Path) -> Option<String> {
    let text = std::fs::read_to_string(source).expect("read C test");
    if let Some(d) = directives(&text)
        .into_iter()
        .find(|d| d == "posix" || d == "no-mingw")
    {
        return Some(d);
    }
    for line in text.lines() {
        let line = line.trim();
        if let Some(inc) = line
            .strip_prefix("#include \"")
            .and_then(|r| r.strip_suffix('"'))
        {
            let included = source.with_file_name(inc);
            if inc.ends_with(".c") && included.exists() {
                if let Some(why) = not_portable(&included) {
                    return Some(format!("{why} (through {inc})"));
                }
            }
        }
    }
    None
}

/// The lines of `preprocessed` that come from a file in `c-tests/` (the test and its helper
/// headers), found through the preprocessor's `# LINE "FILE"` markers.
fn own_lines<'a>(preprocessed: &'a str, tests_dir: &str) -> Vec<&'a str> {
    let mut ours = false;
    let mut lines = Vec::new();
    for line in preprocessed.lines() {
        if let Some(marker) = line.strip_prefix("# ") {
            if let Some(file) = marker.split('"').nth(1) {
                ours = file.contains(tests_dir);
                continue;
            }
        }
        if ours {
            lines.push(line);
        }
    }
    lines
}

/// Appends to `text` the text of `source` and of the files it includes with `#include "..."`
/// that exist beside it (the test's helper headers), each once.
fn own_sources(source: &Path, seen: &mut Vec<PathBuf>, text: &mut String) {
    if seen.iter().any(|s| s == source) {
        return;
    }
    seen.push(source.to_path_buf());
    let Ok(body) = std::fs::read_to_string(source) else {
        return;
    };
    for line in body.lines() {
        if let Some(inc) = line
            .trim()
            .strip_prefix("#include \"")
            .and_then(|r| r.strip_suffix('"'))
        {
            let included = source.with_file_name(inc);
            if included.exists() {
                own_sources(&included, seen, text);
            }
        }
    }
    text.push_str(&body);
    text.push('\n');
}

/// Whether `text` holds the name of one of [`POSIX_CALLS`] as a whole word, outside string
/// literals (a call, or a macro that could expand to one).
fn names_a_posix_function(text: &str) -> bool {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    text.lines().map(code_only).any(|line| {
        POSIX_CALLS.iter().any(|name| {
            line.match_indices(name).any(|(at, _)| {
                !line[..at].chars().next_back().is_some_and(is_ident)
                    && !line[at + name.len()..].chars().next().is_some_and(is_ident)
            })
        })
    })
}

/// `line` with the contents of its string and character literals blanked out.
fn code_only(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut quote = None;
    let mut escaped = false;
    for c in line.chars() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                    out.push(c);
                    continue;
                }
                out.push(' ');
            }
            None => {
                if c == '"' || c == '\'' {
                    quote = Some(c);
                }
                out.push(c);
            }
        }
    }
    out
}

/// Whether `lines` define a function `name` themselves (a line at column 0 that names it before
/// `(` and does not end in `;`): a Windows program may define its own `gettimeofday` or
/// `clock_gettime`, and calls to it are no POSIX calls.
fn defines(lines: &[&str], name: &str) -> bool {
    lines.iter().any(|line| {
        let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
        !line.starts_with(char::is_whitespace)
            && !line.trim_end().ends_with(';')
            && line.match_indices(name).any(|(at, _)| {
                let before = line[..at].chars().next_back();
                let after = line[at + name.len()..].trim_start();
                !before.is_some_and(is_ident) && after.starts_with('(')
            })
    })
}

/// The POSIX-only calls in `lines`, as "name" (a name followed by `(`, not part of a longer
/// identifier, not a member access, not inside a string), but those to the program's own
/// functions of those names.
fn posix_calls(lines: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for original in lines {
        let code = code_only(original);
        let line = code.as_str();
        let bytes = line.as_bytes();
        for name in POSIX_CALLS.iter().filter(|n| !defines(lines, n)) {
            let mut from = 0;
            while let Some(at) = line[from..].find(name) {
                let start = from + at;
                let end = start + name.len();
                from = end;
                let before_ok = start == 0 || {
                    let c = bytes[start - 1];
                    !(c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || c == b'>')
                };
                if before_ok && line[end..].trim_start().starts_with('(') {
                    found.push(format!("{name}() in `{}`", original.trim()));
                }
            }
        }
    }
    found
}

/// The C flags of every build here.
const C_FLAGS: &[&str] = &["-std=gnu11", "-Wall", "-Wextra", "-Werror"];

fn build(
    source: &Path,
    tests_dir: &Path,
    out_dir: &Path,
    precompiled: Option<&Path>,
) -> Result<(), String> {
    let cplusplus = source.extension().is_some_and(|e| e == "cpp");
    let name = source.file_stem().unwrap().to_string_lossy().into_owned();
    let compiler = if cplusplus { MINGW_CXX } else { MINGW_CC };
    let common = |cmd: &mut Command| {
        if cplusplus {
            cmd.args(["-x", "c++", "-std=gnu++17", "-Wall", "-Wextra", "-Werror"]);
        } else {
            cmd.args(C_FLAGS);
            if let Some(dir) = precompiled.filter(|_| !support::carries_pragmas(source)) {
                cmd.arg("-I").arg(dir);
            }
        }
        cmd.arg("-I").arg(tests_dir).arg(source);
    };

    // Preprocessing costs a third of a build: only a test whose own text names a POSIX
    // function (most do not) is preprocessed, to see whether a call survives `#ifndef _WIN32`.
    let mut own_text = String::new();
    own_sources(source, &mut Vec::new(), &mut own_text);
    if names_a_posix_function(&own_text) {
        let mut pre = Command::new(compiler);
        common(&mut pre);
        let out = pre.arg("-E").output().map_err(|e| e.to_string())?;
        if !out.status.success() {
            return Err(String::from_utf8_lossy(&out.stderr).into_owned());
        }
        let text = String::from_utf8_lossy(&out.stdout);
        let calls = posix_calls(&own_lines(&text, &tests_dir.to_string_lossy()));
        if !calls.is_empty() {
            return Err(format!(
                "calls POSIX outside `#ifndef _WIN32` (use the Win32 call, or mark the test \
                 `ws2mp-test: posix`): {}",
                calls.join("; ")
            ));
        }
    }

    let mut cmd = Command::new(compiler);
    common(&mut cmd);
    let out = cmd
        .arg("-o")
        .arg(out_dir.join(format!("{name}.exe")))
        .args([
            "-lws2_32",
            "-liphlpapi",
            "-lmswsock",
            "-lwinmm",
            "-lgdi32",
            "-lole32",
            "-lshlwapi",
            "-lrpcrt4",
            "-ladvapi32",
            "-lbcrypt",
            "-ldbghelp",
            "-lntdll",
            "-lwininet",
            "-lurlmon",
        ])
        .output()
        .map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

fn have(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn portable_c_tests_build_with_mingw_against_windows_headers() {
    for tool in [MINGW_CC, MINGW_CXX] {
        assert!(
            have(tool),
            "{tool} not found: install mingw-w64 (apt-get install gcc-mingw-w64-x86-64 \
             g++-mingw-w64-x86-64; ./test.sh does)"
        );
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tests_dir = root.join("c-tests");
    let mut sources: Vec<PathBuf> = std::fs::read_dir(&tests_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("c" | "cpp")))
        .collect();
    sources.sort();
    let total = sources.len();
    let mut portable = Vec::new();
    let mut posix = Vec::new();
    for source in sources {
        match not_portable(&source) {
            Some(why) => posix.push((source, why)),
            None => portable.push(source),
        }
    }

    let out_dir = std::env::temp_dir().join(format!("ws2mp-c-tests-mingw-{}", std::process::id()));
    std::fs::create_dir_all(&out_dir).unwrap();
    let precompiled = support::precompile_headers(&out_dir.join("precompiled"), || {
        let mut cmd = Command::new(MINGW_CC);
        cmd.args(C_FLAGS);
        cmd
    });
    let queue = Mutex::new(portable.iter().collect::<Vec<_>>());
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| loop {
                let Some(source) = queue.lock().unwrap().pop() else {
                    break;
                };
                let name = source.file_name().unwrap().to_string_lossy().into_owned();
                match build(source, &tests_dir, &out_dir, precompiled.as_deref()) {
                    Ok(()) => println!("{name}: built with mingw-w64"),
                    Err(e) => failures.lock().unwrap().push(format!("{name}:\n{e}")),
                }
            });
        }
    });
    let _ = std::fs::remove_dir_all(&out_dir);
    for (p, why) in &posix {
        println!(
            "{}: not built for Windows (ws2mp-test: {why})",
            p.file_name().unwrap().to_string_lossy()
        );
    }
    println!(
        "c-tests for Windows: {} of {total} build with mingw-w64, {} are not built for Windows",
        portable.len(),
        posix.len()
    );
    let failures = failures.into_inner().unwrap();
    assert!(
        failures.is_empty(),
        "{} portable C tests do not build with mingw-w64:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(!portable.is_empty(), "no portable C test found");
}

#[test]
fn the_posix_call_check_finds_calls_and_ignores_look_alikes() {
    let lines = [
        "    usleep(1000);",
        "    x = pthread_create (&t, 0, f, 0);",
        "    s->poll(3); my_sleep(2); WSAPoll(&p, 1, 0); Sleep(5);",
        "    int sleeping; /* sleep */",
        r#"    CHECK(x, "poll() works, \"fork()\" too"); c = '(';"#,
    ];
    let found = posix_calls(&lines);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].starts_with("usleep()"));
    assert!(found[1].starts_with("pthread_create()"));

    // A program's own gettimeofday: its calls are no POSIX calls (a prototype is no definition).
    let own = [
        "int gettimeofday(struct timeval *tv, struct timezone *tz)",
        "{",
        "    gettimeofday(&tv, NULL); clock_gettime(0, &ts);",
        "int clock_gettime(int clk, struct timespec *ts);",
    ];
    let found = posix_calls(&own);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().all(|f| f.starts_with("clock_gettime()")));

    // The text a test is preprocessed for: a POSIX name as a word, outside strings.
    assert!(names_a_posix_function("#define NAP(ms) usleep(ms)"));
    assert!(names_a_posix_function("x = poll;"));
    assert!(!names_a_posix_function(
        "WSAPoll(&p, 1, 0); Sleep(5); my_sleep(1);"
    ));
    assert!(!names_a_posix_function(r#"puts("fork");"#));
}
