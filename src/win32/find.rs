//! Directory searches: `FindFirstFile` / `FindNextFile` / `FindClose`.
//!
//! A search is `directory\pattern` (`\` or `/` separates; no directory: the current one).
//! The pattern matches names without regard to ASCII case, `*` any run of characters, `?`
//! one; `*.*` is `*`, as on Windows. A directory other than `/` lists `.` and `..` first, then
//! its entries in case-insensitive name order (NTFS's order; the system's own is arbitrary).
//! The matching entries are taken when the search starts; the handle walks through them.
//! Errors are Windows': a missing directory `ERROR_PATH_NOT_FOUND`, no match
//! `ERROR_FILE_NOT_FOUND`, the end `ERROR_NO_MORE_FILES`.

use super::path;
use parking_lot::Mutex;
use std::collections::BTreeMap;
use std::fs::Metadata;
use std::io;

pub(crate) const ERROR_FILE_NOT_FOUND: u32 = 2;
pub(crate) const ERROR_PATH_NOT_FOUND: u32 = 3;
pub(crate) const ERROR_ACCESS_DENIED: u32 = 5;
pub(crate) const ERROR_INVALID_HANDLE: u32 = 6;
pub(crate) const ERROR_NO_MORE_FILES: u32 = 18;

const FILE_ATTRIBUTE_READONLY: u32 = 0x01;
const FILE_ATTRIBUTE_HIDDEN: u32 = 0x02;
const FILE_ATTRIBUTE_DIRECTORY: u32 = 0x10;
const FILE_ATTRIBUTE_NORMAL: u32 = 0x80;

/// One entry a search found, with the fields of `WIN32_FIND_DATA`.
#[derive(Clone, Debug)]
pub struct Found {
    pub name: String,
    pub attributes: u32,
    /// FILETIME ticks (100 ns since 1601, UTC).
    pub created: u64,
    pub accessed: u64,
    pub written: u64,
    pub size: u64,
}

/// Windows' matching of a name against a search pattern (see the module comment).
pub fn matches(pattern: &str, name: &str) -> bool {
    let pattern = if pattern == "*.*" { "*" } else { pattern };
    let p: Vec<char> = pattern.chars().map(|c| c.to_ascii_lowercase()).collect();
    let n: Vec<char> = name.chars().map(|c| c.to_ascii_lowercase()).collect();
    // Iterative wildcard match with one backtrack point for the last `*`.
    let (mut i, mut j, mut star, mut mark) = (0, 0, None, 0);
    while j < n.len() {
        if i < p.len() && (p[i] == '?' || p[i] == n[j]) {
            i += 1;
            j += 1;
        } else if i < p.len() && p[i] == '*' {
            star = Some(i);
            mark = j;
            i += 1;
        } else if let Some(s) = star {
            i = s + 1;
            mark += 1;
            j = mark;
        } else {
            return false;
        }
    }
    p[i..].iter().all(|&c| c == '*')
}

fn found(name: &str, meta: &Metadata) -> Found {
    let mut attributes = if meta.is_dir() {
        FILE_ATTRIBUTE_DIRECTORY
    } else {
        0
    };
    if meta.permissions().readonly() {
        attributes |= FILE_ATTRIBUTE_READONLY;
    }
    if name.starts_with('.') && name != "." && name != ".." {
        attributes |= FILE_ATTRIBUTE_HIDDEN;
    }
    if attributes == 0 {
        attributes = FILE_ATTRIBUTE_NORMAL;
    }
    let ft = |t: std::io::Result<std::time::SystemTime>| t.map_or(0, super::filetime::of);
    let written = ft(meta.modified());
    Found {
        name: name.to_owned(),
        attributes,
        created: match ft(meta.created()) {
            0 => written,
            t => t,
        },
        accessed: ft(meta.accessed()),
        written,
        size: if meta.is_dir() { 0 } else { meta.len() },
    }
}

