//! The compat headers across language standards and include orders: the ABI test programs
//! (`c-tests/abi_*.c`, `.cpp`) built with `-pedantic -Wall -Wextra -Werror` as C99, C11,
//! C++11 and C++17, a strict C99/C11 unit, and a unit that includes the system socket headers
//! before <winsock2.h> (the fallback). Each program must build and exit 0.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The cc crate's compiler, or Clang (`clang`/`clang++` on the PATH) when `clang` is set.
fn compiler(cplusplus: bool, clang: bool) -> Command {
    if clang {
        return Command::new(if cplusplus { "clang++" } else { "clang" });
    }
    let target = env!("WS2MP_TARGET");
    cc::Build::new()
        .cargo_metadata(false)
        .cargo_warnings(false)
        .target(target)
        .host(target)
        .opt_level(1)
        .cpp(cplusplus)
        .get_compiler()
        .to_command()
}

fn build_and_run(
    source: &Path,
    std: &str,
    cplusplus: bool,
    clang: bool,
    out: &Path,
) -> Result<(), String> {
    build_and_run_with(source, std, &[], cplusplus, clang, out)
}

fn build_and_run_with(
    source: &Path,
    std: &str,
    flags: &[&str],
    cplusplus: bool,
    clang: bool,
    out: &Path,
) -> Result<(), String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut cmd = compiler(cplusplus, clang);
    if cplusplus {
        cmd.args(["-x", "c++"]);
    }
    cmd.arg(format!("-std={std}"));
    cmd.args(["-pedantic", "-Wall", "-Wextra", "-Werror"]);
    cmd.args(flags);
    cmd.arg("-I").arg(root.join("include/compat"));
    cmd.arg("-I").arg(root.join("c-tests"));
    cmd.arg(source);
    if cplusplus {
        cmd.args(["-x", "none"]);
    }
    // The shared library: these programs test the headers, and it links in milliseconds.
    support::link_shared(&mut cmd, &support::library_dir(false));
    cmd.args(["-lpthread", "-ldl", "-lm"]);
    #[cfg(target_os = "linux")]
    cmd.args(["-lrt", "-lutil"]);
    cmd.arg("-o").arg(out);
    let built = cmd
        .output()
        .map_err(|e| format!("cannot run the compiler: {e}"))?;
    if !built.status.success() {
        return Err(format!(
            "{} -std={std}: compile failed:\n{}",
            source.display(),
            String::from_utf8_lossy(&built.stderr)
        ));
    }
    let ran = support::run_bounded(&mut Command::new(out), std::time::Duration::from_secs(60))
        .map_err(|e| e.to_string())?;
    if !ran.success() {
        return Err(format!(
            "{} -std={std}: exited {:?} (None: still running after 60 s):\n{}",
            source.display(),
            ran.status.map(|s| s.code()),
            ran.stdout
        ));
    }
    Ok(())
}

/// A strict-standard unit: <winsock2.h> first (it asks for the BSD names before any system
/// header), then the C library.
const STRICT: &str = r#"
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
int main(void)
{
    WSADATA w;
    struct sockaddr_in a;
    u_long on = 1;
    SOCKET s;
    int len = sizeof a;
    if (WSAStartup(MAKEWORD(2, 2), &w) != 0) return 1;
    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.S_un.S_addr = htonl(INADDR_LOOPBACK);
    if (bind(s, (SOCKADDR *)&a, sizeof a) != 0 || getsockname(s, (SOCKADDR *)&a, &len) != 0) return 2;
    if (ioctlsocket(s, FIONBIO, &on) != 0 || sizeof(u_long) != 4) return 3;
    printf("%s\n", inet_ntoa(a.sin_addr));
    closesocket(s);
    WSACleanup();
    return 0;
}
"#;

