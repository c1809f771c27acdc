//! The registry: keys under the predefined roots, each with named, typed values, kept in one
//! file per root so that what a program writes is there at its next run.
//!
//! The files live in `$WS2MP_REGISTRY` (a directory), else `$XDG_CONFIG_HOME/ws2mp/registry`,
//! else `~/.config/ws2mp/registry`: `HKEY_CURRENT_USER.reg`, `HKEY_LOCAL_MACHINE.reg`, ...
//! (all the user's: there is no machine-wide registry). A file is read when the process first
//! uses its root and written whole, through a rename, after each change. A key path is
//! matched without regard to ASCII case (`Software\Vendor` is `SOFTWARE\vendor`) and keeps the
//! case it was created with. String values are kept as UTF-16 with their NUL, as Windows keeps
//! them; the A functions convert. Another process's changes are not seen once the root is
//! loaded; the last writer's file wins.
//!
//! File format, one line each: `[Path\To\Key]`, then `"name"=type:hexbytes` for its values
//! (`@` for the default value; `\"` and `\\` escaped in names).

use parking_lot::Mutex;
use std::collections::BTreeMap;
use std::path::PathBuf;

pub(crate) const ERROR_FILE_NOT_FOUND: u32 = 2;
pub(crate) const ERROR_ACCESS_DENIED: u32 = 5;
pub(crate) const ERROR_INVALID_HANDLE: u32 = 6;
pub(crate) const ERROR_INVALID_PARAMETER: u32 = 87;
pub(crate) const ERROR_MORE_DATA: u32 = 234;
pub(crate) const ERROR_NO_MORE_ITEMS: u32 = 259;
pub(crate) const ERROR_CANTWRITE: u32 = 1013;

/// The predefined root keys, by the low 32 bits of their handles.
pub(crate) const ROOTS: [(u32, &str); 6] = [
    (0x8000_0000, "HKEY_CLASSES_ROOT"),
    (0x8000_0001, "HKEY_CURRENT_USER"),
    (0x8000_0002, "HKEY_LOCAL_MACHINE"),
    (0x8000_0003, "HKEY_USERS"),
    (0x8000_0005, "HKEY_CURRENT_CONFIG"),
    (0x8000_0006, "HKEY_DYN_DATA"),
];

/// One value: its name (as given), type and data.
#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    pub name: String,
    pub kind: u32,
    pub data: Vec<u8>,
}

/// One key: its path (as created) and its values in creation order.
#[derive(Clone, Debug, Default)]
struct Key {
    path: String,
    values: Vec<Value>,
}

/// One root's keys by lower-case path ("" is the root itself).
#[derive(Default)]
struct Hive {
    keys: BTreeMap<String, Key>,
}

fn fold(path: &str) -> String {
    path.to_ascii_lowercase()
}

/// A key path as a program writes it: `\` separated, no empty parts.
pub fn clean(path: &str) -> String {
    path.split('\\')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\\")
}

/// `base\sub`, either side possibly empty.
pub fn join(base: &str, sub: &str) -> String {
    match (base.is_empty(), sub.is_empty()) {
        (true, _) => clean(sub),
        (_, true) => base.to_owned(),
        _ => clean(&format!("{base}\\{sub}")),
    }
}

fn escape(name: &str) -> String {
    name.replace('\\', "\\\\").replace('"', "\\\"")
}

fn unescape(name: &str) -> String {
    let mut out = String::new();
    let mut chars = name.chars();
    while let Some(c) = chars.next() {
        out.push(if c == '\\' {
            chars.next().unwrap_or('\\')
        } else {
            c
        });
    }
    out
}

