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
