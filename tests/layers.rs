//! The top-level modules of `src/` form layers (docs/ARCHITECTURE.md, "Layers and files"):
//! the `crate::X` paths between them must form a directed acyclic graph, with `ffi` on top (no
//! module uses the ABI layer) and `sys` at the bottom (it uses only modules that use nothing).
//!
//! The edges are read from the sources: every `crate::name` path outside comments (including
//! the members of `use crate::{a, b}`) in a file of module `X` is an edge X → name. Paths
//! through `super::` stay inside a module and are not counted.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Graph = BTreeMap<String, BTreeSet<String>>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The source without `//` comments (doc comments included) and string literals.
fn code_of(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    for line in source.lines() {
        let mut in_str = false;
        let mut prev = ' ';
        let mut kept = String::new();
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if !in_str && c == '/' && chars.get(i + 1) == Some(&'/') {
                break;
            }
            if c == '"' && prev != '\\' {
                in_str = !in_str;
            } else if !in_str {
                kept.push(c);
            }
            prev = if prev == '\\' && c == '\\' { ' ' } else { c };
            i += 1;
        }
        out.push_str(&kept);
        out.push('\n');
    }
    out
}

fn ident_at(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The top-level modules `code` names with `crate::`.
fn targets(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // use crate::{a, b::c, d::{e, f}}: the first segment of each top-level member.
            let mut depth = 0;
            let mut start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if start && (c.is_ascii_alphabetic() || c == '_') => {
                        out.insert(ident_at(&group[i..]).to_string());
                        start = false;
                    }
                    _ => {}
                }
            }
        } else {
            let name = ident_at(rest);
            if !name.is_empty() {
                out.insert(name.to_string());
            }
        }
    }
    out
}

fn graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut modules = BTreeSet::new();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let rust = path.extension().is_some_and(|e| e == "rs");
        if name != "lib" && name != "bin" && (path.is_dir() || rust) {
            modules.insert(name);
        }
    }
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut g: Graph = modules
        .iter()
        .map(|m| (m.clone(), BTreeSet::new()))
        .collect();
    for file in files {
        let rel = file.strip_prefix(&src).unwrap();
        let top = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let top = top.strip_suffix(".rs").unwrap_or(&top).to_string();
        if top == "lib" || top == "bin" {
            continue;
        }
        let code = code_of(&std::fs::read_to_string(&file).unwrap());
        for t in targets(&code) {
            if t != top && modules.contains(&t) {
                g.get_mut(&top).unwrap().insert(t);
            }
        }
    }
    g
}

/// A cycle through the graph, if there is one.
fn find_cycle(g: &Graph) -> Option<Vec<String>> {
    fn visit(
        g: &Graph,
        n: &str,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(n.to_string(), 1);
        path.push(n.to_string());
        for m in &g[n] {
            match state.get(m).copied().unwrap_or(0) {
                1 => {
                    let from = path.iter().position(|p| p == m).unwrap();
                    let mut cycle = path[from..].to_vec();
                    cycle.push(m.clone());
                    return Some(cycle);
                }
                0 => {
                    if let Some(c) = visit(g, m, state, path) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        path.pop();
        state.insert(n.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in g.keys() {
        if state.get(n).copied().unwrap_or(0) == 0 {
            if let Some(c) = visit(g, n, &mut state, &mut Vec::new()) {
                return Some(c);
            }
        }
    }
    None
}

#[test]
fn the_top_level_modules_form_a_dag() {
    let g = graph();
    let picture: Vec<String> = g
        .iter()
        .map(|(m, to)| {
            format!(
                "{m} -> {}",
                to.iter().cloned().collect::<Vec<_>>().join(", ")
            )
        })
        .collect();
    if let Some(cycle) = find_cycle(&g) {
        panic!(
            "module cycle: {}\n\nedges:\n{}",
            cycle.join(" -> "),
            picture.join("\n")
        );
    }
}

#[test]
fn ffi_is_on_top_and_sys_at_the_bottom() {
    let g = graph();
    let users_of_ffi: Vec<&String> = g
        .iter()
        .filter(|(_, to)| to.contains("ffi"))
        .map(|(m, _)| m)
        .collect();
    assert!(
        users_of_ffi.is_empty(),
        "modules that use the ABI layer: {users_of_ffi:?}"
    );
    for below in &g["sys"] {
        assert!(
            g[below].is_empty(),
            "sys uses {below}, which uses {:?}: sys must sit at the bottom",
            g[below]
        );
    }
}

/// Every module `from` reaches through the graph.
fn reachable(g: &Graph, from: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![from.to_string()];
    while let Some(n) = todo.pop() {
        for m in &g[&n] {
            if seen.insert(m.clone()) {
                todo.push(m.clone());
            }
        }
    }
    seen
}

/// The picture in docs/ARCHITECTURE.md: the core services of the calls (`readiness`, `options`,
/// `overlapped`, `extension`) sit on the socket façade, which sits on the providers; nothing
/// below reaches back up.
#[test]
fn the_core_services_sit_on_the_socket_facade() {
    let g = graph();
    for service in ["readiness", "options", "overlapped", "extension"] {
        assert!(
            g.contains_key(service),
            "no module {service}: update this test and the picture"
        );
        assert!(
            g[service].contains("socket"),
            "{service} should sit on socket: {:?}",
            g[service]
        );
        for below in ["socket", "provider"] {
            assert!(
                !reachable(&g, below).contains(service),
                "{below} reaches {service}, which sits above it"
            );
        }
    }
    assert!(
        !reachable(&g, "provider").contains("socket"),
        "the providers must not name the socket façade"
    );
}

/// The files outside `src/ffi`, `src/sys` and `src/bin` whose code (comments and strings
/// left out) uses the word `word`.
fn core_files_using(word: &str) -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut found = Vec::new();
    for file in files {
        let rel = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if ["ffi/", "sys/", "bin/"].iter().any(|p| rel.starts_with(p)) {
            continue;
        }
        let code = code_of(&std::fs::read_to_string(&file).unwrap());
        let mut words = code.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'));
        if words.any(|w| w == word) {
            found.push(rel);
        }
    }
    found
}

#[test]
fn unchecked_code_lives_in_ffi_and_sys_only() {
    let found = core_files_using("unsafe");
    assert!(
        found.is_empty(),
        "unsafe outside src/ffi and src/sys: {found:?}"
    );
}

#[test]
fn the_reader_sees_the_edges_it_must() {
    let code = code_of(
        "use crate::a::B; // crate::ignored\nuse crate::{c, d::{e, f}, g};\nlet s = \"crate::nope\";\n",
    );
    let t = targets(&code);
    let want: BTreeSet<String> = ["a", "c", "d", "g"].iter().map(|s| s.to_string()).collect();
    assert_eq!(t, want);
    let mut cyclic = Graph::new();
    cyclic.insert("x".into(), ["y".to_string()].into());
    cyclic.insert("y".into(), ["x".to_string()].into());
    assert!(find_cycle(&cyclic).is_some());
}

#[test]
fn raw_iovecs_stay_in_ffi_and_sys() {
    // Core code passes buffers as `sys::IoBufs` / `sys::IoBufsMut`, whose memory is known to
    // be valid; a raw `iovec` (pointers a safe function would read through) is built only in
    // the ffi layer (from the program's WSABUFs) and in sys.
    let found = core_files_using("iovec");
    assert!(
        found.is_empty(),
        "libc::iovec outside src/ffi and src/sys: {found:?}"
    );
}
