//! The README's two commands on a machine that lacks tools: `./test.sh` and `./demo.sh` run
//! their set-up step (scripts/tools.sh) in dry-run mode (`WS2MP_SETUP_DRY_RUN=1`: nothing is
//! installed) with a PATH that hides some tools — cmake, ninja and mingw-w64 as on a fresh
//! Debian machine, or the C compiler — and the tests check that the install is attempted
//! (apt-get as root, through sudo otherwise) or, without root and without sudo, that the one
//! command to run is printed and the script fails.

use std::collections::HashSet;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A directory of symlinks to every program on PATH except `hidden`, plus small stand-ins
/// (`id` printing a uid, a `sudo`) from `fakes` (name, script).
struct FakePath {
    dir: PathBuf,
}

impl FakePath {
    fn new(label: &str, hidden: &[&str], fakes: &[(&str, &str)]) -> FakePath {
        let dir = std::env::temp_dir().join(format!("ws2mp-setup-{label}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut seen: HashSet<std::ffi::OsString> = HashSet::new();
        for (name, script) in fakes {
            let path = dir.join(name);
            std::fs::write(&path, format!("#!/bin/sh\n{script}\n")).unwrap();
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
            seen.insert((*name).into());
        }
        let path = std::env::var_os("PATH").expect("PATH");
        for bin_dir in std::env::split_paths(&path) {
            let Ok(entries) = std::fs::read_dir(&bin_dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let name = entry.file_name();
                if hidden.iter().any(|h| name == *h) || !seen.insert(name.clone()) {
                    continue;
                }
                symlink(entry.path(), dir.join(&name)).unwrap();
            }
        }
        FakePath { dir }
    }

    fn run(&self, script: &str) -> Output {
        Command::new("bash")
            .arg(root().join(script))
            .env("PATH", &self.dir)
            .env("WS2MP_SETUP_DRY_RUN", "1")
            .output()
            .expect("run the script")
    }
}

impl Drop for FakePath {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// What a fresh Debian machine lacks.
const FRESH_MACHINE: [&str; 6] = [
    "cmake",
    "ninja",
    "x86_64-w64-mingw32-gcc",
    "x86_64-w64-mingw32-g++",
    "sudo",
    "id",
];

/// The apt-get install line the script printed.
fn install_line(all: &str) -> &str {
    all.lines()
        .find(|l| l.contains("apt-get install"))
        .unwrap_or_else(|| panic!("no apt-get install step:\n{all}"))
}

#[test]
fn test_script_installs_what_a_fresh_machine_lacks_as_root() {
    let path = FakePath::new("root", &FRESH_MACHINE, &[("id", "echo 0")]);
    let out = path.run("test.sh");
    let all = text(&out);
    assert!(out.status.success(), "{all}");
    for tool in ["cmake", "ninja", "x86_64-w64-mingw32-gcc"] {
        assert!(all.contains(&format!("missing {tool} ")), "{all}");
    }
    let line = install_line(&all);
    assert!(
        line.starts_with("+ apt-get install -y"),
        "as root, no sudo: {line}"
    );
    for package in ["cmake", "ninja-build", "gcc-mingw-w64-x86-64"] {
        assert!(
            line.split_whitespace().any(|w| w == package),
            "{package} not in {line}"
        );
    }
    // What is present is not installed again.
    assert!(
        !line.split_whitespace().any(|w| w == "pkg-config"),
        "{line}"
    );
    assert!(all.contains("+ apt-get update"), "{all}");
    assert!(all.contains("would now run cargo test"), "{all}");
}

#[test]
fn test_script_uses_sudo_when_not_root() {
    let path = FakePath::new(
        "sudo",
        &FRESH_MACHINE,
        &[("id", "echo 1000"), ("sudo", "exec \"$@\"")],
    );
    let out = path.run("test.sh");
    let all = text(&out);
    assert!(out.status.success(), "{all}");
    assert!(
        install_line(&all).starts_with("+ sudo apt-get install -y"),
        "{all}"
    );
}

#[test]
fn test_script_prints_the_command_without_root_or_sudo() {
    let path = FakePath::new("user", &FRESH_MACHINE, &[("id", "echo 1000")]);
    let out = path.run("test.sh");
    let all = text(&out);
    assert!(
        !out.status.success(),
        "must fail without a way to install:\n{all}"
    );
    assert!(all.contains("As root, run:"), "{all}");
    let line = install_line(&all);
    assert!(
        line.trim_start()
            .starts_with("apt-get update && apt-get install"),
        "{line}"
    );
    assert!(line.contains("cmake"), "{line}");
    assert!(!all.contains("would now run cargo test"), "{all}");
}

#[test]
fn demo_script_needs_only_a_c_compiler() {
    // A fresh machine's lacks (no cmake) are no obstacle to the demo.
    let path = FakePath::new("demo-ok", &FRESH_MACHINE, &[("id", "echo 0")]);
    let out = path.run("demo.sh");
    let all = text(&out);
    assert!(out.status.success(), "{all}");
    assert!(!all.contains("apt-get"), "nothing to install:\n{all}");
    assert!(
        all.contains("would now build and run the conference"),
        "{all}"
    );

    // Without cc it installs gcc.
    let path = FakePath::new("demo-cc", &["cc", "sudo", "id"], &[("id", "echo 0")]);
    let out = path.run("demo.sh");
    let all = text(&out);
    assert!(out.status.success(), "{all}");
    assert!(all.contains("missing cc (package gcc)"), "{all}");
    assert_eq!(
        install_line(&all),
        "+ apt-get install -y -qq --no-install-recommends gcc"
    );
}