impl Hive {
    fn parse(text: &str) -> Hive {
        let mut hive = Hive::default();
        hive.keys.insert(String::new(), Key::default());
        let mut current = String::new();
        for line in text.lines() {
            let line = line.trim_end();
            if let Some(path) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                current = fold(&clean(path));
                hive.create(&clean(path));
            } else if let Some(v) = Self::parse_value(line) {
                if let Some(key) = hive.keys.get_mut(&current) {
                    key.values
                        .retain(|old| !old.name.eq_ignore_ascii_case(&v.name));
                    key.values.push(v);
                }
            }
        }
        hive
    }

    fn parse_value(line: &str) -> Option<Value> {
        let (name, rest) = if let Some(rest) = line.strip_prefix("@=") {
            (String::new(), rest)
        } else {
            let body = line.strip_prefix('"')?;
            // The closing quote: the first one not escaped.
            let mut end = None;
            let mut escaped = false;
            for (i, c) in body.char_indices() {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => {
                        end = Some(i);
                        break;
                    }
                    _ => {}
                }
            }
            let end = end?;
            (unescape(&body[..end]), body[end + 1..].strip_prefix('=')?)
        };
        let (kind, hex) = rest.split_once(':')?;
        let kind = kind.parse().ok()?;
        if hex.len() % 2 != 0 {
            return None;
        }
        let data = (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).ok())
            .collect::<Option<Vec<u8>>>()?;
        Some(Value { name, kind, data })
    }

    fn text(&self) -> String {
        let mut out = String::new();
        for key in self.keys.values() {
            out.push_str(&format!("[{}]\n", key.path));
            for v in &key.values {
                let hex: String = v.data.iter().map(|b| format!("{b:02x}")).collect();
                if v.name.is_empty() {
                    out.push_str(&format!("@={}:{hex}\n", v.kind));
                } else {
                    out.push_str(&format!("\"{}\"={}:{hex}\n", escape(&v.name), v.kind));
                }
            }
        }
        out
    }

    /// Creates `path` and the keys above it; true when `path` itself was new.
    fn create(&mut self, path: &str) -> bool {
        let parts: Vec<&str> = path.split('\\').filter(|p| !p.is_empty()).collect();
        let mut created = false;
        for n in 0..=parts.len() {
            let p = parts[..n].join("\\");
            if let std::collections::btree_map::Entry::Vacant(e) = self.keys.entry(fold(&p)) {
                e.insert(Key {
                    path: p,
                    values: Vec::new(),
                });
                created = n == parts.len();
            }
        }
        created
    }

    /// The direct subkeys of `path`, in name order (case-insensitive, as Windows lists them).
    fn subkeys(&self, path: &str) -> Vec<String> {
        let prefix = if path.is_empty() {
            String::new()
        } else {
            format!("{}\\", fold(path))
        };
        self.keys
            .iter()
            .filter(|(k, _)| {
                !k.is_empty() && k.starts_with(&prefix) && !k[prefix.len()..].contains('\\')
            })
            .map(|(_, key)| key.path.rsplit('\\').next().unwrap_or(&key.path).to_owned())
            .collect()
    }
}

/// Where the root files are.
fn directory() -> PathBuf {
    if let Some(dir) = std::env::var_os("WS2MP_REGISTRY") {
        return PathBuf::from(dir);
    }
    let config = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
        .unwrap_or_else(|| PathBuf::from("."));
    config.join("ws2mp").join("registry")
}

/// The loaded roots, by name.
static HIVES: Mutex<BTreeMap<&'static str, Hive>> = Mutex::new(BTreeMap::new());

/// Runs `f` on root `root`'s hive (loaded at first use); `save` writes it back afterwards.
fn with_hive<T>(
    root: &'static str,
    save: bool,
    f: impl FnOnce(&mut Hive) -> Result<T, u32>,
) -> Result<T, u32> {
    let mut hives = HIVES.lock();
    let hive = hives.entry(root).or_insert_with(|| {
        let text =
            std::fs::read_to_string(directory().join(format!("{root}.reg"))).unwrap_or_default();
        Hive::parse(&text)
    });
    let result = f(hive)?;
    if save {
        let dir = directory();
        std::fs::create_dir_all(&dir)
            .and_then(|()| {
                super::replace_file::replace_file(&dir.join(format!("{root}.reg")), &hive.text())
            })
            .map_err(|_| ERROR_CANTWRITE)?;
    }
    Ok(result)
}

