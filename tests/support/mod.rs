//! Shared by the integration tests and the benchmarks: builds the C-facing artifacts.
//!
//! The integration tests do not link the crate (it has no rlib); the C tests, the symbol
//! checks and the benchmarks need `libws2mp.a` / `libws2mp.so`, so they ask cargo to build
//! the library (a no-op when it is fresh) and use the artifacts from the same target
//! directory.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// Builds the library (`release` or debug) once per test process and returns the directory
/// holding `libws2mp.a` and the shared library.
pub fn library_dir(release: bool) -> PathBuf {
    static BUILT: [std::sync::OnceLock<PathBuf>; 2] =
        [std::sync::OnceLock::new(), std::sync::OnceLock::new()];
    BUILT[usize::from(release)]
        .get_or_init(|| build_library(release))
        .clone()
}

fn build_library(release: bool) -> PathBuf {
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
    // cargo names the shared library without its version; a program linked against it asks for
    // the versioned name: give it that name beside cargo's file.
    let (file, soname) = SHARED_NAMES;
    match std::os::unix::fs::symlink(file, dir.join(soname)) {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => panic!("link {soname}: {e}"),
        _ => {}
    }
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
    /// Link the shared library, `libws2mp.so` (found at run time through the program's run path) instead of
    /// `libws2mp.a`: linking the debug static library takes about 1.5 s a program, the shared one
    /// a few milliseconds.
    pub shared: bool,
    /// Headers from [`precompile_compat_headers`], used by a sanitized C build that carries no
    /// pragma ([`carries_pragmas`]).
    pub precompiled: Option<&'a Path>,
}

/// The compiler command every C (or C++) program here starts from: the compiler the cc crate
/// finds, `-O1`, line tables (`-g1`: enough for the sanitizers' and valgrind's reports to name
/// files and lines; full debug information took a third of each compile), `-Wall -Wextra
/// -Werror`, and AddressSanitizer + UndefinedBehaviorSanitizer when `sanitize`.
fn c_compiler(cplusplus: bool, sanitize: bool) -> Command {
    let target = env!("WS2MP_TARGET");
    let compiler = cc::Build::new()
        .cargo_metadata(false)
        .cargo_warnings(false)
        .target(target)
        .host(target)
        .opt_level(1)
        .debug(false)
        .cpp(cplusplus)
        .get_compiler();
    let mut cmd = compiler.to_command();
    if cplusplus {
        cmd.args(["-x", "c++", "-std=gnu++17"]);
    } else {
        cmd.arg("-std=gnu11");
    }
    cmd.args([
        "-g1",
        "-Wall",
        "-Wextra",
        "-Werror",
        "-fno-omit-frame-pointer",
    ]);
    if sanitize {
        cmd.arg("-fsanitize=address,undefined");
    }
    cmd
}

/// The headers most C tests include first, precompiled by [`precompile_headers`].
const PRECOMPILED: &[&str] = &["winsock2.h", "windows.h"];

/// Precompiles `<winsock2.h>` and `<windows.h>` into `dir` with `compiler()` (a C compiler
/// command with every flag and include directory of the builds that will use them), and
/// returns `dir` to put first on those builds' include path; None (with the reason printed)
/// when the compiler cannot. Parsing `<winsock2.h>` (some 70,000 lines once preprocessed) was
/// half of the time a C test took to compile. For each header, `dir` holds `NAME.gch` and a
/// `NAME` that is the next header of that name on the include path (`#include_next`): the
/// compiler reads the precompiled form when the header is the program's first include and the
/// macros defined before it do not change it, and the header itself otherwise (a program that
/// defines `_WIN32_WINNT` or `snprintf` first, a header included from another header, C++), so
/// every program compiles exactly as it would without (but see [`carries_pragmas`]).
pub fn precompile_headers(dir: &Path, compiler: impl Fn() -> Command) -> Option<PathBuf> {
    let made = std::fs::create_dir_all(dir.join("sources")).and_then(|()| {
        PRECOMPILED.iter().try_for_each(|name| {
            std::fs::write(dir.join(name), format!("#include_next <{name}>\n"))?;
            std::fs::write(
                dir.join("sources").join(name),
                format!("#include <{name}>\n"),
            )
        })
    });
    if let Err(e) = made {
        println!("headers not precompiled ({}: {e})", dir.display());
        return None;
    }
    for name in PRECOMPILED {
        let out = compiler()
            .args(["-x", "c-header"])
            .arg(dir.join("sources").join(name))
            .arg("-o")
            .arg(dir.join(format!("{name}.gch")))
            .output();
        match out {
            Ok(out) if out.status.success() => {}
            Ok(out) => {
                println!(
                    "{name} not precompiled:\n{}",
                    String::from_utf8_lossy(&out.stderr)
                );
                return None;
            }
            Err(e) => {
                println!("{name} not precompiled: {e}");
                return None;
            }
        }
    }
    Some(dir.to_path_buf())
}

