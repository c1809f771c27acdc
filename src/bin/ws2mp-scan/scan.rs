//! The analysis of a tree: which includes and names ws2mp satisfies, and the patterns that
//! compile but behave differently.

use crate::decls::{declared, is_keyword, Depth};
use crate::lexer::{lex, Kind, Lexed, Token};
use crate::tables::{
    include_fate, windows_shaped, IncludeFate, Quote, Tables, NOT_IN_CPP, NOT_IN_CPP_REASON,
    SPELLING_SUFFIX, SPELLING_VOID_MAIN,
};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// A place in the tree: file index (into `Report::files`) and line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Site {
    pub file: usize,
    pub line: u32,
}

#[derive(Debug)]
pub struct IncludeIssue {
    pub site: Site,
    pub name: String,
    pub angle: bool,
    /// The spelling that works, when the header exists under another capitalisation.
    pub fix: Option<String>,
}

#[derive(Debug)]
pub struct MissingName {
    pub name: String,
    pub replacement: Option<String>,
    pub reason: String,
    pub sites: Vec<Site>,
}

#[derive(Debug)]
pub struct Difference {
    pub name: String,
    pub quote: Quote,
    pub sites: Vec<Site>,
}

/// A place where the program compiles but behaves differently.
#[derive(Debug)]
pub struct Finding {
    pub site: Site,
    pub what: String,
    pub quote: Quote,
}

#[derive(Debug, Default)]
pub struct Report {
    pub files: Vec<String>,
    pub units: usize,
    pub lines: usize,
    pub includes: Vec<IncludeIssue>,
    /// Most used first.
    pub missing: Vec<MissingName>,
    pub differences: Vec<Difference>,
    pub findings: Vec<Finding>,
    /// Windows spellings GCC and Clang refuse (section 3): each is an edit.
    pub spellings: Vec<Finding>,
    /// Provided names used (without a documented difference), with their use counts.
    pub provided: Vec<(String, usize)>,
}

impl Report {
    /// The edits the tree needs before it builds: each unsatisfied include and each use of a
    /// name ws2mp does not provide.
    pub fn edits(&self) -> usize {
        self.includes.len()
            + self.spellings.len()
            + self.missing.iter().map(|m| m.sites.len()).sum::<usize>()
    }
}

const SOURCE_EXTS: &[&str] = &["c", "cpp", "cc", "cxx", "h", "hpp", "hh", "hxx"];
const UNIT_EXTS: &[&str] = &["c", "cpp", "cc", "cxx"];
/// C++ files (a `.h` may be read by C and C++ alike).
const CPP_EXTS: &[&str] = &["cpp", "cc", "cxx", "hpp", "hh", "hxx"];

fn ext_of(path: &Path) -> Option<String> {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
}

