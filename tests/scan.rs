//! `ws2mp-scan`, the porting report: the exact report on the fixture tree (tests/scan_fixture/,
//! small Windows programs written for this test) in its three formats, the verdict on
//! examples/, the exit status, and a generated 100,000-line tree.
//!
//! `WS2MP_BLESS=1 cargo test --test scan` rewrites the expected reports after a deliberate
//! change (review the diff).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs ws2mp-scan in `dir` with `args`.
fn scan(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ws2mp-scan"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run ws2mp-scan")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 report")
}

/// Compares `actual` with the checked-in file, or rewrites it under WS2MP_BLESS=1.
fn expect_file(name: &str, actual: &str) {
    let path = root().join("tests/scan_fixture").join(name);
    if std::env::var_os("WS2MP_BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != actual {
        panic!(
            "the report differs from {} (WS2MP_BLESS=1 rewrites it):\n--- actual ---\n{actual}",
            path.display()
        );
    }
}

#[test]
fn fixture_report_is_exact() {
    let tests = root().join("tests");
    let text = scan(&tests, &["scan_fixture"]);
    assert_eq!(
        text.status.code(),
        Some(1),
        "the fixture needs edits: exit status 1"
    );
    let report = stdout(&text);
    expect_file("expected.txt", &report);
    // What the fixture was written to show.
    for line in [
        "  scan_fixture/chat/Server.Cpp:5: <GdiPlus.h>: not provided",
        "  scan_fixture/chat/Server.Cpp:6: \"protocol.h\": found only as Protocol.h: write #include \"Protocol.h\"",
        "  PlaySound (1): sound (winmm) is not provided",
        "  scan_fixture/chat/Server.Cpp:43: close() on the SOCKET `listener`: a raw libc call bypasses ws2mp",
        "  scan_fixture/probe/udp_probe.c:19: WSARecv() with an lpOverlapped: overlapped I/O on sockets only",
        "  __in (1): not defined in C++ (the C++ library uses the name for its own variables): define it in the program (#define __in) after its last #include",
        "  scan_fixture/chat/Server.Cpp:1: the suffix `.Cpp` is not one GCC and Clang compile: rename the file with `.cpp`, or compile it with `-x c++`",
        "  builds unchanged: needs 5 edits",
    ] {
        assert!(report.lines().any(|l| l == line), "missing {line:?} in:\n{report}");
    }
    // Comments, #if 0 blocks and the program's own names are not reported.
    for absent in [
        "RegOpenKeyEx",
        "GetQueuedCompletionStatus",
        "AcceptEx",
        "CreateThread (",
    ] {
        assert!(
            !report.contains(absent),
            "{absent} must not be reported:\n{report}"
        );
    }
    // The function-like macro's name is the program's; its body's uses are counted.
    assert!(!report.contains("SEND_LINE") && report.contains("scan_fixture/chat/Protocol.h:14"));

    let json = scan(&tests, &["--json", "scan_fixture"]);
    assert_eq!(json.status.code(), Some(1));
    let json = stdout(&json);
    json_check::value(&json).unwrap_or_else(|e| panic!("invalid JSON ({e}):\n{json}"));
    expect_file("expected.json", &json);
    assert!(json.contains("\"builds_unchanged\": false,\n  \"edits\": 5,"));

    let md = scan(&tests, &["--markdown", "scan_fixture"]);
    assert_eq!(md.status.code(), Some(1));
    let md = stdout(&md);
    expect_file("expected.md", &md);
    assert!(md.starts_with("# ws2mp-scan report\n"));
    assert!(md.contains(
        "| `PlaySound` | 1 | sound (winmm) is not provided | scan_fixture/chat/Server.Cpp:41 |"
    ));
}

#[test]
fn every_example_builds_unchanged() {
    let mut seen = 0;
    for entry in std::fs::read_dir(root().join("examples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "c" || e == "cpp") {
            let out = scan(&root(), &[path.to_str().unwrap()]);
            let report = stdout(&out);
            assert!(
                report.contains("\n  builds unchanged: likely\n"),
                "{}:\n{report}",
                path.display()
            );
            assert_eq!(out.status.code(), Some(0), "{}", path.display());
            seen += 1;
        }
    }
    assert!(seen >= 5, "the examples were not found");
}

