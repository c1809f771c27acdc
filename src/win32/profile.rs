//! Initialization files (`.ini`), as `GetPrivateProfileString`, `GetPrivateProfileInt`,
//! `GetPrivateProfileSection(Names)` and `WritePrivateProfileString` read and write them.
//!
//! A file is lines: `[section]` headers, `key=value` entries, comments (`;` first) and
//! anything else (kept, never reported as a key). Names are matched without regard to ASCII
//! case; names and values are trimmed of blanks, and a value in matching single or double
//! quotes loses them. The file is read at every call (no cache: an edit by hand or by another
//! process is seen at once) and written whole, through a temporary file renamed over it, in
//! the line ending the file already uses (`\n` for a new file).

use std::io;
use std::path::PathBuf;

/// The text of a `[section]` header line.
fn header(line: &str) -> Option<&str> {
    let rest = line.trim_start().strip_prefix('[')?;
    Some(rest.split(']').next().unwrap_or(rest).trim())
}

/// The key and value of a `key=value` line (not a comment, not a header).
fn entry(line: &str) -> Option<(&str, &str)> {
    let t = line.trim_start();
    if t.starts_with(';') || t.starts_with('[') {
        return None;
    }
    let (k, v) = t.split_once('=')?;
    Some((k.trim(), unquote(v.trim())))
}

/// A value without its matching pair of quotes.
fn unquote(v: &str) -> &str {
    let b = v.as_bytes();
    if b.len() >= 2 && (b[0] == b'"' || b[0] == b'\'') && b[b.len() - 1] == b[0] {
        &v[1..v.len() - 1]
    } else {
        v
    }
}

fn same(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// The lines of the first section called `name` (without its header), or None.
fn section<'t>(text: &'t str, name: &str) -> Option<Vec<&'t str>> {
    let mut lines = text.lines();
    lines
        .by_ref()
        .find(|l| header(l).is_some_and(|h| same(h, name)))?;
    Some(lines.take_while(|l| header(l).is_none()).collect())
}

/// The section names, in file order.
pub fn section_names(text: &str) -> Vec<String> {
    text.lines().filter_map(header).map(str::to_owned).collect()
}

/// The keys of a section (lines with an `=`), in file order; empty when there is no section.
pub fn keys(text: &str, name: &str) -> Vec<String> {
    section(text, name)
        .unwrap_or_default()
        .into_iter()
        .filter_map(entry)
        .map(|(k, _)| k.to_owned())
        .collect()
}

/// The lines of a section as `GetPrivateProfileSection` gives them: `key=value` for each
/// entry (trimmed, quotes removed), other non-blank lines but comments as they are (trimmed).
pub fn section_lines(text: &str, name: &str) -> Vec<String> {
    section(text, name)
        .unwrap_or_default()
        .into_iter()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with(';'))
        .map(|l| match entry(l) {
            Some((k, v)) => format!("{k}={v}"),
            None => l.trim().to_owned(),
        })
        .collect()
}

/// The value of `key` in `section`.
pub fn value(text: &str, section_name: &str, key: &str) -> Option<String> {
    section(text, section_name)?
        .into_iter()
        .filter_map(entry)
        .find(|(k, _)| same(k, key))
        .map(|(_, v)| v.to_owned())
}

/// `GetPrivateProfileInt`'s reading of a value: blanks, an optional sign, decimal digits
/// (what follows them is ignored; no digit is 0), taken modulo 2^32 as Windows does.
pub fn int_value(v: &str) -> u32 {
    let t = v.trim_start();
    let (negative, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let n = digits
        .bytes()
        .take_while(u8::is_ascii_digit)
        .fold(0u32, |n, d| {
            n.wrapping_mul(10).wrapping_add(u32::from(d - b'0'))
        });
    if negative {
        n.wrapping_neg()
    } else {
        n
    }
}

/// The change `WritePrivateProfileString` makes: set `key` to `value`, delete the key
/// (`value` None) or the whole section (`key` None).
pub enum Change<'a> {
    Set(&'a str, &'a str),
    DeleteKey(&'a str),
    DeleteSection,
}

/// The text after `change` in `section_name`; None when nothing changes.
pub fn apply(text: &str, section_name: &str, change: &Change<'_>) -> Option<String> {
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let start = lines
        .iter()
        .position(|l| header(l).is_some_and(|h| same(h, section_name)));
    let Some(start) = start else {
        let Change::Set(key, value) = change else {
            return None;
        };
        lines.push(format!("[{section_name}]"));
        lines.push(format!("{key}={value}"));
        return Some(join(&lines, eol));
    };
    let end = lines[start + 1..]
        .iter()
        .position(|l| header(l).is_some())
        .map_or(lines.len(), |i| start + 1 + i);
    let found =
        (start + 1..end).find(|&i| entry(&lines[i]).is_some_and(|(k, _)| same(k, key_of(change))));
    match (change, found) {
        (Change::DeleteSection, _) => {
            lines.drain(start..end);
        }
        (Change::DeleteKey(_), Some(i)) => {
            lines.remove(i);
        }
        (Change::DeleteKey(_), None) => return None,
        (Change::Set(_, value), Some(i)) => {
            let key = entry(&lines[i])
                .map(|(k, _)| k.to_owned())
                .unwrap_or_default();
            lines[i] = format!("{key}={value}");
        }
        (Change::Set(key, value), None) => {
            // After the section's last non-blank line.
            let at = (start + 1..end)
                .rev()
                .find(|&i| !lines[i].trim().is_empty())
                .map_or(start + 1, |i| i + 1);
            lines.insert(at, format!("{key}={value}"));
        }
    }
    Some(join(&lines, eol))
}

fn key_of<'a>(change: &Change<'a>) -> &'a str {
    match change {
        Change::Set(k, _) | Change::DeleteKey(k) => k,
        Change::DeleteSection => "",
    }
}