/// The C and C++ files under the given paths (a file given by name is taken whatever its
/// extension), sorted; hidden directories are skipped and symlinked directories not followed.
pub fn collect(paths: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            let path = entry.path();
            let kind = entry.file_type()?;
            if kind.is_dir() {
                if !entry.file_name().to_string_lossy().starts_with('.') {
                    walk(&path, out)?;
                }
            } else if ext_of(&path).is_some_and(|e| SOURCE_EXTS.contains(&e.as_str())) {
                out.push(path);
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    for p in paths {
        if std::fs::metadata(p)?.is_dir() {
            walk(p, &mut out)?;
        } else {
            out.push(p.clone());
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// Names that behave differently in some uses only: reported by the patterns, not as names.
const PATTERN_NAMES: &[&str] = &[
    "SO_REUSEADDR",
    "FIONREAD",
    "IP_MULTICAST_LOOP",
    "SIO_MULTIPOINT_LOOPBACK",
];
/// libc calls that bypass ws2mp when given a SOCKET.
const RAW_CALLS: &[&str] = &[
    "close", "read", "write", "fcntl", "ioctl", "recvmsg", "sendmsg", "dup", "dup2", "_close",
    "_read", "_write",
];
/// Calls that search a string for a character (their second argument).
const SEARCH_CALLS: &[&str] = &[
    "strrchr", "strchr", "wcsrchr", "wcschr", "_tcsrchr", "_tcschr", "_mbsrchr", "_mbschr",
    "StrRChrA", "StrRChrW", "StrChrA", "StrChrW",
];
/// Where a program gets a path from the system (or its own name) that ws2mp gives with `/`:
/// the calls and the argument they fill, or a name that is the path itself (`argv`; None).
const SLASH_PATHS: &[(&str, Option<usize>)] = &[
    ("GetCurrentDirectory", Some(1)),
    ("GetCurrentDirectoryA", Some(1)),
    ("GetCurrentDirectoryW", Some(1)),
    ("GetTempPath", Some(1)),
    ("GetTempPathA", Some(1)),
    ("GetTempPathW", Some(1)),
    ("GetFullPathName", Some(2)),
    ("GetFullPathNameA", Some(2)),
    ("GetFullPathNameW", Some(2)),
    ("_getcwd", Some(0)),
    ("_tgetcwd", Some(0)),
    ("_fullpath", Some(0)),
    ("__argv", None),
    ("_pgmptr", None),
    ("argv", None),
];
/// The calls that give the program's path as Windows does, `\` between its directories, and
/// the argument they fill: a search for `\\` in it finds the directory.
const BACKSLASH_PATHS: &[(&str, usize)] = &[
    ("GetModuleFileName", 1),
    ("GetModuleFileNameA", 1),
    ("GetModuleFileNameW", 1),
    ("GetModuleFileNameEx", 2),
    ("GetModuleFileNameExA", 2),
    ("GetModuleFileNameExW", 2),
    ("QueryFullProcessImageName", 2),
    ("QueryFullProcessImageNameA", 2),
    ("QueryFullProcessImageNameW", 2),
    ("GetProcessImageFileName", 1),
    ("GetProcessImageFileNameA", 1),
    ("GetProcessImageFileNameW", 1),
];

/// The names a file's calls fill with a path: those `SLASH_PATHS` fill (each with its call's
/// name), and those `BACKSLASH_PATHS` fill.
fn filled_paths<'a>(t: &[Token<'a>]) -> (Vec<(&'a str, &'a str)>, HashSet<&'a str>) {
    let (mut slash, mut backslash) = (Vec::new(), HashSet::new());
    for (i, tok) in t.iter().enumerate() {
        if tok.kind != Kind::Ident || t.get(i + 1).is_none_or(|n| n.text != "(") {
            continue;
        }
        let names = |at: usize| -> Vec<&'a str> {
            call_args(t, i + 1).get(at).map_or(Vec::new(), |a| {
                a.iter()
                    .filter(|x| x.kind == Kind::Ident)
                    .map(|x| x.text)
                    .collect()
            })
        };
        if let Some((_, Some(at))) = SLASH_PATHS.iter().find(|(n, _)| *n == tok.text) {
            slash.extend(names(*at).into_iter().map(|n| (n, tok.text)));
        } else if let Some((_, at)) = BACKSLASH_PATHS.iter().find(|(n, _)| *n == tok.text) {
            backslash.extend(names(*at));
        }
    }
    (slash, backslash)
}

/// Overlapped-capable calls and the index of their `lpOverlapped` argument.
const OVERLAPPED_ARG: &[(&str, usize)] = &[
    ("WSASend", 5),
    ("WSARecv", 5),
    ("WSASendTo", 7),
    ("WSARecvFrom", 7),
    ("WSAIoctl", 7),
];

/// The arguments of the call whose `(` is at `open`, as token ranges.
fn call_args<'t, 'a>(t: &'t [Token<'a>], open: usize) -> Vec<&'t [Token<'a>]> {
    let mut args = Vec::new();
    let mut depth = 0usize;
    let mut start = open + 1;
    for (k, tok) in t.iter().enumerate().skip(open) {
        match tok.text {
            "(" | "[" | "{" => depth += 1,
            ")" | "]" | "}" => {
                depth -= 1;
                if depth == 0 {
                    if k > start {
                        args.push(&t[start..k]);
                    }
                    return args;
                }
            }
            "," if depth == 1 => {
                args.push(&t[start..k]);
                start = k + 1;
            }
            _ => {}
        }
    }
    args
}