#[test]
fn usage_errors_exit_2() {
    let out = scan(&root(), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage: ws2mp-scan"));
    let out = scan(&root(), &["--bogus", "examples"]);
    assert_eq!(out.status.code(), Some(2));
    let out = scan(&root(), &["no/such/dir"]);
    assert_eq!(out.status.code(), Some(2));
}

/// The Windows spellings GCC and Clang refuse: a `void main` in C++ (also `void __cdecl main`,
/// `wmain`, `_tmain`) is an edit; in C, where it only warns, and as a method, it is not; a unit
/// whose suffix GCC does not know (`.Cxx`) is an edit, `.C` and `.CPP` are not.
#[test]
fn void_main_and_unknown_suffixes_are_edits() {
    let dir = std::env::temp_dir().join(format!("ws2mp-scan-spell-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let files = [
        ("server.cpp", "#include <winsock2.h>\nvoid __cdecl main(int argc, char *argv[])\n{\n}\n"),
        ("wide.cpp", "#include <winsock2.h>\nvoid wmain() {}\nstruct App { void main(); };\nvoid App::main() {}\n"),
        ("plain.c", "#include <winsock2.h>\nvoid main(void)\n{\n}\n"),
        ("Upper.CPP", "int f(void) { return 0; }\n"),
        ("Old.C", "int g(void) { return 0; }\n"),
        ("Mixed.Cxx", "int h(void) { return 0; }\n"),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let out = scan(&dir, &["."]);
    let report = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{report}");
    for line in [
        "  ./server.cpp:2: `void main` in C++",
        "  ./wide.cpp:2: `void wmain` in C++",
        "  ./Mixed.Cxx:1: the suffix `.Cxx` is not one GCC and Clang compile: rename the file with `.cxx`, or compile it with `-x c++`",
        "  builds unchanged: needs 3 edits",
    ] {
        assert!(report.lines().any(|l| l == line), "missing {line:?} in:\n{report}");
    }
    for absent in [
        "plain.c:2",
        "wide.cpp:3",
        "wide.cpp:4",
        "Upper.CPP:1",
        "Old.C:1",
    ] {
        assert!(!report.contains(absent), "{absent} reported:\n{report}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A quoted include with `../` (`"../common/initsock.h"`, as book samples that share a
/// `common` directory write it) is looked for beside the including file: found there it is no
/// edit, found under another capitalisation it is, with the spelling that works.
#[test]
fn relative_includes_are_resolved_from_the_including_file() {
    let dir = std::env::temp_dir().join(format!("ws2mp-scan-rel-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("common")).unwrap();
    std::fs::create_dir_all(dir.join("ping")).unwrap();
    std::fs::write(
        dir.join("common/initsock.h"),
        "#include <winsock2.h>\nint init_sock(void);\n",
    )
    .unwrap();
    std::fs::write(dir.join("common/comm.h"), "int checksum(void);\n").unwrap();
    std::fs::write(
        dir.join("ping/ping.cpp"),
        "#include \"../common/initsock.h\"\n#include \"..\\common\\comm.h\"\n#include \"../common/InitSock.h\"\n#include \"./ping.h\"\nint main() { return init_sock() + checksum(); }\n",
    )
    .unwrap();
    let out = scan(&dir, &["."]);
    let report = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{report}");
    for line in [
        "  ./ping/ping.cpp:3: \"../common/InitSock.h\": found only as ../common/initsock.h: write #include \"../common/initsock.h\"",
        "  ./ping/ping.cpp:4: \"./ping.h\": not provided",
    ] {
        assert!(report.lines().any(|l| l == line), "missing {line:?} in:\n{report}");
    }
    for absent in ["ping.cpp:1", "ping.cpp:2"] {
        assert!(!report.contains(absent), "{absent} reported:\n{report}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A search for `\\` in a path ws2mp gives `/`-separated (`GetCurrentDirectory`, `argv[0]`) is
/// reported as code that behaves differently, not as an edit; the same search in what
/// `GetModuleFileName` filled (`\`-separated, as on Windows) is not, even in a file that also
/// reads `argv`, and neither is one in a file that reads no such path.
#[test]
fn backslash_searches_in_system_paths_are_reported() {
    let dir = std::env::temp_dir().join(format!("ws2mp-scan-slash-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let files = [
        (
            "ini.c",
            "#include <windows.h>\nint main(int argc, char **argv)\n{\n    char path[MAX_PATH];\n    GetModuleFileNameA(NULL, path, MAX_PATH);\n    *(strrchr(path, '\\\\') + 1) = 0;\n    strcat(path, \"app.ini\");\n    return argc > 1 && argv[1][0] == 'x';\n}\n",
        ),
        (
            "cwd.c",
            "#include <windows.h>\nvoid up(void)\n{\n    char dir[MAX_PATH];\n    GetCurrentDirectoryA(MAX_PATH, dir);\n    *strrchr(dir, '\\\\') = 0;\n}\n",
        ),
        (
            "name.c",
            "#include <string.h>\nconst char *base(int argc, char **argv)\n{\n    const char *p = _tcsrchr(argv[0], _T('\\\\'));\n    return argc && p ? p + 1 : argv[0];\n}\n",
        ),
        (
            "other.c",
            "#include <direct.h>\nchar *last(char *given)\n{\n    char here[260];\n    _getcwd(here, sizeof here);\n    return strrchr(given, '\\\\');\n}\n",
        ),
        (
            "parse.c",
            "#include <string.h>\nchar *share(char *unc)\n{\n    return strrchr(unc, '\\\\');\n}\n",
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let out = scan(&dir, &["."]);
    let report = stdout(&out);
    for line in [
        "  ./cwd.c:6: strrchr() for '\\\\' in `dir`, which GetCurrentDirectoryA fills: that path is `/`-separated here",
        "  ./name.c:4: _tcsrchr() for '\\\\' in `argv`: that path is `/`-separated here",
        "  ./other.c:6: strrchr() for '\\\\' in a path, in a file that reads _getcwd: that path is `/`-separated here",
    ] {
        assert!(report.lines().any(|l| l == line), "missing {line:?} in:\n{report}");
    }
    assert!(!report.contains("ini.c:6"), "ini.c reported:\n{report}");
    assert!(!report.contains("parse.c:4"), "parse.c reported:\n{report}");
    assert!(!report.contains("needs"), "counted as an edit:\n{report}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A generated tree of 100,000 lines (50 files of 2,000): the report counts every line and
/// every use. Its speed is measured, not asserted here (docs/PERFORMANCE.md has the figure
/// and the command).
#[test]
fn generated_tree_of_100k_lines() {
    let dir = std::env::temp_dir().join(format!("ws2mp-scan-big-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    generate_tree(&dir, 50, 2000);
    let out = scan(&dir, &["."]);
    let report = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert!(
        report.starts_with("ws2mp-scan: 50 files (50 units), 100000 lines\n"),
        "{report}"
    );
    // One PlaySoundA per block of 20 lines, 100 blocks per file.
    assert!(
        report.contains("\n  PlaySoundA (5000): sound (winmm) is not provided\n"),
        "{report}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Writes `files` C files of `lines` lines each (`lines` a multiple of 20) into `dir`.
pub fn generate_tree(dir: &Path, files: usize, lines: usize) {
    std::fs::create_dir_all(dir).unwrap();
    for f in 0..files {
        let mut src = String::new();
        for b in 0..lines / 20 {
            src.push_str(&format!(
                "/* block {b}: WSAAsyncGetHostByName in a comment */\n\
                 #include <winsock2.h>\n\
                 #define HANDLER_{b}(s) closesocket(s)\n\
                 static int handler_{f}_{b}(SOCKET s, HWND w)\n\
                 {{\n\
                 \x20   char buf[512];\n\
                 \x20   int n = recv(s, buf, sizeof buf, 0);\n\
                 \x20   if (n == SOCKET_ERROR && WSAGetLastError() != WSAEWOULDBLOCK) {{\n\
                 \x20       printf(\"recv failed: %d\\n\", WSAGetLastError());\n\
                 \x20       HANDLER_{b}(s);\n\
                 \x20       return -1;\n\
                 \x20   }}\n\
                 \x20   PlaySoundA(\"ding.wav\", NULL, (DWORD)(UINT_PTR)w);\n\
                 \x20   send(s, buf, n, 0);\n\
                 #if 0\n\
                 \x20   TransmitFile(s, NULL, 0, 0, NULL, NULL, 0);\n\
                 #endif\n\
                 \x20   return n;\n\
                 }}\n\
                 \n"
            ));
        }
        std::fs::write(dir.join(format!("unit{f:02}.c")), src).unwrap();
    }
}

/// A small JSON validator: the report must parse.
mod json_check {
    pub fn value(s: &str) -> Result<(), String> {
        let b = s.as_bytes();
        let mut i = 0;
        parse(b, &mut i)?;
        ws(b, &mut i);
        if i == b.len() {
            Ok(())
        } else {
            Err(format!("trailing text at {i}"))
        }
    }

    fn ws(b: &[u8], i: &mut usize) {
        while *i < b.len() && b[*i].is_ascii_whitespace() {
            *i += 1;
        }
    }

    fn parse(b: &[u8], i: &mut usize) -> Result<(), String> {
        ws(b, i);
        match b.get(*i) {
            Some(b'{') => seq(b, i, b'}', true),
            Some(b'[') => seq(b, i, b']', false),
            Some(b'"') => string(b, i),
            Some(c) if c.is_ascii_digit() || *c == b'-' => {
                while *i < b.len() && (b[*i].is_ascii_digit() || b"-+.eE".contains(&b[*i])) {
                    *i += 1;
                }
                Ok(())
            }
            _ => {
                for word in ["true", "false", "null"] {
                    if b[*i..].starts_with(word.as_bytes()) {
                        *i += word.len();
                        return Ok(());
                    }
                }
                Err(format!("unexpected text at {}", *i))
            }
        }
    }

    fn seq(b: &[u8], i: &mut usize, close: u8, object: bool) -> Result<(), String> {
        *i += 1;
        ws(b, i);
        if b.get(*i) == Some(&close) {
            *i += 1;
            return Ok(());
        }
        loop {
            if object {
                ws(b, i);
                string(b, i)?;
                ws(b, i);
                if b.get(*i) != Some(&b':') {
                    return Err(format!("':' expected at {}", *i));
                }
                *i += 1;
            }
            parse(b, i)?;
            ws(b, i);
            match b.get(*i) {
                Some(b',') => *i += 1,
                Some(c) if *c == close => {
                    *i += 1;
                    return Ok(());
                }
                _ => return Err(format!("',' or close expected at {}", *i)),
            }
        }
    }

    fn string(b: &[u8], i: &mut usize) -> Result<(), String> {
        if b.get(*i) != Some(&b'"') {
            return Err(format!("string expected at {}", *i));
        }
        *i += 1;
        while *i < b.len() {
            match b[*i] {
                b'"' => {
                    *i += 1;
                    return Ok(());
                }
                b'\\' => {
                    let esc = *b.get(*i + 1).ok_or("end in escape")?;
                    if !b"\"\\/bfnrtu".contains(&esc) {
                        return Err(format!("bad escape at {}", *i));
                    }
                    *i += 2;
                }
                c if c < 0x20 => return Err(format!("raw control character at {}", *i)),
                _ => *i += 1,
            }
        }
        Err("unterminated string".into())
    }

    #[test]
    fn validator_rejects_bad_json() {
        assert!(value("{\"a\": [1, \"x\\n\", true, null]}").is_ok());
        assert!(value("{\"a\": \"x\ny\"}").is_err());
        assert!(value("{\"a\" 1}").is_err());
        assert!(value("[1,]").is_err());
    }
}