fn join(lines: &[String], eol: &str) -> String {
    let mut s = lines.join(eol);
    if !s.is_empty() {
        s.push_str(eol);
    }
    s
}

/// The file a program names (`\` separates directories). A bare name (no directory), which
/// Windows looks for in the Windows directory, is taken from the current directory.
fn path(name: &str) -> PathBuf {
    PathBuf::from(super::path::native(name))
}

/// The file's text; a missing file is `Err(NotFound)`. Bytes that are not UTF-8 are replaced.
pub fn read(name: &str) -> io::Result<String> {
    let bytes = std::fs::read(path(name))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Writes `change` into the file, creating it (but not for a deletion). One writer at a time
/// in this process; the new text replaces the old by a rename, so a reader never sees half.
pub fn write(name: &str, section_name: &str, change: &Change<'_>) -> io::Result<()> {
    static WRITER: parking_lot::Mutex<()> = parking_lot::Mutex::new(());
    let _one = WRITER.lock();
    let file = path(name);
    let text = match std::fs::read(&file) {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if !matches!(change, Change::Set(..)) {
                return Ok(());
            }
            String::new()
        }
        Err(e) => return Err(e),
    };
    let Some(new) = apply(&text, section_name, change) else {
        return Ok(());
    };
    super::replace_file::replace_file(&file, &new)
}

#[cfg(test)]
mod tests {
    use super::*;

    const INI: &str = "; settings\r\n[Server]\r\nPort = 5150\r\nName=\"my server\"\r\nflag\r\n\r\n[client]\r\nretries=3\r\n";

    #[test]
    fn values_are_found_without_regard_to_case_trimmed_and_unquoted() {
        assert_eq!(value(INI, "server", "PORT").as_deref(), Some("5150"));
        assert_eq!(value(INI, "Server", "name").as_deref(), Some("my server"));
        assert_eq!(value(INI, "Server", "flag"), None);
        assert_eq!(value(INI, "Server", "retries"), None);
        assert_eq!(value(INI, "nothing", "Port"), None);
    }

    #[test]
    fn lists_are_in_file_order() {
        assert_eq!(section_names(INI), ["Server", "client"]);
        assert_eq!(keys(INI, "SERVER"), ["Port", "Name"]);
        assert_eq!(
            section_lines(INI, "Server"),
            ["Port=5150", "Name=my server", "flag"]
        );
        assert!(keys(INI, "none").is_empty());
    }

    #[test]
    fn integers_read_as_windows_does() {
        for (text, n) in [
            ("-1", u32::MAX),
            ("+1", 1),
            ("4294967296", 0),
            ("4294967297", 1),
            ("-4294967297", u32::MAX),
            ("42A94967297", 42),
            ("B4294967297", 0),
            ("  7 apples", 7),
        ] {
            assert_eq!(int_value(text), n, "{text}");
        }
    }

    #[test]
    fn setting_replaces_or_inserts_keeping_the_rest() {
        let t = apply(INI, "SERVER", &Change::Set("port", "6000")).unwrap();
        assert!(t.contains("[Server]\r\nPort=6000\r\nName=\"my server\"\r\nflag\r\n\r\n[client]"));
        let t = apply(&t, "server", &Change::Set("Timeout", "30")).unwrap();
        assert!(t.contains("flag\r\nTimeout=30\r\n\r\n[client]"), "{t:?}");
        let t = apply(&t, "new", &Change::Set("a", "1")).unwrap();
        assert!(t.ends_with("retries=3\r\n[new]\r\na=1\r\n"), "{t:?}");
        assert_eq!(
            apply("", "s", &Change::Set("k", "v")).unwrap(),
            "[s]\nk=v\n"
        );
    }

    #[test]
    fn deleting_a_key_or_a_section() {
        let t = apply(INI, "server", &Change::DeleteKey("NAME")).unwrap();
        assert!(!t.contains("my server") && t.contains("Port = 5150"));
        assert!(apply(INI, "server", &Change::DeleteKey("absent")).is_none());
        let t = apply(INI, "Server", &Change::DeleteSection).unwrap();
        assert_eq!(t, "; settings\r\n[client]\r\nretries=3\r\n");
        assert!(apply(INI, "absent", &Change::DeleteSection).is_none());
    }
}