/// Whether the program at `source` carries a pragma (`#pragma`, `_Pragma`): it is compiled
/// without the precompiled headers, as GCC (12) does not keep a header's unit-wide `#pragma GCC
/// diagnostic` in the precompiled form, and the compat `<winsock2.h>` turns -Wunknown-pragmas off
/// for the rest of the unit (MSVC's `#pragma comment(lib, ...)` and `#pragma warning`).
pub fn carries_pragmas(source: &Path) -> bool {
    std::fs::read_to_string(source).is_ok_and(|text| {
        text.contains("_Pragma")
            || text.lines().any(|l| {
                l.trim_start()
                    .strip_prefix('#')
                    .is_some_and(|rest| rest.trim_start().starts_with("pragma"))
            })
    })
}

/// [`precompile_headers`] for the sanitized C builds of [`compile_c`] (against `include/compat`).
pub fn precompile_compat_headers(dir: &Path) -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    precompile_headers(dir, || {
        let mut cmd = c_compiler(false, true);
        cmd.arg("-I").arg(root.join("include/compat"));
        cmd
    })
}

/// Compiles and links a C (or C++) program with `-Wall -Wextra -Werror` against
/// `include/compat` and the static or the shared library, with the compiler the cc crate finds.
pub fn compile_c(b: &CBuild<'_>) -> Result<(), String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut cmd = c_compiler(b.cplusplus, b.sanitize);
    if let Some(dir) = b
        .precompiled
        .filter(|_| b.sanitize && !b.cplusplus && !carries_pragmas(b.source))
    {
        cmd.arg("-I").arg(dir);
    }
    cmd.arg("-I").arg(root.join("include/compat"));
    for dir in b.includes {
        cmd.arg("-I").arg(dir);
    }
    cmd.arg(b.source);
    if b.cplusplus {
        cmd.args(["-x", "none"]);
    }
    if b.shared {
        link_shared(&mut cmd, b.lib_dir);
    } else {
        cmd.arg(b.lib_dir.join("libws2mp.a"));
    }
    if gold_linker() {
        // The test binaries link the whole debug library (over 100 MB with its debug
        // information): gold does it in about half of the default linker's time.
        cmd.arg("-fuse-ld=gold");
    }
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

/// The shared library's file name as cargo writes it, and the name a program linked against it
/// looks for at run time (its SONAME / install name, which build.rs sets).
#[cfg(target_vendor = "apple")]
const SHARED_NAMES: (&str, &str) = (
    "libws2mp.dylib",
    concat!("libws2mp.", env!("CARGO_PKG_VERSION_MAJOR"), ".dylib"),
);
#[cfg(not(target_vendor = "apple"))]
const SHARED_NAMES: (&str, &str) = (
    "libws2mp.so",
    concat!("libws2mp.so.", env!("CARGO_PKG_VERSION_MAJOR")),
);

/// Adds the shared library in `lib_dir` (from [`library_dir`]) to a compiler command line, with a
/// run path to it.
pub fn link_shared(cmd: &mut Command, lib_dir: &Path) {
    cmd.arg(lib_dir.join(SHARED_NAMES.0));
    cmd.arg(format!("-Wl,-rpath,{}", lib_dir.display()));
}

/// Whether binutils' gold linker is installed (Linux; the C compiler is told to use it).
fn gold_linker() -> bool {
    static GOLD: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *GOLD.get_or_init(|| {
        cfg!(target_os = "linux")
            && Command::new("ld.gold")
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
    })
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

/// What a program run by [`run_bounded`] did.
pub struct Bounded {
    /// `None` when the time limit ended the run.
    pub status: Option<std::process::ExitStatus>,
    pub stdout: String,
    pub stderr: String,
}

impl Bounded {
    /// Exited on its own with status 0.
    pub fn success(&self) -> bool {
        self.status.is_some_and(|s| s.success())
    }
}

/// Runs `cmd` with stdin closed and its output collected, for at most `limit`.
///
/// The program gets its own process group, and the whole group is killed when the program
/// ends or the limit passes, so a child it forked (a second test process, a network
/// namespace's shell) can neither keep running nor hold the output pipes open. The pipes are
/// drained by their own threads (a chatty program never blocks on a full pipe), and after the
/// kill the run waits a bounded time for the program to go and for its pipes to close: a
/// process that left the group, or one stuck in the kernel, still cannot stall the caller.
pub fn run_bounded(cmd: &mut Command, limit: std::time::Duration) -> std::io::Result<Bounded> {
    use std::io::Read;
    use std::os::unix::process::CommandExt;
    use std::process::Stdio;
    use std::time::{Duration, Instant};

    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()?;
    let (tx, rx) = std::sync::mpsc::channel();
    for (index, pipe) in [
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    ]
    .into_iter()
    .enumerate()
    {
        let tx = tx.clone();
        let mut pipe = pipe.expect("piped");
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            let _ = tx.send((index, bytes));
        });
    }
    drop(tx);
    let deadline = Instant::now() + limit;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        if Instant::now() >= deadline {
            break None;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let mut notes = String::new();
    if status.is_none() {
        notes += &format!(
            "\n[run_bounded] still running after {limit:?}: {}",
            state_of(child.id())
        );
    }
    // SAFETY: kill(2) with a negative pid signals the process group this function created
    // (the child's pid is its group id); no memory is involved.
    unsafe { libc::kill(-(child.id() as i32), libc::SIGKILL) };
    // A killed process can still take a moment to go (or never go, stuck in the kernel):
    // wait a bounded time for it, then leave it behind rather than stall the caller.
    let reaped_by = Instant::now() + Duration::from_secs(10);
    while child.try_wait()?.is_none() && Instant::now() < reaped_by {
        std::thread::sleep(Duration::from_millis(10));
    }
    if status.is_none() && child.try_wait()?.is_none() {
        notes += &format!(
            "\n[run_bounded] not gone 10 s after SIGKILL: {}",
            state_of(child.id())
        );
    }
    let mut outputs = [Vec::new(), Vec::new()];
    let drained_by = Instant::now() + Duration::from_secs(5);
    for _ in 0..2 {
        let left = drained_by.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok((index, bytes)) => outputs[index] = bytes,
            Err(_) => break,
        }
    }
    let [stdout, mut stderr] = outputs.map(|b| String::from_utf8_lossy(&b).into_owned());
    stderr += &notes;
    Ok(Bounded {
        status,
        stdout,
        stderr,
    })
}

/// What the kernel says about a process and its threads (state and wait channel), for the
/// report of a run that had to be ended.
fn state_of(pid: u32) -> String {
    let read = |path: String| std::fs::read_to_string(path).unwrap_or_default();
    let mut out = Vec::new();
    if let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) {
        for task in tasks.flatten() {
            let dir = task.path();
            let stat = read(format!("{}/stat", dir.display()));
            // The state follows the parenthesised command name.
            let state = stat
                .rsplit(')')
                .next()
                .unwrap_or("")
                .split_whitespace()
                .next();
            let wchan = read(format!("{}/wchan", dir.display()));
            out.push(format!(
                "{} {} {}",
                task.file_name().to_string_lossy(),
                state.unwrap_or("?"),
                wchan.trim()
            ));
        }
    }
    format!("threads (tid state wait-channel): {}", out.join(", "))
}