/// A strict-standard unit that includes the C library FIRST (glibc then declares no POSIX
/// function), then every compat header: they must need nothing beyond ISO C (Sleep and
/// GetTickCount are ws2mp exports; localtime_s, strcat_s, _fileno reach the C library through
/// their own declarations).
const STRICT_LIBC_FIRST: &str = r#"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <mswsock.h>
#include <mstcpip.h>
#include <iphlpapi.h>
#include <tchar.h>
#include <strsafe.h>
#include <process.h>
#include <io.h>
#include <conio.h>
#include <wspiapi.h>
int main(void)
{
    WSADATA w;
    char buf[16] = "ab";
    struct tm tm;
    time_t now = time(NULL);
    DWORD t0;
    SOCKET s;
    if (WSAStartup(MAKEWORD(2, 2), &w) != 0) return 1;
    t0 = GetTickCount();
    Sleep(20);
    if (GetTickCount() - t0 < 19 || GetTickCount64() == 0) return 2;
    if (strcat_s(buf, sizeof buf, "cd") != 0 || strcmp(buf, "abcd") != 0) return 3;
    if (localtime_s(&tm, &now) != 0 || gmtime_s(&tm, &now) != 0) return 4;
    if (_tcsnlen(_T("abc"), 2) != 2 || _fileno(stdout) != 1) return 5;
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (s == INVALID_SOCKET) return 6;
    closesocket(s);
    printf("%s %d\n", buf, tm.tm_year);
    WSACleanup();
    return 0;
}
"#;

/// The system socket headers first: the compat header falls back to its function-like macros
/// and the system's structures, and the program still builds and runs.
const FALLBACK: &str = r#"
#include <sys/socket.h>
#include <netinet/in.h>
#include <winsock2.h>
#include <ws2tcpip.h>
int main(void)
{
    WSADATA w;
    struct sockaddr_in a;
    u_long on = 1;
    SOCKET s;
    fd_set rs;
    struct timeval tv = {0, 0};
    if (WSAStartup(MAKEWORD(2, 2), &w) != 0) return 1;
    s = socket(AF_INET, SOCK_DGRAM, 0);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(s, (struct sockaddr *)&a, sizeof a) != 0) return 2;
    if (ioctlsocket(s, FIONBIO, &on) != 0) return 3;
    FD_ZERO(&rs);
    FD_SET(s, &rs);
    if (select(0, &rs, NULL, NULL, &tv) != 0) return 4;
    closesocket(s);
    WSACleanup();
    return 0;
}
"#;

