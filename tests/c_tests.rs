//! Builds every C program in `c-tests/` against `include/compat` and the freshly built static
//! library, runs each as its own process, and reports every assertion it prints.
//!
//! - Compiled with the cc crate's compiler: `-Wall -Wextra -Werror`, AddressSanitizer and
//!   UndefinedBehaviorSanitizer (leak detection on), unless the source asks for valgrind.
//! - Directives in a source's first lines, after `ws2mp-test:` —
//!   `needs-root` (network namespaces; skipped loudly without root), `timeout=SECONDS`,
//!   `valgrind` (run under valgrind instead of the sanitizers), `posix` (the test needs POSIX:
//!   fork, namespaces, signals, ptys, resource limits; not built for Windows) and `no-mingw`
//!   (Windows code that mingw-w64 on Linux cannot build), `no-tsan` (scripts/tsan.sh leaves it
//!   out; the reason stands beside the directive); the directive list ends at the
//!   comment's `*/`. Every other test is Windows code: tests/c_tests_mingw.rs builds it with
//!   mingw-w64 against Windows' own headers. A `.cpp` source is compiled as C++.
//! - `cargo test --test c_tests -- NAME` runs the tests whose file name contains NAME.
//! - Every `rmp_*` test runs twice: as is, and as `rmp_*@stream` with `WS2MP_ROOTED_PAIR=stream`
//!   (the rooted provider's `SOCK_STREAM` pair, the one macOS uses).
//! - Each test runs under a time limit in its own process group (tests/support `run_bounded`:
//!   the group is killed at the end, so a forked helper process can never stall the run); a
//!   line is printed as each test ends, the failures' output after the last one.
//! - `WS2MP_TEST_JOBS=N` runs N tests at a time (default: one more than the CPU count, 3 to 6:
//!   many tests spend their time waiting on timers and sockets, while another compiles).
//! - The closing line is `c-tests: N passed, N failed, N skipped`.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::time::{Duration, Instant};

struct Spec {
    name: String,
    source: PathBuf,
    needs_root: bool,
    timeout: Duration,
    valgrind: bool,
    cplusplus: bool,
    /// An environment variable the run sets (see `variants`).
    env: Option<(&'static str, &'static str)>,
}

/// A second run of each test `keep` selects, named `NAME@suffix`, with `env` set.
fn variants(
    specs: &[Spec],
    keep: impl Fn(&str) -> bool,
    suffix: &str,
    env: (&'static str, &'static str),
) -> Vec<Spec> {
    specs
        .iter()
        .filter(|s| keep(&s.name))
        .map(|s| Spec {
            name: format!("{}@{suffix}", s.name),
            env: Some(env),
            ..parse_spec(&s.source)
        })
        .collect()
}

enum Outcome {
    Passed(usize),
    Failed(String),
    Skipped(String),
}