/// A key: its root and its path under it.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyRef {
    pub root: &'static str,
    pub path: String,
}

/// Opens an existing key.
pub fn open(at: &KeyRef, sub: &str) -> Result<KeyRef, u32> {
    let path = join(&at.path, sub);
    with_hive(at.root, false, |h| {
        h.keys
            .get(&fold(&path))
            .map(|k| KeyRef {
                root: at.root,
                path: k.path.clone(),
            })
            .ok_or(ERROR_FILE_NOT_FOUND)
    })
}

/// Opens or creates a key; true when it was created.
pub fn create(at: &KeyRef, sub: &str) -> Result<(KeyRef, bool), u32> {
    let path = join(&at.path, sub);
    let mut created = false;
    let found = with_hive(at.root, false, |h| {
        Ok(h.keys.get(&fold(&path)).map(|k| k.path.clone()))
    })?;
    let path = match found {
        Some(p) => p,
        None => with_hive(at.root, true, |h| {
            created = h.create(&path);
            Ok(h.keys[&fold(&path)].path.clone())
        })?,
    };
    Ok((
        KeyRef {
            root: at.root,
            path,
        },
        created,
    ))
}

/// A value of the key (`""` is the default value).
pub fn value(at: &KeyRef, name: &str) -> Result<Value, u32> {
    with_hive(at.root, false, |h| {
        let key = h.keys.get(&fold(&at.path)).ok_or(ERROR_FILE_NOT_FOUND)?;
        key.values
            .iter()
            .find(|v| v.name.eq_ignore_ascii_case(name))
            .cloned()
            .ok_or(ERROR_FILE_NOT_FOUND)
    })
}

/// Sets a value (replacing one of the same name).
pub fn set_value(at: &KeyRef, v: Value) -> Result<(), u32> {
    with_hive(at.root, true, |h| {
        let key = h
            .keys
            .get_mut(&fold(&at.path))
            .ok_or(ERROR_FILE_NOT_FOUND)?;
        match key
            .values
            .iter_mut()
            .find(|old| old.name.eq_ignore_ascii_case(&v.name))
        {
            Some(old) => *old = v,
            None => key.values.push(v),
        }
        Ok(())
    })
}

/// Deletes a value.
pub fn delete_value(at: &KeyRef, name: &str) -> Result<(), u32> {
    with_hive(at.root, true, |h| {
        let key = h
            .keys
            .get_mut(&fold(&at.path))
            .ok_or(ERROR_FILE_NOT_FOUND)?;
        let before = key.values.len();
        key.values.retain(|v| !v.name.eq_ignore_ascii_case(name));
        if key.values.len() == before {
            return Err(ERROR_FILE_NOT_FOUND);
        }
        Ok(())
    })
}

/// Deletes a key without subkeys (`ERROR_ACCESS_DENIED` if it has some, as Windows'
/// `RegDeleteKey`), or with them when `tree`.
pub fn delete_key(at: &KeyRef, sub: &str, tree: bool) -> Result<(), u32> {
    let path = join(&at.path, sub);
    if path.is_empty() && !tree {
        return Err(ERROR_ACCESS_DENIED);
    }
    with_hive(at.root, true, |h| {
        let folded = fold(&path);
        if !h.keys.contains_key(&folded) {
            return Err(ERROR_FILE_NOT_FOUND);
        }
        if !tree && !h.subkeys(&path).is_empty() {
            return Err(ERROR_ACCESS_DENIED);
        }
        let prefix = format!("{folded}\\");
        h.keys
            .retain(|k, _| !(k.starts_with(&prefix) || (folded.is_empty() && !k.is_empty())));
        if folded.is_empty() {
            if let Some(root) = h.keys.get_mut("") {
                root.values.clear();
            }
        } else {
            h.keys.remove(&folded);
        }
        Ok(())
    })
}