#[test]
fn compat_headers_build_in_every_standard() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::temp_dir().join(format!("ws2mp-compat-headers-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let strict = dir.join("strict.c");
    std::fs::write(&strict, STRICT).unwrap();
    let strict_libc_first = dir.join("strict_libc_first.c");
    std::fs::write(&strict_libc_first, STRICT_LIBC_FIRST).unwrap();
    let fallback = dir.join("fallback.c");
    std::fs::write(&fallback, FALLBACK).unwrap();
    let fallback_cpp = dir.join("fallback.cpp");
    std::fs::write(&fallback_cpp, FALLBACK).unwrap();

    let c_tests = |name: &str| root.join("c-tests").join(name);
    // (source, -std, C++). abi_types.c includes the C library first, so it uses the GNU
    // dialects (a strict unit that read <stdio.h> first has no POSIX declarations at all).
    let cases: Vec<(PathBuf, &str, bool)> = vec![
        (c_tests("abi_types.c"), "gnu99", false),
        (c_tests("abi_types.c"), "gnu11", false),
        (c_tests("abi_headers_case.c"), "gnu99", false),
        (c_tests("options_fault.c"), "gnu11", false),
        (c_tests("conf_hdr_names.c"), "c99", false),
        (c_tests("conf_hdr_names_cpp.cpp"), "c++11", true),
        (c_tests("abi_types_cpp.cpp"), "c++11", true),
        (c_tests("abi_types_cpp.cpp"), "c++17", true),
        // The C++ library included after <windows.h> in C++20 (ranges, chrono).
        (c_tests("win32_sal_cpp.cpp"), "c++20", true),
        (strict.clone(), "c99", false),
        (strict.clone(), "c11", false),
        (strict_libc_first.clone(), "c99", false),
        (strict_libc_first.clone(), "c11", false),
        (strict_libc_first, "c++11", true),
        (fallback, "gnu11", false),
        (fallback_cpp, "c++17", true),
    ];
    // Clang too when it is installed (macOS builds with it; the assembler labels and the
    // shield must suit both compilers).
    let clang = Command::new("clang").arg("--version").output().is_ok();
    if !clang {
        eprintln!("compat_headers: clang not found, checking with the default compiler only");
    }
    let mut failures = Vec::new();
    for with_clang in [false, true] {
        if with_clang && !clang {
            continue;
        }
        for (i, (source, std, cpp)) in cases.iter().enumerate() {
            let out = dir.join(format!("prog{i}-{with_clang}"));
            if let Err(e) = build_and_run(source, std, *cpp, with_clang, &out) {
                failures.push(format!("(clang: {with_clang}) {e}"));
            }
        }
        // Distributions build with -O2 -D_FORTIFY_SOURCE=2 (Ubuntu's and Fedora's defaults):
        // glibc's <wchar.h> then defines checking wprintf, swprintf & co. inline, and it must be
        // read before ws2mp's names for them (<windows.h> reads it after <stdio.h>).
        let fortified: [(PathBuf, &str, bool); 3] = [
            (c_tests("crt_wprintf_stdio.c"), "gnu11", false),
            (c_tests("win32_wprintf.c"), "gnu11", false),
            (c_tests("win32_wprintf_cpp.cpp"), "c++17", true),
        ];
        for (i, (source, std, cpp)) in fortified.iter().enumerate() {
            let out = dir.join(format!("fortified{i}-{with_clang}"));
            let flags = ["-O2", "-D_FORTIFY_SOURCE=2"];
            if let Err(e) = build_and_run_with(source, std, &flags, *cpp, with_clang, &out) {
                failures.push(format!("(clang: {with_clang}, {}) {e}", flags.join(" ")));
            }
        }
        // -DWS2MP_NO_MS_FORMAT keeps the C library's printf & co.: the C runtime's other Windows
        // names (ctime_s, _stricmp, the wide file functions) must build without them.
        let out = dir.join(format!("no-ms-format-{with_clang}"));
        let source = c_tests("win32_own_crt_functions.c");
        let flags = ["-DWS2MP_NO_MS_FORMAT"];
        if let Err(e) = build_and_run_with(&source, "gnu11", &flags, false, with_clang, &out) {
            failures.push(format!("(clang: {with_clang}, {}) {e}", flags.join(" ")));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Every compat header as a program's first include, in C and in C++: a Windows program may
/// start with `<process.h>`, `<sys/stat.h>` or `<direct.h>` as well as `<windows.h>`. Headers
/// that include `<windows.h>` (or one that does) and are themselves included by it must let
/// that inner inclusion define everything (their includes come before their guards).
/// `<poppack.h>` needs a `<pshpack*.h>` before it; the `iostream.h` family is C++ only;
/// `ws2mp_*.h` are ws2mp's own pieces, never included alone.
#[test]
fn every_compat_header_builds_as_the_first_include() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let compat = root.join("include/compat");
    let mut headers: Vec<String> = Vec::new();
    for (dir, prefix) in [(compat.clone(), ""), (compat.join("sys"), "sys/")] {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            // Lower-case names only: the capitalised ones forward to them.
            if name.ends_with(".h")
                && !name.chars().any(|c| c.is_ascii_uppercase())
                && !name.starts_with("ws2mp_")
                && name != "poppack.h"
            {
                headers.push(format!("{prefix}{name}"));
            }
        }
    }
    headers.sort();
    let dir = std::env::temp_dir().join(format!("ws2mp-first-include-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut jobs: Vec<(String, bool)> = Vec::new();
    for h in &headers {
        if !matches!(h.as_str(), "iostream.h" | "fstream.h" | "iomanip.h") {
            jobs.push((h.clone(), false));
        }
        jobs.push((h.clone(), true));
    }
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some((header, cpp)) = jobs.get(i) else {
                    break;
                };
                let source = dir.join(format!("first{i}.{}", if *cpp { "cpp" } else { "c" }));
                std::fs::write(
                    &source,
                    format!("#include <{header}>\nint main(void) {{ return 0; }}\n"),
                )
                .unwrap();
                let mut cmd = compiler(*cpp, false);
                cmd.args(["-fsyntax-only", "-Wall", "-Wextra", "-Werror"]);
                cmd.arg(if *cpp { "-std=c++17" } else { "-std=gnu11" });
                cmd.arg("-I").arg(&compat).arg(&source);
                let out = cmd.output().expect("cannot run the compiler");
                if !out.status.success() {
                    failures.lock().unwrap().push(format!(
                        "#include <{header}> first ({}):\n{}",
                        if *cpp { "C++" } else { "C" },
                        String::from_utf8_lossy(&out.stderr)
                    ));
                }
            });
        }
    });
    let _ = std::fs::remove_dir_all(&dir);
    let failures = failures.into_inner().unwrap();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