/// Is this identifier token a use of a global name (not `x.name`, `p->name`, `ns::name`)?
fn global_use(t: &[Token<'_>], i: usize) -> bool {
    if i == 0 {
        return true;
    }
    match t[i - 1].text {
        "." | "->" => false,
        "::" => !(i >= 2 && t[i - 2].kind == Kind::Ident),
        _ => true,
    }
}

/// Scans the files (paths as they will be printed).
pub fn scan(paths: &[PathBuf], tables: &Tables) -> std::io::Result<Report> {
    let sources: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read(p).map(|b| String::from_utf8_lossy(&b).into_owned()))
        .collect::<Result<_, _>>()?;
    let lexed: Vec<Lexed<'_>> = sources.iter().map(|s| lex(s)).collect();
    let mut report = Report {
        files: paths.iter().map(|p| p.display().to_string()).collect(),
        units: paths
            .iter()
            .filter(|p| ext_of(p).is_some_and(|e| UNIT_EXTS.contains(&e.as_str())))
            .count(),
        lines: sources.iter().map(|s| s.lines().count()).sum(),
        ..Report::default()
    };

    // The program's own names, and each file's SOCKET-typed names.
    let mut own: HashSet<&str> = HashSet::new();
    let mut sockets: Vec<HashSet<&str>> = Vec::new();
    for l in &lexed {
        let mut s = HashSet::new();
        declared(l, Depth::All, &mut own, &mut s);
        sockets.push(s);
    }

    // Includes.
    let tree: Vec<String> = report.files.iter().map(|f| f.replace('\\', "/")).collect();
    for (fi, l) in lexed.iter().enumerate() {
        for inc in &l.includes {
            let issue = |fix| IncludeIssue {
                site: Site {
                    file: fi,
                    line: inc.line,
                },
                name: inc.name.clone(),
                angle: inc.angle,
                fix,
            };
            let name = inc.name.replace('\\', "/");
            // "../common/initsock.h": the file the including file's directory names.
            if let Some((resolved, steps)) = relative_include(&tree[fi], &name) {
                if tree.iter().any(|f| normalize(f) == resolved) {
                    continue;
                }
                if let Some(f) = tree
                    .iter()
                    .find(|f| normalize(f).eq_ignore_ascii_case(&resolved))
                {
                    report.includes.push(issue(Some(respell(&name, steps, f))));
                    continue;
                }
            }
            let suffix = format!("/{name}");
            let in_tree = |f: &String| f == &name || f.ends_with(&suffix);
            if include_fate(&name, inc.angle, None) == IncludeFate::Found
                || tree.iter().any(in_tree)
            {
                continue;
            }
            let lower = suffix.to_ascii_lowercase();
            let tree_case = tree
                .iter()
                .find(|f| f.to_ascii_lowercase().ends_with(&lower) || f.eq_ignore_ascii_case(&name))
                .map(|f| {
                    let cut = f.len() - name.len();
                    f[cut..].to_string()
                });
            let fix = match include_fate(&name, inc.angle, tree_case) {
                IncludeFate::Found => continue,
                IncludeFate::Case(fix) => Some(fix),
                IncludeFate::Missing => None,
            };
            report.includes.push(issue(fix));
        }
    }

    // Names.
    let mut missing: BTreeMap<&str, Vec<Site>> = BTreeMap::new();
    let mut differences: BTreeMap<&str, Vec<Site>> = BTreeMap::new();
    let mut provided: HashMap<&str, usize> = HashMap::new();
    for (fi, l) in lexed.iter().enumerate() {
        let cpp = ext_of(&paths[fi]).is_some_and(|e| CPP_EXTS.contains(&e.as_str()));
        for stream in [&l.tokens, &l.macro_tokens] {
            for (i, tok) in stream.iter().enumerate() {
                let name = tok.text;
                if tok.kind != Kind::Ident
                    || is_keyword(name)
                    || own.contains(name)
                    || !global_use(stream, i)
                {
                    continue;
                }
                let site = Site {
                    file: fi,
                    line: tok.line,
                };
                if cpp && NOT_IN_CPP.contains(&name) {
                    missing.entry(name).or_default().push(site);
                } else if tables.provided.contains(name) {
                    if tables.differences.contains_key(name) && !PATTERN_NAMES.contains(&name) {
                        differences.entry(name).or_default().push(site);
                    } else {
                        *provided.entry(name).or_default() += 1;
                    }
                } else if tables.missing.contains_key(name) || windows_shaped(name) {
                    missing.entry(name).or_default().push(site);
                }
            }
        }
        patterns(fi, l, &own, &sockets[fi], tables, &mut report.findings);
        spellings(fi, &paths[fi], l, cpp, tables, &mut report.spellings);
    }
    report.missing = missing
        .into_iter()
        .map(|(name, sites)| {
            let entry = tables.missing.get(name);
            let reason = if NOT_IN_CPP.contains(&name) {
                NOT_IN_CPP_REASON
            } else {
                entry.map_or("not provided by ws2mp", |m| m.reason)
            };
            MissingName {
                name: name.to_string(),
                replacement: entry.and_then(|m| m.replacement).map(String::from),
                reason: reason.to_string(),
                sites,
            }
        })
        .collect();
    report
        .missing
        .sort_by(|a, b| b.sites.len().cmp(&a.sites.len()).then(a.name.cmp(&b.name)));
    report.differences = differences
        .into_iter()
        .map(|(name, sites)| Difference {
            name: name.to_string(),
            quote: tables.differences[name].clone(),
            sites,
        })
        .collect();
    let mut provided: Vec<(String, usize)> = provided
        .into_iter()
        .map(|(n, c)| (n.to_string(), c))
        .collect();
    provided.sort();
    report.provided = provided;
    report
        .findings
        .sort_by(|a, b| a.site.cmp(&b.site).then(a.what.cmp(&b.what)));
    report
        .findings
        .dedup_by(|a, b| a.site == b.site && a.what == b.what);
    Ok(report)
}