/// The key's direct subkey names, in order.
pub fn subkeys(at: &KeyRef) -> Result<Vec<String>, u32> {
    with_hive(at.root, false, |h| {
        h.keys.get(&fold(&at.path)).ok_or(ERROR_FILE_NOT_FOUND)?;
        Ok(h.subkeys(&at.path))
    })
}

/// The key's values, in the order they were first set.
pub fn values(at: &KeyRef) -> Result<Vec<Value>, u32> {
    with_hive(at.root, false, |h| {
        Ok(h.keys
            .get(&fold(&at.path))
            .ok_or(ERROR_FILE_NOT_FOUND)?
            .values
            .clone())
    })
}

/// Open key handles: a tag in the high bits ("REGK") and a counter, never a predefined root
/// (whose handles have all their high bits set) nor another kind of handle.
#[cfg(target_pointer_width = "64")]
const KEY_TAG: usize = 0x5245_474B_0000_0000;
#[cfg(not(target_pointer_width = "64"))]
const KEY_TAG: usize = 0x5000_0000;

struct Handles {
    next: usize,
    open: BTreeMap<usize, KeyRef>,
}

static HANDLES: Mutex<Handles> = Mutex::new(Handles {
    next: 1,
    open: BTreeMap::new(),
});

/// The key a handle names: a predefined root or an open key.
pub fn key_of(handle: usize) -> Result<KeyRef, u32> {
    if let Some(root) = root_of(handle) {
        return Ok(KeyRef {
            root,
            path: String::new(),
        });
    }
    HANDLES
        .lock()
        .open
        .get(&handle)
        .cloned()
        .ok_or(ERROR_INVALID_HANDLE)
}

/// The predefined root a handle is: Windows' `(HKEY)(ULONG_PTR)(LONG)0x8000000n` (sign
/// extended), or the same 32 bits zero-extended.
fn root_of(handle: usize) -> Option<&'static str> {
    let high = (handle as u64) >> 32;
    if high != 0 && high != u64::from(u32::MAX) {
        return None;
    }
    let low = handle as u32;
    ROOTS.iter().find(|(h, _)| *h == low).map(|(_, root)| *root)
}

/// A new handle for `key`.
pub fn handle_for(key: KeyRef) -> usize {
    let mut h = HANDLES.lock();
    let handle = KEY_TAG | (h.next & 0x0FFF_FFFF);
    h.next += 1;
    h.open.insert(handle, key);
    handle
}

/// Closes a handle (a predefined root's always succeeds).
pub fn close(handle: usize) -> Result<(), u32> {
    if root_of(handle).is_some() {
        return Ok(());
    }
    HANDLES
        .lock()
        .open
        .remove(&handle)
        .map(|_| ())
        .ok_or(ERROR_INVALID_HANDLE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_format_round_trips() {
        let mut h = Hive::parse("");
        h.create("Software\\Vendor\\App");
        h.keys
            .get_mut(&fold("Software\\Vendor\\App"))
            .unwrap()
            .values = vec![
            Value {
                name: String::new(),
                kind: 1,
                data: vec![b'a', 0, 0, 0],
            },
            Value {
                name: "Port \"x\\y\"".into(),
                kind: 4,
                data: vec![0x90, 0x1f, 0, 0],
            },
        ];
        let text = h.text();
        let again = Hive::parse(&text);
        assert_eq!(again.text(), text);
        assert_eq!(again.subkeys("software"), ["Vendor"]);
        assert_eq!(
            again.keys[&fold("SOFTWARE\\vendor\\app")].values[1].name,
            "Port \"x\\y\""
        );
    }

    #[test]
    fn paths_are_cleaned_and_joined() {
        assert_eq!(clean("\\Software\\\\Vendor\\"), "Software\\Vendor");
        assert_eq!(join("Software", "Vendor\\App"), "Software\\Vendor\\App");
        assert_eq!(join("", "X"), "X");
        assert_eq!(join("A", ""), "A");
    }
}
