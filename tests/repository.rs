//! The repository stands alone: no tracked file points at documents outside it. ws2mp's
//! behaviour reference is `docs/WINDOWS.md`; a clone must carry everything a reader needs.

use std::path::Path;
use std::process::Command;

/// Names of documents that live outside the repository (spelled in pieces so that this file
/// does not match itself).
fn outside_names() -> Vec<String> {
    vec![
        ["..", "/shared"].concat(),
        ["WINSOCK", ".md"].concat(),
        ["DESIGN", ".md"].concat(),
    ]
}

#[test]
fn no_file_points_outside_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let listed = Command::new("git")
        .args(["ls-files", "-z"])
        .current_dir(root)
        .output()
        .expect("run git ls-files");
    assert!(listed.status.success(), "git ls-files failed");
    let names = outside_names();
    let mut offenders = Vec::new();
    let mut checked = 0;
    for file in listed.stdout.split(|&b| b == 0).filter(|f| !f.is_empty()) {
        let file = String::from_utf8_lossy(file).into_owned();
        let Ok(text) = std::fs::read_to_string(root.join(&file)) else {
            continue; // binary or removed in the working tree
        };
        checked += 1;
        for (n, line) in text.lines().enumerate() {
            if names.iter().any(|name| line.contains(name.as_str())) {
                offenders.push(format!("{file}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(checked > 50, "only {checked} tracked text files found");
    assert!(
        offenders.is_empty(),
        "these lines point at documents a clone does not have (say it in docs/ instead):\n{}",
        offenders.join("\n")
    );
}

/// The compat headers' other capitalisations (`WinSock2.h`, `MSWSOCK.h`, ...) are forwarders
/// to the header itself. On a case-insensitive file system (macOS's default) the names of one
/// group are one file, and git writes the entries of a checkout in their byte order, so the
/// name that sorts last is the one whose contents stay: that must be the header itself, never
/// a forwarder (which would then include itself and declare nothing).
#[test]
fn a_case_insensitive_checkout_keeps_each_compat_header() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("include/compat");
    let mut groups: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for entry in std::fs::read_dir(&dir).expect("include/compat") {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        groups.entry(name.to_lowercase()).or_default().push(name);
    }
    let mut checked = 0;
    for names in groups.values().filter(|names| names.len() > 1) {
        let last = names.iter().max().unwrap();
        for name in names {
            let text = std::fs::read_to_string(dir.join(name)).unwrap();
            let forwards = text.contains(&format!("#include \"{last}\""));
            if name == last {
                assert!(
                    !text.lines().any(|l| l.starts_with("#include \"")
                        && l.to_lowercase()
                            .contains(&format!("\"{}\"", last.to_lowercase()))),
                    "{name} sorts last among {names:?}: it must be the header itself"
                );
            } else {
                assert!(forwards, "{name} should forward to {last} (of {names:?})");
            }
            checked += 1;
        }
    }
    assert!(
        checked > 50,
        "only {checked} compat header names in case groups"
    );
}