/// A quoted include that starts with `./` or `../` names a file relative to the including
/// file's directory: that file's path with `.` and `..` taken out, and how many leading
/// `.`/`..` steps the name has (`None` for any other name, which is matched by its ending).
fn relative_include(from: &str, name: &str) -> Option<(String, usize)> {
    if !(name.starts_with("./") || name.starts_with("../")) {
        return None;
    }
    let parts: Vec<&str> = name.split('/').collect();
    let steps = parts
        .iter()
        .take_while(|p| **p == "." || **p == "..")
        .count();
    if parts[steps..].iter().any(|p| *p == "." || *p == "..") {
        return None;
    }
    let dir = from.rsplit_once('/').map_or("", |(d, _)| d);
    Some((normalize(&format!("{dir}/{name}")), steps))
}

/// A path without `.` components and with each `..` applied to the component before it
/// (leading `..`s stay); an empty path is `.`.
fn normalize(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for p in path.split('/') {
        match p {
            "." => {}
            "" if !out.is_empty() => {}
            ".." if out.last().is_some_and(|l| *l != ".." && !l.is_empty()) => {
                out.pop();
            }
            _ => out.push(p),
        }
    }
    if out.is_empty() {
        ".".to_string()
    } else {
        out.join("/")
    }
}

/// `name` (leading `steps` `.`/`..` components, then a path) respelled with the capitalisation
/// of the tree's file `found`, which ends with that path in another case.
fn respell(name: &str, steps: usize, found: &str) -> String {
    let parts: Vec<&str> = name.split('/').collect();
    let keep = parts.len() - steps;
    let found: Vec<&str> = found.split('/').collect();
    let tail = &found[found.len().saturating_sub(keep)..];
    parts[..steps]
        .iter()
        .chain(tail.iter())
        .copied()
        .collect::<Vec<_>>()
        .join("/")
}