/// The entries `spec` names, in the order the handle gives them, or the Win32 error.
pub fn search(spec: &str) -> Result<Vec<Found>, u32> {
    let spec = path::native(spec);
    let (dir, pattern) = match spec.rfind('/') {
        Some(0) => ("/", &spec[1..]),
        Some(i) => (&spec[..i], &spec[i + 1..]),
        None => (".", spec.as_str()),
    };
    let entries = std::fs::read_dir(dir).map_err(|e| match e.kind() {
        io::ErrorKind::PermissionDenied => ERROR_ACCESS_DENIED,
        _ => ERROR_PATH_NOT_FOUND,
    })?;
    if pattern.is_empty() {
        return Err(ERROR_FILE_NOT_FOUND);
    }
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    names.sort_by_key(|n| n.to_ascii_lowercase());
    if dir != "/" {
        names.splice(0..0, [".".to_owned(), "..".to_owned()]);
    }
    let list: Vec<Found> = names
        .iter()
        .filter(|n| matches(pattern, n))
        .filter_map(|n| {
            let full = format!("{dir}/{n}");
            let meta = std::fs::metadata(&full)
                .or_else(|_| std::fs::symlink_metadata(&full))
                .ok()?;
            Some(found(n, &meta))
        })
        .collect();
    if list.is_empty() {
        return Err(ERROR_FILE_NOT_FOUND);
    }
    Ok(list)
}

/// Search handles: a tag in the high bits ("FIND") and a counter, so a search handle is never
/// a socket, a file or a handle of the table.
#[cfg(target_pointer_width = "64")]
const FIND_TAG: usize = 0x4649_4E44_0000_0000;
#[cfg(not(target_pointer_width = "64"))]
const FIND_TAG: usize = 0x7000_0000;

struct Searches {
    next: usize,
    open: BTreeMap<usize, std::vec::IntoIter<Found>>,
}

static SEARCHES: Mutex<Searches> = Mutex::new(Searches {
    next: 1,
    open: BTreeMap::new(),
});

/// Starts a search: its first entry and the handle for the rest.
pub fn first(spec: &str) -> Result<(usize, Found), u32> {
    let mut rest = search(spec)?.into_iter();
    let first = rest.next().ok_or(ERROR_FILE_NOT_FOUND)?;
    let mut s = SEARCHES.lock();
    let handle = FIND_TAG | (s.next & 0x0FFF_FFFF);
    s.next += 1;
    s.open.insert(handle, rest);
    Ok((handle, first))
}

/// The search's next entry; `ERROR_NO_MORE_FILES` at the end, `ERROR_INVALID_HANDLE` for a
/// handle that is no search.
pub fn next(handle: usize) -> Result<Found, u32> {
    let mut s = SEARCHES.lock();
    let rest = s.open.get_mut(&handle).ok_or(ERROR_INVALID_HANDLE)?;
    rest.next().ok_or(ERROR_NO_MORE_FILES)
}

/// Ends a search; false for a handle that is no search.
pub fn close(handle: usize) -> bool {
    SEARCHES.lock().open.remove(&handle).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_as_on_windows() {
        for (p, n, yes) in [
            ("*", "a.txt", true),
            ("*.*", "README", true),
            ("*.TXT", "notes.txt", true),
            ("*.txt", "notes.txt.bak", false),
            ("a?c", "abc", true),
            ("a?c", "ac", false),
            ("*log*", "server.log.1", true),
            ("data", "DATA", true),
            ("*.c", "x.cpp", false),
        ] {
            assert_eq!(matches(p, n), yes, "{p} {n}");
        }
    }

    #[test]
    fn a_search_lists_dot_entries_then_sorted_names() {
        let dir = std::env::temp_dir().join(format!("ws2mp-find-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("Sub")).unwrap();
        std::fs::write(dir.join("b.txt"), b"12345").unwrap();
        std::fs::write(dir.join("A.TXT"), b"").unwrap();
        let d = dir.to_str().unwrap();
        let names: Vec<String> = search(&format!("{d}\\*"))
            .unwrap()
            .into_iter()
            .map(|f| f.name)
            .collect();
        assert_eq!(names, [".", "..", "A.TXT", "b.txt", "Sub"]);
        let txt = search(&format!("{d}/*.txt")).unwrap();
        assert_eq!(txt.len(), 2);
        assert_eq!((txt[1].size, txt[1].attributes), (5, FILE_ATTRIBUTE_NORMAL));
        let sub = search(&format!("{d}/sub")).unwrap();
        assert_eq!(
            (sub[0].name.as_str(), sub[0].attributes),
            ("Sub", FILE_ATTRIBUTE_DIRECTORY)
        );
        assert_eq!(
            search(&format!("{d}/*.none")).unwrap_err(),
            ERROR_FILE_NOT_FOUND
        );
        assert_eq!(
            search(&format!("{d}/missing/*")).unwrap_err(),
            ERROR_PATH_NOT_FOUND
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