fn parse_spec(source: &Path) -> Spec {
    let text = std::fs::read_to_string(source).expect("read C test");
    let mut spec = Spec {
        name: source.file_stem().unwrap().to_string_lossy().into_owned(),
        source: source.to_path_buf(),
        needs_root: false,
        timeout: Duration::from_secs(60),
        valgrind: false,
        cplusplus: source.extension().is_some_and(|e| e == "cpp"),
        env: None,
    };
    for line in text.lines().take(30) {
        let Some(rest) = line.split("ws2mp-test:").nth(1) else {
            continue;
        };
        let rest = rest.split("*/").next().unwrap_or_default();
        for word in rest.split_whitespace() {
            match word.trim_end_matches("*/") {
                "needs-root" => spec.needs_root = true,
                "valgrind" => spec.valgrind = true,
                // Read by tests/c_tests_mingw.rs and scripts/tsan.sh.
                "posix" | "no-mingw" | "no-tsan" => {}
                w if w.starts_with("timeout=") => {
                    spec.timeout = Duration::from_secs(w[8..].parse().expect("timeout=SECONDS"))
                }
                "" => {}
                other => panic!("{}: unknown directive {other}", source.display()),
            }
        }
    }
    spec
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

fn compile(
    spec: &Spec,
    root: &Path,
    lib_dir: &Path,
    out_dir: &Path,
    precompiled: Option<&Path>,
) -> Result<PathBuf, String> {
    let exe = out_dir.join(&spec.name);
    support::compile_c(&support::CBuild {
        source: &spec.source,
        output: &exe,
        lib_dir,
        includes: &[root.join("c-tests")],
        cplusplus: spec.cplusplus,
        sanitize: !spec.valgrind,
        shared: true,
        precompiled,
    })?;
    Ok(exe)
}

fn run(spec: &Spec, exe: &Path) -> (Outcome, String) {
    let mut cmd = if spec.valgrind {
        let mut c = Command::new("valgrind");
        c.args([
            "--quiet",
            "--error-exitcode=99",
            "--leak-check=full",
            "--errors-for-leak-kinds=definite",
            "--track-fds=no",
        ]);
        c.arg(exe);
        c
    } else {
        Command::new(exe)
    };
    if let Some((k, v)) = spec.env {
        cmd.env(k, v);
    }
    cmd.env(
        "ASAN_OPTIONS",
        "detect_leaks=1:abort_on_error=1:halt_on_error=1",
    )
    .env("UBSAN_OPTIONS", "halt_on_error=1:print_stacktrace=1");
    let ran = match support::run_bounded(&mut cmd, spec.timeout) {
        Ok(ran) => ran,
        Err(e) => return (Outcome::Failed(format!("cannot start: {e}")), String::new()),
    };
    let (status, stdout, stderr) = (ran.status, ran.stdout, ran.stderr);
    let log = format!("{stdout}{stderr}");
    let passed = stdout.lines().filter(|l| l.starts_with("ok ")).count();
    let failed = stdout.lines().filter(|l| l.starts_with("not ok ")).count();
    let outcome = match status {
        None => Outcome::Failed(format!("timed out after {:?}", spec.timeout)),
        Some(s) if !s.success() => {
            Outcome::Failed(format!("exit status {s} ({failed} assertions failed)"))
        }
        Some(_) if failed > 0 => Outcome::Failed(format!("{failed} assertions failed")),
        Some(_) if passed == 0 => Outcome::Failed("no assertions were reported".into()),
        Some(_) => Outcome::Passed(passed),
    };
    (outcome, log)
}

/// One test's result line.
fn verdict(name: &str, outcome: &Outcome, took: Duration) -> String {
    let took = took.as_secs_f64();
    match outcome {
        Outcome::Passed(n) => format!("c-test {name} ... ok ({n} assertions, {took:.1}s)"),
        Outcome::Failed(why) => format!("c-test {name} ... FAILED after {took:.1}s: {why}"),
        Outcome::Skipped(why) => format!("c-test {name} ... SKIPPED — {why}"),
    }
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let lib_dir = support::library_dir(false);
    let out_dir = lib_dir.join("c-tests");
    std::fs::create_dir_all(&out_dir).unwrap();
    let precompiled = support::precompile_compat_headers(&out_dir.join("precompiled"));

    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let mut sources: Vec<PathBuf> = std::fs::read_dir(root.join("c-tests"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("c" | "cpp")))
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            filters.is_empty() || filters.iter().any(|f| name.contains(f.as_str()))
        })
        .collect();
    sources.sort();
    let mut specs: Vec<Spec> = sources.iter().map(|s| parse_spec(s)).collect();
    // The overlapped tests (and the extension functions' overlapped test, and the conformance
    // sweep's overlapped tests but the one that only reads statuses) run under both
    // engines: the default (io_uring where the kernel allows it) and the epoll/kqueue
    // readiness engine. The rooted multipoint tests run with both kinds of socket pair: the
    // default (SOCK_SEQPACKET on Linux) and the SOCK_STREAM pair macOS uses.
    let readiness = variants(
        &specs,
        |n| {
            n.starts_with("ovl_")
                || (n.starts_with("conf_ovl_") && n != "conf_ovl_status")
                || n == "ext_accept"
        },
        "readiness",
        ("WS2MP_OVERLAPPED_ENGINE", "readiness"),
    );
    let stream = variants(
        &specs,
        |n| n.starts_with("rmp_"),
        "stream",
        ("WS2MP_ROOTED_PAIR", "stream"),
    );
    specs.extend(readiness);
    specs.extend(stream);

    let queue = Mutex::new(specs.iter().collect::<Vec<_>>());
    let results = Mutex::new(Vec::new());
    let workers = std::env::var("WS2MP_TEST_JOBS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map_or(2, |n| n.get() + 1)
                .clamp(3, 6)
        });
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let Some(spec) = queue.lock().unwrap().pop() else {
                    break;
                };
                let started = Instant::now();
                let (outcome, log) = if spec.needs_root && !is_root() {
                    (
                        Outcome::Skipped("needs root (network namespaces)".into()),
                        String::new(),
                    )
                } else {
                    match compile(spec, &root, &lib_dir, &out_dir, precompiled.as_deref()) {
                        Ok(exe) => {
                            let ran = run(spec, &exe);
                            // A test binary links the whole debug library (tens of MB);
                            // several hundred would fill a small disk. A failed test's
                            // binary stays, to be run again by hand.
                            if matches!(ran.0, Outcome::Passed(_)) {
                                let _ = std::fs::remove_file(&exe);
                            }
                            ran
                        }
                        Err(e) => (Outcome::Failed(e), String::new()),
                    }
                };
                // Printed as each test ends, so a long run shows where it is.
                println!("{}", verdict(&spec.name, &outcome, started.elapsed()));
                results
                    .lock()
                    .unwrap()
                    .push((spec.name.clone(), outcome, log));
            });
        }
    });

    let mut results = results.into_inner().unwrap();
    results.sort_by(|a, b| a.0.cmp(&b.0));
    let (mut passed, mut failed, mut skipped, mut assertions) = (0, 0, 0, 0);
    for (name, outcome, log) in &results {
        match outcome {
            Outcome::Passed(n) => {
                passed += 1;
                assertions += n;
            }
            Outcome::Failed(why) => {
                failed += 1;
                println!("c-test {name} ... FAILED: {why}");
                for line in log.lines() {
                    println!("    | {line}");
                }
            }
            Outcome::Skipped(why) => {
                skipped += 1;
                eprintln!("!!! WARNING: c-test {name} was SKIPPED: {why}. CI runs it as root. !!!");
            }
        }
    }
    println!(
        "c-tests: {assertions} assertions in {} programs",
        results.len()
    );
    println!("c-tests: {passed} passed, {failed} failed, {skipped} skipped");
    if failed > 0 || results.is_empty() {
        std::process::exit(1);
    }
}