/// The suffixes GCC and Clang take as C or C++ source, as written (they do not fold case).
const GCC_UNIT_SUFFIXES: &[&str] = &["c", "cpp", "cc", "cxx", "cp", "c++", "CPP", "C"];

/// The Windows spellings of one file that GCC and Clang refuse: a unit whose suffix they do not
/// know (`Server.Cpp`), a `void main` in C++.
fn spellings(
    fi: usize,
    path: &Path,
    l: &Lexed<'_>,
    cpp: bool,
    tables: &Tables,
    out: &mut Vec<Finding>,
) {
    let written = path
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    if ext_of(path).is_some_and(|e| UNIT_EXTS.contains(&e.as_str()))
        && !GCC_UNIT_SUFFIXES.contains(&written.as_str())
    {
        out.push(Finding {
            site: Site { file: fi, line: 1 },
            what: format!(
                "the suffix `.{written}` is not one GCC and Clang compile: rename the file with `.{}`, or compile it with `-x {}`",
                written.to_ascii_lowercase(),
                if cpp { "c++" } else { "c" }
            ),
            quote: tables.spelling(SPELLING_SUFFIX),
        });
    }
    if !cpp {
        return;
    }
    let t = &l.tokens;
    // Brace depth: a `main` declared inside a class or a function is not the program's.
    let mut depth = 0usize;
    for (i, tok) in t.iter().enumerate() {
        match tok.text {
            "{" => depth += 1,
            "}" => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > 0 || tok.kind != Kind::Ident || tok.text != "void" {
            continue;
        }
        // `void main(`, `void __cdecl main(`, `void _tmain(`, `void wmain(`.
        let mut j = i + 1;
        while t
            .get(j)
            .is_some_and(|x| x.text == "__cdecl" || x.text == "_cdecl")
        {
            j += 1;
        }
        let named = t
            .get(j)
            .is_some_and(|x| ["main", "wmain", "_tmain"].contains(&x.text));
        if named && t.get(j + 1).is_some_and(|x| x.text == "(") {
            out.push(Finding {
                site: Site {
                    file: fi,
                    line: tok.line,
                },
                what: format!("`void {}` in C++", t[j].text),
                quote: tables.spelling(SPELLING_VOID_MAIN),
            });
        }
    }
}

/// The patterns that compile but behave differently, in one file.
fn patterns(
    fi: usize,
    l: &Lexed<'_>,
    own: &HashSet<&str>,
    sockets: &HashSet<&str>,
    tables: &Tables,
    out: &mut Vec<Finding>,
) {
    let t = &l.tokens;
    let uses = |name: &str| t.iter().any(|x| x.kind == Kind::Ident && x.text == name);
    let datagrams = uses("SOCK_DGRAM");
    let rooted = [
        "WSA_FLAG_MULTIPOINT_C_ROOT",
        "WSA_FLAG_MULTIPOINT_D_ROOT",
        "XP1_MULTIPOINT_CONTROL_PLANE",
    ]
    .iter()
    .any(|n| uses(n));
    // The first `/`-separated source the file reads, and the names its calls fill with paths.
    let slash_source = SLASH_PATHS.iter().map(|(n, _)| *n).find(|n| uses(n));
    let (slash_filled, backslash_filled) = filled_paths(t);
    for (i, tok) in t.iter().enumerate() {
        if tok.kind != Kind::Ident || own.contains(tok.text) || !global_use(t, i) {
            continue;
        }
        let site = Site {
            file: fi,
            line: tok.line,
        };
        let call = t.get(i + 1).is_some_and(|n| n.text == "(");
        let mut add = |what: String, quote: Quote| out.push(Finding { site, what, quote });
        match tok.text {
            name if call && RAW_CALLS.contains(&name) => {
                let args = call_args(t, i + 1);
                if let Some(sock) = args.first().and_then(|a| {
                    a.iter()
                        .find(|x| x.kind == Kind::Ident && sockets.contains(x.text))
                }) {
                    add(
                        format!(
                            "{name}() on the SOCKET `{}`: a raw libc call bypasses ws2mp",
                            sock.text
                        ),
                        tables.row("Raw libc calls on a ws2mp socket"),
                    );
                }
            }
            "SO_REUSEADDR" => add(
                "`SO_REUSEADDR`: port sharing has POSIX's meaning".into(),
                tables.row("`SO_REUSEADDR`"),
            ),
            "FIONREAD" if datagrams => add(
                "`FIONREAD` in a file with datagram sockets".into(),
                tables.row("`FIONREAD` on a datagram socket"),
            ),
            "IP_MULTICAST_LOOP" | "SIO_MULTIPOINT_LOOPBACK" => add(
                format!(
                    "`{}`: multicast loopback is decided by the receiving socket",
                    tok.text
                ),
                tables.bullet("**Loopback belongs to the receiving socket.**"),
            ),
            "WSAJoinLeaf" if rooted => add(
                "`WSAJoinLeaf` in rooted multipoint: the other end must be ws2mp too".into(),
                tables.bullet("**Both ends must be ws2mp.**"),
            ),
            name if call && slash_source.is_some() && SEARCH_CALLS.contains(&name) => {
                let args = call_args(t, i + 1);
                let backslash = args.get(1).is_some_and(|a| {
                    a.iter()
                        .any(|x| x.kind == Kind::Literal && x.text.ends_with("'\\\\'"))
                });
                let searched: Vec<&str> = args.first().map_or(Vec::new(), |a| {
                    a.iter()
                        .filter(|x| x.kind == Kind::Ident)
                        .map(|x| x.text)
                        .collect()
                });
                // What the search looks in: a `/`-separated source by name or by the call
                // that filled it; a path only GetModuleFileName & co. filled is `\`-separated
                // here too; of anything else the origin is not known (the file reads a
                // `/`-separated source somewhere).
                let what = if let Some(n) = searched
                    .iter()
                    .find(|n| SLASH_PATHS.iter().any(|(s, at)| s == *n && at.is_none()))
                {
                    Some(format!("`{n}`"))
                } else if let Some((n, from)) =
                    slash_filled.iter().find(|(n, _)| searched.contains(n))
                {
                    Some(format!("`{n}`, which {from} fills"))
                } else if searched.iter().any(|n| backslash_filled.contains(n)) {
                    None
                } else {
                    slash_source.map(|s| format!("a path, in a file that reads {s}"))
                };
                if let (true, Some(what)) = (backslash, what) {
                    add(
                        format!("{name}() for '\\\\' in {what}: that path is `/`-separated here"),
                        tables.spelling("`strrchr(path, '\\\\')`"),
                    );
                }
            }
            name if call => {
                if let Some((_, at)) = OVERLAPPED_ARG.iter().find(|(n, _)| *n == name) {
                    let args = call_args(t, i + 1);
                    let overlapped = args.get(*at).is_some_and(|a| {
                        !a.iter().any(|x| matches!(x.text, "NULL" | "nullptr" | "0"))
                    });
                    if overlapped {
                        add(
                            format!(
                                "{name}() with an lpOverlapped: overlapped I/O on sockets only"
                            ),
                            tables.row("Overlapped I/O"),
                        );
                    }
                }
            }
            _ => {}
        }
    }
}
